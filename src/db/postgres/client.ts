import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { fromRoot } from '../../paths.ts';
import * as schema from './schema.ts';

export const POSTGRES_MIGRATIONS_FOLDER = fromRoot('migrations', 'postgres');

// Any constant both instances agree on: the advisory lock's key for "migrating Stance's schema".
const MIGRATION_LOCK = 0x5354414e; // "STAN"

export interface PostgresDb {
  pool: pg.Pool;
  orm: NodePgDatabase<typeof schema>;
}

/**
 * Connects to PostgreSQL at `url` and applies every migration not yet applied. Several instances
 * starting together take turns on an advisory lock, so each migration runs once; the ones that
 * wait find nothing left to do.
 */
export async function openPostgres(url: string, { max = 10 }: { max?: number } = {}): Promise<PostgresDb> {
  const pool = new pg.Pool({ connectionString: url, max });
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { pool, orm: drizzle(pool, { schema }) };
}

export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client, { schema }), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

export async function closePostgres(db: PostgresDb): Promise<void> {
  await db.pool.end();
}
