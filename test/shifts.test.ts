import { parse } from 'csv-parse/sync';
import t, { type Test } from 'tap';
import { DIRECTIONS, LEAN, directionOf, movesIn, shiftsAcross, shiftsIn, shiftSummary, stanceOn, type PairPoint, type StancePoint } from '../src/domain/shifts.ts';
import { STANCE_VALUES, type Stance } from '../src/domain/stance.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, getJson, pressRelease } from './helper.ts';

// ---- The domain: which way a stance moved, and where it moved -----------------------------------

t.test('directionOf: every pair of stances', async (t) => {
  // Rows: from; columns: to, in the order supportive, mixed, neutral, critical.
  const table: Record<Stance, Record<Stance, string | undefined>> = {
    supportive: { supportive: undefined, mixed: 'hardened', neutral: 'hardened', critical: 'hardened' },
    mixed: { supportive: 'softened', mixed: undefined, neutral: 'changed', critical: 'hardened' },
    neutral: { supportive: 'softened', mixed: 'changed', neutral: undefined, critical: 'hardened' },
    critical: { supportive: 'softened', mixed: 'softened', neutral: 'softened', critical: undefined },
  };
  let pairs = 0;
  for (const from of STANCE_VALUES) {
    for (const to of STANCE_VALUES) {
      t.equal(directionOf(from, to), table[from][to], `${from} → ${to}`);
      pairs += 1;
    }
  }
  t.equal(pairs, 16, 'all sixteen pairs');
  t.same(LEAN, { supportive: 1, neutral: 0, mixed: 0, critical: -1 }, 'welcomes less finds fault: neutral and mixed level between the ends');
  t.same(DIRECTIONS, ['hardened', 'softened', 'changed']);
});

t.test('movesIn: the moves of stance that go in the directions asked, as a query filters them', async (t) => {
  t.same(movesIn(['changed']), [['mixed', 'neutral'], ['neutral', 'mixed']], 'only between the two level stances');
  t.same(movesIn(['softened']), [['critical', 'supportive'], ['critical', 'mixed'], ['critical', 'neutral'], ['mixed', 'supportive'], ['neutral', 'supportive']]);
  t.same(movesIn(['hardened']), [['supportive', 'critical'], ['supportive', 'mixed'], ['supportive', 'neutral'], ['mixed', 'critical'], ['neutral', 'critical']]);
  t.equal(movesIn([...DIRECTIONS]).length, 12, 'every move of the sixteen but the four that stay put');
  t.same(movesIn([]), [], 'no direction, no move');
});

const point = (statementId: number, date: string, stance: Stance | null): StancePoint => ({ statementId, date, stance });
const moves = (shifts: { from: StancePoint; to: StancePoint; direction: string }[]) =>
  shifts.map((s) => `${s.from.statementId}:${s.from.stance} → ${s.to.statementId}:${s.to.stance} ${s.direction}`);

t.test('shiftsIn: a change between consecutive tagged statements, in date order then id', async (t) => {
  t.same(shiftsIn([]), [], 'no statements, no shift');
  t.same(shiftsIn([point(1, '2022-05-23', 'neutral')]), [], 'one statement, no shift');
  t.same(shiftsIn([point(1, '2022-05-23', 'critical'), point(2, '2023-02-02', 'critical')]), [], 'a stance repeated is no shift');

  const rcpch = [point(2, '2022-05-23', 'neutral'), point(1, '2023-02-02', 'critical')];
  const [shift, ...rest] = shiftsIn(rcpch);
  t.same(rest, []);
  t.equal(shift!.from, rcpch[0], 'the earlier side is the point given, not a copy');
  t.equal(shift!.to, rcpch[1]);
  t.equal(shift!.direction, 'hardened');

  t.same(
    moves(shiftsIn([point(1, '2021-01-01', 'neutral'), point(2, '2021-02-01', 'critical'), point(3, '2021-03-01', 'critical'), point(4, '2021-04-01', 'neutral')])),
    ['1:neutral → 2:critical hardened', '3:critical → 4:neutral softened'],
    'neutral, critical, critical, neutral: two shifts, each from the statement just before',
  );
  t.same(
    moves(shiftsIn([point(1, '2021-01-01', 'supportive'), point(2, '2021-02-01', 'mixed'), point(3, '2021-03-01', 'neutral'), point(4, '2021-04-01', 'supportive')])),
    ['1:supportive → 2:mixed hardened', '2:mixed → 3:neutral changed', '3:neutral → 4:supportive softened'],
  );

  const unsorted = [point(9, '2023-02-02', 'critical'), point(3, '2021-01-01', 'supportive'), point(5, '2022-05-23', 'neutral')];
  t.same(moves(shiftsIn(unsorted)), ['3:supportive → 5:neutral hardened', '5:neutral → 9:critical hardened'], 'ordered by date, whatever the ids say');
  t.same(unsorted.map((p) => p.statementId), [9, 3, 5], 'the input is left as it was');

  t.same(
    moves(shiftsIn([point(8, '2023-02-02', 'critical'), point(7, '2023-02-02', 'supportive'), point(2, '2023-02-03', 'supportive')])),
    ['7:supportive → 8:critical hardened', '8:critical → 2:supportive softened'],
    'on the same date, the lower id first',
  );
});

t.test('shiftsIn: a statement without a tag on the theme neither breaks nor makes a shift', async (t) => {
  t.same(moves(shiftsIn([point(1, '2021-01-01', 'critical'), point(2, '2021-02-01', null), point(3, '2021-03-01', 'critical')])), [], 'no break: critical, (none), critical');
  t.same(
    moves(shiftsIn([point(1, '2021-01-01', 'neutral'), point(2, '2021-02-01', null), point(3, '2021-03-01', 'critical')])),
    ['1:neutral → 3:critical hardened'],
    'the shift spans the untagged statement',
  );
  t.same(moves(shiftsIn([point(1, '2021-01-01', null), point(2, '2021-02-01', 'mixed'), point(3, '2021-03-01', null)])), [], 'untagged on either side makes none');
  t.same(moves(shiftsIn([point(1, '2021-01-01', null), point(2, '2021-02-01', null)])), []);
});

t.test('shiftsAcross: every organisation × theme on its own, newest shift first', async (t) => {
  const p = (organisation: string, theme: string, statementId: number, date: string, stance: Stance): PairPoint => ({ organisation, theme, statementId, date, stance });
  const points = [
    p('rcpch', 'funding', 2, '2022-05-23', 'neutral'),
    p('lga', 'funding', 3, '2022-06-01', 'supportive'),
    p('rcpch', 'workforce', 2, '2022-05-23', 'neutral'),
    p('rcpch', 'funding', 1, '2023-02-02', 'critical'),
    p('lga', 'funding', 4, '2023-02-02', 'supportive'),
    p('rcpch', 'workforce', 1, '2023-02-02', 'mixed'),
    p('lga', 'funding', 5, '2023-03-01', 'mixed'),
  ];
  t.same(
    shiftsAcross(points).map((s) => `${s.to.organisation}/${s.to.theme}: ${s.from.statementId} → ${s.to.statementId} ${s.direction}`),
    ['lga/funding: 4 → 5 hardened', 'rcpch/funding: 2 → 1 hardened', 'rcpch/workforce: 2 → 1 changed'],
    'interleaved pairs kept apart; by the later date, then id; ties in the order the pairs first appear',
  );
  t.same(
    shiftsAcross([p('b', 'x', 1, '2023-01-01', 'critical'), p('a', 'x', 9, '2023-01-01', 'critical'), p('a', 'x', 2, '2023-01-02', 'supportive'), p('b', 'x', 8, '2023-01-02', 'neutral')]).map(
      (s) => s.to.statementId,
    ),
    [8, 2],
    'on the same later date, the higher id first',
  );
  // An organisation and a theme whose slugs run together the same way are still two pairs.
  t.same(shiftsAcross([p('a', 'bc', 1, '2023-01-01', 'critical'), p('ab', 'c', 2, '2023-01-02', 'supportive')]), [], 'a/bc and ab/c are not one pair');
  t.same(shiftsAcross([]), []);
});

t.test('a shift in a sentence', async (t) => {
  const from = { statementId: 2, date: '2022-05-23', stance: 'neutral' as const };
  const to = { statementId: 1, date: '2023-02-02', stance: 'critical' as const };
  t.equal(stanceOn(from), 'neutral (23 May 2022)');
  t.equal(shiftSummary('RCPCH', 'Funding', { from, to, direction: 'hardened' }), 'RCPCH hardened its stance on Funding: neutral (23 May 2022) → critical (2 February 2023)');
  t.equal(shiftSummary('LGA', 'Kinship care', { from: to, to: from, direction: 'softened' }), 'LGA softened its stance on Kinship care: critical (2 February 2023) → neutral (23 May 2022)');
  t.equal(
    shiftSummary('RCPCH', 'Workforce', { from, to: { ...to, stance: 'mixed' }, direction: 'changed' }),
    'RCPCH changed its stance on Workforce: neutral (23 May 2022) → mixed (2 February 2023)',
  );
});

// ---- GET /v1/shifts on the seeded corpus --------------------------------------------------------

const RCPCH = { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' };
const REVIEW = { slug: 'independent-review-2022', title: 'The Independent Review of Children’s Social Care: final report', publishedOn: '2022-05-23' };
const STRATEGY = { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' };
const ON_REVIEW = {
  title: "RCPCH responds to the Independent Review of Children's Social Care",
  publisher: 'Royal College of Paediatrics and Child Health',
  url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-independent-review-childrens-social-care',
  publishedOn: '2022-05-23',
};
const ON_STRATEGY = {
  title: 'RCPCH responds to Social Care Review Implementation Strategy',
  publisher: 'Royal College of Paediatrics and Child Health',
  url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy',
  publishedOn: '2023-02-02',
};
const STEELE = { slug: 'alison-steele', name: 'Dr Alison Steele', role: 'Officer for Child Protection' };
const KINGDON = { slug: 'camilla-kingdon', name: 'Dr Camilla Kingdon', role: 'President' };
const STEELE_CITES = `Dr Alison Steele, Officer for Child Protection, Royal College of Paediatrics and Child Health, in “${ON_REVIEW.title}”, Royal College of Paediatrics and Child Health, 23 May 2022, ${ON_REVIEW.url}`;
const KINGDON_CITES = `Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “${ON_STRATEGY.title}”, Royal College of Paediatrics and Child Health, 2 February 2023, ${ON_STRATEGY.url}`;
const evidence = (statement: number, text: string, start: number, end: number, quoteId: number) => ({
  text,
  start,
  end,
  quoteId,
  voice: 'direct',
  speaker: statement === 2 ? STEELE : KINGDON,
  citation: statement === 2 ? STEELE_CITES : KINGDON_CITES,
  permalink: `http://localhost:80/statements/${statement}#char=${start},${end}`,
});
const trusted = { origin: 'curated', reviewed: true, confidence: 1 };
const onReview = { statement: { id: 2, date: '2022-05-23', url: '/v1/statements/2' }, event: REVIEW, source: ON_REVIEW, ...trusted };
const onStrategy = { statement: { id: 1, date: '2023-02-02', url: '/v1/statements/1' }, event: STRATEGY, source: ON_STRATEGY, ...trusted };

const FUNDING_SHIFT = {
  organisation: RCPCH,
  theme: { slug: 'funding', name: 'Funding' },
  direction: 'hardened',
  summary: 'RCPCH hardened its stance on Funding: neutral (23 May 2022) → critical (2 February 2023)',
  from: {
    stance: 'neutral',
    ...onReview,
    note: 'Urges the government to back its response with the necessary funding; no funding had been announced to judge.',
    evidence: [
      evidence(
        2,
        'We look forward to seeing the Government’s response to the review and urge it to take a child centred approach to policy making fortified with the necessary funding to improve the lives of children and keep them safe.',
        1862,
        2079,
        8,
      ),
    ],
  },
  to: {
    stance: 'critical',
    ...onStrategy,
    note: 'Appalled that just £200m has been budgeted, a far cry from the £2.6bn the review called for.',
    evidence: [
      evidence(
        1,
        'The intentions of this report are good, but we are appalled to read that just £200m has been budgeted for this work - a far cry from the £2.6bn suggested by independent review lead Josh MacAlister as needed for this scale of reform.',
        2123,
        2355,
        3,
      ),
      evidence(1, 'The Government cannot deliver these changes to essential services effectively and keep children safe without adequate funding.', 2521, 2647, 3),
    ],
  },
};

const WORKFORCE_SHIFT = {
  organisation: RCPCH,
  theme: { slug: 'workforce', name: 'Workforce' },
  direction: 'changed',
  summary: 'RCPCH changed its stance on Workforce: neutral (23 May 2022) → mixed (2 February 2023)',
  from: {
    stance: 'neutral',
    ...onReview,
    note: 'Restates its call to support the workforce with training and funding, without judging the review’s proposals.',
    evidence: [
      evidence(
        2,
        'We have previously called on Government to provide families with the help they need, reinforce multiagency partnership working in social care, build up the infrastructure to enable information sharing across teams, as well as support the workforce with training and funding.',
        1489,
        1763,
        6,
      ),
    ],
  },
  to: {
    stance: 'mixed',
    ...onStrategy,
    note: 'Welcomes the intention to support the workforce but remains concerned about staffing, workloads and complex cases.',
    evidence: [
      evidence(1, 'Social workers are doing their very best in increasingly difficult circumstances to meet the high demand, but staffing levels and support remain a very real concern.', 1459, 1624, 1),
      evidence(
        1,
        'This is a much-needed plan to reform Children’s Social Care in England, and we welcome the strategy’s intentions to better support the social care workforce in safeguarding children and young people.',
        1627,
        1826,
        2,
      ),
      evidence(1, 'However, we remain concerned about the high workloads and complex cases that social care workforce is facing.', 2011, 2120, 2),
    ],
  },
};

const page = (items: unknown[], extra: Record<string, unknown> = {}) => ({ items, total: items.length, totalExact: true, limit: 20, next: null, ...extra });
const summaries = async (t: Test, app: Awaited<ReturnType<typeof build>>, url: string) => {
  const res = await getJson(app, url);
  t.equal(res.status, 200, url);
  return res.body.items.map((s: { summary: string }) => s.summary);
};

t.test('GET /v1/shifts: the seeded corpus has two, both the RCPCH’s, with the evidence and citations on both sides', async (t) => {
  const app = await build(t);
  const res = await getJson(app, '/v1/shifts');
  t.equal(res.status, 200);
  t.same(res.body, page([FUNDING_SHIFT, WORKFORCE_SHIFT]), 'funding hardened (neutral → critical), workforce changed (neutral → mixed), and nothing else');
  t.equal(res.headers.link, undefined, 'one page: no next link');
});

t.test('GET /v1/shifts: filters', async (t) => {
  const app = await build(t);
  const both = [FUNDING_SHIFT.summary, WORKFORCE_SHIFT.summary];
  const cases: [string, string[]][] = [
    ['/v1/shifts?organisation=rcpch', both],
    ['/v1/shifts?organisation=Royal%20College%20of%20Paediatrics%20and%20Child%20Health', both],
    ['/v1/shifts?organisation=lga,ccn', []],
    ['/v1/shifts?organisation=dfe', []],
    ['/v1/shifts?theme=funding', [FUNDING_SHIFT.summary]],
    ['/v1/shifts?theme=Workforce', [WORKFORCE_SHIFT.summary]],
    ['/v1/shifts?theme=kinship', []],
    ['/v1/shifts?theme=funding&theme=workforce', both],
    // Either side in the event: the earlier side answered the review, the later one the strategy.
    ['/v1/shifts?event=independent-review-2022', both],
    ['/v1/shifts?event=implementation-strategy-2023', both],
    ['/v1/shifts?event=implementation-strategy-2023&theme=funding', [FUNDING_SHIFT.summary]],
    // Dates bound the later statement's date, when the change was said.
    ['/v1/shifts?from=2023-02-02', both],
    ['/v1/shifts?from=2023-02-03', []],
    ['/v1/shifts?to=2023-02-02', both],
    ['/v1/shifts?to=2023-02-01', []],
    ['/v1/shifts?from=2022-01-01&to=2022-12-31', []],
    ['/v1/shifts?direction=hardened', [FUNDING_SHIFT.summary]],
    ['/v1/shifts?direction=changed', [WORKFORCE_SHIFT.summary]],
    ['/v1/shifts?direction=softened', []],
    ['/v1/shifts?direction=softened,changed', [WORKFORCE_SHIFT.summary]],
    ['/v1/shifts?reviewed=true', both],
    ['/v1/shifts?reviewed=false', both],
  ];
  for (const [url, expected] of cases) t.same(await summaries(t, app, url), expected, url);
  const totals = await getJson(app, '/v1/shifts?theme=kinship');
  t.same(totals.body, page([]), 'an empty page, not an error');
});

t.test('GET /v1/shifts: a filter that names nothing is a 400 naming it, as on every list', async (t) => {
  const app = await build(t);
  for (const [url, name, message] of [
    ['/v1/shifts?organisation=nobody', 'organisation', /^unknown organisation 'nobody'/],
    ['/v1/shifts?theme=weather', 'theme', /^unknown theme 'weather'/],
    ['/v1/shifts?event=nope', 'event', /^unknown event 'nope'/],
    ['/v1/shifts?direction=sideways', 'direction', /^Invalid option: expected one of "hardened"\|"softened"\|"changed"$/],
    ['/v1/shifts?from=2023-13-01', 'from', /^expected a date as YYYY-MM-DD$/],
    ['/v1/shifts?reviewed=yes', 'reviewed', /^expected true or false$/],
    ['/v1/shifts?limit=0', 'limit', /^must be at least 1$/],
    ['/v1/shifts?cursor=nonsense', 'cursor', /^is not a cursor this API issued/],
  ] as const) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 400, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    const errors = res.json().errors as { in: string; name: string; message: string }[];
    t.same(errors.map((e) => [e.in, e.name]), [['query', name]], `${url} names ${name}`);
    t.match(errors[0]!.message, message);
  }
  // A keyset cursor from another list is refused, not misread.
  const statements = await getJson(app, '/v1/statements?limit=1');
  const foreign = new URL(statements.body.next, 'http://x').searchParams.get('cursor');
  const refused = await app.inject({ url: `/v1/shifts?cursor=${foreign}` });
  t.equal(refused.statusCode, 400);
  t.same(refused.json().errors, [{ in: 'query', name: 'cursor', message: 'is not a cursor for this list; use the `next` link of a previous page' }]);
});

t.test('GET /v1/shifts: pages with a cursor, newest first', async (t) => {
  const app = await build(t);
  const first = await getJson(app, '/v1/shifts?limit=1');
  const next = first.body.next as string;
  t.match(next, /^\/v1\/shifts\?limit=1&cursor=[\w-]+$/);
  t.same(first.body, { items: [FUNDING_SHIFT], total: 2, totalExact: true, limit: 1, next });
  t.equal(first.headers.link, `<${next}>; rel="next"`);
  const second = await getJson(app, next);
  t.same(second.body, { items: [WORKFORCE_SHIFT], total: 2, totalExact: true, limit: 1, next: null });
  t.equal(second.headers.link, undefined);
  const past = await getJson(app, `/v1/shifts?limit=1&cursor=${Buffer.from('{"o":5}').toString('base64url')}`);
  t.same(past.body, { items: [], total: 2, totalExact: true, limit: 1, next: null }, 'a page past the end is empty');
});

t.test('GET /v1/shifts as CSV: one row per shift, both sides with evidence, citations and permalinks', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/v1/shifts?format=csv' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  t.equal(res.headers['content-disposition'], 'attachment; filename="stance-shifts.csv"');
  const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  const side = (name: string, s: typeof FUNDING_SHIFT.from | typeof WORKFORCE_SHIFT.to) => ({
    [`${name}_stance`]: s.stance,
    [`${name}_date`]: s.statement.date,
    [`${name}_event`]: s.event.title,
    [`${name}_statement`]: String(s.statement.id),
    [`${name}_evidence`]: s.evidence.map((e) => e.text).join(' | '),
    [`${name}_citation`]: s.statement.id === 2 ? STEELE_CITES : KINGDON_CITES,
    [`${name}_permalink`]: s.evidence.map((e) => e.permalink).join(' | '),
  });
  t.same(rows, [
    { organisation: RCPCH.name, theme: 'Funding', direction: 'hardened', summary: FUNDING_SHIFT.summary, ...side('from', FUNDING_SHIFT.from), ...side('to', FUNDING_SHIFT.to) },
    { organisation: RCPCH.name, theme: 'Workforce', direction: 'changed', summary: WORKFORCE_SHIFT.summary, ...side('from', WORKFORCE_SHIFT.from), ...side('to', WORKFORCE_SHIFT.to) },
  ]);
  t.same(Object.keys(rows[0]!).slice(0, 5), ['organisation', 'theme', 'direction', 'summary', 'from_stance'], 'columns in reading order');
});

t.test('an editor’s correction makes or removes a shift', async (t) => {
  const app = await build(t);
  const headers = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const write = async (method: 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    t.equal(res.statusCode, method === 'DELETE' ? 204 : 200, `${method} ${url}`);
  };

  // The 2022 funding tag corrected to critical: critical twice is no shift.
  await write('PATCH', '/v1/statements/2/tags/funding', { stance: 'critical' });
  t.same(await summaries(t, app, '/v1/shifts'), [WORKFORCE_SHIFT.summary], 'the funding shift is gone');

  // A kinship tag added to the 2022 statement: critical then, supportive in 2023.
  await write('PUT', '/v1/statements/2/tags/kinship', { stance: 'critical', evidence: [{ start: 1862, end: 2079 }] });
  const made = await getJson(app, '/v1/shifts?theme=kinship');
  t.same(
    made.body.items.map((s: any) => [s.summary, s.from.statement.id, s.from.origin, s.from.reviewed, s.from.note, s.from.evidence.map((e: any) => [e.start, e.end]), s.to.statement.id]),
    [['RCPCH softened its stance on Kinship care: critical (23 May 2022) → supportive (2 February 2023)', 2, 'curated', true, 'Tagged by an editor', [[1862, 2079]], 1]],
    'a new shift, from the editor’s tag and evidence',
  );

  // The 2022 workforce tag removed: an untagged statement makes no shift.
  await write('DELETE', '/v1/statements/2/tags/workforce');
  t.same(await summaries(t, app, '/v1/shifts'), ['RCPCH softened its stance on Kinship care: critical (23 May 2022) → supportive (2 February 2023)']);

  // And the funding tag back to neutral brings the funding shift back, exactly as it was.
  await write('PATCH', '/v1/statements/2/tags/funding', { stance: 'neutral' });
  const back = await getJson(app, '/v1/shifts?theme=funding');
  t.same(back.body, page([FUNDING_SHIFT]), 'neutral → critical again');
});

t.test('reviewed=true: only tags an editor set or reviewed make a shift', async (t) => {
  const app = await build(t);
  const headers = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  // A later RCPCH statement, tagged by the analyser and not yet reviewed.
  const posted = await app.inject({ method: 'POST', url: '/v1/statements', headers, payload: { ...pressRelease(1), organisation: 'rcpch' } });
  t.equal(posted.statusCode, 201);
  const id = posted.json().id as number;
  t.same(
    posted.json().tags.map((tag: any) => [tag.theme.slug, tag.stance, tag.reviewed]),
    [
      ['funding', 'mixed', false],
      ['early-help', 'mixed', false],
      ['kinship', 'critical', false],
    ],
  );
  const analysed = [
    'RCPCH softened its stance on Funding: critical (2 February 2023) → mixed (1 March 2023)',
    'RCPCH hardened its stance on Early help: supportive (2 February 2023) → mixed (1 March 2023)',
    'RCPCH hardened its stance on Kinship care: supportive (2 February 2023) → critical (1 March 2023)',
  ];
  const seeded = [FUNDING_SHIFT.summary, WORKFORCE_SHIFT.summary];
  t.same(await summaries(t, app, '/v1/shifts'), [...analysed, ...seeded], 'newest first: the machine’s guesses count by default');
  const guess = (await getJson(app, '/v1/shifts?theme=kinship')).body.items[0];
  t.same([guess.to.statement.id, guess.to.origin, guess.to.reviewed, guess.to.confidence > 0 && guess.to.confidence < 1], [id, 'analysed', false, true], 'and say they are guesses');
  t.same(await summaries(t, app, '/v1/shifts?reviewed=true'), seeded, 'reviewed=true: the unreviewed tags neither make nor break a shift');
  t.same(await summaries(t, app, '/v1/shifts?direction=softened'), [analysed[0]]);
  t.same(await summaries(t, app, '/v1/shifts?direction=hardened'), [analysed[1], analysed[2], FUNDING_SHIFT.summary]);
  t.same(await summaries(t, app, '/v1/shifts?from=2023-02-03'), analysed, 'from: by the later statement’s date');
  t.same(await summaries(t, app, '/v1/shifts?event=independent-review-2022'), seeded, 'either side in the event');
  t.same(await summaries(t, app, '/v1/shifts?event=implementation-strategy-2023'), [...analysed, ...seeded]);

  const accepted = await app.inject({ method: 'POST', url: `/v1/statements/${id}/tags/kinship/accept`, headers });
  t.equal(accepted.statusCode, 200);
  t.same(await summaries(t, app, '/v1/shifts?reviewed=true'), [analysed[2], ...seeded], 'an accepted tag counts');
});

t.test('a run of one stance makes no shift, however long; a correction inside it makes two', async (t) => {
  const app = await build(t);
  const headers = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const ids: number[] = [];
  for (const [n, date] of [[1, '2023-03-01'], [2, '2023-04-01'], [3, '2023-05-01']] as const) {
    const posted = await app.inject({ method: 'POST', url: '/v1/statements', headers, payload: { ...pressRelease(n), organisation: 'rcpch', date } });
    t.equal(posted.statusCode, 201);
    t.equal(posted.json().tags.find((tag: any) => tag.theme.slug === 'funding').stance, 'mixed', `statement ${n} is mixed on funding`);
    ids.push(posted.json().id);
  }
  const funding = async () =>
    (await getJson(app, '/v1/shifts?theme=funding')).body.items.map((s: any) => `${s.from.statement.id} ${s.from.stance} → ${s.to.statement.id} ${s.to.stance}: ${s.direction}`);
  t.same(await funding(), [`1 critical → ${ids[0]} mixed: softened`, '2 neutral → 1 critical: hardened'], 'neutral, critical, mixed, mixed, mixed: two shifts');

  const patched = await app.inject({ method: 'PATCH', url: `/v1/statements/${ids[1]}/tags/funding`, headers, payload: { stance: 'critical' } });
  t.equal(patched.statusCode, 200);
  t.same(
    await funding(),
    [`${ids[1]} critical → ${ids[2]} mixed: softened`, `${ids[0]} mixed → ${ids[1]} critical: hardened`, `1 critical → ${ids[0]} mixed: softened`, '2 neutral → 1 critical: hardened'],
    'the middle of the run corrected to critical: a shift into it and one out of it',
  );
});
