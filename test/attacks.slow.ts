import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { buildApp, type AppOptions } from '../src/app.ts';
import { createKey, listKeys, revokeKey } from '../src/modules/auth/keys.ts';
import { pressRelease, testDb } from './helper.ts';
import { testPostgres } from './pg/databases.ts';

// The findings of the security review (issue 11), each as an attacker would try it.

async function appWith(t: Test, security: AppOptions['security'] = {}) {
  const db = await testDb(t);
  const app = await buildApp({ db, security: { maxEventLoopDelay: 30_000, ...security } });
  t.teardown(() => app.close());
  return app;
}

const count = async (app: Awaited<ReturnType<typeof appWith>>, table: string) => (await app.db.value<number>(`SELECT count(*) AS n FROM ${table}`))!;

/** Every spelling of a path with one of its letters percent-encoded, and with all of them. */
function encodedSpellings(path: string): string[] {
  const letters = [...path].map((c, i) => ({ c, i })).filter(({ c }) => /[a-z]/i.test(c));
  const one = letters.map(({ c, i }) => `${path.slice(0, i)}%${c.charCodeAt(0).toString(16)}${path.slice(i + 1)}`);
  const upper = letters.map(({ c, i }) => `${path.slice(0, i)}%${c.charCodeAt(0).toString(16).toUpperCase()}${path.slice(i + 1)}`);
  const all = [...path].map((c) => (/[a-z]/i.test(c) ? `%${c.charCodeAt(0).toString(16)}` : c)).join('');
  return [path, ...one, ...upper, all];
}

t.test('an anonymous request never receives an answer that needs a key, whatever the spelling of its URL', async (t) => {
  const app = await appWith(t);
  const reader = `Bearer ${await createKey(app.db, 'reader', ['read'])}`;
  // Something in the log to leak.
  const writer = `Bearer ${await createKey(app.db, 'writer', ['write'])}`;
  t.equal((await app.inject({ method: 'PATCH', url: '/v1/statements/1/tags/funding', headers: { authorization: writer }, payload: { stance: 'mixed' } })).statusCode, 200);

  const spellings = encodedSpellings('/v1/audit').map((path) => `${path}?limit=1`);
  t.equal(spellings.length, 14, 'the plain path, its six letters encoded one at a time in both cases, and all at once');
  for (const url of spellings) {
    const keyed = await app.inject({ url, headers: { authorization: reader } });
    t.equal(keyed.statusCode, 200, `${url}: the key holder reads the log`);
    t.equal(keyed.headers['cache-control'], 'private, no-store', `${url}: marked as not for shared caches`);
    t.equal(keyed.json().items[0].keyName, 'writer');
    const anonymous = await app.inject(url);
    t.equal(anonymous.statusCode, 401, `${url}: anonymous is refused after the key holder's request`);
    t.equal(anonymous.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.equal(anonymous.headers['cache-control'], 'private, no-store', `${url}: the refusal is not for shared caches either`);
    t.notMatch(anonymous.body, /writer/, `${url}: nothing of the log in the refusal`);
  }
  // The same once the key holder's answer would have been kept by a cache deciding from the URL.
  const again = await app.inject('/v1/%61udit?limit=1');
  t.equal(again.statusCode, 401);
});

t.test('a request carrying a key, or an answer marked private, is never served to another client from the cache', async (t) => {
  const app = await appWith(t);
  const reader = `Bearer ${await createKey(app.db, 'reader', ['read'])}`;
  const first = await app.inject({ url: '/v1/statements?limit=1', headers: { authorization: reader } });
  t.equal(first.statusCode, 200);
  // A public answer asked for anonymously is kept and served again…
  const anonymous = await app.inject('/v1/themes');
  const cached = await app.inject('/v1/themes');
  t.equal(cached.body, anonymous.body);
  t.equal(cached.headers.etag, anonymous.headers.etag);
  // …while a write made since retires it (the answer is computed afresh and includes the change).
  const writer = `Bearer ${await createKey(app.db, 'writer', ['write'])}`;
  const before = (await app.inject('/v1/statements?limit=1')).json().total as number;
  t.equal((await app.inject({ method: 'POST', url: '/v1/statements', headers: { authorization: writer }, payload: pressRelease(1) })).statusCode, 201);
  t.equal((await app.inject('/v1/statements?limit=1')).json().total, before + 1, 'the cached list is not served after a write');
});

t.test('invented keys buy no allowance: analyses with 300 made-up keys are limited like 300 without a key', async (t) => {
  const app = await appWith(t, { analysesPerMinute: 5 });
  const analyse = (authorization?: string, remoteAddress = '192.0.2.10') =>
    app.inject({ method: 'POST', url: '/v1/analyse', remoteAddress, headers: authorization ? { authorization } : {}, payload: { text: 'We welcome the funding for family hubs.' } });
  const invented = await Promise.all(
    Array.from({ length: 300 }, (_, i) => analyse(`Bearer stance_${i.toString(16).padStart(12, '0')}_${'x'.repeat(43)}`)),
  );
  const bare = await Promise.all(Array.from({ length: 300 }, () => analyse(undefined, '192.0.2.11')));
  const statuses = (responses: typeof bare) => responses.reduce<Record<number, number>>((tally, r) => ({ ...tally, [r.statusCode]: (tally[r.statusCode] ?? 0) + 1 }), {});
  t.same(statuses(invented), { 200: 5, 429: 295 }, 'with invented keys');
  t.same(statuses(bare), { 200: 5, 429: 295 }, 'without a key');
  const limited = invented.find((r) => r.statusCode === 429);
  t.equal(limited?.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.match(limited?.json(), { status: 429, title: 'Too many requests', detail: /^At most 5 analyses a minute per address; try again in \d+ s$/ });
  t.ok(Number(limited?.headers['retry-after']) > 0);
  t.equal((await analyse(undefined, '192.0.2.12')).statusCode, 200, 'another address has its own allowance');
  const forged = await app.inject({ method: 'POST', url: '/v1/analyse', remoteAddress: '192.0.2.10', headers: { 'x-stance-internal': 'guess' }, payload: { text: 'We welcome it.' } });
  t.equal(forged.statusCode, 429, 'claiming to be the service itself buys nothing');
});

t.test('writes with invented keys count against the address, and failed key checks stop before any more hashing', async (t) => {
  const app = await appWith(t, { keyFailuresPerMinute: 4, writesPerMinute: 100 });
  const cue = (authorization: string, remoteAddress = '198.51.100.7') =>
    app.inject({ method: 'POST', url: '/v1/lexicon/cues', remoteAddress, headers: { authorization }, payload: { phrase: 'an utter failure', kind: 'critical' } });
  const invented = (i: number) => `Bearer stance_${i.toString(16).padStart(12, 'a')}_${'y'.repeat(43)}`;
  const cuesBefore = await count(app, 'stance_cues');
  for (let i = 0; i < 4; i += 1) {
    const res = await cue(invented(i));
    t.equal(res.statusCode, 401, `invented key ${i}: not valid`);
    t.match(res.json(), { status: 401, title: 'Unauthorized', detail: 'The API key is not valid (unknown, malformed or revoked)' });
  }
  const blocked = await cue(invented(99));
  t.equal(blocked.statusCode, 429, 'the fifth failure in a minute is refused before the key is looked at');
  t.match(blocked.json(), { detail: /^Too many API keys that are not valid from this address; try again in \d+ s$/ });
  t.ok(Number(blocked.headers['retry-after']) > 0);
  t.equal((await cue(invented(5), '198.51.100.8')).statusCode, 401, 'another address is still checked');
  t.equal(await count(app, 'stance_cues'), cuesBefore, 'nothing stored');
});

t.test('a proven key is its own bucket; unknown and revoked keys answer alike', async (t) => {
  const app = await appWith(t, { writesPerMinute: 2 });
  const admin = await createKey(app.db, 'admin', ['admin']);
  const cue = (authorization: string, phrase: string) =>
    app.inject({ method: 'POST', url: '/v1/lexicon/cues', remoteAddress: '203.0.113.5', headers: { authorization }, payload: { phrase, kind: 'critical' } });
  t.equal((await cue(`Bearer ${admin}`, 'a sorry tale')).statusCode, 200);
  t.equal((await cue(`Bearer ${admin}`, 'a poor show')).statusCode, 200);
  const limited = await cue(`Bearer ${admin}`, 'a sad day');
  t.equal(limited.statusCode, 429);
  t.match(limited.json(), { detail: /^At most 2 writes a minute per API key \(or per address without a valid key\); try again in \d+ s$/ });

  const revoked = await createKey(app.db, 'gone', ['admin']);
  t.equal((await cue(`Bearer ${revoked}`, 'a bad sign')).statusCode, 200, 'works before revocation');
  await revokeKey(app.db, 'gone');
  const unknown = revoked.replace(/_[0-9a-f]{12}_/, '_000000000000_');
  const answers = await Promise.all([revoked, unknown].map((key) => cue(`Bearer ${key}`, 'a grim outlook')));
  t.same(
    answers.map((r) => [r.statusCode, r.headers['www-authenticate'], r.json().detail]),
    [
      [401, 'Bearer realm="stance", error="invalid_token"', 'The API key is not valid (unknown, malformed or revoked)'],
      [401, 'Bearer realm="stance", error="invalid_token"', 'The API key is not valid (unknown, malformed or revoked)'],
    ],
    'a revoked key is told nothing more than an unknown one',
  );
});

t.test('scopes: a read key cannot write, a write key cannot edit the lexicon or read the log, an admin key can edit the lexicon', async (t) => {
  const app = await appWith(t);
  const keys = {
    read: `Bearer ${await createKey(app.db, 'reader', ['read'])}`,
    write: `Bearer ${await createKey(app.db, 'writer', ['write'])}`,
    admin: `Bearer ${await createKey(app.db, 'admin', ['admin'])}`,
  };
  const requests = {
    audit: { method: 'GET', url: '/v1/audit' },
    review: { method: 'GET', url: '/v1/review' },
    accept: { method: 'POST', url: '/v1/statements/1/tags/funding/accept' },
    store: { method: 'POST', url: '/v1/statements', payload: pressRelease(7) },
    correct: { method: 'PATCH', url: '/v1/statements/1/tags/funding', payload: { stance: 'mixed' } },
    reanalyse: { method: 'POST', url: '/v1/statements/1/reanalyse' },
    speaker: { method: 'PATCH', url: '/v1/quotes/1', payload: { speaker: null } },
    cue: { method: 'POST', url: '/v1/lexicon/cues', payload: { phrase: 'wholly inadequate', kind: 'critical' } },
    themeCues: { method: 'PUT', url: '/v1/themes/kinship/cues', payload: { cues: ['kinship', 'grandparents'] } },
    removeCue: { method: 'DELETE', url: '/v1/lexicon/cues/1' },
  } as const;
  const needs: Record<keyof typeof requests, 'read' | 'write' | 'admin'> = {
    audit: 'read',
    review: 'read',
    accept: 'write',
    store: 'write',
    correct: 'write',
    reanalyse: 'write',
    speaker: 'write',
    cue: 'admin',
    themeCues: 'admin',
    removeCue: 'admin',
  };
  for (const [name, request] of Object.entries(requests) as [keyof typeof requests, (typeof requests)[keyof typeof requests]][]) {
    for (const [scope, authorization] of Object.entries(keys)) {
      const rowsBefore = await count(app, 'audit_log');
      const res = await app.inject({ ...request, headers: { authorization } } as never);
      if (scope === needs[name]) {
        t.ok(res.statusCode < 300, `${name} with a ${scope} key: ${res.statusCode}`);
      } else {
        t.equal(res.statusCode, 403, `${name} with a ${scope} key is forbidden`);
        t.same(res.json(), {
          type: 'http://localhost:80/problems/forbidden',
          title: 'Forbidden',
          status: 403,
          detail: `This API key's scopes are ${scope}; this request needs the \`${needs[name]}\` scope`,
          instance: request.url,
        });
        t.equal(await count(app, 'audit_log'), rowsBefore, 'a refused request changes nothing');
      }
    }
  }
  t.same(
    (await listKeys(app.db)).map((k) => [k.name, k.scopes]),
    [
      ['reader', ['read']],
      ['writer', ['write']],
      ['admin', ['admin']],
    ],
  );
});

t.test('keys made before scopes existed keep every power they had', async (t) => {
  const app = await appWith(t);
  const key = await createKey(app.db, 'old', ['read']);
  // As the migration left rows that were there before it: the column's default.
  await app.db.transaction(async (tx) => {
    const old = await tx.get(`SELECT id, name, key_id AS "keyId", salt, hash, created_at AS "createdAt" FROM api_keys WHERE name = 'old'`);
    await tx.run("DELETE FROM api_keys WHERE name = 'old'");
    await tx.run('INSERT INTO api_keys (id, name, key_id, salt, hash, created_at) VALUES (@id, @name, @keyId, @salt, @hash, @createdAt)', old);
  });
  t.same((await listKeys(app.db)).find((k) => k.name === 'old')?.scopes, ['read', 'write', 'admin']);
  const cue = await app.inject({ method: 'POST', url: '/v1/lexicon/cues', headers: { authorization: `Bearer ${key}` }, payload: { phrase: 'too little too late', kind: 'critical' } });
  t.equal(cue.statusCode, 200);
});

t.test('the OpenAPI document names the scope each keyed operation needs', async (t) => {
  const app = await appWith(t);
  const doc = (await app.inject('/openapi.json')).json();
  const keyed: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, { security?: { bearerAuth: string[] }[]; description: string; responses: Record<string, unknown> }>>)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!operation.security?.length) continue;
      const scope = operation.security[0]?.bearerAuth[0];
      keyed.push(`${method.toUpperCase()} ${path} ${scope}`);
      t.match(operation.description, new RegExp(`Needs an API key with the \`${scope}\` scope\\.$`), `${method} ${path} says so in words`);
      t.ok(operation.responses['401'] && operation.responses['403'] && operation.responses['429'], `${method} ${path} documents 401, 403 and 429`);
    }
  }
  t.same(keyed.sort(), [
    'DELETE /v1/figures/{id}/measure write',
    'DELETE /v1/lexicon/cues/{id} admin',
    'DELETE /v1/statements/{id}/tags/{theme} write',
    'DELETE /v1/watches/{id} write',
    'GET /v1/audit read',
    'GET /v1/review read',
    'GET /v1/watches write',
    'GET /v1/watches/{id} write',
    'GET /v1/watches/{id}/deliveries write',
    'PATCH /v1/figures/measures/{key} write',
    'PATCH /v1/quotes/{id} write',
    'PATCH /v1/statements/{id}/tags/{theme} write',
    'PATCH /v1/watches/{id} write',
    'POST /v1/asks/{id}/outcomes write',
    'POST /v1/figures/measures/{key}/merge write',
    'POST /v1/figures/measures/{key}/split write',
    'POST /v1/lexicon/cues admin',
    'POST /v1/statements write',
    'POST /v1/statements/{id}/reanalyse write',
    'POST /v1/statements/{id}/tags/{theme}/accept write',
    'POST /v1/watches write',
    'PUT /v1/figures/{id}/measure write',
    'PUT /v1/organisations/{slug}/aliases write',
    'PUT /v1/people/{slug}/aliases write',
    'PUT /v1/statements/{id}/tags/{theme} write',
    'PUT /v1/themes/{slug}/cues admin',
  ]);
});

t.test('snippets are safe to render as HTML: stored text escaped, only <mark> added', async (t) => {
  const app = await appWith(t);
  const authorization = `Bearer ${await createKey(app.db, 'writer', ['write'])}`;
  const release = pressRelease(3);
  const text = `Zanzibarian <script>alert(3)</script> & "grandparents' <b>rights</b>" matter.\n\n${release.text}`;
  t.equal((await app.inject({ method: 'POST', url: '/v1/statements', headers: { authorization }, payload: { ...release, text } })).statusCode, 201);
  const found = await app.inject('/v1/statements?q=zanzibarian');
  t.equal(found.json().total, 1);
  const snippet: string = found.json().items[0].snippet;
  t.equal(snippet.split('\n')[0], '<mark>Zanzibarian</mark> &lt;script&gt;alert(3)&lt;/script&gt; &amp; &quot;grandparents&#39; &lt;b&gt;rights&lt;/b&gt;&quot; matter.');
  t.notMatch(snippet.replace(/<\/?mark>/g, ''), /[<>]/, 'no markup but <mark>');
});

t.test('one document per URL: a different text under a known URL is 409, and 20 concurrent posts store one document', async (t) => {
  const app = await appWith(t);
  const authorization = `Bearer ${await createKey(app.db, 'writer', ['write'])}`;
  const release = pressRelease(11);
  const documentsBefore = await count(app, 'source_documents');
  const posts = await Promise.all(
    Array.from({ length: 20 }, (_, i) => app.inject({ method: 'POST', url: '/v1/statements', headers: { authorization }, payload: { ...release, text: `${release.text}\n\nVersion ${i}.` } })),
  );
  const created = posts.filter((r) => r.statusCode === 201);
  t.equal(created.length, 1, 'one is stored');
  t.equal(await count(app, 'source_documents'), documentsBefore + 1, 'one document');
  const location = created[0]?.headers.location;
  for (const conflict of posts.filter((r) => r.statusCode !== 201)) {
    t.equal(conflict.statusCode, 409);
    t.equal(conflict.headers.location, location, 'Location names the stored statement');
    t.match(conflict.json(), {
      status: 409,
      title: 'Conflict',
      detail: `a different text from ${release.url} is already stored as statement ${String(location).split('/').pop()}; one URL is one document`,
      errors: [{ in: 'body', name: 'url' }],
    });
  }
  const same = await app.inject({ method: 'POST', url: '/v1/statements', headers: { authorization }, payload: { ...release, text: `${release.text}\n\nVersion 0.` } });
  t.ok([200, 409].includes(same.statusCode), 'the stored text again is the stored statement (or a conflict if another version won)');
});

// On PostgreSQL each of a read's queries is a round trip, and each waits for the analysis in hand
// to finish its turn of the event loop: a statement's nine queries wait for about nine analyses,
// near the whole queue. Only moving analyses off the event loop (issue 18) bounds it there.
const analysesStarveReads = testPostgres() ? 'on PostgreSQL a read waits one analysis per query until analyses leave the event loop (issue 18)' : false;

t.test('a flood of analyses from one client does not hold up a plain read', { skip: analysesStarveReads }, async (t) => {
  const app = await appWith(t, { analysesPerMinute: 20 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let long = '';
  for (let n = 0; long.length < 60_000; n += 1) long += `${pressRelease(n).text}\n\n`;
  // Both clients take answers uncompressed: they run in this process, where unzipping (eighteen
  // answers of 270 KB, or the read's own) waits for turns of the same event loop as the analyses,
  // which would time the client, not the server.
  const analyse = () => fetch(`${base}/v1/analyse`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body: JSON.stringify({ text: long }) });
  const read = async () => {
    const started = performance.now();
    const res = await fetch(`${base}/v1/statements/1`, { headers: { 'cache-control': 'no-cache', 'accept-encoding': 'identity' } });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  };
  await (await analyse()).arrayBuffer(); // the language model loads once
  const one = performance.now();
  await (await analyse()).arrayBuffer();
  const analysisMs = performance.now() - one;

  const flood = Array.from({ length: 60 }, () => analyse().then(async (r) => (await r.arrayBuffer(), r.status)));
  await new Promise((r) => setTimeout(r, 5));
  const during = await read();
  const statuses = await Promise.all(flood);
  const tally = statuses.reduce<Record<number, number>>((counts, s) => ({ ...counts, [s]: (counts[s] ?? 0) + 1 }), {});
  t.same(tally, { 200: 18, 429: 42 }, 'the allowance of 20 a minute (two spent above) gets through; the rest are refused at once');
  t.equal(during.status, 200);
  // Analyses take turns on the event loop, so a read waits for at most the ones in hand, not the 18 queued.
  t.ok(during.ms < 4 * analysisMs + 100, `the read took ${during.ms.toFixed(0)} ms while one analysis takes ${analysisMs.toFixed(0)} ms`);
});
