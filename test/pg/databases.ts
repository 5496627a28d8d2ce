import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Set by `npm run test:pg` to the URL of its cluster: then every test runs on a PostgreSQL database of its own. */
export const TEST_POSTGRES = 'STANCE_TEST_POSTGRES';
export const EMPTY_TEMPLATE = 'stance_empty';
export const SEEDED_TEMPLATE = 'stance_seeded';

/** The suite's PostgreSQL cluster, when the suite runs on PostgreSQL. */
export function testPostgres(): string | undefined {
  return process.env[TEST_POSTGRES] || undefined;
}

/** The URL of the database `name` on the cluster at `clusterUrl`. */
export function databaseUrl(clusterUrl: string, name: string): string {
  return clusterUrl.replace(/\/[^/]+$/, `/${name}`);
}

/** Creates the database `name` on the cluster (a copy of `template` when given) and gives its URL. */
export async function createDatabase(clusterUrl: string, name: string, template?: string): Promise<string> {
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  } finally {
    await admin.end();
  }
  return databaseUrl(clusterUrl, name);
}

/**
 * A new database copied from a template (migrated, and seeded when `seed`), and how to drop it.
 * Copying a template takes milliseconds where migrating and seeding take a second.
 */
export async function copyDatabase(clusterUrl: string, { seed }: { seed: boolean }): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    url: await createDatabase(clusterUrl, name, seed ? SEEDED_TEMPLATE : EMPTY_TEMPLATE),
    drop: async () => {
      const client = new pg.Client({ connectionString: clusterUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
