import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import t from 'tap';
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
const OPTIONAL_VALUES: Record<string, string> = {
  organisation: 'lga',
  organisations: 'lga,ccn',
  theme: 'funding',
  stance: 'critical',
  event: 'implementation-strategy-2023',
  speaker: 'james-jamieson',
  from: '2023-01-01',
  to: '2023-12-31',
  q: 'funding',
  sort: 'date',
  limit: '2',
  format: 'json',
  reviewed: 'true',
  voice: 'direct',
  unit: 'GBP',
  key: 'editor',
  method: 'PATCH',
  route: '/tags/',
};

t.test('every GET answer, with real and invalid values, is what the document says', async (t) => {
  const app = await build(t);
  const authorization = `Bearer ${await createKey(app.db, 'editor', ['read', 'write', 'admin'])}`;
  const document = (await app.inject('/openapi.json')).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');

  const checked = { answers: 0, undocumentedStatuses: [] as string[], undocumentedMediaTypes: [] as string[], schemaViolations: [] as string[] };
  const check = async (name: string, path: string, operation: Operation, url: string) => {
    const res = await app.inject({ url, headers: { authorization } });
    checked.answers += 1;
    const documented = operation.responses[String(res.statusCode)];
    if (!documented) {
      checked.undocumentedStatuses.push(`${name} ${url} → ${res.statusCode}`);
      return;
    }
    if (res.statusCode === 204 || res.statusCode === 304) return;
    const mediaType = String(res.headers['content-type'] ?? '').split(';')[0] ?? '';
    const content = documented.content?.[mediaType];
    if (!content) {
      checked.undocumentedMediaTypes.push(`${name} ${url} → ${res.statusCode} ${mediaType}`);
      return;
    }
    if (!/json$/.test(mediaType)) return;
    const method = 'get';
    const validate = ajv.getSchema(`openapi.json#/${pointer('paths', path, method, 'responses', String(res.statusCode), 'content', mediaType, 'schema')}`);
    if (!validate) checked.schemaViolations.push(`${name} ${url} → ${res.statusCode}: no schema to validate against`);
    else if (!validate(res.json())) {
      checked.schemaViolations.push(`${name} ${url} → ${res.statusCode}: ${ajv.errorsText(validate.errors)}`);
    }
  };

  for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, Operation>>)) {
    const operation = methods.get;
    if (!operation || operation.operationId === 'exportCorpus') continue;
    const name = operation.operationId;
    const filled = path.replace(/\{(\w+)\}/g, (_, param: string) => PATH_VALUES[path]?.[param] ?? 'unknown');
    const required = new URLSearchParams(QUERY_VALUES[name] ?? {});
    const base = required.size ? `${filled}?${required}` : filled;
    await check(name, path, operation, base);
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query' || parameter.required) continue;
      const value = OPTIONAL_VALUES[parameter.name];
      if (value !== undefined) await check(name, path, operation, `${base}${base.includes('?') ? '&' : '?'}${parameter.name}=${encodeURIComponent(value)}`);
      // And a value no parameter accepts.
      await check(name, path, operation, `${base}${base.includes('?') ? '&' : '?'}${parameter.name}=${encodeURIComponent('%%not valid%%'.repeat(20))}`);
    }
    // Path parameters that name nothing, or are malformed.
    if (path.includes('{')) {
      await check(name, path, operation, path.replace(/\{(\w+)\}/g, (_, param: string) => (param === 'id' ? '999999' : 'no-such-thing')));
      await check(name, path, operation, path.replace(/\{(\w+)\}/g, () => 'x'.repeat(150)));
    }
  }
  t.ok(checked.answers > 150, `${checked.answers} answers checked`);
  t.same(checked.undocumentedStatuses, [], '0 undocumented statuses');
  t.same(checked.undocumentedMediaTypes, [], '0 undocumented media types');
  t.same(checked.schemaViolations, [], '0 schema violations');
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
