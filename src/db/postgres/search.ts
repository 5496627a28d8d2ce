import type { Search } from '../database.ts';
import { searchTerms } from '../search-terms.ts';

/**
 * What a user typed as a tsquery for `to_tsquery('english', …)`: each term a quoted lexeme (a
 * quoted phrase becomes words in sequence, `<->`), `|` for OR, `&` between the rest, `:*` after a
 * prefix, and terms to be without as `& !term` at the end, as on SQLite (`!` binds tightest, then
 * `&`, then `|`, so both read `a OR b -c` alike).
 */
export function toTsQuery(input: string): string | undefined {
  const terms = searchTerms(input);
  if (!terms) return undefined;
  const lexeme = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
  const positive: string[] = [];
  const without: string[] = [];
  let joiner = '';
  for (const term of terms) {
    if (term === 'OR') {
      joiner = ' | ';
      continue;
    }
    const rendered = `${lexeme(term.text)}${term.prefix && !term.phrase ? ':*' : ''}`;
    if (term.without) {
      without.push(`!${rendered}`);
      continue;
    }
    positive.push(`${positive.length > 0 ? joiner || ' & ' : ''}${rendered}`);
    joiner = '';
  }
  return [positive.join(''), ...without].join(' & ');
}

const HEADLINE = `'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=24, MinWords=12, ShortWord=2, MaxFragments=1, FragmentDelimiter=…'`;

/**
 * Search on PostgreSQL: a stored `search` tsvector (English) on each table with a GIN index (a
 * statement's text weighted above its summary, as bm25's weights do on SQLite), ranked by
 * ts_rank, snippets by ts_headline. Ranks are near SQLite's, not the same: the order of matches that score
 * alike can differ between the engines.
 */
export const postgresSearch: Search = {
  query: toTsQuery,
  from: (table, alias) => `${table} ${alias}`,
  match: (_table, alias, param) => `${alias}.search @@ to_tsquery('english', ${param})`,
  // Normalised by the log of the row's length (flag 1), the nearest to bm25's order on the seed corpus.
  rank: (_table, alias, param) => `-ts_rank(${alias}.search, to_tsquery('english', ${param}), 1)`,
  // ts_headline marks each word of a phrase on its own; marks that only a space separates are one
  // match, marked once as SQLite does.
  // ts_headline drops what its parser reads as markup (`<b>`, `<script>`), so text that only looks like
  // markup goes in with < and > as control characters and comes back as it was stored.
  snippet: (_table, alias, param) =>
    `translate(regexp_replace(ts_headline('english', translate(${alias}.text, '<>', chr(1) || chr(4)), to_tsquery('english', ${param}), ${HEADLINE}), chr(3) || '(\\s+)' || chr(2), '\\1', 'g'), chr(1) || chr(4), '<>')`,
  ids: (table, param) => `SELECT id FROM ${table} WHERE search @@ to_tsquery('english', ${param})`,
};
