import fc from 'fast-check';
import t from 'tap';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { compiles, serializerCompiler } from '../src/http/serializer.ts';
import { build } from './helper.ts';

// The compiled serializer against the type provider's (JSON.stringify of z.encode): the same bytes.
const route = (schema: z.ZodType) => ({ schema, method: 'GET', url: '/test', httpStatus: '200' });
const compiled = (schema: z.ZodType) => serializerCompiler(route(schema)) as (value: unknown) => string;
const byZod = (schema: z.ZodType) => zodSerializerCompiler(route(schema)) as (value: unknown) => string;

const stance = z.enum(['supportive', 'critical', 'mixed', 'neutral']);
const answer = z.object({
  id: z.number().int(),
  value: z.number(),
  name: z.string(),
  shortName: z.string().optional(),
  stance: stance.nullable(),
  status: z.literal('ok'),
  reviewed: z.boolean(),
  speaker: z.object({ name: z.string(), role: z.string().nullable() }).nullable(),
  tags: z.array(z.object({ theme: z.string(), counts: z.object({ supportive: z.number().int(), critical: z.number().int() }) })),
  detail: z.record(z.string(), z.unknown()),
  next: z.string().nullable(),
});

t.test('what the routes declare is written by fast-json-stringify, with the bytes zod writes', async (t) => {
  t.ok(compiles(answer));
  const value = {
    id: 7,
    value: 2_600_000_000.5,
    name: 'Royal College of Paediatrics and Child Health',
    stance: null,
    status: 'ok',
    reviewed: true,
    speaker: { name: 'Dr Camilla Kingdon', role: null },
    tags: [{ theme: 'funding', counts: { supportive: 0, critical: 2 } }],
    detail: { before: { stance: 'neutral' }, after: null, list: [1, 'two'] },
    next: '/v1/statements?cursor=eyJvIjoyMH0',
  };
  const write = compiled(answer);
  t.equal(write(value), byZod(answer)(value));
  t.equal(write(value), JSON.stringify(value), 'declared keys in their order: the answer as built');

  const extra = { ...value, secret: 'x', speaker: { ...value.speaker, email: 'x@example.org' }, tags: [{ ...value.tags[0], hidden: true }] };
  t.equal(write(extra), byZod(answer)(extra), 'keys the schema does not declare are dropped, at every depth');
  t.notMatch(write(extra), /secret|email|hidden/);

  const reordered = Object.fromEntries(Object.entries(value).reverse());
  t.equal(write(reordered), byZod(answer)(reordered), 'keys in the order the schema declares them, whatever the order built');
  t.equal(write({ ...value, shortName: undefined }), byZod(answer)({ ...value, shortName: undefined }), 'an optional key left undefined is left out');
  t.equal(write({ ...value, shortName: 'RCPCH' }), byZod(answer)({ ...value, shortName: 'RCPCH' }), 'and written when set');
  t.equal(write({ ...value, detail: { gone: undefined, kept: 1 } }), byZod(answer)({ ...value, detail: { gone: undefined, kept: 1 } }), 'a record drops undefined values as JSON.stringify does');
  t.equal(write({ ...value, speaker: null }), byZod(answer)({ ...value, speaker: null }), 'a nullable object written null');

  const { name: _name, ...unnamed } = value;
  t.throws(() => write(unnamed), /name/, 'a required key missing is an error, as with zod (the answer is a 500, never a short body)');
  t.throws(() => byZod(answer)(unnamed));
});

t.test('strings and numbers: exactly as JSON.stringify writes them, for any value zod accepts', async (t) => {
  const schema = z.object({ text: z.string(), number: z.number(), texts: z.array(z.string()), maybe: z.string().nullable().optional() });
  const write = compiled(schema);
  const zod = byZod(schema);
  for (const text of ['', 'plain', '"quoted" \\ back\\slash', 'line\nbreak\ttab\u0000\u001f', '£2.6bn — “curly” ‘quotes’', '\ud83d\ude00 emoji', 'lone \ud800 surrogate', 'x'.repeat(6000) + '"']) {
    const value = { text, number: 1, texts: [text, text], maybe: text };
    t.equal(write(value), zod(value), JSON.stringify(text.slice(0, 30)));
  }
  for (const number of [0, -0, 1.5, -2.25, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE]) {
    t.equal(write({ text: '', number, texts: [] }), zod({ text: '', number, texts: [] }), String(number));
  }
  fc.assert(
    fc.property(fc.string({ unit: 'binary' }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.array(fc.string({ unit: 'grapheme' })), fc.option(fc.string(), { nil: undefined }), (text, number, texts, maybe) => {
      const value = { text, number, texts, maybe };
      return write(value) === zod(value);
    }),
    { numRuns: 500 },
  );
});

t.test('what fast-json-stringify cannot write as zod does stays with zod', async (t) => {
  const transformed = z.object({ at: z.string().transform((s) => s.toUpperCase()) });
  const unions = z.object({ key: z.union([z.string(), z.number()]) });
  const defaults = z.object({ limit: z.number().default(20) });
  const loose = z.looseObject({ id: z.number() });
  const codec = z.object({ when: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }) });
  t.notOk(compiles(transformed), 'a transform is not compiled');
  t.throws(() => compiled(transformed)({ at: 'x' }), /transform/, 'and zod refuses to write it (a transform cannot be encoded)');
  for (const [name, schema, value] of [
    ['a union', unions, { key: 1 }],
    ['a default', defaults, { limit: 5 }],
    ['a loose object', loose, { id: 1, more: 2 }],
    ['a codec', codec, { when: new Date('2026-12-02T10:00:00Z') }],
  ] as const) {
    t.notOk(compiles(schema), `${name} is not compiled`);
    t.equal(compiled(schema)(value), byZod(schema)(value), `${name}: zod's bytes`);
  }
  t.equal(compiled(codec)({ when: new Date('2026-12-02T10:00:00Z') }), '{"when":"2026-12-02T10:00:00.000Z"}', 'a codec encoded');
  t.throws(() => compiled(unions)({ key: true }), 'and checked by zod');
});

t.test('every GET answer of the corpus, every parameter, written the same by both (and valid for zod)', async (t) => {
  const app = await build(t);
  const differences: string[] = [];
  let compared = 0;
  app.addHook('preSerialization', async (request, reply, payload) => {
    const schema = (request.routeOptions.schema?.response as Record<string, z.ZodType> | undefined)?.[String(reply.statusCode)];
    if (!schema || request.method !== 'GET') return payload;
    compared += 1;
    // zod checks the answer as it writes it: an answer it refuses is a difference too.
    try {
      if (compiled(schema)(payload) !== byZod(schema)(payload)) differences.push(`${request.url} ${reply.statusCode}`);
    } catch (error) {
      differences.push(`${request.url} ${reply.statusCode}: ${(error as Error).message}`);
    }
    return payload;
  });
  const document = (await app.inject('/openapi.json')).json() as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> };
  const values: Record<string, string> = { id: '1', slug: 'lga', theme: 'funding', a: 'lga', b: 'ccn', organisation: 'lga', organisations: 'lga,ccn', stance: 'critical', event: 'implementation-strategy-2023', speaker: 'james-jamieson', q: 'funding', unit: 'GBP', reviewed: 'true', limit: '2', voice: 'direct' };
  for (const [path, methods] of Object.entries(document.paths)) {
    const operation = methods.get;
    if (!operation || path === '/v1/export') continue;
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => (path.startsWith('/v1/themes') ? 'funding' : path.startsWith('/v1/events') ? 'implementation-strategy-2023' : path.startsWith('/v1/people') ? 'james-jamieson' : (values[name] ?? '1')));
    const required = (operation.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${values[p.name] ?? ''}`);
    const base = required.length ? `${url}?${required.join('&')}` : url;
    await app.inject(base);
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query' || parameter.required) continue;
      const join = base.includes('?') ? '&' : '?';
      if (values[parameter.name]) await app.inject(`${base}${join}${parameter.name}=${encodeURIComponent(values[parameter.name] ?? '')}`);
      await app.inject(`${base}${join}${parameter.name}=%25%25not%20valid`);
    }
  }
  t.ok(compared > 150, `${compared} answers compared`);
  t.same(differences, [], 'no answer written differently');
});
