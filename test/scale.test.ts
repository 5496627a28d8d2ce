import t from 'tap';
import { SEARCH_CANDIDATES, TOTAL_CAP } from '../src/db/page.ts';
import { encodeCursor } from '../src/http/pagination.ts';
import { build, getJson } from './helper.ts';

// What a broad list costs must not grow with the corpus: a search ranks its matches a block at a
// time (the newest first), and a broad filter counts its matches up to a cap. These tests build a
// corpus past both bounds and check which items come first, in what order, and what the total says.

type App = Awaited<ReturnType<typeof build>>;

const ADDED = TOTAL_CAP + 50;
/** The added statements 1…SEARCHED mention zebrafish; the newest SEARCH_CANDIDATES of them are the first block. */
const SEARCHED = SEARCH_CANDIDATES + 500;
const OLD_BEST = 1;
const NEW_BEST = SEARCHED - 100;

/** Adds ADDED statements dated 2030-01-01 (one document each), in order: statement i's summary is `synthetic i`. */
async function addStatements(app: App) {
  const text = `CASE WHEN i = ${OLD_BEST} THEN 'zebrafish zebrafish zebrafish zebrafish zebrafish zebrafish zebrafish zebrafish'
    WHEN i = ${NEW_BEST} THEN 'zebrafish zebrafish zebrafish zebrafish'
    WHEN i <= ${SEARCHED} THEN 'A longer statement that names the zebrafish once among many other words, to pad it out well past the others'
    ELSE 'A statement on something else entirely' END`;
  const numbers = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ADDED})`;
  await app.db.run(
    `${numbers} INSERT INTO source_documents (slug, title, publisher, url, published_on, kind, text, content_hash)
     SELECT 'synthetic-' || i, 'Synthetic ' || i, 'Synthetic', 'https://example.org/synthetic/' || i, '2030-01-01', 'press-release', ${text}, 'synthetic-hash-' || i
     FROM n ORDER BY i`,
  );
  await app.db.run(
    `INSERT INTO statements (document_id, organisation_id, event_id, date, text, start_offset, end_offset, summary)
     SELECT d.id, (SELECT min(id) FROM organisations), (SELECT min(id) FROM events), '2030-01-01', d.text, 0, length(d.text), 'synthetic ' || substr(d.slug, 11)
     FROM source_documents d WHERE d.slug LIKE 'synthetic-%' ORDER BY d.id`,
  );
}

const idOf = async (app: App, i: number) => (await app.db.value<number>('SELECT id FROM statements WHERE summary = ?', [`synthetic ${i}`]))!;
const ids = (body: { items: { id: number }[] }) => body.items.map((item) => item.id);

t.test('a broad search ranks its matches a block at a time, newest first, and every match is on some page', async (t) => {
  const app = await build(t);
  await addStatements(app);
  const newBest = await idOf(app, NEW_BEST);
  const oldBest = await idOf(app, OLD_BEST);
  const zebrafish = (await app.db.column<number>("SELECT id FROM statements WHERE summary LIKE 'synthetic %' AND text LIKE '%zebrafish%' ORDER BY id")).map(Number);
  t.equal(zebrafish.length, SEARCHED);

  const first = await getJson(app, '/v1/statements?q=zebrafish');
  t.equal(first.status, 200);
  t.equal(first.body.total, SEARCHED, 'the total counts every match');
  t.equal(first.body.totalExact, true);
  t.equal(first.body.items[0].id, newBest, 'the first page is the best of the newest block, not the best of all matches');
  t.equal(ids(first.body).includes(oldBest), false, 'the best older match is not ranked on the first page');

  // Walking every page: each match once, each block in score order, the newest block first.
  const walked: { id: number; score: number }[] = [];
  let next: string | null = '/v1/statements?q=zebrafish&limit=100';
  while (next) {
    const page: { body: { items: { id: number; score: number }[]; next: string | null } } = await getJson(app, next);
    walked.push(...page.body.items.map(({ id, score }) => ({ id, score })));
    next = page.body.next;
  }
  t.equal(walked.length, SEARCHED, 'every match on some page');
  t.same([...walked.map((hit) => hit.id)].sort((a, b) => a - b), zebrafish, 'each match once');
  const newest = walked.slice(0, SEARCH_CANDIDATES);
  const older = walked.slice(SEARCH_CANDIDATES);
  t.same(newest.map((hit) => hit.id).sort((a, b) => a - b), zebrafish.slice(-SEARCH_CANDIDATES), 'the first block holds the newest matches');
  for (const block of [newest, older]) {
    t.same(block.map((hit) => hit.score), block.map((hit) => hit.score).sort((a, b) => a - b), 'each block best first');
  }
  t.equal(older[0]?.id, oldBest, 'the older block starts with its best match');

  // A page across the two blocks: the end of the first, then the start of the second.
  const across = await getJson(app, `/v1/statements?q=zebrafish&limit=20&cursor=${encodeCursor({ offset: SEARCH_CANDIDATES - 10 })}`);
  t.same(ids(across.body), walked.slice(SEARCH_CANDIDATES - 10, SEARCH_CANDIDATES + 10).map((hit) => hit.id));
  t.equal(across.body.items[10].id, oldBest);
  t.match(across.body.items[10].snippet, /^<mark>zebrafish/, 'snippets for every hit of the page');

  // With a filter the search joins the statements; it ranks the same blocks.
  const filtered = await getJson(app, '/v1/statements?q=zebrafish&from=2030-01-01');
  t.equal(filtered.body.total, SEARCHED);
  t.equal(filtered.body.totalExact, true, 'under the cap a filtered total is exact');
  t.same(ids(filtered.body), ids(first.body));
});

t.test('a broad filter or search counts its matches up to the cap and says so; lists counted from an index or trigger-kept totals stay exact', async (t) => {
  const app = await build(t);
  const seeded = Number(await app.db.value<number>('SELECT count(*) AS n FROM statements'));
  await addStatements(app);

  const all = await getJson(app, '/v1/statements');
  t.same([all.body.total, all.body.totalExact], [seeded + ADDED, true], 'no filter: every statement counted');

  const broad = await getJson(app, '/v1/statements?from=2030-01-01&limit=5');
  t.same([broad.body.total, broad.body.totalExact], [TOTAL_CAP, false], 'a broad filter: at least TOTAL_CAP');
  t.equal(broad.body.items.length, 5);
  t.type(broad.body.next, 'string', 'and its pages go on past the count');
  const last = await getJson(app, `/v1/statements?from=2030-01-01&sort=date&limit=5&cursor=${encodeCursor({ key: '2030-01-01', id: await idOf(app, ADDED - 3) })}`);
  t.same(ids(last.body), [await idOf(app, ADDED - 2), await idOf(app, ADDED - 1), await idOf(app, ADDED)], 'the matches past the cap are all there');

  // A search alone matching more than the cap: counted in the index up to it, ranked or by date.
  const words = await getJson(app, '/v1/statements?q=statement&limit=5');
  t.same([words.body.total, words.body.totalExact, words.body.items.length], [TOTAL_CAP, false, 5], 'a broad search: at least TOTAL_CAP');
  t.type(words.body.next, 'string');
  const wordsByDate = await getJson(app, '/v1/statements?q=statement&sort=date&limit=5');
  t.same([wordsByDate.body.total, wordsByDate.body.totalExact], [TOTAL_CAP, false], 'by date as well');
  const underCap = await getJson(app, '/v1/statements?q=zebrafish&sort=date&limit=5');
  t.same([underCap.body.total, underCap.body.totalExact], [SEARCHED, true], 'a search under the cap: exact');

  const narrow = await getJson(app, '/v1/statements?from=2030-01-01&to=2030-01-01&q=else');
  t.same([narrow.body.total, narrow.body.totalExact], [ADDED - SEARCHED, true], 'a filter under the cap: exact');

  const critical = Number(
    await app.db.value<number>("SELECT count(*) AS n FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id WHERE th.slug = 'funding' AND tt.stance = 'critical'"),
  );
  const byStance = await getJson(app, '/v1/statements?theme=funding&stance=critical');
  t.same([byStance.body.total, byStance.body.totalExact, byStance.body.items.length], [critical, true, critical], 'one theme and a stance: from the trigger-kept totals');

  const lga = Number(
    await app.db.value<number>(
      "SELECT count(*) AS n FROM theme_tags tt JOIN themes th ON th.id = tt.theme_id JOIN statements s ON s.id = tt.statement_id JOIN organisations o ON o.id = s.organisation_id WHERE th.slug = 'funding' AND o.slug = 'lga'",
    ),
  );
  const byOrganisation = await getJson(app, '/v1/statements?theme=funding&organisation=lga');
  t.same([byOrganisation.body.total, byOrganisation.body.totalExact, byOrganisation.body.items.length], [lga, true, lga]);

  const quotesOnFunding = Number(await app.db.value<number>("SELECT count(*) AS n FROM quote_themes WHERE theme_id = (SELECT id FROM themes WHERE slug = 'funding')"));
  const quotes = await getJson(app, '/v1/quotes?theme=funding');
  t.same([quotes.body.total, quotes.body.totalExact], [quotesOnFunding, true]);
  const everyQuote = Number(await app.db.value<number>('SELECT count(*) AS n FROM quotes'));
  const allQuotes = await getJson(app, '/v1/quotes');
  t.same([allQuotes.body.total, allQuotes.body.totalExact], [everyQuote, true]);
});

t.test('shifts are counted up to the cap like any broad list, and the pages go on past it', async (t) => {
  const app = await build(t);
  await addStatements(app);
  // Each added statement tags the first organisation's stance on workforce, alternating: every one a shift from the one before.
  await app.db.run(
    `INSERT INTO theme_tags (statement_id, theme_id, stance, tagged_by)
     SELECT s.id, (SELECT id FROM themes WHERE slug = 'workforce'), CASE WHEN s.id % 2 = 0 THEN 'critical' ELSE 'supportive' END, 'analyser'
     FROM statements s WHERE s.summary LIKE 'synthetic %' ORDER BY s.id`,
  );
  const stored = Number(await app.db.value<number>("SELECT count(*) AS n FROM stance_points WHERE reviewed_only = FALSE AND stakeholder = TRUE AND from_stance <> stance"));
  t.ok(stored > TOTAL_CAP, `more shifts than the cap are stored (${stored})`);

  const first = await getJson(app, '/v1/shifts');
  t.equal(first.status, 200);
  t.same([first.body.total, first.body.totalExact, first.body.items.length], [TOTAL_CAP, false, 20], 'every shift: at least TOTAL_CAP');
  t.equal(first.body.next, `/v1/shifts?cursor=${encodeCursor({ offset: 20 })}`);
  // At the cap's edge a full page still leads on, as there are more after it.
  const edge = await getJson(app, `/v1/shifts?limit=20&cursor=${encodeCursor({ offset: TOTAL_CAP - 10 })}`);
  t.same([edge.body.total, edge.body.totalExact, edge.body.items.length], [TOTAL_CAP, false, 20]);
  t.equal(edge.body.next, `/v1/shifts?limit=20&cursor=${encodeCursor({ offset: TOTAL_CAP + 10 })}`);
  // The last page is not full: it has no next.
  const last = await getJson(app, `/v1/shifts?limit=20&cursor=${encodeCursor({ offset: stored - 5 })}`);
  t.same([last.body.items.length, last.body.next], [5, null]);
  // A full page that ends at the last shift has none after it either, though the total is capped.
  const exact = await getJson(app, `/v1/shifts?limit=20&cursor=${encodeCursor({ offset: stored - 20 })}`);
  t.same([exact.body.items.length, exact.body.totalExact, exact.body.next], [20, false, null]);

  // Under the cap the count is exact: the seed's funding shift is the only one on funding.
  const funding = await getJson(app, '/v1/shifts?theme=funding');
  t.same([funding.body.total, funding.body.totalExact, funding.body.items.length, funding.body.next], [1, true, 1, null]);
  // An event's shifts are counted in two parts, each up to the cap.
  const added = await app.db.value<string>('SELECT slug FROM events WHERE id = (SELECT min(id) FROM events)');
  const event = await getJson(app, `/v1/shifts?event=${added}&limit=1`);
  t.same([event.body.total, event.body.totalExact], [TOTAL_CAP, false]);
});
