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
 * ts_rank, snippets by ts_headline.
 */
export const postgresSearch: Search = {
  query: toTsQuery,
  from: (table, alias) => `${table} ${alias}`,
  match: (_table, alias, param) => `${alias}.search @@ to_tsquery('english', ${param})`,
  rank: (_table, alias, param) => `-ts_rank(${alias}.search, to_tsquery('english', ${param}))`,
  snippet: (_table, alias, param) => `ts_headline('english', ${alias}.text, to_tsquery('english', ${param}), ${HEADLINE})`,
  ids: (table, param) => `SELECT id FROM ${table} WHERE search @@ to_tsquery('english', ${param})`,
};
