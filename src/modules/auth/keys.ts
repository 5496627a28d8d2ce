import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiKeys } from '../../db/schema.ts';

const scryptAsync = promisify(scrypt) as (secret: string, salt: string, length: number) => Promise<Buffer>;
const HASH_LENGTH = 32;
const KEY_FORMAT = /^stance_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export type KeyCheck = { ok: true; name: string } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

/**
 * Creates a key and returns it: the only time the secret is ever shown. The key names its row
 * (`stance_<id>_<secret>`) so that checking it costs one lookup and one hash; only a salted
 * scrypt hash of the secret is stored.
 */
export async function createKey(db: Db, name: string): Promise<string> {
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error('A key name is 1 to 64 letters, digits, dots, dashes or underscores');
  if (db.orm.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, name)).get()) throw new Error(`A key named '${name}' already exists`);
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const hash = (await scryptAsync(secret, salt, HASH_LENGTH)).toString('hex');
  db.orm.insert(apiKeys).values({ name, keyId, salt, hash, createdAt: new Date().toISOString() }).run();
  return `stance_${keyId}_${secret}`;
}

export function revokeKey(db: Db, name: string): boolean {
  const result = db.orm.update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(eq(apiKeys.name, name)).run();
  return result.changes > 0;
}

export function listKeys(db: Db) {
  return db.orm.select({ name: apiKeys.name, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt }).from(apiKeys).all();
}

// Keys already proven with scrypt, by row: a SHA-256 of the secret that passed and the stored hash
// it passed against. scrypt (16 MB, tens of milliseconds) then runs once per key and process, not
// once per write; the row is still read every time, so revocation takes effect at once.
const proven = new Map<string, { secret: Buffer; hash: string }>();
const sha256 = (text: string) => createHash('sha256').update(text).digest();

/** Checks a presented key, comparing hashes in constant time. */
export async function checkKey(db: Db, presented: string): Promise<KeyCheck> {
  const match = KEY_FORMAT.exec(presented);
  if (!match) return { ok: false, reason: 'malformed' };
  const row = db.orm.select().from(apiKeys).where(eq(apiKeys.keyId, match[1] ?? '')).get();
  const known = row ? proven.get(row.keyId) : undefined;
  if (row && known && known.hash === row.hash && timingSafeEqual(known.secret, sha256(match[2] ?? ''))) {
    return row.revokedAt ? { ok: false, reason: 'revoked' } : { ok: true, name: row.name };
  }
  // Hash even for an unknown id, so that timing does not tell which ids exist.
  const salt = row?.salt ?? '00000000000000000000000000000000';
  const actual = await scryptAsync(match[2] ?? '', salt, HASH_LENGTH);
  const expected = Buffer.from(row?.hash ?? '0'.repeat(HASH_LENGTH * 2), 'hex');
  if (!row || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'unknown' };
  if (proven.size >= 1_000) proven.clear();
  proven.set(row.keyId, { secret: sha256(match[2] ?? ''), hash: row.hash });
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  return { ok: true, name: row.name };
}
