import { jsonList, type Db, type Queries } from '../../db/database.ts';
import type { Stance } from '../../domain/stance.ts';
import { TAG_TRUST_COLUMNS, type TrustRow } from '../shared/tag-trust.ts';

export interface OrganisationRow {
  slug: string;
  name: string;
  shortName: string;
  kind: string;
  url: string | null;
  aliases: string[];
  statementCount: number;
}

const ORGANISATION = `SELECT o.id, o.slug, o.name, o.short_name AS "shortName", o.kind, o.url, o.aliases,
  (SELECT count(*) FROM statements s WHERE s.organisation_id = o.id) AS "statementCount"
  FROM organisations o`;

type Stored = Omit<OrganisationRow, 'aliases'> & { id: number; aliases: unknown };
const parsed = ({ aliases, ...row }: Stored) => ({ ...row, aliases: jsonList(aliases) });

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return (await db.all<Stored>(`${ORGANISATION} ORDER BY o.name`)).map((row) => {
    const { id: _id, ...organisation } = parsed(row);
    return organisation;
  });
}

export async function organisationBySlug(db: Db, slug: string): Promise<(OrganisationRow & { id: number }) | undefined> {
  const row = await db.get<Stored>(`${ORGANISATION} WHERE o.slug = ?`, [slug]);
  return row && parsed(row);
}

/** Replaces an organisation's or a person's aliases; false when no row has the slug. */
export async function setAliases(db: Queries, table: 'organisations' | 'people', slug: string, aliases: string[]): Promise<boolean> {
  return (await db.run(`UPDATE ${table} SET aliases = ? WHERE slug = ?`, [JSON.stringify(aliases), slug])).changes > 0;
}

/** Its statements, newest first. */
export function statementIdsOf(db: Db, organisationId: number): Promise<number[]> {
  return db.column<number>('SELECT id FROM statements WHERE organisation_id = ? ORDER BY date DESC, id DESC', [organisationId]);
}

/** People of the organisation, with how often each is quoted. */
export function speakersOf(db: Db, organisationId: number) {
  return db.all<{ slug: string; name: string; role: string | null; quoteCount: number }>(
    `SELECT p.slug, p.name, p.role, (SELECT count(*) FROM quotes q WHERE q.speaker_id = p.id) AS "quoteCount"
     FROM people p WHERE p.organisation_id = ? ORDER BY p.name`,
    [organisationId],
  );
}

/** Every tag of the organisation's statements, oldest statement first, with its event. */
export function timelineRows(db: Db, organisationId: number) {
  return db.all<
    TrustRow & {
      tagId: number;
      theme: string;
      stance: Stance;
      statementId: number;
      date: string;
      eventSlug: string;
      eventTitle: string;
      eventPublishedOn: string;
      documentTitle: string;
      documentPublisher: string;
      documentUrl: string;
      documentPublishedOn: string;
    }
  >(
    `SELECT tt.id AS "tagId", th.slug AS theme, tt.stance, ${TAG_TRUST_COLUMNS}, s.id AS "statementId", s.date,
       e.slug AS "eventSlug", e.title AS "eventTitle", e.published_on AS "eventPublishedOn",
       d.title AS "documentTitle", d.publisher AS "documentPublisher", d.url AS "documentUrl", d.published_on AS "documentPublishedOn"
     FROM theme_tags tt
     JOIN statements s ON s.id = tt.statement_id
     JOIN source_documents d ON d.id = s.document_id
     JOIN themes th ON th.id = tt.theme_id
     JOIN events e ON e.id = s.event_id
     WHERE s.organisation_id = ?
     ORDER BY s.date, s.id`,
    [organisationId],
  );
}
