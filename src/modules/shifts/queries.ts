import type { Db } from '../../db/database.ts';
import { capped, upToCap } from '../../db/page.ts';
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

/** Where one part of the shifts is read from (`p`, the stance_points table, maybe after a table that drives it), and on what conditions. */
interface Part {
  from: string;
  where: string;
}

/**
 * The shifts the filters keep, over `p`, a row of stance_points: each tag as a point of its
 * organisation's stance on its theme, with the point before it (by date, then id), kept by the
 * triggers of migration 0016 in the sequence of all tags and in that of reviewed tags only. A
 * shift is a point whose stance differs from the one before. The government is the subject of the
 * responses, not a stakeholder: left out unless named.
 *
 * The shifts of named organisations, or of events, are few and anywhere in time: they are read
 * from their own index, driven by the organisations or events named (a CROSS JOIN keeps SQLite
 * from starting anywhere else: with the statistics it samples, walking every shift newest first
 * looks cheaper). An event is either side's, so its shifts are two disjoint parts: the later side
 * in the event; the earlier side in it and the later not. A count of a theme's shifts is driven by
 * the theme in the same way; a page of them walks the shifts newest first, a quarter of which are on it.
 */
function shiftScope(db: Db, filters: ShiftFilters, { counting = false } = {}): { parts: Part[]; params: Record<string, unknown> } {
  const { inList } = db.dialect;
  // The partial indexes of stance_points hold exactly the rows of `from_stance <> stance`, written as they are.
  const where = [`p.reviewed_only = ${filters.reviewed ? 'TRUE' : 'FALSE'}`, 'p.from_stance <> p.stance'];
  const params: Record<string, unknown> = {};
  let from = 'stance_points p';
  const drive = (table: string, alias: string, column: string, param: string) => {
    from = `${table} ${alias} CROSS JOIN stance_points p`;
    where.push(inList(`${alias}.slug`, `@${param}`), `p.${column} = ${alias}.id`);
  };
  if (filters.organisation?.length) {
    drive('organisations', 'o', 'organisation_id', 'organisations');
    params.organisations = filters.organisation;
  } else {
    where.push('p.stakeholder = TRUE');
  }
  if (filters.theme?.length) {
    if (counting && from === 'stance_points p' && !filters.event?.length) drive('themes', 'th', 'theme_id', 'themes');
    else where.push(`p.theme_id IN (SELECT id FROM themes WHERE ${inList('slug', '@themes')})`);
    params.themes = filters.theme;
  }
  // Bounds on the later statement's date, when the change was said.
  if (filters.from) {
    where.push('p.date >= @from');
    params.from = filters.from;
  }
  if (filters.to) {
    where.push('p.date <= @to');
    params.to = filters.to;
  }
  // A concatenation, not a tuple comparison: the same SQL on both engines, and one list parameter.
  if (filters.direction?.length) {
    where.push(inList("p.from_stance || '>' || p.stance", '@moves'));
    params.moves = movesIn(filters.direction).map(([from, to]) => `${from}>${to}`);
  }
  if (!filters.event?.length) return { parts: [{ from, where: where.join(' AND ') }], params };
  params.events = filters.event;
  const inEvents = `IN (SELECT id FROM events WHERE ${inList('slug', '@events')})`;
  // An organisation's shifts are fewer than an event's: they drive, and the event is a condition on each.
  if (filters.organisation?.length) return { parts: [{ from, where: [...where, `(p.event_id ${inEvents} OR p.from_event_id ${inEvents})`].join(' AND ') }], params };
  const fromEvents = `events e CROSS JOIN stance_points p`;
  return {
    parts: [
      { from: fromEvents, where: [...where, inList('e.slug', '@events'), 'p.event_id = e.id'].join(' AND ') },
      { from: fromEvents, where: [...where, inList('e.slug', '@events'), 'p.from_event_id = e.id', `p.event_id NOT ${inEvents}`].join(' AND ') },
    ],
    params,
  };
}

const SHIFT_COLUMNS = `p.tag_id AS "tagId", p.organisation_id AS organisation, p.theme_id AS theme, p.statement_id AS "statementId", p.date, p.event_id AS event, p.stance,
  p.from_tag_id AS "fromTagId", p.from_statement_id AS "fromStatementId", p.from_date AS "fromDate", p.from_event_id AS "fromEvent", p.from_stance AS "fromStance"`;

/**
 * One page of the shifts the filters keep, newest first (by the later statement's date, then its
 * id, then the theme), not yet with their sources and evidence: read from an index of the shifts in
 * that order, or, for a few (an organisation's, an event's), from theirs.
 */
async function pageOfShifts(db: Db, filters: ShiftFilters, offset: number, limit: number): Promise<Shift<TagPoint>[]> {
  const { parts, params } = shiftScope(db, filters);
  const select = ({ from, where }: Part) => `SELECT ${SHIFT_COLUMNS} FROM ${from} WHERE ${where}`;
  const rows = await db.all<ShiftRow>(
    parts.length === 1
      ? `${select(parts[0]!)} ORDER BY p.date DESC, p.statement_id DESC, p.theme_id LIMIT @limit OFFSET @offset`
      : `SELECT * FROM (${parts.map(select).join(' UNION ALL ')}) c ORDER BY c.date DESC, c."statementId" DESC, c.theme LIMIT @limit OFFSET @offset`,
    { ...params, limit, offset },
  );
  return rows.map((row) => {
    const to: TagPoint = { tagId: row.tagId, organisation: row.organisation, theme: row.theme, statementId: row.statementId, date: row.date, event: row.event, stance: row.stance };
    const from: TagPoint = { ...to, tagId: row.fromTagId, statementId: row.fromStatementId, date: row.fromDate, event: row.fromEvent, stance: row.fromStance };
    return { from, to, direction: directionOf(from.stance, to.stance) as Direction };
  });
}

/**
 * How many shifts the filters keep, counted up to TOTAL_CAP as a broad list or search is (an event's
 * are two parts, each counted up to the cap): every shift of a large corpus is 150 000 rows of an
 * index, 6 ms a page, for a figure that says "at least 10 000" as well.
 */
async function countShifts(db: Db, filters: ShiftFilters) {
  const { parts, params } = shiftScope(db, filters, { counting: true });
  const counts = parts.map(({ from, where }) => `(SELECT count(*) FROM (${upToCap(`${from} WHERE ${where}`)}) AS capped)`);
  return capped(Number((await db.value<number>(`SELECT ${counts.join(' + ')}`, params)) ?? 0));
}

/** One page of the shifts the filters keep (see pageOfShifts), how many they keep (up to TOTAL_CAP), and whether that is all of them. */
export async function findShifts(db: Db, filters: ShiftFilters, { offset = 0, limit }: { offset?: number; limit: number }) {
  // One shift past the page says whether there are more, as the other lists page (db/page.ts): a capped total cannot.
  const read = await pageOfShifts(db, filters, offset, limit + 1);
  const shifts = read.slice(0, limit);
  const more = read.length > limit;
  // The first page with nothing after it holds them all: nothing left to count.
  const counted = offset === 0 && !more ? { total: shifts.length, totalExact: true } : await countShifts(db, filters);
  return { shifts, ...counted, more };
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
