import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';
import { fromRoot } from '../paths.ts';

export const MIGRATIONS_FOLDER = fromRoot('migrations');

export type Orm = BetterSQLite3Database<typeof schema>;

/** The database handle every query function takes: drizzle for typed queries, the raw connection for FTS5 and prepared SQL. */
export interface Db {
  orm: Orm;
  sqlite: Database.Database;
}

/**
 * Opens (creating if needed) and migrates the database at `path` (':memory:' for tests).
 * Foreign keys stay off while migrating: a table recreated by drizzle-kit would otherwise
 * cascade deletes into its children.
 */
export function openDb(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = OFF');
  if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
  // FULL: a write acknowledged to a client survives a power cut too, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('busy_timeout = 5000');
  const orm = drizzle(sqlite, { schema });
  migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
  sqlite.pragma('foreign_keys = ON');
  // Table statistics for the query planner (sampled, so cheap on a large file): without them it
  // reads whole statement rows where a narrow covering index would do.
  sqlite.pragma('analysis_limit = 1000');
  sqlite.pragma('optimize = 0x10002');
  return { orm, sqlite };
}

export function closeDb(db: Db): void {
  if (db.sqlite.open) db.sqlite.close();
}
