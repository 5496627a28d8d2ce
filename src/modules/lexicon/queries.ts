import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { stanceCues, themes } from '../../db/schema.ts';
import type { StanceCue } from '../../domain/analyse/index.ts';

export function listStanceCues(db: Db) {
  return db.orm.select().from(stanceCues).orderBy(stanceCues.kind, stanceCues.phrase).all();
}

export function listThemeCues(db: Db) {
  return db.orm.select({ theme: themes.slug, cues: themes.cues }).from(themes).orderBy(themes.id).all();
}

/** Adds a stance cue, or changes the weight of one that exists; returns the row. */
export function upsertStanceCue(db: Db, cue: StanceCue) {
  const phrase = cue.phrase.trim().toLowerCase();
  return db.orm
    .insert(stanceCues)
    .values({ ...cue, phrase })
    .onConflictDoUpdate({ target: [stanceCues.phrase, stanceCues.kind], set: { weight: cue.weight } })
    .returning()
    .get();
}

export function deleteStanceCue(db: Db, id: number): boolean {
  return db.orm.delete(stanceCues).where(eq(stanceCues.id, id)).run().changes > 0;
}

export function setThemeCues(db: Db, slug: string, cues: string[]): boolean {
  const unique = [...new Set(cues.map((c) => c.trim().toLowerCase()).filter(Boolean))];
  return db.orm.update(themes).set({ cues: unique }).where(eq(themes.slug, slug)).run().changes > 0;
}
