import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { apiKeys, KEY_SCOPES, type KeyScope } from '../../db/schema.ts';

const scryptAsync = promisify(scrypt) as (secret: string, salt: string, length: number) => Promise<Buffer>;
const HASH_LENGTH = 32;
const KEY_FORMAT = /^stance_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export type KeyCheck = { ok: true; keyId: string; name: string; scopes: KeyScope[] } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

/** An editor's key unless told otherwise: it reads what needs a key and writes the corpus, but does not change the lexicon or keys. */
export const DEFAULT_SCOPES: readonly KeyScope[] = ['read', 'write'];

/** Scopes as a list (`read,write` or `read write`), each checked; throws naming an unknown one. */
export function parseScopes(text: string): KeyScope[] {
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((scope) => !(KEY_SCOPES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new Error(`Unknown scope '${unknown.join("', '")}': a key's scopes are ${KEY_SCOPES.join(', ')}`);
  if (scopes.length === 0) throw new Error(`A key needs at least one scope: ${KEY_SCOPES.join(', ')}`);
  return KEY_SCOPES.filter((scope) => scopes.includes(scope));
}

/**
 * Creates a key and returns it: the only time the secret is ever shown. The key names its row
 * (`stance_<id>_<secret>`) so that checking it costs one lookup and one hash; only a salted
 * scrypt hash of the secret is stored.
 */
export async function createKey(db: Db, name: string, scopes: readonly KeyScope[] = DEFAULT_SCOPES): Promise<string> {
  if (!/^[\w.-]{1,64}$/.test(name)) throw new Error('A key name is 1 to 64 letters, digits, dots, dashes or underscores');
  if (db.orm.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.name, name)).get()) throw new Error(`A key named '${name}' already exists`);
  const scopeList = parseScopes(scopes.join(' '));
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const hash = (await scryptAsync(secret, salt, HASH_LENGTH)).toString('hex');
  db.orm.insert(apiKeys).values({ name, keyId, salt, hash, scopes: scopeList.join(' '), createdAt: new Date().toISOString() }).run();
  return `stance_${keyId}_${secret}`;
}

export function revokeKey(db: Db, name: string): boolean {
  const result = db.orm.update(apiKeys).set({ revokedAt: new Date().toISOString() }).where(eq(apiKeys.name, name)).run();
  return result.changes > 0;
}

export function listKeys(db: Db) {
  return db.orm
    .select({ name: apiKeys.name, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .all()
    .map((key) => ({ ...key, scopes: parseScopes(key.scopes) }));
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
    return row.revokedAt ? { ok: false, reason: 'revoked' } : valid(row);
  }
  // Hash even for an unknown id, so that timing does not tell which ids exist.
  const salt = row?.salt ?? '00000000000000000000000000000000';
  const actual = await scryptAsync(match[2] ?? '', salt, HASH_LENGTH);
  const expected = Buffer.from(row?.hash ?? '0'.repeat(HASH_LENGTH * 2), 'hex');
  if (!row || !timingSafeEqual(actual, expected)) return { ok: false, reason: 'unknown' };
  if (proven.size >= 1_000) proven.clear();
  proven.set(row.keyId, { secret: sha256(match[2] ?? ''), hash: row.hash });
  if (row.revokedAt) return { ok: false, reason: 'revoked' };
  return valid(row);
}

function valid(row: typeof apiKeys.$inferSelect): KeyCheck {
  return { ok: true, keyId: row.keyId, name: row.name, scopes: parseScopes(row.scopes) };
}
