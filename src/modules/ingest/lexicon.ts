import { jsonList, type Db } from '../../db/database.ts';
import type { Lexicon, StanceCue } from '../../domain/analyse/index.ts';

/** The analyser's lexicon as the database holds it now: themes and their cues, stance cues, organisations, events. */
export async function loadLexicon(db: Db): Promise<Lexicon> {
  const themes = (await db.all<{ slug: string; cues: unknown }>('SELECT slug, cues FROM themes ORDER BY id')).map((t) => ({
    slug: t.slug,
    cues: jsonList(t.cues),
  }));
  return {
    themes,
    cues: await db.all<StanceCue>('SELECT phrase, kind, weight FROM stance_cues ORDER BY id'),
    organisations: await db.all<Lexicon['organisations'][number]>('SELECT slug, name, short_name AS "shortName", kind FROM organisations ORDER BY id'),
    events: await db.all<Lexicon['events'][number]>('SELECT slug, title, kind FROM events ORDER BY id'),
  };
}
