import type { Test } from 'tap';
import { buildApp, type App } from '../src/app.ts';
import { openDb } from '../src/db/client.ts';
import { seedCorpus } from '../seed/load.ts';

/** The app on a fresh, migrated, seeded in-memory database, closed when the test ends. */
export async function build(t: Test, { seed = true } = {}): Promise<App> {
  const db = openDb(':memory:');
  if (seed) seedCorpus(db);
  const app = await buildApp({ db });
  t.teardown(() => app.close());
  return app;
}

/** GET a JSON path and parse it. */
export async function getJson<T = any>(app: App, url: string): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const response = await app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as T, headers: response.headers };
}

/**
 * The environment for a process a test starts (the server, a command): without tap's coverage
 * hooks, so that the child's partial coverage never mixes with the suite's own.
 */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !/^_?TAP/.test(key)));
  return { ...env, ...extra };
}
