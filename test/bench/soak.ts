import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../../src/db/client.ts';
import { createKey } from '../../src/modules/auth/keys.ts';
import { ROOT } from '../../src/paths.ts';
import { seedIfEmpty } from '../../seed/load.ts';
import { freePort } from '../helper.ts';
import { startCommand } from './start.ts';

// `npm run soak`: sustained mixed reads and writes against the server as `npm start` runs it,
// from this (second) process on loopback. Reports requests served, errors, writes acknowledged
// against writes found afterwards, and the server's resident memory over the run.
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    // `--seconds 600`: the same as `--duration 600`.
    seconds: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    'write-share': { type: 'string', default: '0.1' },
  },
});
const seconds = Number(values.seconds ?? values.duration);
const concurrency = Number(values.concurrency);
const writeShare = Number(values['write-share']);

const READS = [
  '/v1/statements',
  '/v1/statements?q=kinship',
  '/v1/statements?theme=funding&stance=critical',
  '/v1/quotes?theme=kinship',
  '/v1/compare?theme=funding',
  '/v1/compare/matrix',
  '/v1/figures?unit=GBP',
  '/v1/organisations',
  '/v1/statements/1',
];
const THEMES = [
  'The £{n}m for early help and family hubs is welcome, but it will not reach every family that needs support.',
  'Kinship carers deserve an allowance: {n} grandparents told us they had given up work to care for a child.',
  'Councils face a £{n}m overspend on children’s social care this year, and the funding falls far short.',
  'Social worker vacancies stand at {n} per cent, and agency staff cost councils far more than permanent teams.',
];

function pressRelease(n: number): string {
  const paragraphs = THEMES.map((line, i) => `"${line.replace('{n}', String(((n * 7 + i * 13) % 900) + 10))}" said Robin Vale, chief executive of Soak Trust ${n % 17}.`);
  return `Soak Trust ${n % 17} responds to the strategy (${n})\n\n${paragraphs.join('\n\n')}`;
}


const rssOf = (pid: number | undefined) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

const dir = mkdtempSync(join(tmpdir(), 'stance-soak-'));
const databasePath = join(dir, 'soak.db');
const setup = openDb(databasePath);
await seedIfEmpty(setup);
const key = await createKey(setup, 'soak');
await setup.close();

execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
const port = await freePort();
// As `npm start` runs it (its environment and node flags), in the default configuration (request
// logging at info, to /dev/null); SOAK_NODE_ARGS adds node flags to try. The allowances are lifted:
// the clients are one address and one key.
const command = startCommand(ROOT);
const server = spawn(process.execPath, [...(process.env.SOAK_NODE_ARGS ?? '').split(' ').filter(Boolean), ...command.args], {
  cwd: ROOT,
  env: { ...process.env, ...command.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databasePath, RATE_LIMIT_WRITES: '1000000', RATE_LIMIT_SEARCHES: '1000000000' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
for (let ready = false; !ready; ) {
  ready = await fetch(`${base}/health`).then((r) => r.ok, () => false);
  if (!ready) await new Promise((r) => setTimeout(r, 20));
}

const statuses = new Map<number, number>();
const failures: string[] = [];
const acknowledged: number[] = [];
let served = 0;
let writes = 0;
const rss: number[] = [rssOf(server.pid)];
const sampler = setInterval(() => rss.push(rssOf(server.pid)), 1000);
const deadline = performance.now() + seconds * 1000;

async function worker(id: number) {
  for (let i = 0; performance.now() < deadline; i += 1) {
    const write = Math.random() < writeShare;
    try {
      let response: Response;
      if (write) {
        const n = (writes += 1) * 100 + id;
        response = await fetch(`${base}/v1/statements`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            text: pressRelease(n),
            organisation: { name: `Soak Trust ${n % 17}`, kind: 'charity' },
            event: 'implementation-strategy-2023',
            date: '2023-03-01',
            url: `https://example.org/soak/${n}`,
            title: `Soak response ${n}`,
          }),
        });
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: number }).id);
        else await response.arrayBuffer();
      } else {
        response = await fetch(base + READS[(id + i) % READS.length]);
        await response.arrayBuffer();
      }
      served += 1;
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 400) failures.push(`${write ? 'POST /v1/statements' : READS[(id + i) % READS.length]}: ${response.status}`);
    } catch (error) {
      failures.push(String(error));
    }
  }
}

const began = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
const elapsed = (performance.now() - began) / 1000;
clearInterval(sampler);
rss.push(rssOf(server.pid));

const rollup = readFileSync(`/proc/${server.pid}/smaps_rollup`, 'utf8');
const kind = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(rollup)?.[1] ?? 0) / 1024;
let found = 0;
const missing: string[] = [];
for (const id of acknowledged) {
  let response = await fetch(`${base}/v1/statements/${id}`);
  // Right after the load the overload guard may still be up for a second (503, Retry-After): ask again then.
  for (let tries = 0; response.status === 503 && tries < 5; tries += 1) {
    await response.arrayBuffer();
    await new Promise((r) => setTimeout(r, 1000));
    response = await fetch(`${base}/v1/statements/${id}`);
  }
  const body = (await response.json()) as { themes?: unknown[]; quotes?: unknown[] };
  if (response.ok && (body.themes?.length ?? 0) > 0 && (body.quotes?.length ?? 0) > 0) found += 1;
  else missing.push(`${id}: ${response.status}, ${body.themes?.length ?? 0} themes, ${body.quotes?.length ?? 0} quotes`);
}
await new Promise<void>((resolve) => {
  server.once('exit', () => resolve());
  server.kill('SIGTERM');
});
rmSync(dir, { recursive: true, force: true });

const tenth = Math.max(1, Math.floor(rss.length / 10));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
console.log(`\nSoak: ${seconds} s, ${concurrency} concurrent clients on loopback, ${Math.round(writeShare * 100)} % writes`);
console.log(`requests served: ${served} (${Math.round(served / elapsed)} /s); by status: ${[...statuses].map(([s, n]) => `${s} × ${n}`).join(', ')}`);
console.log(`errors (4xx, 5xx, network): ${failures.length}${failures.length ? ` (first: ${failures.slice(0, 3).join('; ')})` : ''}`);
console.log(`writes acknowledged with 201: ${acknowledged.length}; found afterwards with their tags and quotes: ${found}${missing.length ? ` (not: ${missing.slice(0, 3).join('; ')})` : ''}`);
const first = mean(rss.slice(0, tenth));
const last = mean(rss.slice(-tenth));
const peak = Math.max(...rss);
console.log(`server RSS: start ${rss[0]?.toFixed(0)} MB, first tenth ${first.toFixed(0)} MB, last tenth ${last.toFixed(0)} MB (×${(last / first).toFixed(2)}), peak ${peak.toFixed(0)} MB`);
// The curve: the mean resident memory of each tenth of the run, one sample a second.
const curve = Array.from({ length: 10 }, (_, i) => mean(rss.slice(Math.floor((i * rss.length) / 10), Math.max(Math.floor(((i + 1) * rss.length) / 10), Math.floor((i * rss.length) / 10) + 1))));
console.log(`server RSS by tenth of the run (MB): ${curve.map((mb) => mb.toFixed(0)).join(' → ')}`);
console.log(`targets: last tenth ≤ 1.25 × first tenth: ${last <= 1.25 * first ? 'met' : 'missed'}; peak ≤ 200 MB: ${peak <= 200 ? 'met' : 'missed'}`);
console.log(`server memory at the end: ${kind('Anonymous').toFixed(0)} MB anonymous (JavaScript heap, malloc), ${(kind('Rss') - kind('Anonymous')).toFixed(0)} MB file-backed (code, shared libraries)`);
process.exitCode = failures.length === 0 && found === acknowledged.length && last <= 1.25 * first && peak <= 200 ? 0 : 1;
