import type { Search, Searchable } from '../database.ts';
import { searchTerms } from '../search-terms.ts';

/**
 * What a user typed as a safe FTS5 query: every term a quoted string (so FTS5 operators and
 * stray quotes never reach its parser as syntax), OR kept between terms, `*` after a prefix, and
 * terms to be without after NOT, at the end (FTS5's NOT needs something before it; moving them
 * changes nothing, as NOT binds tighter than AND and OR). Undefined when nothing searchable remains.
 */
export function toFtsQuery(input: string): string | undefined {
  const terms = searchTerms(input);
  if (!terms) return undefined;
  const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const rendered = terms.map((term) => (term === 'OR' ? 'OR' : `${quote(term.text)}${term.prefix && !term.phrase ? '*' : ''}`));
  const positive = rendered.filter((_, i) => terms[i] === 'OR' || !(terms[i] as { without: boolean }).without);
  const without = rendered.filter((_, i) => terms[i] !== 'OR' && (terms[i] as { without: boolean }).without);
  return [...positive, ...without.map((term) => `NOT ${term}`)].join(' ');
}

const RANKS: Record<Searchable, string> = { statements: 'bm25(statements_fts, 1.0, 0.5)', quotes: 'bm25(quotes_fts)' };

/** Search on SQLite: each table's FTS5 index (`statements_fts`, `quotes_fts`), external content keyed by the row id, bm25 ranks. */
export const sqliteSearch: Search = {
  query: toFtsQuery,
  from: (table, alias) => `${table}_fts JOIN ${table} ${alias} ON ${alias}.id = ${table}_fts.rowid`,
  match: (table, _alias, param) => `${table}_fts MATCH ${param}`,
  rank: (table) => RANKS[table],
  snippet: (table) => `snippet(${table}_fts, 0, char(2), char(3), '…', 24)`,
  ids: (table, param) => `SELECT rowid FROM ${table}_fts WHERE ${table}_fts MATCH ${param}`,
  indexOnly: (table) => ({ from: `${table}_fts`, id: `${table}_fts.rowid` }),
};
