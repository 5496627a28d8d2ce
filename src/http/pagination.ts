import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { invalidParameter } from '../errors.ts';

/** Where a page starts: after the row with this sort key and id (keyset), or at an offset (relevance). */
export type Cursor = { key: string | number; id: number } | { offset: number };

const cursorSchema = z.union([
  // Bounded as ids and offsets are in both engines (32-bit): a forged cursor is a 400, never a database error.
  z.object({ k: z.union([z.string().max(1000), z.number()]), i: z.number().int().min(0).max(2_147_483_647) }).transform((c) => ({ key: c.k, id: c.i })),
  z.object({ o: z.number().int().min(0).max(2_147_483_647) }).transform((c) => ({ offset: c.o })),
]);

export function encodeCursor(cursor: Cursor): string {
  const raw = 'offset' in cursor ? { o: cursor.offset } : { k: cursor.key, i: cursor.id };
  return Buffer.from(JSON.stringify(raw)).toString('base64url');
}

export function decodeCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the 400 below
  }
  throw invalidParameter('query', 'cursor', 'is not a cursor this API issued; use the `next` link of a previous page');
}

/** The (key, id) a keyset cursor stands for (undefined without one); a cursor of another kind, or with another kind of key, is a 400. */
export function keysetOf<K extends 'string' | 'number'>(
  value: string | undefined,
  keyType: K,
): { key: K extends 'number' ? number : string; id: number } | undefined {
  const cursor = decodeCursor(value);
  if (!cursor) return undefined;
  if (!('id' in cursor) || typeof cursor.key !== keyType) {
    throw invalidParameter('query', 'cursor', 'is not a cursor for this list; use the `next` link of a previous page');
  }
  return cursor as { key: K extends 'number' ? number : string; id: number };
}

/** The offset a cursor stands for, for lists paged by position (0 without a cursor). */
export function offsetOf(cursor: Cursor | undefined): number {
  if (!cursor) return 0;
  if ('offset' in cursor) return cursor.offset;
  throw invalidParameter('query', 'cursor', 'is not a cursor for this list; use the `next` link of a previous page');
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().describe('How many items match the filters, over all pages'),
    limit: z.number().int(),
    next: z.string().nullable().describe('URL of the next page, or null on the last page'),
  });

/** Builds the next page's URL from the current request and sets the RFC 8288 Link header. */
export function nextLink(request: FastifyRequest, reply: FastifyReply, cursor: Cursor | undefined): string | null {
  if (!cursor) return null;
  const url = new URL(request.url, 'http://placeholder');
  url.searchParams.set('cursor', encodeCursor(cursor));
  const next = url.pathname + url.search;
  reply.header('link', `<${next}>; rel="next"`);
  return next;
}
