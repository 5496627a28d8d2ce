import type { Db } from '../../db/database.ts';
import { directionOf, movesIn, shiftSummary, type Direction, type PairPoint, type Shift } from '../../domain/shifts.ts';
import type { Stance } from '../../domain/stance.ts';
import { TAG_TRUST_COLUMNS, tagTrust, type TrustRow } from '../shared/tag-trust.ts';
import { evidenceForTags, sourceRefs, STATEMENT_HEAD, type SourceColumns } from '../statements/queries.ts';

export interface ShiftFilters {
  organisation?: string[] | undefined;
  theme?: string[] | undefined;
  /** Shifts with either side in one of these events. */
  event?: string[] | undefined;
  /** Bounds on the later statement's date, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  direction?: Direction[] | undefined;
  /** Only tags an editor set or reviewed count. */
  reviewed?: boolean | undefined;
}

/** One tag as a point of its organisation's stance on its theme, by ids: what finding shifts needs, and no more. */
export interface TagPoint extends PairPoint {
  tagId: number;
  organisation: number;
  theme: number;
  event: number;
  stance: Stance;
}

interface ShiftRow {
  tagId: number;
  organisation: number;
  theme: number;
  statementId: number;
  date: string;
  event: number;
  stance: Stance;
  fromTagId: number;
  fromStatementId: number;
  fromDate: string;
  fromEvent: number;
  fromStance: Stance;
}

/**
 * The conditions on the later tag of a shift, and the previous tag of the same organisation on the
 * same theme (by date, then id) as a subquery over `s` (the statement) and `tt` (its tag): the
 * earlier side is found from the later one through the index on (organisation, date), so that a
 * page of shifts reads only the statements on it and the ones just before them. The government is
 * the subject of the responses, not a stakeholder: left out unless named. With `reviewed`, only
 * tags an editor set or reviewed count, on either side.
 */
function shiftScope(db: Db, filters: ShiftFilters) {
  const { inList } = db.dialect;
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filters.organisation?.length) {
    where.push(`s.organisation_id IN (SELECT id FROM organisations WHERE ${inList('slug', '@organisations')})`);
    params.organisations = filters.organisation;
  } else {
    where.push("s.organisation_id NOT IN (SELECT id FROM organisations WHERE kind = 'government')");
  }
  if (filters.theme?.length) {
    where.push(`tt.theme_id IN (SELECT id FROM themes WHERE ${inList('slug', '@themes')})`);
    params.themes = filters.theme;
  }
  if (filters.reviewed) where.push('tt.reviewed = TRUE');
  const previous = `(SELECT pt.id FROM statements ps JOIN theme_tags pt ON pt.statement_id = ps.id AND pt.theme_id = tt.theme_id${filters.reviewed ? ' AND pt.reviewed = TRUE' : ''}
      WHERE ps.organisation_id = s.organisation_id AND (ps.date < s.date OR (ps.date = s.date AND ps.id < s.id))
      ORDER BY ps.date DESC, ps.id DESC LIMIT 1)`;
  // Bounds and filters on the shift itself, over the columns of its two sides.
  const shift = (later: { date: string; event: string; stance: string }, earlier: { event: string; stance: string }) => {
    const conditions = [`${earlier.stance} <> ${later.stance}`];
    if (filters.from) conditions.push(`${later.date} >= @from`);
    if (filters.to) conditions.push(`${later.date} <= @to`);
    if (filters.event?.length) {
      const inEvents = `IN (SELECT id FROM events WHERE ${inList('slug', '@events')})`;
      conditions.push(`(${later.event} ${inEvents} OR ${earlier.event} ${inEvents})`);
    }
    // A concatenation, not a tuple comparison: the same SQL on both engines, and one list parameter.
    if (filters.direction?.length) conditions.push(inList(`${earlier.stance} || '>' || ${later.stance}`, '@moves'));
    return conditions.join(' AND ');
  };
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  if (filters.event?.length) params.events = filters.event;
  if (filters.direction?.length) params.moves = movesIn(filters.direction).map(([from, to]) => `${from}>${to}`);
  return { where: where.join(' AND '), previous, shift, params };
}

const SHIFT_COLUMNS = `c."tagId", c.organisation, c.theme, c."statementId", c.date, c.event, c.stance,
  c."fromTagId", c."fromStatementId", c."fromDate", c."fromEvent", c."fromStance"`;

/**
 * Each tag in scope with the tag before it of the same organisation on the same theme (by date,
 * then id), as `c`, read in one pass over the tags in scope. What counting needs, and what a page
 * needs when few shifts match (in an event): walking the newest statements first would read most
 * of the corpus before finding them.
 */
function pairedTags(where: string, { counting = false } = {}): string {
  // Counting reads only what the conditions on a shift read: each column carried costs the whole pass.
  const columns = counting
    ? 's.date, s.event_id AS event, tt.stance, LAG(s.event_id) OVER pair AS "fromEvent", LAG(tt.stance) OVER pair AS "fromStance"'
    : `tt.id AS "tagId", s.organisation_id AS organisation, tt.theme_id AS theme, s.id AS "statementId", s.date, s.event_id AS event, tt.stance,
      LAG(tt.id) OVER pair AS "fromTagId", LAG(s.id) OVER pair AS "fromStatementId", LAG(s.date) OVER pair AS "fromDate",
      LAG(s.event_id) OVER pair AS "fromEvent", LAG(tt.stance) OVER pair AS "fromStance"`;
  return `(
    SELECT ${columns}
    FROM statements s JOIN theme_tags tt ON tt.statement_id = s.id
    WHERE ${where}
    WINDOW pair AS (PARTITION BY s.organisation_id, tt.theme_id ORDER BY s.date, s.id)
  ) c`;
}

const LATER = { date: 'c.date', event: 'c.event', stance: 'c.stance' };
const EARLIER_PAIRED = { event: 'c."fromEvent"', stance: 'c."fromStance"' };

/**
 * One page of the shifts the filters keep, newest first (by the later statement's date, then its
 * id, then the theme), not yet with their sources and evidence. Named organisations' tags are read
 * in one pass over their own statements, and an event's shifts are few and anywhere in time (see
 * pairedTags). Otherwise the statements are walked newest first, each tag with the one before it found through the index on
 * (organisation, date), and the walk stops once the page is full: a page costs its own statements,
 * not the corpus's. The CROSS JOIN keeps SQLite from starting at the tags of a theme, which would
 * sort them all.
 */
async function pageOfShifts(db: Db, filters: ShiftFilters, offset: number, limit: number): Promise<Shift<TagPoint>[]> {
  const { where, previous, shift, params } = shiftScope(db, filters);
  const rows = await db.all<ShiftRow>(
    filters.event?.length || filters.organisation?.length
      ? `SELECT ${SHIFT_COLUMNS} FROM ${pairedTags(where)} WHERE ${shift(LATER, EARLIER_PAIRED)}
         ORDER BY c.date DESC, c."statementId" DESC, c.theme LIMIT @limit OFFSET @offset`
      : `SELECT c."tagId", c.organisation, c.theme, c."statementId", c.date, c.event, c.stance,
           p.id AS "fromTagId", ps.id AS "fromStatementId", ps.date AS "fromDate", ps.event_id AS "fromEvent", p.stance AS "fromStance"
         FROM (
           SELECT tt.id AS "tagId", s.organisation_id AS organisation, tt.theme_id AS theme, s.id AS "statementId", s.date, s.event_id AS event, tt.stance,
             ${previous} AS "previousTag"
           FROM statements s CROSS JOIN theme_tags tt
           WHERE tt.statement_id = s.id AND ${where}
         ) c
         JOIN theme_tags p ON p.id = c."previousTag"
         JOIN statements ps ON ps.id = p.statement_id
         WHERE ${shift(LATER, { event: 'ps.event_id', stance: 'p.stance' })}
         ORDER BY c.date DESC, c."statementId" DESC, c.theme
         LIMIT @limit OFFSET @offset`,
    { ...params, limit, offset },
  );
  return rows.map((row) => {
    const to: TagPoint = { tagId: row.tagId, organisation: row.organisation, theme: row.theme, statementId: row.statementId, date: row.date, event: row.event, stance: row.stance };
    const from: TagPoint = { ...to, tagId: row.fromTagId, statementId: row.fromStatementId, date: row.fromDate, event: row.fromEvent, stance: row.fromStance };
    return { from, to, direction: directionOf(from.stance, to.stance) as Direction };
  });
}

/** How many shifts the filters keep: one pass over the tags in scope, each against the one before it. */
async function countShifts(db: Db, filters: ShiftFilters): Promise<number> {
  const { where, shift, params } = shiftScope(db, filters);
  return Number((await db.value<number>(`SELECT count(*) FROM ${pairedTags(where, { counting: true })} WHERE ${shift(LATER, EARLIER_PAIRED)}`, params)) ?? 0);
}

/** One page of the shifts the filters keep (see pageOfShifts), and how many they keep in all. */
export async function findShifts(db: Db, filters: ShiftFilters, { offset = 0, limit }: { offset?: number; limit: number }) {
  const shifts = await pageOfShifts(db, filters, offset, limit);
  // A page that is not full and starts at the beginning holds them all: nothing left to count.
  const total = offset === 0 && shifts.length < limit ? shifts.length : await countShifts(db, filters);
  return { shifts, total };
}

type TagRow = TrustRow & { tagId: number; theme: string; themeName: string; note: string | null };

/** The shifts with what a reader needs to check and cite both sides: statement, event, source, the tag's trust and evidence. */
export async function shiftDetails(db: Db, shifts: Shift<TagPoint>[]) {
  if (shifts.length === 0) return [];
  const { inList } = db.dialect;
  const points = shifts.flatMap((shift) => [shift.from, shift.to]);
  const tagIds = points.map((point) => point.tagId);
  const statementIds = [...new Set(points.map((point) => point.statementId))];
  const tags = new Map(
    (
      await db.all<TagRow>(
        `SELECT tt.id AS "tagId", th.slug AS theme, th.name AS "themeName", tt.note, ${TAG_TRUST_COLUMNS}
         FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id WHERE ${inList('tt.id', '@tagIds')}`,
        { tagIds },
      )
    ).map((row) => [row.tagId, row]),
  );
  const statements = await db.all<SourceColumns & { id: number }>(`${STATEMENT_HEAD} WHERE ${inList('s.id', '@statementIds')}`, { statementIds });
  const sources = new Map(statements.map((row) => [row.id, sourceRefs(row)]));
  const evidence = await evidenceForTags(db, tagIds);
  const side = (point: TagPoint) => {
    const { event, document } = sources.get(point.statementId)!;
    const tag = tags.get(point.tagId)!;
    return {
      stance: point.stance,
      statement: { id: point.statementId, date: point.date, url: `/v1/statements/${point.statementId}` },
      event,
      source: { title: document.title, publisher: document.publisher, url: document.url, publishedOn: document.publishedOn },
      ...tagTrust(tag),
      note: tag.note,
      evidence: evidence.get(point.tagId) ?? [],
    };
  };
  // A tag removed by a write between the two reads leaves its shift out of this page, not half-shown.
  const whole = (point: TagPoint) => tags.has(point.tagId) && sources.has(point.statementId);
  return shifts.filter((shift) => whole(shift.from) && whole(shift.to)).map((shift) => {
    const { organisation } = sources.get(shift.to.statementId)!;
    const tag = tags.get(shift.to.tagId)!;
    const theme = { slug: tag.theme, name: tag.themeName };
    return {
      organisation,
      theme,
      direction: shift.direction,
      summary: shiftSummary(organisation.shortName, theme.name, shift),
      from: side(shift.from),
      to: side(shift.to),
    };
  });
}
