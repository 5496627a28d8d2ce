import { readFileSync } from 'node:fs';
import t from 'tap';
import { OPENAPI_PATH, generateOpenApi } from '../openapi/generate.ts';
import { build } from './helper.ts';

t.test('the committed OpenAPI document is the one the app serves', async (t) => {
  const committed = readFileSync(OPENAPI_PATH, 'utf8');
  t.equal(committed, await generateOpenApi(), 'openapi/openapi.json is stale: run `npm run openapi`');
  const app = await build(t);
  const served = await app.inject({ url: '/openapi.json' });
  t.equal(served.statusCode, 200);
  t.same(served.json(), JSON.parse(committed));
});

t.test('every operation is documented with a summary, description, parameters and an example', async (t) => {
  const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
  t.equal(document.openapi, '3.1.0');
  t.equal(document.info.version, JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version, 'the contract’s version is the package’s');
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
  );
  t.ok(operations.length >= 15);
  const schemas = document.components.schemas;
  for (const { name, op } of operations) {
    t.ok(op.summary, `${name} has a summary`);
    t.ok(op.description, `${name} has a description`);
    for (const parameter of op.parameters ?? []) t.ok(parameter.description, `${name} ${parameter.name} is described`);
    const success = Object.entries(op.responses as Record<string, any>).find(([status]) => status.startsWith('2'));
    t.ok(success, `${name} documents its success response`);
    const ok = success?.[1].content?.['application/json']?.schema;
    if (!ok) continue; // 204 No Content
    const target = ok.$ref ? schemas[ok.$ref.split('/').pop()] : ok;
    t.ok(target.example, `${name} has an example response`);
  }
});

t.test('Swagger UI is served at /docs', async (t) => {
  const app = await build(t, { seed: false });
  const res = await app.inject({ url: '/docs/' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
  t.match(res.body, /swagger/i);
  const init = await app.inject({ url: '/docs/static/swagger-initializer.js' });
  t.equal(init.statusCode, 200);
});

t.test('a contract a client can be generated from: ids, security, error and CSV media types, refusals', async (t) => {
  const document = JSON.parse(readFileSync(OPENAPI_PATH, 'utf8'));
  t.same(document.servers, [{ url: '/', description: 'The server this document is served from (`npm start`: http://localhost:3000)' }]);
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, op })),
  );
  const ids = operations.map(({ op }) => op.operationId);
  t.equal(ids.filter((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)).length, operations.length, 'every operation has a camelCase operationId');
  t.equal(new Set(ids).size, ids.length, 'no two share one');
  for (const { name, path, op } of operations) {
    t.ok(Array.isArray(op.security), `${name} states its security`);
    const statuses = Object.keys(op.responses);
    for (const status of statuses.filter((s) => Number(s) >= 400)) {
      t.same(Object.keys(op.responses[status].content), ['application/problem+json'], `${name} ${status} is problem+json`);
    }
    if (path !== '/health') t.ok(statuses.includes('503'), `${name} documents 503 (overload)`);
    if ((op.parameters ?? []).length > 0 || op.requestBody) t.ok(statuses.includes('400'), `${name} documents 400`);
    const speaksCsv = (op.parameters ?? []).some((p: any) => p.name === 'format');
    t.equal(Boolean(op.responses['200']?.content?.['text/csv']), speaksCsv, `${name}: CSV documented exactly where it is served`);
    t.equal(Boolean(op.responses['200']?.content?.['application/atom+xml']), speaksCsv, `${name}: Atom documented exactly where it is served`);
  }
  t.same(
    operations.filter(({ op }) => op.security.length > 0).map(({ op }) => op.operationId).sort(),
    ['acceptTag', 'addStanceCue', 'correctQuote', 'correctTag', 'createStatement', 'createWatch', 'deleteWatch', 'getWatch', 'listAuditEntries', 'listReviewQueue', 'listWatchDeliveries', 'listWatches', 'mergeFigureMeasures', 'putTag', 'reanalyseStatement', 'recordAskOutcome', 'removeStanceCue', 'removeTag', 'renameFigureMeasure', 'resetFigureMeasure', 'setFigureMeasure', 'setOrganisationAliases', 'setPersonAliases', 'setThemeCues', 'splitFigureMeasure', 'updateWatch'],
    'only these need a key',
  );
});

t.test('answers have the statuses and media types the document gives them', async (t) => {
  const app = await build(t);
  const long = 'x'.repeat(150);
  for (const url of [`/v1/organisations/${long}`, `/v1/themes/${long}`, `/v1/events/${long}`, `/v1/people/${long}`]) {
    const res = await app.inject(url);
    t.equal(res.statusCode, 400, `${url.slice(0, 24)}…: 400, as documented`);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const csv = await app.inject('/v1/quotes?format=csv');
  t.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
  t.equal((await app.inject('/v1/figures?unit=GBP')).statusCode, 200, 'the unit pattern admits the units real figures have');
});
