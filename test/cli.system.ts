import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { formatEvaluation, missedTargets, runEvaluation } from '../src/cli/eval.ts';
import { expandPaths, importDocuments } from '../src/cli/import.ts';
import { openDb, type SqliteDb } from '../src/db/client.ts';
import { checkKey, createKey } from '../src/modules/auth/keys.ts';
import { parseDocument } from '../src/modules/ingest/frontmatter.ts';
import { loadLexicon } from '../src/modules/ingest/lexicon.ts';
import { storeStatement } from '../src/modules/ingest/store.ts';
import { seedCorpus } from '../seed/load.ts';
import { childEnv, pressRelease } from './helper.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = join(ROOT, 'test', 'fixtures', 'import');

function run(script: string, args: string[], databasePath: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: childEnv({ DATABASE_PATH: databasePath }),
    encoding: 'utf8',
  });
}

function tempDatabase(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'stance-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'stance.db');
}

t.test('npm run eval: the analyser meets its targets on the curated corpus', async (t) => {
  const result = runEvaluation();
  t.same(missedTargets(result), []);
  for (const theme of result.themes) t.ok(theme.f1 >= 0.9, `${theme.theme} F1 ${theme.f1}`);
  t.ok(result.stance.accuracy >= 0.8);
  t.equal(result.figures.normalised, result.figures.total, 'every curated figure found with its value');
  const table = formatEvaluation(result);
  t.match(table, /\| funding\s+\|/);
  t.match(table, /stance accuracy on themes found:\s+\d+\/\d+/);
});

t.test('keys: created, stored only as a hash, checked, revoked, from the command line', async (t) => {
  const databasePath = tempDatabase(t);
  const created = run('src/cli/keys.ts', ['create', 'newsroom'], databasePath);
  t.equal(created.status, 0, created.stderr);
  t.match(created.stdout, /^Created key 'newsroom' with scopes read, write\. It is shown only now; store it safely:\nstance_/);
  const key = created.stdout.match(/stance_\S+/)?.[0] ?? '';
  t.match(key, /^stance_[0-9a-f]{12}_[\w-]{43}$/);

  const db = openDb(databasePath);
  t.teardown(() => db.close());
  const row = (await db.get<Record<string, string>>('SELECT * FROM api_keys WHERE name = ?', ['newsroom']))!;
  // The secret is everything after `stance_<id>_`: base64url, so it may itself hold underscores
  // (splitting on them once took a two-letter piece, found by chance in the hash).
  const secret = key.slice('stance_'.length + 12 + 1);
  t.equal(secret.length, 43);
  t.notOk(JSON.stringify(row).includes(secret), 'the secret is not stored');
  t.match(row, { salt: /^[0-9a-f]{32}$/, hash: /^[0-9a-f]{64}$/ });
  const keyId = key.split('_')[1];
  t.same(await checkKey(db, key), { ok: true, keyId, name: 'newsroom', scopes: ['read', 'write'] });
  t.same(await checkKey(db, key), { ok: true, keyId, name: 'newsroom', scopes: ['read', 'write'] }, 'checked again (without scrypt, once proven)');
  const forged = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
  t.same(await checkKey(db, forged), { ok: false, reason: 'unknown' }, 'a proven key id with another secret is refused');

  t.equal(run('src/cli/keys.ts', ['create', 'newsroom'], databasePath).status, 1, 'names are unique');
  const admin = run('src/cli/keys.ts', ['create', 'lexicographer', '--scope', 'admin'], databasePath);
  t.match(admin.stdout, /^Created key 'lexicographer' with scopes admin\./);
  const both = run('src/cli/keys.ts', ['create', 'chief', '--scope', 'write', '--scope', 'read,admin'], databasePath);
  t.match(both.stdout, /^Created key 'chief' with scopes read, write, admin\./, 'scopes repeated or listed, shown in their order');
  const wrong = run('src/cli/keys.ts', ['create', 'typo', '--scope', 'wirte'], databasePath);
  t.equal(wrong.status, 1);
  t.equal(wrong.stderr.trim(), "Unknown scope 'wirte': a key's scopes are read, write, admin");
  t.match(run('src/cli/keys.ts', ['list'], databasePath).stdout, /^newsroom\tread,write\tcreated \S+\nlexicographer\tadmin\tcreated \S+\nchief\tread,write,admin\tcreated \S+\n$/);
  t.equal(run('src/cli/keys.ts', ['revoke', 'newsroom'], databasePath).status, 0);
  t.same(await checkKey(db, key), { ok: false, reason: 'revoked' });
  t.equal(run('src/cli/keys.ts', ['revoke', 'nobody'], databasePath).status, 1);
  t.equal(run('src/cli/keys.ts', ['frobnicate'], databasePath).status, 1, 'unknown command fails');
  await t.rejects(createKey(db, 'has spaces'), /key name/);
});

t.test('import: each document in its own transaction; failures reported, the rest go on', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  await seedCorpus(db);
  const paths = expandPaths([FIXTURES]);
  t.same(paths.map((p) => p.split('/').pop()), readdirSync(FIXTURES).sort());
  const progress: number[] = [];
  const summary = await importDocuments(db, paths, (done) => progress.push(done));
  t.same(progress, [1, 2, 3, 4]);
  t.same(summary.imported.map((i) => i.path.split('/').pop()), ['01-childrens-society.txt', '02-kinship-alliance.txt']);
  t.same(summary.duplicates.map((i) => i.path.split('/').pop()), ['04-duplicate.txt']);
  t.equal(summary.duplicates[0]?.id, summary.imported[0]?.id);
  t.same(summary.failed.map((f) => [f.path.split('/').pop(), f.reason]), [['03-broken.txt', "unknown event 'no-such-event'; see /v1/events for the list"]]);
  const documents = await db.all<{ title: string }>('SELECT title FROM source_documents WHERE url LIKE ?', ['https://example.org/%']);
  t.equal(documents.length, 2, 'the failed document left nothing behind');
  const organisation = await db.get("SELECT name, kind FROM organisations WHERE slug = 'childrens-society'");
  t.same(organisation, { name: "The Children's Society", kind: 'charity' }, 'organisation created from the header');
});

t.test('import: documents committed together, each whole or not at all; an organisation created is known to the next', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  await seedCorpus(db);
  const dir = mkdtempSync(join(tmpdir(), 'stance-import-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const header = (organisation: string, name: string, event: string, n: number) =>
    ['---', `organisation: ${organisation}`, `organisation_name: ${name}`, 'organisation_kind: charity', `event: ${event}`, 'date: 2023-02-03', `url: https://example.org/batch/${n}`, `title: Response ${n}`, '---'].join('\n');
  const documents = [
    `${header('harbour-trust', 'Harbour Kinship Trust', 'implementation-strategy-2023', 1)}\nHarbour Kinship Trust responds\n\nWe welcome the kinship allowance pilots, but they reach too few families.\n`,
    `${header('nobody', 'Nobody', 'no-such-event', 2)}\nThis one fails.\n`,
    `${header('quay-network', 'Quay Network', 'implementation-strategy-2023', 3)}\nQuay Network responds\n\nJo Marsh, chief executive of Harbour Kinship Trust, said: "The funding for family help falls far short of what is needed."\n`,
  ];
  const paths = documents.map((text, i) => {
    const path = join(dir, `${i + 1}.txt`);
    writeFileSync(path, text);
    return path;
  });
  const progress: number[] = [];
  const summary = await importDocuments(db, paths, (done) => progress.push(done), { documents: 10, milliseconds: 60_000 });
  t.same(progress, [1, 2, 3]);
  t.same(summary.imported.map((i) => i.path), [paths[0], paths[2]]);
  t.same(summary.failed, [{ path: paths[1], reason: "unknown event 'no-such-event'; see /v1/events for the list" }]);
  t.equal(db.sqlite.inTransaction, false, 'the batch is committed when the import ends');
  t.equal(await db.value("SELECT count(*) FROM organisations WHERE slug = 'nobody'"), 0, 'the failed document left nothing behind');
  // The third document's speaker speaks for the organisation the first created, in the same batch: the analyser knew it.
  const speaker = await db.get(
    'SELECT p.name, o.slug FROM quotes q JOIN people p ON p.id = q.speaker_id JOIN organisations o ON o.id = p.organisation_id WHERE q.statement_id = ?',
    [summary.imported[1]?.id],
  );
  t.same(speaker, { name: 'Jo Marsh', slug: 'harbour-trust' });
});

/** What an import stored, every analysed row (without the times of writing), for comparing two imports. */
async function storedRows(db: SqliteDb) {
  return {
    statements: await db.all('SELECT id, document_id, organisation_id, event_id, summary FROM statements ORDER BY id'),
    organisations: await db.all('SELECT id, slug, name, short_name, kind FROM organisations ORDER BY id'),
    people: await db.all('SELECT id, slug, name, role, organisation_id FROM people ORDER BY id'),
    quotes: await db.all('SELECT id, statement_id, speaker_id, text, start_offset, end_offset, voice FROM quotes ORDER BY id'),
    tags: await db.all('SELECT id, statement_id, theme_id, stance, confidence, note FROM theme_tags ORDER BY id'),
    evidence: await db.all('SELECT id, tag_id, quote_id, text, start_offset, end_offset, voice FROM evidence ORDER BY id'),
    figures: await db.all('SELECT id, statement_id, theme_id, raw, value, unit, measures, period, start_offset, end_offset FROM figures ORDER BY id'),
    asks: await db.all('SELECT id, statement_id, theme_id, target, action, text, start_offset, end_offset FROM asks ORDER BY id'),
    spans: await db.all('SELECT statement_id, start_offset, end_offset FROM publisher_spans ORDER BY id'),
    changes: await db.all('SELECT id, kind, statement_id, subject_id, detail FROM changes ORDER BY id'),
  };
}

t.test('import: documents stored in batches, their speakers found by name once per batch, exactly as when stored one by one', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-import-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // The same speakers throughout ("Robin Vale", then "Ms Vale"), under a title or not.
  const paths = Array.from({ length: 9 }, (_, i) => {
    const release = pressRelease(i);
    const text = i % 4 === 3 ? release.text.replace('said Robin Vale', 'said Dr Robin Vale') : release.text;
    // The first six from organisations the database holds, the last three from one it does not (created by the first of them).
    const organisation = i < 6 ? [`organisation: ${['rcpch', 'lga', 'ccn'][i % 3]}`] : ['organisation: harbour-trust', 'organisation_name: Harbour Trust', 'organisation_kind: charity'];
    const header = ['---', ...organisation, `event: ${release.event}`, `date: ${release.date}`, `url: ${release.url}`, `title: ${release.title}`, '---'];
    const path = join(dir, `${i}.txt`);
    writeFileSync(path, `${header.join('\n')}\n${text}\n`);
    return path;
  });
  const oneByOne = openDb(':memory:');
  t.teardown(() => oneByOne.close());
  await seedCorpus(oneByOne);
  const seeded = Number(await oneByOne.value('SELECT count(*) FROM statements'));
  for (const path of paths) await storeStatement(oneByOne, parseDocument(readFileSync(path, 'utf8')), await loadLexicon(oneByOne));
  const expected = await storedRows(oneByOne);
  t.equal(expected.statements.length - seeded, 9);
  t.ok(expected.people.some((p) => (p as { name: string }).name === 'Robin Vale'), 'the speakers are stored');

  const db = openDb(':memory:');
  t.teardown(() => db.close());
  await seedCorpus(db);
  const progress: number[] = [];
  const summary = await importDocuments(db, paths, (done) => progress.push(done), { documents: 4, milliseconds: 60_000 });
  t.same(progress, [1, 2, 3, 4, 5, 6, 7, 8, 9], 'progress after each document');
  t.same(summary.failed, [], 'nothing failed');
  t.strictSame(await storedRows(db), expected, 'the same rows');
});

t.test('npm run import prints a summary and fails when a document failed', async (t) => {
  const databasePath = tempDatabase(t);
  const result = run('src/cli/import.ts', [FIXTURES], databasePath);
  t.equal(result.status, 1);
  t.match(result.stdout, /imported: 2, skipped as duplicate: 1, failed: 1/);
  t.match(result.stdout, /! .*03-broken\.txt: unknown event 'no-such-event'/);
  const again = run('src/cli/import.ts', [join(FIXTURES, '01-childrens-society.txt')], databasePath);
  t.equal(again.status, 0);
  t.match(again.stdout, /imported: 0, skipped as duplicate: 1, failed: 0/);
  const usage = run('src/cli/import.ts', [], databasePath);
  t.equal(usage.status, 2);
});
