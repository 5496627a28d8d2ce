import type { FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** The address the service is reached at from outside (PUBLIC_URL), when the operator set one. */
    publicUrl: string | undefined;
  }
}

// A host name, an IPv4 address or a bracketed IPv6 address, with an optional port: nothing else is echoed back.
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin links in an answer are built on: PUBLIC_URL when set (behind a proxy or under another
 * name), otherwise the scheme and Host the request came with. A Host that is not a plain host name is
 * not echoed: the answer's links are then relative.
 */
export function requestOrigin(request: FastifyRequest): string | undefined {
  return hostOrigin(request.host, request.server.publicUrl, request.protocol);
}

/** The origin from a Host header value (read by hand where the parser refused the request and there is no request object). */
export function hostOrigin(host: string | undefined, publicUrl: string | undefined, protocol = 'http'): string | undefined {
  if (publicUrl) return publicUrl;
  return host && HOST.test(host) ? `${protocol}://${host}` : undefined;
}

/**
 * Every `permalink` in an answer, made absolute on `origin`: a link a journalist pastes into an
 * article or a spreadsheet must open the passage from anywhere. Changes the answer in place (it was
 * built for this request); a link already absolute, or an answer without an origin, stays as it is.
 */
export function absolutePermalinks(value: unknown, origin: string | undefined): void {
  if (origin && value !== null && typeof value === 'object') makeAbsolute(value, origin);
}

// Walked for every answer (a comparison holds thousands of values): indexes and `for … in`, no
// arrays of entries made on the way, and strings other than a permalink are never looked at.
function makeAbsolute(value: object, origin: string): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (item !== null && typeof item === 'object') makeAbsolute(item, origin);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const field = record[key];
    if (typeof field === 'object') {
      if (field !== null) makeAbsolute(field, origin);
    } else if (key === 'permalink' && typeof field === 'string' && field.startsWith('/')) record[key] = `${origin}${field}`;
  }
}
