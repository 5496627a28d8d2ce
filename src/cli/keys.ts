import { loadConfig } from '../config.ts';
import { closeDb, openDb } from '../db/client.ts';
import { createKey, listKeys, revokeKey } from '../modules/auth/keys.ts';

// `npm run keys -- create NAME | revoke NAME | list`: API keys for writes, in the configured database.
const [command, name] = process.argv.slice(2);
const usage = 'usage: npm run keys -- create NAME | revoke NAME | list';
const db = openDb(loadConfig(process.env).DATABASE_PATH);
try {
  if (command === 'create' && name) {
    const key = await createKey(db, name);
    console.log(`Created key '${name}'. It is shown only now; store it safely:\n${key}`);
  } else if (command === 'revoke' && name) {
    if (!revokeKey(db, name)) throw new Error(`No key named '${name}'`);
    console.log(`Revoked key '${name}'.`);
  } else if (command === 'list') {
    const keys = listKeys(db);
    if (keys.length === 0) console.log('No keys.');
    for (const key of keys) console.log(`${key.name}\tcreated ${key.createdAt}${key.revokedAt ? `\trevoked ${key.revokedAt}` : ''}`);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  closeDb(db);
}
