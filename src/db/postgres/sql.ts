import type { Params } from '../database.ts';

/**
 * Rewrites the shared SQL's parameters for PostgreSQL: `@name` and `?` become `$1`, `$2`, … in
 * order of first use, skipping string literals and quoted identifiers. Done once per SQL text.
 */
export function numbered(sql: string): { text: string; names: string[]; positional: number } {
  const names: string[] = [];
  let positional = 0;
  let text = '';
  for (let i = 0; i < sql.length; i += 1) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      text += sql.slice(i, stop);
      i = stop - 1;
    } else if (c === '?') {
      positional += 1;
      text += `$${positional}`;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] ?? '';
      let at = names.indexOf(name);
      if (at === -1) at = names.push(name) - 1;
      text += `$${at + 1}`;
      i += name.length;
    } else {
      text += c;
    }
  }
  if (names.length > 0 && positional > 0) throw new Error('SQL mixes @named and ? parameters');
  return { text, names, positional };
}

/**
 * PostgreSQL's text cannot hold a NUL character (SQLite's can), and refuses a parameter with one.
 * It stands in for a character no stored text has, so a lookup finds nothing, as it would on SQLite.
 */
function storable(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  if (Array.isArray(value)) return value.map(storable);
  return value;
}

/** The values for a rewritten SQL text, in its order. A named parameter the SQL uses but the call does not give is an error, as on SQLite. */
export function values(compiled: { names: string[] }, params: Params | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params.map(storable);
  return compiled.names.map((name) => {
    if (!(name in params)) throw new RangeError(`Missing named parameter "${name}"`);
    return storable(params[name]);
  });
}
