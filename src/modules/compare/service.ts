import type { Db } from '../../db/database.ts';
import { compareOnTheme, stancesOverEvents } from '../../domain/compare.ts';
import { evidenceForTags } from '../statements/queries.ts';
import { comparedOrganisations, figuresOnTheme, latestTags, stanceCounts, stanceCountsByEvent } from './queries.ts';

/** Which compared organisations get their statements, evidence and figures read: a page of them, or some by name. */
export type Window = { offset: number; limit: number } | { only: string[] };

/**
 * Every organisation's position on one theme, with evidence, sources and figures: the body of
 * /v1/compare. Stances and the summary come from the trigger-kept counts for every organisation;
 * statements, evidence and figures are read only for the organisations in `window`, so the cost
 * of a page does not grow with the number of organisations or statements.
 */
export async function themeComparison(
  db: Db,
  theme: string,
  scope: { event?: string[] | undefined; organisations?: string[] | undefined; reviewed?: boolean | undefined },
  window: Window,
) {
  const organisations = await comparedOrganisations(db, scope.organisations);
  const rows = await stanceCounts(db, { theme, events: scope.event, organisations: scope.organisations, reviewedOnly: scope.reviewed });
  const counts = new Map(rows.map((row) => [row.organisation, row.counts]));
  const unreviewed = new Map(rows.map((row) => [row.organisation, row.unreviewed]));
  const ordered = compareOnTheme(organisations, [], counts);
  const shown = 'only' in window
    ? ordered.positions.filter((p) => window.only.includes(p.organisation.slug))
    : ordered.positions.slice(window.offset, window.offset + window.limit);
  const tags = (
    await Promise.all(shown.map(({ organisation }) => (counts.has(organisation.slug) ? latestTags(db, organisation.slug, theme, scope.event, scope.reviewed) : [])))
  ).flat();
  const statementIds = [...new Set(tags.map((t) => t.statementId))];
  const sources = new Map(tags.map((t) => [t.statementId, t.source]));
  const evidence = await evidenceForTags(db, tags.map((t) => t.tagId));
  const figures = await figuresOnTheme(db, theme, statementIds);
  const overEvents = stancesOverEvents(await stanceCountsByEvent(db, { theme, events: scope.event, organisations: shown.map((p) => p.organisation.slug), reviewedOnly: scope.reviewed }));
  const comparison = compareOnTheme(
    shown.map((p) => p.organisation),
    tags.map((tag) => ({
      ...tag,
      evidence: evidence.get(tag.tagId) ?? [],
      figures: figures.filter((f) => f.statementId === tag.statementId),
    })),
    counts,
    { overEvents: (organisation) => overEvents(organisation, theme), unreviewed },
  );
  const end = 'only' in window ? organisations.length : window.offset + window.limit;
  return {
    summary: ordered.summary,
    total: organisations.length,
    nextOffset: end < organisations.length ? end : undefined,
    organisations: comparison.positions.map((position) => ({
      ...position,
      statements: position.statements.map((s) => ({
        id: s.statementId,
        url: `/v1/statements/${s.statementId}`,
        date: s.date,
        stance: s.stance,
        note: s.note,
        origin: s.origin,
        reviewed: s.reviewed,
        confidence: s.confidence,
        source: sources.get(s.statementId) ?? { title: '', publisher: '', url: '', publishedOn: '' },
        evidence: s.evidence,
      })),
    })),
  };
}
