import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { openDb } from '../src/db/client.ts';
import { SEED_DIR, misplacedSpans, readCorpus } from '../seed/corpus.ts';
import { seedCorpus, seedIfEmpty } from '../seed/load.ts';

t.test('every quote, evidence and figure span points at exactly its text', async (t) => {
  const loaded = readCorpus();
  t.same(misplacedSpans(loaded), []);
  let checked = 0;
  for (const statement of loaded.corpus.statements) {
    const text = loaded.texts.get(statement.document) ?? '';
    for (const span of [...statement.quotes, ...statement.tags.flatMap((tag) => tag.evidence)]) {
      t.equal(text.slice(span.start, span.end), span.text);
      checked += 1;
    }
    for (const figure of statement.figures) {
      t.equal(text.slice(figure.start, figure.end), figure.raw);
      checked += 1;
    }
  }
  t.ok(checked > 50, `${checked} spans checked`);
});

t.test('misplacedSpans catches a span that moved', async (t) => {
  const loaded = readCorpus();
  const statement = loaded.corpus.statements[0];
  const quote = statement?.quotes[0];
  if (!statement || !quote) throw new Error('the corpus has no quotes');
  quote.start += 1;
  t.ok(misplacedSpans(loaded).some((p) => p.includes(statement.slug)));
  await t.rejects(seedCorpus(openDb(':memory:'), loaded), /misplaced spans/);
});

t.test('the corpus covers every document, organisation and core theme', async (t) => {
  const { corpus } = readCorpus();
  t.same(readdirSync(join(SEED_DIR, 'documents')).sort(), corpus.documents.map((d) => d.file).sort());
  t.equal(corpus.statements.length, 7);
  for (const slug of ['rcpch', 'lga', 'london-councils', 'ccn', 'action-for-children']) {
    t.ok(corpus.statements.some((s) => s.organisation === slug), `${slug} has a statement`);
  }
  for (const theme of ['funding', 'workforce', 'early-help', 'kinship']) {
    t.ok(corpus.statements.some((s) => s.tags.some((tag) => tag.theme === theme)), `${theme} is tagged`);
  }
  const values = corpus.statements.flatMap((s) => s.figures.map((f) => f.value));
  for (const value of [2_600_000_000, 200_000_000, 1_600_000_000, 45_000_000, 2_100_000_000, 100_000, 500, 200_000]) {
    t.ok(values.includes(value), `the figure ${value} is recorded`);
  }
});

t.test('seeding stores everything, in one go, and is idempotent', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  const { corpus, texts } = readCorpus();
  const first = await seedCorpus(db);
  t.same(first, { documents: 5, statements: 7, skipped: 0 });
  const count = async (table: string) => (await db.value<number>(`SELECT count(*) AS n FROM ${table}`))!;
  const counts = () => Promise.all(['statements', 'quotes', 'theme_tags', 'evidence', 'figures', 'people', 'organisations', 'themes', 'events'].map(count));
  const before = await counts();
  t.equal(await count('quotes'), corpus.statements.reduce((n, s) => n + s.quotes.length, 0));
  t.equal(await count('figures'), corpus.statements.reduce((n, s) => n + s.figures.length, 0));
  t.equal(await count('theme_tags'), corpus.statements.reduce((n, s) => n + s.tags.length, 0));

  const second = await seedCorpus(db);
  t.same(second, { documents: 0, statements: 0, skipped: 5 });
  t.same(await counts(), before, 'running it again changes nothing');

  const stored = await db.all<{ slug: string; text: string }>('SELECT slug, text FROM source_documents');
  for (const doc of stored) t.equal(doc.text, texts.get(doc.slug), `${doc.slug} stored verbatim`);
  const orphanEvidence = await db.value<number>(
    `SELECT count(*) AS n FROM evidence ev JOIN theme_tags tt ON tt.id = ev.tag_id JOIN statements s ON s.id = tt.statement_id
      JOIN source_documents d ON d.id = s.document_id WHERE substr(d.text, ev.start_offset + 1, ev.end_offset - ev.start_offset) <> ev.text`,
  );
  t.equal(orphanEvidence, 0, 'stored evidence offsets point at their text');
  t.equal(readFileSync(join(SEED_DIR, 'corpus.json'), 'utf8').includes('../shared'), false, 'the corpus names no file outside the project (a clone has no ../shared)');
});

t.test('a database whose lexicon predates demands, problem talk and reservations gets them at start', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  await seedCorpus(db);
  // As such a database holds it: no structured kinds, "crisis" a weak criticism, and a cue an editor added.
  await db.run(`DELETE FROM stance_cues WHERE kind IN ('demand', 'problem', 'reservation')`);
  await db.run(`INSERT INTO stance_cues (phrase, kind, weight) VALUES ('crisis', 'critical', 1), ('cannot afford to wait', 'critical', 2), ('damp squib', 'critical', 2)`);
  const kinds = () => db.all<{ kind: string; n: number }>(`SELECT kind, count(*) AS n FROM stance_cues GROUP BY kind ORDER BY kind`);
  const of = (phrase: string) => db.all('SELECT kind, weight FROM stance_cues WHERE phrase = ? ORDER BY kind', [phrase]);
  t.same(await of('crisis'), [{ kind: 'critical', weight: 1 }]);

  t.equal(await seedIfEmpty(db), undefined, 'a database with statements is not seeded again');
  t.same(await of('crisis'), [{ kind: 'problem', weight: 1 }], 'moved to problem talk');
  t.same(await of('cannot afford to wait'), [{ kind: 'demand', weight: 2 }], 'moved to demands');
  t.same(await of('damp squib'), [{ kind: 'critical', weight: 2 }], "the editor's cue stays");
  const after = await kinds();
  t.ok(after.some((k) => k.kind === 'demand' && k.n > 50) && after.some((k) => k.kind === 'reservation' && k.n > 10), 'the shipped structures are there');
  await seedIfEmpty(db);
  t.same(await kinds(), after, 'once only');
});
