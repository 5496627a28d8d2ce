import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { analyse } from '../../src/domain/analyse/index.ts';
import { openDb } from '../../src/db/client.ts';
import { readCorpus, seedLexicon } from '../../seed/corpus.ts';
import { readStanceCues } from '../../seed/lexicon.ts';
import { seedCorpus } from '../../seed/load.ts';
import { transfer } from '../../src/cli/transfer.ts';
import { synthesise } from './synth.ts';
import { freePort } from '../helper.ts';
import { startCluster, type Cluster } from '../pg/cluster.ts';
import { createDatabase } from '../pg/databases.ts';

// `npm run bench`: the API under load from this process, against the server in another,
// beside a bare Fastify ceiling measured the same way in the same run.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'seed,1000,10000,100000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    dir: { type: 'string', default: join(ROOT, 'data', 'bench') },
    // `npm run bench -- --analyser`: only the analyser's throughput (no servers, no databases).
    analyser: { type: 'boolean', default: false },
    // `--engine postgres`: each corpus copied into a throwaway PostgreSQL cluster, the servers on DATABASE_URL.
    engine: { type: 'string', default: 'sqlite' },
    // `--instances 2`: that many servers on the one database, the load shared between them.
    instances: { type: 'string', default: '1' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const sizes = (values.sizes as string).split(',').map((s) => s.trim());
const dir = values.dir as string;
const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
const instances = Math.max(1, Number(values.instances));
mkdirSync(dir, { recursive: true });

const ENDPOINTS: [string, string][] = [
  ['statement list', '/v1/statements'],
  ['statement detail', '/v1/statements/1'],
  ['search q', '/v1/statements?q=kinship'],
  ['search q, narrow', '/v1/statements?q=%22Family%20Forum%2094%22'],
  ['quotes', '/v1/quotes?theme=funding'],
  ['compare', '/v1/compare?theme=funding'],
  ['matrix', '/v1/compare/matrix'],
  ['figures', '/v1/figures?unit=GBP'],
];


async function start(script: string, env: Record<string, string>, probe: string): Promise<{ child: ChildProcess; base: string; startedIn: number }> {
  const port = await freePort();
  const began = performance.now();
  // The service runs as `npm start` runs it: the bundle built from src/server.ts.
  const child = spawn(process.execPath, script.endsWith('.js') ? [script] : ['--import', 'tsx', script], {
    cwd: ROOT,
    // One load generator is one address: the per-address allowances would measure the limiter, not the service.
    env: { ...process.env, RATE_LIMIT_SEARCHES: '1000000000', RATE_LIMIT_ANALYSES: '1000000000', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(base + probe)).ok) return { child, base, startedIn: performance.now() - began };
    } catch {
      // not up yet
    }
    if (performance.now() - began > 30_000) throw new Error(`${script} did not start`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Peak resident memory of a process so far, in MB (Linux VmHWM). */
function peakRss(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

interface Result {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, fresh = false): Promise<Result> {
  return loadAll([url], fresh);
}

/** The same path on each server at once, the connections shared out: requests summed, the worst p50 and p99. */
async function loadAll(urls: string[], fresh = false): Promise<Result> {
  const headers = fresh ? { 'cache-control': 'no-cache' } : {};
  const each = Math.max(1, Math.round(connections / urls.length));
  const results = await Promise.all(urls.map((url) => autocannon({ url, connections: each, duration, pipelining: 1, headers })));
  return {
    requests: results.reduce((n, r) => n + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
  };
}

let cluster: Cluster | undefined;
/** Where the servers find the corpus of `size`: its SQLite file, or a PostgreSQL database it was copied into. */
async function location(size: string): Promise<Record<string, string>> {
  const path = await database(size);
  if (engine === 'sqlite') return { DATABASE_PATH: path };
  cluster ??= await startCluster();
  const url = await createDatabase(cluster.url, `bench_${size}`);
  const began = performance.now();
  await transfer(`sqlite:${path}`, url);
  console.error(`copied ${path} into PostgreSQL in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return { DATABASE_URL: url };
}

async function database(size: string): Promise<string> {
  const path = join(dir, `${size}.db`);
  if (existsSync(path)) return path;
  for (const name of readdirSync(dir)) if (name.startsWith(`${size}.db`)) rmSync(join(dir, name));
  const db = openDb(path);
  const began = performance.now();
  if (size === 'seed') await seedCorpus(db);
  else await synthesise(db, Number(size));
  await db.close();
  console.error(`built ${path} in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return path;
}

function analyserThroughput(): { documentsPerSecond: number; averageBytes: number } {
  const loaded = readCorpus();
  const lexicon = seedLexicon(loaded, readStanceCues());
  const texts = [...loaded.texts.values()];
  // Documents of about 5 KB: the seed texts, each followed by the next, cut at 5 000 characters.
  const documents = texts.map((text, i) => (text + '\n\n' + texts[(i + 1) % texts.length] + '\n\n' + texts[(i + 2) % texts.length]).slice(0, 5_000));
  // Two seconds of warm-up (the language model loads, the cue caches fill, V8 optimises), then five measured.
  const warm = performance.now();
  for (let i = 0; performance.now() - warm < 2_000; i += 1) analyse({ text: documents[i % documents.length] ?? '' }, lexicon);
  let count = 0;
  const began = performance.now();
  while (performance.now() - began < 5_000) {
    analyse({ text: documents[count % documents.length] ?? '' }, lexicon);
    count += 1;
  }
  return {
    documentsPerSecond: count / ((performance.now() - began) / 1000),
    averageBytes: documents.reduce((n, d) => n + Buffer.byteLength(d), 0) / documents.length,
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

if (values.analyser) {
  const only = analyserThroughput();
  console.log(`Analyser: ${fmt(only.documentsPerSecond)} documents/s of ${fmt(only.averageBytes / 1024, 1)} KB on one core`);
  process.exit(0);
}

execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
console.error(`load: autocannon, ${connections} connections, ${duration} s per route; sizes ${sizes.join(', ')}; ${engine}, ${instances} instance(s)`);
const ceilingServer = await start('test/bench/ceiling.ts', {}, '/');
const ceiling = await load(ceilingServer.base + '/');
const sizedCeiling = await load(ceilingServer.base + '/16k');
await stop(ceilingServer.child);

const rows: string[] = [];
const growth = new Map<string, Map<string, Result>>();
const starts: string[] = [];
for (const size of sizes) {
  const env = await location(size);
  const servers = [];
  for (let i = 0; i < instances; i += 1) servers.push(await start('dist/server.js', env, '/health'));
  const [server] = servers as [(typeof servers)[0]];
  starts.push(`${size}: ${fmt(server.startedIn)} ms`);
  for (const [name, route] of ENDPOINTS) {
    const cached = await loadAll(servers.map((s) => s.base + route));
    const fresh = await loadAll(servers.map((s) => s.base + route), true);
    if (!growth.has(name)) growth.set(name, new Map());
    growth.get(name)?.set(size, fresh);
    const cell = (r: Result) => `${fmt(r.requests).padStart(7)} | ${fmt(r.p50).padStart(4)} | ${fmt(r.p99).padStart(5)} | ${fmt((r.requests / ceiling.requests) * 100).padStart(3)}%`;
    rows.push(`| ${size.padStart(6)} | ${name.padEnd(17)} | ${cell(cached)} | ${cell(fresh)} | ${String(cached.errors + fresh.errors).padStart(6)} |`);
  }
  rows.push(`| ${size.padStart(6)} | peak RSS         | ${servers.map((s) => fmt(peakRss(s.child.pid))).join(' + ')} MB |  |  |  |  |  |  |  |  |`);
  for (const each of servers) await stop(each.child);
}
cluster?.stop();
const analyser = analyserThroughput();

console.log(`\nMachine: ${(await import('node:os')).cpus().length} cores (${(await import('node:os')).cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ${connections} connections, ${duration} s per route`);
console.log(`Database: ${engine === 'postgres' ? 'PostgreSQL (a throwaway cluster on this machine)' : 'SQLite'}; ${instances} instance(s) of the server${instances > 1 ? ', the connections shared between them' : ''}`);
console.log(`\nCeiling (bare Fastify route, constant body): ${fmt(ceiling.requests)} req/s, p50 ${ceiling.p50} ms, p99 ${ceiling.p99} ms\n`);
console.log(`Bare Fastify route, constant 16 KB body: ${fmt(sizedCeiling.requests)} req/s (${fmt((sizedCeiling.requests / ceiling.requests) * 100)}% of the ceiling): the cost of the bytes alone\n`);
console.log('Each route twice: repeated (answered from the response cache) and with `Cache-Control: no-cache` (computed every time).\n');
console.log('|   size | route            | req/s | p50 ms | p99 ms | of ceiling | computed req/s | p50 ms | p99 ms | of ceiling | errors |');
console.log('|-------:|------------------|------:|-----:|------:|----:|------:|-----:|------:|----:|-------:|');
for (const row of rows) console.log(row);
console.log(`\np99 (ms) of the computed answer as the corpus grows:\n`);
console.log(`| route            | ${sizes.map((s) => s.padStart(7)).join(' | ')} |`);
console.log(`|------------------|${sizes.map(() => '--------:').join('|')}|`);
for (const [name, bySize] of growth) console.log(`| ${name.padEnd(17)} | ${sizes.map((s) => fmt(bySize.get(s)?.p99 ?? NaN).padStart(7)).join(' | ')} |`);
console.log(`\nAnalyser: ${fmt(analyser.documentsPerSecond)} documents/s of ${fmt(analyser.averageBytes / 1024, 1)} KB on one core`);
console.log(`Cold start (process start to first /health answer, migrated database): ${starts.join('; ')}`);
