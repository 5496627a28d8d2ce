import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { KeyScope } from '../db/schema.ts';
import { HttpProblem, problemSchema } from '../errors.ts';
import { FixedWindows } from '../http/windows.ts';
import { checkKey } from '../modules/auth/keys.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs an API key with this scope; without one it answers 401 (no key, or not valid) or 403 (valid, without the scope). */
    scope?: KeyScope;
  }
  interface FastifyRequest {
    /** The API key the request was proven to carry (only on routes that need one). */
    apiKey?: { id: string; name: string; scopes: KeyScope[] };
  }
}

export interface AuthOptions {
  /** Failed key checks allowed per address per minute; past that, 429 without checking (scrypt is costly on purpose). */
  keyFailuresPerMinute: number;
}

/** The security requirement of a route that needs a key with `scope` (OpenAPI role names for a bearer scheme). */
const keySecurity = (scope: KeyScope) => [{ bearerAuth: [scope] }];

const unauthorized = (reply: FastifyReply, detail: string, error?: string) => {
  reply.header('www-authenticate', `Bearer realm="stance"${error ? `, error="${error}"` : ''}`);
  return new HttpProblem(401, 'unauthorized', 'Unauthorized', detail);
};

/**
 * Reads stay public; a route that says `config: { scope }` needs an API key with that scope.
 * The key is proven before anything else is done for the request (before the body is read, before
 * the rate limit picks its bucket), and an address that keeps presenting keys that are not valid is
 * refused before any more of them are hashed. Unknown, malformed and revoked keys get the same 401,
 * so an answer never tells whether a key id exists.
 */
export default fp<AuthOptions>(
  async (app, options) => {
    // Failed key checks per address in the current minute.
    const failures = new FixedWindows();

    app.addHook('onRoute', (route) => {
      const scope = route.config?.scope;
      if (!scope) return;
      route.schema = {
        ...route.schema,
        security: keySecurity(scope),
        description: `${route.schema?.description ?? ''}\n\nNeeds an API key with the \`${scope}\` scope.`.trim(),
        response: { 401: problemSchema, 403: problemSchema, 429: problemSchema, ...(route.schema?.response as object | undefined) },
      };
    });

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const scope = request.routeOptions.config.scope;
      if (!scope) return;
      const token = request.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      if (!token) throw unauthorized(reply, 'This request needs an API key: send `Authorization: Bearer <key>` (create one with `npm run keys -- create NAME`)');
      const failed = failures.peek(request.ip);
      if (failed.count >= options.keyFailuresPerMinute) {
        const wait = Math.ceil(failed.resetIn / 1000);
        reply.header('retry-after', String(wait));
        throw new HttpProblem(429, 'too-many-requests', 'Too many requests', `Too many API keys that are not valid from this address; try again in ${wait} s`);
      }
      const check = await checkKey(app.db, token);
      if (!check.ok) {
        failures.add(request.ip, 60_000);
        throw unauthorized(reply, 'The API key is not valid (unknown, malformed or revoked)', 'invalid_token');
      }
      if (!check.scopes.includes(scope)) {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', `This API key's scopes are ${check.scopes.join(', ')}; this request needs the \`${scope}\` scope`);
      }
      request.apiKey = { id: check.keyId, name: check.name, scopes: check.scopes };
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
