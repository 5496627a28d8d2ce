import t from 'tap';
import { buildApp } from '../src/app.ts';
import { build, testDb } from './helper.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

t.test('a permalink: the statement’s page for a browser, its JSON for an app, one address', async (t) => {
  const app = await build(t);
  const api = await app.inject({ url: '/v1/statements/3' });
  const json = await app.inject({ url: '/statements/3' });
  t.equal(json.statusCode, 200);
  t.equal(json.headers['content-type'], 'application/json; charset=utf-8');
  t.equal(json.headers.vary, 'Accept', 'caches keep the page and the JSON apart');
  t.same(json.json(), api.json(), 'the same JSON as /v1/statements/{id}');
  t.equal(json.headers['last-modified'], api.headers['last-modified']);
  const asked = await app.inject({ url: '/statements/3', headers: { accept: 'application/json' } });
  t.same(asked.json(), api.json());

  const page = await app.inject({ url: '/statements/3', headers: { accept: BROWSER } });
  t.equal(page.statusCode, 200);
  t.equal(page.headers['content-type'], 'text/html; charset=utf-8');
  t.match(page.body, /<script type="module" src="\/page\/statement\.js"><\/script>/, 'the page that reads the JSON and highlights the passage');
  t.match(String(page.headers['content-security-policy']), /script-src 'self'/, 'under the pages’ security headers');

  const missingPage = await app.inject({ url: '/statements/999', headers: { accept: BROWSER } });
  t.equal(missingPage.statusCode, 404, 'a browser is told on the page, with the status');
  t.equal(missingPage.headers['content-type'], 'text/html; charset=utf-8');
  const missing = await app.inject({ url: '/statements/999' });
  t.equal(missing.statusCode, 404);
  t.same(missing.json(), { type: 'http://localhost:80/problems/not-found', title: 'Not found', status: 404, detail: "No statement with identifier '999'", instance: '/statements/999' });
  const bad = await app.inject({ url: '/statements/seven' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().errors[0].name, 'id');
  const csv = await app.inject({ url: '/statements/3', headers: { accept: 'text/csv' } });
  t.equal(csv.statusCode, 406, 'a media type it does not produce');
});

t.test('permalinks in answers are absolute: on PUBLIC_URL, else the request’s host; the cache keeps hosts apart', async (t) => {
  const app = await build(t);
  const evidence = (body: any) => body.organisations.flatMap((o: any) => o.statements.flatMap((s: any) => s.evidence.map((e: any) => e.permalink)));
  const first = evidence((await app.inject({ url: '/v1/compare?theme=kinship', headers: { host: 'stance.test:3000' } })).json());
  t.ok(first.length > 0);
  t.ok(first.every((link: string) => /^http:\/\/stance\.test:3000\/statements\/\d+#char=\d+,\d+$/.test(link)), first[0]);
  const other = evidence((await app.inject({ url: '/v1/compare?theme=kinship', headers: { host: 'newsroom.example' } })).json());
  t.ok(other.every((link: string) => link.startsWith('http://newsroom.example/statements/')), 'the same question under another host: its own links, not the cached ones');
  const odd = evidence((await app.inject({ url: '/v1/compare?theme=kinship', headers: { host: 'bad host"<x>' } })).json());
  t.ok(odd.every((link: string) => link.startsWith('/statements/')), 'a Host that is not a host name is not echoed: the links stay relative');

  const csv = (await app.inject({ url: '/v1/quotes?format=csv&limit=1', headers: { host: 'stance.test' } })).body;
  t.match(csv, /,"http:\/\/stance\.test\/statements\/\d+#char=\d+,\d+"\r?\n$/, 'in CSV too');
  const line = (await app.inject({ url: '/v1/export', headers: { host: 'stance.test' } })).body.split('\n')[0]!;
  t.match(JSON.parse(line).quotes[0].permalink, /^http:\/\/stance\.test\/statements\/\d+#char=\d+,\d+$/, 'and in the export');

  const db = await testDb(t);
  const behindProxy = await buildApp({ db, publicUrl: 'https://stance.example.org' });
  t.teardown(() => behindProxy.close());
  const figures = (await behindProxy.inject({ url: '/v1/figures?amount=£2.6bn', headers: { host: 'internal:3000' } })).json();
  t.same(
    figures.groups[0].citations.map((c: any) => c.permalink),
    ['https://stance.example.org/statements/7#char=2470,2476', 'https://stance.example.org/statements/1#char=2260,2266'],
  );
});

t.test('a timeline point says where its statement was published', async (t) => {
  const app = await build(t);
  const timeline = (await app.inject({ url: '/v1/organisations/rcpch/timeline' })).json();
  const funding = timeline.themes.find((row: any) => row.theme.slug === 'funding');
  t.same(
    funding.points.map((p: any) => p.source),
    [
      { title: 'RCPCH responds to the Independent Review of Children\'s Social Care', publisher: 'Royal College of Paediatrics and Child Health', url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-independent-review-childrens-social-care', publishedOn: '2022-05-23' },
      { title: 'RCPCH responds to Social Care Review Implementation Strategy', publisher: 'Royal College of Paediatrics and Child Health', url: 'https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy', publishedOn: '2023-02-02' },
    ],
  );
});
