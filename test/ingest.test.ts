import t from 'tap';
import { createKey, revokeKey } from '../src/modules/auth/keys.ts';
import { build, getJson } from './helper.ts';

const TEXT = `Youth Futures responds to the children's social care strategy

Asha Patel, Chief Executive of Youth Futures, said: "We welcome the focus on early intervention and family help. However, £200m over two years falls far short of the £2.6bn the review said was needed."

"Kinship carers have been overlooked for too long, and we are disappointed that an allowance is only being explored," said Ms Patel.`;

const body = (overrides: Record<string, unknown> = {}) => ({
  text: TEXT,
  organisation: { name: 'Youth Futures', kind: 'charity', url: 'https://example.org' },
  event: 'implementation-strategy-2023',
  date: '2023-02-04',
  url: 'https://example.org/youth-futures/response',
  title: 'Youth Futures responds to the strategy',
  ...overrides,
});

const count = async (app: Awaited<ReturnType<typeof build>>, table: string) => (await app.db.value<number>(`SELECT count(*) AS n FROM ${table}`))!;

t.test('POST /v1/analyse returns the analysis and stores nothing', async (t) => {
  const app = await build(t);
  const before = await count(app, 'statements');
  const res = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: TEXT } });
  t.equal(res.statusCode, 200);
  const analysis = res.json();
  t.same(
    Object.fromEntries(analysis.themes.map((f: any) => [f.theme, f.stance])),
    { funding: 'critical', 'early-help': 'supportive', kinship: 'critical' },
  );
  t.same(analysis.quotes.map((q: any) => q.speaker?.name), ['Asha Patel', 'Asha Patel']);
  t.equal(analysis.quotes[0].speaker.role, 'Chief Executive of Youth Futures');
  t.same(analysis.figures.map((f: any) => [f.raw, f.value, f.unit]), [['£200m', 200_000_000, 'GBP'], ['£2.6bn', 2_600_000_000, 'GBP']]);
  t.equal(analysis.figures[0].period, 'over two years');
  for (const s of analysis.sentences) t.equal(TEXT.slice(s.start, s.end), s.text);
  t.equal(await count(app, 'statements'), before, 'nothing stored');

  const plain = await app.inject({ method: 'POST', url: '/v1/analyse', payload: TEXT, headers: { 'content-type': 'text/plain' } });
  t.equal(plain.statusCode, 200, 'bare text is accepted as text/plain');
  t.same(plain.json().themes, analysis.themes);
});

t.test('POST /v1/analyse on each seed document finds its themes, speakers and figures', async (t) => {
  const app = await build(t);
  // Each document once, with its first statement that is not the government's.
  const statements = await app.db.all<{ text: string; organisation: string; event: string }>(
    `SELECT d.text, o.slug AS organisation, e.slug AS event FROM statements s JOIN source_documents d ON d.id = s.document_id JOIN organisations o ON o.id = s.organisation_id JOIN events e ON e.id = s.event_id
     WHERE s.id = (SELECT min(f.id) FROM statements f JOIN organisations fo ON fo.id = f.organisation_id WHERE f.document_id = d.id AND fo.kind <> 'government')
     ORDER BY d.id`,
  );
  t.equal(statements.length, 5);
  for (const { text, organisation, event } of statements) {
    const res = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text, organisation, event } });
    t.equal(res.statusCode, 200);
    const analysis = res.json();
    // Every theme its editors judged (supportive, critical or mixed) is found; a theme they tagged neutral may be a passing mention.
    const curated = (await getJson(app, `/v1/statements?organisation=${organisation}&event=${event}`)).body.items.flatMap((s: any) => s.themes);
    const judged = [...new Set(curated.filter((th: any) => th.stance !== 'neutral').map((th: any) => th.theme))].sort();
    const found = new Set(analysis.themes.map((th: any) => th.theme));
    t.same(judged.filter((theme) => !found.has(theme)), [], `${organisation} on ${event}: every theme its editors judged is found`);
    t.equal(analysis.judgedAgainst?.slug, event, 'judged against the event given');
    t.ok(analysis.figures.length >= 1, `${organisation}: figures found`);
    t.ok(analysis.quotes.length >= 1, `${organisation}: quotes found`);
  }
});

t.test('POST /v1/analyse errors', async (t) => {
  const app = await build(t);
  const empty = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: '   ' } });
  t.equal(empty.statusCode, 400);
  t.match(empty.json().errors, [{ in: 'body', name: 'text' }]);
  const long = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: 'a '.repeat(60_000) } });
  t.equal(long.statusCode, 413);
  t.match(long.headers['content-type'], /problem\+json/);
  t.match(long.json().detail, /text: 120000 characters is over the limit of 100000/);
  const wrongType = await app.inject({ method: 'POST', url: '/v1/analyse', payload: '<text/>', headers: { 'content-type': 'application/xml' } });
  t.equal(wrongType.statusCode, 415);
  t.match(wrongType.headers['content-type'], /problem\+json/);
  const badJson = await app.inject({ method: 'POST', url: '/v1/analyse', payload: '{"text": ', headers: { 'content-type': 'application/json' } });
  t.equal(badJson.statusCode, 400);
  const unknownOrg = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: TEXT, organisation: 'nobody' } });
  t.equal(unknownOrg.statusCode, 400);
  t.match(unknownOrg.json().errors, [{ name: 'organisation' }]);
});

t.test('POST /v1/statements needs a valid, unrevoked key', async (t) => {
  const app = await build(t);
  const key = await createKey(app.db, 'editor');
  const none = await app.inject({ method: 'POST', url: '/v1/statements', payload: body() });
  t.equal(none.statusCode, 401);
  t.match(none.headers['content-type'], /problem\+json/);
  t.match(none.headers['www-authenticate'], /^Bearer/);
  const wrong = await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: { authorization: `Bearer ${key.slice(0, -2)}xx` } });
  t.equal(wrong.statusCode, 401);
  const garbage = await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: { authorization: 'Bearer nonsense' } });
  t.equal(garbage.statusCode, 401);
  await revokeKey(app.db, 'editor');
  const revoked = await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: { authorization: `Bearer ${key}` } });
  t.equal(revoked.statusCode, 401, 'a revoked key is answered as an unknown one');
  t.match(revoked.json(), { status: 401, title: 'Unauthorized', detail: 'The API key is not valid (unknown, malformed or revoked)' });
  t.equal(await count(app, 'source_documents'), 5, 'nothing stored by refused requests');
});

t.test('POST /v1/statements stores, analyses, appears in compare, and is idempotent', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const res = await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: auth });
  t.equal(res.statusCode, 201);
  const stored = res.json();
  t.equal(res.headers.location, `/v1/statements/${stored.id}`);
  t.equal(stored.organisation.slug, 'youth-futures');
  t.equal(stored.document.url, 'https://example.org/youth-futures/response');
  t.same(stored.tags.map((tag: any) => [tag.theme.slug, tag.stance, tag.taggedBy]), [
    ['funding', 'critical', 'analyser'],
    ['early-help', 'supportive', 'analyser'],
    ['kinship', 'critical', 'analyser'],
  ]);
  t.ok(stored.quotes.every((q: any) => q.speaker?.slug === 'asha-patel'));
  t.same(stored.figures.map((f: any) => f.value), [200_000_000, 2_600_000_000]);
  const funding = stored.tags.find((tag: any) => tag.theme.slug === 'funding');
  t.ok(funding.evidence.every((e: any) => TEXT.slice(e.start, e.end) === e.text));
  t.equal(funding.evidence[0].speaker.slug, 'asha-patel', 'evidence keeps its speaker');

  const compare = await getJson(app, '/v1/compare?theme=funding');
  const position = compare.body.organisations.find((p: any) => p.organisation.slug === 'youth-futures');
  t.equal(position.stance, 'critical', 'the new organisation is compared with everyone else');
  t.ok(compare.body.summary.critical.includes('youth-futures'));

  const again = await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: auth });
  t.equal(again.statusCode, 200, 'the same text again is not a duplicate');
  t.equal(again.json().id, stored.id);
  t.equal(again.headers.location, res.headers.location);
  t.equal(await count(app, 'source_documents'), 6);

  const known = await app.inject({ method: 'POST', url: '/v1/statements', payload: body({ organisation: 'lga', text: `${TEXT}\n\nA second version.`, url: 'https://example.org/lga' }), headers: auth });
  t.equal(known.statusCode, 201);
  t.equal(known.json().organisation.slug, 'lga', 'a known organisation by slug');
});

t.test('POST /v1/statements rejects bad input by name and stores nothing', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const cases: [Record<string, unknown>, string, number][] = [
    [body({ event: 'no-such-event' }), 'event', 400],
    [body({ organisation: 'nobody' }), 'organisation', 400],
    [body({ url: 'not a url' }), 'url', 400],
    [body({ url: 'ftp://example.org/x' }), 'url', 400],
    [body({ date: '2023-13-45' }), 'date', 400],
    [body({ text: '' }), 'text', 400],
    [body({ title: undefined }), 'title', 400],
    [body({ text: 'x'.repeat(100_001) }), 'text', 413],
  ];
  for (const [payload, name, status] of cases) {
    const res = await app.inject({ method: 'POST', url: '/v1/statements', payload, headers: auth });
    t.equal(res.statusCode, status, `${name} → ${status}`);
    t.match(res.headers['content-type'], /problem\+json/);
    t.ok(res.json().errors?.some((e: any) => e.name === name), `names ${name}: ${res.json().detail}`);
  }
  t.equal(await count(app, 'source_documents'), 5);
  t.equal(await count(app, 'organisations'), 6, 'no organisation created by a rejected request');
  const wrongType = await app.inject({ method: 'POST', url: '/v1/statements', payload: 'text', headers: { ...auth, 'content-type': 'text/csv' } });
  t.equal(wrongType.statusCode, 415);
});

t.test('editors correct the analysis; re-analysis keeps their corrections', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const { id } = (await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: auth })).json();

  const unauthorised = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/kinship`, payload: { stance: 'mixed' } });
  t.equal(unauthorised.statusCode, 401);

  const patched = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/kinship`, payload: { stance: 'mixed' }, headers: auth });
  t.equal(patched.statusCode, 200);
  t.match(patched.json().tags.find((tag: any) => tag.theme.slug === 'kinship'), { stance: 'mixed', taggedBy: 'curated' });

  const removed = await app.inject({ method: 'DELETE', url: `/v1/statements/${id}/tags/early-help`, headers: auth });
  t.equal(removed.statusCode, 204);

  const sentence = 'We welcome the focus on early intervention and family help.';
  const start = TEXT.indexOf(sentence);
  const added = await app.inject({
    method: 'PUT',
    url: `/v1/statements/${id}/tags/workforce`,
    payload: { stance: 'neutral', evidence: [{ start, end: start + sentence.length }] },
    headers: auth,
  });
  t.equal(added.statusCode, 200);
  t.match(added.json().tags.find((tag: any) => tag.theme.slug === 'workforce'), { stance: 'neutral', taggedBy: 'curated', evidence: [{ text: sentence }] });

  const again = await app.inject({ method: 'POST', url: `/v1/statements/${id}/reanalyse`, headers: auth });
  t.equal(again.statusCode, 200);
  const tags = Object.fromEntries(again.json().tags.map((tag: any) => [tag.theme.slug, [tag.stance, tag.taggedBy]]));
  t.same(tags, {
    funding: ['critical', 'analyser'],
    workforce: ['neutral', 'curated'],
    kinship: ['mixed', 'curated'],
  }, 'curated tags kept, the removed tag stays removed');

  const outside = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/funding`, payload: { evidence: [{ start: 0, end: 999_999 }] }, headers: auth });
  t.equal(outside.statusCode, 400);
  t.match(outside.json().errors, [{ name: 'evidence.0' }]);
  const noTag = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/early-help`, payload: { stance: 'neutral' }, headers: auth });
  t.equal(noTag.statusCode, 404);
  const emptyPatch = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/funding`, payload: {}, headers: auth });
  t.equal(emptyPatch.statusCode, 400);
  const unknownTheme = await app.inject({ method: 'DELETE', url: `/v1/statements/${id}/tags/weather`, headers: auth });
  t.equal(unknownTheme.statusCode, 404);
  const missing = await app.inject({ method: 'POST', url: '/v1/statements/99999/reanalyse', headers: auth });
  t.equal(missing.statusCode, 404);
});

t.test('editors fix a quote’s speaker', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const { id, quotes } = (await app.inject({ method: 'POST', url: '/v1/statements', payload: body(), headers: auth })).json();
  const quoteId = quotes[1].id;
  const fixed = await app.inject({ method: 'PATCH', url: `/v1/quotes/${quoteId}`, payload: { speaker: null }, headers: auth });
  t.equal(fixed.statusCode, 200);
  t.equal(fixed.json().speaker, null);
  await app.inject({ method: 'POST', url: `/v1/statements/${id}/reanalyse`, headers: auth });
  const detail = await getJson(app, `/v1/statements/${id}`);
  const kept = detail.body.quotes.find((q: any) => q.start === quotes[1].start);
  t.equal(kept.speaker, null, 're-analysis keeps the corrected attribution');
  const bad = await app.inject({ method: 'PATCH', url: `/v1/quotes/${quoteId}`, payload: { speaker: 'nobody' }, headers: auth });
  t.equal(bad.statusCode, 400);
  const missing = await app.inject({ method: 'PATCH', url: '/v1/quotes/99999', payload: { speaker: null }, headers: auth });
  t.equal(missing.statusCode, 404);
});

t.test('editors extend the lexicon and the analyser uses it at once', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor', ['admin'])}` };
  const lexicon = await getJson(app, '/v1/lexicon');
  t.equal(lexicon.status, 200);
  t.same(lexicon.body.themes.map((th: any) => th.theme), ['funding', 'workforce', 'early-help', 'kinship']);
  t.ok(lexicon.body.stanceCues.some((c: any) => c.phrase === 'welcome' && c.kind === 'supportive' && c.weight === 2));

  const sentence = 'The settlement for kinship carers is a damp squib.';
  const stances = (res: { json: () => { themes: { theme: string; stance: string }[] } }) => Object.fromEntries(res.json().themes.map((th) => [th.theme, th.stance]));
  const before = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: sentence } });
  t.same(stances(before), {}, 'two themes named in passing, nothing judged: no tag');

  t.equal((await app.inject({ method: 'POST', url: '/v1/lexicon/cues', payload: { phrase: 'damp squib', kind: 'critical', weight: 2 } })).statusCode, 401);
  const added = await app.inject({ method: 'POST', url: '/v1/lexicon/cues', payload: { phrase: 'Damp squib', kind: 'critical', weight: 2 }, headers: auth });
  t.equal(added.statusCode, 200);
  t.match(added.json(), { phrase: 'damp squib', kind: 'critical', weight: 2 });
  const after = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: sentence } });
  t.same(stances(after), { funding: 'critical', kinship: 'critical' }, 'the new cue judges both');

  const bad = await app.inject({ method: 'POST', url: '/v1/lexicon/cues', payload: { phrase: 'x', kind: 'angry' }, headers: auth });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ name: 'kind' }]);

  t.equal((await app.inject({ method: 'DELETE', url: `/v1/lexicon/cues/${added.json().id}`, headers: auth })).statusCode, 204);
  t.equal((await app.inject({ method: 'DELETE', url: `/v1/lexicon/cues/${added.json().id}`, headers: auth })).statusCode, 404);

  const themeCues = await app.inject({ method: 'PUT', url: '/v1/themes/kinship/cues', payload: { cues: ['kinship', 'Settlement', 'kinship'] }, headers: auth });
  t.equal(themeCues.statusCode, 200);
  t.same(themeCues.json(), { theme: 'kinship', cues: ['kinship', 'settlement'] });
  const missing = await app.inject({ method: 'PUT', url: '/v1/themes/weather/cues', payload: { cues: ['rain'] }, headers: auth });
  t.equal(missing.statusCode, 404);
});
