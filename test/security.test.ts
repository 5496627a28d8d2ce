import t, { type Test } from 'tap';
import { buildApp } from '../src/app.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, testDb } from './helper.ts';

async function appWith(t: Test, security: { writesPerMinute?: number; maxEventLoopDelay?: number; sampleInterval?: number }) {
  const db = await testDb(t);
  const app = await buildApp({ db, security });
  t.teardown(() => app.close());
  return app;
}

const count = async (app: Awaited<ReturnType<typeof build>>, table: string) => (await app.db.value<number>(`SELECT count(*) AS n FROM ${table}`))!;

t.test('security headers: helmet\'s full set on the page and Swagger UI, the few that matter on JSON', async (t) => {
  const app = await build(t);
  for (const url of ['/', '/docs/', '/page/app.js', '/docs/static/swagger-initializer.js']) {
    const res = await app.inject(url);
    t.equal(res.statusCode, 200, `${url} answers`);
    const csp = String(res.headers['content-security-policy']);
    t.match(csp, /default-src 'self'/, `${url}: a content security policy`);
    t.match(csp, /script-src 'self'(;|$)/, `${url}: scripts from this origin only, nothing inline`);
    t.match(csp, /frame-ancestors 'none'/, `${url}: not framed`);
    t.equal(res.headers['x-content-type-options'], 'nosniff');
    t.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
    t.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
    t.equal(res.headers['referrer-policy'], 'no-referrer');
  }
  for (const url of ['/v1/statements', '/v1/statements?format=csv', '/openapi.json', '/health', '/v1/nope', '/v1/statements?stance=angry']) {
    const res = await app.inject(url);
    t.equal(res.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", `${url}: nothing in it may run or be framed`);
    t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: no type sniffing`);
    t.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
    t.equal(res.headers['cross-origin-resource-policy'], 'cross-origin', `${url}: other origins may read the public API`);
  }
  const api = await app.inject('/v1/statements');
  t.equal(api.headers['access-control-allow-origin'], '*', 'CORS for reads still open');
  t.notMatch(String((await app.inject('/')).headers['content-security-policy']), /upgrade-insecure-requests/, 'served over plain http: the page’s script and style are not moved to https');
});

t.test('pages ask browsers to upgrade to https only where the service is reached over TLS (PUBLIC_URL=https://…)', async (t) => {
  for (const [publicUrl, upgrades] of [['https://stance.example.org', true], ['http://stance.example.org', false]] as const) {
    const db = await testDb(t);
    const app = await buildApp({ db, publicUrl });
    t.teardown(() => app.close());
    for (const url of ['/', '/docs/']) {
      const res = await app.inject(url);
      t.equal(/(^|;)upgrade-insecure-requests(;|$)/.test(String(res.headers['content-security-policy'])), upgrades, `${publicUrl}${url}: upgrade-insecure-requests`);
      t.equal(res.headers['cross-origin-opener-policy'], upgrades ? 'same-origin' : undefined, `${publicUrl}${url}: an opener policy only where browsers honour it`);
    }
  }
});

t.test('writes are rate limited per API key: 429 problem+json with Retry-After, reads never', async (t) => {
  const app = await appWith(t, { writesPerMinute: 3 });
  const first = `Bearer ${await createKey(app.db, 'first', ['admin'])}`;
  const second = `Bearer ${await createKey(app.db, 'second', ['admin'])}`;
  const cue = (phrase: string, authorization: string) =>
    app.inject({ method: 'POST', url: '/v1/lexicon/cues', headers: { authorization }, payload: { phrase, kind: 'critical' } });

  for (const phrase of ['utterly short of', 'a grave risk', 'shamefully late']) t.equal((await cue(phrase, first)).statusCode, 200, `${phrase}: stored`);
  const cuesBefore = await count(app, 'stance_cues');
  const limited = await cue('a further setback', first);
  t.equal(limited.statusCode, 429, 'the fourth write in a minute is refused');
  t.match(limited.headers['content-type'], /application\/problem\+json/);
  t.match(limited.json(), { status: 429, title: 'Too many requests', detail: /^At most 3 writes a minute per API key \(or per address without a valid key\); try again in \d+ s$/ });
  t.ok(Number(limited.headers['retry-after']) > 0, 'Retry-After says when');
  t.equal(await count(app, 'stance_cues'), cuesBefore, 'nothing stored');
  t.equal((await cue('a further setback', second)).statusCode, 200, 'another key has its own allowance');

  for (let i = 0; i < 10; i += 1) t.equal((await app.inject('/v1/statements')).statusCode, 200);
  t.equal((await app.inject('/v1/lexicon')).statusCode, 200, 'reads are not limited');
});

t.test('bodies over 1 MiB are refused with 413 problem+json on every write route', async (t) => {
  const app = await build(t);
  const authorization = `Bearer ${await createKey(app.db, 'big', ['write', 'admin'])}`;
  const huge = JSON.stringify({ text: 'x'.repeat(1_100_000) });
  for (const [method, url] of [
    ['POST', '/v1/analyse'],
    ['POST', '/v1/statements'],
    ['POST', '/v1/lexicon/cues'],
    ['PUT', '/v1/themes/funding/cues'],
    ['PATCH', '/v1/statements/1/tags/funding'],
    ['PATCH', '/v1/quotes/1'],
  ] as const) {
    const res = await app.inject({ method, url, headers: { authorization, 'content-type': 'application/json' }, payload: huge });
    t.equal(res.statusCode, 413, `${method} ${url}`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.match(res.json(), { status: 413, title: 'Payload too large' });
  }
});

t.test('an overloaded process answers 503 problem+json with Retry-After, and /health still answers', async (t) => {
  const app = await appWith(t, { maxEventLoopDelay: 50, sampleInterval: 200 });
  await app.ready();
  // Hold the event loop well past the threshold (and past a whole sample interval), then let the
  // sampler see it: the verdict holds until its next sample, 200 ms later.
  const until = Date.now() + 450;
  while (Date.now() < until) {
    // busy
  }
  await new Promise((r) => setTimeout(r, 10));
  const res = await app.inject('/v1/statements');
  t.equal(res.statusCode, 503);
  t.match(res.headers['content-type'], /application\/problem\+json/);
  t.match(res.json(), { status: 503, title: 'Service unavailable', detail: /overloaded/ });
  t.equal(res.headers['retry-after'], '10');
  t.equal((await app.inject('/health')).statusCode, 200, 'liveness is not refused');
});

t.test('a block longer than a sample interval is measured, not taken as infinite delay', async (t) => {
  // Seen as a rare failure under load: after a block the sampler found no sample and answered
  // "infinite", so every request got 503 for a second even with a threshold of 30 s.
  const app = await appWith(t, { maxEventLoopDelay: 5_000, sampleInterval: 50 });
  await app.ready();
  const until = Date.now() + 300;
  while (Date.now() < until) {
    // busy: six sample intervals without a sample
  }
  await new Promise((r) => setTimeout(r, 5));
  t.equal((await app.inject('/v1/themes')).statusCode, 200, '300 ms of delay is under a 5 s threshold');
});
