import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { canonicalUrl, pathRecord } from '../shared/filters.ts';
import { z } from 'zod';
import { EVENT_KINDS } from '../../domain/analyse/lexicon.ts';
import { notFound, problemSchema } from '../../errors.ts';
import { eventFeed } from '../../http/atom-entries.ts';
import { itemRows } from '../../http/csv-rows.ts';
import { formatParam } from '../../http/params.ts';
import { exampleStatementSummary } from '../shared/examples.ts';
import { slugPath, statementSummarySchema } from '../shared/schemas.ts';
import { statementSummaries } from '../statements/queries.ts';
import { eventBySlug, listEvents, statementIdsFor } from './queries.ts';

const eventSchema = z
  .object({
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    publishedOn: z.string().describe('YYYY-MM-DD'),
    publisher: z.string(),
    kind: z
      .enum(EVENT_KINDS)
      .describe('What the event puts forward: a government `measure`, or an independent review’s `recommendations` (no measure yet). Stance is judged toward it: after a measure, a demand is critical; on recommendations, urging the Government to adopt them is supportive'),
    statementCount: z.number().int().describe('Statements responding to the event'),
  })
  .meta({ id: 'Event' });

const eventListSchema = z.object({ items: z.array(eventSchema), total: z.number().int() }).meta({
  id: 'EventList',
  example: {
    items: [
      {
        slug: 'implementation-strategy-2023',
        title: 'Stable Homes, Built on Love',
        description: "The Children's Social Care Implementation Strategy and consultation …",
        publishedOn: '2023-02-02',
        publisher: 'Department for Education',
        kind: 'measure',
        statementCount: 6,
      },
    ],
    total: 1,
  },
});

const eventDetailSchema = eventSchema
  .extend({ statements: z.array(statementSummarySchema).describe('Responses to the event, newest first') })
  .meta({
    id: 'EventDetail',
    example: {
      slug: 'implementation-strategy-2023',
      title: 'Stable Homes, Built on Love',
      description: 'The Children’s Social Care Implementation Strategy and consultation …',
      publishedOn: '2023-02-02',
      publisher: 'Department for Education',
      kind: 'measure',
      statementCount: 6,
      statements: [exampleStatementSummary],
    },
  });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listEvents',
      tags: ['events'],
      summary: 'List policy events',
      description: 'The policy events statements respond to, in date order.',
      querystring: z.object(formatParam),
      response: { 200: eventListSchema, 400: problemSchema },
    },
    config: { csv: itemRows, atom: eventFeed },
    handler: async () => {
      const items = (await listEvents(app.db)).map(({ id: _id, ...event }) => event);
      return { items, total: items.length };
    },
  });

  app.get('/:slug', {
    schema: {
      operationId: 'getEvent',
      tags: ['events'],
      summary: 'One policy event and the responses to it',
      description: 'The event with every statement responding to it, newest first.',
      params: slugPath,
      response: { 200: eventDetailSchema, 308: z.undefined().describe('Found by another name (`/v1/events/Stable%20Homes,%20Built%20on%20Love`): Location is the URL with its slug'), 404: problemSchema },
    },
    handler: async (request, reply) => {
      const { slug, moved } = await pathRecord(app.db, 'event', request.params.slug);
      if (moved) return reply.redirect(canonicalUrl(request.url, request.params.slug, slug), 308);
      const event = await eventBySlug(app.db, slug);
      if (!event) throw notFound('event', slug);
      const { id, ...fields } = event;
      return { ...fields, statements: await statementSummaries(app.db, await statementIdsFor(app.db, id)) };
    },
  });
};

export default routes;
