import t from 'tap';
import { openDb } from '../src/db/client.ts';
import { loadLexicon } from '../src/modules/ingest/lexicon.ts';
import { storeStatement } from '../src/modules/ingest/store.ts';
import { seedIfEmpty } from '../seed/load.ts';

// A document's analysed quotes are written a hundred rows to an INSERT (store.ts, insertQuotes): each stored quote must
// still be the text at its own offsets, and the evidence inside a quote must point at that quote, across the chunks.
t.test('a statement with more quotes than one INSERT holds stores each at its offsets, in order, evidence pointing at its own', async (t) => {
  const db = openDb(':memory:');
  t.teardown(() => db.close());
  await seedIfEmpty(db);
  const paragraphs = Array.from(
    { length: 130 },
    (_, i) => `“Kinship carers in area ${i + 1} need a weekly allowance, and the funding falls far short,” said Robin Vale, director of Quote Trust.`,
  );
  const text = paragraphs.join('\n\n');
  const { id, created } = await storeStatement(
    db,
    { text, organisation: { name: 'Quote Trust', kind: 'charity' }, event: (await db.column<string>('SELECT slug FROM events ORDER BY id LIMIT 1'))[0] as string, date: '2023-02-02', url: 'https://example.org/quotes/130', title: 'Quote Trust responds' },
    await loadLexicon(db),
  );
  t.equal(created, true);
  const quotes = await db.all<{ id: number; text: string; start: number; end: number; speaker: string | null }>(
    `SELECT q.id, q.text, q.start_offset AS "start", q.end_offset AS "end", p.name AS speaker FROM quotes q LEFT JOIN people p ON p.id = q.speaker_id
      WHERE q.statement_id = ? ORDER BY q.id`,
    [id],
  );
  t.equal(quotes.length, 130);
  const expected = paragraphs.map((paragraph) => {
    const start = text.indexOf(paragraph);
    const inner = paragraph.slice(1, paragraph.indexOf(',”'));
    return { text: inner, start: start + 1, end: start + 1 + inner.length, speaker: 'Robin Vale' };
  });
  t.same(
    quotes.map(({ text: quoteText, start, end, speaker }) => ({ text: quoteText, start, end, speaker })),
    expected,
  );
  for (const quote of quotes) t.equal(text.slice(quote.start, quote.end), quote.text);
  const evidence = await db.all<{ quoteId: number | null; start: number; end: number }>(
    `SELECT e.quote_id AS "quoteId", e.start_offset AS "start", e.end_offset AS "end" FROM evidence e JOIN theme_tags tt ON tt.id = e.tag_id WHERE tt.statement_id = ?`,
    [id],
  );
  t.ok(evidence.length > 0, 'the statement has evidence');
  for (const span of evidence) {
    // Each evidence sentence here is one paragraph: its quote and the attribution after it.
    const owner = quotes.find((q) => q.start < span.end && span.start < q.end);
    t.equal(span.quoteId, owner?.id ?? null, `evidence at ${span.start} points at the quote in it`);
  }
  const searched = await db.column<number>(
    "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH 'area' AND rowid IN (SELECT id FROM quotes WHERE statement_id = ?) ORDER BY rowid",
    [id],
  );
  t.same(searched, quotes.map((q) => q.id), 'every quote is in the search index');
});
