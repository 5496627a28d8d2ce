import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { readingFromPrimary, type Db } from '../../db/database.ts';
import { KEY_SCOPES, type KeyScope } from '../../db/schema.ts';

const scryptAsync = promisify(scrypt) as (secret: string, salt: string, length: number) => Promise<Buffer>;
const HASH_LENGTH = 32;
const KEY_FORMAT = /^stance_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** A row of api_keys. */
interface KeyRow {
  id: number;
  name: string;
  keyId: string;
  salt: string;
  hash: string;
  scopes: string;
  createdAt: string;
  revokedAt: string | null;
}

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
  if ((await db.value('SELECT id FROM api_keys WHERE name = ?', [name])) !== undefined) throw new Error(`A key named '${name}' already exists`);
  const scopeList = parseScopes(scopes.join(' '));
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const hash = (await scryptAsync(secret, salt, HASH_LENGTH)).toString('hex');
  await db.run('INSERT INTO api_keys (name, key_id, salt, hash, scopes, created_at) VALUES (@name, @keyId, @salt, @hash, @scopes, @createdAt)', {
    name,
    keyId,
    salt,
    hash,
    scopes: scopeList.join(' '),
    createdAt: new Date().toISOString(),
  });
  return `stance_${keyId}_${secret}`;
}

export async function revokeKey(db: Db, name: string): Promise<boolean> {
  const result = await db.run('UPDATE api_keys SET revoked_at = ? WHERE name = ?', [new Date().toISOString(), name]);
  return result.changes > 0;
}

export async function listKeys(db: Db) {
  const rows = await db.all<Pick<KeyRow, 'name' | 'scopes' | 'createdAt' | 'revokedAt'>>(
    'SELECT name, scopes, created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_keys ORDER BY id',
  );
  return rows.map((key) => ({ ...key, scopes: parseScopes(key.scopes) }));
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
  // From the primary, where there is a replica: a key made or revoked a moment ago counts at once.
  const row = await readingFromPrimary(() =>
    db.get<KeyRow>('SELECT id, name, key_id AS "keyId", salt, hash, scopes, created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_keys WHERE key_id = ?', [
      match[1] ?? '',
    ]),
  );
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

function valid(row: KeyRow): KeyCheck {
  return { ok: true, keyId: row.keyId, name: row.name, scopes: parseScopes(row.scopes) };
}
