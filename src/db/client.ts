import type { Db } from './database.ts';
import { openDb } from './sqlite/client.ts';

export type { Db, Queries, Dialect, Params } from './database.ts';
export { openDb, type SqliteDb } from './sqlite/client.ts';

export interface DatabaseConfig {
  DATABASE_PATH: string;
  DATABASE_URL?: string | undefined;
  DATABASE_READ_URL?: string | undefined;
}

/** The configured database, migrated: PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export async function openDatabase(config: DatabaseConfig): Promise<Db> {
  if (!config.DATABASE_URL) return openDb(config.DATABASE_PATH);
  // Loaded only when asked for: pg and drizzle's PostgreSQL driver, evaluated, are some 5 % of a SQLite server's start.
  const { openPostgres } = await import('./postgres/client.ts');
  return openPostgres(config.DATABASE_URL, { readUrl: config.DATABASE_READ_URL });
}

/** Where the database is, for logs and messages: a PostgreSQL URL without its password, or the SQLite file. */
export function databaseLabel(config: DatabaseConfig): string {
  return config.DATABASE_URL ? `PostgreSQL ${withoutPassword(config.DATABASE_URL)}` : config.DATABASE_PATH;
}

export function withoutPassword(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
