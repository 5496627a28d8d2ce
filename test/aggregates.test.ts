import t, { type Test } from 'tap';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, getJson } from './helper.ts';

// stance_counts, stance_totals, quote_themes and figure_totals are kept by triggers so that reads cost the same at any size.
// After every kind of write, each must equal what a full recount of the base tables gives.

type App = Awaited<ReturnType<typeof build>>;

const TEXT = `Kinship Alliance responds to the strategy

Sam Okafor, director of Kinship Alliance, said: "Kinship carers are let down again: an allowance is only being explored. The £200m for family help is welcome, but councils face a £1.6bn funding gap."

"Social workers are leaving faster than they can be recruited," said Mr Okafor.`;

/** Rows where a trigger-kept table and a recount from the base tables disagree, either way. */
function drift(app: App, recount: string, kept: string) {
  return app.db.all(
    `WITH recount AS (${recount}), kept AS (${kept})
     SELECT * FROM (SELECT * FROM recount EXCEPT SELECT * FROM kept) AS missing UNION ALL SELECT * FROM (SELECT * FROM kept EXCEPT SELECT * FROM recount) AS extra`,
  );
}

const tally = (condition: string) => `sum(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
const STANCES = `${tally("tt.stance = 'supportive'")} AS supportive, ${tally("tt.stance = 'critical'")} AS critical, ${tally("tt.stance = 'mixed'")} AS mixed, ${tally("tt.stance = 'neutral'")} AS neutral, ${tally('tt.reviewed = FALSE')} AS unreviewed`;
const stanceCountsDrift = (app: App) =>
  drift(
    app,
    `SELECT s.organisation_id, tt.theme_id, s.event_id, ${STANCES} FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id GROUP BY 1, 2, 3`,
    `SELECT organisation_id, theme_id, event_id, supportive, critical, mixed, neutral, unreviewed FROM stance_counts WHERE supportive + critical + mixed + neutral > 0`,
  );
const stanceTotalsDrift = (app: App) =>
  drift(
    app,
    `SELECT s.organisation_id, tt.theme_id, ${STANCES} FROM theme_tags tt JOIN statements s ON s.id = tt.statement_id GROUP BY 1, 2`,
    `SELECT organisation_id, theme_id, supportive, critical, mixed, neutral, unreviewed FROM stance_totals WHERE supportive + critical + mixed + neutral > 0`,
  );
const quoteThemesDrift = (app: App) =>
  drift(
    app,
    `SELECT tt.theme_id, ev.quote_id, tt.statement_id, tt.stance, s.date, count(*) AS n
     FROM evidence ev JOIN theme_tags tt ON tt.id = ev.tag_id JOIN statements s ON s.id = tt.statement_id
     WHERE ev.quote_id IS NOT NULL GROUP BY tt.theme_id, ev.quote_id, tt.statement_id, tt.stance, s.date`,
    `SELECT theme_id, quote_id, statement_id, stance, date, n FROM quote_themes`,
  );
const figureTotalsDrift = (app: App) =>
  drift(
    app,
    `SELECT f.unit, f.value, f.measures, coalesce(f.theme_id, 0) AS theme_id, s.organisation_id, count(*) AS n
     FROM figures f JOIN statements s ON s.id = f.statement_id GROUP BY 1, 2, 3, 4, 5`,
    `SELECT unit, value, measures, theme_id, organisation_id, n FROM figure_totals`,
  );

async function checkInStep(t: Test, app: App, after: string) {
  t.same(await figureTotalsDrift(app), [], `figure_totals equals a recount after ${after}`);
  t.same(await stanceCountsDrift(app), [], `stance_counts equals a recount after ${after}`);
  t.same(await stanceTotalsDrift(app), [], `stance_totals equals a recount after ${after}`);
  t.same(await quoteThemesDrift(app), [], `quote_themes equals a recount after ${after}`);
}

t.test('the trigger-kept aggregates stay equal to a recount through every write', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'aggregates')}` };
  await checkInStep(t, app, 'seeding');
  t.ok((await app.db.value<number>('SELECT count(*) AS n FROM quote_themes'))! > 0, 'the seed corpus has quotes evidencing themes');

  const created = await app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: auth,
    payload: {
      text: TEXT,
      organisation: { name: 'Kinship Alliance', kind: 'charity' },
      event: 'implementation-strategy-2023',
      date: '2023-02-04',
      url: 'https://example.org/kinship-alliance',
      title: 'Kinship Alliance responds',
    },
  });
  t.equal(created.statusCode, 201);
  const id = created.json().id as number;
  await checkInStep(t, app, 'ingesting a statement');

  const statement = (await getJson(app, `/v1/statements/${id}`)).body;
  const funding = await getJson(app, '/v1/quotes?theme=funding&organisation=kinship-alliance');
  t.equal(funding.body.total, 1, 'the new quote is found by its theme');
  t.match(funding.body.items[0], { text: /£1\.6bn funding gap/, speaker: { name: 'Sam Okafor' } });

  const tagged = statement.themes.map((th: any) => th.theme.slug ?? th.theme) as string[];
  t.ok(tagged.length >= 3, 'the statement has tags to correct');
  const changed = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/${tagged[0]}`, headers: auth, payload: { stance: 'supportive' } });
  t.equal(changed.statusCode, 200, 'a stance corrected');
  await checkInStep(t, app, 'correcting a stance');
  const critical = await getJson(app, `/v1/quotes?theme=${tagged[0]}&stance=supportive&organisation=kinship-alliance`);
  t.ok(critical.body.items.every((q: any) => q.themes.some((th: any) => th.theme === tagged[0] && th.stance === 'supportive')), 'quotes follow the corrected stance');

  const accepted = await app.inject({ method: 'POST', url: `/v1/statements/${id}/tags/${tagged[2]}/accept`, headers: auth });
  t.equal(accepted.statusCode, 200, 'a tag accepted');
  await checkInStep(t, app, 'accepting a tag');

  const removed = await app.inject({ method: 'DELETE', url: `/v1/statements/${id}/tags/${tagged[1]}`, headers: auth });
  t.equal(removed.statusCode, 204, 'a tag removed');
  await checkInStep(t, app, 'removing a tag');

  const again = await app.inject({ method: 'POST', url: `/v1/statements/${id}/reanalyse`, headers: auth });
  t.equal(again.statusCode, 200, 're-analysed');
  await checkInStep(t, app, 're-analysis');

  await app.db.run('UPDATE figures SET theme_id = NULL WHERE id = (SELECT min(id) FROM figures WHERE statement_id = ?)', [id]);
  await checkInStep(t, app, 'a figure moved off its theme');
  await app.db.run('DELETE FROM figures WHERE id = (SELECT max(id) FROM figures WHERE statement_id = ?)', [id]);
  await checkInStep(t, app, 'a figure deleted');
  await app.db.run("UPDATE statements SET date = '2024-01-01' WHERE id = ?", [id]);
  await checkInStep(t, app, 'a statement moved to another date');
  await app.db.run('DELETE FROM quotes WHERE statement_id = ? AND id = (SELECT min(id) FROM quotes WHERE statement_id = ?)', [id, id]);
  await checkInStep(t, app, 'a quote deleted');
  await app.db.run('DELETE FROM statements WHERE id = ?', [id]);
  await checkInStep(t, app, 'the statement deleted');
  t.equal((await getJson(app, '/v1/quotes?theme=funding&organisation=kinship-alliance')).body.total, 0, 'its quotes are gone from the theme');
});

t.test('quotes by one theme read the same through the quote_themes index as through the base tables', async (t) => {
  const app = await build(t);
  for (const theme of ['funding', 'workforce', 'early-help', 'kinship']) {
    const expected = await app.db.column<number>(
      `SELECT q.id FROM quotes q JOIN statements s ON s.id = q.statement_id
       WHERE EXISTS (SELECT 1 FROM evidence ev JOIN theme_tags tt ON tt.id = ev.tag_id JOIN themes th ON th.id = tt.theme_id WHERE ev.quote_id = q.id AND th.slug = ?)
       ORDER BY s.date DESC, q.id DESC`,
      [theme],
    );
    const seen: number[] = [];
    let url: string | null = `/v1/quotes?theme=${theme}&limit=3`;
    while (url) {
      const res: any = await getJson(app, url);
      t.equal(res.body.total, expected.length, `${theme}: total`);
      seen.push(...res.body.items.map((q: any) => q.id));
      url = res.body.next;
    }
    t.same(seen, expected, `${theme}: every quote once, newest first, across pages`);
  }
});

t.test('figure groups counted from figure_totals are the same as counted from the figures', async (t) => {
  const app = await build(t);
  const { figureGroups } = await import('../src/modules/figures/queries.ts');
  // An event filter counts from the figures themselves; every event of the seed corpus together is the same scope.
  const events = await app.db.column<string>('SELECT slug FROM events');
  for (const filters of [{}, { unit: ['GBP'] }, { theme: ['funding'] }, { organisation: ['lga', 'rcpch'] }]) {
    t.same(await figureGroups(app.db, filters), await figureGroups(app.db, { ...filters, event: events }), `${JSON.stringify(filters)}: same counts and citations`);
  }
});

t.test('figure citations read newest first through the date index are the same as sorted from the figures', async (t) => {
  const app = await build(t);
  const { figureGroups } = await import('../src/modules/figures/queries.ts');
  for (const filters of [{}, { unit: ['GBP'] }, { theme: ['funding'] }, { organisation: ['lga', 'ccn'] }, { q: 'kinship' }]) {
    const sorted = await figureGroups(app.db, filters);
    t.ok(sorted.groups.length > 0, `${JSON.stringify(filters)}: groups found`);
    t.same(await figureGroups(app.db, filters, { dateWalkFrom: 0 }), sorted, `${JSON.stringify(filters)}: same groups and citations`);
  }
});
