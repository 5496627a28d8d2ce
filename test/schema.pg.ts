import pg from 'pg';
import t from 'tap';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { migratePostgres, openPostgres } from '../src/db/postgres/client.ts';
import * as schema from '../src/db/postgres/schema.ts';
import { NO_POSTGRES, postgresBin, startCluster } from './pg/cluster.ts';
import { databaseUrl } from './pg/databases.ts';
import { readFileSync } from 'node:fs';

const journal = JSON.parse(readFileSync(new URL('../migrations/postgres/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };

if (!postgresBin()) {
  console.error(`\n*** PostgreSQL tests SKIPPED: ${NO_POSTGRES} ***\n`);
  t.test('PostgreSQL', { skip: NO_POSTGRES }, async () => {});
} else {
  const cluster = await startCluster();
  t.teardown(() => cluster.stop());

  t.test('a fresh database gets every table, column and index of the schema from its migrations', async (t) => {
    const db = await openPostgres(cluster.url);
    t.teardown(() => db.close());
    const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => v instanceof PgTable).map((table) => getTableConfig(table));
    const columns = (await db.pool.query("SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = 'public' AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position")).rows as {
      table_name: string;
      column_name: string;
      is_nullable: string;
      data_type: string;
    }[];
    for (const table of tables) {
      t.same(
        columns.filter((c) => c.table_name === table.name).map((c) => `${c.column_name}${c.is_nullable === 'NO' ? ' not null' : ''}`),
        table.columns.map((c) => `${c.name}${c.notNull ? ' not null' : ''}`),
        `${table.name}: its columns as the schema says`,
      );
    }
    const indexes = (await db.pool.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).rows.map((r: { indexname: string }) => r.indexname);
    for (const table of tables) for (const index of table.indexes) t.ok(indexes.includes(index.config.name as string), `index ${index.config.name}`);
    t.same(columns.filter((c) => c.column_name === 'aliases').map((c) => c.data_type), ['jsonb', 'jsonb'], 'aliases as jsonb');
    const [row] = (await db.pool.query("INSERT INTO organisations (slug, name, short_name, kind) VALUES ('lga', 'Local Government Association', 'LGA', 'local-government') RETURNING id, aliases")).rows;
    t.same(row, { id: 1, aliases: [] }, 'identity ids from 1, the aliases default');
    const refused = await db.pool.query("INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by) VALUES (1, 1, 'angry', 'curated')").catch((e: Error) => e);
    t.match(String(refused), /violates (check|foreign key) constraint/, 'constraints are enforced');
  });

  t.test('instances starting together migrate once: the others wait on the lock and find nothing to do', async (t) => {
    const pools = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: databaseUrl(cluster.url, 'together'), max: 2 }));
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE together');
    await admin.end();
    t.teardown(() => Promise.all(pools.map((pool) => pool.end())));
    const results = await Promise.allSettled(pools.map((pool) => migratePostgres(pool)));
    t.same(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], 'no instance fails');
    const applied = (await pools[0]!.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n;
    t.equal(applied, journal.entries.length, 'each migration is recorded once');
    await migratePostgres(pools[0]!);
    t.equal((await pools[0]!.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n, journal.entries.length, 'and a restart applies nothing again');
  });
}
