import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import t from 'tap';
import { buildApp } from '../src/app.ts';
import { TABLES, transfer } from '../src/cli/transfer.ts';
import { openDb } from '../src/db/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { seedCorpus } from '../seed/load.ts';
import { childEnv, pressRelease } from './helper.ts';
import { NO_POSTGRES, postgresBin, startCluster } from './pg/cluster.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

if (!postgresBin()) {
  console.error(`\n*** PostgreSQL tests SKIPPED: ${NO_POSTGRES} ***\n`);
  t.test('transfer', { skip: NO_POSTGRES }, async () => {});
} else {
  const cluster = await startCluster();
  const dir = mkdtempSync(join(tmpdir(), 'stance-transfer-'));
  t.teardown(() => {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  // A corpus with something of everything: the curated statements, an analysed one (machine tags,
  // confidences, publisher text), a correction, a key and the audit rows the writes left.
  const original = join(dir, 'original.db');
  const db = openDb(original);
  seedCorpus(db);
  const key = await createKey(db, 'transfer-editor', ['read', 'write', 'admin']);
  const app = await buildApp({ db });
  const headers = { authorization: `Bearer ${key}` };
  t.equal((await app.inject({ method: 'POST', url: '/v1/statements', headers, payload: { ...pressRelease(3), publisher: 'Test News' } })).statusCode, 201);
  t.equal((await app.inject({ method: 'PATCH', url: '/v1/statements/2/tags/funding', headers, payload: { stance: 'critical', note: 'checked' } })).statusCode, 200);
  t.equal((await app.inject({ method: 'PUT', url: '/v1/organisations/lga/aliases', headers, payload: { aliases: ['the LGA', 'Local Government Assoc.'] } })).statusCode, 200);
  const count = (table: string) => (db.sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
  const counts = Object.fromEntries(TABLES.map((table) => [table.name, count(table.name)]));
  await app.close(); // closes the database too

  t.test('SQLite to PostgreSQL: every row of every table, verified by count and content hash', async (t) => {
    const result = await transfer(`sqlite:${original}`, cluster.url);
    t.same(Object.fromEntries(result.tables.map((d) => [d.table, d.rows])), counts, 'the same count in every table');
    t.ok(counts.audit_log! >= 3 && counts.api_keys === 1 && counts.publisher_spans! > 0, 'audit rows, a key hash and publisher spans among them');
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    t.teardown(() => client.end());
    const { rows } = await client.query("SELECT aliases FROM organisations WHERE slug = 'lga'");
    t.same(rows, [{ aliases: ['the LGA', 'Local Government Assoc.'] }], 'JSON as jsonb');
    const tags = (await client.query('SELECT reviewed, count(*)::int AS n FROM theme_tags GROUP BY reviewed ORDER BY reviewed')).rows;
    t.same(tags.map((r: { reviewed: boolean }) => r.reviewed), [false, true], 'the flag as boolean: machine tags unreviewed, curated ones reviewed');
    const next = (await client.query("INSERT INTO organisations (slug, name, short_name, kind) VALUES ('new-org', 'New', 'New', 'charity') RETURNING id")).rows[0].id;
    t.equal(next, counts.organisations! + 1, 'new rows continue after the copied ids');
    await client.query("DELETE FROM organisations WHERE slug = 'new-org'");

    const again = await transfer(`sqlite:${original}`, cluster.url).catch((error: Error) => error);
    const held = Object.entries(counts).filter(([, n]) => n > 0).map(([table, n]) => `${n} ${table}`).join(', ');
    t.equal(String(again), `Error: ${cluster.url} is not empty (it holds ${held}); transfer into a new, empty database`, 'a database that holds a corpus is never written over');
  });

  t.test('and back to a new SQLite file, with the CLI: the service answers exactly as it did', async (t) => {
    const back = join(dir, 'back.db');
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/transfer.ts', '--from', cluster.url, '--to', `sqlite:${back}`], { cwd: ROOT, env: childEnv({}), encoding: 'utf8' });
    t.equal(cli.status, 0, cli.stderr);
    t.match(cli.stdout, new RegExp(`^organisations +${counts.organisations} rows {2}sha256 [0-9a-f]{16}…$`, 'm'));
    t.match(cli.stdout, /Copied postgres:\/\/stance@127\.0\.0\.1:\d+\/stance to sqlite:.*back\.db: every table's count and content hash match\.\n$/);

    // Search indexes and trigger-kept aggregates are rebuilt from the rows: every answer is the same.
    const before = await buildApp({ db: openDb(original) });
    const after = await buildApp({ db: openDb(back) });
    t.teardown(async () => {
      await before.close();
      await after.close();
    });
    for (const url of ['/v1/compare/matrix', '/v1/compare?theme=funding', '/v1/statements?q=kinship', '/v1/quotes?q=Jamieson', '/v1/figures', '/v1/organisations/lga', '/v1/statements/8', '/v1/review?limit=50']) {
      const [a, b] = await Promise.all([before.inject({ url, headers }), after.inject({ url, headers })]);
      t.equal(b.statusCode, 200, url);
      t.same(b.json(), a.json(), `${url}: the same answer`);
    }
  });

  t.test('usage: both ends are needed', async (t) => {
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/transfer.ts', '--from', 'sqlite:x.db'], { cwd: ROOT, env: childEnv({}), encoding: 'utf8' });
    t.equal(cli.status, 2);
    t.match(cli.stderr, /^usage: npm run transfer -- --from sqlite:data\/stance\.db --to postgres:\/\//);
  });
}
