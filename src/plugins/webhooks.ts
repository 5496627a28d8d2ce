import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import FindMyWay from 'find-my-way';
import { internalHeaders } from '../http/internal.ts';
import { DEFAULT_WEBHOOKS, Watcher, type Ask, type WebhookOptions } from '../modules/watches/watcher.ts';
import { targetPolicy, type TargetPolicy } from '../modules/watches/targets.ts';
import { API_VERSION } from './openapi.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Tells watches when their answers change (src/modules/watches). */
    watcher: Watcher;
    /** Where webhooks may go: loopback and WEBHOOK_ALLOW. */
    webhookTargets: TargetPolicy;
    /** A read route's answer as anyone gets it, asked from inside (no allowance counted, no cache). */
    askAsAnyone: Ask;
    /** Whether a path is a public read a watch may ask: a GET under /v1/ that needs no key and whose answers are the same for everyone. */
    watchable(path: string): boolean;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Webhooks for watches: after every write that succeeded, the watches are checked at once; a
 * process that listens also polls (for writes made by other processes, and deliveries falling
 * due after a restart). Stopped, and waited for, when the app closes.
 */
export default fp<Partial<WebhookOptions>>(
  async (app, options) => {
    const settings = { ...DEFAULT_WEBHOOKS, ...options };
    const targets = targetPolicy(settings.allow);
    const ask: Ask = async (query, origin) => {
      const response = await app.inject({ method: 'GET', url: query, headers: { ...internalHeaders, host: origin.replace(/^https?:\/\//, '') } });
      return { status: response.statusCode, body: response.body };
    };
    const watcher = new Watcher(app.db, ask, targets, settings, app.log, `Stance-Webhooks/${API_VERSION}`);
    app.decorate('watcher', watcher);
    app.decorate('webhookTargets', targets);
    app.decorate('askAsAnyone', ask);

    // The routes a watch may ask, matched as Fastify's router matches them (parameters, trailing slashes).
    const watchableRoutes = FindMyWay({ ignoreTrailingSlash: true });
    app.addHook('onRoute', (route) => {
      const methods = [route.method].flat();
      if (!methods.includes('GET') || !route.url.startsWith('/v1/') || route.url.startsWith('/v1/watches')) return;
      if (route.config?.scope !== undefined || route.config?.cache === false) return;
      watchableRoutes.on('GET', route.url, () => undefined);
    });
    app.decorate('watchable', (path: string) => watchableRoutes.find('GET', path) !== null);

    app.addHook('onResponse', async (request: FastifyRequest, reply) => {
      if (READS.has(request.method) || reply.statusCode < 200 || reply.statusCode >= 300) return;
      if (!request.routeOptions.url?.startsWith('/v1/')) return;
      watcher.kick();
    });
    app.addHook('onListen', async () => watcher.start());
    app.addHook('onClose', async () => watcher.stop());
  },
  { name: 'webhooks', dependencies: ['db'] },
);
