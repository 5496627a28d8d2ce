import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Test } from 'tap';

// A webhook receiver for the tests, on loopback, as a newsroom's would be.

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback that answers each POST with the next status of `statuses` (the last one repeats). */
export async function receiver(t: Test, statuses: number[] = [204]) {
  const received: Received[] = [];
  const waiting: (() => void)[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const status = statuses[Math.min(received.length, statuses.length - 1)] as number;
      received.push({ headers: request.headers, body });
      response.writeHead(status).end();
      waiting.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    /** Resolves once `count` deliveries have arrived (fails the test after 10 s). */
    async until(count: number): Promise<Received[]> {
      const deadline = Date.now() + 10_000;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`${received.length} of ${count} deliveries arrived within 10 s`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received;
    },
  };
}

/** Waits until `check` holds, polling (fails after 10 s). */
export async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within 10 s: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
