import t from 'tap';
import { buildApp } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { seededFile } from './helper.ts';

// Reader threads (moved from http.test.ts: two worker threads that each load the whole app make
// this slow by nature, so it runs in `npm run test:slow`).

t.test('reader threads compute public reads beside the serving thread, with the same answers, fresh after writes', async (t) => {
  const { db, path } = await seededFile(t);
  const app = await buildApp({ db, readers: { threads: 2, database: { DATABASE_PATH: path } } });
  // The same file served by an app that computes every answer itself.
  const alone = await buildApp({ db: openDb(path) });
  t.teardown(async () => {
    await alone.close();
    await app.close();
  });
  await app.ready();
  for (let waited = 0; app.readers.threads() < 2 && waited < 20_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  t.equal(app.readers.threads(), 2, 'both readers started');

  const fresh = { 'cache-control': 'no-cache' };
  const urls = ['/v1/statements?theme=funding', '/v1/compare?theme=funding', '/v1/statements?format=atom', '/v1/statements/999999', '/v1/quotes?q=kinship&limit=2'];
  for (const url of urls) {
    const answered = app.readers.answered();
    const res = await app.inject({ url, headers: fresh });
    const expected = await alone.inject({ url, headers: fresh });
    t.equal(app.readers.answered(), answered + 1, `${url} was computed by a reader`);
    t.equal(res.statusCode, expected.statusCode, url);
    t.equal(res.headers['content-type'], expected.headers['content-type'], url);
    t.equal(res.body, expected.body, `${url}: the same body as the app computes alone`);
    t.equal(res.headers.etag, expected.headers.etag, url);
  }
  // Refusals are the serving thread's: a bad parameter never reaches a reader.
  const answered = app.readers.answered();
  const bad = await app.inject({ url: '/v1/statements?limit=0' });
  t.equal(bad.statusCode, 400);
  // CSV stays on the serving thread (it streams page after page); so do kept answers.
  const csv = await app.inject({ url: '/v1/statements?format=csv' });
  t.equal(csv.statusCode, 200);
  t.equal(csv.body, (await alone.inject({ url: '/v1/statements?format=csv' })).body);
  t.equal(app.readers.answered(), answered, 'neither a refusal nor CSV went to a reader');

  // A reader's answer is kept, compressed for a client that asks, and revalidated by its ETag.
  const first = await app.inject({ url: '/v1/organisations' });
  const kept = await app.inject({ url: '/v1/organisations' });
  t.equal(app.readers.answered(), answered + 1, 'the repeat came from the cache');
  t.equal(kept.body, first.body);
  const gzip = await app.inject({ url: '/v1/organisations', headers: { 'accept-encoding': 'gzip', 'cache-control': 'no-cache' } });
  const { gunzipSync } = await import('node:zlib');
  t.equal(gzip.headers['content-encoding'], 'gzip');
  t.equal(gunzipSync(gzip.rawPayload).toString('utf8'), first.body);
  const notModified = await app.inject({ url: '/v1/organisations', headers: { 'if-none-match': String(first.headers.etag), 'cache-control': 'no-cache' } });
  t.equal(notModified.statusCode, 304);

  // A write through the serving thread is read back at once by the readers.
  const key = await createKey(db, 'editor');
  const posted = await app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: { authorization: `Bearer ${key}` },
    payload: { text: 'We welcome the new kinship allowance.', organisation: 'lga', event: 'implementation-strategy-2023', date: '2023-03-01', url: 'https://example.org/readers', title: 'Readers' },
  });
  t.equal(posted.statusCode, 201);
  const id = (posted.json() as { id: number }).id;
  const readBack = await app.inject({ url: `/v1/statements/${id}`, headers: fresh });
  t.equal(readBack.statusCode, 200);
  t.equal((readBack.json() as { id: number }).id, id);
});
