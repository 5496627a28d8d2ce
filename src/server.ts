import { readFileSync } from 'node:fs';
import pino from 'pino';
import { buildApp } from './app.ts';
import { defaultMaxConnections, loadConfig } from './config.ts';
import { databaseLabel, openDatabase } from './db/client.ts';
import { seedIfEmpty } from '../seed/load.ts';

// The only module that touches the process: configuration, listening, and a graceful close.
function procLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined; // not Linux: the default that assumes little
  }
}

const config = loadConfig(process.env);
// Fastify says "Server listening at …" once per network interface; the one line below says it all.
const LISTENING = 'Server listening at ';
const logger = {
  level: config.LOG_LEVEL,
  hooks: {
    logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
      if (typeof args[0] === 'string' && args[0].startsWith(LISTENING)) return;
      method.apply(this, args);
    },
  },
  // Human-readable on a terminal; JSON lines otherwise (a container, a file, a log shipper). The
  // JSON lines are written without waiting: lines logged while a write is under way go out together
  // in the next one (one system call for many requests under load, at once when idle), and what is
  // left is written before the process exits. Writing each line synchronously was about a quarter
  // of a cached answer's CPU time.
  ...(process.stdout.isTTY
    ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,method,url,status,ms', singleLine: true } } }
    : { stream: pino.destination({ dest: 1, sync: false }) }),
};
const db = await openDatabase(config);
const seeded = await seedIfEmpty(db);
const app = await buildApp({
  db,
  logger,
  publicUrl: config.PUBLIC_URL,
  webhooks: { allow: config.WEBHOOK_ALLOW, backoffMs: config.WEBHOOK_BACKOFF_MS, timeoutMs: config.WEBHOOK_TIMEOUT_MS },
  // A database only this process can see (':memory:') has nothing to share with readers.
  readers: {
    threads: !config.DATABASE_URL && config.DATABASE_PATH === ':memory:' ? 0 : config.READERS,
    database: { DATABASE_PATH: config.DATABASE_PATH, DATABASE_URL: config.DATABASE_URL, DATABASE_READ_URL: config.DATABASE_READ_URL },
    publicUrl: config.PUBLIC_URL,
  },
  security: {
    writesPerMinute: config.RATE_LIMIT_WRITES,
    analysesPerMinute: config.RATE_LIMIT_ANALYSES,
    searchesPerMinute: config.RATE_LIMIT_SEARCHES,
    keyFailuresPerMinute: config.RATE_LIMIT_KEY_FAILURES,
    maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
  },
  connections: {
    maxConnections: config.MAX_CONNECTIONS ?? defaultMaxConnections(procLimits()),
    maxConnectionsPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
    headersTimeout: config.HEADERS_TIMEOUT_MS,
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
  },
});
if (seeded) app.log.info(seeded, `seeded an empty database at ${databaseLabel(config)}`);

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal} received, closing`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error(error, 'error while closing');
        process.exit(1);
      },
    );
  });
}

try {
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const base = config.PUBLIC_URL ?? address.replace('://0.0.0.0', '://localhost').replace('://127.0.0.1', '://localhost');
  app.log.info(`Stance is ready: the API at ${base}/v1, Swagger UI at ${base}/docs, the comparison page at ${base}/ (database ${databaseLabel(config)})`);
} catch (error) {
  app.log.error(error);
  process.exit(1);
}
