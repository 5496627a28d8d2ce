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

export function listPeople(db: Db, organisations: string[] | undefined): Promise<PersonRow[]> {
  if (organisations?.length) {
    return db.all<PersonRow>(`${PERSON} WHERE ${db.dialect.inList('o.slug', '@organisations')} ORDER BY p.name`, { organisations });
  }
  return db.all<PersonRow>(`${PERSON} ORDER BY p.name`);
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
