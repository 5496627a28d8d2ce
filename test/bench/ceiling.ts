import Fastify from 'fastify';

// The ceiling: a bare Fastify route returning a constant, in a process of its own, measured
// with the same load as the API in the same run.
const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
