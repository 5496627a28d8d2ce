import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from '../errors.ts';
import { checkKey } from '../modules/auth/keys.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler for writes: a valid, unrevoked API key in `Authorization: Bearer …`. */
    requireKey: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    keyName?: string;
  }
}

export const bearerSecurity = [{ bearerAuth: [] }];

/** Writes need an API key; reads stay public. */
export default fp(
  async (app) => {
    app.decorate('requireKey', async (request: FastifyRequest, reply: FastifyReply) => {
      const header = request.headers.authorization;
      const token = header?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
      if (!token) {
        reply.header('www-authenticate', 'Bearer realm="stance"');
        throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'This request needs an API key: send `Authorization: Bearer <key>` (create one with `npm run keys -- create NAME`)');
      }
      const check = await checkKey(app.db, token);
      if (!check.ok && check.reason === 'revoked') {
        throw new HttpProblem(403, 'forbidden', 'Forbidden', 'This API key has been revoked');
      }
      if (!check.ok) {
        reply.header('www-authenticate', 'Bearer realm="stance", error="invalid_token"');
        throw new HttpProblem(401, 'unauthorized', 'Unauthorized', 'The API key is not valid');
      }
      request.keyName = check.name;
    });
  },
  { name: 'auth', dependencies: ['db'] },
);
