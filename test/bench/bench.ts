import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { availableParallelism, cpus, tmpdir } from 'node:os';
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
import { freePort, pressRelease } from '../helper.ts';
import { startCommand } from './start.ts';
import { startCluster, type Cluster } from '../pg/cluster.ts';
import { createDatabase } from '../pg/databases.ts';

// `npm run bench`: the API under load from this process, against the server in another,
// beside a bare Fastify ceiling measured the same way in the same run.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: 'seed,100000' },
    duration: { type: 'string', default: '5' },
    // The reader-thread counts to compare at the largest size (computed reads, all connections at once).
    readers: { type: 'string', default: `0,1,${availableParallelism()}` },
    // The soak's length in seconds (0: none), and how many documents the bulk import times (0: none).
    soak: { type: 'string', default: '60' },
    import: { type: 'string', default: '10000' },
    connections: { type: 'string', default: '10' },
    dir: { type: 'string', default: join(ROOT, 'data', 'bench') },
    // `npm run bench -- --analyser`: only the analyser's throughput (no servers, no databases).
    analyser: { type: 'boolean', default: false },
    // `--engine postgres`: each corpus copied into a throwaway PostgreSQL cluster, the servers on DATABASE_URL.
    engine: { type: 'string', default: 'sqlite' },
    // `--instances 2`: that many servers on the one database, the load shared between them.
    instances: { type: 'string', default: '1' },
    // `--generator autocannon`: measure with autocannon even where wrk is installed.
    generator: { type: 'string', default: 'wrk' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const sizes = (values.sizes as string).split(',').map((s) => s.trim());
const dir = values.dir as string;
const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
const instances = Math.max(1, Number(values.instances));
const readerCounts = (values.readers as string).split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 0);
const soakSeconds = Number(values.soak);
const importCount = Number(values.import);
mkdirSync(dir, { recursive: true });

const ROUTES: [string, string][] = [
  ['statement list', '/v1/statements'],
  ['statement detail', '/v1/statements/1'],
  ['search q', '/v1/statements?q=kinship'],
  ['search q, narrow', '/v1/statements?q=%22Family%20Forum%2094%22'],
  ['filtered list', '/v1/statements?theme=funding&stance=critical'],
  ['quotes', '/v1/quotes?theme=funding'],
  ['compare', '/v1/compare?theme=funding'],
  ['matrix', '/v1/compare/matrix'],
  ['figures', '/v1/figures?unit=GBP'],
  ['organisations', '/v1/organisations'],
  ['shifts', '/v1/shifts'],
  ['asks', '/v1/asks'],
  ['changes', '/v1/changes'],
];
// Answers whose size follows the corpus (every figure grouped, every statement of an event): asked one at a time only.
const HEAVY: [string, string][] = [
  ['figure measures', '/v1/figures/measures'],
  ['shifts, one theme', '/v1/shifts?theme=funding'],
  ['themes', '/v1/themes'],
  ['people', '/v1/people'],
];
// The computed reads that show what more cores buy.
const SCALING = ['search q', 'quotes', 'compare', 'figures'];

interface Server {
  child: ChildProcess;
  base: string;
  startedIn: number;
}

/** The service as `npm start` runs it (its environment and node flags from package.json), with `env` on top. */
async function start(env: Record<string, string>, probe = '/health', script?: string): Promise<Server> {
  const port = await freePort();
  const began = performance.now();
  const command = script ? { env: {}, args: ['--import', 'tsx', script] } : startCommand(ROOT);
  const child = spawn(process.execPath, command.args, {
    cwd: ROOT,
    // One load generator is one address: the per-address search allowance would measure the limiter, not the service.
    // Everything else is the default configuration, request logging at `info` included (to /dev/null).
    env: { ...process.env, ...command.env, RATE_LIMIT_SEARCHES: '1000000000', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      if ((await fetch(base + probe)).ok) return { child, base, startedIn: performance.now() - began };
    } catch {
      // not up yet
    }
    if (performance.now() - began > 60_000) throw new Error(`${script ?? 'the server'} did not start`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Peak resident memory of a process so far, in MB (Linux VmHWM). */
function peakRss(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/** The answer's length as a client that asks for no compression gets it (as autocannon asks). */
function bodyBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { connection: 'close' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve(bytes));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Result {
  requests: number;
  p50: number;
  p99: number;
  errors: number;
}

/** A latency as wrk prints it (`612.00us`, `2.10ms`, `1.02s`), in ms. */
function wrkMs(text: string): number {
  const [, value, unit] = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim()) ?? [];
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[unit as 'us' | 'ms' | 's' | 'm'];
  if (value === undefined || scale === undefined) throw new Error(`wrk printed a latency this does not read: ${text}`);
  return Number(value) * scale;
}

/** What wrk printed for one run: requests a second, p50 and p99, and every request that failed or was not 2xx/3xx. */
function readWrk(output: string): Result {
  const field = (pattern: RegExp) => pattern.exec(output)?.[1];
  const requests = field(/^Requests\/sec:\s+([\d.]+)/m);
  const p50 = field(/^\s+50%\s+(\S+)/m);
  const p99 = field(/^\s+99%\s+(\S+)/m);
  if (requests === undefined || p50 === undefined || p99 === undefined) throw new Error(`wrk printed no figures:\n${output}`);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output)?.slice(1).map(Number) ?? [];
  const refused = Number(field(/Non-2xx or 3xx responses: (\d+)/) ?? 0);
  return { requests: Number(requests), p50: wrkMs(p50), p99: wrkMs(p99), errors: refused + sockets.reduce((n, e) => n + e, 0) };
}

/**
 * The load generator: wrk (a C program, one thread) where it is installed, as the issue measured,
 * since autocannon runs in this process on the same cores as the server and its own cost swings
 * the ratios by route and run; autocannon otherwise (`--generator autocannon` forces it).
 */
const WRK = values.generator !== 'autocannon' && spawnSync('wrk', ['--version']).error === undefined;

function wrk(url: string, clients: number, headers: Record<string, string>, seconds: number): Promise<Result> {
  const args = ['-t1', `-c${clients}`, `-d${seconds}s`, '--latency', '--timeout', '30s', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      try {
        resolve(readWrk(output));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The same path on each server at once, the connections shared out: requests summed, the worst p50 and p99. */
async function load(urls: string[], { fresh = false, clients = connections, seconds = duration } = {}): Promise<Result> {
  const headers: Record<string, string> = fresh ? { 'cache-control': 'no-cache' } : {};
  const each = Math.max(1, Math.round(clients / urls.length));
  const results = WRK
    ? await Promise.all(urls.map((url) => wrk(url, each, headers, seconds)))
    : (await Promise.all(urls.map((url) => autocannon({ url, connections: each, duration: seconds, pipelining: 1, headers, timeout: 30 })))).map((r) => ({
        requests: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        errors: r.errors + r.non2xx + r.timeouts,
      }));
  return {
    requests: results.reduce((n, r) => n + r.requests, 0),
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((n, r) => n + r.errors, 0),
  };
}

/** `count` requests one after another: the median and the slowest, in ms, and the statuses. */
async function oneByOne(url: string, count: number): Promise<{ median: number; max: number; bytes: number; statuses: string }> {
  const times: number[] = [];
  const statuses = new Set<number>();
  let bytes = 0;
  for (let i = 0, refused = 0; i < count; i += 1) {
    const began = performance.now();
    const response = await fetch(url, { headers: { 'cache-control': 'no-cache', 'accept-encoding': 'identity' } });
    bytes = (await response.arrayBuffer()).byteLength;
    // An answer over a second trips the overload guard, which refuses the next requests for a
    // second: wait it out and ask again (up to 30 times), so that the time measured is the answer's.
    if (response.status === 503 && refused < 30) {
      refused += 1;
      i -= 1;
      await new Promise((r) => setTimeout(r, 1_100));
      continue;
    }
    times.push(performance.now() - began);
    statuses.add(response.status);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? NaN, max: times.at(-1) ?? NaN, bytes, statuses: [...statuses].join(', ') };
}

/**
 * Until the server answers `url` computed with 200 again: after an answer that held the event loop
 * for a second, the overload guard refuses everything (503) for a while, and the next route would
 * measure refusals.
 */
async function settled(url: string): Promise<void> {
  for (let tries = 0; tries < 60; tries += 1) {
    const response = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
    await response.arrayBuffer();
    if (response.status !== 503) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

let cluster: Cluster | undefined;
const located = new Map<string, Record<string, string>>();
/** Where the servers find the corpus of `size`: its SQLite file, or a PostgreSQL database it was copied into (once). */
async function location(size: string): Promise<Record<string, string>> {
  const known = located.get(size);
  if (known) return known;
  const found = await locate(size);
  located.set(size, found);
  return found;
}

async function locate(size: string): Promise<Record<string, string>> {
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

/** `npm run import` of `count` documents of about 5 KB into a new database: seconds, from the command's start to its end. */
function importSeconds(count: number): number {
  const folder = mkdtempSync(join(tmpdir(), 'stance-import-'));
  try {
    for (let i = 0; i < count; i += 1) {
      const release = pressRelease(i);
      // Press releases one after another until 5 000 characters (four were about 2.5 KB).
      let paragraphs = release.text;
      for (let k = 1; paragraphs.length < 5_000; k += 1) paragraphs += `\n\n${pressRelease(i + k).text}`;
      paragraphs = paragraphs.slice(0, 5_000);
      const header = ['---', `organisation: test-trust-${i % 200}`, `organisation_name: Test Trust ${i % 200}`, 'organisation_kind: charity', `event: ${release.event}`, `date: ${release.date}`, `url: https://example.org/import/${i}`, `title: ${release.title} (${i})`, '---'];
      writeFileSync(join(folder, `${String(i).padStart(6, '0')}.txt`), `${header.join('\n')}\n${paragraphs}\n`);
    }
    const began = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', folder], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: join(folder, 'import.db') }, stdio: ['ignore', 'ignore', 'ignore'] });
    return (performance.now() - began) / 1000;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
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
const ratio = (r: Result, of: Result) => `${fmt((r.requests / of.requests) * 100)}%`;
const met = (ok: boolean) => (ok ? 'met' : 'MISSED');

if (values.analyser) {
  const only = analyserThroughput();
  console.log(`Analyser: ${fmt(only.documentsPerSecond)} documents/s of ${fmt(only.averageBytes / 1024, 1)} KB on one core`);
  process.exit(0);
}

execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
console.error(`load: ${WRK ? 'wrk' : 'autocannon'}, ${connections} connections, ${duration} s per measure; sizes ${sizes.join(', ')}; ${engine}, ${instances} instance(s)`);
const ceilingServer = await start({}, '/', 'test/bench/ceiling.ts');
const cachedRows: string[] = [];
const computedRows: string[] = [];
const heavyRows: string[] = [];
const starts: string[] = [];
const misses: string[] = [];
const largest = sizes.at(-1) as string;
let worstCachedRatio = Infinity;
for (const size of sizes) {
  const env = await location(size);
  const servers: Server[] = [];
  for (let i = 0; i < instances; i += 1) servers.push(await start(env));
  const [server] = servers as [Server];
  starts.push(`${size}: ${fmt(server.startedIn)} ms`);
  for (const [name, route] of ROUTES) {
    const urls = servers.map((s) => s.base + route);
    await settled(server.base + route);
    const bytes = await bodyBytes(server.base + route);
    // A second of the same load on each before measuring it: the first routes measured were the
    // first code each server ran hot (the statement list read 39 % of its ceiling, 67 % warm).
    const ceilingUrl = `${ceilingServer.base}/bytes/${bytes}`;
    await load(urls, { seconds: 1 });
    const cached = await load(urls);
    await load([ceilingUrl], { seconds: 1 });
    const ceiling = await load([ceilingUrl]);
    await settled(server.base + route);
    const single = await load(urls, { fresh: true, clients: 1 });
    await settled(server.base + route);
    const many = await load(urls, { fresh: true });
    worstCachedRatio = Math.min(worstCachedRatio, cached.requests / ceiling.requests);
    if (cached.requests < 0.6 * ceiling.requests) misses.push(`${size} ${name}: repeated at ${ratio(cached, ceiling)} of the ceiling`);
    if (size === largest && single.p99 > 25) misses.push(`${size} ${name}: computed p99 ${single.p99} ms one at a time`);
    if (size === largest && many.p99 > 150) misses.push(`${size} ${name}: computed p99 ${many.p99} ms with ${connections} clients`);
    const errors = cached.errors + single.errors + many.errors;
    if (errors > 0) misses.push(`${size} ${name}: ${errors} answers that were not 2xx (see the errors column)`);
    cachedRows.push(`| ${size.padStart(6)} | ${name.padEnd(17)} | ${fmt(bytes).padStart(9)} | ${fmt(cached.requests).padStart(7)} | ${fmt(ceiling.requests).padStart(7)} | ${ratio(cached, ceiling).padStart(5)} | ${fmt(cached.p99).padStart(4)} |`);
    computedRows.push(`| ${size.padStart(6)} | ${name.padEnd(17)} | ${fmt(single.p50).padStart(5)} | ${fmt(single.p99).padStart(5)} | ${fmt(many.requests).padStart(6)} | ${fmt(many.p50).padStart(5)} | ${fmt(many.p99).padStart(5)} | ${String(errors).padStart(6)} |`);
  }
  if (size === largest) {
    for (const [name, route] of HEAVY) {
      await settled(server.base + route);
      const timed = await oneByOne(server.base + route, 5);
      if (timed.max > 25) misses.push(`${size} ${name}: ${fmt(timed.median)} ms one at a time`);
      heavyRows.push(`| ${size.padStart(6)} | ${name.padEnd(17)} | ${timed.statuses.padStart(6)} | ${fmt(timed.bytes).padStart(11)} | ${fmt(timed.median).padStart(6)} | ${fmt(timed.max).padStart(6)} |`);
    }
  }
  computedRows.push(`| ${size.padStart(6)} | peak RSS          | ${servers.map((s) => fmt(peakRss(s.child.pid))).join(' + ')} MB |  |  |  |  |  |`);
  for (const each of servers) await stop(each.child);
}
await stop(ceilingServer.child);

// Every core: the same computed reads with 0, 1, … reader threads beside the serving thread.
const scalingRows: string[] = [];
if (readerCounts.length > 0) {
  const env = await location(largest);
  const byReaders = new Map<number, Map<string, Result>>();
  for (const readers of readerCounts) {
    // A malloc area per thread that allocates (README, Performance): one area would make the threads queue for it.
    const server = await start({ ...env, READERS: String(readers), MALLOC_ARENA_MAX: String(readers + 1) });
    // The readers start after the server answers: give them the moment they take.
    await new Promise((r) => setTimeout(r, 2_000));
    const results = new Map<string, Result>();
    for (const [name, route] of ROUTES.filter(([name]) => SCALING.includes(name))) {
      await settled(server.base + route);
      results.set(name, await load([server.base + route], { fresh: true }));
    }
    results.set('peak RSS', { requests: peakRss(server.child.pid), p50: 0, p99: 0, errors: 0 });
    byReaders.set(readers, results);
    await stop(server.child);
  }
  for (const name of [...SCALING, 'peak RSS']) {
    const cells = readerCounts.map((readers) => {
      const r = byReaders.get(readers)?.get(name);
      if (!r) return '';
      return name === 'peak RSS' ? `${fmt(r.requests)} MB` : `${fmt(r.requests)} req/s, p99 ${fmt(r.p99)} ms`;
    });
    scalingRows.push(`| ${name.padEnd(17)} | ${cells.join(' | ')} |`);
  }
}
cluster?.stop();

const analyser = analyserThroughput();
const imported = importCount > 0 ? importSeconds(importCount) : undefined;
let soakReport: string[] = [];
if (soakSeconds > 0) {
  // Its exit status says whether it met its own checks; the report is printed either way.
  const soak = spawnSync(process.execPath, ['--import', 'tsx', 'test/bench/soak.ts', '--duration', String(soakSeconds)], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  soakReport = soak.stdout.split('\n').filter((line) => line.trim() && !line.startsWith('>'));
  if (soak.status !== 0) misses.push('the soak: see its report (errors, writes not found, or memory)');
}

const cpu = cpus();
console.log(`\nMachine: ${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), Node ${process.version}; load generator (${WRK ? 'wrk, one thread' : 'autocannon, in this process'}) on the same cores; ${connections} connections, ${duration} s per measure`);
console.log(`Server: as \`npm start\` runs it (${[...Object.entries(startCommand(ROOT).env).map(([k, v]) => `${k}=${v}`), 'node', ...startCommand(ROOT).args].join(' ')}), default configuration: request logging at info, no reader threads (READERS=0)`);
console.log(`Database: ${engine === 'postgres' ? 'PostgreSQL (a throwaway cluster on this machine)' : 'SQLite'}; ${instances} instance(s) of the server${instances > 1 ? ', the connections shared between them' : ''}`);
console.log(`\nRepeated reads (from the response cache) against the ceiling: a bare Fastify route sending a constant body of the same size, measured right after (target ≥ 60 %):\n`);
console.log('|   size | route             |     bytes |   req/s | ceiling | ratio | p99 ms |');
console.log('|-------:|-------------------|----------:|--------:|--------:|------:|-------:|');
for (const row of cachedRows) console.log(row);
console.log(`\nComputed reads (\`Cache-Control: no-cache\`): one client at a time, then ${connections} at once (targets at ${largest}: p99 ≤ 25 ms one at a time, ≤ 150 ms with ${connections}):\n`);
console.log(`|   size | route             | 1 client p50 | p99 | ${connections} clients req/s | p50 | p99 | errors |`);
console.log('|-------:|-------------------|------:|------:|-------:|------:|------:|-------:|');
for (const row of computedRows) console.log(row);
if (heavyRows.length) {
  console.log(`\nAnswers that grow with the corpus, computed one at a time (5 requests):\n`);
  console.log('|   size | route             | status |       bytes | median ms | max ms |');
  console.log('|-------:|-------------------|-------:|------------:|-------:|-------:|');
  for (const row of heavyRows) console.log(row);
}
if (scalingRows.length) {
  console.log(`\nEvery core: computed reads at ${largest}, ${connections} clients, with ${readerCounts.join(', ')} reader threads:\n`);
  console.log(`| route             | ${readerCounts.map((n) => `READERS=${n}`).join(' | ')} |`);
  console.log(`|-------------------|${readerCounts.map(() => '------:').join('|')}|`);
  for (const row of scalingRows) console.log(row);
}
if (soakReport.length) console.log(`\n${soakReport.join('\n')}`);
console.log(`\nAnalyser: ${fmt(analyser.documentsPerSecond)} documents/s of ${fmt(analyser.averageBytes / 1024, 1)} KB on one core (target ≥ 300): ${met(analyser.documentsPerSecond >= 300)}`);
const coldest = Math.max(...starts.map((s) => Number(s.split(': ')[1]?.replace(/[^0-9.]/g, ''))));
console.log(`Cold start (process start to first /health answer, migrated database): ${starts.join('; ')} (target ≤ 500 ms): ${met(coldest <= 500)}`);
if (imported !== undefined) console.log(`Bulk import: ${fmt(importCount)} documents of about 5 KB in ${fmt(imported, 1)} s with \`npm run import\` (target ≤ 60 s): ${met(imported <= 60)}`);
console.log(`\nRepeated reads: the lowest ratio to the ceiling ${fmt(worstCachedRatio * 100)} %`);
console.log(misses.length ? `Missed:\n${misses.map((m) => `- ${m}`).join('\n')}` : 'Every load target met.');
