import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Requests the service makes to itself (the further pages of a CSV) carry this header with a
 * secret made at start: no client can know it, so none can pass for one. They count against no
 * allowance and are not kept by the response cache: the client's request was already counted.
 */
const HEADER = 'x-stance-internal';
const TOKEN = randomBytes(24).toString('hex');

export const internalHeaders = { [HEADER]: TOKEN };

export function isInternal(request: FastifyRequest): boolean {
  return request.headers[HEADER] === TOKEN;
}
