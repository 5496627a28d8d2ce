import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../errors.ts';
import { keysetOf, nextLink } from '../../http/pagination.ts';
import { manyOf, namedParam, paginationParams, stanceSchema } from '../../http/params.ts';
import { resolveFilters } from '../shared/filters.ts';
import { evidenceSchema, organisationRef, themeRef } from '../shared/schemas.ts';
import { tagTrustFields } from '../shared/tag-trust.ts';
import { reviewQueue } from './queries.ts';

const reviewQuery = z.object({
  theme: manyOf(namedParam, 'Only tags on these theme(s), by slug or name', 'funding'),
  organisation: manyOf(namedParam, 'Only tags of these organisation(s), by slug, name, short name or alias', 'lga'),
  ...paginationParams,
});

const reviewItemSchema = z
  .object({
    statement: z.object({
      id: z.number().int(),
      url: z.string(),
      date: z.string(),
      organisation: organisationRef,
      source: z.object({ title: z.string(), publisher: z.string(), url: z.string() }),
    }),
    theme: themeRef,
    stance: stanceSchema.describe('The stance the analyser gave'),
    ...tagTrustFields,
    note: z.string().nullable().describe('The cues the analyser decided on'),
    evidence: z.array(evidenceSchema),
    accept: z.string().describe('POST here (a key with the `write` scope) to accept the tag as it is'),
    correct: z.string().describe('PATCH here with `{"stance": …}` and/or evidence to correct it (it is then reviewed)'),
  })
  .meta({ id: 'ReviewItem' });

const reviewPageSchema = z
  .object({
    items: z.array(reviewItemSchema),
    total: z.number().int().describe('Unreviewed tags matching the filters, over all pages'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page, or null on the last page'),
  })
  .meta({
    id: 'ReviewPage',
    example: {
      items: [
        {
          statement: {
            id: 8,
            url: '/v1/statements/8',
            date: '2023-03-01',
            organisation: { slug: 'test-trust', name: 'Test Trust', shortName: 'Test Trust' },
            source: { title: 'Test Trust responds', publisher: 'Test Trust', url: 'https://example.org/test-trust' },
          },
          theme: { slug: 'funding', name: 'Funding' },
          stance: 'critical',
          origin: 'analysed',
          reviewed: false,
          confidence: 0.37,
          note: 'Analyser: stance from "falls far short"',
          evidence: [],
          accept: '/v1/statements/8/tags/funding/accept',
          correct: '/v1/statements/8/tags/funding',
        },
      ],
      total: 1,
      limit: 20,
      next: null,
    },
  });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listReviewQueue',
      tags: ['ingest'],
      summary: 'The review queue: machine-tagged stances to check',
      description:
        'Every tag no editor has reviewed yet, least confident first, with its evidence and where to accept or correct it: accepting (`POST accept`) or correcting (`PATCH correct`) is one request, recorded in the audit log, and the tag leaves the queue.',
      querystring: reviewQuery,
      response: { 200: reviewPageSchema, 400: problemSchema },
    },
    config: { scope: 'read' },
    handler: async (request, reply) => {
      const { limit, cursor, ...typed } = request.query;
      const filters = await resolveFilters(app.db, typed);
      const page = await reviewQueue(app.db, filters, limit, keysetOf(cursor, 'number'));
      return { items: page.items, total: page.total, limit, next: nextLink(request, reply, page.next) };
    },
  });
};

export default routes;
