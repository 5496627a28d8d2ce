import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problemSchema } from '../../errors.ts';
import { decodeCursor, nextLink } from '../../http/pagination.ts';
import { checkFilterSlugs } from '../shared/filters.ts';
import { idPath } from '../shared/schemas.ts';
import { listStatementIds, statementDetail, statementSummaries } from './queries.ts';
import { statementDetailSchema, statementListQuery, statementPageSchema } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      tags: ['statements'],
      summary: 'List and search statements',
      description:
        "Organisations' responses to the policy events, newest first. Filter by organisation, theme and stance (e.g. who was `critical` on `funding`), event, speaker and date; search with `q` (ranked, with highlighted snippets). Paginated with a cursor.",
      querystring: statementListQuery,
      response: { 200: statementPageSchema, 400: problemSchema },
    },
    handler: async (request, reply) => {
      const { limit, cursor, sort, ...filters } = request.query;
      checkFilterSlugs(app.db, filters);
      const page = listStatementIds(app.db, {
        filters,
        sort: sort ?? (filters.q ? 'relevance' : '-date'),
        limit,
        cursor: decodeCursor(cursor),
      });
      const summaries = statementSummaries(app.db, page.hits.map((hit) => hit.id));
      const items = summaries.map((summary, i) => ({ ...summary, snippet: page.hits[i]?.snippet ?? null, score: page.hits[i]?.score ?? null }));
      return { items, total: page.total, limit, next: nextLink(request, reply, page.next) };
    },
  });

  app.get('/:id', {
    schema: {
      tags: ['statements'],
      summary: 'One statement with its evidence',
      description:
        'The statement with its source document (and URL), the quotes with their speakers, every theme tag with its stance and evidence sentences (with character offsets into the source), and the figures it cites.',
      params: idPath,
      response: { 200: statementDetailSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const statement = statementDetail(app.db, request.params.id);
      if (!statement) throw notFound('statement', request.params.id);
      return statement;
    },
  });
};

export default routes;
