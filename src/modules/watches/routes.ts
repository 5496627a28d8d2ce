import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpProblem, notFound, problemSchema } from '../../errors.ts';
import { requestOrigin } from '../../http/origin.ts';
import { keysetOf, nextLink } from '../../http/pagination.ts';
import { paginationParams } from '../../http/params.ts';
import { latestChange } from '../changes/queries.ts';
import { createWatch, deleteWatch, getWatch, listDeliveries, listWatches, updateWatch, type WatchRow } from './queries.ts';
import { newSecret } from './signature.ts';
import { answerDigest } from './watcher.ts';
import { refusedTarget } from './targets.ts';
import { deliveryPageSchema, newWatchSchema, watchBody, watchChange, watchIdParams, watchPageSchema, watchSchema } from './schemas.ts';

/** A watch as served: its links, never its secret. */
function watchView(watch: WatchRow) {
  return {
    id: watch.id,
    query: watch.query,
    url: watch.url,
    status: watch.status,
    createdAt: watch.createdAt,
    pausedAt: watch.pausedAt,
    failures: watch.failures,
    checkedThrough: watch.checkedThrough,
    owner: watch.keyName,
    links: { self: `/v1/watches/${watch.id}`, deliveries: `/v1/watches/${watch.id}/deliveries`, answer: watch.query },
  };
}

const badBody = (name: string, message: string) => new HttpProblem(400, 'invalid-parameters', 'Invalid parameters', `${name}: ${message}`, [{ in: 'body', name, message }]);

const routes: FastifyPluginAsyncZod = async (app) => {
  const owner = (request: FastifyRequest) => request.apiKey?.name ?? '';
  const isAdmin = (request: FastifyRequest) => request.apiKey?.scopes.includes('admin') === true;
  const ownWatch = async (request: FastifyRequest, id: number) => {
    const watch = await getWatch(app.db, id, owner(request), isAdmin(request));
    if (!watch) throw notFound('watch', id);
    return watch;
  };

  /** The read route a watch asks, checked the way a client's request would be: it must be a public read that answers now. */
  const checkQuery = async (query: string, origin: string) => {
    if (!app.watchable(query.split('?')[0] as string)) {
      throw badBody('query', `'${query}' is not a public read route of this API to watch (e.g. /v1/compare?theme=funding; see /docs)`);
    }
    const answer = await app.askAsAnyone(query, origin);
    if (answer.status !== 200) {
      const detail = (JSON.parse(answer.body) as { detail?: string }).detail ?? `it answers ${answer.status}`;
      throw badBody('query', `'${query}' does not answer now: ${detail}`);
    }
    return answer;
  };

  const checkTarget = async (url: string) => {
    const refused = await refusedTarget(app.webhookTargets, new URL(url));
    if (refused) throw badBody('url', refused);
  };

  app.post('/', {
    schema: {
      operationId: 'createWatch',
      tags: ['watches'],
      summary: 'Watch a question: be told when its answer changes',
      description: [
        'Stores a read (`query`: any public read route with its filters, e.g. `/v1/compare?theme=funding`) and a webhook `url`. Whenever a write changes that answer, the service POSTs a JSON delivery to the URL: the watch, the new answer (or its URL when over 256 KB), the changes that led to it and their `/v1/changes` link.',
        'Each delivery is signed: the `Stance-Signature` header is `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the watch’s secret>`. The secret is in this answer only: keep it. Check the HMAC and that `t` is recent before trusting a delivery.',
        'A receiver answers 2xx to accept. Anything else, or no answer within 10 s, is retried with exponential back-off (10 s, 20 s, 40 s … up to 8 attempts); deliveries of one watch arrive in order. After 3 deliveries in a row are given up, the watch pauses (`status: paused`) until its owner resumes it. Deliveries are kept in the database and survive a restart; their log is at `/v1/watches/{id}/deliveries`.',
        'Targets: loopback, and the hosts and networks the operator allows in `WEBHOOK_ALLOW`; any other target is refused (400), at creation and again at each connection.',
      ].join('\n\n'),
      body: watchBody,
      response: { 201: newWatchSchema, 400: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      const origin = requestOrigin(request) ?? 'http://localhost';
      const { query, url } = request.body;
      await checkTarget(url);
      // The answer now, and the change it reflects, are where the watch starts: only a later change is news.
      const latest = await latestChange(app.db);
      const answer = await checkQuery(query, origin);
      const secret = newSecret();
      const watch = await createWatch(app.db, {
        keyName: owner(request),
        query,
        origin,
        url,
        secret,
        digest: answerDigest(answer.status, answer.body),
        checkedThrough: latest,
        createdAt: new Date().toISOString(),
      });
      reply.code(201).header('location', `/v1/watches/${watch.id}`);
      return { ...watchView(watch), secret };
    },
  });

  app.get('/', {
    schema: {
      operationId: 'listWatches',
      tags: ['watches'],
      summary: 'Your watches',
      description: 'The watches made with this API key, newest first (every watch, for a key with the `admin` scope).',
      querystring: z.object(paginationParams),
      response: { 200: watchPageSchema, 400: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      const { limit, cursor } = request.query;
      const page = await listWatches(app.db, isAdmin(request) ? undefined : owner(request), limit, keysetOf(cursor, 'string')?.id);
      return { items: page.items.map(watchView), total: page.total, limit, next: nextLink(request, reply, page.nextBefore === undefined ? undefined : { key: 'watches', id: page.nextBefore }) };
    },
  });

  app.get('/:id', {
    schema: {
      operationId: 'getWatch',
      tags: ['watches'],
      summary: 'A watch',
      description: 'What it watches, where it delivers, whether it is active or paused and why (`failures`: deliveries given up in a row).',
      params: watchIdParams,
      response: { 200: watchSchema, 400: problemSchema, 404: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request) => watchView(await ownWatch(request, request.params.id)),
  });

  app.patch('/:id', {
    schema: {
      operationId: 'updateWatch',
      tags: ['watches'],
      summary: 'Pause, resume or retarget a watch',
      description:
        '`status: active` resumes a paused watch: its failures are cleared, the deliveries it still owes are sent in order and the changes since it paused are checked. `status: paused` holds it. `url` moves its deliveries to another allowed target.',
      params: watchIdParams,
      body: watchChange,
      response: { 200: watchSchema, 400: problemSchema, 404: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request) => {
      const watch = await ownWatch(request, request.params.id);
      if (request.body.url !== undefined) await checkTarget(request.body.url);
      await updateWatch(app.db, watch.id, request.body, new Date().toISOString());
      return watchView(await ownWatch(request, watch.id));
    },
  });

  app.delete('/:id', {
    schema: {
      operationId: 'deleteWatch',
      tags: ['watches'],
      summary: 'Stop watching',
      description: 'Removes the watch with its deliveries and their log; nothing more is sent.',
      params: watchIdParams,
      response: { 204: z.null().describe('Removed'), 400: problemSchema, 404: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      const watch = await ownWatch(request, request.params.id);
      await deleteWatch(app.db, watch.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/:id/deliveries', {
    schema: {
      operationId: 'listWatchDeliveries',
      tags: ['watches'],
      summary: 'A watch’s deliveries and their attempts',
      description:
        'Newest first: each delivery’s body as sent, its status (`pending`, with when it is next tried; `delivered`; `failed`, given up), and every attempt with the receiver’s status or the error, and how long it took.',
      params: watchIdParams,
      querystring: z.object(paginationParams),
      response: { 200: deliveryPageSchema, 400: problemSchema, 404: problemSchema },
    },
    config: { scope: 'write' },
    handler: async (request, reply) => {
      const watch = await ownWatch(request, request.params.id);
      const { limit, cursor } = request.query;
      const page = await listDeliveries(app.db, watch.id, limit, keysetOf(cursor, 'string')?.id);
      return { items: page.items, total: page.total, limit, next: nextLink(request, reply, page.nextBefore === undefined ? undefined : { key: 'deliveries', id: page.nextBefore }) };
    },
  });
};

export default routes;
