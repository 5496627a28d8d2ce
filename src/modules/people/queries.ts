import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';

export interface PersonRow {
  id: number;
  slug: string;
  name: string;
  role: string | null;
  organisationSlug: string | null;
  organisationName: string | null;
  organisationShortName: string | null;
  quoteCount: number;
  /** A JSON array of strings, as stored. */
  aliases: string;
}

const PERSON = `SELECT p.id, p.slug, p.name, p.role, p.aliases, o.slug AS organisationSlug, o.name AS organisationName,
  o.short_name AS organisationShortName, (SELECT count(*) FROM quotes q WHERE q.speaker_id = p.id) AS quoteCount
  FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id`;

export function listPeople(db: Db, organisations: string[] | undefined): PersonRow[] {
  if (organisations?.length) {
    return prepared(db, `${PERSON} WHERE o.slug IN (SELECT value FROM json_each(?)) ORDER BY p.name`).all(
      JSON.stringify(organisations),
    ) as PersonRow[];
  }
  return prepared(db, `${PERSON} ORDER BY p.name`).all() as PersonRow[];
}

export function personBySlug(db: Db, slug: string): PersonRow | undefined {
  return prepared(db, `${PERSON} WHERE p.slug = ?`).get(slug) as PersonRow | undefined;
}

export function quoteIdsOf(db: Db, personId: number): number[] {
  return prepared(
    db,
    'SELECT q.id FROM quotes q JOIN statements s ON s.id = q.statement_id WHERE q.speaker_id = ? ORDER BY s.date DESC, q.start_offset',
  )
    .pluck()
    .all(personId) as number[];
}

export function toPerson({ id: _id, organisationSlug, organisationName, organisationShortName, aliases, ...person }: PersonRow) {
  return {
    ...person,
    aliases: JSON.parse(aliases) as string[],
    organisation: organisationSlug
      ? { slug: organisationSlug, name: organisationName ?? '', shortName: organisationShortName ?? '' }
      : null,
    url: `/v1/people/${person.slug}`,
  };
}
