import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildApp } from '../src/app.ts';
import { build, testDb } from './helper.ts';

t.test('GET /ready: 200 when the database answers and every shipped migration is applied', async (t) => {
  const app = await build(t);
  const res = await app.inject('/ready');
  t.equal(res.statusCode, 200);
  const folder = app.db.engine === 'postgres' ? 'migrations/postgres' : 'migrations';
  const journal = JSON.parse(readFileSync(new URL(`../${folder}/meta/_journal.json`, import.meta.url), 'utf8')) as { entries: unknown[] };
  t.same(res.json(), { status: 'ready', migrations: journal.entries.length, statements: 7 });
});

t.test('GET /ready: 503 problem+json naming the missing migration count; /health stays 200', async (t) => {
  const db = await testDb(t);
  const table = db.engine === 'postgres' ? 'drizzle.__drizzle_migrations' : '__drizzle_migrations';
  await db.run(`DELETE FROM ${table} WHERE created_at = (SELECT max(created_at) FROM ${table})`);
  const app = await buildApp({ db, security: { maxEventLoopDelay: 30_000 } });
  t.teardown(() => app.close());
  const res = await app.inject('/ready');
  t.equal(res.statusCode, 503);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.match(res.json(), { status: 503, detail: /^1 of \d+ migrations are not applied/ });
  t.equal((await app.inject('/health')).statusCode, 200, 'alive, not ready');
});
