import { jsonList, type Db } from '../../db/database.ts';

interface ThemeRow {
  slug: string;
  name: string;
  definition: string;
  cues: unknown;
  statementCount: number;
}

const THEME = `SELECT th.slug, th.name, th.definition, th.cues,
  (SELECT count(*) FROM theme_tags tt WHERE tt.theme_id = th.id) AS "statementCount" FROM themes th`;

const parse = (row: ThemeRow) => ({ ...row, cues: jsonList(row.cues) });

export async function listThemes(db: Db) {
  return (await db.all<ThemeRow>(`${THEME} ORDER BY th.id`)).map(parse);
}

export async function themeDetailBySlug(db: Db, slug: string) {
  const row = await db.get<ThemeRow>(`${THEME} WHERE th.slug = ?`, [slug]);
  return row && parse(row);
}
