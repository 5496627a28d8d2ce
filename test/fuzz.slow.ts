import fc from 'fast-check';
import t from 'tap';
import { buildApp } from '../src/app.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { testDb } from './helper.ts';
import { readFileSync } from 'node:fs';

// Read, not imported: a JSON import needs import attributes, which not every TypeScript loader keeps.
const openapi = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'));

// Every route of the published contract, driven with random and hostile input derived from its
// parameters: never a 5xx, every 4xx a problem+json that says what is wrong, and a refused
// write changes nothing in the database.

interface Parameter {
  name: string;
  in: 'query' | 'path';
  schema?: { type?: string };
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: boolean;
}

const operations: Operation[] = Object.entries(openapi.paths as Record<string, Record<string, { parameters?: Parameter[]; requestBody?: unknown }>>).flatMap(
  ([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody !== undefined,
    })),
);

const HOSTILE = [
  '"',
  '""',
  '"unbalanced',
  'NEAR(kinship funding)',
  'NEAR(',
  'kinship*',
  '*',
  '^kinship',
  'AND OR NOT',
  'text:kinship',
  '{text summary}: care',
  "' OR 1=1 --",
  '1; DROP TABLE statements',
  "Robert'); DROP TABLE quotes;--",
  '%00',
  '\u0000',
  '\u0007\u001b[31m',
  '\ud800',
  '💷£€',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  ' ',
  '',
  'funding',
  'lga',
  'critical',
  'implementation-strategy-2023',
  '2023-02-02',
  '2023-13-45',
  'eyJrIjoiMjAyMyIsImkiOjN9',
  'eyJvIjotMX0',
  'bm90IGpzb24',
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1e12, max: 1e12 }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.constant('k'.repeat(100_000)) },
);

/** A lone surrogate cannot be percent-encoded as UTF-8: it goes as a byte that is not UTF-8 either. */
function percentEncoded(value: string): string {
  return [...value].map((c) => { try { return encodeURIComponent(c); } catch { return '%FF'; } }).join('');
}

/** Percent-encoded, with now and then raw bytes that are not UTF-8 (`%FF`, `%C3%28`). */
const encoded = fc.oneof(
  { weight: 6, arbitrary: text.map(percentEncoded) },
  { weight: 1, arbitrary: fc.constantFrom('%FF', '%C3%28', '%E2%82', '%', '%zz', '%00') },
);

function requestFor(operation: Operation) {
  const pathParams = operation.parameters.filter((p) => p.in === 'path');
  const queryParams = operation.parameters.filter((p) => p.in === 'query');
  return fc.record({
    path: fc.tuple(...pathParams.map(() => fc.oneof(encoded, fc.integer({ min: -5, max: 50 }).map(String)))),
    query: fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...(queryParams.length ? queryParams.map((p) => p.name) : ['q'])) },
          { weight: 1, arbitrary: fc.constantFrom('unknown', 'limit', 'cursor', '__proto__', 'constructor', 'a[b]') },
        ),
        encoded,
      ),
      { maxLength: 6 },
    ),
    body: fc.oneof(
      fc.constant(undefined),
      fc.jsonValue({ maxDepth: 3 }).map((value) => ({ type: 'application/json', payload: JSON.stringify(value) })),
      fc.dictionary(fc.constantFrom('text', 'phrase', 'kind', 'stance', 'organisation', 'event', 'date', 'url', 'title', 'speaker', 'cues', 'weight', 'note'), fc.oneof(text, fc.integer(), fc.constant(null), fc.array(text, { maxLength: 3 })), { maxKeys: 6 }).map((value) => ({ type: 'application/json', payload: JSON.stringify(value) })),
      fc.constantFrom(
        { type: 'application/json', payload: '{"text": ' },
        { type: 'application/json', payload: '\u0000' },
        { type: 'application/xml', payload: '<text>kinship</text>' },
        { type: 'text/plain', payload: 'Kinship carers deserve an allowance.' },
        { type: 'application/x-www-form-urlencoded', payload: 'text=kinship' },
        { type: 'application/json', payload: JSON.stringify({ text: 'x'.repeat(120_000) }) },
      ),
    ),
    key: fc.constantFrom('valid', 'none', 'garbage', 'revoked'),
    accept: fc.constantFrom(undefined, 'text/csv', 'application/json', 'application/atom+xml', '*/*', 'image/png', 'text/csv;q=0.1, application/json'),
  });
}

t.test('every route answers hostile input with a 2xx/3xx or a precise problem+json 4xx, and refused writes change nothing', async (t) => {
  const db = await testDb(t);
  const app = await buildApp({ db, security: { writesPerMinute: 1_000_000, maxEventLoopDelay: 30_000 } });
  t.teardown(() => app.close());
  const keys = {
    valid: `Bearer ${await createKey(db, 'fuzz')}`,
    revoked: `Bearer ${await createKey(db, 'fuzz-revoked')}`,
    garbage: 'Bearer stance_0123456789ab_notavalidsecretnotavalidsecretnotavalidsecre',
    none: undefined,
  };
  await db.run("UPDATE api_keys SET revoked_at = '2026-01-01' WHERE name = 'fuzz-revoked'");
  // The token that moves with every committed change (total_changes() on SQLite, a trigger-kept counter on PostgreSQL).
  const changes = () => db.version();

  let requests = 0;
  const statuses = new Map<number, number>();
  for (const operation of operations) {
    await fc.assert(
      fc.asyncProperty(requestFor(operation), async (input) => {
        let index = 0;
        const path = operation.path.replace(/\{[^}]+\}/g, () => input.path[index++] ?? 'x');
        const query = input.query.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&');
        const url = query ? `${path}?${query}` : path;
        const write = operation.method !== 'GET';
        // Let the event loop go round, as sockets make it in service: a run of injected requests is
        // all promises, and without this the overload guard's timer never fired until the end, then
        // measured the whole run (over 30 s on a loaded machine) as one delay and refused the next request.
        await new Promise((resolve) => setImmediate(resolve));
        const before = await changes();
        const headers: Record<string, string> = {};
        const authorization = keys[input.key as keyof typeof keys];
        if (authorization) headers.authorization = authorization;
        if (input.accept) headers.accept = input.accept;
        if (input.body) headers['content-type'] = input.body.type;
        const res = await app.inject({ method: operation.method as 'GET', url, headers, ...(input.body ? { payload: input.body.payload } : {}) });
        requests += 1;
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);

        if (res.statusCode >= 500) throw new Error(`${operation.method} ${url} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
        if (res.statusCode >= 400) {
          if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`${operation.method} ${url} → ${res.statusCode} as ${res.headers['content-type']}`);
          const problem = res.json() as { status: number; title: string; detail: string; errors?: { name: string; message: string }[] };
          if (problem.status !== res.statusCode || !problem.title || !problem.detail) throw new Error(`${operation.method} ${url} → an incomplete problem: ${res.body.slice(0, 300)}`);
          for (const error of problem.errors ?? []) if (!error.name || !error.message) throw new Error(`${operation.method} ${url} → an error that names nothing: ${res.body.slice(0, 300)}`);
          if (write && (await changes()) !== before) throw new Error(`${operation.method} ${url} → ${res.statusCode}, yet the database changed`);
        }
      }),
      { numRuns: operation.method === 'GET' ? 40 : 60, seed: 20261124 },
    );
  }
  t.ok(requests >= operations.length * 40, `${requests} requests over ${operations.length} operations`);
  t.ok((statuses.get(400) ?? 0) > 0 && (statuses.get(200) ?? 0) > 0, `answered: ${[...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s} × ${n}`).join(', ')}`);
});
