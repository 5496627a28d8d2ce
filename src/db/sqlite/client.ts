import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db, Dialect, Params, Queries } from '../database.ts';
import { fromRoot } from '../../paths.ts';
import { sqliteSearch } from './fts.ts';

export const MIGRATIONS_FOLDER = fromRoot('migrations');

export const sqliteDialect: Dialect = {
  // A list travels as one JSON text parameter (the adapter encodes arrays), opened by json_each.
  inList: (column, param) => `${column} IN (SELECT value FROM json_each(${param}))`,
  jsonArray: (expr, { distinct = false } = {}) => `json_group_array(${distinct ? 'DISTINCT ' : ''}${expr})`,
  jsonArrayOf: (...exprs) => `json_array(${exprs.join(', ')})`,
  jsonObject: (pairs) => `json_object(${Object.entries(pairs).map(([key, value]) => `'${key}', ${value}`).join(', ')})`,
  jsonElements: (column) => `(SELECT value FROM json_each(${column}))`,
  greatest: (a, b) => `max(${a}, ${b})`,
  search: sqliteSearch,
};

/** SQLite behind the common interface, with the connection itself for what only SQLite does (backup, bulk loads). */
export interface SqliteDb extends Db {
  readonly engine: 'sqlite';
  readonly sqlite: Database.Database;
}

type Mode = 'rows' | 'column';

/**
 * better-sqlite3 binds neither arrays nor booleans: a list becomes its JSON text (read back with
 * json_each, see `inList`) and a boolean 1 or 0, as the schema stores them.
 */
function bindable(value: unknown): unknown {
  if (Array.isArray(value)) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

const needsBinding = (value: unknown) => Array.isArray(value) || typeof value === 'boolean';

// Called for every query: the parameters are copied only when one needs converting.
function bind(params: Params | undefined): unknown[] {
  if (params === undefined) return [];
  if (Array.isArray(params)) return params.some(needsBinding) ? params.map(bindable) : params;
  for (const key in params) {
    if (needsBinding(params[key])) return [Object.fromEntries(Object.entries(params).map(([name, value]) => [name, bindable(value)]))];
  }
  return [params];
}

/**
 * Opens (creating if needed) and migrates the database at `path` (':memory:' for tests).
 * Foreign keys stay off while migrating: a table recreated by drizzle-kit would otherwise
 * cascade deletes into its children.
 */
export function openDb(path: string): SqliteDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = OFF');
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  // FULL: a write acknowledged to a client survives a power cut too, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
  sqlite.pragma('foreign_keys = ON');
  // Table statistics for the query planner (sampled, so cheap on a large file): without them it
  // reads whole statement rows where a narrow covering index would do.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  return sqliteDb(sqlite, path === ':memory:' ? undefined : walIndexWatch(`${path}-shm`));
}

/**
 * What moves on every commit to a database in WAL mode, from any process, read without a query:
 * the header of its WAL index (the `-shm` file every connection maps; its layout is part of
 * SQLite's documented file format, https://www.sqlite.org/walformat.html). A writer changes it
 * (the transaction counter, the last frame, the checksums) as the very step that makes a commit
 * visible, so a request that arrives after a commit, made by any process, reads a changed header.
 * One `pread` of 48 bytes, where `PRAGMA data_version` takes the read locks of a transaction (about
 * five times as long, and once for every answer the response cache gives). A header read while a
 * writer is changing it differs from the last one too: at worst one answer is computed again.
 */
function walIndexWatch(shmPath: string): { version: () => string; close: () => void } | undefined {
  let fd: number;
  try {
    fd = openSync(shmPath, 'r');
  } catch {
    return undefined; // no WAL index to read (a file SQLite could not put in WAL mode): ask SQLite
  }
  const header = Buffer.alloc(48);
  const last = Buffer.alloc(48);
  let generation = 0;
  let token = '0';
  return {
    version() {
      readSync(fd, header, 0, header.length, 0);
      if (!header.equals(last)) {
        header.copy(last);
        generation += 1;
        token = String(generation);
      }
      return token;
    },
    close: () => closeSync(fd),
  };
}

function sqliteDb(sqlite: Database.Database, wal?: { version: () => string; close: () => void }): SqliteDb {
  // Each SQL text is compiled once per connection and reused on every later request: dynamic
  // queries (filters switched on and off) have a handful of shapes.
  // One map per mode, keyed by the SQL text itself (a constant's hash is computed once, a key built per call would hash every time).
  const statements: Record<Mode, Map<string, Database.Statement>> = { rows: new Map(), column: new Map() };
  const statement = (sql: string, mode: Mode) => {
    let found = statements[mode].get(sql);
    if (!found) {
      found = sqlite.prepare(sql);
      if (mode === 'column') found.pluck();
      statements[mode].set(sql, found);
    }
    return found;
  };
  const direct = {
    all: (sql: string, params?: Params) => statement(sql, 'rows').all(...bind(params)),
    get: (sql: string, params?: Params) => statement(sql, 'rows').get(...bind(params)),
    column: (sql: string, params?: Params) => statement(sql, 'column').all(...bind(params)),
    value: (sql: string, params?: Params) => statement(sql, 'column').get(...bind(params)),
    run: (sql: string, params?: Params) => ({ changes: statement(sql, 'rows').run(...bind(params)).changes }),
  };

  // better-sqlite3 answers at once; the only way another request's query could land inside a
  // transaction is while the transaction's own code awaits. While one is open, every query from
  // outside it waits for its end (and transactions wait for each other).
  let open: Promise<void> | undefined;
  const outside =
    <A extends unknown[], R>(query: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      while (open) await open;
      return query(...args);
    };
  const tx: Queries = {
    all: async <T>(sql: string, params?: Params) => direct.all(sql, params) as T[],
    get: async <T>(sql: string, params?: Params) => direct.get(sql, params) as T | undefined,
    column: async <T>(sql: string, params?: Params) => direct.column(sql, params) as T[],
    value: async <T>(sql: string, params?: Params) => direct.value(sql, params) as T | undefined,
    run: async (sql: string, params?: Params) => direct.run(sql, params),
  };

  return {
    engine: 'sqlite',
    dialect: sqliteDialect,
    sqlite,
    all: outside(direct.all) as Db['all'],
    get: outside(direct.get) as Db['get'],
    column: outside(direct.column) as Db['column'],
    value: outside(direct.value) as Db['value'],
    run: outside(direct.run),
    async transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
      while (open) await open;
      let release = () => {};
      open = new Promise((resolve) => (release = resolve));
      try {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      } finally {
        open = undefined;
        release();
      }
    },
    // The WAL index's header where there is one (a file); else data_version, which moves when another
    // connection commits, and total_changes(), when this one writes.
    version: wal
      ? async () => wal.version()
      : outside(() => direct.value("SELECT (SELECT data_version FROM pragma_data_version()) || ':' || total_changes()") as string),
    async close() {
      if (!sqlite.open) return;
      sqlite.close();
      wal?.close();
    },
  };
}
