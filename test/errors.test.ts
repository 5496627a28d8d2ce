import t from 'tap';
import { build } from './helper.ts';

t.test('unknown routes are 404 problem+json', async (t) => {
  const app = await build(t, { seed: false });
  const res = await app.inject({ url: '/v1/nothing-here?x=1' });
  t.equal(res.statusCode, 404);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  t.match(res.json(), { type: /not-found$/, title: 'Not found', status: 404, detail: 'No route GET /v1/nothing-here', instance: '/v1/nothing-here?x=1' });
  const post = await app.inject({ method: 'POST', url: '/v1/themes' });
  t.equal(post.statusCode, 404, 'a method the route does not have');
});

t.test('a 5xx says nothing of the internals', async (t) => {
  const app = await build(t, { seed: false });
  app.get('/boom', async () => {
    throw new Error('SQLITE_ERROR: no such column: secret_column');
  });
  const res = await app.inject({ url: '/boom' });
  t.equal(res.statusCode, 500);
  t.match(res.headers['content-type'], /^application\/problem\+json/);
  const body = res.json();
  t.equal(body.title, 'Internal server error');
  t.notMatch(res.body, /SQLITE|secret_column|at /);
  t.match(body.detail, /request id/);
});

t.test('an empty database answers with empty lists, not errors', async (t) => {
  const app = await build(t, { seed: false });
  const list = await app.inject({ url: '/v1/statements' });
  t.equal(list.statusCode, 200);
  t.same(list.json(), { items: [], total: 0, totalExact: true, limit: 20, next: null });
  const health = await app.inject({ url: '/health' });
  t.same(health.json(), { status: 'ok', statements: 0 });
});
