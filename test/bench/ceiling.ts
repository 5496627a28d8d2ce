import Fastify from 'fastify';

// The ceiling: bare Fastify routes in a process of their own, measured with the same load as the
// API in the same run. `/` returns a constant; `/bytes/N` a constant JSON body of exactly N bytes,
// already serialised, so that each measured answer is read against what sending its size alone costs.
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
// Each body made once, as bytes: a constant that a server would keep, as the response cache keeps its answers.
const bodies = new Map<number, Buffer>();
function body(size: number): Buffer {
  let found = bodies.get(size);
  if (found === undefined) {
    const filler = Math.max(0, size - '{"x":""}'.length);
    found = Buffer.from(`{"x":"${'x'.repeat(filler)}"}`);
    bodies.set(size, found);
  }
  return found;
}
app.get<{ Params: { size: string } }>('/bytes/:size', async (request, reply) => reply.type('application/json; charset=utf-8').send(body(Number(request.params.size))));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
