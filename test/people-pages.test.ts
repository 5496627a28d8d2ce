import t from 'tap';
import { build, getJson } from './helper.ts';

t.test('GET /v1/people pages by name: limit, cursor, total, next and the Link header; CSV gives every row', async (t) => {
  const app = await build(t);
  const all = await getJson(app, '/v1/people?limit=100');
  const names = all.body.items.map((p: any) => p.name);
  t.same([all.body.total, all.body.limit, all.body.next], [names.length, 100, null], 'one page holds them all');
  t.same(names, [...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)), 'by name');
  t.ok(names.length > 4, 'enough people in the seed for pages of two');

  const seen: string[] = [];
  let url: string | null = '/v1/people?limit=2';
  while (url) {
    const res: { statusCode: number; headers: Record<string, unknown>; json: () => any } = await app.inject({ url });
    const body: any = res.json();
    t.equal(res.statusCode, 200);
    t.equal(body.total, names.length, 'every page counts them all');
    t.equal(body.limit, 2);
    t.equal(res.headers.link, body.next === null ? undefined : `<${body.next}>; rel="next"`);
    seen.push(...body.items.map((p: any) => p.name));
    url = body.next;
  }
  t.same(seen, names, 'following next gives every person once, in order');

  const csv = await app.inject({ url: '/v1/people?format=csv&limit=2' });
  t.equal(csv.body.replace(/^\uFEFF/, '').trim().split('\n').length, 3, 'CSV with a limit: its header and one page');
  const whole = await app.inject({ url: '/v1/people?format=csv' });
  t.equal(whole.body.replace(/^\uFEFF/, '').trim().split('\n').length, names.length + 1, 'CSV without one: every row');

  const bad = await app.inject({ url: '/v1/people?cursor=nonsense' });
  t.equal(bad.statusCode, 400);
  t.same([bad.json().status, bad.json().detail], [400, 'cursor: is not a cursor this API issued; use the `next` link of a previous page']);
  const lga = await getJson(app, '/v1/people?organisation=lga&limit=1');
  t.same([lga.body.items.map((p: any) => p.slug), lga.body.total, lga.body.next], [['james-jamieson'], 1, null]);
});
