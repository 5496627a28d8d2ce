import { jsonList, type Db, type Dialect } from '../../db/database.ts';
import { citation, spanPermalink } from '../../domain/citation.ts';
import { displayValue, measureCategory, sentenceAround } from '../../domain/figures.ts';
import { SOURCE_COLUMNS, sourceRefs, type SourceColumns } from '../statements/queries.ts';

export interface FigureFilters {
  theme?: string[] | undefined;
  organisation?: string[] | undefined;
  unit?: string[] | undefined;
  event?: string[] | undefined;
  q?: string | undefined;
  /** One amount (as parsed by `parseAmount`): figures of that value, in that unit when one is given. */
  amount?: { value: number; unit: string | undefined } | undefined;
}

/** How many citations each group shows (the most recent); `citationCount` says how many there are. */
export const CITATIONS_PER_GROUP = 10;
// The figure's sentence is found in a window of the document around it, not the whole text.
const WINDOW = 600;

const JOINS = `JOIN organisations o ON o.id = s.organisation_id
  JOIN events e ON e.id = s.event_id
  JOIN source_documents d ON d.id = s.document_id
  LEFT JOIN themes th ON th.id = f.theme_id`;
const FROM = `FROM figures f JOIN statements s ON s.id = f.statement_id ${JOINS}`;

// A group cited this often has its newest citations near the top of the statements' date index:
// walking statements newest first finds ten of them in a few hundred rows, where reading every
// figure of the group and sorting them costs as many rows as the group has. The walk is spelled
// with SQLite's planner hints (INDEXED BY, CROSS JOIN keeps the join order), so only SQLite takes it.
const DATE_WALK_FROM = 500;
const FROM_NEWEST = `FROM statements s INDEXED BY statements_date_idx CROSS JOIN figures f ON f.statement_id = s.id ${JOINS}`;

function conditions(dialect: Dialect, filters: FigureFilters): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (name: keyof FigureFilters, column: string) => {
    const values = filters[name];
    if (!Array.isArray(values) || values.length === 0) return;
    params[name] = values;
    where.push(dialect.inList(column, `@${name}`));
  };
  list('theme', 'th.slug');
  list('organisation', 'o.slug');
  list('unit', 'f.unit');
  list('event', 'e.slug');
  if (filters.amount) {
    // Stored values come from the same arithmetic, but a float may differ in its last digits.
    params.amount = filters.amount.value;
    where.push('abs(f.value - @amount) <= abs(@amount) * 1e-9');
    if (filters.amount.unit) {
      params.amountUnit = filters.amount.unit;
      where.push('f.unit = @amountUnit');
    }
  }
  if (filters.q) {
    params.q = `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(lower(f.raw || ' ' || f.measures || ' ' || substr(d.text, ${dialect.greatest('1', `f.start_offset - ${WINDOW / 2}`)}, ${WINDOW})) LIKE @q ESCAPE '\\')`);
  }
  return { where, params };
}

export interface CitedFigureRow extends SourceColumns {
  id: number;
  statementId: number;
  date: string;
  raw: string;
  value: number;
  unit: string;
  measures: string;
  period: string | null;
  theme: string | null;
  start: number;
  end: number;
  windowStart: number;
  window: string;
  speakerName: string | null;
  speakerRole: string | null;
}

/** The columns of a CitedFigureRow but its speaker's (see citedFiguresByIds), for a query over figures f, statements s and FROM's joins. */
export const citedFigureColumns = (dialect: Dialect) => `f.id, s.id AS "statementId", s.date, f.raw, f.value, f.unit, f.measures, f.period, th.slug AS theme,
  f.start_offset AS start, f.end_offset AS end, ${dialect.greatest('0', `f.start_offset - ${WINDOW / 2}`)} AS "windowStart",
  substr(d.text, ${dialect.greatest('1', `f.start_offset - ${WINDOW / 2} + 1`)}, ${WINDOW}) AS window, ${SOURCE_COLUMNS},
  (SELECT q.speaker_id FROM quotes q
     WHERE q.statement_id = s.id AND q.start_offset <= f.start_offset AND q.end_offset >= f.end_offset AND q.speaker_id IS NOT NULL LIMIT 1) AS "speakerId"`;

/** A figure as cited: in its sentence, with who said it, where, and the citation and permalink to check it. */
export function citedFigure(row: CitedFigureRow) {
  const refs = sourceRefs(row);
  const speaker = row.speakerName ? { name: row.speakerName, role: row.speakerRole } : null;
  const context = sentenceAround(row.window, row.start - row.windowStart, row.end - row.windowStart);
  return {
    id: row.id,
    raw: row.raw,
    value: row.value,
    unit: row.unit,
    measures: row.measures,
    period: row.period,
    theme: row.theme,
    start: row.start,
    end: row.end,
    context: context.text,
    organisation: refs.organisation,
    statement: { id: row.statementId, date: row.date, url: `/v1/statements/${row.statementId}` },
    event: refs.event,
    speaker,
    citation: citation({ speaker, organisation: refs.organisation, document: refs.document }),
    permalink: spanPermalink(row.statementId, row.start, row.end),
  };
}

/** Figures by id, as cited, in the order asked. */
export async function citedFiguresByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  // The quote a figure is in is found once per figure, and its speaker's name and role joined to it.
  const rows = await db.all<CitedFigureRow>(
    `SELECT c.*, sp.name AS "speakerName", sp.role AS "speakerRole"
     FROM (SELECT ${citedFigureColumns(db.dialect)} ${FROM} WHERE ${db.dialect.inList('f.id', '@ids')}) c
     LEFT JOIN people sp ON sp.id = c."speakerId"`,
    { ids },
  );
  const byId = new Map(rows.map((row) => [row.id, citedFigure(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * Every figure matching the filters, grouped by value, unit and what it measures (counted in
 * SQL), with who cites it and, for one page of groups, their most recent citations in their own words.
 */
export async function figureGroups(db: Db, filters: FigureFilters, { offset = 0, limit = Number.MAX_SAFE_INTEGER, dateWalkFrom = DATE_WALK_FROM } = {}) {
  const { dialect } = db;
  const { where, params } = conditions(dialect, filters);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Without an event or words to look for, the trigger-kept totals have the counts already.
  const fromTotals = !filters.event?.length && !filters.q;
  const organisations = dialect.jsonArray('o.slug', { distinct: true });
  const counted = await db.all<{ unit: string; value: number; measures: string; n: number; organisations: unknown }>(
    fromTotals
      ? `SELECT f.unit, f.value, f.measures, sum(f.n) AS n, ${organisations} AS organisations
         FROM figure_totals f JOIN organisations o ON o.id = f.organisation_id LEFT JOIN themes th ON th.id = f.theme_id ${whereSql}
         GROUP BY f.unit, f.value, f.measures`
      : `SELECT f.unit, f.value, f.measures, count(*) AS n, ${organisations} AS organisations ${FROM} ${whereSql}
         GROUP BY f.unit, f.value, f.measures`,
    params,
  );

  const groups = new Map<string, { unit: string; value: number; category: string; measures: string[]; count: number; organisations: Set<string> }>();
  for (const row of counted) {
    const category = measureCategory(row.measures);
    const key = `${row.unit}\u0000${row.value}\u0000${category}`;
    const group = groups.get(key) ?? { unit: row.unit, value: row.value, category, measures: [], count: 0, organisations: new Set<string>() };
    group.measures.push(row.measures);
    group.count += row.n;
    for (const slug of jsonList(row.organisations)) group.organisations.add(slug);
    groups.set(key, group);
  }

  const organisationRefs = new Map(
    (await db.all<{ slug: string; name: string; shortName: string }>('SELECT slug, name, short_name AS "shortName" FROM organisations')).map((o) => [o.slug, o]),
  );
  const unitOrder = (unit: string) => (unit === 'GBP' ? 0 : 1);
  const ordered = [...groups.values()].sort(
    (a, b) => unitOrder(a.unit) - unitOrder(b.unit) || a.unit.localeCompare(b.unit) || b.value - a.value || a.category.localeCompare(b.category),
  );
  // Citations are read for one page of groups only: first which figures (ordered on the narrow
  // columns alone), then those figures as cited, in one read. Asking for the cited columns (a window of
  // the document's text, the speaker) in the ordering query would read them for every figure of the group.
  const shown = ordered.slice(offset, offset + limit);
  const idsByGroup = await Promise.all(
    shown.map((group) =>
      db.column<number>(
        `SELECT f.id
         ${group.count > dateWalkFrom && db.engine === 'sqlite' ? FROM_NEWEST : FROM}
         ${whereSql ? `${whereSql} AND` : 'WHERE'} f.unit = @groupUnit AND f.value = @groupValue AND ${dialect.inList('f.measures', '@groupMeasures')}
         ORDER BY s.date DESC, s.id DESC, f.start_offset
         LIMIT ${CITATIONS_PER_GROUP}`,
        { ...params, groupUnit: group.unit, groupValue: group.value, groupMeasures: group.measures },
      ),
    ),
  );
  const cited = new Map((await citedFiguresByIds(db, idsByGroup.flat())).map((figure) => [figure.id, figure]));
  const page = shown.map((group, i) => ({
    value: group.value,
    unit: group.unit,
    display: displayValue(group.value, group.unit),
    category: group.category,
    measures: group.measures[0] ?? group.category,
    citationCount: group.count,
    organisations: [...group.organisations].flatMap((slug) => organisationRefs.get(slug) ?? []).sort((a, b) => a.name.localeCompare(b.name)),
    citations: (idsByGroup[i] ?? []).flatMap((id) => cited.get(id) ?? []),
  }));
  return {
    groups: page,
    groupCount: ordered.length,
    citationCount: ordered.reduce((n, g) => n + g.count, 0),
    nextOffset: offset + limit < ordered.length ? offset + limit : undefined,
  };
}
