import { askFeed } from '../../http/atom-entries.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problemSchema } from '../../errors.ts';
import { askRows } from '../../http/csv-rows.ts';
import { decodeCursor, nextLink, offsetOf } from '../../http/pagination.ts';
import { resolveFilters } from '../shared/filters.ts';
import { idPath } from '../shared/schemas.ts';
import { askDetail, askGroups, recordOutcome } from './queries.ts';
import { askDetailSchema, askGroupPageSchema, asksQuery, outcomeBody } from './schemas.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', {
    schema: {
      operationId: 'listAsks',
      tags: ['compare'],
      summary: 'The asks ledger: what organisations ask of government, who shares each ask, and what became of it',
      description:
        'Every ask an organisation makes ("we urge the Government to increase the funding …", "calls on ministers to …", "it is crucial that all political parties commit to …"), grouped with the similar asks of other organisations: ' +
        'the same theme, the same family of targets (ministers, the Treasury and the Department for Education are the government) and alike in what they ask (shared words, shared amounts such as £2.6bn). ' +
        'Each group says in words how many organisations share it, and lists each organisation’s wording with its citation, permalink and outcome; the group’s outcome is the newest recorded on any of its asks. ' +
        'Filters choose groups (a group with a matching ask is shown whole, so that who shares it stays visible). Most organisations first.',
      querystring: asksQuery,
      response: { 200: askGroupPageSchema, 400: problemSchema },
    },
    config: { csv: askRows, atom: askFeed },
    handler: async (request, reply) => {
      const { limit, cursor, format: _format, organisation, theme, event, ...rest } = request.query;
      const filters = await resolveFilters(app.db, { organisation, theme, event });
      const found = await askGroups(app.db, { ...rest, ...filters }, { offset: offsetOf(decodeCursor(cursor)), limit });
      const next = nextLink(request, reply, found.nextOffset === undefined ? undefined : { offset: found.nextOffset });
      return { groups: found.groups, total: found.total, askCount: found.askCount, limit, next };
    },
  });

  app.get('/:id', {
    schema: {
      operationId: 'getAsk',
      tags: ['compare'],
      summary: 'One ask, with its outcome history',
      description: 'The ask with who asks whom for what, its wording, citation and permalink, every outcome editors recorded on it (newest first) and the group of similar asks it stands in.',
      params: idPath,
      response: { 200: askDetailSchema, 400: problemSchema, 404: problemSchema },
    },
    handler: async (request) => {
      const ask = await askDetail(app.db, request.params.id);
      if (!ask) throw notFound('ask', request.params.id);
      return ask;
    },
  });

  app.post('/:id/outcomes', {
    schema: {
      operationId: 'recordAskOutcome',
      tags: ['ingest'],
      summary: 'Record what became of an ask',
      description:
        'Records that an ask was `met`, `partly met` or `not met`, with the source that shows it (an http or https URL) and the date it was decided (not in the future), and a note if wanted. ' +
        'The newest outcome is the ask’s (and counts for its group); earlier ones stay as its history. The change is in the changes feed (`ask.outcome`) and the audit log. Answers 201 with the ask, Location its URL.',
      params: idPath,
      body: outcomeBody,
      response: { 201: askDetailSchema, 400: problemSchema, 404: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      const { id } = request.params;
      if (!(await recordOutcome(app.db, id, request.body, request.apiKey?.name ?? '(none)'))) throw notFound('ask', id);
      request.log.info({ key: request.apiKey?.name, ask: id, outcome: request.body.outcome }, 'ask outcome recorded');
      reply.header('location', `/v1/asks/${id}`).code(201);
      return askDetail(app.db, id);
    },
  });
};

export default routes;
