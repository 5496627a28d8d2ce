import { jsonList, type Db } from '../../db/database.ts';

export interface PersonRow {
  id: number;
  slug: string;
  name: string;
  role: string | null;
  organisationSlug: string | null;
  organisationName: string | null;
  organisationShortName: string | null;
  quoteCount: number;
  /** A JSON array of strings, as stored (read it with `jsonList`). */
  aliases: unknown;
}

const PERSON = `SELECT p.id, p.slug, p.name, p.role, p.aliases, o.slug AS "organisationSlug", o.name AS "organisationName",
  o.short_name AS "organisationShortName", (SELECT count(*) FROM quotes q WHERE q.speaker_id = p.id) AS "quoteCount"
  FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id`;

/** One page of people by name (then id), after the one a cursor names; how many there are over all pages, and the cursor of the next page. */
export async function listPeople(db: Db, organisations: string[] | undefined, limit: number, after?: { key: string; id: number }) {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: limit + 1 };
  if (organisations?.length) {
    where.push(db.dialect.inList('o.slug', '@organisations'));
    params.organisations = organisations;
  }
  const counted = Number(await db.value(`SELECT count(*) FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, params.organisations ? { organisations } : {}));
  if (after) {
    where.push('(p.name > @key OR (p.name = @key AND p.id > @id))');
    params.key = after.key;
    params.id = after.id;
  }
  const rows = await db.all<PersonRow>(`${PERSON} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.name, p.id LIMIT @limit`, params);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, total: counted, next: rows.length > limit && last ? { key: last.name, id: last.id } : undefined };
}

export function personBySlug(db: Db, slug: string): Promise<PersonRow | undefined> {
  return db.get<PersonRow>(`${PERSON} WHERE p.slug = ?`, [slug]);
}

export function quoteIdsOf(db: Db, personId: number): Promise<number[]> {
  return db.column<number>(
    'SELECT q.id FROM quotes q JOIN statements s ON s.id = q.statement_id WHERE q.speaker_id = ? ORDER BY s.date DESC, q.start_offset',
    [personId],
  );
}

export function toPerson({ id: _id, organisationSlug, organisationName, organisationShortName, aliases, ...person }: PersonRow) {
  return {
    ...person,
    aliases: jsonList(aliases),
    organisation: organisationSlug
      ? { slug: organisationSlug, name: organisationName ?? '', shortName: organisationShortName ?? '' }
      : null,
    url: `/v1/people/${person.slug}`,
  };
}
