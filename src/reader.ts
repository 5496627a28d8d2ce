import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from './app.ts';
import { openDatabase, type DatabaseConfig } from './db/client.ts';
import type { ReaderAnswer, ReaderQuestion } from './plugins/readers.ts';

// A reader thread (see plugins/readers.ts): its own copy of the app on its own connection to the
// database, answering the public reads the serving thread hands it, one after another. The
// serving thread has already checked each question and counted it against its allowances, so
// this copy counts nothing; it never listens, and it writes nothing.
const { database, publicUrl } = workerData as { database: DatabaseConfig; publicUrl?: string };
const port = parentPort;
if (!port) throw new Error('reader.ts runs as a worker thread of the server');
const UNLIMITED = Number.MAX_SAFE_INTEGER;
const db = await openDatabase(database);
const app = await buildApp({
  db,
  publicUrl,
  security: { writesPerMinute: UNLIMITED, analysesPerMinute: UNLIMITED, searchesPerMinute: UNLIMITED, keyFailuresPerMinute: UNLIMITED, maxEventLoopDelay: UNLIMITED },
});
await app.ready();
port.on('message', async ({ id, url, headers }: ReaderQuestion) => {
  const response = await app.inject({ method: 'GET', url, headers });
  const answer: ReaderAnswer = { id, status: response.statusCode, headers: {}, body: response.body };
  for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') answer.headers[name] = value;
  port.postMessage(answer);
});
port.postMessage({ ready: true });
