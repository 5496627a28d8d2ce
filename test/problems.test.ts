import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import t, { type Test } from 'tap';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { offendingCharacter, parserProblem } from '../src/http/client-errors.ts';
import { PROBLEM_TYPES } from '../src/http/problem-types.ts';
import { build, testDb } from './helper.ts';

/** The app listening on a loopback port, for what only a real socket shows (the HTTP parser's refusals). */
async function listening(t: Test, publicUrl?: string) {
  const app = await buildApp({ db: await testDb(t, { seed: false }), security: { maxEventLoopDelay: 30_000 }, publicUrl });
  t.teardown(() => app.close());
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

/** Sends raw bytes and reads the whole answer until the service closes the connection. */
function raw(port: number, request: Buffer | string): Promise<{ head: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ head, body: body ? JSON.parse(body) : undefined });
    });
  });
}

t.test('a URL the HTTP parser refuses is problem+json naming the character and how to encode it', async (t) => {
  const port = await listening(t);
  const answer = await raw(port, Buffer.from('GET /v1/statements?q=£2.6bn HTTP/1.1\r\nHost: localhost:3000\r\n\r\n', 'utf8'));
  t.equal(answer.head.split('\r\n')[0], 'HTTP/1.1 400 Invalid URL');
  t.match(answer.head, /\r\nContent-Type: application\/problem\+json\r\n/);
  t.same(answer.body, {
    type: 'http://localhost:3000/problems/invalid-url',
    title: 'Invalid URL',
    status: 400,
    detail: "The URL cannot be read: '£' must be percent-encoded as %C2%A3. With curl, let it encode the value: curl -G URL --data-urlencode 'q=…'",
    instance: '/v1/statements?q=£2.6bn',
  });
  const encoded = await (await fetch(`http://127.0.0.1:${port}/v1/statements?q=%C2%A32.6bn`)).json();
  t.same(encoded, { items: [], total: 0, totalExact: true, limit: 20, next: null }, 'the encoded form is answered');
});

t.test('a request line or headers over the limit are 414 and 431, a broken request 400, each problem+json', async (t) => {
  const port = await listening(t, 'https://stance.example.org');
  const long = await raw(port, `GET /v1/statements?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
  t.equal(long.head.split('\r\n')[0], 'HTTP/1.1 414 URI too long');
  t.same(long.body, { type: 'https://stance.example.org/problems/uri-too-long', title: 'URI too long', status: 414, detail: 'The request line is longer than 8 KB', instance: `/v1/statements?q=${'a'.repeat(47)}…` });
  const headers = await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  t.equal(headers.head.split('\r\n')[0], 'HTTP/1.1 431 Request header fields too large');
  t.same(headers.body, { type: 'https://stance.example.org/problems/headers-too-large', title: 'Request header fields too large', status: 431, detail: 'The request headers together are over 16 KB', instance: '/' });
  const broken = await raw(port, 'GET /health HTTP/1.1\r\nHo st: x\r\n\r\n');
  t.equal(broken.head.split('\r\n')[0], 'HTTP/1.1 400 Malformed request');
  t.same(broken.body, { type: 'https://stance.example.org/problems/malformed-request', title: 'Malformed request', status: 400, detail: 'The request is not well-formed HTTP (Invalid header token)', instance: '/health' });
});

t.test('what the parser refused, read from its bytes', async (t) => {
  t.same(offendingCharacter('GET /v1/statements?q=£2.6bn HTTP/1.1'), { char: '£', encoded: '%C2%A3' });
  t.same(offendingCharacter('GET /a\tb HTTP/1.1'), { char: '\t', encoded: '%09' });
  t.equal(offendingCharacter('GET /v1/statements?q=%C2%A3 HTTP/1.1'), undefined);
  const packet = (text: string) => Object.assign(new Error('Parse Error: Invalid char in url query'), { code: 'HPE_INVALID_URL', rawPacket: Buffer.from(text, 'utf8') });
  t.same(parserProblem(packet('GET /?q=é HTTP/1.1\r\nHost: stance.test:8080\r\n\r\n')), {
    slug: 'invalid-url',
    target: '/?q=é',
    detail: "The URL cannot be read: 'é' must be percent-encoded as %C3%A9. With curl, let it encode the value: curl -G URL --data-urlencode 'q=…'",
    host: 'stance.test:8080',
  });
  t.equal(parserProblem(packet('GET /?q=é HTTP/1.1\r\n\r\n')).host, undefined, 'no Host: no origin');
  const timeout = Object.assign(new Error('timeout'), { code: 'ERR_HTTP_REQUEST_TIMEOUT', rawPacket: undefined });
  t.same(parserProblem(timeout), { slug: 'request-timeout', target: '', detail: 'The request did not arrive in full in time', host: undefined });
});

t.test('every problem type resolves to a page on the service saying what it means and what to do', async (t) => {
  const app = await build(t, { seed: false });
  const list = await app.inject({ url: '/problems' });
  t.equal(list.statusCode, 200);
  t.equal(list.headers['content-type'], 'text/html; charset=utf-8');
  for (const [slug, { status, title }] of Object.entries(PROBLEM_TYPES)) {
    t.match(list.body, `<section id="${slug}"><h2>${status} ${title} <small>(${slug})</small></h2>`);
    const one = await app.inject({ url: `/problems/${slug}` });
    t.equal(one.statusCode, 200, slug);
    t.match(one.body, `<h1>${title}</h1>`);
  }
  const unknown = await app.inject({ url: '/problems/no-such-problem' });
  t.equal(unknown.statusCode, 404);
  t.same(unknown.json(), { type: 'http://localhost:80/problems/not-found', title: 'Not found', status: 404, detail: "No problem type with identifier 'no-such-problem'", instance: '/problems/no-such-problem' });
  // The page of the type an answer names is the page for that answer.
  const refused = (await app.inject({ url: '/v1/statements?stance=angry' })).json() as { type: string };
  t.equal(refused.type, 'http://localhost:80/problems/invalid-parameters');
  t.equal((await app.inject({ url: new URL(refused.type).pathname })).statusCode, 200);
});

t.test('every problem the code raises is documented', async (t) => {
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(`${dir}/${entry.name}`) : entry.name.endsWith('.ts') ? [`${dir}/${entry.name}`] : []));
  const raised = new Set(sources('src').flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/new HttpProblem\(\s*\d{3},\s*'([a-z-]+)'/g)].map((m) => m[1])));
  t.ok(raised.size >= 10);
  t.same([...raised].filter((slug) => !slug || !(slug in PROBLEM_TYPES)), []);
});

t.test('problem types are built on PUBLIC_URL when set, on the request Host otherwise, never on a Host that is not one', async (t) => {
  const app = await build(t, { seed: false });
  const hosted = (await app.inject({ url: '/v1/nothing', headers: { host: 'stance.test:3000' } })).json() as { type: string };
  t.equal(hosted.type, 'http://stance.test:3000/problems/not-found');
  const odd = (await app.inject({ url: '/v1/nothing', headers: { host: 'evil"><script>' } })).json() as { type: string };
  t.equal(odd.type, '/problems/not-found', 'relative, not echoed');
  t.equal(loadConfig({ PUBLIC_URL: 'https://stance.example.org/' }).PUBLIC_URL, 'https://stance.example.org');
  t.throws(() => loadConfig({ PUBLIC_URL: 'ftp://stance.example.org' }), /PUBLIC_URL: must be an http or https URL/);
});
