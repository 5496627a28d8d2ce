import { jsonList, type Db } from '../../db/database.ts';
import type { StanceCue } from '../../domain/analyse/index.ts';

export type StoredStanceCue = StanceCue & { id: number };

export function listStanceCues(db: Db): Promise<StoredStanceCue[]> {
  return db.all<StoredStanceCue>('SELECT id, phrase, kind, weight FROM stance_cues ORDER BY kind, phrase');
}

export async function listThemeCues(db: Db): Promise<{ theme: string; cues: string[] }[]> {
  const rows = await db.all<{ theme: string; cues: unknown }>('SELECT slug AS theme, cues FROM themes ORDER BY id');
  return rows.map((row) => ({ theme: row.theme, cues: jsonList(row.cues) }));
}

/** Adds a stance cue, or changes the weight of one that exists; returns the row. */
export async function upsertStanceCue(db: Db, cue: StanceCue): Promise<StoredStanceCue> {
  const phrase = cue.phrase.trim().toLowerCase();
  // A write that returns rows: in a transaction, as every such write is, so that it goes to the primary.
  return db.transaction(
    async (tx) =>
      (await tx.get<StoredStanceCue>(
        `INSERT INTO stance_cues (phrase, kind, weight) VALUES (@phrase, @kind, @weight)
         ON CONFLICT (phrase, kind) DO UPDATE SET weight = excluded.weight
         RETURNING id, phrase, kind, weight`,
        { phrase, kind: cue.kind, weight: cue.weight },
      )) as StoredStanceCue,
  );
}

export async function deleteStanceCue(db: Db, id: number): Promise<boolean> {
  return (await db.run('DELETE FROM stance_cues WHERE id = ?', [id])).changes > 0;
}

export async function setThemeCues(db: Db, slug: string, cues: string[]): Promise<boolean> {
  const unique = [...new Set(cues.map((c) => c.trim().toLowerCase()).filter(Boolean))];
  return (await db.run('UPDATE themes SET cues = ? WHERE slug = ?', [JSON.stringify(unique), slug])).changes > 0;
}
