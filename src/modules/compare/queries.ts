import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
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
function scopeConditions(scope: TagScope, eventIn: string, where: string[] = []): { where: string[]; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  if (scope.theme) {
    where.push('th.slug = @theme');
    params.theme = scope.theme;
  }
  if (scope.events?.length) {
    where.push(eventIn);
    params.events = JSON.stringify(scope.events);
  }
  if (scope.organisations?.length) {
    where.push('o.slug IN (SELECT value FROM json_each(@organisations))');
    params.organisations = JSON.stringify(scope.organisations);
  }
  return { where, params };
}

const EVENT_SLUG_IN = 'e.slug IN (SELECT value FROM json_each(@events))';

/**
 * Stance counts over reviewed tags only, counted from the tags themselves (the trigger-kept
 * tables count every tag): per organisation and theme, and per event when `byEvent`.
 */
function reviewedCounts(db: Db, scope: TagScope, byEvent: boolean) {
  const { where, params } = scopeConditions(scope, EVENT_SLUG_IN, ['tt.reviewed = 1']);
  return prepared(
    db,
    `SELECT o.slug AS organisation, th.slug AS theme, ${byEvent ? 'e.slug' : 'NULL'} AS event,
       sum(tt.stance = 'supportive') AS supportive, sum(tt.stance = 'critical') AS critical, sum(tt.stance = 'mixed') AS mixed, sum(tt.stance = 'neutral') AS neutral
     FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id JOIN organisations o ON o.id = s.organisation_id
       JOIN themes th ON th.id = tt.theme_id JOIN events e ON e.id = s.event_id
     WHERE ${where.join(' AND ')}
     GROUP BY o.id, th.id${byEvent ? ', e.id ORDER BY min(e.published_on), e.id' : ''}`,
  ).all(params) as { organisation: string; theme: string; event: string; supportive: number; critical: number; mixed: number; neutral: number }[];
}

/**
 * The organisations a comparison covers: the ones asked for, or every stakeholder. The
 * government is the subject of the responses, not one of the stakeholders compared, so it is
 * left out unless named.
 */
export function comparedOrganisations(db: Db, slugs: string[] | undefined): OrganisationRef[] {
  if (slugs?.length) {
    return prepared(
      db,
      `SELECT slug, name, short_name AS shortName FROM organisations WHERE slug IN (SELECT value FROM json_each(?)) ORDER BY name`,
    ).all(JSON.stringify(slugs)) as OrganisationRef[];
  }
  return prepared(db, `SELECT slug, name, short_name AS shortName FROM organisations WHERE kind <> 'government' ORDER BY name`).all() as OrganisationRef[];
}

export function allThemes(db: Db): (ThemeRef & { definition: string })[] {
  return prepared(db, 'SELECT slug, name, definition FROM themes ORDER BY id').all() as (ThemeRef & { definition: string })[];
}

export function themeBySlug(db: Db, slug: string): (ThemeRef & { definition: string }) | undefined {
  return prepared(db, 'SELECT slug, name, definition FROM themes WHERE slug = ?').get(slug) as
    | (ThemeRef & { definition: string })
    | undefined;
}

/** Figures that bear on `theme` in the given statements. */
export function figuresOnTheme(db: Db, theme: string, statementIds: number[]): FigureRow[] {
  if (statementIds.length === 0) return [];
  return prepared(
    db,
    `SELECT ${FIGURE_COLUMNS} FROM figures f JOIN themes th ON th.id = f.theme_id
     WHERE th.slug = ? AND f.statement_id IN (SELECT value FROM json_each(?)) ORDER BY f.statement_id, f.start_offset`,
  ).all(theme, JSON.stringify(statementIds)) as FigureRow[];
}

export interface SourceRow {
  statementId: number;
  title: string;
  publisher: string;
  url: string;
  publishedOn: string;
}

export function sourcesOf(db: Db, statementIds: number[]): Map<number, Omit<SourceRow, 'statementId'>> {
  const rows = prepared(
    db,
    `SELECT s.id AS statementId, d.title, d.publisher, d.url, d.published_on AS publishedOn
     FROM statements s JOIN source_documents d ON d.id = s.document_id WHERE s.id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(statementIds)) as SourceRow[];
  return new Map(rows.map(({ statementId, ...source }) => [statementId, source]));
}

/** Stance counts per organisation and theme in scope, from the tables the triggers keep. */
export function stanceCounts(db: Db, scope: TagScope): CountsRow[] {
  if (scope.reviewedOnly) return reviewedCounts(db, scope, false).map(({ organisation, theme, event: _e, ...counts }) => ({ organisation, theme, counts, unreviewed: 0 }));
  const { where, params } = scopeConditions(scope, 'sc.event_id IN (SELECT id FROM events WHERE slug IN (SELECT value FROM json_each(@events)))');
  // Over all events, the totals table has the sums already; per event, they are added up here.
  const rows = prepared(
    db,
    scope.events?.length
      ? `SELECT o.slug AS organisation, th.slug AS theme, sum(sc.supportive) AS supportive, sum(sc.critical) AS critical,
           sum(sc.mixed) AS mixed, sum(sc.neutral) AS neutral, sum(sc.unreviewed) AS unreviewed
         FROM stance_counts sc JOIN organisations o ON o.id = sc.organisation_id JOIN themes th ON th.id = sc.theme_id
         WHERE ${where.join(' AND ')}
         GROUP BY sc.organisation_id, sc.theme_id`
      : `SELECT o.slug AS organisation, th.slug AS theme, sc.supportive, sc.critical, sc.mixed, sc.neutral, sc.unreviewed
         FROM stance_totals sc JOIN organisations o ON o.id = sc.organisation_id JOIN themes th ON th.id = sc.theme_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
  ).all(params) as { organisation: string; theme: string; supportive: number; critical: number; mixed: number; neutral: number; unreviewed: number }[];
  return rows.map(({ organisation, theme, unreviewed, ...counts }) => ({ organisation, theme, counts, unreviewed }));
}

/** Stance counts per organisation, theme and event in scope, oldest event first (from the table the triggers keep). */
export function stanceCountsByEvent(db: Db, scope: TagScope): { organisation: string; theme: string; event: string; counts: StanceCounts }[] {
  if (scope.reviewedOnly) return reviewedCounts(db, scope, true).map(({ organisation, theme, event, ...counts }) => ({ organisation, theme, event, counts }));
  const { where, params } = scopeConditions(scope, EVENT_SLUG_IN, ['sc.supportive + sc.critical + sc.mixed + sc.neutral > 0']);
  const rows = prepared(
    db,
    `SELECT o.slug AS organisation, th.slug AS theme, e.slug AS event, sc.supportive, sc.critical, sc.mixed, sc.neutral
     FROM stance_counts sc JOIN organisations o ON o.id = sc.organisation_id JOIN themes th ON th.id = sc.theme_id JOIN events e ON e.id = sc.event_id
     WHERE ${where.join(' AND ')}
     ORDER BY e.published_on, e.id`,
  ).all(params) as { organisation: string; theme: string; event: string; supportive: number; critical: number; mixed: number; neutral: number }[];
  return rows.map(({ organisation, theme, event, ...counts }) => ({ organisation, theme, event, counts }));
}

/** How many of an organisation's latest statements on a theme a comparison shows. */
export const LATEST_STATEMENTS = 3;

/** The organisation's latest statements tagged with the theme: found through its date index, so cheap at any size. */
export function latestTags(db: Db, organisation: string, theme: string, events: string[] | undefined, reviewedOnly = false): TagRow[] {
  return prepared(
    db,
    `SELECT tt.id AS tagId, o.slug AS organisation, th.slug AS theme, s.id AS statementId, s.date, tt.stance, tt.note, ${TAG_TRUST_COLUMNS}
     FROM organisations o
     JOIN statements s ON s.organisation_id = o.id
     JOIN themes th ON th.slug = @theme
     JOIN theme_tags tt ON tt.statement_id = s.id AND tt.theme_id = th.id
     WHERE o.slug = @organisation ${events?.length ? 'AND s.event_id IN (SELECT id FROM events WHERE slug IN (SELECT value FROM json_each(@events)))' : ''}
       ${reviewedOnly ? 'AND tt.reviewed = 1' : ''}
     ORDER BY s.date DESC, s.id DESC
     LIMIT ${LATEST_STATEMENTS}`,
  ).all({ organisation, theme, ...(events?.length ? { events: JSON.stringify(events) } : {}) })
    .map((row) => ({ ...(row as TagRow), ...tagTrust(row as TrustRow) }));
}
