import t from 'tap';
import { build, getJson } from './helper.ts';


t.test('statements list: every seeded statement, newest first, with refs', async (t) => {
  const app = await build(t);
  const { status, body, headers } = await getJson(app, '/v1/statements?limit=100');
  t.equal(status, 200);
  t.match(headers['content-type'], /application\/json/);
  t.equal(body.total, 7, 'seven curated statements');
  t.equal(body.items.length, 7);
  t.equal(body.next, null, 'one page holds them all');
  const dates = body.items.map((s: any) => s.date);
  t.same(dates, [...dates].sort().reverse(), 'newest first by default');
  const oldest = body.items[body.items.length - 1];
  t.equal(oldest.organisation.slug, 'rcpch');
  t.equal(oldest.event.slug, 'independent-review-2022');
  t.match(oldest.document.url, /^https?:\/\//);
  t.ok(oldest.speakers.some((p: any) => p.slug === 'alison-steele'), 'speakers listed');
  t.equal(oldest.url, `/v1/statements/${oldest.id}`);
});

t.test('statements filters: organisation, theme with stance, event, speaker, dates', async (t) => {
  const app = await build(t);
  const byOrg = await getJson(app, '/v1/statements?organisation=lga&organisation=ccn');
  t.same(byOrg.body.items.map((s: any) => s.organisation.slug).sort(), ['ccn', 'lga']);
  const commas = await getJson(app, '/v1/statements?organisation=lga,ccn');
  t.same(commas.body.items.map((s: any) => s.id), byOrg.body.items.map((s: any) => s.id), 'commas equal repetition');

  const critical = await getJson(app, '/v1/statements?theme=funding&stance=critical');
  t.ok(critical.body.total >= 3, 'several statements criticise the funding');
  for (const s of critical.body.items) {
    t.ok(s.themes.some((tag: any) => tag.theme === 'funding' && tag.stance === 'critical'), `${s.organisation.slug} is critical on funding`);
  }
  const critics = critical.body.items.map((s: any) => s.organisation.slug);
  for (const slug of ['rcpch', 'lga', 'ccn']) t.ok(critics.includes(slug), `${slug} criticised the funding`);

  const review = await getJson(app, '/v1/statements?event=independent-review-2022');
  t.equal(review.body.total, 1);
  t.equal(review.body.items[0].organisation.slug, 'rcpch');

  const glazier = await getJson(app, '/v1/statements?speaker=keith-glazier');
  t.same(glazier.body.items.map((s: any) => s.organisation.slug), ['ccn']);

  const dated = await getJson(app, '/v1/statements?from=2022-01-01&to=2022-12-31');
  t.equal(dated.body.total, 1);
  const none = await getJson(app, '/v1/statements?from=2024-01-01');
  t.equal(none.body.total, 0);
  t.same(none.body.items, []);
});

t.test('statements search: ranked, highlighted, safe with FTS syntax', async (t) => {
  const app = await build(t);
  const kinship = await getJson(app, '/v1/statements?q=kinship');
  t.equal(kinship.status, 200);
  t.ok(kinship.body.total >= 2);
  for (const s of kinship.body.items) {
    t.match(s.snippet, /<mark>kinship<\/mark>/i, 'snippet highlights the match');
    t.type(s.score, 'number');
  }
  const scores = kinship.body.items.map((s: any) => s.score);
  t.same(scores, [...scores].sort((a: number, b: number) => a - b), 'best match first');

  const phrase = await getJson(app, '/v1/statements?q="far cry"');
  t.equal(phrase.body.total, 1);
  t.equal(phrase.body.items[0].organisation.slug, 'rcpch');

  const stemmed = await getJson(app, '/v1/statements?q=apprentice');
  t.ok(stemmed.body.total >= 1, 'stemming finds "apprentices"');

  for (const hostile of ['"', 'NEAR(', 'kinship AND OR', '*', '^foo', "'; DROP TABLE statements; --", 'a"b"c(']) {
    const res = await app.inject({ url: `/v1/statements?q=${encodeURIComponent(hostile)}` });
    t.equal(res.statusCode, 200, `q=${hostile} is answered, not a 500`);
  }
  const or = await getJson(app, '/v1/statements?q=grandparents OR apprentices');
  t.ok(or.body.total >= 1);
  const combined = await getJson(app, '/v1/statements?q=funding&organisation=ccn');
  t.same(combined.body.items.map((s: any) => s.organisation.slug), ['ccn']);
});

t.test('statements search: -word leaves out what mentions it, on either engine', async (t) => {
  const app = await build(t);
  const ids = async (q: string) => ((await getJson(app, `/v1/statements?q=${encodeURIComponent(q)}&sort=date&limit=100`)).body.items as { id: number }[]).map((s) => s.id);
  const funding = await ids('funding');
  const kinship = await ids('kinship');
  t.same(await ids('funding -kinship'), funding.filter((id) => !kinship.includes(id)), 'funding, without the statements that mention kinship');
  t.ok(funding.some((id) => kinship.includes(id)) && funding.some((id) => !kinship.includes(id)), 'the seed corpus has statements of both kinds');
  t.same(await ids('-kinship funding'), await ids('funding -kinship'), 'wherever the - term stands');
  t.same(await ids('"far cry" OR -kinship'), await ids('"far cry" -kinship'), 'OR next to a - term has nothing to choose between');
  t.same(await ids('-kinship'), [], 'only - terms: nothing to start from');
  const phrase = await ids('"kinship care"');
  t.ok(phrase.length > 0 && phrase.length < kinship.length, `"kinship care" in ${phrase.length} of the ${kinship.length} statements that say kinship`);
  t.same(await ids('kinship -"kinship care"'), kinship.filter((id) => !phrase.includes(id)), 'a phrase can be left out');
});

t.test('statements pagination: cursor, Link header, sort', async (t) => {
  const app = await build(t);
  const seen: number[] = [];
  let url: string | null = '/v1/statements?limit=3&sort=date';
  let pages = 0;
  while (url) {
    const res: any = await getJson(app, url);
    t.equal(res.status, 200);
    t.equal(res.body.total, 7);
    seen.push(...res.body.items.map((s: any) => s.id));
    if (res.body.next) t.equal(res.headers.link, `<${res.body.next}>; rel="next"`);
    else t.notOk(res.headers.link, 'no Link on the last page');
    url = res.body.next;
    pages += 1;
  }
  t.equal(pages, 3);
  t.equal(new Set(seen).size, 7, 'every statement once');
  const all = await getJson(app, '/v1/statements?limit=100&sort=date');
  t.same(seen, all.body.items.map((s: any) => s.id), 'pages join up in order');

  const relevance: number[] = [];
  let next: string | null = '/v1/statements?q=care&limit=2';
  while (next) {
    const res: any = await getJson(app, next);
    relevance.push(...res.body.items.map((s: any) => s.id));
    next = res.body.next;
  }
  const whole = await getJson(app, '/v1/statements?q=care&limit=100');
  t.same(relevance, whole.body.items.map((s: any) => s.id), 'relevance pages join up');
});

t.test('statement detail: source, quotes, tags with evidence, figures', async (t) => {
  const app = await build(t);
  const list = await getJson(app, '/v1/statements?organisation=ccn');
  const id = list.body.items[0].id;
  const { status, body } = await getJson(app, `/v1/statements/${id}`);
  t.equal(status, 200);
  t.equal(body.organisation.slug, 'ccn');
  t.match(body.document, { kind: String, url: /^https?:\/\// });
  t.ok(body.quotes.length >= 1);
  t.ok(body.quotes.every((q: any) => q.speaker?.slug === 'keith-glazier'));
  const funding = body.tags.find((tag: any) => tag.theme.slug === 'funding');
  t.equal(funding.stance, 'critical');
  t.equal(funding.taggedBy, 'curated');
  t.ok(funding.evidence.length >= 1);
  const raws = body.figures.map((f: any) => f.raw);
  t.ok(raws.some((r: string) => r.includes('£2.6bn')), 'cites £2.6bn');
  const recommended = body.figures.find((f: any) => f.raw.includes('£2.6bn'));
  t.equal(recommended.value, 2_600_000_000);
  t.equal(recommended.unit, 'GBP');
});

t.test('statements errors: problem+json naming the parameter', async (t) => {
  const app = await build(t);
  const cases: [string, string][] = [
    ['/v1/statements?stance=angry', 'stance'],
    ['/v1/statements?limit=0', 'limit'],
    ['/v1/statements?limit=101', 'limit'],
    ['/v1/statements?limit=abc', 'limit'],
    ['/v1/statements?from=yesterday', 'from'],
    ['/v1/statements?sort=size', 'sort'],
    ['/v1/statements?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    ['/v1/statements?organisation=nobody', 'organisation'],
    ['/v1/statements?theme=weather', 'theme'],
    ['/v1/statements?organisation=Not%20A%20Slug', 'organisation'],
    ['/v1/statements?q=', 'q'],
  ];
  for (const [url, name] of cases) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 400, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/, `${url} is problem+json`);
    const problem = res.json();
    t.equal(problem.status, 400);
    t.ok(problem.errors.some((e: any) => e.name.startsWith(name) && e.in === 'query'), `${url} names ${name}: ${problem.detail}`);
    t.match(problem.detail, name);
  }
  const missing = await app.inject({ url: '/v1/statements/99999' });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /^application\/problem\+json/);
  t.match(missing.json(), { status: 404, title: 'Not found', detail: /statement/ });
  const notNumber = await app.inject({ url: '/v1/statements/abc' });
  t.equal(notNumber.statusCode, 400);
  t.match(notNumber.json().errors, [{ in: 'path', name: 'id' }]);
});

t.test('input one engine would refuse is answered alike on both: ids past 32 bits, NUL characters, forged cursors', async (t) => {
  const app = await build(t);
  const problem = async (url: string) => {
    const res = await app.inject(url);
    return [res.statusCode, res.headers['content-type'], res.json().detail];
  };
  t.same(await problem('/v1/statements/3000000000'), [400, 'application/problem+json; charset=utf-8', 'id: must be at most 2147483647']);
  t.same(await problem('/v1/quotes/2147483648'), [400, 'application/problem+json; charset=utf-8', 'id: must be at most 2147483647']);
  t.equal((await app.inject('/v1/statements/2147483647')).statusCode, 404, 'the largest id is looked up, and is not there');
  t.same(await problem('/v1/statements?organisation=%00'), [400, 'application/problem+json; charset=utf-8', (await app.inject('/v1/statements?organisation=zzz-nobody')).json().detail.replace('zzz-nobody', '\u0000')]);
  const nul = await app.inject(`/v1/statements?q=${encodeURIComponent('kinship\u0000')}`);
  t.same([nul.statusCode, nul.json().total], [200, (await app.inject('/v1/statements?q=kinship')).json().total], 'a NUL in a search is not a term');
  const forged = Buffer.from(JSON.stringify({ k: '2023-01-01', i: 2 ** 40 })).toString('base64url');
  t.same((await app.inject(`/v1/statements?sort=date&cursor=${forged}`)).statusCode, 400, 'a cursor past 32 bits');
});
