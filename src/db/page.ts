import type { Cursor } from '../http/pagination.ts';
import type { Db, Queries } from './database.ts';

export type Sort = 'date' | '-date' | 'relevance';

export interface PageQuery {
  /** FROM clause; with a search, what the engine's `search.from` gives. */
  from: string;
  where: string[];
  params: Record<string, unknown>;
  /** The sort-key and id columns, e.g. `s.date` and `s.id`. */
  dateColumn: string;
  idColumn: string;
  /**
   * The search's ranking and snippet expressions (from the engine's `search`), and the column of
   * the match's id in the search index (`searchKey` in modules/statements/queries.ts): walked from
   * the highest id down, it gives the candidates ranked for a page of a search sorted by relevance.
   */
  search?: { rank: string; snippet: string; key: string } | undefined;
  sort: Sort;
  limit: number;
  cursor: Cursor | undefined;
  /**
   * How the total is found: `exact`, counted in full (for queries whose count the database answers
   * from an index alone); `capped`, counted up to TOTAL_CAP matches (the default: a count of every
   * match of a broad filter costs a read per match); a number already known (a trigger-kept count);
   * or a count already made elsewhere, with whether it is exact (`matchCount`, in a search index).
   */
  total?: 'exact' | 'capped' | number | Counted | undefined;
  /**
   * Facet counts to compute over every match (not only this page): for each facet, a query over
   * the matching ids as the table `m(id)` that selects `value`, `label` and `count`.
   */
  facets?: Record<string, string> | undefined;
}

/** A total and whether it counts every match (false: there are at least `total`). */
export interface Counted {
  total: number;
  totalExact: boolean;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** The most values a facet lists, largest counts first. */
export const FACET_VALUES = 30;

/**
 * How many matches a capped total counts: past it, the total says "at least TOTAL_CAP" (`totalExact`
 * false), so that a broad filter's first page costs what its page costs, not a read of every match.
 */
export const TOTAL_CAP = 10_000;

/**
 * How many matches a search sorted by relevance ranks at a time: the most recently added first,
 * in blocks of this many, each block ranked best first. Ranking every match of a broad search
 * ("kinship", a third of a large corpus) would cost a score per match for every page; a block costs the
 * same at any corpus size. A search with fewer matches than this is ranked as a whole.
 */
export const SEARCH_CANDIDATES = 1_000;

export interface Hit {
  id: number;
  snippet: string | null;
  /** The snippet as the database gave it: unescaped, matches between \u0002 and \u0003 (to find where it lies). */
  rawSnippet: string | null;
  score: number | null;
}

// Matches are marked in the database with control characters (which press text does not use), so that the text around them
// can be escaped before the only markup a snippet carries, <mark>, is put in.
const OPEN = '\u0002';
const CLOSE = '\u0003';
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A snippet safe to render as HTML: its text escaped, its matches in <mark>. */
export function markSnippet(raw: string): string {
  return raw
    .split(/([\u0002\u0003])/)
    .map((part) => (part === OPEN ? '<mark>' : part === CLOSE ? '</mark>' : part.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c)))
    .join('');
}

/**
 * One page of ids in order, the total and the next cursor. Date orders page by keyset
 * (stable while rows are added); relevance pages by offset, as bm25 ranks have no stable key.
 */
export interface Page {
  hits: Hit[];
  total: number;
  /** Whether `total` counts every match; false when counting stopped at TOTAL_CAP (there are at least that many). */
  totalExact: boolean;
  next: Cursor | undefined;
  facets?: Record<string, FacetCount[]> | undefined;
}

const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');

/** The total a page reports, and whether it is exact. */
async function countMatches(db: Db, query: PageQuery): Promise<Counted> {
  const how = query.total ?? 'capped';
  if (typeof how === 'number') return { total: how, totalExact: true };
  if (typeof how === 'object') return how;
  if (how === 'exact') {
    return { total: Number((await db.value<number>(`SELECT count(*) AS n FROM ${query.from} ${whereSql(query.where)}`, query.params)) ?? 0), totalExact: true };
  }
  return cappedCount(db, `${query.from} ${whereSql(query.where)}`, query.params);
}

/** Counts the rows of `fromWhere` (a FROM clause and its WHERE) up to TOTAL_CAP: past it, "at least TOTAL_CAP". */
export async function cappedCount(db: Queries, fromWhere: string, params: Record<string, unknown>): Promise<Counted> {
  return capped(Number((await db.value<number>(`SELECT count(*) AS n FROM (${upToCap(fromWhere)}) AS capped`, params)) ?? 0));
}

/** A query that selects at most one row past TOTAL_CAP of `fromWhere` (a FROM clause and its WHERE): what a capped count counts. */
export const upToCap = (fromWhere: string) => `SELECT 1 AS one FROM ${fromWhere} LIMIT ${TOTAL_CAP + 1}`;

/** The total of `n` rows counted up to one past TOTAL_CAP: past the cap, "at least TOTAL_CAP". */
export const capped = (n: number): Counted => (n > TOTAL_CAP ? { total: TOTAL_CAP, totalExact: false } : { total: n, totalExact: true });

/**
 * Ids and scores from `offset` on, `count` of them at most, in relevance order: matches come in
 * blocks of SEARCH_CANDIDATES, newest id first, and each block is ranked best first (ties by id).
 */
async function rankedIds(db: Db, query: PageQuery, search: NonNullable<PageQuery['search']>, offset: number, count: number) {
  const ranked: { id: number; score: number }[] = [];
  let block = Math.floor(offset / SEARCH_CANDIDATES);
  let skip = offset - block * SEARCH_CANDIDATES;
  while (ranked.length < count) {
    const take = count - ranked.length;
    const rows = await db.all<{ id: number; score: number }>(
      `SELECT id, score FROM (
         SELECT ${query.idColumn} AS id, ${search.rank} AS score FROM ${query.from} ${whereSql(query.where)}
         ORDER BY ${search.key} DESC LIMIT ${SEARCH_CANDIDATES} OFFSET @blockStart
       ) AS candidates ORDER BY score, id LIMIT @take OFFSET @skip`,
      { ...query.params, blockStart: block * SEARCH_CANDIDATES, take, skip },
    );
    ranked.push(...rows);
    // A block that ran out before it was full was the last: there are no older matches.
    if (rows.length < take && skip + rows.length < SEARCH_CANDIDATES) break;
    block += 1;
    skip = 0;
  }
  return ranked;
}

export async function page(db: Db, query: PageQuery): Promise<Page> {
  const { total, totalExact } = await countMatches(db, query);
  const facets = query.facets
    ? Object.fromEntries(
        await Promise.all(
          Object.entries(query.facets).map(async ([name, sql]) => [
            name,
            await db.all<FacetCount>(`WITH m(id) AS (SELECT ${query.idColumn} FROM ${query.from} ${whereSql(query.where)}) ${sql} ORDER BY count DESC, label LIMIT ${FACET_VALUES}`, query.params),
          ]),
        ),
      )
    : undefined;

  if (query.sort === 'relevance' && query.search) {
    const offset = query.cursor && 'offset' in query.cursor ? query.cursor.offset : 0;
    const ranked = await rankedIds(db, query, query.search, offset, query.limit + 1);
    const shown = ranked.slice(0, query.limit);
    const snippets = await snippetsOf(db, query, query.search, shown.map((row) => row.id));
    return {
      hits: shown.map(({ id, score }) => hit(id, snippets.get(id) ?? null, score)),
      total,
      totalExact,
      next: ranked.length > query.limit ? { offset: offset + query.limit } : undefined,
      ...(facets ? { facets } : {}),
    };
  }

  const where = [...query.where];
  const params: Record<string, unknown> = { ...query.params, limit: query.limit + 1 };
  const descending = query.sort !== 'date';
  const direction = descending ? 'DESC' : 'ASC';
  const order = `${query.dateColumn} ${direction}, ${query.idColumn} ${direction}`;
  if (query.cursor && 'id' in query.cursor) {
    const cmp = descending ? '<' : '>';
    where.push(`(${query.dateColumn} ${cmp} @cursorKey OR (${query.dateColumn} = @cursorKey AND ${query.idColumn} ${cmp} @cursorId))`);
    params.cursorKey = String(query.cursor.key);
    params.cursorId = query.cursor.id;
  }
  const rows = await db.all<{ id: number; sortKey: string; score: number | null }>(
    `SELECT ${query.idColumn} AS id, ${query.dateColumn} AS "sortKey", ${query.search?.rank ?? 'NULL'} AS score FROM ${query.from} ${whereSql(where)}
     ORDER BY ${order} LIMIT @limit`,
    params,
  );
  const shown = rows.slice(0, query.limit);
  const last = shown[shown.length - 1];
  const snippets = query.search ? await snippetsOf(db, query, query.search, shown.map((row) => row.id)) : new Map<number, string | null>();
  return {
    hits: shown.map(({ id, score }) => hit(id, snippets.get(id) ?? null, score)),
    total,
    totalExact,
    next: rows.length > query.limit && last ? { key: last.sortKey, id: last.id } : undefined,
    ...(facets ? { facets } : {}),
  };
}

const hit = (id: number, snippet: string | null, score: number | null): Hit => ({ id, snippet: snippet === null ? null : markSnippet(snippet), rawSnippet: snippet, score });

/**
 * The snippets of a page's matches alone: the engine makes a snippet for every row a query
 * evaluates, so a query that sorts all the matches must not ask for them. (Nor does this ask for
 * ranks: a rank looked up by id recounts the whole index on SQLite, for every id.)
 */
async function snippetsOf(db: Db, query: PageQuery, search: NonNullable<PageQuery['search']>, ids: number[]): Promise<Map<number, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.all<{ id: number; snippet: string | null }>(
    `SELECT ${query.idColumn} AS id, ${search.snippet} AS snippet FROM ${query.from}
     ${whereSql([...query.where, db.dialect.inList(search.key, '@pageIds')])}`,
    { ...query.params, pageIds: ids },
  );
  return new Map(rows.map(({ id, snippet }) => [id, snippet]));
}
