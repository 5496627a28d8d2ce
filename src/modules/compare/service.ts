import type { Db } from '../../db/client.ts';
import { compareOnTheme } from '../../domain/compare.ts';
import { evidenceForTags } from '../statements/queries.ts';
import { comparedOrganisations, figuresOnTheme, latestTags, sourcesOf, stanceCounts } from './queries.ts';

/** Every organisation's position on one theme, with evidence, sources and figures: the body of /v1/compare. */
export function themeComparison(db: Db, theme: string, scope: { event?: string[] | undefined; organisations?: string[] | undefined }) {
  const organisations = comparedOrganisations(db, scope.organisations);
  const counts = new Map(stanceCounts(db, { theme, events: scope.event, organisations: scope.organisations }).map((row) => [row.organisation, row.counts]));
  const tags = organisations.flatMap((organisation) => (counts.has(organisation.slug) ? latestTags(db, organisation.slug, theme, scope.event) : []));
  const statementIds = [...new Set(tags.map((t) => t.statementId))];
  const evidence = evidenceForTags(db, tags.map((t) => t.tagId));
  const sources = sourcesOf(db, statementIds);
  const figures = figuresOnTheme(db, theme, statementIds);
  const comparison = compareOnTheme(
    organisations,
    tags.map((tag) => ({
      ...tag,
      evidence: evidence.get(tag.tagId) ?? [],
      figures: figures.filter((f) => f.statementId === tag.statementId),
    })),
    counts,
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
