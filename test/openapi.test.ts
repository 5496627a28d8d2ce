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
  t.equal(document.openapi, '3.0.3');
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
