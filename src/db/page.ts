import type { Cursor } from '../http/pagination.ts';
import type { Db } from './database.ts';

export type Sort = 'date' | '-date' | 'relevance';

export interface PageQuery {
  /** FROM clause; with a search, what the engine's `search.from` gives. */
  from: string;
  where: string[];
  params: Record<string, unknown>;
  /** The sort-key and id columns, e.g. `s.date` and `s.id`. */
  dateColumn: string;
  idColumn: string;
  /** The search's ranking and snippet expressions (from the engine's `search`). */
  search?: { rank: string; snippet: string } | undefined;
  sort: Sort;
  limit: number;
  cursor: Cursor | undefined;
  /**
   * Facet counts to compute over every match (not only this page): for each facet, a query over
   * the matching ids as the table `m(id)` that selects `value`, `label` and `count`.
   */
  facets?: Record<string, string> | undefined;
}

export interface FacetCount {
  value: string;
  label: string;
  count: number;
}

/** The most values a facet lists, largest counts first. */
export const FACET_VALUES = 30;

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
  next: Cursor | undefined;
  facets?: Record<string, FacetCount[]> | undefined;
}

export async function page(db: Db, query: PageQuery): Promise<Page> {
  const whereSql = (where: string[]) => (where.length ? `WHERE ${where.join(' AND ')}` : '');
  const total = (await db.value<number>(`SELECT count(*) AS n FROM ${query.from} ${whereSql(query.where)}`, query.params)) ?? 0;
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

  const where = [...query.where];
  const params: Record<string, unknown> = { ...query.params, limit: query.limit + 1, offset: 0 };
  const byRelevance = query.sort === 'relevance' && query.search !== undefined;
  let order: string;
  if (byRelevance) {
    order = `${query.search?.rank}, ${query.idColumn}`;
    if (query.cursor && 'offset' in query.cursor) params.offset = query.cursor.offset;
  } else {
    const descending = query.sort !== 'date';
    const direction = descending ? 'DESC' : 'ASC';
    order = `${query.dateColumn} ${direction}, ${query.idColumn} ${direction}`;
    if (query.cursor && 'id' in query.cursor) {
      const cmp = descending ? '<' : '>';
      where.push(`(${query.dateColumn} ${cmp} @cursorKey OR (${query.dateColumn} = @cursorKey AND ${query.idColumn} ${cmp} @cursorId))`);
      params.cursorKey = String(query.cursor.key);
      params.cursorId = query.cursor.id;
    }
  }
  const columns = query.search
    ? `${query.idColumn} AS id, ${query.dateColumn} AS "sortKey", ${query.search.snippet} AS snippet, ${query.search.rank} AS score`
    : `${query.idColumn} AS id, ${query.dateColumn} AS "sortKey", NULL AS snippet, NULL AS score`;
  const rows = await db.all<{ id: number; snippet: string | null; score: number | null; sortKey: string }>(
    `SELECT ${columns} FROM ${query.from} ${whereSql(where)} ORDER BY ${order} LIMIT @limit OFFSET @offset`,
    params,
  );

  const hits = rows.slice(0, query.limit);
  const last = hits[hits.length - 1];
  let next: Cursor | undefined;
  if (rows.length > query.limit && last) {
    next = byRelevance ? { offset: Number(params.offset) + query.limit } : { key: last.sortKey, id: last.id };
  }
  return {
    hits: hits.map(({ id, snippet, score }) => ({ id, snippet: snippet === null ? null : markSnippet(snippet), rawSnippet: snippet, score })),
    total,
    next,
    ...(facets ? { facets } : {}),
  };
}
