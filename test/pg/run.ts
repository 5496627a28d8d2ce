import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../src/db/postgres/client.ts';
import { seedCorpus } from '../../seed/load.ts';
import { NO_POSTGRES, postgresBin, startCluster } from './cluster.ts';
import { createDatabase, EMPTY_TEMPLATE, SEEDED_TEMPLATE, TEST_POSTGRES } from './databases.ts';

/**
 * `npm run test:pg`: the whole suite on PostgreSQL. One throwaway cluster for the run, with two
 * template databases (migrated; migrated and seeded) that every test copies into a database of
 * its own in milliseconds; tap then runs the PostgreSQL-only tests and every other test file with
 * TEST_POSTGRES set, which makes test/helper.ts build each app (and start each server) on such a
 * copy. Of the system suite, the crash tests (a server killed mid-write) and the browser tests
 * run too; the rest test the process, the commands and SQLite's file, not the engine.
 * Arguments, if any, are the test files to run instead of all of them.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
if (!postgresBin()) {
  console.error(`\n*** PostgreSQL suite SKIPPED: ${NO_POSTGRES} ***\n`);
  process.exit(0);
}
const cluster = await startCluster();
let status = 1;
try {
  const empty = await openPostgres(await createDatabase(cluster.url, EMPTY_TEMPLATE), { max: 1 });
  await empty.close();
  const seeded = await openPostgres(await createDatabase(cluster.url, SEEDED_TEMPLATE, EMPTY_TEMPLATE), { max: 1 });
  await seedCorpus(seeded);
  await seeded.close();
  const files = process.argv.slice(2);
  const result = spawnSync('npx', ['tap', '--disable-coverage', ...(files.length ? files : ['test/*.pg.ts', 'test/*.test.ts', 'test/*.slow.ts', 'test/crash.system.ts', 'test/browser.system.ts'])], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, [TEST_POSTGRES]: cluster.url },
  });
  status = result.status ?? 1;
} finally {
  cluster.stop();
}
process.exit(status);
