import t from 'tap';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../src/app.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, seededFile } from './helper.ts';

const csv = (body: string) => parse(body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];

t.test('CSV on every list and comparison, by ?format=csv or Accept', async (t) => {
  const app = await build(t);
  const urls = [
    '/v1/statements',
    '/v1/quotes',
    '/v1/organisations',
    '/v1/themes',
    '/v1/events',
    '/v1/people',
    '/v1/compare?theme=funding',
    '/v1/compare/matrix',
    '/v1/compare/organisations?a=lga&b=ccn',
    '/v1/figures',
    '/v1/organisations/rcpch/timeline',
  ];
  for (const url of urls) {
    const res = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}format=csv` });
    t.equal(res.statusCode, 200, url);
    t.match(res.headers['content-type'], /^text\/csv/, `${url} is CSV`);
    t.match(res.headers['content-disposition'], /^attachment; filename="stance-[\w-]+\.csv"$/);
    t.ok(res.body.startsWith('\uFEFF'), 'a byte-order mark for spreadsheets');
    t.ok(csv(res.body).length > 0, `${url} has rows`);
    const accepted = await app.inject({ url, headers: { accept: 'text/csv' } });
    t.equal(accepted.body, res.body, `${url}: Accept: text/csv gives the same`);
    const json = await app.inject({ url, headers: { accept: 'application/json, text/csv' } });
    t.match(json.headers['content-type'], /application\/json/, 'JSON when it is preferred');
  }

  const matrix = csv((await app.inject({ url: '/v1/compare/matrix?format=csv' })).body);
  t.same(Object.keys(matrix[0] ?? {}), ['organisation', 'funding', 'workforce', 'early-help', 'kinship']);
  t.same(matrix.find((r) => r.organisation === 'County Councils Network'), {
    organisation: 'County Councils Network',
    funding: 'critical (1)',
    workforce: '',
    'early-help': 'supportive (1)',
    kinship: '',
  });
  const compare = csv((await app.inject({ url: '/v1/compare?theme=funding&format=csv' })).body);
  t.ok(compare.every((r) => r.theme === 'Funding'));
  t.ok(compare.some((r) => r.organisation === 'Local Government Association' && r.overall_stance === 'critical' && (r.evidence ?? '').includes('£1.6 billion')));
  const figures = csv((await app.inject({ url: '/v1/figures?unit=GBP&format=csv' })).body);
  t.same(figures.filter((r) => r.figure === '£2.6bn').map((r) => r.organisation).sort(), ['County Councils Network', 'Royal College of Paediatrics and Child Health']);
  const bad = await app.inject({ url: '/v1/statements?format=xml' });
  t.equal(bad.statusCode, 400);
});

t.test('content negotiation: q-values and wildcards choose, 406 when nothing offered is acceptable, 415 for a body the route cannot read', async (t) => {
  const app = await build(t);
  const type = async (url: string, accept: string) => String((await app.inject({ url, headers: { accept } })).headers['content-type']).split(';')[0];
  t.equal(await type('/v1/statements', 'text/csv;q=0.5, application/json'), 'application/json', 'the higher q wins, wherever it stands');
  t.equal(await type('/v1/statements', 'application/json;q=0.5, text/csv'), 'text/csv');
  t.equal(await type('/v1/statements', 'text/*'), 'text/csv', 'a wildcard matches CSV on a route that offers it');
  t.equal(await type('/v1/statements', 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'), 'application/json', "a browser's Accept gets JSON");
  t.equal(await type('/v1/statements?format=csv', 'application/json'), 'text/csv', '?format= wins over Accept');

  const refused = await app.inject({ url: '/v1/organisations/lga', headers: { accept: 'text/csv' } });
  t.equal(refused.statusCode, 406, 'a detail has no CSV');
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.same(refused.json(), {
    type: 'http://localhost:80/problems/not-acceptable',
    title: 'Not acceptable',
    status: 406,
    detail: "This operation answers application/json (or application/problem+json for an error); the Accept header 'text/csv' allows none of them",
    instance: '/v1/organisations/lga',
    errors: [{ in: 'header', name: 'accept', message: 'must allow application/json' }],
  });
  const xml = await app.inject({ url: '/v1/statements', headers: { accept: 'application/xml' } });
  t.equal(xml.json().detail, "This operation answers application/json or text/csv or application/atom+xml (or application/problem+json for an error); the Accept header 'application/xml' allows none of them");
  t.equal((await app.inject({ url: '/v1/export', headers: { accept: 'application/json' } })).statusCode, 406, 'the export is NDJSON only');
  t.equal((await app.inject({ url: '/v1/export', headers: { accept: 'application/x-ndjson' } })).statusCode, 200);

  const anonymous = await app.inject({ method: 'POST', url: '/v1/lexicon/cues', payload: 'wholly inadequate', headers: { 'content-type': 'text/plain' } });
  t.equal(anonymous.statusCode, 401, 'without a key, nothing about the body');
  const authorization = `Bearer ${await createKey(app.db, 'editor', ['admin'])}`;
  const plain = await app.inject({ method: 'POST', url: '/v1/lexicon/cues', payload: 'wholly inadequate', headers: { 'content-type': 'text/plain', authorization } });
  t.equal(plain.statusCode, 415, 'bare text where JSON is read');
  t.same(plain.json().errors, [{ in: 'header', name: 'content-type', message: 'must be application/json' }]);
  t.equal(plain.json().detail, 'This operation reads a body as application/json, not text/plain');
  const analysed = await app.inject({ method: 'POST', url: '/v1/analyse', payload: 'Kinship carers deserve an allowance.', headers: { 'content-type': 'text/plain; charset=utf-8' } });
  t.equal(analysed.statusCode, 200, '/v1/analyse reads bare text too');
});

t.test('CSV is the whole answer, every page, unless the client chooses a page size', async (t) => {
  const app = await build(t);
  const json = (await app.inject('/v1/quotes')).json();
  t.equal(json.items.length, 20, 'JSON is one page');
  t.equal(json.total, 33);
  t.equal(json.next, `/v1/quotes?cursor=${new URL(json.next, 'http://x').searchParams.get('cursor')}`, 'and says so in the body');
  const all = await app.inject('/v1/quotes?format=csv');
  t.equal(all.statusCode, 200);
  t.equal(all.headers['content-type'], 'text/csv; charset=utf-8');
  t.equal(all.headers.link, undefined, 'no next page to point to');
  const rows = csv(all.body);
  t.equal(rows.length, 33, 'all 33 quotes');
  t.same(
    rows.map((r) => r.id),
    (await app.inject('/v1/quotes?limit=100')).json().items.map((q: { id: number }) => String(q.id)),
    'in the order of the list',
  );
  t.equal(all.body.match(/^\uFEFF/gm)?.length, 1, 'one byte-order mark');
  const lines = all.body.replace(/^\uFEFF/, '').split('\n');
  t.equal(lines.filter((line) => line === lines[0]).length, 1, 'one header row');
  t.equal(csv((await app.inject({ url: '/v1/quotes', headers: { accept: 'text/csv' } })).body).length, 33, 'by Accept too');
  t.equal(csv((await app.inject('/v1/quotes?format=csv&limit=5')).body).length, 5, 'a page size chosen is a page');
  t.equal(csv((await app.inject('/v1/quotes?format=csv&q=funding')).body).length, (await app.inject('/v1/quotes?q=funding&limit=100')).json().total, 'searches too');
  t.equal(csv((await app.inject('/v1/statements?format=csv')).body).length, 7);
  t.equal(csv((await app.inject('/v1/compare?theme=funding&format=csv&organisations=lga')).body).length, csv((await app.inject('/v1/compare?theme=funding&format=csv&organisations=lga&limit=100')).body).length);
});

t.test('CSV cells that a spreadsheet would run as formulas are neutralised', async (t) => {
  const app = await build(t);
  await app.db.run(`UPDATE statements SET summary = '=HYPERLINK("http://evil.example","click")' WHERE id = 1`);
  await app.db.run("UPDATE organisations SET name = '+cmd|calc' WHERE slug = 'rcpch'");
  const rows = csv((await app.inject({ url: '/v1/statements?format=csv&limit=100' })).body);
  const hostile = rows.find((r) => r.id === '1');
  t.equal(hostile?.summary, '\'=HYPERLINK("http://evil.example","click")');
  t.equal(hostile?.organisation, "'+cmd|calc");
  for (const row of rows) for (const cell of Object.values(row)) t.notOk(/^[=+\-@]/.test(cell), 'no cell starts with = + - @');
});

t.test('GET /v1/export streams the whole corpus as NDJSON', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/v1/export' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^application\/x-ndjson/);
  const lines = res.body.trim().split('\n').map((line) => JSON.parse(line));
  t.equal(lines.length, 7);
  t.same(lines.map((s) => s.date), [...lines.map((s) => s.date)].sort(), 'oldest first');
  const detail = (await app.inject({ url: `/v1/statements/${lines[0].id}` })).json();
  t.same(lines[0], detail, 'each line is the statement in full');
});

t.test('ETags, 304, Cache-Control and CORS for apps', async (t) => {
  const app = await build(t);
  const first = await app.inject({ url: '/v1/compare?theme=kinship' });
  const tag = first.headers.etag as string;
  t.match(tag, /^W\/"[^"]+"$/, 'a weak ETag: the same for the gzip and the plain body of one answer');
  t.equal(first.headers['cache-control'], 'public, max-age=60');
  t.equal(first.headers['access-control-allow-origin'], '*');
  const again = await app.inject({ url: '/v1/compare?theme=kinship', headers: { 'if-none-match': tag } });
  t.equal(again.statusCode, 304);
  t.equal(again.body, '');
  const other = await app.inject({ url: '/v1/compare?theme=funding', headers: { 'if-none-match': tag } });
  t.equal(other.statusCode, 200, 'a different body, a different tag');
  const csvTag = (await app.inject({ url: '/v1/compare?theme=kinship&format=csv' })).headers.etag;
  t.not(csvTag, tag, 'CSV and JSON have their own tags');
  const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/statements', headers: { origin: 'https://newsroom.example', 'access-control-request-method': 'GET' } });
  t.equal(preflight.statusCode, 204);
  t.match(preflight.headers['access-control-allow-methods'], /GET/);
  t.notMatch(preflight.headers['access-control-allow-methods'], /POST/, 'CORS is for reads');
  const write = await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: 'We welcome it.' } });
  t.equal(write.headers['cache-control'], 'no-store');
});

t.test('compression: gzip or brotli for clients that ask, the same answer and tag, plain for the rest', async (t) => {
  const app = await build(t);
  const { gunzipSync, brotliDecompressSync } = await import('node:zlib');
  const plain = await app.inject({ url: '/v1/statements' });
  t.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: plain');
  const gzip = await app.inject({ url: '/v1/statements', headers: { 'accept-encoding': 'gzip' } });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(gzip.headers.vary, 'Accept, accept-encoding', 'shared caches keep the two apart');
  t.equal(gunzipSync(gzip.rawPayload).toString('utf8'), plain.body, 'the same answer');
  t.ok(gzip.rawPayload.length * 3 < plain.rawPayload.length, `${plain.rawPayload.length} bytes sent as ${gzip.rawPayload.length}`);
  t.equal(gzip.headers.etag, plain.headers.etag, 'one tag for both bodies');
  const revalidated = await app.inject({ url: '/v1/statements', headers: { 'accept-encoding': 'gzip', 'if-none-match': plain.headers.etag as string } });
  t.equal(revalidated.statusCode, 304);
  const csv = await app.inject({ url: '/v1/statements?format=csv', headers: { 'accept-encoding': 'br' } });
  t.equal(csv.headers['content-encoding'], 'br');
  t.equal(brotliDecompressSync(csv.rawPayload).toString('utf8'), (await app.inject({ url: '/v1/statements?format=csv' })).body, 'CSV too');
  const docs = await app.inject({ url: '/docs/static/swagger-ui-bundle.js', headers: { 'accept-encoding': 'br, gzip' } });
  t.equal(docs.headers['content-encoding'], 'br', 'Swagger UI’s script');
  t.ok(docs.rawPayload.length < 600_000, `Swagger UI’s script sent as ${docs.rawPayload.length} bytes`);
  const small = await app.inject({ url: '/health', headers: { 'accept-encoding': 'gzip' } });
  t.equal(small.headers['content-encoding'], undefined, 'answers under 1 KB are sent as they are');
});

t.test('Last-Modified: when the data last changed, with 304 on If-Modified-Since', async (t) => {
  const app = await build(t);
  const list = await app.inject({ url: '/v1/statements' });
  const lastModified = list.headers['last-modified'] as string;
  t.ok(Date.parse(lastModified) > 0, `lists carry the corpus's last change: ${lastModified}`);
  const notModified = await app.inject({ url: '/v1/statements', headers: { 'if-modified-since': lastModified } });
  t.equal(notModified.statusCode, 304);
  const stale = await app.inject({ url: '/v1/statements', headers: { 'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' } });
  t.equal(stale.statusCode, 200);

  await app.db.run("UPDATE statements SET updated_at = '2024-03-01T10:00:00.000Z' WHERE id = 2");
  const detail = await app.inject({ url: '/v1/statements/2' });
  t.equal(detail.headers['last-modified'], 'Fri, 01 Mar 2024 10:00:00 GMT', 'a statement carries its own');

  const { createKey } = await import('../src/modules/auth/keys.ts');
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  await app.inject({ method: 'PATCH', url: '/v1/statements/2/tags/funding', payload: { stance: 'critical' }, headers: auth });
  const corrected = await app.inject({ url: '/v1/statements/2' });
  t.ok(Date.parse(corrected.headers['last-modified'] as string) > Date.parse('2024-03-01T10:00:00Z'), 'a correction moves it on');
});

t.test('the response cache: repeat reads from memory, fresh after any write', async (t) => {
  const app = await build(t);
  const csvOnce = await app.inject({ url: '/v1/compare/matrix?format=csv' });
  const csvTwice = await app.inject({ url: '/v1/compare/matrix?format=csv' });
  t.equal(csvTwice.body, csvOnce.body, 'CSV served again is still CSV');
  t.equal(csvTwice.headers['content-type'], csvOnce.headers['content-type']);
  t.equal(csvTwice.headers.etag, csvOnce.headers.etag);
  const json = await app.inject({ url: '/v1/compare/matrix' });
  t.match(json.headers['content-type'], /application\/json/, 'JSON and CSV are cached apart');

  const before = (await app.inject({ url: '/v1/statements?limit=1' })).json();
  await app.db.run("UPDATE statements SET summary = 'Changed behind the API' WHERE id = ?", [before.items[0].id]);
  const after = (await app.inject({ url: '/v1/statements?limit=1' })).json();
  t.equal(after.items[0].summary, 'Changed behind the API', 'any write to the database retires what was cached');

  const { createKey } = await import('../src/modules/auth/keys.ts');
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const countBefore = (await app.inject({ url: '/v1/statements' })).json().total;
  await app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: auth,
    payload: { text: 'We welcome the new kinship allowance.', organisation: 'lga', event: 'implementation-strategy-2023', date: '2023-03-01', url: 'https://example.org/x', title: 'X' },
  });
  t.equal((await app.inject({ url: '/v1/statements' })).json().total, countBefore + 1, 'a stored statement shows at once');
  const bypass = await app.inject({ url: '/v1/statements', headers: { 'cache-control': 'no-cache' } });
  t.equal(bypass.json().total, countBefore + 1);
});

t.test('a repeat is sent as the answer first went out, and a commit by another connection to the file retires it at once', async (t) => {
  const Database = (await import('better-sqlite3')).default;
  const { db, path } = await seededFile(t);
  const app = await buildApp({ db });
  const other = new Database(path);
  t.teardown(async () => {
    other.close();
    await app.close();
  });

  const withoutDate = (headers: Record<string, unknown>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date'));
  const first = await app.inject({ url: '/v1/compare?theme=funding' });
  const repeat = await app.inject({ url: '/v1/compare?theme=funding' });
  t.equal(repeat.statusCode, 200);
  t.equal(repeat.body, first.body);
  t.same(withoutDate(repeat.headers), withoutDate(first.headers), 'every header the same, in the same order');
  t.same(Object.keys(withoutDate(repeat.headers)), Object.keys(withoutDate(first.headers)));
  t.equal(repeat.headers['content-length'], String(Buffer.byteLength(first.body)));
  t.equal(repeat.headers['x-content-type-options'], 'nosniff', 'the security headers come with it');
  t.equal(repeat.headers['access-control-allow-origin'], '*');

  // Negotiated repeats go the whole way with the kept body.
  const revalidated = await app.inject({ url: '/v1/compare?theme=funding', headers: { 'if-none-match': String(first.headers.etag) } });
  t.equal(revalidated.statusCode, 304);
  const since = await app.inject({ url: '/v1/compare?theme=funding', headers: { 'if-modified-since': String(first.headers['last-modified']) } });
  t.equal(since.statusCode, 304);
  const { gunzipSync } = await import('node:zlib');
  const gzip = await app.inject({ url: '/v1/compare?theme=funding', headers: { 'accept-encoding': 'gzip' } });
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(gunzipSync(gzip.rawPayload).toString('utf8'), first.body);

  // The search allowance's counters belong to the request that was counted, never to a repeat.
  const searched = await app.inject({ url: '/v1/statements?q=kinship' });
  t.equal(searched.headers['x-ratelimit-limit'], '120');
  const searchedAgain = await app.inject({ url: '/v1/statements?q=kinship' });
  t.equal(searchedAgain.headers['x-ratelimit-limit'], undefined);
  t.equal(searchedAgain.body, searched.body);

  // Another connection (as another process: an import, a second server) commits: the next read is fresh.
  const version = await db.version();
  t.equal(await db.version(), version, 'reads leave the version alone');
  other.prepare("UPDATE statements SET summary = 'Changed by another connection' WHERE id = (SELECT min(id) FROM statements)").run();
  t.not(await db.version(), version, 'a commit elsewhere moves it');
  const list = await app.inject({ url: '/v1/statements?limit=50' });
  const listAgain = await app.inject({ url: '/v1/statements?limit=50' });
  t.equal(listAgain.body, list.body);
  other.prepare("UPDATE statements SET summary = 'Changed again' WHERE id = (SELECT min(id) FROM statements)").run();
  const fresh = (await app.inject({ url: '/v1/statements?limit=50' })).json() as { items: { id: number; summary: string }[] };
  const changed = fresh.items.find((item) => item.id === Math.min(...fresh.items.map((i) => i.id)));
  t.equal(changed?.summary, 'Changed again', 'the repeat was retired by the other connection’s commit');
  // And a write through the service itself.
  const before = await db.version();
  await db.run("UPDATE statements SET summary = 'Changed here' WHERE id = ?", [changed?.id]);
  t.not(await db.version(), before);
  const afterOwn = (await app.inject({ url: '/v1/statements?limit=50' })).json() as { items: { id: number; summary: string }[] };
  t.equal(afterOwn.items.find((item) => item.id === changed?.id)?.summary, 'Changed here');
});

t.test('a kept answer goes out compressed as a client asks, each encoding made once', async (t) => {
  const { gunzipSync, brotliDecompressSync, inflateSync } = await import('node:zlib');
  const { encodingFor } = await import('../src/plugins/response-cache.ts');
  const app = await build(t);
  const url = '/v1/compare?theme=funding';
  const plain = await app.inject({ url });
  const decoders = { gzip: gunzipSync, br: brotliDecompressSync, deflate: inflateSync };
  for (const [asked, encoding] of [['gzip', 'gzip'], ['br, gzip', 'br'], ['deflate', 'deflate'], ['gzip;q=0.5, br;q=0.8', 'br'], ['br;q=0, gzip', 'gzip']] as const) {
    const computed = await app.inject({ url, headers: { 'accept-encoding': asked, 'cache-control': 'no-cache' } });
    const kept = await app.inject({ url, headers: { 'accept-encoding': asked } });
    const again = await app.inject({ url, headers: { 'accept-encoding': asked } });
    t.equal(computed.headers['content-encoding'], encoding, `${asked}: the plugins choose ${encoding}`);
    t.equal(kept.headers['content-encoding'], encoding, `${asked}: so does the cache`);
    t.equal(decoders[encoding](kept.rawPayload).toString('utf8'), plain.body, `${asked}: the same answer`);
    t.equal(kept.headers['content-length'], String(kept.rawPayload.length));
    t.same(again.rawPayload, kept.rawPayload, 'compressed once, sent again as it is');
    for (const name of ['vary', 'etag', 'content-type', 'cache-control', 'last-modified', 'access-control-allow-origin', 'content-security-policy']) {
      t.equal(kept.headers[name], computed.headers[name], `${asked}: ${name} as the plugins send it`);
    }
  }
  // What the cache does not decide itself goes the whole way: identity first, a wildcard, an unknown coding.
  const identity = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
  t.equal(identity.headers['content-encoding'], undefined);
  t.equal(identity.body, plain.body);

  t.equal(encodingFor('gzip, deflate, br'), 'br');
  t.equal(encodingFor('gzip, deflate'), 'gzip');
  t.equal(encodingFor('x-gzip'), 'gzip');
  t.equal(encodingFor('deflate;q=0.9, gzip;q=0.2'), 'deflate');
  t.equal(encodingFor('GZIP'), 'gzip');
  t.equal(encodingFor('identity'), undefined);
  t.equal(encodingFor('identity, gzip;q=0.5'), undefined, 'identity preferred');
  t.equal(encodingFor('gzip;q=0'), undefined);
  t.equal(encodingFor('*'), undefined);
  t.equal(encodingFor('zstd'), undefined);
  t.equal(encodingFor('gzip;q=abc'), undefined);
});

t.test('the response cache is bounded by count and by bytes, least recently used out first', async (t) => {
  const { AnswerCache } = await import('../src/plugins/response-cache.ts');
  const entry = (version: string, size: number) => ({ version, headers: {}, raw: [], payload: Buffer.alloc(size), compressed: {}, bytes: size });
  const cache = new AnswerCache(3, 1000);
  cache.keep('a', entry('v1', 100));
  cache.keep('b', entry('v1', 100));
  cache.keep('c', entry('v1', 100));
  t.equal(cache.bytes, 300);
  t.ok(cache.fresh('a', 'v1'), 'a is now the most recently used');
  cache.keep('d', entry('v1', 100));
  t.equal(cache.size, 3, 'at most three');
  t.equal(cache.fresh('b', 'v1'), undefined, 'b, the least recently used, went');
  t.ok(cache.fresh('a', 'v1'));
  t.equal(cache.bytes, 300);

  t.equal(cache.fresh('c', 'v2'), undefined, 'kept under another version: not served');
  t.equal(cache.size, 2, 'and dropped');
  t.equal(cache.bytes, 200);

  cache.keep('big', entry('v1', 251));
  t.equal(cache.fresh('big', 'v1'), undefined, 'over a quarter of the bytes allowed: not kept');
  t.equal(cache.bytes, 200);
  cache.keep('a', entry('v1', 150));
  t.equal(cache.bytes, 250, 'a replaced, counted once');

  const e = entry('v1', 200);
  cache.keep('e', e);
  t.equal(cache.bytes, 450);
  cache.grew(e, 700);
  t.equal(cache.bytes, 900, 'over 1000 with the compressed body: the least recently used went until under');
  t.equal(cache.fresh('d', 'v1'), undefined);
  t.equal(cache.fresh('a', 'v1'), undefined);
  t.equal(cache.fresh('e', 'v1'), e);
  t.equal(cache.size, 1);
});
