import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import t from 'tap';
import { openPostgres } from '../src/db/postgres/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { childEnv, pressRelease, startServer, stopServer } from './helper.ts';
import { NO_POSTGRES, postgresBin, startCluster } from './pg/cluster.ts';

// Several API instances behind one PostgreSQL, and a streaming replica serving their reads: the
// real server (`src/server.ts`) in child processes, on throwaway clusters.
if (!postgresBin()) {
  console.error(`\n*** PostgreSQL tests SKIPPED: ${NO_POSTGRES} ***\n`);
  t.pass('skipped');
} else {
  const unusedFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'stance-scaling-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'never-opened.db');
  };
  const keyFor = async (url: string, name: string, scopes?: Parameters<typeof createKey>[2]) => {
    const db = await openPostgres(url, { max: 1 });
    try {
      return `Bearer ${await createKey(db, name, scopes)}`;
    } finally {
      await db.close();
    }
  };
  const json = async (url: string, init?: RequestInit) => {
    const res = await fetch(url, init);
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const post = (base: string, authorization: string, n: number) =>
    json(`${base}/v1/statements`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(pressRelease(n)) });

  t.test('two instances on one database: a statement written through one is read, fresh, through the other', async (t) => {
    const cluster = await startCluster();
    t.teardown(() => cluster.stop());
    // Started together: both migrate (one waits on the other's lock) and seed (the second finds it done).
    const [a, b] = await Promise.all([startServer(unusedFile(), { DATABASE_URL: cluster.url }), startServer(unusedFile(), { DATABASE_URL: cluster.url })]);
    t.teardown(() => Promise.all([stopServer(a.child), stopServer(b.child)]));
    const ready = await Promise.all([json(`${a.base}/ready`), json(`${b.base}/ready`)]);
    t.same(ready.map((r) => [r.status, r.body.statements]), [[200, 7], [200, 7]], 'both ready on the seed corpus, seeded once');

    // B answers from its response cache from here on …
    const cachedList = await json(`${b.base}/v1/statements?limit=100`);
    t.equal(cachedList.body.total, 7);

    const written = await post(a.base, await keyFor(cluster.url, 'newsroom'), 1);
    t.equal(written.status, 201, 'written through A');
    const id = written.body.id as number;

    // … and the write through A is what B answers next, cache or not.
    const after = await json(`${b.base}/v1/statements?organisation=test-trust-1`);
    t.same([after.body.total, after.body.items.map((s: { id: number }) => s.id)], [1, [id]], 'B finds the new statement');
    const list = await json(`${b.base}/v1/statements?limit=100`);
    t.equal(list.body.total, 8, "B's cached list was dropped when A wrote");
    const detail = await json(`${b.base}/v1/statements/${id}`);
    t.same([detail.status, detail.body.organisation.name, detail.body.summary], [200, 'Test Trust 1', written.body.summary], 'B reads it in full');
    const seen = await json(`${b.base}/v1/compare?theme=funding&limit=50`);
    t.ok(
      seen.body.organisations.some((o: { organisation: { slug: string } }) => o.organisation.slug === 'test-trust-1'),
      "the comparison through B includes the new organisation's funding stance",
    );
  });

  t.test('a streaming replica serves the reads; a request that writes reads its own writes from the primary', async (t) => {
    const primary = await startCluster();
    t.teardown(() => primary.stop());
    const setup = await openPostgres(primary.url, { max: 1 });
    await setup.close();
    const replica = await startCluster({ replicaOf: primary });
    t.teardown(() => replica.stop());
    const server = await startServer(unusedFile(), { DATABASE_URL: primary.url, DATABASE_READ_URL: replica.url });
    t.teardown(() => stopServer(server.child));
    const authorization = await keyFor(primary.url, 'newsroom');

    const standby = new pg.Client({ connectionString: replica.url });
    await standby.connect();
    t.teardown(() => standby.end());
    t.same((await standby.query('SELECT pg_is_in_recovery() AS r')).rows, [{ r: true }], 'the replica is a standby');
    const waitFor = async (what: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await what()); i += 1) await new Promise((r) => setTimeout(r, 100));
    };
    // The seed the server wrote on the primary reaches the replica.
    await waitFor(async () => (await standby.query('SELECT count(*)::int AS n FROM statements')).rows[0].n === 7);
    t.equal((await json(`${server.base}/v1/statements`)).body.total, 7);

    // With replay paused, the replica stands still: what the server reads shows where the read went.
    await standby.query('SELECT pg_wal_replay_pause()');
    await waitFor(async () => (await standby.query('SELECT pg_get_wal_replay_pause_state() AS s')).rows[0].s === 'paused');
    const written = await post(server.base, authorization, 2);
    t.same([written.status, written.body.organisation.slug, written.body.tags.length > 0], [201, 'test-trust-2', true], 'the write answers with what it stored, read back from the primary');
    const stale = await json(`${server.base}/v1/statements`, { headers: { 'cache-control': 'no-cache' } });
    t.same([stale.status, stale.body.total], [200, 7], 'a GET reads the replica, which has not replayed the write yet');

    // A body big enough to arrive in several reads: the request still reads its write back from the primary.
    const long = pressRelease(3);
    long.text += `\n\n${'Councils need certainty about funding for children’s services. '.repeat(1400)}`;
    const large = await json(`${server.base}/v1/statements`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(long) });
    t.same([large.status, large.body.organisation?.slug, large.body.text?.length > 85_000], [201, 'test-trust-3', true], 'a 90 KB write (under the 100 000-character limit) answers with what it stored too');

    // A key made while the replica stands still is honoured at once (keys are checked on the primary), and a
    // write that returns what it wrote (a stance cue) goes to the primary, never to the read-only replica.
    const cue = await json(`${server.base}/v1/lexicon/cues`, {
      method: 'POST',
      headers: { authorization: await keyFor(primary.url, 'editor', ['admin']), 'content-type': 'application/json' },
      body: JSON.stringify({ phrase: 'damp squib', kind: 'critical', weight: 2 }),
    });
    t.same([cue.status, cue.body.phrase], [200, 'damp squib'], 'a stance cue written and returned');

    await standby.query('SELECT pg_wal_replay_resume()');
    await waitFor(async () => (await standby.query('SELECT count(*)::int AS n FROM statements')).rows[0].n === 9);
    const fresh = await json(`${server.base}/v1/statements?organisation=test-trust-2`);
    t.same([fresh.body.total, fresh.body.items[0].id], [1, written.body.id], 'once replayed, the replica serves it');
  });

  t.test('with DATABASE_URL set, every command works on PostgreSQL and DATABASE_PATH is not touched', async (t) => {
    const cluster = await startCluster();
    t.teardown(() => cluster.stop());
    const path = unusedFile();
    const command = (script: string, args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: new URL('..', import.meta.url).pathname, env: childEnv({ DATABASE_URL: cluster.url, DATABASE_PATH: path }), encoding: 'utf8' });

    const seeded = command('seed/run.ts', []);
    t.equal(seeded.stdout, `Seeded PostgreSQL ${cluster.url}: 5 document(s) and 7 statement(s) added, 0 document(s) already present\n`, seeded.stderr);
    const created = command('src/cli/keys.ts', ['create', 'newsroom']);
    t.match(created.stdout, /^Created key 'newsroom' with scopes read, write\./, created.stderr);
    const imported = command('src/cli/import.ts', [new URL('fixtures/import/01-childrens-society.txt', import.meta.url).pathname]);
    t.equal(imported.status, 0, imported.stderr);
    const corrections = command('src/cli/eval.ts', ['--corrections']);
    t.equal(corrections.status, 0, corrections.stderr);
    const backup = command('src/cli/backup.ts', [join(tmpdir(), 'never-written.db')]);
    t.same(
      [backup.status, backup.stderr],
      [2, 'npm run backup copies the SQLite file (DATABASE_PATH); with DATABASE_URL set, back up PostgreSQL with pg_dump or pg_basebackup\n'],
    );

    const db = await openPostgres(cluster.url, { max: 1 });
    t.teardown(() => db.close());
    t.same(
      [await db.column('SELECT name FROM api_keys'), await db.value("SELECT count(*) FROM organisations WHERE slug = 'childrens-society'"), await db.value('SELECT count(*) FROM statements')],
      [['newsroom'], 1, 8],
      'the key, the imported organisation and its statement are in PostgreSQL',
    );
    t.notOk(existsSync(path), 'no SQLite file was made');
  });
}
