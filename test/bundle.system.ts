import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { startCommand } from './bench/start.ts';
import { childEnv, freePort, stopServer } from './helper.ts';

// `npm start` runs dist/server.js, one bundle of the code and its packages; every other test runs the
// sources. What the bundle leaves in node_modules (Swagger UI's files, better-sqlite3, the reader
// threads' own bundle) is checked here, on the build `npm start` makes.
const ROOT = fileURLToPath(new URL('..', import.meta.url));

t.test('the bundle npm start runs serves the API, Swagger UI with its files, and reader threads', async (t) => {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'stance-bundle-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const command = startCommand(ROOT);
  const child = spawn(process.execPath, command.args, {
    cwd: ROOT,
    env: childEnv({ ...command.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'stance.db'), READERS: '1', LOG_LEVEL: 'warn' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  let health: Response | undefined;
  for (let i = 0; i < 300 && !health?.ok; i += 1) {
    health = await fetch(`${base}/health`).catch(() => undefined);
    if (!health?.ok) await new Promise((r) => setTimeout(r, 100));
  }
  t.same(await health?.json(), { status: 'ok', statements: 7 }, 'migrated and seeded');

  const docs = await fetch(`${base}/docs/`);
  t.equal(docs.status, 200);
  t.match(await docs.text(), /<script src="\.\/static\/swagger-ui-bundle\.js"/);
  // From @fastify/swagger-ui's folder in node_modules: the bundle must not look for them beside dist/.
  const bundle = await fetch(`${base}/docs/static/swagger-ui-bundle.js`);
  t.equal(bundle.status, 200);
  t.equal(bundle.headers.get('content-type'), 'application/javascript; charset=utf-8');
  const initializer = await (await fetch(`${base}/docs/static/swagger-initializer.js`)).text();
  t.match(initializer, /img\.src = 'data:image\/svg\+xml;base64,/, 'the logo, read from the package');
  const document = (await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
  t.equal(document.openapi, '3.1.0');
  t.ok(Object.keys(document.paths).includes('/v1/statements'), 'the document lists the routes');

  // Give the reader thread the moment it takes to start, then read through it.
  await new Promise((r) => setTimeout(r, 3000));
  const statements = await fetch(`${base}/v1/statements?limit=2`);
  t.equal(statements.status, 200);
  t.equal(((await statements.json()) as { items: unknown[] }).items.length, 2);
  t.equal(await stopServer(child), 0, 'graceful exit on SIGTERM');
  t.equal(output, '', 'nothing at warn or above: no reader thread failed, nothing missing');
});
