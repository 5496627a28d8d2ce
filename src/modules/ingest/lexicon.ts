import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import type { Lexicon, StanceCue } from '../../domain/analyse/index.ts';

/** The analyser's lexicon as the database holds it now: themes and their cues, stance cues, organisations, events. */
export function loadLexicon(db: Db): Lexicon {
  const themes = (prepared(db, 'SELECT slug, cues FROM themes ORDER BY id').all() as { slug: string; cues: string }[]).map((t) => ({
    slug: t.slug,
    cues: JSON.parse(t.cues) as string[],
  }));
  return {
    themes,
    cues: prepared(db, 'SELECT phrase, kind, weight FROM stance_cues ORDER BY id').all() as StanceCue[],
    organisations: prepared(db, 'SELECT slug, name, short_name AS shortName, kind FROM organisations ORDER BY id').all() as Lexicon['organisations'],
    events: prepared(db, 'SELECT slug, title, kind FROM events ORDER BY id').all() as Lexicon['events'],
  };
}
