import type { Queries } from '../../db/database.ts';
import type { ChangeKind } from '../../db/schema.ts';

export interface Change {
  kind: ChangeKind;
  statementId?: number | undefined;
  /** The tag, quote, figure or ask it concerns, when it concerns one. */
  subjectId?: number | undefined;
  /** What a follower needs to know without another request: small, plain JSON. */
  detail?: Record<string, unknown> | undefined;
}

/**
 * Records a change to the corpus in the write's own transaction: the change is in the feed exactly
 * when what it describes is stored, and a rolled-back write leaves no trace in either.
 */
export async function recordChange(tx: Queries, change: Change): Promise<void> {
  await tx.run('INSERT INTO changes (at, kind, statement_id, subject_id, detail) VALUES (@at, @kind, @statementId, @subjectId, @detail)', {
    at: new Date().toISOString(),
    kind: change.kind,
    statementId: change.statementId ?? null,
    subjectId: change.subjectId ?? null,
    detail: JSON.stringify(change.detail ?? {}),
  });
}

/** A statement's themes and stances as stored now (slug order): what a change says the statement holds. */
export async function stancesOf(tx: Queries, statementId: number): Promise<{ theme: string; stance: string }[]> {
  return tx.all<{ theme: string; stance: string }>(
    'SELECT th.slug AS theme, t.stance FROM theme_tags t JOIN themes th ON th.id = t.theme_id WHERE t.statement_id = ? ORDER BY th.slug',
    [statementId],
  );
}

/** A statement stored for the first time, with the stances it is stored with (recorded before its figures, so it comes first in the feed). */
export async function recordStatementAdded(tx: Queries, statementId: number, themes: { theme: string; stance: string }[]): Promise<void> {
  const statement = await tx.get<{ organisation: string; event: string; date: string }>(
    `SELECT o.slug AS organisation, e.slug AS event, s.date FROM statements s
       JOIN organisations o ON o.id = s.organisation_id JOIN events e ON e.id = s.event_id WHERE s.id = ?`,
    [statementId],
  );
  const sorted = themes.map(({ theme, stance }) => ({ theme, stance })).sort((a, b) => (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0));
  await recordChange(tx, { kind: 'statement.added', statementId, detail: { ...statement, themes: sorted } });
}

/** A figure new to the corpus: what it is, so a follower of the figures need not ask. */
export async function recordFigureAdded(
  tx: Queries,
  statementId: number,
  figureId: number,
  figure: { raw: string; value: number; unit: string; measures: string; period?: string | null | undefined; theme?: string | null | undefined; start: number; end: number },
): Promise<void> {
  const { raw, value, unit, measures, start, end } = figure;
  await recordChange(tx, {
    kind: 'figure.added',
    statementId,
    subjectId: figureId,
    detail: { raw, value, unit, measures, period: figure.period ?? null, theme: figure.theme ?? null, start, end },
  });
}
