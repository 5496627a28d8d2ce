import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { buildApp, type App } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDb } from '../src/db/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { retryDelay } from '../src/modules/watches/outbox.ts';
import { sign, verify } from '../src/modules/watches/signature.ts';
import { parseAllowList, refusedTarget, targetPolicy } from '../src/modules/watches/targets.ts';
import type { WebhookOptions } from '../src/modules/watches/watcher.ts';
import { seedCorpus } from '../seed/load.ts';
import { getJson, pressRelease, testDb } from './helper.ts';
import { eventually, receiver } from './receiver.ts';
import { openPostgres } from '../src/db/postgres/client.ts';
import { copyDatabase, testPostgres } from './pg/databases.ts';

const FAST: Partial<WebhookOptions> = { backoffMs: 40, timeoutMs: 2_000, pollMs: 60_000 };

async function app(t: Test, webhooks: Partial<WebhookOptions> = FAST): Promise<{ app: App; auth: { authorization: string } }> {
  const db = await testDb(t);
  const built = await buildApp({ db, security: { maxEventLoopDelay: 30_000 }, webhooks });
  t.teardown(() => built.close());
  return { app: built, auth: { authorization: `Bearer ${await createKey(db, 'newsroom')}` } };
}

t.test('a watch is told, signed, within seconds, when a new statement changes its answer', async (t) => {
  const { app: api, auth } = await app(t);
  const hook = await receiver(t);
  const created = await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/compare?theme=funding', url: hook.url } });
  t.equal(created.statusCode, 201);
  const watch = created.json();
  t.match(watch.secret, /^whsec_[A-Za-z0-9_-]{32}$/);
  const latest = (await getJson(api, '/v1/changes')).body.latest;
  t.same(watch, {
    id: 1,
    query: '/v1/compare?theme=funding',
    url: hook.url,
    status: 'active',
    createdAt: watch.createdAt,
    pausedAt: null,
    failures: 0,
    checkedThrough: latest,
    owner: 'newsroom',
    links: { self: '/v1/watches/1', deliveries: '/v1/watches/1/deliveries', answer: '/v1/compare?theme=funding' },
    secret: watch.secret,
  });
  t.equal(created.headers.location, '/v1/watches/1');
  const { secret: _, ...view } = watch;
  t.same((await api.inject({ url: '/v1/watches/1', headers: auth })).json(), view, 'the secret is shown once only');

  const posted = await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(7) });
  t.equal(posted.statusCode, 201);
  const started = Date.now();
  const [delivery] = await hook.until(1);
  t.ok(Date.now() - started < 5_000, 'delivered within seconds');
  if (!delivery) return;
  t.equal(delivery.headers['content-type'], 'application/json');
  t.match(delivery.headers['user-agent'], /^Stance-Webhooks\/\d+\.\d+\.\d+$/);
  t.equal(delivery.headers['stance-watch'], '1');
  t.equal(delivery.headers['stance-delivery'], '1');
  const signature = delivery.headers['stance-signature'] as string;
  t.ok(verify(watch.secret, delivery.body, signature, Math.floor(Date.now() / 1000)), 'the HMAC over the timestamp and body checks out with the secret');
  t.notOk(verify(watch.secret, `${delivery.body} `, signature, Math.floor(Date.now() / 1000)), 'a changed body does not');
  t.notOk(verify('whsec_another', delivery.body, signature, Math.floor(Date.now() / 1000)), 'nor another secret');

  const body = JSON.parse(delivery.body);
  const answer = (await getJson(api, '/v1/compare?theme=funding')).body;
  const newId = posted.json().id;
  t.same(body, {
    type: 'answer.changed',
    at: body.at,
    watch: { id: 1, query: '/v1/compare?theme=funding', url: 'http://localhost:80/v1/watches/1' },
    status: 200,
    answerUrl: 'http://localhost:80/v1/compare?theme=funding',
    answer,
    changes: body.changes,
    changesUrl: `http://localhost:80/v1/changes?since=${latest}`,
    digest: body.digest,
  });
  t.same(body.changes[0], { ...(await getJson(api, `/v1/changes?since=${latest}&limit=1`)).body.changes[0], statement: { id: newId, url: `http://localhost:80/v1/statements/${newId}` } });
  t.same([...new Set(body.changes.map((c: { kind: string }) => c.kind))], ['statement.added', 'figure.added']);
  t.ok(answer.organisations.some((o: { organisation: { slug: string } }) => o.organisation.slug === 'test-trust-7'), 'the answer delivered has the new statement');

  // The log says what happened.
  await eventually(async () => (await api.inject({ url: '/v1/watches/1/deliveries', headers: auth })).json().items[0]?.status === 'delivered', 'delivered in the log');
  const log = (await api.inject({ url: '/v1/watches/1/deliveries', headers: auth })).json();
  t.equal(log.total, 1);
  t.same(log.items[0], {
    id: 1,
    createdAt: log.items[0].createdAt,
    status: 'delivered',
    attempts: 1,
    nextAttemptAt: null,
    deliveredAt: log.items[0].attemptLog[0].at,
    body,
    attemptLog: [{ at: log.items[0].attemptLog[0].at, responseStatus: 204, error: null, ms: log.items[0].attemptLog[0].ms }],
  });

  // A write that leaves the answer as it was sends nothing, but the watch moves on.
  const aliases = await api.inject({ method: 'PUT', url: '/v1/organisations/ccn/aliases', headers: auth, payload: { aliases: ['The County Councils'] } });
  t.equal(aliases.statusCode, 200);
  const now = (await getJson(api, '/v1/changes')).body.latest;
  await eventually(async () => (await api.inject({ url: '/v1/watches/1', headers: auth })).json().checkedThrough === now, 'checked through the alias change');
  t.equal(hook.received.length, 1);
});

t.test('a receiver that fails is retried with growing waits until it recovers', async (t) => {
  const { app: api, auth } = await app(t);
  const hook = await receiver(t, [503, 500, 200]);
  const created = await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/statements?event=implementation-strategy-2023', url: hook.url } });
  t.equal(created.statusCode, 201);
  await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(3) });
  const received = await hook.until(3);
  t.equal(received.length, 3);
  t.equal(new Set(received.map((r) => r.body)).size, 1, 'the same body every time');
  t.equal(new Set(received.map((r) => r.headers['stance-delivery'])).size, 1, 'as the same delivery');
  await eventually(async () => (await api.inject({ url: '/v1/watches/1/deliveries', headers: auth })).json().items[0]?.status === 'delivered', 'delivered');
  const [delivery] = (await api.inject({ url: '/v1/watches/1/deliveries', headers: auth })).json().items;
  t.same(delivery.attemptLog.map((a: { responseStatus: number; error: null }) => [a.responseStatus, a.error]), [[503, null], [500, null], [200, null]]);
  const times = delivery.attemptLog.map((a: { at: string }) => Date.parse(a.at));
  t.ok(times[1] - times[0] >= 40, `the first wait is the back-off (${times[1] - times[0]} ms)`);
  t.ok(times[2] - times[1] >= 80, `the second is twice it (${times[2] - times[1]} ms)`);
  t.equal(delivery.attempts, 3);
  t.same((await api.inject({ url: '/v1/watches/1', headers: auth })).json().failures, 0);
});

t.test('a watch whose deliveries keep failing pauses, and resumes with what it owes', async (t) => {
  const { app: api, auth } = await app(t, { ...FAST, maxAttempts: 2, pauseAfter: 2 });
  const statuses = [500];
  const hook = await receiver(t, statuses);
  await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/changes?kind=statement.added', url: hook.url } });
  await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(1) });
  await hook.until(2);
  await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(2) });
  await hook.until(4);
  await eventually(async () => (await api.inject({ url: '/v1/watches/1', headers: auth })).json().status === 'paused', 'paused');
  const paused = (await api.inject({ url: '/v1/watches/1', headers: auth })).json();
  t.equal(paused.failures, 2);
  t.match(paused.pausedAt, /^\d{4}-/);
  t.same((await api.inject({ url: '/v1/watches/1/deliveries', headers: auth })).json().items.map((d: { status: string; attempts: number }) => [d.status, d.attempts]), [
    ['failed', 2],
    ['failed', 2],
  ]);

  // While paused, a change is not checked or sent.
  await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(4) });
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.equal(hook.received.length, 4);

  statuses[0] = 204;
  const resumed = await api.inject({ method: 'PATCH', url: '/v1/watches/1', headers: auth, payload: { status: 'active' } });
  t.equal(resumed.statusCode, 200);
  t.same([resumed.json().status, resumed.json().failures, resumed.json().pausedAt], ['active', 0, null]);
  const received = await hook.until(5);
  t.match(JSON.parse(received[4]?.body ?? '{}').answer.changes.at(-1).detail.organisation, 'test-trust-4', 'the change made while paused is delivered on resuming');
});

t.test('deliveries survive a restart: the outbox is in the database', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-watch-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'stance.db');
  const first = openDb(path);
  await seedCorpus(first);
  const key = await createKey(first, 'newsroom');
  const auth = { authorization: `Bearer ${key}` };
  // A receiver that is down: the first process can only fail, and is stopped with the delivery owed.
  const down = await receiver(t);
  const target = down.url;
  const api = await buildApp({ db: first, webhooks: { ...FAST, backoffMs: 60_000 } });
  t.equal((await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/statements?event=implementation-strategy-2023', url: 'http://127.0.0.1:9/hook' } })).statusCode, 201);
  await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(5) });
  await eventually(async () => (await first.value<number>('SELECT attempts FROM deliveries WHERE id = 1')) === 1, 'one failed attempt');
  await first.run('UPDATE watches SET url = ? WHERE id = 1', [target]);
  await api.close();
  first.close();

  // The second process finds the delivery owed and, once it is due, sends it.
  const second = openDb(path);
  await second.run('UPDATE deliveries SET next_attempt_at = ? WHERE id = 1', [new Date(Date.now() + 200).toISOString()]);
  const again = await buildApp({ db: second, webhooks: FAST });
  t.teardown(async () => {
    await again.close();
    second.close();
  });
  await again.listen({ port: 0, host: '127.0.0.1' });
  const [delivery] = await down.until(1);
  t.equal(delivery?.headers['stance-delivery'], '1');
  await eventually(async () => (await second.value<string>('SELECT status FROM deliveries WHERE id = 1')) === 'delivered', 'delivered');
  const attempts = await second.all<{ responseStatus: number | null; error: string | null }>('SELECT response_status AS "responseStatus", error FROM delivery_attempts ORDER BY id');
  t.equal(attempts.length, 2);
  t.equal(attempts[0]?.responseStatus, null);
  t.match(attempts[0]?.error, /ECONNREFUSED/);
  t.same(attempts[1], { responseStatus: 204, error: null });
});

t.test('only loopback and what the operator allows may be targets', async (t) => {
  const { app: api, auth } = await app(t);
  const refuse = async (url: string, message: string) => {
    const response = await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/statements', url } });
    t.equal(response.statusCode, 400, url);
    t.same(response.json().errors, [{ in: 'body', name: 'url', message }], url);
  };
  await refuse('http://10.0.0.7/hook', "its host '10.0.0.7' is not an allowed target; allowed: loopback (127.0.0.0/8, ::1) (set WEBHOOK_ALLOW)");
  await refuse('http://169.254.169.254/latest/meta-data', "its host '169.254.169.254' is not an allowed target; allowed: loopback (127.0.0.0/8, ::1) (set WEBHOOK_ALLOW)");
  await refuse('http://[::ffff:10.0.0.7]/hook', "its host '::ffff:a00:7' is not an allowed target; allowed: loopback (127.0.0.0/8, ::1) (set WEBHOOK_ALLOW)");
  await refuse('http://nowhere.invalid/hook', "its host 'nowhere.invalid' does not resolve");
  await refuse('http://user:pw@127.0.0.1/hook', 'must not carry a user name or password (the signature proves the sender)');
  await refuse('ftp://127.0.0.1/hook', 'must be an http or https URL');
  t.equal(await api.db.value<number>('SELECT count(*) AS n FROM watches'), 0, 'nothing stored');
  const local = await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/statements', url: 'http://localhost:9/hook' } });
  t.equal(local.statusCode, 201, 'a name that resolves to loopback is allowed');

  const { app: allowing, auth: key } = await app(t, { ...FAST, allow: ['10.0.0.0/8', 'hooks.example.org'] });
  for (const url of ['http://10.1.2.3/hook', 'https://hooks.example.org/stance']) {
    const response = await allowing.inject({ method: 'POST', url: '/v1/watches', headers: key, payload: { query: '/v1/statements', url } });
    t.equal(response.statusCode, 201, url);
  }
  const elsewhere = await allowing.inject({ method: 'POST', url: '/v1/watches', headers: key, payload: { query: '/v1/statements', url: 'http://192.168.1.1/' } });
  t.equal(elsewhere.json().errors[0].message, "its host '192.168.1.1' is not an allowed target; allowed: loopback (127.0.0.0/8, ::1), 10.0.0.0/8, hooks.example.org (set WEBHOOK_ALLOW)");
});

t.test('a target no longer allowed is refused at the connection, and counts as a failure', async (t) => {
  const { app: api, auth } = await app(t, { ...FAST, maxAttempts: 1 });
  await api.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query: '/v1/statements?event=implementation-strategy-2023', url: 'http://127.0.0.1:9/hook' } });
  // As if the operator had narrowed WEBHOOK_ALLOW after the watch was made.
  await api.db.run("UPDATE watches SET url = 'http://10.9.9.9/hook' WHERE id = 1");
  await api.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(8) });
  await eventually(async () => (await api.db.value<string>('SELECT status FROM deliveries WHERE id = 1')) === 'failed', 'given up');
  const [attempt] = (await api.inject({ url: '/v1/watches/1/deliveries', headers: auth })).json().items[0].attemptLog;
  t.same([attempt.responseStatus, attempt.error], [null, '10.9.9.9 is not an allowed target (WEBHOOK_ALLOW)']);
});

t.test('what can be watched, and who sees a watch', async (t) => {
  const { app: api, auth } = await app(t);
  const post = (payload: object, headers: Record<string, string> = auth) => api.inject({ method: 'POST', url: '/v1/watches', headers, payload });
  const detail = async (payload: object) => (await post(payload)).json().detail;
  t.equal(await detail({ query: '/v1/audit', url: 'http://127.0.0.1:9/' }), "query: '/v1/audit' is not a public read route of this API to watch (e.g. /v1/compare?theme=funding; see /docs)");
  t.equal(await detail({ query: '/v1/nothing-here', url: 'http://127.0.0.1:9/' }), "query: '/v1/nothing-here' is not a public read route of this API to watch (e.g. /v1/compare?theme=funding; see /docs)");
  t.equal(await detail({ query: '/v1/watches', url: 'http://127.0.0.1:9/' }), "query: '/v1/watches' is not a public read route of this API to watch (e.g. /v1/compare?theme=funding; see /docs)");
  t.equal(await detail({ query: '/v1/compare?theme=nonsense', url: 'http://127.0.0.1:9/' }), "query: '/v1/compare?theme=nonsense' does not answer now: theme: unknown theme 'nonsense'; the themes are funding (Funding), workforce (Workforce), early-help (Early help), kinship (Kinship care)");
  t.equal(await detail({ query: 'https://example.org/v1/statements', url: 'http://127.0.0.1:9/' }), 'query: expected a read route of this API with its filters, such as /v1/compare?theme=funding');
  t.equal(await detail({ query: '/v1/statements', url: 'http://127.0.0.1:9/', secret: 'x' }), 'body: Unrecognized key: "secret"');
  t.equal((await post({ query: '/v1/statements', url: 'http://127.0.0.1:9/' }, {})).statusCode, 401);
  const reader = await createKey(api.db, 'reader', ['read']);
  t.equal((await post({ query: '/v1/statements', url: 'http://127.0.0.1:9/' }, { authorization: `Bearer ${reader}` })).statusCode, 403);

  t.equal((await post({ query: '/v1/statements', url: 'http://127.0.0.1:9/a' })).statusCode, 201);
  const other = { authorization: `Bearer ${await createKey(api.db, 'other-desk', ['write'])}` };
  t.equal((await post({ query: '/v1/figures', url: 'http://127.0.0.1:9/b' }, other)).statusCode, 201);
  t.same((await api.inject({ url: '/v1/watches', headers: other })).json().items.map((w: { id: number }) => w.id), [2], 'a key sees its own watches');
  t.same((await api.inject({ url: '/v1/watches', headers: auth })).json().items.map((w: { id: number }) => w.id), [1], 'and only its own');
  const admin = { authorization: `Bearer ${await createKey(api.db, 'admin', ['write', 'admin'])}` };
  t.same((await api.inject({ url: '/v1/watches', headers: admin })).json().items.map((w: { id: number }) => w.id), [2, 1], 'a key with the admin scope sees all');
  t.equal((await api.inject({ url: '/v1/watches/2', headers: admin })).json().owner, 'other-desk');
  t.equal((await api.inject({ url: '/v1/watches/1', headers: other })).statusCode, 404, 'another key’s watch is not there');
  t.equal((await api.inject({ method: 'DELETE', url: '/v1/watches/1', headers: other })).statusCode, 404);
  t.equal((await api.inject({ method: 'PATCH', url: '/v1/watches/2', headers: other, payload: {} })).json().detail, 'body: give a status or a url');
  const moved = await api.inject({ method: 'PATCH', url: '/v1/watches/2', headers: other, payload: { url: 'http://10.0.0.1/' } });
  t.equal(moved.statusCode, 400);
  t.equal((await api.inject({ method: 'PATCH', url: '/v1/watches/2', headers: other, payload: { status: 'paused' } })).json().status, 'paused');
  t.equal((await api.inject({ method: 'DELETE', url: '/v1/watches/2', headers: other })).statusCode, 204);
  t.equal((await api.inject({ url: '/v1/watches/2', headers: other })).statusCode, 404);
  t.equal(await api.db.value<number>('SELECT count(*) AS n FROM watches'), 1);
});

t.test('signatures, back-off and the allow list, one by one', async (t) => {
  t.equal(sign('whsec_test', '{"a":1}', 1700000000), 't=1700000000,v1=' + (await import('node:crypto')).createHmac('sha256', 'whsec_test').update('1700000000.{"a":1}').digest('hex'));
  const header = sign('whsec_test', '{}', 1000);
  t.ok(verify('whsec_test', '{}', header, 1000));
  t.ok(verify('whsec_test', '{}', header, 1300), 'five minutes later still fresh');
  t.notOk(verify('whsec_test', '{}', header, 1301), 'older than five minutes: a replay');
  t.notOk(verify('whsec_test', '{}', header.replace('t=1000', 't=1001'), 1001), 'the time is signed');
  t.notOk(verify('whsec_test', '{}', undefined, 1000));
  t.notOk(verify('whsec_test', '{}', 't=1000,v1=zz', 1000));

  const policy = { backoffMs: 10_000, maxAttempts: 8, pauseAfter: 3 };
  t.same([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => retryDelay(policy, n)), [10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_280_000, 2_560_000, 3_600_000]);

  const allow = targetPolicy(parseAllowList(' 203.0.113.0/24, 2001:db8::/32,*.example.org, hooks.example.net ,198.51.100.7'));
  t.same(
    ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '203.0.113.200', '203.0.114.1', '2001:db8::5', '2001:db9::5', '198.51.100.7', '198.51.100.8', '10.0.0.1', 'not-an-ip'].map(allow.allowsAddress),
    [true, true, true, true, true, false, true, false, true, false, false, false],
  );
  t.same(['a.example.org', 'example.org', 'HOOKS.example.net.', 'other.example.net'].map(allow.allowsName), [true, false, true, false]);
  t.equal(await refusedTarget(allow, new URL('https://deep.a.example.org/x')), undefined);
  t.equal(await refusedTarget(allow, new URL('http://[2001:db8::1]:8080/x')), undefined);
  t.throws(() => parseAllowList('10.0.0.0/33'), { message: "'10.0.0.0/33' is not a host name, an address or a network such as 203.0.113.0/24" });
  t.throws(() => parseAllowList('http://x'), { message: "'http://x' is not a host name, an address or a network such as 203.0.113.0/24" });
  t.throws(() => loadConfig({ WEBHOOK_ALLOW: 'ok.example.org,bad host' }), { message: "Invalid configuration: WEBHOOK_ALLOW: 'bad host' is not a host name, an address or a network such as 203.0.113.0/24" });
  t.same(loadConfig({ WEBHOOK_ALLOW: '10.0.0.0/8, hooks.example.org' }).WEBHOOK_ALLOW, ['10.0.0.0/8', 'hooks.example.org']);
  t.same(loadConfig({}).WEBHOOK_ALLOW, []);
});

// Two instances in one process need a database each can wait on without blocking the other: only
// PostgreSQL's (SQLite's connection waits for a lock synchronously, holding up the event loop the
// other instance needs to let go). Two SQLite processes are tested in watches.system.ts.
const cluster = testPostgres();
t.test('two instances on one PostgreSQL database: each change is checked once, each delivery sent once', { skip: cluster ? false : 'PostgreSQL only (npm run test:pg)' }, async (t) => {
  const copy = await copyDatabase(cluster as string, { seed: true });
  const dbA = await openPostgres(copy.url, { max: 4 });
  const dbB = await openPostgres(copy.url, { max: 4 });
  const a = await buildApp({ db: dbA, webhooks: FAST });
  const b = await buildApp({ db: dbB, webhooks: FAST });
  t.teardown(async () => {
    await a.close();
    await b.close();
    await dbA.close();
    await dbB.close();
    await copy.drop();
  });
  const auth = { authorization: `Bearer ${await createKey(dbA, 'newsroom')}` };
  const hook = await receiver(t);
  for (const query of ['/v1/statements', '/v1/compare?theme=funding', '/v1/figures']) {
    t.equal((await a.inject({ method: 'POST', url: '/v1/watches', headers: auth, payload: { query, url: hook.url } })).statusCode, 201);
  }
  await Promise.all([
    a.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(11) }),
    b.inject({ method: 'POST', url: '/v1/statements', headers: auth, payload: pressRelease(12) }),
  ]);
  for (let round = 0; round < 5; round += 1) {
    a.watcher.kick();
    b.watcher.kick();
  }
  const latest = (await getJson(a, '/v1/changes')).body.latest;
  await eventually(async () => (await dbA.value<number>('SELECT min(checked_through) AS n FROM watches')) === latest, 'every watch checked through the last change');
  await eventually(async () => (await dbA.value<number>("SELECT count(*) AS n FROM deliveries WHERE status <> 'delivered'")) === 0, 'everything delivered');
  const deliveries = (await dbA.value<number>('SELECT count(*) AS n FROM deliveries')) ?? 0;
  t.ok(deliveries >= 3 && deliveries <= 6, `one delivery per watch per answer seen (${deliveries})`);
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.equal(hook.received.length, deliveries, 'each delivery arrived once');
  t.equal(new Set(hook.received.map((r) => r.headers['stance-delivery'])).size, deliveries);
  t.equal(await dbA.value<number>('SELECT count(*) AS n FROM delivery_attempts'), deliveries, 'one attempt each');
});
