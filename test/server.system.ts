import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { childEnv, freePort, startServer as start, stopServer as stop } from './helper.ts';

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

t.test('the log: one line saying where everything is, then one line per request, JSON when not on a terminal', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-log-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'stance.db'), LOG_LEVEL: 'info', MAX_EVENT_LOOP_DELAY_MS: '30000' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 200 && !output.includes('Stance is ready'); i += 1) await new Promise((r) => setTimeout(r, 100));
  t.equal((await fetch(`http://127.0.0.1:${port}/v1/themes`)).status, 200);
  t.equal((await fetch(`http://127.0.0.1:${port}/nope?x=1`)).status, 404);
  t.equal(await stop(child), 0);
  const lines = output.trim().split('\n').map((line) => JSON.parse(line) as { msg: string; method?: string; url?: string; status?: number; ms?: number });
  t.same(lines.map((line) => line.msg.replace(/\d+(?:\.\d+)? ms$/, 'N ms')), [
    `seeded an empty database at ${join(dir, 'stance.db')}`,
    `Stance is ready: the API at http://localhost:${port}/v1, Swagger UI at http://localhost:${port}/docs, the comparison page at http://localhost:${port}/ (database ${join(dir, 'stance.db')})`,
    'GET /v1/themes 200 N ms',
    'GET /nope?x=1 404 N ms',
    'SIGTERM received, closing',
  ]);
  t.same(lines.filter((line) => line.method).map(({ method, url, status }) => ({ method, url, status })), [
    { method: 'GET', url: '/v1/themes', status: 200 },
    { method: 'GET', url: '/nope?x=1', status: 404 },
  ]);
  t.ok(lines.every((line) => line.method === undefined || (typeof line.ms === 'number' && line.ms >= 0)), 'each request line says how long it took');
});
