import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import t from 'tap';
import { buildApp } from '../src/app.ts';
import { DERIVED, TABLES, transfer } from '../src/cli/transfer.ts';
import { openDb } from '../src/db/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { seedCorpus } from '../seed/load.ts';
import { childEnv, pressRelease } from './helper.ts';
import { eventually, receiver } from './receiver.ts';
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

  // A corpus with a row in every table, written as editors and the service write them: the curated
  // statements, an analysed one (machine tags, confidences, publisher text, asks), a correction, a
  // removed machine tag, an ask's outcome, a figure regrouped, a watch with a delivery that failed
  // once and then arrived, the changes and audit rows all that left, and a key.
  const original = join(dir, 'original.db');
  const rowsOf = (path: string, query: string) => {
    const file = new Database(path, { readonly: true });
    try {
      return file.prepare(query).raw().all() as unknown[][];
    } finally {
      file.close();
    }
  };
  const count = (path: string, table: string) => rowsOf(path, `SELECT count(*) FROM "${table}"`)[0]![0] as number;
  let counts: Record<string, number> = {};
  let headers: Record<string, string> = {};

  t.test('a corpus with a row in every table, written through the service', async (t) => {
    const db = openDb(original);
    seedCorpus(db);
    const key = await createKey(db, 'transfer-editor', ['read', 'write', 'admin']);
    const hook = await receiver(t, [500, 204]);
    const app = await buildApp({ db, webhooks: { backoffMs: 20 } });
    headers = { authorization: `Bearer ${key}` };
    t.equal((await app.inject({ method: 'POST', url: '/v1/watches', headers, payload: { query: '/v1/compare?theme=funding', url: hook.url } })).statusCode, 201);
    const posted = await app.inject({ method: 'POST', url: '/v1/statements', headers, payload: { ...pressRelease(3), publisher: 'Test News' } });
    t.equal(posted.statusCode, 201);
    const analysed = (await db.value<number>('SELECT max(id) FROM statements'))!;
    const machineTag = await db.value<string>("SELECT th.slug FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id WHERE tt.statement_id = ? AND tt.tagged_by = 'analyser' ORDER BY th.slug LIMIT 1", [analysed]);
    t.equal((await app.inject({ method: 'DELETE', url: `/v1/statements/${analysed}/tags/${machineTag}`, headers })).statusCode, 204);
    t.equal((await app.inject({ method: 'PATCH', url: '/v1/statements/2/tags/funding', headers, payload: { stance: 'critical', note: 'checked' } })).statusCode, 200);
    t.equal((await app.inject({ method: 'PUT', url: '/v1/organisations/lga/aliases', headers, payload: { aliases: ['the LGA', 'Local Government Assoc.'] } })).statusCode, 200);
    t.equal((await app.inject({ method: 'POST', url: '/v1/asks/13/outcomes', headers, payload: { outcome: 'partly met', sourceUrl: 'https://example.org/autumn', decidedOn: '2023-11-22', note: 'half the sum' } })).statusCode, 201);
    const merged = await app.inject({
      method: 'POST',
      url: '/v1/figures/measures/local-authorities-testing-new-family-help/merge',
      headers,
      payload: { into: 'local-authorities-kinship-family-help-model', label: 'Local authorities in the family help pilots' },
    });
    t.equal(merged.statusCode, 200);
    await eventually(async () => (await db.value<number>("SELECT count(*) FROM deliveries WHERE status = 'delivered'"))! > 0, 'a delivery arrived');
    await app.close(); // closes the database too
    counts = Object.fromEntries(TABLES.map((table) => [table.name, count(original, table.name)]));
    t.same(Object.entries(counts).filter(([, n]) => n === 0), [], 'a row in every copied table');
    t.ok(count(original, 'delivery_attempts') >= 2, 'a failed attempt and the one that arrived');
  });

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
    const all = async (text: string) => (await client.query({ text, rowMode: 'array' })).rows as unknown[][];
    for (const table of TABLES.filter((table) => table.orderBy === 'id')) {
      const sequence = (await all(`SELECT pg_get_serial_sequence('"${table.name}"', 'id')`))[0]![0] as string;
      t.same(await all(`SELECT last_value::int, is_called FROM ${sequence}`), [[rowsOf(original, `SELECT max(id) FROM "${table.name}"`)[0]![0], true]], `${table.name}: new ids continue after the copied ones`);
    }
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

  // What each derived table holds, read the same way on both engines (PostgreSQL's flags as 0 and 1).
  // Counts kept by triggers fall to zero and stay (a corrected tag leaves its old cell at 0); rebuilt,
  // they hold only the cells that count something, so the source's are read without its zeros.
  const nonZero = 'WHERE supportive + critical + mixed + neutral > 0';
  const derived = (where: string, flag: (column: string) => string) => ({
    stance_points: `SELECT tag_id, ${flag('reviewed_only')}, organisation_id, ${flag('stakeholder')}, theme_id, date, statement_id, event_id, stance, from_tag_id, from_statement_id, from_date, from_event_id, from_stance FROM stance_points ORDER BY tag_id, reviewed_only`,
    stance_counts: `SELECT organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed FROM stance_counts ${where} ORDER BY 1, 2, 3`,
    stance_totals: `SELECT organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed FROM stance_totals ${where} ORDER BY 1, 2`,
    quote_themes: 'SELECT theme_id, quote_id, statement_id, stance, date, n FROM quote_themes ORDER BY 1, 2',
    figure_totals: 'SELECT unit, value, measures, theme_id, organisation_id, n FROM figure_totals ORDER BY 1, 2, 3, 4, 5',
  });
  const asSource = derived(nonZero, (column) => column);

  t.test('the round trip keeps every row of every table, and each side rebuilds the derived tables as its triggers keep them', async (t) => {
    const back = join(dir, 'back.db');
    for (const table of TABLES) {
      const query = `SELECT ${table.columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table.name}" ORDER BY ${table.orderBy}`;
      t.same(rowsOf(back, query), rowsOf(original, query), `${table.name}: every row, every column`);
    }
    for (const [table, query] of Object.entries(derived('', (column) => column))) {
      const expected = rowsOf(original, asSource[table as keyof typeof asSource]);
      t.ok(expected.length > 0, `${table} holds rows`);
      t.same(rowsOf(back, query), expected, `${table} rebuilt on SQLite as the source's triggers keep it`);
    }
    t.same(rowsOf(back, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"), rowsOf(original, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"), 'every trigger back as it was made');
    const file = new Database(back);
    t.teardown(() => file.close());
    for (const fts of ['statements_fts', 'quotes_fts']) {
      t.doesNotThrow(() => file.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`).run(), `${fts} indexes exactly its table's rows`);
    }

    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    t.teardown(() => client.end());
    const all = async (text: string) => (await client.query({ text, rowMode: 'array' })).rows as unknown[][];
    for (const [table, query] of Object.entries(derived('', (column) => `${column}::int`))) {
      t.same(await all(query), rowsOf(original, asSource[table as keyof typeof asSource]), `${table} rebuilt on PostgreSQL as the source's triggers keep it`);
    }
    t.same(await all("SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND t.tgenabled <> 'O'"), [], 'no trigger left off');
  });

  t.test('every table of the migrated PostgreSQL schema is copied or declared derived, and no trigger runs a row at a time during the copy', async (t) => {
    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    t.teardown(() => client.end());
    const tables = (await client.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1")).rows.map((r: { name: string }) => r.name);
    const known = new Set([...TABLES.map((table) => table.name), ...Object.keys(DERIVED)]);
    t.same(tables.filter((name: string) => !known.has(name)), [], 'no table the transfer does not know');
    // Row-level insert triggers (tgtype bits: 1 row, 4 insert) fire once per copied row unless held.
    const perRow = (await client.query("SELECT c.relname || '.' || t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND t.tgtype & 5 = 5 ORDER BY 1")).rows.map((r: { name: string }) => r.name);
    t.same(perRow, Object.values(DERIVED).flatMap((d) => d.hold?.postgres ?? []).sort(), 'each one held during the copy');
  });

  t.test('usage: both ends are needed', async (t) => {
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/transfer.ts', '--from', 'sqlite:x.db'], { cwd: ROOT, env: childEnv({}), encoding: 'utf8' });
    t.equal(cli.status, 2);
    t.match(cli.stderr, /^usage: npm run transfer -- --from sqlite:data\/stance\.db --to postgres:\/\//);
  });
}
