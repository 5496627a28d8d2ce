import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import t, { type Test } from 'tap';
import { createKey } from '../src/modules/auth/keys.ts';
import { build } from './helper.ts';

// The served OpenAPI document against the service's real answers, as an app validating what it
// receives would check them: every status documented, every media type documented, every body
// valid against its schema (JSON Schema 2020-12, strict about nulls), and every example valid too.

type Operation = {
  operationId: string;
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};

// ajv-formats is CommonJS: its default export is the module, the function is on `default`.
const addFormats = ((formats as unknown as { default?: typeof formats }).default ?? formats) as unknown as (ajv: Ajv2020) => void;

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

// Real values for path parameters, from the seed corpus.
const PATH_VALUES: Record<string, Record<string, string>> = {
  '/v1/statements/{id}': { id: '1' },
  '/v1/quotes/{id}': { id: '1' },
  '/v1/organisations/{slug}': { slug: 'lga' },
  '/v1/organisations/{slug}/timeline': { slug: 'rcpch' },
  '/v1/themes/{slug}': { slug: 'funding' },
  '/v1/events/{slug}': { slug: 'implementation-strategy-2023' },
  '/v1/people/{slug}': { slug: 'james-jamieson' },
};
// Real values for required query parameters.
const QUERY_VALUES: Record<string, Record<string, string>> = {
  compareTheme: { theme: 'funding' },
  compareOrganisations: { a: 'lga', b: 'ccn' },
};
// Values each optional parameter is tried with (one at a time), by name.
const OPTIONAL_VALUES: Record<string, string[]> = {
  organisation: ['lga', 'lga,ccn'],
  organisations: ['lga,ccn'],
  theme: ['funding'],
  stance: ['critical'],
  event: ['implementation-strategy-2023'],
  speaker: ['james-jamieson'],
  from: ['2023-01-01'],
  to: ['2023-12-31'],
  q: ['funding', '"kinship care"'],
  sort: ['date'],
  limit: ['2'],
  cursor: [],
  format: ['json', 'csv', 'atom'],
  reviewed: ['true', 'false'],
  voice: ['direct', 'reported', 'own'],
  unit: ['GBP'],
  key: ['editor'],
  method: ['PATCH'],
  route: ['/tags/'],
};

interface Checked {
  answers: number;
  statuses: Record<string, number[]>;
  undocumentedStatuses: string[];
  undocumentedMediaTypes: string[];
  schemaViolations: string[];
}

interface Request {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

/** Sends a request and checks its answer against what the document says the operation answers. */
async function contract(t: Test) {
  const app = await build(t);
  const authorization = `Bearer ${await createKey(app.db, 'editor', ['read', 'write', 'admin'])}`;
  const document = (await app.inject('/openapi.json')).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const checked: Checked = { answers: 0, statuses: {}, undocumentedStatuses: [], undocumentedMediaTypes: [], schemaViolations: [] };
  const operations = new Map<string, { path: string; method: string; operation: Operation }>();
  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    for (const [method, operation] of Object.entries(methods)) operations.set(operation.operationId, { path, method, operation });
  }
  const check = async (name: string, request: Request) => {
    const found = operations.get(name);
    if (!found) throw new Error(`the document has no operation ${name}`);
    const { path, method, operation } = found;
    const res = await app.inject({
      method: request.method ?? 'GET',
      url: request.url,
      headers: { authorization, ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as string }),
    });
    checked.answers += 1;
    (checked.statuses[name] ??= []).push(res.statusCode);
    const label = `${name} ${request.method ?? 'GET'} ${request.url.slice(0, 120)}`;
    const documented = operation.responses[String(res.statusCode)];
    if (!documented) {
      checked.undocumentedStatuses.push(`${label} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res;
    }
    if (res.statusCode === 204 || res.statusCode === 304) return res;
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const content = documented.content?.[mediaType];
    if (!content) {
      checked.undocumentedMediaTypes.push(`${label} → ${res.statusCode} ${mediaType}`);
      return res;
    }
    if (!/json$/.test(mediaType)) return res;
    const validate = ajv.getSchema(`openapi.json#/${pointer('paths', path, method, 'responses', String(res.statusCode), 'content', mediaType, 'schema')}`);
    // Newline-delimited JSON: each line is one value of the schema.
    const values = mediaType === 'application/x-ndjson' ? res.body.split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [res.json()];
    for (const value of values) {
      if (!validate) checked.schemaViolations.push(`${label} → ${res.statusCode}: no schema to validate against`);
      else if (!validate(value)) checked.schemaViolations.push(`${label} → ${res.statusCode}: ${ajv.errorsText(validate.errors)}`);
    }
    return res;
  };
  const report = (t: Test, atLeast: number) => {
    t.ok(checked.answers >= atLeast, `${checked.answers} answers checked`);
    t.same(checked.undocumentedStatuses, [], '0 undocumented statuses');
    t.same(checked.undocumentedMediaTypes, [], '0 undocumented media types');
    t.same(checked.schemaViolations, [], '0 schema violations');
  };
  return { app, document, operations, check, checked, report };
}

t.test('every GET answer, with real and invalid values, is what the document says', async (t) => {
  const { operations, check, report } = await contract(t);
  for (const [name, { path, method, operation }] of operations) {
    if (method !== 'get' || name === 'exportCorpus') continue;
    const filled = path.replace(/\{(\w+)\}/g, (_, param: string) => PATH_VALUES[path]?.[param] ?? 'unknown');
    const required = new URLSearchParams(QUERY_VALUES[name] ?? {});
    const base = required.size ? `${filled}?${required}` : filled;
    const withParam = (param: string, value: string) => `${base}${base.includes('?') ? '&' : '?'}${param}=${encodeURIComponent(value)}`;
    await check(name, { url: base });
    // What the client accepts: JSON, CSV and Atom where offered, anything, and nothing the operation produces (406).
    for (const accept of ['application/json', 'text/csv', 'application/atom+xml', '*/*', 'application/xml']) await check(name, { url: base, headers: { accept } });
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query' || parameter.required) continue;
      for (const value of OPTIONAL_VALUES[parameter.name] ?? []) await check(name, { url: withParam(parameter.name, value) });
      // And a value no parameter accepts.
      await check(name, { url: withParam(parameter.name, '%%not valid%%'.repeat(20)) });
    }
    // Path parameters that name nothing, or are malformed.
    if (path.includes('{')) {
      await check(name, { url: path.replace(/\{(\w+)\}/g, (_, param: string) => (param === 'id' ? '999999' : 'no-such-thing')) });
      await check(name, { url: path.replace(/\{(\w+)\}/g, () => 'x'.repeat(150)) });
    }
  }
  await check('exportCorpus', { url: '/v1/export' });
  await check('exportCorpus', { url: '/v1/export', headers: { accept: 'application/json' } });
  report(t, 250);
});

t.test('every write answer, with a key, without one, and with bodies it cannot take, is what the document says', async (t) => {
  const { app, operations, check, checked, report } = await contract(t);
  const json = { 'content-type': 'application/json' };
  const statements = async () => (await app.db.value<number>('SELECT count(*) AS n FROM statements'))!;
  const before = await statements();
  const statement = (await check('getStatement', { url: '/v1/statements/1' })).json();
  const sentence = statement.tags[0].evidence[0] as { start: number; end: number };
  const text = 'The Local Government Association welcomed the strategy but said the £200m for early help falls far short of what councils need. "Councils cannot do this alone," said its chair.';
  const body = { text, organisation: 'lga', event: 'implementation-strategy-2023', date: '2023-02-03', url: 'https://example.org/contract', title: 'Contract test response' };

  // Real writes, in an order where each has something to act on.
  await check('analyseText', { method: 'POST', url: '/v1/analyse', payload: JSON.stringify({ text, organisation: 'lga' }), headers: json });
  await check('analyseText', { method: 'POST', url: '/v1/analyse', payload: text, headers: { 'content-type': 'text/plain' } });
  const created = (await check('createStatement', { method: 'POST', url: '/v1/statements', payload: JSON.stringify(body), headers: json })).json();
  await check('createStatement', { method: 'POST', url: '/v1/statements', payload: JSON.stringify(body), headers: json });
  await check('createStatement', { method: 'POST', url: '/v1/statements', payload: JSON.stringify({ ...body, text: `${text} More.` }), headers: json });
  const theme = created.tags[0].theme.slug as string;
  await check('reanalyseStatement', { method: 'POST', url: `/v1/statements/${created.id}/reanalyse` });
  await check('acceptTag', { method: 'POST', url: `/v1/statements/${created.id}/tags/${theme}/accept` });
  await check('correctTag', { method: 'PATCH', url: `/v1/statements/1/tags/funding`, payload: JSON.stringify({ stance: 'mixed' }), headers: json });
  await check('putTag', { method: 'PUT', url: '/v1/statements/1/tags/workforce', payload: JSON.stringify({ stance: 'critical', evidence: [sentence] }), headers: json });
  await check('removeTag', { method: 'DELETE', url: '/v1/statements/1/tags/workforce' });
  await check('correctQuote', { method: 'PATCH', url: '/v1/quotes/1', payload: JSON.stringify({ speaker: null, voice: 'own' }), headers: json });
  const cue = (await check('addStanceCue', { method: 'POST', url: '/v1/lexicon/cues', payload: JSON.stringify({ phrase: 'wholly inadequate', kind: 'critical' }), headers: json })).json();
  await check('removeStanceCue', { method: 'DELETE', url: `/v1/lexicon/cues/${cue.id}` });
  await check('setThemeCues', { method: 'PUT', url: '/v1/themes/funding/cues', payload: JSON.stringify({ cues: ['funding', 'investment'] }), headers: json });

  // Each write refused every way it can be: no key, a key that is not one, invalid and unreadable bodies, too big, nothing acceptable, nothing there.
  const writes = [...operations].filter(([, { method }]) => method !== 'get');
  for (const [name, { path, method }] of writes) {
    const url = path.replace('{id}', name.endsWith('Cue') ? '1' : '2').replace('{theme}', 'funding').replace('{slug}', 'funding');
    const request = { method: method.toUpperCase() as 'POST', url };
    await check(name, { ...request, headers: { authorization: '' } });
    await check(name, { ...request, headers: { authorization: 'Bearer stance_not_a_key' } });
    await check(name, { ...request, payload: JSON.stringify({ stance: 'furious', cues: 'x', text: 1, phrase: '' }), headers: json });
    await check(name, { ...request, payload: '{"stance": ', headers: json });
    await check(name, { ...request, payload: '<stance/>', headers: { 'content-type': 'application/xml' } });
    await check(name, { ...request, payload: 'critical', headers: { 'content-type': 'text/plain' } });
    await check(name, { ...request, payload: JSON.stringify({ text: 'x'.repeat(1_100_000) }), headers: json });
    await check(name, { ...request, payload: '{}', headers: { ...json, accept: 'text/html' } });
    await check(name, { ...request, url: path.replace(/\{\w+\}/g, (param) => (param === '{id}' ? '999999' : 'no-such-thing')), payload: '{}', headers: json });
  }
  report(t, 100);
  // Every refusal a write can give was given somewhere, so the document's list of them is exercised, not just allowed.
  const seen = new Set(Object.values(checked.statuses).flat());
  t.same([200, 201, 204, 400, 401, 404, 406, 409, 413, 415].filter((status) => !seen.has(status)), [], 'each kind of answer was seen');
  t.equal(await statements(), before + 1, 'one statement stored, whatever the refused writes sent');
});

t.test('every example in the document is valid against its schema', async (t) => {
  const app = await build(t);
  const document = (await app.inject('/openapi.json')).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const invalid: string[] = [];
  let examples = 0;
  for (const [name, schema] of Object.entries(document.components.schemas as Record<string, { example?: unknown }>)) {
    if (schema.example === undefined) continue;
    examples += 1;
    const validate = ajv.getSchema(`openapi.json#/${pointer('components', 'schemas', name)}`);
    if (!validate) invalid.push(`${name}: no schema`);
    else if (!validate(schema.example)) invalid.push(`${name}: ${ajv.errorsText(validate.errors)}`);
  }
  t.ok(examples >= 15, `${examples} examples`);
  t.same(invalid, [], 'every example validates');
});
