import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The server as `npm start` runs it, read from package.json's start script (`NAME=value … node
 * FLAGS… dist/server.js`): the environment it sets and node's arguments, so that the benchmarks
 * measure exactly what a newcomer runs, memory settings included.
 */
export function startCommand(root: string): { env: Record<string, string>; args: string[] } {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [name, ...parts] = (words.shift() as string).split('=');
    const value = parts.join('=');
    // `${NAME:-default}`: the environment's value when set, as the shell reads it.
    const fallback = /^\$\{([A-Z_][A-Z0-9_]*):-(.*)\}$/.exec(value);
    env[name as string] = fallback ? (process.env[fallback[1] as string] || (fallback[2] as string)) : value;
  }
  if (words.shift() !== 'node') throw new Error(`the start script does not run node: ${script}`);
  return { env, args: words };
}
