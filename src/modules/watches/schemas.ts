import { z } from 'zod';
import { DELIVERY_STATUSES, WATCH_STATUSES } from '../../db/schema.ts';
import { idPath } from '../shared/schemas.ts';

export const watchIdParams = idPath;

const target = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000, 'must be at most 2000 characters')
  .describe('Where deliveries are POSTed: loopback, or a host or network the operator allows (WEBHOOK_ALLOW)');

export const watchBody = z
  .object({
    query: z
      .string()
      .trim()
      .max(2000, 'must be at most 2000 characters')
      .regex(/^\/v1\/[^\s#]*$/, 'expected a read route of this API with its filters, such as /v1/compare?theme=funding')
      .describe('The question: a public read route of this API with its query string'),
    url: target,
  })
  .strict()
  .meta({ id: 'NewWatch', example: { query: '/v1/compare?theme=funding', url: 'http://127.0.0.1:8080/stance-hook' } });

export const watchChange = z
  .object({
    status: z.enum(WATCH_STATUSES).optional().describe('`active` resumes a paused watch; `paused` holds it'),
    url: target.optional(),
  })
  .strict()
  .refine((change) => change.status !== undefined || change.url !== undefined, { message: 'give a status or a url' })
  .meta({ id: 'WatchChange', example: { status: 'active' } });

const watchFields = {
  id: z.number().int(),
  query: z.string().describe('The read it watches'),
  url: z.string().describe('Where deliveries go'),
  status: z.enum(WATCH_STATUSES).describe('`active`, or `paused` (by its owner, or after repeated failed deliveries)'),
  createdAt: z.string(),
  pausedAt: z.string().nullable(),
  failures: z.number().int().describe('Deliveries given up in a row (the watch pauses at 3)'),
  checkedThrough: z.number().int().describe('The last change (`/v1/changes` id) its answer was checked against'),
  owner: z.string().describe('The name of the API key that made it'),
  links: z.object({ self: z.string(), deliveries: z.string(), answer: z.string().describe('The watched answer') }),
};

const example = {
  id: 1,
  query: '/v1/compare?theme=funding',
  url: 'http://127.0.0.1:8080/stance-hook',
  status: 'active',
  createdAt: '2026-12-02T09:00:00.000Z',
  pausedAt: null,
  failures: 0,
  checkedThrough: 25,
  owner: 'newsroom',
  links: { self: '/v1/watches/1', deliveries: '/v1/watches/1/deliveries', answer: '/v1/compare?theme=funding' },
};

export const watchSchema = z.object(watchFields).meta({ id: 'Watch', example });

export const newWatchSchema = z
  .object({ ...watchFields, secret: z.string().describe('The key deliveries are signed with (HMAC-SHA256). Shown this once: keep it') })
  .meta({ id: 'CreatedWatch', example: { ...example, secret: 'whsec_3q2+7w…' } });

export const watchPageSchema = z
  .object({ items: z.array(watchSchema), total: z.number().int(), limit: z.number().int(), next: z.string().nullable() })
  .meta({ id: 'WatchPage', example: { items: [example], total: 1, limit: 20, next: null } });

const attemptSchema = z.object({
  at: z.string(),
  responseStatus: z.number().int().nullable().describe('The receiver’s status; null when none came'),
  error: z.string().nullable().describe('Why there was no answer (refused, timed out, a target not allowed)'),
  ms: z.number().int(),
});

export const deliverySchema = z
  .object({
    id: z.number().int(),
    createdAt: z.string(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable().describe('When it is tried next (pending only)'),
    deliveredAt: z.string().nullable(),
    body: z.record(z.string(), z.unknown()).describe('The JSON body, as sent'),
    attemptLog: z.array(attemptSchema).describe('Every attempt, oldest first'),
  })
  .meta({ id: 'Delivery' });

export const deliveryPageSchema = z
  .object({ items: z.array(deliverySchema), total: z.number().int(), limit: z.number().int(), next: z.string().nullable() })
  .meta({
    id: 'DeliveryPage',
    example: {
      items: [
        {
          id: 3,
          createdAt: '2026-12-02T09:15:00.020Z',
          status: 'delivered',
          attempts: 2,
          nextAttemptAt: null,
          deliveredAt: '2026-12-02T09:15:10.100Z',
          body: { type: 'answer.changed', watch: { id: 1, query: '/v1/compare?theme=funding' } },
          attemptLog: [
            { at: '2026-12-02T09:15:00.050Z', responseStatus: 503, error: null, ms: 12 },
            { at: '2026-12-02T09:15:10.100Z', responseStatus: 204, error: null, ms: 9 },
          ],
        },
      ],
      total: 1,
      limit: 20,
      next: null,
    },
  });
