import t from 'tap';
import { parseFeed } from '@rowanmanning/feed-parser';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, getJson, pressRelease } from './helper.ts';

t.test('the history starts with the seeded corpus: each statement added, then its figures, in the order stored', async (t) => {
  const app = await build(t);
  const { status, body, headers } = await getJson(app, '/v1/changes?limit=3');
  t.equal(status, 200);
  t.equal(headers['cache-control'], 'public, max-age=60');
  t.same(body.changes.map((c: { id: number; kind: string; statement: unknown; subject: unknown }) => [c.id, c.kind, c.statement, c.subject]), [
    [1, 'statement.added', { id: 1, url: '/v1/statements/1' }, null],
    [2, 'figure.added', { id: 1, url: '/v1/statements/1' }, { type: 'figure', id: 1 }],
    [3, 'figure.added', { id: 1, url: '/v1/statements/1' }, { type: 'figure', id: 2 }],
  ]);
  t.same(body.changes[0].detail, {
    organisation: 'rcpch',
    event: 'implementation-strategy-2023',
    date: '2023-02-02',
    themes: [
      { theme: 'early-help', stance: 'supportive' },
      { theme: 'funding', stance: 'critical' },
      { theme: 'kinship', stance: 'supportive' },
      { theme: 'workforce', stance: 'mixed' },
    ],
  });
  t.same(body.changes[2].detail, {
    raw: '£2.6bn',
    value: 2600000000,
    unit: 'GBP',
    measures: 'funding the Independent Review said the reform needs',
    period: null,
    theme: 'funding',
    start: 2260,
    end: 2266,
  });
  t.equal(body.cursor, 3);
  t.equal(body.more, true);
  t.equal(body.next, '/v1/changes?limit=3&since=3');
  t.equal(headers.link, '</v1/changes?limit=3&since=3>; rel="next"');

  // Following `next` to the end: every seeded statement once, every curated figure once, nothing else.
  const all: { kind: string }[] = [];
  let next: string = '/v1/changes';
  for (;;) {
    const page = await getJson(app, next);
    all.push(...page.body.changes);
    next = page.body.next;
    if (!page.body.more) break;
  }
  const statements = (await getJson(app, '/v1/statements?limit=100')).body.total;
  const figures = (await app.db.value<number>('SELECT count(*) AS n FROM figures')) ?? 0;
  const asks = (await app.db.value<number>('SELECT count(*) AS n FROM asks')) ?? 0;
  t.equal(all.filter((c) => c.kind === 'statement.added').length, statements);
  t.equal(all.filter((c) => c.kind === 'figure.added').length, figures);
  t.equal(all.filter((c) => c.kind === 'ask.added').length, asks);
  t.equal(all.length, statements + figures + asks);
  const end = await getJson(app, next);
  t.same(end.body, { changes: [], cursor: all.length, more: false, next: `/v1/changes?since=${all.length}`, latest: all.length });
  t.equal(end.headers.link, undefined, 'no next page advertised when nothing is waiting');
});

t.test('writes are in the feed in the order they happened, with what changed', async (t) => {
  const app = await build(t);
  const key = await createKey(app.db, 'editor');
  const auth = { authorization: `Bearer ${key}` };
  const since = (await getJson(app, '/v1/changes')).body.latest as number;

  const posted = await app.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(1) });
  t.equal(posted.statusCode, 201);
  const id = posted.json().id as number;
  const tags = (await getJson(app, `/v1/statements/${id}`)).body.themes as { theme: string; stance: string }[];
  t.same(tags.map((tag) => tag.theme).sort(), ['early-help', 'funding', 'kinship'], 'the themes the press release is found to have');
  t.equal((await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/funding`, headers: auth, payload: { stance: 'supportive' } })).statusCode, 200);
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${id}/tags/early-help/accept`, headers: auth })).statusCode, 200);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/statements/${id}/tags/kinship`, headers: auth })).statusCode, 204);
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${id}/reanalyse`, headers: auth })).statusCode, 200);
  t.equal((await app.inject({ method: 'PUT', url: '/v1/organisations/lga/aliases', headers: auth, payload: { aliases: ['Local Govt Association'] } })).statusCode, 200);

  const { body } = await getJson(app, `/v1/changes?since=${since}`);
  const kinds = body.changes.map((c: { kind: string }) => c.kind);
  const figures = kinds.filter((k: string) => k === 'figure.added').length;
  t.ok(figures > 0, 'the press release has figures');
  t.same(kinds, ['statement.added', ...Array(figures).fill('figure.added'), 'tag.corrected', 'tag.reviewed', 'tag.removed', 'statement.reanalysed', 'aliases.changed']);
  const byKind = (kind: string) => body.changes.find((c: { kind: string }) => c.kind === kind);
  const stanceOf = (theme: string) => tags.find((tag) => tag.theme === theme)?.stance;
  t.same(byKind('statement.added').detail, {
    organisation: 'test-trust-1',
    event: 'implementation-strategy-2023',
    date: '2023-03-01',
    themes: [...tags].sort((a, b) => a.theme.localeCompare(b.theme)).map((tag) => ({ theme: tag.theme, stance: tag.stance })),
  });
  t.same(byKind('tag.corrected').detail, { theme: 'funding', before: stanceOf('funding'), after: 'supportive', evidence: false });
  t.same(byKind('tag.reviewed').detail, { theme: 'early-help', stance: stanceOf('early-help') });
  t.same(byKind('tag.removed').detail, { theme: 'kinship', before: stanceOf('kinship') });
  // Re-analysis keeps the editor's decisions: funding stays supportive, kinship stays removed.
  const after = [...tags]
    .filter((tag) => tag.theme !== 'kinship')
    .map((tag) => ({ theme: tag.theme, stance: tag.theme === 'funding' ? 'supportive' : tag.stance }))
    .sort((a, b) => a.theme.localeCompare(b.theme));
  t.same(byKind('statement.reanalysed').detail, { before: after, after });
  t.same(byKind('aliases.changed'), {
    id: body.latest,
    at: byKind('aliases.changed').at,
    kind: 'aliases.changed',
    statement: null,
    subject: null,
    detail: { organisation: 'lga', aliases: ['Local Govt Association'] },
  });
  // Re-analysis found the same figures again: they are not news.
  t.equal(kinds.slice(kinds.indexOf('statement.reanalysed')).includes('figure.added'), false);
  t.match(byKind('tag.corrected').at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  t.same(byKind('tag.corrected').subject, { type: 'tag', id: byKind('tag.corrected').subject.id });

  const filtered = await getJson(app, `/v1/changes?since=${since}&kind=tag.corrected,tag.removed&statement=${id}`);
  t.same(filtered.body.changes.map((c: { kind: string }) => c.kind), ['tag.corrected', 'tag.removed']);
  t.same((await getJson(app, `/v1/changes?since=${since}&statement=1`)).body.changes, []);
});

t.test('a refused write leaves no change behind', async (t) => {
  const app = await build(t);
  const key = await createKey(app.db, 'editor');
  const before = (await getJson(app, '/v1/changes')).body.latest;
  const refused = await app.inject({ method: 'PUT', url: '/v1/statements/1/tags/funding', headers: { authorization: `Bearer ${key}` }, payload: { evidence: [{ start: 5, end: 1 }] } });
  t.equal(refused.statusCode, 400);
  const missing = await app.inject({ method: 'DELETE', url: '/v1/statements/1/tags/nonsense', headers: { authorization: `Bearer ${key}` } });
  t.equal(missing.statusCode, 404);
  t.equal((await getJson(app, '/v1/changes')).body.latest, before);
});

t.test('bad cursors and filters are precise 400s', async (t) => {
  const app = await build(t);
  const cases: [string, string][] = [
    ['/v1/changes?since=-1', 'since: must be at least 0'],
    ['/v1/changes?since=abc', 'since: must be a whole number'],
    ['/v1/changes?since=3000000000', 'since: must be at most 2147483647'],
    ['/v1/changes?limit=101', 'limit: must be at most 100'],
    ['/v1/changes?statement=x', 'statement: expected a statement id'],
  ];
  for (const [url, detail] of cases) {
    const response = await app.inject({ url });
    t.equal(response.statusCode, 400, url);
    t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8', url);
    t.equal(response.json().detail, detail, url);
  }
  const kind = await app.inject({ url: '/v1/changes?kind=statement.deleted' });
  t.equal(kind.statusCode, 400);
  t.equal(kind.json().detail.slice(0, 52), 'kind: Invalid option: expected one of "statement.add');
});

t.test('the newest changes first, and as an Atom feed a reader can follow', async (t) => {
  const app = await build(t);
  const latest = (await getJson(app, '/v1/changes')).body.latest as number;
  const newest = await getJson(app, '/v1/changes?order=newest&limit=2');
  t.same(newest.body.changes.map((c: { id: number }) => c.id), [latest, latest - 1]);
  t.same([newest.body.cursor, newest.body.more, newest.body.next], [latest, false, `/v1/changes?order=newest&limit=2&since=${latest}`]);

  const response = await app.inject({ url: '/v1/changes?order=newest&limit=2&format=atom' });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'application/atom+xml; charset=utf-8');
  const feed = parseFeed(response.body);
  const last = newest.body.changes[0];
  t.same(
    feed.items.map((item) => [item.id, item.title, item.url]),
    [
      [`tag:localhost,2026:change/${latest}`, 'Ask added (statement 7): funding, asks of government: increase the funding allocated for these reforms in line with the recommended…', 'http://localhost/statements/7'],
      [`tag:localhost,2026:change/${latest - 1}`, 'Ask added (statement 7): asks of government: action', 'http://localhost/statements/7'],
    ],
  );
  t.equal(feed.items[0]?.description, JSON.stringify(last.detail));
});

t.test('changes as CSV: one row per change, every page of the history', async (t) => {
  const app = await build(t);
  const response = await app.inject({ url: '/v1/changes?format=csv&kind=statement.added' });
  t.equal(response.statusCode, 200);
  t.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
  const lines = response.body.replace(/^\uFEFF/, '').trim().split('\n');
  t.equal(lines[0], 'id,at,kind,statement,subject,detail');
  t.equal(lines.length, 1 + 7, 'the seven seeded statements');
  t.match(lines[1], /^1,\d{4}-\d\d-\d\dT[\d:.]+Z,statement\.added,1,,"\{""organisation"":""rcpch"",""event"":""implementation-strategy-2023"",""date"":""2023-02-02"",""themes"":\[/);
});
