import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.ts';
import { notFound, problemSchema } from '../../errors.ts';
import { decodeCursor, nextLink } from '../../http/pagination.ts';
import { statementFeed } from '../../http/atom-entries.ts';
import { statementRows } from '../../http/csv-rows.ts';
import { absolutePermalinks, requestOrigin } from '../../http/origin.ts';
import { searchLimit } from '../../plugins/security.ts';
import { facetValues } from '../shared/facets.ts';
import { resolveFilters, withSearchNames } from '../shared/filters.ts';
import { idPath } from '../shared/schemas.ts';
import { allStatementIds, listStatementIds, snippetVoices, statementDetail, statementSummaries, statementUpdatedAt } from './queries.ts';
import { statementDetailSchema, statementListQuery, statementPageSchema } from './schemas.ts';

/** One statement in full, with its Last-Modified: the answer of GET /v1/statements/{id}, and of its permalink for apps. */
export async function statementAnswer(db: Db, id: number, reply: FastifyReply) {
  const statement = await statementDetail(db, id);
  if (!statement) throw notFound('statement', id);
  const updatedAt = await statementUpdatedAt(db, id);
  if (updatedAt) reply.header('last-modified', new Date(updatedAt).toUTCString());
  return statement;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listStatements',
      tags: ['statements'],
      summary: 'List and search statements',
      description:
        "Organisations' responses to the policy events, newest first. Filter by organisation, theme and stance (e.g. who was `critical` on `funding`), event, speaker and date; search with `q` (ranked, with highlighted snippets). Paginated with a cursor.",
      querystring: statementListQuery,
      response: { 200: statementPageSchema, 400: problemSchema },
    },
    config: { csv: statementRows, atom: statementFeed, rateLimit: searchLimit(app) },
    handler: async (request, reply) => {
      const { limit, cursor, sort, facet, format: _format, ...typed } = request.query;
      const filters = await withSearchNames(app.db, await resolveFilters(app.db, typed));
      const page = await listStatementIds(app.db, {
        filters,
        sort: sort ?? (filters.q ? 'relevance' : '-date'),
        limit,
        cursor: decodeCursor(cursor),
        facets: facet,
      });
      const summaries = await statementSummaries(app.db, page.hits.map((hit) => hit.id));
      const voices = await snippetVoices(app.db, page.hits);
      const items = summaries.map((summary, i) => ({
        ...summary,
        snippet: page.hits[i]?.snippet ?? null,
        snippetVoice: voices.get(summary.id) ?? null,
        score: page.hits[i]?.score ?? null,
      }));
      return { items, total: page.total, totalExact: page.totalExact, limit, next: nextLink(request, reply, page.next), facets: facetValues(request, page.facets, filters) };
    },
  });

  app.get('/:id', {
    schema: {
      operationId: 'getStatement',
      tags: ['statements'],
      summary: 'One statement with its evidence',
      description:
        'The statement with its source document (and URL), the quotes with their speakers, every theme tag with its stance and evidence sentences (with character offsets into the source), and the figures it cites.',
      params: idPath,
      response: { 200: statementDetailSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request, reply) => statementAnswer(app.db, request.params.id, reply),
  });
};

export default routes;

/** GET /v1/export: the whole corpus, one statement in full per line. */
export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'exportCorpus',
      tags: ['statements'],
      summary: 'The whole corpus as NDJSON',
      description:
        'Streams every statement in full (source, quotes, tags with evidence and citations, figures) as newline-delimited JSON, oldest first: one line per statement, the same object as GET /v1/statements/{id}.',
      response: {
        200: {
          description: 'One StatementDetail per line',
          content: { 'application/x-ndjson': { schema: statementDetailSchema } },
        },
      },
    },
    // A stream is not a body the cache can keep.
    config: { cache: false, produces: ['application/x-ndjson'] },
    handler: async (request, reply) => {
      const db = app.db;
      const origin = requestOrigin(request);
      async function* lines() {
        for (const id of await allStatementIds(db)) {
          const statement = await statementDetail(db, id);
          absolutePermalinks(statement, origin);
          if (statement) yield `${JSON.stringify(statement)}\n`;
        }
      }
      reply.header('content-type', 'application/x-ndjson; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="stance-corpus.ndjson"');
      reply.header('cache-control', 'no-cache');
      // The type provider types the body from the schema; a stream goes out as it is, unserialised.
      return reply.send(Readable.from(lines()) as never);
    },
  });
};
