import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { problemSchema } from '../../errors.ts';
import { keysetOf, nextLink } from '../../http/pagination.ts';
import { manyOf, paginationParams } from '../../http/params.ts';
import { listWrites } from './queries.ts';

const auditQuery = z.object({
  key: manyOf(z.string().regex(/^[\w.-]{1,64}$/, 'expected an API key name'), 'Only writes made with these API key name(s)', 'newsroom-import'),
  method: manyOf(z.enum(['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'put', 'patch', 'delete']), 'Only these HTTP methods', 'PATCH,DELETE'),
  route: z.string().trim().min(1).max(200).optional().describe('Only routes containing this, e.g. `/tags/`').meta({ example: '/tags/' }),
  from: z.iso.datetime({ offset: true, message: 'expected a time as 2026-11-24T10:00:00Z' }).optional().describe('Writes at or after this time (ISO 8601)'),
  to: z.iso.datetime({ offset: true, message: 'expected a time as 2026-11-24T10:00:00Z' }).optional().describe('Writes at or before this time (ISO 8601)'),
  ...paginationParams,
});

const entrySchema = z
  .object({
    id: z.number().int(),
    at: z.string().describe('When (ISO 8601, UTC)'),
    keyName: z.string().describe('The name of the API key that made the write'),
    method: z.string(),
    route: z.string().describe('The route, with its parameters as names'),
    url: z.string().describe('The URL as requested'),
    status: z.number().int(),
    change: z.record(z.string(), z.unknown()).describe('The path parameters, the body (texts over 200 characters as their length) and the Location of what was made'),
  })
  .meta({ id: 'AuditEntry' });

const auditPageSchema = z
  .object({ items: z.array(entrySchema), total: z.number().int(), limit: z.number().int(), next: z.string().nullable() })
  .meta({
    id: 'AuditPage',
    example: {
      items: [
        {
          id: 12,
          at: '2026-11-24T10:02:11.204Z',
          keyName: 'newsroom',
          method: 'PATCH',
          route: '/v1/statements/:id/tags/:theme',
          url: '/v1/statements/8/tags/funding',
          status: 200,
          change: { params: { id: 8, theme: 'funding' }, body: { stance: 'mixed' } },
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
      operationId: 'listAuditEntries',
      tags: ['ingest'],
      summary: 'The audit log of writes',
      description:
        'Every write that changed something, newest first: which API key, when, the route and what it carried (statements stored, tags and quotes corrected, cues added or removed, re-analyses). Filter by key, method, route and time.',
      querystring: auditQuery,
      response: { 200: auditPageSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
    config: { scope: 'read' },
    handler: async (request, reply) => {
      const { limit, cursor, ...filters } = request.query;
      const page = await listWrites(app.db, filters, limit, keysetOf(cursor, 'string')?.id);
      return { items: page.items, total: page.total, limit, next: nextLink(request, reply, page.nextBefore === undefined ? undefined : { key: 'audit', id: page.nextBefore }) };
    },
  });
};

export default routes;
