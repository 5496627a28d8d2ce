import t from 'tap';
import { buildApp } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { build } from './helper.ts';

t.test('GET /ready: 200 when the database answers and every shipped migration is applied', async (t) => {
  const app = await build(t);
  const res = await app.inject('/ready');
  t.equal(res.statusCode, 200);
  const journal = (await import('../migrations/meta/_journal.json', { with: { type: 'json' } })).default as { entries: unknown[] };
  t.same(res.json(), { status: 'ready', migrations: journal.entries.length, statements: 7 });
});

t.test('GET /ready: 503 problem+json naming the missing migration count; /health stays 200', async (t) => {
  const db = openDb(':memory:');
  db.sqlite.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
  const app = await buildApp({ db, security: { maxEventLoopDelay: 30_000 } });
  t.teardown(() => app.close());
  const res = await app.inject('/ready');
  t.equal(res.statusCode, 503);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.match(res.json(), { status: 503, detail: /^1 of \d+ migrations are not applied/ });
  t.equal((await app.inject('/health')).statusCode, 200, 'alive, not ready');
});
