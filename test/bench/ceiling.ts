import Fastify from 'fastify';

// The ceiling: a bare Fastify route returning a constant, in a process of its own, measured
// with the same load as the API in the same run.
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
// The same with a body the size of a typical API answer, already serialised: what sending the
// bytes alone costs, to read the cached answers against.
const SIZED = JSON.stringify({ items: Array.from({ length: 64 }, (_, i) => ({ id: i, text: 'x'.repeat(220) })) });
app.get('/16k', async (_request, reply) => reply.type('application/json').send(SIZED));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
