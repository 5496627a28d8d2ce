import cors from '@fastify/cors';
import etag from '@fastify/etag';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Negotiator from 'negotiator';
import { HttpProblem, problemSchema } from '../errors.ts';
import { ATOM_TYPE, atomFeed, feedContext, type FeedOf } from '../http/atom.ts';
import { internalHeaders } from '../http/internal.ts';
import { absolutePermalinks, requestOrigin } from '../http/origin.ts';
import { MAX_PAGE } from '../http/params.ts';

export type CsvRows = (body: never) => Record<string, unknown>[];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Flattens the route's JSON body into spreadsheet rows: the route then also speaks CSV. */
    csv?: CsvRows;
    /** Makes the route's JSON body a feed's entries (see http/atom-entries.ts): the route then also speaks Atom. */
    atom?: FeedOf;
    /** The media types the route answers with, best first (default JSON, then CSV where `csv` is set and Atom where `atom` is). */
    produces?: string[];
    /** The media types the route reads a body in (default JSON, for every method that takes a body). */
    consumes?: string[];
  }
  interface FastifyInstance {
    /** What each documented operation produces and reads, by operationId: the OpenAPI document says the same. */
    mediaTypes: Map<string, { produces: string[]; consumes?: string[] }>;
  }
}

const JSON_TYPE = 'application/json';
const CSV_TYPE = 'text/csv';
/** What `?format=` names. */
const FORMATS: Record<string, string> = { json: JSON_TYPE, csv: CSV_TYPE, atom: ATOM_TYPE };
const READS = new Set(['GET', 'HEAD']);

/** The first page's CSV, then each further page's rows, read from the service itself by following `next`. */
async function* followPages(app: FastifyInstance, request: FastifyRequest, next: string, first: string, toCsv: (page: unknown) => string): AsyncGenerator<string> {
  yield first;
  let url: string | null = next;
  while (url) {
    const target = new URL(url, 'http://local');
    target.searchParams.set('format', 'json');
    target.searchParams.set('limit', String(MAX_PAGE));
    const response = await app.inject({
      method: 'GET',
      url: target.pathname + target.search,
      headers: { accept: 'application/json', ...internalHeaders, ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) },
    });
    // A page that fails mid-way ends the stream with an error, so the client sees a cut answer, never a short one passed off as whole.
    if (response.statusCode !== 200) throw new Error(`page ${target.pathname + target.search} answered ${response.statusCode}`);
    const page = response.json() as { next?: unknown; more?: unknown };
    yield toCsv(page);
    url = typeof page.next === 'string' && page.more !== false ? page.next : null;
  }
}

function notModifiedSince(since: string | undefined, lastModified: unknown): boolean {
  if (!since || typeof lastModified !== 'string') return false;
  const sinceTime = Date.parse(since);
  return Number.isFinite(sinceTime) && Math.floor(Date.parse(lastModified) / 1000) <= Math.floor(sinceTime / 1000);
}

/** The media type `?format=` names (json, csv, atom), if it names one. */
function formatType(request: FastifyRequest): string | undefined {
  const format = (request.query as { format?: unknown } | undefined)?.format;
  return typeof format === 'string' && Object.hasOwn(FORMATS, format) ? FORMATS[format] : undefined;
}

/**
 * The media type to answer with: the one `format` names, if the route produces it; else the best the
 * Accept header allows of those the route produces (negotiated with q-values and wildcards), else
 * undefined when it allows none of them. Without an Accept header, the route's first.
 */
export function chosenMediaType(request: FastifyRequest): string | undefined {
  const produces = request.routeOptions.config.produces ?? [JSON_TYPE];
  const named = formatType(request);
  if (named) return produces.includes(named) ? named : undefined;
  const accept = request.headers.accept;
  if (!accept || accept === '*/*' || accept === produces[0]) return produces[0];
  return new Negotiator(request).mediaType(produces);
}

/** The media type of a request's body, without its parameters: `application/json; charset=utf-8` is `application/json`. */
function bodyMediaType(request: FastifyRequest): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/**
 * What apps, spreadsheets and feed readers need from HTTP: CORS open for reads, strong ETags with 304
 * on If-None-Match, Cache-Control, CSV on every list and comparison (through csv-stringify, with cells
 * that start with = + - @ neutralised so that a spreadsheet never runs them), and Atom on the same
 * routes (through feedsmith, see http/atom.ts).
 */
export default fp(
  async (app) => {
    // Each documented operation says what it produces and reads, answers 406 when the client accepts
    // none of what it produces and 415 for a body it cannot read, and its document lists both.
    app.decorate('mediaTypes', new Map());
    app.addHook('onRoute', (route) => {
      if (!route.schema || route.schema.hide) return;
      const config = (route.config ??= {});
      config.produces ??= [JSON_TYPE, ...(config.csv ? [CSV_TYPE] : []), ...(config.atom ? [ATOM_TYPE] : [])];
      const refusals: Record<number, typeof problemSchema> = { 406: problemSchema };
      if ([route.method].flat().some((method) => !READS.has(method))) {
        config.consumes ??= [JSON_TYPE];
        refusals[413] = problemSchema;
        refusals[415] = problemSchema;
      }
      if (route.schema.operationId) app.mediaTypes.set(route.schema.operationId, { produces: config.produces, consumes: config.consumes });
      route.schema = { ...route.schema, response: { ...refusals, ...(route.schema.response as object | undefined) } };
    });
    app.addHook('onRequest', async (request) => {
      const { produces } = request.routeOptions.config;
      if (produces && chosenMediaType(request) === undefined) {
        // A format the operation does not produce is refused, as an Accept header would be, not answered in another.
        if (formatType(request)) {
          const named = (request.query as { format: string }).format;
          const formats = Object.keys(FORMATS).filter((name) => produces.includes(FORMATS[name] ?? ''));
          throw new HttpProblem(
            406,
            'not-acceptable',
            'Not acceptable',
            `This operation answers ${produces.join(' or ')} (or application/problem+json for an error); format=${named} asks for none of them`,
            [{ in: 'query', name: 'format', message: `must name one of ${formats.join(', ')}` }],
          );
        }
        throw new HttpProblem(
          406,
          'not-acceptable',
          'Not acceptable',
          `This operation answers ${produces.join(' or ')} (or application/problem+json for an error); the Accept header '${request.headers.accept}' allows none of them`,
          [{ in: 'header', name: 'accept', message: `must allow ${produces.join(' or ')}` }],
        );
      }
    });
    // After the key is proven (onRequest): only an authorised client learns what the body should be.
    app.addHook('preParsing', async (request) => {
      const { consumes } = request.routeOptions.config;
      const type = consumes && bodyMediaType(request);
      if (type && consumes && !consumes.includes(type)) {
        throw new HttpProblem(
          415,
          'unsupported-media-type',
          'Unsupported media type',
          `This operation reads a body as ${consumes.join(' or ')}, not ${type}`,
          [{ in: 'header', name: 'content-type', message: `must be ${consumes.join(' or ')}` }],
        );
      }
    });

    await app.register(cors, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'], exposedHeaders: ['Link', 'ETag', 'Location'] });

    app.addHook('preSerialization', async (request, _reply, payload) => {
      absolutePermalinks(payload, requestOrigin(request));
      return payload;
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const { csv: toRows, atom: toFeed } = request.routeOptions.config;
      if (toRows || toFeed) reply.header('vary', 'Accept');
      if (request.method === 'GET' || request.method === 'HEAD') {
        // What needs a key, refusals included, is never for shared caches.
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', request.routeOptions.config.scope ? 'private, no-store' : 'public, max-age=60');
        if (!request.fromCache && reply.statusCode === 200 && request.url.startsWith('/v1/') && !reply.hasHeader('last-modified')) {
          // Reads are answered from the corpus: nothing served changed after its last change.
          const last = await app.db.value<string | null>('SELECT max(updated_at) AS last FROM statements');
          if (last) reply.header('last-modified', new Date(last).toUTCString());
        }
        if (notModifiedSince(request.headers['if-modified-since'], reply.getHeader('last-modified')) && !request.headers['if-none-match']) {
          reply.code(304);
          return '';
        }
      } else {
        reply.header('cache-control', 'no-store');
      }
      // Kept, or made by a reader thread's own copy of these hooks: already in its final form.
      if (request.fromCache || request.fromReader || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      const type = chosenMediaType(request);
      if (toFeed && type === ATOM_TYPE) {
        const body = JSON.parse(payload) as { next?: unknown; more?: unknown };
        const origin = requestOrigin(request) ?? 'http://localhost';
        const lastModified = reply.getHeader('last-modified');
        reply.header('content-type', 'application/atom+xml; charset=utf-8');
        return atomFeed(toFeed(body as never, feedContext(origin)), {
          origin,
          url: request.url,
          next: typeof body.next === 'string' && body.more !== false ? body.next : null,
          ...(typeof lastModified === 'string' ? { updated: new Date(lastModified) } : {}),
        });
      }
      if (!toRows || type !== CSV_TYPE) return payload;
      // A feed to stay in step with (`/v1/changes`) always says where to ask next, and with `more` whether anything waits there.
      const body = JSON.parse(payload) as { next?: unknown; more?: unknown };
      const rows = toRows(body as never);
      const name = (request.routeOptions.url ?? 'export').replace(/^\/v1\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '') || 'export';
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="stance-${name}.csv"`);
      // A byte-order mark so that spreadsheets read £ and curly quotes as UTF-8.
      const first = `\uFEFF${stringify(rows, { header: true, escape_formulas: true, columns: rows.length === 0 ? ['(no rows)'] : undefined })}`;
      // A spreadsheet gets the whole answer, not its first page, unless the client chose a page size.
      if (typeof body.next !== 'string' || body.more === false || new URL(request.url, 'http://local').searchParams.has('limit')) return first;
      reply.removeHeader('link');
      const columns = Object.keys(rows[0] ?? {});
      return Readable.from(followPages(app, request, body.next, first, (page) => stringify(toRows(page as never), { header: false, escape_formulas: true, columns })));
    });

    await app.register(etag, { weak: true });
  },
  { name: 'http', dependencies: ['db'] },
);
