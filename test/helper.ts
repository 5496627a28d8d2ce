import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';
import { buildApp, type App } from '../src/app.ts';
import { openDb, type Db } from '../src/db/client.ts';
import { openPostgres } from '../src/db/postgres/client.ts';
import { seedCorpus } from '../seed/load.ts';
import { copyDatabase, testPostgres } from './pg/databases.ts';

/**
 * A fresh, migrated database of the test's own (seeded unless told otherwise), closed and removed
 * when the test ends: in memory on SQLite, or, under `npm run test:pg`, a PostgreSQL database
 * copied from the run's templates.
 */
export async function testDb(t: Test, { seed = true } = {}): Promise<Db> {
  const cluster = testPostgres();
  if (!cluster) {
    const db = openDb(':memory:');
    if (seed) await seedCorpus(db);
    t.teardown(() => db.close());
    return db;
  }
  const copy = await copyDatabase(cluster, { seed });
  const db = await openPostgres(copy.url, { max: 4 });
  t.teardown(async () => {
    await db.close();
    await copy.drop();
  });
  return db;
}

/** The app on a fresh, migrated, seeded database (see testDb), closed when the test ends. */
export async function build(t: Test, { seed = true } = {}): Promise<App> {
  const db = await testDb(t, { seed });
  // Overload protection is tested on its own (security.test.ts); here a busy test machine must not turn answers into 503.
  const app = await buildApp({ db, security: { maxEventLoopDelay: 30_000 } });
  t.teardown(() => app.close());
  return app;
}

/** GET a JSON path and parse it. */
export async function getJson<T = any>(app: App, url: string): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T, headers: response.headers };
}

/**
 * The environment for a process a test starts (the server, a command): without tap's coverage
 * hooks, so that the child's partial coverage never mixes with the suite's own.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !/^_?TAP/.test(key)));
  return { ...env, ...extra };
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The real server (`src/server.ts`) in a child process on a free port, answering /health, with
 * `open` to reach the database it serves. Its database is the SQLite file at `databasePath`; under
 * `npm run test:pg`, unless `env` names one, a new empty PostgreSQL database (which the server
 * migrates and seeds, as it does a new file), left for the run's cluster to take away.
 */
export async function startServer(databasePath: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; base: string; open: () => Promise<Db> }> {
  const cluster = testPostgres();
  if (cluster && env.DATABASE_URL === undefined) env = { ...env, DATABASE_URL: (await copyDatabase(cluster, { seed: false })).url };
  const url = env.DATABASE_URL;
  const open = async (): Promise<Db> => (url ? openPostgres(url, { max: 1 }) : openDb(databasePath));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', MAX_EVENT_LOOP_DELAY_MS: '30000', ...env }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return { child, base, open };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /health within 20 s');
}

/** A press release of a few hundred words for ingestion tests: distinct for each `n`, with quotes, figures and the four themes. */
export function pressRelease(n: number): { text: string; organisation: { name: string; kind: string }; event: string; date: string; url: string; title: string } {
  const name = `Test Trust ${n}`;
  const text = [
    `${name} responds to the children's social care strategy`,
    `"The £${n + 10}m for early help and family hubs is welcome, but it will not reach every family that needs support," said Robin Vale, chief executive of ${name}.`,
    `"Kinship carers deserve an allowance: ${n + 3} grandparents told us they had given up work to care for a child," said Ms Vale.`,
    `Councils face a £${n + 200}m overspend on children's social care this year, and the funding falls far short of what the review said was needed.`,
    `Social worker vacancies stand at ${(n % 20) + 5} per cent, and agency staff cost councils far more than permanent teams.`,
  ].join('\n\n');
  return { text, organisation: { name, kind: 'charity' }, event: 'implementation-strategy-2023', date: '2023-03-01', url: `https://example.org/test-trust/${n}`, title: `${name} responds` };
}

/** SIGTERM, and the exit code. */
export function stopServer(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

/** The seed corpus in a SQLite file of its own (WAL mode, as the server runs it), removed after the test. */
export async function seededFile(t: Test): Promise<{ db: Db; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'stance-seeded-'));
  const path = join(dir, 'stance.db');
  const db = openDb(path);
  await seedCorpus(db);
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return { db, path };
}
