import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { createKey, DEFAULT_SCOPES, listKeys, parseScopes, revokeKey } from '../modules/auth/keys.ts';

// `npm run keys -- create NAME [--scope read,write,admin] | revoke NAME | list`: API keys, in the configured database.
const usage = 'usage: npm run keys -- create NAME [--scope read,write,admin] | revoke NAME | list';
const db = await openDatabase(loadConfig(process.env));
try {
  const { positionals, values } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { scope: { type: 'string', multiple: true } } });
  const [command, name] = positionals;
  if (command === 'create' && name) {
    const scopes = values.scope ? parseScopes(values.scope.join(' ')) : [...DEFAULT_SCOPES];
    const key = await createKey(db, name, scopes);
    console.log(`Created key '${name}' with scopes ${scopes.join(', ')}. It is shown only now; store it safely:\n${key}`);
  } else if (command === 'revoke' && name) {
    if (!(await revokeKey(db, name))) throw new Error(`No key named '${name}'`);
    console.log(`Revoked key '${name}'.`);
  } else if (command === 'list') {
    const keys = await listKeys(db);
    if (keys.length === 0) console.log('No keys.');
    for (const key of keys) console.log(`${key.name}\t${key.scopes.join(',')}\tcreated ${key.createdAt}${key.revokedAt ? `\trevoked ${key.revokedAt}` : ''}`);
  } else {
    throw new Error(usage);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
