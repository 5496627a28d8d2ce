import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { mustReadPrimary, usesReplica, type Db, type Dialect, type Params, type Queries } from '../database.ts';
import { fromRoot } from '../../paths.ts';
import * as schema from './schema.ts';
import { postgresSearch } from './search.ts';
import { numbered, values } from './sql.ts';

export const POSTGRES_MIGRATIONS_FOLDER = fromRoot('migrations', 'postgres');

// Constants every instance agrees on: the advisory locks for "migrating Stance's schema" and "writing".
const MIGRATION_LOCK = 0x5354414e; // "STAN"
const WRITE_LOCK = 0x53545752; // "STWR"

export const postgresDialect: Dialect = {
  inList: (column, param) => `${column} = ANY(${param})`,
  jsonArray: (expr, { distinct = false } = {}) => `coalesce(json_agg(${distinct ? 'DISTINCT ' : ''}${expr})::text, '[]')`,
  jsonArrayOf: (...exprs) => `json_build_array(${exprs.join(', ')})::text`,
  jsonObject: (pairs) => `json_build_object(${Object.entries(pairs).map(([key, value]) => `'${key}', ${value}`).join(', ')})`,
  jsonElements: (column) => `(SELECT value FROM jsonb_array_elements_text(${column}) AS elements(value))`,
  greatest: (a, b) => `greatest(${a}, ${b})`,
  search: postgresSearch,
};

// Counts (bigint) and sums (numeric) come back as numbers, as on SQLite, instead of strings: the
// corpus is nowhere near 2^53.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresDb extends Db {
  readonly engine: 'postgres';
  readonly pool: pg.Pool;
  readonly readPool: pg.Pool;
}

/**
 * Connects to PostgreSQL at `url` (and a replica at `readUrl`, for reads) and applies every
 * migration not yet applied. Several instances starting together take turns on an advisory
 * lock, so each migration runs once; the ones that wait find nothing left to do.
 */
export async function openPostgres(url: string, { max = 10, readUrl }: { max?: number; readUrl?: string | undefined } = {}): Promise<PostgresDb> {
  const pool = new pg.Pool({ connectionString: url, max, types });
  const readPool = readUrl ? new pg.Pool({ connectionString: readUrl, max, types }) : pool;
  if (readPool !== pool) usesReplica();
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    if (readPool !== pool) await readPool.end();
    throw error;
  }
  return postgresDb(pool, readPool);
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

type Client = pg.Pool | pg.PoolClient;

function queriesOn(target: () => Client, compiled: Map<string, ReturnType<typeof numbered>>): Queries {
  const query = async (sql: string, params: Params | undefined, rowMode?: 'array') => {
    let found = compiled.get(sql);
    if (!found) {
      found = numbered(sql);
      compiled.set(sql, found);
    }
    return target().query({ text: found.text, values: values(found, params), ...(rowMode ? { rowMode } : {}) });
  };
  return {
    all: async <T>(sql: string, params?: Params) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: Params) => (await query(sql, params)).rows[0] as T | undefined,
    column: async <T>(sql: string, params?: Params) => (await query(sql, params, 'array')).rows.map((row: unknown[]) => row[0]) as T[],
    value: async <T>(sql: string, params?: Params) => ((await query(sql, params, 'array')).rows[0] as unknown[] | undefined)?.[0] as T | undefined,
    run: async (sql: string, params?: Params) => ({ changes: (await query(sql, params)).rowCount ?? 0 }),
  };
}

function postgresDb(pool: pg.Pool, readPool: pg.Pool): PostgresDb {
  const compiled = new Map<string, ReturnType<typeof numbered>>();
  let closed = false;
  // A connection the server ends while idle (a restart, a failover, an administrator) is dropped
  // from the pool and replaced on the next query; unheard, its error would end the process.
  for (const each of new Set([pool, readPool])) each.on('error', () => {});
  // With a replica, reads go to it, except where they must see writes just made (`readingFromPrimary`).
  const reads = queriesOn(() => (mustReadPrimary() ? pool : readPool), compiled);
  const writes = queriesOn(() => pool, compiled);
  return {
    engine: 'postgres',
    dialect: postgresDialect,
    pool,
    readPool,
    all: reads.all,
    get: reads.get,
    column: reads.column,
    value: reads.value,
    run: writes.run,
    // Writers take turns on an advisory lock, across every instance: the same one-writer-at-a-time
    // order SQLite gives, so that checks made inside a transaction (a slug still free, a tag still
    // there) hold until it commits.
    async transaction<T>(work: (tx: Queries) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        try {
          await client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
          const result = await work(queriesOn(() => client, compiled));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          // The error that matters is the one that failed the work; a connection that cannot even
          // roll back is closed rather than returned to the pool.
          await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
          throw error;
        }
      } finally {
        client.release(broken);
      }
    },
    // The counter a statement-level trigger on every table bumps (migrations/postgres), read where
    // the reads go: a replica's counter moves when its data does.
    version: async () => String(await reads.value<number>('SELECT version FROM data_version WHERE id = 1')),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      if (readPool !== pool) await readPool.end();
    },
  };
}
