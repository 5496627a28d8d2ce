import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The one interface every query function talks to, whichever engine is underneath. SQL is
 * written once, in the subset SQLite and PostgreSQL share: named parameters as `@name` (or `?`
 * in order), camelCase aliases in double quotes, booleans compared as `TRUE`/`FALSE`. What the
 * engines really spell differently (a list parameter, JSON aggregates, full-text search, the
 * change counter) comes from the engine's `dialect`.
 */
export type Params = Record<string, unknown> | unknown[];

export interface Queries {
  /** Every row. */
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** The first column of every row. */
  column<T = unknown>(sql: string, params?: Params): Promise<T[]>;
  /** The first column of the first row, or undefined. */
  value<T = unknown>(sql: string, params?: Params): Promise<T | undefined>;
  /** A write; how many rows it changed. */
  run(sql: string, params?: Params): Promise<{ changes: number }>;
}

export type Engine = 'sqlite' | 'postgres';

export interface Dialect {
  /** `column` is one of the values of the list parameter `param` (`@name`, bound to an array). */
  inList(column: string, param: string): string;
  /** The values of `expr` over the group as a JSON array in text (read it back with `jsonList`). */
  jsonArray(expr: string, options?: { distinct?: boolean }): string;
  /** A JSON array in text of the given expressions. */
  jsonArrayOf(...exprs: string[]): string;
  /** A JSON object of the given key expression / value expression pairs (inside `jsonArray`). */
  jsonObject(pairs: Record<string, string>): string;
  /** A table of one text column, `value`, from a JSON array column. */
  jsonElements(column: string): string;
  /** The larger of two numbers. */
  greatest(a: string, b: string): string;
  search: Search;
}

/** What full-text search can search: statements (their text and summary) and quotes. */
export type Searchable = 'statements' | 'quotes';

/**
 * Full-text search in each engine's own index. Every fragment is for the table `table` under the
 * alias `alias`, and reads the search from the parameter `param` (`@name`), bound to what `query` made.
 */
export interface Search {
  /** The engine's query for what a user typed (words, "a phrase", OR, prefix*), or undefined when nothing searchable remains. */
  query(input: string): string | undefined;
  /** A FROM clause of `table` as `alias` that `match`, `rank` and `snippet` can use. */
  from(table: Searchable, alias: string): string;
  /** The condition: the row matches. */
  match(table: Searchable, alias: string, param: string): string;
  /** An expression that orders best matches first (ascending). */
  rank(table: Searchable, alias: string, param: string): string;
  /** A short passage around the matches of the first text column, matches between \u0002 and \u0003. */
  snippet(table: Searchable, alias: string, param: string): string;
  /** A subquery of the ids of matching rows. */
  ids(table: Searchable, param: string): string;
  /** When the index alone can give ids and rank (no need to read the rows), its FROM clause and id column. */
  indexOnly?(table: Searchable): { from: string; id: string };
}

export interface Db extends Queries {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws. No other
   * query of this process runs inside it.
   */
  transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T>;
  /** A token that changes whenever any process commits a change: what the response cache checks. */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** A JSON array read back from the database (text on SQLite, text or parsed on PostgreSQL). */
export function jsonList<T = string>(value: unknown): T[] {
  if (value === null || value === undefined) return [];
  return (typeof value === 'string' ? JSON.parse(value) : value) as T[];
}

const primary = new AsyncLocalStorage<true>();
// Entering an AsyncLocalStorage turns on Node's promise hooks for the whole process, a cost on
// every promise of every request. Only a database with a separate replica for reads needs the
// context, so it is entered only once one has been opened.
let replicaOpened = false;

/** Called by a database that sends reads to a replica: from then on `readingFromPrimary` marks its work. */
export function usesReplica(): void {
  replicaOpened = true;
}

/**
 * Runs `work` with its reads on the primary database, where there is a replica for reads: what
 * a request that writes reads must include its own writes. Without a replica every read is on
 * the primary already, and `work` simply runs.
 */
export function readingFromPrimary<T>(work: () => T): T {
  return replicaOpened ? primary.run(true, work) : work();
}

/** Whether the code running now must read from the primary. */
export function mustReadPrimary(): boolean {
  return primary.getStore() === true;
}
