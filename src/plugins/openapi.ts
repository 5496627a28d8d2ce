import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { fromRoot } from '../paths.ts';

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject> & { components?: { schemas?: Record<string, unknown> } };

/**
 * The zod transform emits an input and an output copy of every named schema; keep only those
 * the paths actually reference (directly or through other schemas), so the contract stays readable.
 */
function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const refs = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1] as string);
  const used = new Set<string>();
  const queue = refs(document.paths);
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (used.has(name)) continue;
    used.add(name);
    queue.push(...refs(schemas[name]));
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...document.components, schemas: kept } } as OpenApiDocument;
}

interface Parameter {
  required?: boolean;
  description?: string;
  example?: unknown;
  schema?: { example?: unknown };
}

/**
 * Swagger UI fills "Try it out" with each parameter's example, and sends it: an optional filter
 * with an example then narrows the answer without the user asking (`/v1/compare?theme=funding`
 * answered for three organisations of five). Optional parameters keep their example in words only.
 */
function withoutOptionalExamples(document: OpenApiDocument): OpenApiDocument {
  const paths = document.paths as Record<string, Record<string, { parameters?: Parameter[] }>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.required === true) continue;
        const example = parameter.example ?? parameter.schema?.example;
        if (example === undefined) continue;
        delete parameter.example;
        if (parameter.schema) delete parameter.schema.example;
        const shown = Array.isArray(example) ? example.join(',') : String(example);
        if (!parameter.description?.includes(shown)) parameter.description = `${parameter.description ?? ''} Example: \`${shown}\`.`.trim();
      }
    }
  }
  return document;
}

type Operation = {
  operationId?: string;
  security?: unknown[];
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
};

type MediaTypes = FastifyInstance['mediaTypes'];

const BODIES: Record<string, unknown> = {
  'text/csv': { schema: { type: 'string', description: 'UTF-8 with a byte-order mark; one row per item, the whole answer unless `limit` is given' } },
  'application/atom+xml': {
    schema: {
      type: 'string',
      description:
        'An Atom 1.0 feed (RFC 4287) of this page, newest first: one entry per statement, quote, cited figure or stance at a statement (per item in the reference lists), each linking to the statement’s page and carrying its citation; `rel="next"` (RFC 5005) links the next page',
    },
  },
  'text/plain': { schema: { type: 'string', description: 'The bare text, as the `text` field of the JSON body' } },
  'text/html': { schema: { type: 'string', description: 'The readable page, for people: it reads the same JSON and highlights the passage the fragment names' } },
};

/** What each status means, for answers the route did not describe itself (the transform calls them all "Default Response"). */
const ANSWERS: Record<string, string> = {
  200: 'The answer',
  201: 'Stored: the statement as analysed',
  204: 'Done; no body',
  400: 'Invalid parameters or body: each named in `errors`',
  401: 'No valid API key (missing, unknown or revoked)',
  403: 'The key lacks the scope this operation needs',
  404: 'Nothing with that identifier',
  406: 'The Accept header allows nothing this operation produces',
  409: 'A different text is already stored under that URL',
  413: 'The body is over 1 MiB, or the text over its limit',
  415: 'The body is in a media type this operation does not read',
  429: 'Too many requests: wait the seconds in `Retry-After`',
  503: 'Overloaded or not ready: try again after `Retry-After`',
};

/**
 * What the zod transform cannot say, said on the document: public operations need no key
 * (`security: []`), errors are `application/problem+json` (as the error handler sends them), and
 * each operation's answers and bodies in every media type its route produces and reads.
 */
function withMediaTypesAndSecurity(document: OpenApiDocument, mediaTypes: MediaTypes): OpenApiDocument {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      operation.security ??= [];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description === 'Default Response' && ANSWERS[status]) response.description = ANSWERS[status];
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && json) response.content = { 'application/problem+json': json };
      }
      const types = operation.operationId ? mediaTypes.get(operation.operationId) : undefined;
      const success = operation.responses?.['200'];
      for (const type of types?.produces ?? []) {
        if (success?.content && BODIES[type]) success.content[type] = BODIES[type];
      }
      for (const type of types?.consumes ?? []) {
        if (operation.requestBody?.content && BODIES[type]) operation.requestBody.content[type] = BODIES[type];
      }
    }
  }
  return document;
}

/** The contract's version is the package's: `/v1` changes only by addition, so minor versions add, patches fix. */
export const API_VERSION = (JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string }).version;

const description = `Stance compares what stakeholders said about England's children's social care reform
(the 2022 Independent Review of Children's Social Care and the 2023 strategy *Stable Homes, Built on Love*).

Every statement is tagged by theme (funding, workforce, early help, kinship care) with the organisation's
stance and the exact sentences behind it (character offsets into the source document), the people quoted,
and the figures cited.

* Lists use cursor pagination: follow \`next\` in the body or the \`Link: <…>; rel="next"\` header.
* Several values per filter: repeat the parameter (\`?organisation=lga&organisation=ccn\`) or separate with commas.
* Errors are \`application/problem+json\` (RFC 9457).`;

/** Swagger UI at /docs, over the document the openapi plugin makes; registered beside the comparison page, under the page headers. */
export async function docsUi(app: FastifyInstance): Promise<void> {
  const folder = dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui'));
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    logo: { type: 'image/svg+xml', content: readFileSync(join(folder, 'static', 'logo.svg')) },
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
  });
}

/** The OpenAPI document (from the routes' zod schemas) at /openapi.json. */
export default fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Stance API', version: API_VERSION, description, contact: { name: 'Stance' } },
        servers: [{ url: '/', description: 'The server this document is served from (`npm start`: http://localhost:3000)' }],
        tags: [
          { name: 'compare', description: 'Cross-organisation comparisons: the heart of the service' },
          { name: 'statements', description: "Organisations' responses, with themes, stances, quotes and figures" },
          { name: 'quotes', description: 'Verbatim quotes with their speakers' },
          { name: 'organisations', description: 'The stakeholders and their stance per theme' },
          { name: 'themes', description: 'The themes statements are tagged with' },
          { name: 'events', description: 'The policy events statements respond to' },
          { name: 'people', description: 'Speakers quoted in statements' },
          { name: 'ingest', description: 'Analyse new press responses, store them, and correct the analysis (writes need an API key)' },
          { name: 'service', description: 'Health and the API description' },
        ],
        components: {
          securitySchemes: {
            bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key from `npm run keys -- create NAME --scope read,write`. Its scopes say what it may do: `read` what needs a key (the audit log), `write` the corpus (statements, corrections, re-analysis), `admin` the analyser\'s lexicon. Each operation that needs a key names its scope in its security requirement.' },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: (document) =>
        withMediaTypesAndSecurity(withoutOptionalExamples(withoutUnusedSchemas(jsonSchemaTransformObject(document) as OpenApiDocument)), app.mediaTypes),
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi', dependencies: ['http'] },
);
