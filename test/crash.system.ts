import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t, { type Test } from 'tap';
import { openDb, type Db } from '../src/db/client.ts';
import { openPostgres } from '../src/db/postgres/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { seedIfEmpty } from '../seed/load.ts';
import { pressRelease, startServer, stopServer } from './helper.ts';
import { copyDatabase, testPostgres } from './pg/databases.ts';

// On SQLite (and, under `npm run test:pg`, on PostgreSQL): the checks of the file itself (its
// integrity, its write-ahead log) are SQLite's; what was stored is checked through the database.
const cluster = testPostgres();

interface Acknowledged {
  id: number;
  quotes: number;
  tags: number;
  figures: number;
}

async function prepare(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'stance-crash-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'stance.db');
  let env: Record<string, string> = {};
  let open: () => Promise<Db> = async () => openDb(databasePath);
  if (cluster) {
    const copy = await copyDatabase(cluster, { seed: true });
    t.teardown(() => copy.drop());
    env = { DATABASE_URL: copy.url };
    open = () => openPostgres(copy.url, { max: 1 });
  }
  const setup = await open();
  await seedIfEmpty(setup);
  const authorization = `Bearer ${await createKey(setup, 'crash-test')}`;
  await setup.close();
  return { databasePath, authorization, env, open };
}

const post = (base: string, authorization: string, n: number) =>
  fetch(`${base}/v1/statements`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(pressRelease(n)) });

t.test('SIGKILL in the middle of a bulk import loses no acknowledged statement and leaves none half-written', async (t) => {
  const { databasePath, authorization, env, open } = await prepare(t);
  const server = await startServer(databasePath, { RATE_LIMIT_WRITES: '100000', ...env });
  const acknowledged: Acknowledged[] = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (!killed) {
      const n = next++;
      try {
        const res = await post(server.base, authorization, n);
        if (res.status !== 201) throw new Error(`write ${n}: ${res.status} ${await res.text()}`);
        const body = (await res.json()) as { id: number; quotes: unknown[]; tags: unknown[]; figures: unknown[] };
        acknowledged.push({ id: body.id, quotes: body.quotes.length, tags: body.tags.length, figures: body.figures.length });
        if (acknowledged.length === 40) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      } catch (error) {
        if (!killed) throw error;
        // The connection died with the server: this write was never acknowledged.
      }
    }
  };
  const exited = new Promise((resolve) => server.child.once('exit', (_code, signal) => resolve(signal)));
  await Promise.all(Array.from({ length: 6 }, worker));
  t.equal(await exited, 'SIGKILL', 'the server was killed, not stopped');
  t.ok(next > acknowledged.length, `writes were in flight when it died (${next} sent, ${acknowledged.length} acknowledged)`);

  if (!cluster) {
    const file = new Database(databasePath);
    t.equal(file.pragma('integrity_check', { simple: true }), 'ok', 'integrity_check after the crash (WAL recovered)');
    file.close();
  }

  const restarted = await startServer(databasePath, env);
  for (const ack of acknowledged) {
    const res = await fetch(`${restarted.base}/v1/statements/${ack.id}`);
    t.equal(res.status, 200, `statement ${ack.id} is there`);
    const body = (await res.json()) as { quotes: unknown[]; tags: unknown[]; figures: unknown[] };
    t.same({ id: ack.id, quotes: body.quotes.length, tags: body.tags.length, figures: body.figures.length }, ack, `statement ${ack.id}: all its quotes, tags and figures`);
  }
  t.equal(await stopServer(restarted.child), 0);

  // Nothing half-written: every imported statement is complete, acknowledged or not, and no
  // document is left without its statement.
  const db = await open();
  const imported = await db.all<Acknowledged>(
    `SELECT s.id, (SELECT count(*) FROM quotes WHERE statement_id = s.id) AS quotes, (SELECT count(*) FROM theme_tags WHERE statement_id = s.id) AS tags,
       (SELECT count(*) FROM figures WHERE statement_id = s.id) AS figures
     FROM statements s JOIN organisations o ON o.id = s.organisation_id WHERE o.name LIKE 'Test Trust %' ORDER BY s.id`,
  );
  t.ok(imported.length >= acknowledged.length, `${imported.length} imported statements stored`);
  const complete = acknowledged[0] as Acknowledged;
  for (const row of imported) t.same({ ...row, id: 0 }, { ...complete, id: 0 }, `statement ${row.id} is whole`);
  const orphans = await db.value<number>('SELECT count(*) AS n FROM source_documents d WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.document_id = d.id)');
  t.equal(orphans, 0, 'no source document without its statement');
  await db.close();
});

/**
 * A write sent in two halves over its own connection: the server has the request (headers and
 * half the body) once `started` resolves, and answers only after `finish()` sends the rest. The
 * request asks `Expect: 100-continue`, so `started` waits for the server's "100 Continue": proof
 * that it has parsed the headers and is handling the request, however busy the machine (a fixed
 * pause after connecting let a loaded server meet SIGTERM before it had read one request, which
 * it then rightly refused with 503).
 */
function writeInTwoHalves(base: string, authorization: string, n: number) {
  const body = Buffer.from(JSON.stringify(pressRelease(n)));
  const url = new URL('/v1/statements', base);
  let finish!: () => Promise<number>;
  const started = new Promise<void>((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false, headers: { authorization, 'content-type': 'application/json', 'content-length': body.length, connection: 'close', expect: '100-continue' } },
    );
    const answered = new Promise<number>((done, fail) => {
      request.on('response', (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      });
      request.on('error', fail);
    });
    request.on('error', reject);
    request.on('continue', () => request.write(body.subarray(0, body.length / 2), () => resolve()));
    request.flushHeaders();
    finish = () => {
      request.end(body.subarray(body.length / 2));
      return answered;
    };
  });
  return { started, finish: () => finish() };
}

t.test('SIGTERM lets in-flight writes finish, then closes the database cleanly', async (t) => {
  const { databasePath, authorization, env, open } = await prepare(t);
  const server = await startServer(databasePath, { RATE_LIMIT_WRITES: '100000', ...env });
  const writes = Array.from({ length: 6 }, (_, i) => writeInTwoHalves(server.base, authorization, 1000 + i));
  await Promise.all(writes.map((w) => w.started));
  const code = stopServer(server.child);
  await new Promise((r) => setTimeout(r, 200));
  const refused = await fetch(`${server.base}/health`).then(
    () => false,
    () => true,
  );
  t.ok(refused, 'once closing, the server takes no new connections');
  const statuses = await Promise.all(writes.map((w) => w.finish()));
  t.same(statuses, [201, 201, 201, 201, 201, 201], 'every write in flight at SIGTERM was completed and acknowledged');
  t.equal(await code, 0, 'exit code 0');
  if (!cluster) {
    t.ok(!existsSync(`${databasePath}-wal`) || statSync(`${databasePath}-wal`).size === 0, 'the write-ahead log was checkpointed and removed on close');
    const file = new Database(databasePath, { readonly: true });
    t.equal(file.pragma('integrity_check', { simple: true }), 'ok');
    file.close();
  }
  const db = await open();
  t.equal(await db.value<number>("SELECT count(*) AS n FROM statements s JOIN organisations o ON o.id = s.organisation_id WHERE o.name LIKE 'Test Trust %'"), 6);
  await db.close();
});
