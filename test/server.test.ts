import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { startServer as start, stopServer as stop } from './helper.ts';

t.test('a fresh start migrates and seeds the database file, serves HTTP, and closes on SIGTERM', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-server-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'nested', 'stance.db');

  const first = await start(databasePath);
  const health = await (await fetch(`${first.base}/health`)).json();
  t.same(health, { status: 'ok', statements: 7 }, 'seeded on first start');
  const compare = await fetch(`${first.base}/v1/compare?theme=funding`);
  t.equal(compare.status, 200);
  t.equal((await compare.json()).organisations.length, 5);
  const docs = await fetch(`${first.base}/docs/`);
  t.equal(docs.status, 200);
  const missing = await fetch(`${first.base}/nope`);
  t.equal(missing.status, 404);
  t.match(missing.headers.get('content-type'), /^application\/problem\+json/);
  t.equal(await stop(first.child), 0, 'graceful exit on SIGTERM');

  const second = await start(databasePath);
  t.same(await (await fetch(`${second.base}/health`)).json(), { status: 'ok', statements: 7 }, 'a restart does not seed twice');
  t.equal(await stop(second.child), 0);
});
