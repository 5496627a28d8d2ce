import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import t from 'tap';
import { openDb } from '../src/db/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { seedIfEmpty } from '../seed/load.ts';
import { childEnv, pressRelease, startServer, stopServer } from './helper.ts';

const run = promisify(execFile);

// A real server writing while the backup command copies its database: processes of their own.
t.test('npm run backup makes an online copy while the service writes, and the copy restores every row', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-backup-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'live.db');
  const setup = openDb(databasePath);
  await seedIfEmpty(setup);
  const authorization = `Bearer ${await createKey(setup, 'backup-test')}`;
  await setup.close();

  const server = await startServer(databasePath, { RATE_LIMIT_WRITES: '100000' });
  const post = (n: number) =>
    fetch(`${server.base}/v1/statements`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(pressRelease(n)) });
  const before: number[] = [];
  for (let n = 0; n < 20; n += 1) {
    const res = await post(n);
    t.equal(res.status, 201);
    before.push(((await res.json()) as { id: number }).id);
  }

  // Writes keep coming while the copy is taken.
  let writing = true;
  const during = (async () => {
    let acknowledged = 0;
    for (let n = 100; writing; n += 1) if ((await post(n)).status === 201) acknowledged += 1;
    return acknowledged;
  })();
  const copyPath = join(dir, 'copy.db');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', copyPath], { env: childEnv({ DATABASE_PATH: databasePath }) });
  writing = false;
  t.ok((await during) > 0, 'writes were acknowledged while the backup ran');
  t.match(stdout, /Backed up .* to .*copy\.db: \d+ pages, \d+ bytes, \d+ statements; integrity ok\./);

  const refused = await run(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', copyPath], { env: childEnv({ DATABASE_PATH: databasePath }) }).catch((error: { code: number; stderr: string }) => error);
  t.match(refused, { code: 1, stderr: /exists already/ }, 'an existing file is never overwritten');

  t.equal(await stopServer(server.child), 0);
  const copy = new Database(copyPath, { readonly: true });
  const live = new Database(databasePath, { readonly: true });
  t.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
  const tables = (live.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'").all() as { name: string }[]).map((r) => r.name);
  t.ok(tables.length >= 10);
  for (const table of ['statements', 'quotes', 'theme_tags', 'evidence', 'figures', 'source_documents']) {
    // Every row of a statement acknowledged before the backup began is in the copy, identical.
    const rows = (db: Database.Database) =>
      db
        .prepare(
          table === 'statements'
            ? `SELECT * FROM statements WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`
            : table === 'source_documents'
              ? `SELECT * FROM source_documents WHERE id IN (SELECT document_id FROM statements WHERE id IN (SELECT value FROM json_each(?))) ORDER BY id`
              : table === 'evidence'
                ? `SELECT * FROM evidence WHERE tag_id IN (SELECT id FROM theme_tags WHERE statement_id IN (SELECT value FROM json_each(?))) ORDER BY id`
                : `SELECT * FROM ${table} WHERE statement_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
        )
        .all(JSON.stringify(before));
    const expected = rows(live);
    t.ok(expected.length >= before.length, `${table}: rows to compare`);
    t.same(rows(copy), expected, `${table}: every row of the acknowledged statements is in the copy`);
  }
  for (const table of tables) {
    const n = (db: Database.Database) => (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    t.ok(n(copy) <= n(live), `${table}: the copy holds no row the live database never had`);
  }
  copy.close();
  live.close();

  // The copy is a database the service can run on.
  const restored = await startServer(copyPath);
  for (const id of before) t.equal((await fetch(`${restored.base}/v1/statements/${id}`)).status, 200);
  const ready = await (await fetch(`${restored.base}/ready`)).json();
  t.match(ready, { status: 'ready' });
  t.equal(await stopServer(restored.child), 0);
});
