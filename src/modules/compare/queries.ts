import { jsonList, type Db, type Dialect } from '../../db/database.ts';
import type { CountsRow, OrganisationRef, TagTrust, ThemeRef } from '../../domain/compare.ts';
import { TAG_TRUST_COLUMNS, tagTrust, type TrustRow } from '../shared/tag-trust.ts';
import type { Stance, StanceCounts } from '../../domain/stance.ts';
import { FIGURE_COLUMNS, type FigureRow } from '../statements/queries.ts';

export interface TagRow extends TagTrust {
  tagId: number;
  organisation: string;
  theme: string;
  statementId: number;
  date: string;
  stance: Stance;
  note: string | null;
  /** The document the statement was published in. */
  source: { title: string; publisher: string; url: string; publishedOn: string };
}

export interface TagScope {
  theme?: string | undefined;
  events?: string[] | undefined;
  organisations?: string[] | undefined;
  /** Only tags an editor set or reviewed. */
  reviewedOnly?: boolean | undefined;
}

/**
 * The conditions of a scope over a query that names organisations `o` and themes `th`; `eventIn`
 * is how that query tests its event against the list in `@events`.
 */
function scopeConditions(dialect: Dialect, scope: TagScope, eventIn: string, where: string[] = []): { where: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  if (scope.theme) {
    where.push('th.slug = @theme');
    params.theme = scope.theme;
  }
  if (scope.events?.length) {
    where.push(eventIn);
    params.events = scope.events;
  }
  if (scope.organisations?.length) {
    where.push(dialect.inList('o.slug', '@organisations'));
    params.organisations = scope.organisations;
  }
  return { where, params };
}

const eventSlugIn = (dialect: Dialect) => dialect.inList('e.slug', '@events');
const eventIdIn = (dialect: Dialect, column: string) => `${column} IN (SELECT id FROM events WHERE ${dialect.inList('slug', '@events')})`;

type CountColumns = { supportive: number; critical: number; mixed: number; neutral: number };

/**
 * Stance counts over reviewed tags only, counted from the tags themselves (the trigger-kept
 * tables count every tag): per organisation and theme, and per event when `byEvent`.
 */
function reviewedCounts(db: Db, scope: TagScope, byEvent: boolean) {
  const { where, params } = scopeConditions(db.dialect, scope, eventSlugIn(db.dialect), ['tt.reviewed = TRUE']);
  const count = (stance: Stance) => `sum(CASE WHEN tt.stance = '${stance}' THEN 1 ELSE 0 END) AS ${stance}`;
  return db.all<{ organisation: string; theme: string; event: string } & CountColumns>(
    `SELECT o.slug AS organisation, th.slug AS theme, ${byEvent ? 'e.slug' : 'NULL'} AS event,
       ${count('supportive')}, ${count('critical')}, ${count('mixed')}, ${count('neutral')}
     FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id JOIN organisations o ON o.id = s.organisation_id
       JOIN themes th ON th.id = tt.theme_id JOIN events e ON e.id = s.event_id
     WHERE ${where.join(' AND ')}
     GROUP BY o.id, th.id${byEvent ? ', e.id ORDER BY min(e.published_on), e.id' : ''}`,
    params,
  );
}

/**
 * The organisations a comparison covers: the ones asked for, or every stakeholder. The
 * government is the subject of the responses, not one of the stakeholders compared, so it is
 * left out unless named.
 */
export function comparedOrganisations(db: Db, slugs: string[] | undefined): Promise<OrganisationRef[]> {
  if (slugs?.length) {
    return db.all<OrganisationRef>(
      `SELECT slug, name, short_name AS "shortName" FROM organisations WHERE ${db.dialect.inList('slug', '@slugs')} ORDER BY name`,
      { slugs },
    );
  }
  return db.all<OrganisationRef>(`SELECT slug, name, short_name AS "shortName" FROM organisations WHERE kind <> 'government' ORDER BY name`);
}

export function allThemes(db: Db): Promise<(ThemeRef & { definition: string })[]> {
  return db.all<ThemeRef & { definition: string }>('SELECT slug, name, definition FROM themes ORDER BY id');
}

export function themeBySlug(db: Db, slug: string): Promise<(ThemeRef & { definition: string }) | undefined> {
  return db.get<ThemeRef & { definition: string }>('SELECT slug, name, definition FROM themes WHERE slug = ?', [slug]);
}

/** Figures that bear on `theme` in the given statements. */
export async function figuresOnTheme(db: Db, theme: string, statementIds: number[]): Promise<FigureRow[]> {
  if (statementIds.length === 0) return [];
  return db.all<FigureRow>(
    `SELECT ${FIGURE_COLUMNS} FROM figures f JOIN themes th ON th.id = f.theme_id
     WHERE th.slug = @theme AND ${db.dialect.inList('f.statement_id', '@statementIds')} ORDER BY f.statement_id, f.start_offset`,
    { theme, statementIds },
  );
}

/** Stance counts per organisation and theme in scope, from the tables the triggers keep. */
export async function stanceCounts(db: Db, scope: TagScope): Promise<CountsRow[]> {
  if (scope.reviewedOnly) {
    return (await reviewedCounts(db, scope, false)).map(({ organisation, theme, event: _e, ...counts }) => ({ organisation, theme, counts, unreviewed: 0 }));
  }
  const { where, params } = scopeConditions(db.dialect, scope, eventIdIn(db.dialect, 'sc.event_id'));
  // Over all events, the totals table has the sums already; per event, they are added up here.
  const rows = await db.all<{ organisation: string; theme: string; unreviewed: number } & CountColumns>(
    scope.events?.length
      ? `SELECT o.slug AS organisation, th.slug AS theme, sum(sc.supportive) AS supportive, sum(sc.critical) AS critical,
           sum(sc.mixed) AS mixed, sum(sc.neutral) AS neutral, sum(sc.unreviewed) AS unreviewed
         FROM stance_counts sc JOIN organisations o ON o.id = sc.organisation_id JOIN themes th ON th.id = sc.theme_id
         WHERE ${where.join(' AND ')}
         GROUP BY o.id, th.id`
      : `SELECT o.slug AS organisation, th.slug AS theme, sc.supportive, sc.critical, sc.mixed, sc.neutral, sc.unreviewed
         FROM stance_totals sc JOIN organisations o ON o.id = sc.organisation_id JOIN themes th ON th.id = sc.theme_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows.map(({ organisation, theme, unreviewed, ...counts }) => ({ organisation, theme, counts, unreviewed }));
}

/**
 * Stance counts per organisation, theme and event in scope, oldest event first (from the table the triggers keep).
 * One row per organisation and theme comes back, its events as lists: a matrix over hundreds of organisations
 * has tens of thousands of (organisation, theme, event) cells, and a row per cell costs more to hand over than to find.
 */
export async function stanceCountsByEvent(db: Db, scope: TagScope): Promise<{ organisation: string; theme: string; event: string; counts: StanceCounts }[]> {
  if (scope.reviewedOnly) {
    return (await reviewedCounts(db, scope, true)).map(({ organisation, theme, event, ...counts }) => ({ organisation, theme, event, counts }));
  }
  const { dialect } = db;
  const where = ['sc.supportive + sc.critical + sc.mixed + sc.neutral > 0'];
  const params: Record<string, unknown> = {};
  if (scope.theme) {
    where.push('sc.theme_id = (SELECT id FROM themes WHERE slug = @theme)');
    params.theme = scope.theme;
  }
  if (scope.events?.length) {
    where.push(eventIdIn(dialect, 'sc.event_id'));
    params.events = scope.events;
  }
  if (scope.organisations?.length) {
    where.push(`sc.organisation_id IN (SELECT id FROM organisations WHERE ${dialect.inList('slug', '@organisations')})`);
    params.organisations = scope.organisations;
  }
  // The slugs come with each (organisation, theme) list, not from a read of every organisation.
  const lists = await db.all<{ organisation: string; theme: string; events: unknown; supportive: unknown; critical: unknown; mixed: unknown; neutral: unknown }>(
    `SELECT min(o.slug) AS organisation, min(th.slug) AS theme, ${dialect.jsonArray('sc.event_id')} AS events,
       ${dialect.jsonArray('sc.supportive')} AS supportive, ${dialect.jsonArray('sc.critical')} AS critical,
       ${dialect.jsonArray('sc.mixed')} AS mixed, ${dialect.jsonArray('sc.neutral')} AS neutral
     FROM stance_counts sc JOIN organisations o ON o.id = sc.organisation_id JOIN themes th ON th.id = sc.theme_id
     WHERE ${where.join(' AND ')}
     GROUP BY sc.organisation_id, sc.theme_id`,
    params,
  );
  if (lists.length === 0) return [];
  const events = await db.all<{ id: number; slug: string }>('SELECT id, slug FROM events ORDER BY published_on, id');
  const eventOrder = new Map(events.map((event, i) => [event.id, i]));
  const rows: { organisation: string; theme: string; event: string; counts: StanceCounts; order: number }[] = [];
  for (const { organisation, theme, ...list } of lists) {
    const [supportive, critical, mixed, neutral] = [list.supportive, list.critical, list.mixed, list.neutral].map((column) => jsonList<number>(column));
    jsonList<number>(list.events).forEach((eventId, i) => {
      const order = eventOrder.get(eventId) ?? -1;
      const counts = { supportive: supportive?.[i] ?? 0, critical: critical?.[i] ?? 0, mixed: mixed?.[i] ?? 0, neutral: neutral?.[i] ?? 0 };
      rows.push({ organisation, theme, event: events[order]?.slug ?? '', counts, order });
    });
  }
  return rows.sort((a, b) => a.order - b.order).map(({ order: _order, ...row }) => row);
}

/** How many of an organisation's latest statements on a theme a comparison shows. */
export const LATEST_STATEMENTS = 3;

type SourceColumns = { title: string; publisher: string; url: string; publishedOn: string };

/**
 * The organisation's latest statements tagged with the theme, with the document each was published
 * in: found through its date index, so cheap at any size. The organisation and the theme are
 * looked up as values first: joined by slug, PostgreSQL's generic plan for the prepared statement
 * walked every statement by date to find a small organisation's latest (75 ms each at 100 000).
 */
export async function latestTags(db: Db, organisation: string, theme: string, events: string[] | undefined, reviewedOnly = false): Promise<TagRow[]> {
  const rows = await db.all<Omit<TagRow, keyof TagTrust | 'source'> & TrustRow & SourceColumns>(
    `SELECT tt.id AS "tagId", o.slug AS organisation, th.slug AS theme, s.id AS "statementId", s.date, tt.stance, tt.note, ${TAG_TRUST_COLUMNS},
       d.title, d.publisher, d.url, d.published_on AS "publishedOn"
     FROM statements s
     JOIN theme_tags tt ON tt.statement_id = s.id
     JOIN organisations o ON o.id = s.organisation_id
     JOIN themes th ON th.id = tt.theme_id
     JOIN source_documents d ON d.id = s.document_id
     WHERE s.organisation_id = (SELECT id FROM organisations WHERE slug = @organisation)
       AND tt.theme_id = (SELECT id FROM themes WHERE slug = @theme) ${events?.length ? `AND ${eventIdIn(db.dialect, 's.event_id')}` : ''}
       ${reviewedOnly ? 'AND tt.reviewed = TRUE' : ''}
     ORDER BY s.date DESC, s.id DESC
     LIMIT ${LATEST_STATEMENTS}`,
    { organisation, theme, ...(events?.length ? { events } : {}) },
  );
  return rows.map(({ title, publisher, url, publishedOn, ...row }) => ({ ...row, ...tagTrust(row), source: { title, publisher, url, publishedOn } }));
}
