import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_CONNECTION_LIMITS, serverTimeouts } from '../src/plugins/connections.ts';
import { childEnv, freePort } from './helper.ts';

// The real server, started as `ulimit -n 4096` would start it, against clients that hold connections.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const descriptors = Number(readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\d+)/m)?.[1]);

async function serverWithDescriptors(t: Test, limit: number, env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'stance-connections-'));
  const port = await freePort();
  const child = spawn('/bin/sh', ['-c', `ulimit -n ${limit} && exec "${process.execPath}" --import tsx src/server.ts`], {
    cwd: ROOT,
    env: childEnv({ PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: join(dir, 'stance.db'), LOG_LEVEL: 'fatal', MAX_EVENT_LOOP_DELAY_MS: '30000', ...env }),
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  t.teardown(() => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  for (let i = 0; i < 200; i += 1) {
    if ((await health(port, 1000)) === 200) return { child, port };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not answer /health within 20 s');
}

/** GET /health; the status, or 0 when the connection was refused, dropped or timed out. */
async function health(port: number, timeoutMs: number): Promise<number> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.status;
  } catch {
    return 0;
  }
}

/** Opens `count` connections from `from` that never send a byte; resolves once each is open or refused. */
async function idle(port: number, count: number, from: (i: number) => string): Promise<Socket[]> {
  const sockets: Socket[] = [];
  const settled: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const socket = connect({ host: '127.0.0.1', port, localAddress: from(i) });
    socket.on('error', () => undefined);
    sockets.push(socket);
    settled.push(new Promise((resolve) => { socket.once('connect', () => resolve()); socket.once('close', () => resolve()); }));
  }
  await Promise.all(settled);
  return sockets;
}

const openDescriptors = (child: ChildProcess) => readdirSync(`/proc/${child.pid}/fd`).length;
const waitFor = async (check: () => boolean, ms: number) => {
  for (const until = Date.now() + ms; Date.now() < until && !check(); ) await new Promise((r) => setTimeout(r, 50));
  return check();
};

t.test('the limits a connection lives within, by default', async (t) => {
  const config = loadConfig({});
  t.same(
    [config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS, config.KEEP_ALIVE_TIMEOUT_MS, config.MAX_CONNECTIONS_PER_ADDRESS, config.MAX_CONNECTIONS],
    [10_000, 30_000, 5_000, 256, undefined],
  );
  t.same(serverTimeouts(DEFAULT_CONNECTION_LIMITS), {
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
    connectionTimeout: 60_000,
    http: { headersTimeout: 10_000, connectionsCheckingInterval: 1_000 },
  });
  t.throws(() => loadConfig({ HEADERS_TIMEOUT_MS: '40000' }), /HEADERS_TIMEOUT_MS: must not be longer than REQUEST_TIMEOUT_MS/);
});

t.test('5,000 idle connections against a server with 4096 descriptors: it stays up and answers /health', { skip: descriptors < 12_000 && `this process may open ${descriptors} files; the test needs 12 000` }, async (t) => {
  const { child, port } = await serverWithDescriptors(t, 4096, { HEADERS_TIMEOUT_MS: '2000', REQUEST_TIMEOUT_MS: '3000' });

  // Counted on the server (its open descriptors): a client also sees as open the handshakes the
  // kernel completed but the server never accepted, which cost the server nothing.
  const baseline = openDescriptors(child);

  // From one address: all but 256 are closed as they arrive, so everyone else is served at once.
  const one = await idle(port, 5_000, () => '127.0.0.2');
  t.ok(openDescriptors(child) <= baseline + 256 + 8, `${openDescriptors(child) - baseline} more descriptors open for 5000 idle connections from one address`);
  t.equal(await health(port, 2_000), 200, '/health answers while they are held');
  t.ok(await waitFor(() => openDescriptors(child) <= baseline + 8, 6_000), 'connections that send nothing are closed after the headers timeout');

  // From forty addresses: past 2048 in all (half the descriptors) new ones are closed; no descriptor runs out.
  const many = await idle(port, 5_000, (i) => `127.0.1.${(i % 40) + 1}`);
  t.ok(openDescriptors(child) <= baseline + 2048 + 8, `${openDescriptors(child) - baseline} more descriptors open for 5000 idle connections from forty addresses`);
  t.ok(await waitFor(() => openDescriptors(child) <= baseline + 8, 6_000), 'and closed after the headers timeout');
  t.equal(await health(port, 2_000), 200, '/health answers after them');
  t.equal(child.exitCode, null, 'the process is alive');
  for (const socket of [...one, ...many]) socket.destroy();
});

t.test('a body sent a byte a second is cut off at the request timeout', async (t) => {
  const { port } = await serverWithDescriptors(t, 4096, { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
  const socket = connect({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = Date.now();
  socket.write('POST /v1/analyse HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{');
  const drip = setInterval(() => socket.writable && socket.write(' '), 1_000);
  let answer = '';
  socket.on('data', (chunk) => (answer += chunk.toString()));
  await new Promise((resolve) => socket.once('close', resolve));
  clearInterval(drip);
  const seconds = (Date.now() - started) / 1000;
  t.ok(seconds >= 1.5 && seconds < 5, `closed after ${seconds.toFixed(1)} s (request timeout 2 s)`);
  t.match(answer, /^HTTP\/1\.1 408 /, 'with 408 Request Timeout');
  t.equal(await health(port, 2_000), 200);
});

t.test('descriptors running out do not end the process', { skip: descriptors < 12_000 && `this process may open ${descriptors} files; the test needs 12 000` }, async (t) => {
  // Misconfigured on purpose: more connections allowed than descriptors, so accepting fails with EMFILE.
  const { child, port } = await serverWithDescriptors(t, 256, { MAX_CONNECTIONS: '5000', MAX_CONNECTIONS_PER_ADDRESS: '5000', HEADERS_TIMEOUT_MS: '1500', REQUEST_TIMEOUT_MS: '1500' });
  const sockets = await idle(port, 1_000, () => '127.0.0.3');
  await new Promise((r) => setTimeout(r, 1_200)); // the event-loop sampler (every second) runs while descriptors are exhausted
  for (const socket of sockets) socket.destroy();
  t.ok(await waitFor(() => child.exitCode === null, 100), 'alive');
  let status = 0;
  for (let i = 0; i < 50 && status !== 200; i += 1) {
    status = await health(port, 1_000);
    if (status !== 200) await new Promise((r) => setTimeout(r, 100));
  }
  t.equal(status, 200, '/health answers once the connections are gone');
  t.equal(child.exitCode, null, 'the process never exited');
});
