import type { Db } from '../../db/database.ts';
import { shiftsAcross, shiftSummary, type Direction, type PairPoint, type Shift } from '../../domain/shifts.ts';
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

/**
 * The tags in scope as points in time, leaving out those inside a run of one stance (the same
 * stance as the tags on either side of them): they make no shift, so only the tags on either side
 * of a change are read, and the shifts found over these are those found over all. Ids only: names,
 * notes and evidence are read for the shifts on the page. The government is the subject of the
 * responses, not a stakeholder: left out unless named.
 */
async function stancePoints(db: Db, filters: ShiftFilters): Promise<TagPoint[]> {
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
  return db.all<TagPoint>(
    `SELECT p."tagId", p.organisation, p.theme, p."statementId", p.date, p.event, p.stance
     FROM (
       SELECT tt.id AS "tagId", s.organisation_id AS organisation, tt.theme_id AS theme, s.id AS "statementId", s.date, s.event_id AS event, tt.stance,
         LAG(tt.stance) OVER pair AS "previousStance", LEAD(tt.stance) OVER pair AS "nextStance"
       FROM statements s
       JOIN theme_tags tt ON tt.statement_id = s.id
       WHERE ${where.join(' AND ')}
       WINDOW pair AS (PARTITION BY s.organisation_id, tt.theme_id ORDER BY s.date, s.id)
     ) p
     WHERE p."previousStance" <> p.stance OR p."nextStance" <> p.stance
     ORDER BY p.organisation, p.theme, p.date, p."statementId"`,
    params,
  );
}

/** Every shift in scope that the filters keep, newest first (see shiftsAcross), not yet with its sources and evidence. */
export async function findShifts(db: Db, filters: ShiftFilters): Promise<Shift<TagPoint>[]> {
  const events = filters.event?.length
    ? new Set(await db.column<number>(`SELECT id FROM events WHERE ${db.dialect.inList('slug', '@events')}`, { events: filters.event }))
    : undefined;
  const directions = filters.direction?.length ? new Set(filters.direction) : undefined;
  return shiftsAcross(await stancePoints(db, filters)).filter(
    ({ from, to, direction }) =>
      (!events || events.has(from.event) || events.has(to.event)) &&
      (!filters.from || to.date >= filters.from) &&
      (!filters.to || to.date <= filters.to) &&
      (!directions || directions.has(direction)),
  );
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
