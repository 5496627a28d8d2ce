import type { Queries } from '../../db/database.ts';
import type { Ask } from '../../domain/analyse/asks.ts';
import { recordChange } from '../changes/record.ts';

/** An ask as it is stored: document offsets, the theme as a slug. */
export type StoredAsk = Pick<Ask, 'start' | 'end' | 'text' | 'target' | 'action' | 'theme'>;

/** Stores one ask of a statement and records it in the changes feed, in the caller's transaction. */
export async function insertAsk(tx: Queries, statementId: number, ask: StoredAsk, extractedBy: 'curated' | 'analyser', themeIds: Map<string, number>): Promise<number> {
  const id = (await tx.value<number>(
    `INSERT INTO asks (statement_id, theme_id, target, action, text, start_offset, end_offset, extracted_by)
     VALUES (@statementId, @themeId, @target, @action, @text, @start, @end, @extractedBy) RETURNING id`,
    {
      statementId,
      themeId: ask.theme ? (themeIds.get(ask.theme) ?? null) : null,
      target: ask.target,
      action: ask.action,
      text: ask.text,
      start: ask.start,
      end: ask.end,
      extractedBy,
    },
  )) as number;
  await recordAskAdded(tx, statementId, id, ask, extractedBy);
  return id;
}

async function recordAskAdded(tx: Queries, statementId: number, askId: number, ask: StoredAsk, extractedBy: 'curated' | 'analyser'): Promise<void> {
  const { target, action, theme, text, start, end } = ask;
  await recordChange(tx, { kind: 'ask.added', statementId, subjectId: askId, detail: { target, action, theme: theme ?? null, text, start, end, extractedBy } });
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * Writes the analyser's asks for a statement (offsets already in the document), leaving editors'
 * decisions alone: a curated ask stays and an analysed ask overlapping it is dropped; an analysed
 * ask with an outcome recorded on it stays (the outcome is an editor's decision about it) and
 * blocks a new one over it; an analysed ask found again at the same place keeps its id (and so its
 * permalink) and is updated. Only asks new to the statement are recorded as added.
 */
export async function writeAnalysedAsks(tx: Queries, statementId: number, asks: StoredAsk[]): Promise<void> {
  const themeIds = new Map((await tx.all<{ id: number; slug: string }>('SELECT id, slug FROM themes')).map((t) => [t.slug, t.id]));
  const stored = await tx.all<{ id: number; start: number; end: number; extractedBy: string; decided: number }>(
    `SELECT a.id, a.start_offset AS "start", a.end_offset AS "end", a.extracted_by AS "extractedBy",
            (SELECT count(*) FROM ask_outcomes ao WHERE ao.ask_id = a.id) AS decided
       FROM asks a WHERE a.statement_id = ? ORDER BY a.id`,
    [statementId],
  );
  const kept = stored.filter((a) => a.extractedBy === 'curated' || Number(a.decided) > 0);
  const found = new Set<number>();
  for (const ask of asks) {
    const same = stored.find((a) => a.extractedBy === 'analyser' && a.start === ask.start && a.end === ask.end);
    if (same) {
      found.add(same.id);
      await tx.run('UPDATE asks SET theme_id = @themeId, target = @target, action = @action, text = @text WHERE id = @id', {
        id: same.id,
        themeId: ask.theme ? (themeIds.get(ask.theme) ?? null) : null,
        target: ask.target,
        action: ask.action,
        text: ask.text,
      });
      continue;
    }
    if (kept.some((k) => overlaps(k, ask))) continue;
    await insertAsk(tx, statementId, ask, 'analyser', themeIds);
  }
  for (const ask of stored) {
    if (ask.extractedBy === 'analyser' && !found.has(ask.id) && Number(ask.decided) === 0) await tx.run('DELETE FROM asks WHERE id = ?', [ask.id]);
  }
}
