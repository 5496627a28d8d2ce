import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';

interface ThemeRow {
  slug: string;
  name: string;
  definition: string;
  cues: string;
  statementCount: number;
}

const THEME = `SELECT th.slug, th.name, th.definition, th.cues,
  (SELECT count(*) FROM theme_tags tt WHERE tt.theme_id = th.id) AS statementCount FROM themes th`;

const parse = (row: ThemeRow) => ({ ...row, cues: JSON.parse(row.cues) as string[] });

export function listThemes(db: Db) {
  return (prepared(db, `${THEME} ORDER BY th.id`).all() as ThemeRow[]).map(parse);
}

export function themeDetailBySlug(db: Db, slug: string) {
  const row = prepared(db, `${THEME} WHERE th.slug = ?`).get(slug) as ThemeRow | undefined;
  return row && parse(row);
}
