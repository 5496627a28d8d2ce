import t from 'tap';
import { build, getJson } from './helper.ts';

t.test('organisations: list and detail with stances, speakers, statements', async (t) => {
  const app = await build(t);
  const list = await getJson(app, '/v1/organisations');
  t.equal(list.status, 200);
  const slugs = list.body.items.map((o: any) => o.slug);
  for (const slug of ['rcpch', 'lga', 'london-councils', 'ccn', 'action-for-children', 'dfe']) t.ok(slugs.includes(slug), slug);
  t.equal(list.body.total, list.body.items.length);
  t.equal(list.body.items.find((o: any) => o.slug === 'rcpch').statementCount, 2);

  const rcpch = await getJson(app, '/v1/organisations/rcpch');
  t.equal(rcpch.status, 200);
  t.equal(rcpch.body.name, 'Royal College of Paediatrics and Child Health');
  t.equal(rcpch.body.statements.length, 2);
  t.same(rcpch.body.speakers.map((p: any) => p.slug).sort(), ['alison-steele', 'camilla-kingdon']);
  t.equal(rcpch.body.stances.length, 4, 'a stance entry per theme');
  const funding = rcpch.body.stances.find((s: any) => s.theme.slug === 'funding');
  t.equal(funding.statementCount, 2);
  t.ok(['critical', 'mixed'].includes(funding.stance));

  const missing = await app.inject({ url: '/v1/organisations/nobody' });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^application\/problem\+json/);
});

t.test('themes: list and detail', async (t) => {
  const app = await build(t);
  const list = await getJson(app, '/v1/themes');
  t.same(list.body.items.map((th: any) => th.slug), ['funding', 'workforce', 'early-help', 'kinship']);
  for (const theme of list.body.items) {
    t.ok(theme.cues.length >= 5, `${theme.slug} has cue words`);
    t.ok(theme.statementCount >= 1);
  }
  const kinship = await getJson(app, '/v1/themes/kinship');
  t.equal(kinship.body.name, 'Kinship care');
  t.equal(kinship.body.organisations.length, 5);
  t.equal((await app.inject({ url: '/v1/themes/weather' })).statusCode, 404);
});

t.test('events: list and detail', async (t) => {
  const app = await build(t);
  const list = await getJson(app, '/v1/events');
  t.same(list.body.items.map((e: any) => e.slug), ['independent-review-2022', 'implementation-strategy-2023'], 'date order');
  t.same(list.body.items.map((e: any) => e.publishedOn), ['2022-05-23', '2023-02-02']);
  const strategy = await getJson(app, '/v1/events/implementation-strategy-2023');
  t.equal(strategy.body.statements.length, strategy.body.statementCount);
  t.ok(strategy.body.statements.every((s: any) => s.event.slug === 'implementation-strategy-2023'));
  t.equal((await app.inject({ url: '/v1/events/nope' })).statusCode, 404);
});

t.test('people: list, filter and detail with quotes', async (t) => {
  const app = await build(t);
  const list = await getJson(app, '/v1/people');
  t.ok(list.body.total >= 6);
  const lga = await getJson(app, '/v1/people?organisation=lga');
  t.same(lga.body.items.map((p: any) => p.slug), ['james-jamieson']);
  const bad = await app.inject({ url: '/v1/people?organisation=nobody' });
  t.equal(bad.statusCode, 400);
  const kingdon = await getJson(app, '/v1/people/camilla-kingdon');
  t.equal(kingdon.body.role, 'President');
  t.equal(kingdon.body.organisation.slug, 'rcpch');
  t.equal(kingdon.body.quotes.length, kingdon.body.quoteCount);
  t.ok(kingdon.body.quotes.every((q: any) => q.speaker.slug === 'camilla-kingdon'));
  t.equal((await app.inject({ url: '/v1/people/nobody' })).statusCode, 404);
});

t.test('quotes: filters by theme evidence, speaker, search, pagination', async (t) => {
  const app = await build(t);
  const all = await getJson(app, '/v1/quotes?limit=100');
  t.ok(all.body.total >= 10);
  for (const quote of all.body.items) {
    t.ok(quote.text.length > 0);
    t.match(quote.document.url, /^https?:\/\//);
  }
  const kinship = await getJson(app, '/v1/quotes?theme=kinship&organisation=lga,london-councils,ccn');
  t.ok(kinship.body.total >= 1, 'the councils said something about kinship care');
  for (const quote of kinship.body.items) {
    t.ok(quote.themes.some((th: any) => th.theme === 'kinship'), 'each is kinship evidence');
    t.ok(['lga', 'london-councils', 'ccn'].includes(quote.organisation.slug));
  }
  const jamieson = await getJson(app, '/v1/quotes?speaker=james-jamieson');
  t.ok(jamieson.body.items.every((q: any) => q.speaker.slug === 'james-jamieson'));
  const search = await getJson(app, '/v1/quotes?q=appalled');
  t.equal(search.body.total, 1);
  t.match(search.body.items[0].snippet, /<mark>appalled<\/mark>/);
  t.equal(search.body.items[0].speaker.slug, 'camilla-kingdon');

  const ids: number[] = [];
  let next: string | null = '/v1/quotes?limit=4';
  while (next) {
    const res: any = await getJson(app, next);
    ids.push(...res.body.items.map((q: any) => q.id));
    next = res.body.next;
  }
  t.same(ids, all.body.items.map((q: any) => q.id), 'pages join up');

  const one = await getJson(app, `/v1/quotes/${ids[0]}`);
  t.equal(one.status, 200);
  t.equal(one.body.id, ids[0]);
  t.equal((await app.inject({ url: '/v1/quotes/999999' })).statusCode, 404);
  t.equal((await app.inject({ url: '/v1/quotes?stance=loud' })).statusCode, 400);
});
