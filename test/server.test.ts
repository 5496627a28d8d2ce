import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { childEnv } from './helper.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function start(databasePath: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i += 1) {
    try {
      const res = await fetch(`${base}/health`);
      if (res.ok) return { child, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /health within 20 s');
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

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
