import t from 'tap';
import { build, getJson } from './helper.ts';

const STAKEHOLDERS = ['action-for-children', 'ccn', 'lga', 'london-councils', 'rcpch'];

t.test('compare on funding names all five organisations with stance, evidence and figures', async (t) => {
  const app = await build(t);
  const { status, body } = await getJson(app, '/v1/compare?theme=funding');
  t.equal(status, 200);
  t.match(body.theme, { slug: 'funding', name: 'Funding', definition: String });
  t.same(body.organisations.map((p: any) => p.organisation.slug).sort(), STAKEHOLDERS, 'the five stakeholders, not the government');
  for (const position of body.organisations) {
    t.ok(position.stance, `${position.organisation.slug} has a stance on funding`);
    t.ok(position.statements.length >= 1);
    for (const statement of position.statements) {
      t.ok(statement.evidence.length >= 1, `${position.organisation.slug} stance has evidence`);
      t.match(statement.source.url, /^https?:\/\//);
      for (const e of statement.evidence) t.type(e.start, 'number');
    }
  }
  const grouped = Object.values(body.summary).flat();
  t.same([...grouped].sort(), STAKEHOLDERS, 'summary places every organisation once');
  for (const slug of ['rcpch', 'lga', 'ccn']) t.ok(body.summary.critical.includes(slug) || body.summary.mixed.includes(slug), `${slug} criticised the funding`);
  t.same(body.summary.silent, []);

  const cites = (slug: string) => body.organisations.find((p: any) => p.organisation.slug === slug).figures.map((f: any) => f.value);
  t.ok(cites('rcpch').includes(2_600_000_000), 'RCPCH cites £2.6bn');
  t.ok(cites('ccn').includes(2_600_000_000), 'CCN cites £2.6bn');
  t.ok(cites('lga').includes(1_600_000_000), 'LGA cites the £1.6bn shortfall');
  t.ok(cites('london-councils').includes(200_000_000), 'London Councils cites the £200m overspend');

  const rcpch = body.organisations.find((p: any) => p.organisation.slug === 'rcpch');
  const speakers = rcpch.statements.flatMap((s: any) => s.evidence.map((e: any) => e.speaker?.slug));
  t.ok(speakers.includes('camilla-kingdon'), 'evidence keeps its speaker');
});

t.test('compare narrows by event and organisations; silent organisations are listed', async (t) => {
  const app = await build(t);
  const review = await getJson(app, '/v1/compare?theme=funding&event=independent-review-2022');
  t.equal(review.status, 200);
  const silent = review.body.summary.silent;
  for (const slug of ['lga', 'ccn', 'london-councils', 'action-for-children']) t.ok(silent.includes(slug), `${slug} silent on the review`);
  const silentPositions = review.body.organisations.filter((p: any) => p.stance === null);
  t.ok(silentPositions.every((p: any) => p.statements.length === 0 && p.figures.length === 0));

  const councils = await getJson(app, '/v1/compare?theme=kinship&organisations=lga,london-councils,ccn');
  t.same(councils.body.organisations.map((p: any) => p.organisation.slug).sort(), ['ccn', 'lga', 'london-councils']);

  const government = await getJson(app, '/v1/compare?theme=kinship&organisations=dfe');
  t.same(government.body.organisations.map((p: any) => p.organisation.slug), ['dfe'], 'the government when named');
});

t.test('compare errors', async (t) => {
  const app = await build(t);
  for (const [url, name] of [
    ['/v1/compare', 'theme'],
    ['/v1/compare?theme=weather', 'theme'],
    ['/v1/compare?theme=funding&event=nope', 'event'],
    ['/v1/compare?theme=funding&organisations=nobody', 'organisations'],
    ['/v1/compare/matrix?event=nope', 'event'],
  ] as const) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 400, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.ok(res.json().errors.some((e: any) => e.name === name), `${url} names ${name}`);
  }
});

t.test('matrix: organisation × theme grid with counts', async (t) => {
  const app = await build(t);
  const { status, body } = await getJson(app, '/v1/compare/matrix');
  t.equal(status, 200);
  t.same(body.themes.map((th: any) => th.slug), ['funding', 'workforce', 'early-help', 'kinship']);
  t.same(body.rows.map((r: any) => r.organisation.slug).sort(), STAKEHOLDERS);
  for (const row of body.rows) {
    t.equal(row.cells.length, 4);
    for (const cell of row.cells) {
      const total = Object.values(cell.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      t.equal(total, cell.statementCount, 'counts add up');
      t.equal(cell.stance === null, cell.statementCount === 0, 'empty cells are null');
    }
  }
  const rcpch = body.rows.find((r: any) => r.organisation.slug === 'rcpch');
  t.equal(rcpch.cells.find((c: any) => c.theme === 'funding').statementCount, 2, 'RCPCH spoke on funding twice');

  const review = await getJson(app, '/v1/compare/matrix?event=independent-review-2022');
  const lga = review.body.rows.find((r: any) => r.organisation.slug === 'lga');
  t.ok(lga.cells.every((c: any) => c.stance === null), 'LGA said nothing on the review');
});

t.test('GET /v1/compare pages the organisations; the summary always covers all of them', async (t) => {
  const app = await build(t);
  const whole = (await getJson(app, '/v1/compare?theme=funding')).body;
  t.equal(whole.total, 5);
  t.equal(whole.next, null);
  const seen: any[] = [];
  let url: string | null = '/v1/compare?theme=funding&limit=2';
  let pages = 0;
  while (url) {
    const res: any = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.same(body.summary, whole.summary, 'the summary is the same on every page');
    t.equal(body.total, 5);
    t.ok(body.organisations.length <= 2);
    if (body.next) t.equal(res.headers.link, `<${body.next}>; rel="next"`);
    seen.push(...body.organisations);
    url = body.next;
    pages += 1;
  }
  t.equal(pages, 3);
  t.same(seen, whole.organisations, 'the pages together are the whole comparison, in the same order');

  const forged = await app.inject({ method: 'GET', url: '/v1/compare?theme=funding&cursor=eyJrIjoiMjAyMyIsImkiOjN9' });
  t.equal(forged.statusCode, 400, 'a statement-list cursor is refused');
  t.match(forged.json().errors, [{ in: 'query', name: 'cursor' }]);
  const tooMany = await app.inject({ method: 'GET', url: '/v1/compare?theme=funding&limit=101' });
  t.equal(tooMany.statusCode, 400);
  t.match(tooMany.json().errors, [{ name: 'limit' }]);
});

t.test('GET /v1/compare/matrix pages the organisations, in the order of their names', async (t) => {
  const app = await build(t);
  const whole = await app.inject('/v1/compare/matrix');
  const body = whole.json();
  t.same([body.total, body.limit, body.next], [5, 20, null], 'the seed corpus fits on the first page');
  t.equal(whole.headers.link, undefined, 'no next page, no Link');
  t.same(body.rows.map((r: any) => r.organisation.name), [...body.rows.map((r: any) => r.organisation.name)].sort((a: string, b: string) => a.localeCompare(b)));
  const pages: any[] = [];
  let url: string | null = '/v1/compare/matrix?limit=2';
  while (url) {
    const res: any = await app.inject(url);
    t.equal(res.statusCode, 200);
    const page = res.json();
    t.same(page.themes, body.themes, 'every page names every theme');
    t.same([page.total, page.limit], [5, 2]);
    t.equal(res.headers.link, page.next ? `<${page.next}>; rel="next"` : undefined);
    pages.push(page.rows);
    url = page.next;
  }
  t.same(pages.map((rows) => rows.length), [2, 2, 1]);
  t.same(pages.flat(), body.rows, 'the pages together are the whole matrix, in the same order');

  const named = (await app.inject('/v1/compare/matrix?organisations=rcpch,lga,ccn&limit=2')).json();
  t.same(named.rows.map((r: any) => r.organisation.slug), ['ccn', 'lga'], 'the organisations named, a page at a time');
  t.equal(named.total, 3);
  const last = (await app.inject(named.next)).json();
  t.same(last.rows, [body.rows.find((r: any) => r.organisation.slug === 'rcpch')], 'each row as in the whole matrix');
  t.equal(last.next, null);

  const beyond = (await app.inject(`/v1/compare/matrix?cursor=${Buffer.from(JSON.stringify({ o: 5 })).toString('base64url')}`)).json();
  t.same([beyond.rows, beyond.total, beyond.next], [[], 5, null], 'past the last organisation: no rows');
  const forged = await app.inject('/v1/compare/matrix?cursor=eyJrIjoiMjAyMyIsImkiOjN9');
  t.equal(forged.statusCode, 400, 'a statement-list cursor is refused');
  t.match(forged.json().errors, [{ in: 'query', name: 'cursor' }]);
  for (const limit of ['0', '101', 'x']) {
    const refused = await app.inject(`/v1/compare/matrix?limit=${limit}`);
    t.equal(refused.statusCode, 400, `limit=${limit}`);
    t.match(refused.json().errors, [{ in: 'query', name: 'limit' }]);
  }
});

t.test('a change of position between events is said in the matrix and the comparison, not hidden', async (t) => {
  const app = await build(t);
  const matrix = (await app.inject('/v1/compare/matrix')).json();
  const cell = (organisation: string, theme: string, body = matrix) =>
    body.rows.find((r: { organisation: { slug: string } }) => r.organisation.slug === organisation).cells.find((c: { theme: string }) => c.theme === theme);
  t.same(cell('rcpch', 'funding'), {
    theme: 'funding',
    stance: 'critical',
    statementCount: 2,
    unreviewed: 0,
    byEvent: [
      { event: 'independent-review-2022', stance: 'neutral', statementCount: 1 },
      { event: 'implementation-strategy-2023', stance: 'critical', statementCount: 1 },
    ],
    changed: true,
    counts: { supportive: 0, critical: 1, mixed: 0, neutral: 1 },
  });
  t.same(cell('lga', 'funding').byEvent, [{ event: 'implementation-strategy-2023', stance: 'critical', statementCount: 1 }]);
  t.equal(cell('lga', 'funding').changed, false);
  t.same(cell('ccn', 'kinship'), { theme: 'kinship', stance: null, statementCount: 0, unreviewed: 0, byEvent: [], changed: false, counts: { supportive: 0, critical: 0, mixed: 0, neutral: 0 } });
  const changed = matrix.rows.flatMap((r: { organisation: { slug: string }; cells: { theme: string; changed: boolean }[] }) => r.cells.filter((c) => c.changed).map((c) => `${r.organisation.slug}/${c.theme}`));
  t.same(changed, ['rcpch/funding', 'rcpch/workforce']);

  const oneEvent = (await app.inject('/v1/compare/matrix?event=implementation-strategy-2023')).json();
  t.same(cell('rcpch', 'funding', oneEvent).byEvent, [{ event: 'implementation-strategy-2023', stance: 'critical', statementCount: 1 }], 'within one event there is nothing to change');
  t.equal(cell('rcpch', 'funding', oneEvent).changed, false);

  const funding = (await app.inject('/v1/compare?theme=funding')).json();
  const rcpch = funding.organisations.find((p: { organisation: { slug: string } }) => p.organisation.slug === 'rcpch');
  t.same([rcpch.stance, rcpch.changed, rcpch.byEvent.map((e: { stance: string }) => e.stance)], ['critical', true, ['neutral', 'critical']]);
  const csv = (await app.inject('/v1/compare/matrix?format=csv')).body;
  t.match(csv, /\nRoyal College of Paediatrics and Child Health,critical \(2; by event: neutral → critical\),mixed \(2; by event: neutral → mixed\),supportive \(1\),supportive \(1\)\n/);
});
