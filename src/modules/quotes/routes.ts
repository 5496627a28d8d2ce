import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problemSchema } from '../../errors.ts';
import { decodeCursor, nextLink } from '../../http/pagination.ts';
import { quoteFeed } from '../../http/atom-entries.ts';
import { quoteRows } from '../../http/csv-rows.ts';
import { searchLimit } from '../../plugins/security.ts';
import { facetValues } from '../shared/facets.ts';
import { resolveFilters, withSearchNames } from '../shared/filters.ts';
import { idPath } from '../shared/schemas.ts';
import { listQuoteIds, quotesByIds } from './queries.ts';
import { quoteListQuery, quotePageSchema, quoteSchema } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listQuotes',
      tags: ['quotes'],
      summary: 'List and search quotes',
      description:
        'Verbatim quotes with their speaker, organisation and source, newest first. Same filters as statements: `theme` and `stance` keep the quotes that are evidence for that theme and stance (e.g. what the councils said about kinship care). Search with `q`.',
      querystring: quoteListQuery,
      response: { 200: quotePageSchema, 400: problemSchema },
    },
    config: { csv: quoteRows, atom: quoteFeed, rateLimit: searchLimit(app) },
    handler: async (request, reply) => {
      const { limit, cursor, sort, facet, format: _format, ...typed } = request.query;
      const filters = await withSearchNames(app.db, await resolveFilters(app.db, typed));
      const page = await listQuoteIds(app.db, { filters, sort: sort ?? (filters.q ? 'relevance' : '-date'), limit, cursor: decodeCursor(cursor), facets: facet });
      const quotes = await quotesByIds(app.db, page.hits.map((hit) => hit.id));
      const items = quotes.map((quote, i) => ({ ...quote, snippet: page.hits[i]?.snippet ?? null, score: page.hits[i]?.score ?? null }));
      return { items, total: page.total, totalExact: page.totalExact, limit, next: nextLink(request, reply, page.next), facets: facetValues(request, page.facets, filters) };
    },
  });

  app.get('/:id', {
    schema: {
      operationId: 'getQuote',
      tags: ['quotes'],
      summary: 'One quote',
      description: 'The quote with its speaker, organisation, statement, source document and the themes it is evidence for.',
      params: idPath,
      response: { 200: quoteSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const [quote] = await quotesByIds(app.db, [request.params.id]);
      if (!quote) throw notFound('quote', request.params.id);
      return quote;
    },
  });
};

export default routes;
