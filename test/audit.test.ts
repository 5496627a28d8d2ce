import t from 'tap';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, pressRelease } from './helper.ts';

t.test('every write is in the audit log with its key, time, route and change; editors read it with a key', async (t) => {
  const app = await build(t);
  const newsroom = `Bearer ${await createKey(app.db, 'newsroom')}`;
  const editor = `Bearer ${await createKey(app.db, 'editor')}`;
  const started = new Date().toISOString();

  const stored = await app.inject({ method: 'POST', url: '/v1/statements', headers: { authorization: newsroom }, payload: pressRelease(1) });
  t.equal(stored.statusCode, 201);
  const id = stored.json().id as number;
  const corrected = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/funding`, headers: { authorization: editor }, payload: { stance: 'mixed' } });
  t.equal(corrected.statusCode, 200);
  const refused = await app.inject({ method: 'PATCH', url: `/v1/statements/${id}/tags/funding`, headers: { authorization: editor }, payload: { stance: 'furious' } });
  t.equal(refused.statusCode, 400);
  await app.inject({ method: 'POST', url: '/v1/analyse', payload: { text: 'Kinship carers deserve an allowance.' } });

  const unauthorised = await app.inject('/v1/audit');
  t.equal(unauthorised.statusCode, 401, 'the log is for editors with a key');
  t.match(unauthorised.headers['content-type'], /problem\+json/);

  const res = await app.inject({ url: '/v1/audit', headers: { authorization: editor } });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['cache-control'], 'private, no-store');
  const log = res.json();
  t.equal(log.total, 2, 'two writes changed something: the refused correction and the analysis are not in it');
  const [correction, ingestion] = log.items;
  t.match(correction, {
    keyName: 'editor',
    method: 'PATCH',
    route: '/v1/statements/:id/tags/:theme',
    url: `/v1/statements/${id}/tags/funding`,
    status: 200,
    change: { params: { id, theme: 'funding' }, body: { stance: 'mixed' } },
  });
  t.match(ingestion, { keyName: 'newsroom', method: 'POST', route: '/v1/statements', status: 201, change: { location: `/v1/statements/${id}`, body: { title: 'Test Trust 1 responds', text: /^\(\d+ characters\)$/ } } });
  t.ok(ingestion.at >= started && correction.at >= ingestion.at, 'times in order');

  t.equal((await app.inject({ url: '/v1/audit?key=newsroom', headers: { authorization: editor } })).json().total, 1, 'by key');
  t.equal((await app.inject({ url: '/v1/audit?method=PATCH&route=/tags/', headers: { authorization: editor } })).json().items[0].keyName, 'editor', 'by method and route');
  t.equal((await app.inject({ url: `/v1/audit?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, headers: { authorization: editor } })).json().total, 0, 'by time');
  const first = (await app.inject({ url: '/v1/audit?limit=1', headers: { authorization: editor } })).json();
  t.equal(first.items.length, 1);
  const second = (await app.inject({ url: first.next, headers: { authorization: editor } })).json();
  t.same([...first.items, ...second.items].map((e: any) => e.id), log.items.map((e: any) => e.id), 'paged newest first');
  const bad = await app.inject({ url: '/v1/audit?from=yesterday', headers: { authorization: editor } });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ name: 'from' }]);

  const keys = await app.db.all<{ salt: string; hash: string }>('SELECT salt, hash FROM api_keys');
  t.ok(keys.every((k) => /^[0-9a-f]{32}$/.test(k.salt) && /^[0-9a-f]{64}$/.test(k.hash)), 'keys are stored as salted hashes only');
  t.notOk(JSON.stringify(await app.db.all('SELECT * FROM audit_log')).includes('stance_'), 'no key is written to the log');
});
