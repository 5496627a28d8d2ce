import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openDb } from '../src/db/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { verify } from '../src/modules/watches/signature.ts';
import { seedIfEmpty } from '../seed/load.ts';
import { pressRelease, startServer, stopServer } from './helper.ts';
import { eventually, receiver } from './receiver.ts';

// Watches served by real server processes (src/server.ts): two of them on one SQLite file, and a
// restart with a delivery still owed.
t.test('two server processes on one file share the watches; a delivery owed survives stopping them both', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stance-watches-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'stance.db');
  const setup = openDb(path);
  await seedIfEmpty(setup);
  const authorization = `Bearer ${await createKey(setup, 'newsroom')}`;
  setup.close();
  const env = { WEBHOOK_BACKOFF_MS: '300', RATE_LIMIT_WRITES: '10000' };
  const first = await startServer(path, env);
  const second = await startServer(path, env);
  const servers = [first, second];
  t.teardown(async () => {
    for (const server of servers) if (server.child.exitCode === null) await stopServer(server.child);
  });
  const db = await first.open();
  t.teardown(() => db.close());

  const statuses = [204];
  const hook = await receiver(t, statuses);
  const secrets: string[] = [];
  for (const query of ['/v1/statements', '/v1/compare?theme=funding', '/v1/figures?unit=GBP']) {
    const made = await fetch(`${first.base}/v1/watches`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ query, url: hook.url }) });
    t.equal(made.status, 201);
    secrets.push(((await made.json()) as { secret: string }).secret);
  }
  const post = (base: string, n: number) =>
    fetch(`${base}/v1/statements`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(pressRelease(n)) });
  const posted = await Promise.all([post(first.base, 21), post(second.base, 22), post(first.base, 23), post(second.base, 24)]);
  t.same(posted.map((r) => r.status), [201, 201, 201, 201]);

  const latest = async () => (await db.value<number>('SELECT max(id) AS n FROM changes')) ?? 0;
  const last = await latest();
  await eventually(async () => (await db.value<number>('SELECT min(checked_through) AS n FROM watches')) === last, 'every watch checked through the last change');
  await eventually(async () => (await db.value<number>("SELECT count(*) AS n FROM deliveries WHERE status <> 'delivered'")) === 0, 'everything delivered');
  const deliveries = (await db.value<number>('SELECT count(*) AS n FROM deliveries')) ?? 0;
  t.ok(deliveries >= 3 && deliveries <= 12, `at most one delivery per watch per write (${deliveries})`);
  t.equal(hook.received.length, deliveries, 'each delivery arrived once');
  t.equal(new Set(hook.received.map((r) => r.headers['stance-delivery'])).size, deliveries);
  for (const delivery of hook.received) {
    const secret = secrets[Number(delivery.headers['stance-watch']) - 1] as string;
    t.ok(verify(secret, delivery.body, delivery.headers['stance-signature'] as string, Math.floor(Date.now() / 1000)), `delivery ${delivery.headers['stance-delivery']} signed with its watch's secret`);
  }

  // The receiver goes down; the delivery of the next change is tried, and both servers stop.
  statuses[0] = 503;
  const before = hook.received.length;
  t.equal((await post(first.base, 25)).status, 201);
  await eventually(async () => hook.received.length > before, 'a failed attempt');
  await stopServer(first.child);
  await stopServer(second.child);
  const owed = await db.value<number>("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'");
  t.ok((owed ?? 0) >= 1, `deliveries owed when both stopped (${owed})`);

  // Back up, the receiver recovers: a new process sends what is owed, in order.
  statuses[0] = 204;
  const third = await startServer(path, env);
  servers.push(third);
  await eventually(async () => (await db.value<number>("SELECT count(*) AS n FROM deliveries WHERE status = 'pending'")) === 0, 'nothing owed after the restart');
  const retried = await db.all<{ statuses: string }>(
    `SELECT d.id, count(a.id) AS n FROM deliveries d JOIN delivery_attempts a ON a.delivery_id = d.id WHERE d.status = 'delivered' GROUP BY d.id HAVING count(a.id) > 1`,
  );
  t.ok(retried.length >= 1, 'a delivery that failed before the restart arrived after it');
});
