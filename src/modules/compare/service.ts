import type { Db } from '../../db/client.ts';
import { compareOnTheme } from '../../domain/compare.ts';
import { evidenceForTags } from '../statements/queries.ts';
import { comparedOrganisations, figuresOnTheme, sourcesOf, tagRows } from './queries.ts';

/** Every organisation's position on one theme, with evidence, sources and figures: the body of /v1/compare. */
export function themeComparison(db: Db, theme: string, scope: { event?: string[] | undefined; organisations?: string[] | undefined }) {
  const tags = tagRows(db, { theme, events: scope.event, organisations: scope.organisations });
  const statementIds = [...new Set(tags.map((t) => t.statementId))];
  const evidence = evidenceForTags(db, tags.map((t) => t.tagId));
  const sources = sourcesOf(db, statementIds);
  const figures = figuresOnTheme(db, theme, statementIds);
  const comparison = compareOnTheme(
    comparedOrganisations(db, scope.organisations),
    tags.map((tag) => ({
      ...tag,
      evidence: evidence.get(tag.tagId) ?? [],
      figures: figures.filter((f) => f.statementId === tag.statementId),
    })),
  );
  return {
    summary: comparison.summary,
    organisations: comparison.positions.map((position) => ({
      ...position,
      statements: position.statements.map((s) => ({
        id: s.statementId,
        url: `/v1/statements/${s.statementId}`,
        date: s.date,
        stance: s.stance,
        note: s.note,
        source: sources.get(s.statementId) ?? { title: '', publisher: '', url: '', publishedOn: '' },
        evidence: s.evidence,
      })),
    })),
  };
}
