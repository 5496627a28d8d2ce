import t from 'tap';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, getJson, pressRelease } from './helper.ts';

// How sure: every tag says whether an editor set it, whether one checked it, and how sure the analyser was.

type App = Awaited<ReturnType<typeof build>>;

async function ingest(app: App, n: number) {
  const authorization = `Bearer ${await createKey(app.db, `writer-${n}`, ['write'])}`;
  const created = await app.inject({ method: 'POST', url: '/v1/statements', headers: { authorization }, payload: pressRelease(n) });
  if (created.statusCode !== 201) throw new Error(created.body);
  return created.json() as { id: number; organisation: { slug: string }; tags: { theme: { slug: string }; origin: string; reviewed: boolean; confidence: number }[] };
}

t.test('curated tags are reviewed and certain; analysed tags are unreviewed with the analyser’s confidence', async (t) => {
  const app = await build(t);
  const seeded = (await getJson(app, '/v1/statements/1')).body;
  t.ok(seeded.tags.length > 0);
  for (const tag of seeded.tags) t.same([tag.origin, tag.reviewed, tag.confidence], ['curated', true, 1], `seed ${tag.theme.slug}`);

  const statement = await ingest(app, 1);
  t.ok(statement.tags.length >= 3, 'the analyser tagged several themes');
  for (const tag of statement.tags) {
    t.equal(tag.origin, 'analysed');
    t.equal(tag.reviewed, false);
    t.ok(tag.confidence > 0 && tag.confidence <= 1, `${tag.theme.slug}: confidence ${tag.confidence}`);
  }
  const list = (await getJson(app, `/v1/statements?organisation=${statement.organisation.slug}`)).body;
  t.same(
    list.items[0].themes.map((th: { theme: string; origin: string; reviewed: boolean; confidence: number }) => [th.theme, th.origin, th.reviewed, th.confidence]),
    statement.tags.map((tag) => [tag.theme.slug, 'analysed', false, tag.confidence]),
    'the list says the same',
  );

  const matrix = (await getJson(app, `/v1/compare/matrix?organisations=${statement.organisation.slug},lga`)).body;
  const row = (slug: string) => matrix.rows.find((r: { organisation: { slug: string } }) => r.organisation.slug === slug);
  t.same(
    row(statement.organisation.slug).cells.map((c: { theme: string; unreviewed: number }) => [c.theme, c.unreviewed]),
    matrix.themes.map((th: { slug: string }) => [th.slug, statement.tags.some((tag) => tag.theme.slug === th.slug) ? 1 : 0]),
    'each cell counts the unreviewed tags behind it',
  );
  t.ok(row('lga').cells.every((c: { unreviewed: number }) => c.unreviewed === 0), 'curated cells have none');

  const funding = (await getJson(app, `/v1/compare?theme=funding&organisations=${statement.organisation.slug}`)).body.organisations[0];
  t.equal(funding.unreviewed, 1);
  t.same([funding.statements[0].origin, funding.statements[0].reviewed], ['analysed', false]);
  t.equal(funding.statements[0].confidence, statement.tags.find((tag) => tag.theme.slug === 'funding')?.confidence);
});

t.test('the review queue: least confident first, accepted or corrected in one request, audited, and gone from the queue', async (t) => {
  const app = await build(t);
  const first = await ingest(app, 2);
  const second = await ingest(app, 3);
  const reader = `Bearer ${await createKey(app.db, 'reviewer', ['read'])}`;
  const editor = `Bearer ${await createKey(app.db, 'editor', ['write'])}`;

  const anonymous = await app.inject('/v1/review');
  t.equal(anonymous.statusCode, 401, 'the queue needs a key');
  t.equal((await app.inject({ url: '/v1/review', headers: { authorization: editor } })).statusCode, 403, 'with the read scope');

  const queue = await app.inject({ url: '/v1/review', headers: { authorization: reader } });
  t.equal(queue.statusCode, 200);
  t.equal(queue.headers['cache-control'], 'private, no-store');
  const body = queue.json();
  const all = [...first.tags, ...second.tags];
  t.equal(body.total, all.length, 'every analysed tag waits for review; curated ones never do');
  const confidences = body.items.map((item: { confidence: number }) => item.confidence);
  t.same(confidences, [...confidences].sort((a: number, b: number) => a - b), 'least confident first');
  const item = body.items[0];
  t.match(item, { origin: 'analysed', reviewed: false, statement: { url: `/v1/statements/${item.statement.id}` }, theme: { slug: /\w/ } });
  t.ok(item.evidence.length > 0, 'with its evidence');
  t.equal(item.accept, `/v1/statements/${item.statement.id}/tags/${item.theme.slug}/accept`);

  // Paging walks the whole queue once.
  const seen: string[] = [];
  for (let url: string | null = '/v1/review?limit=2'; url; ) {
    const page: { items: { accept: string }[]; next: string | null } = (await app.inject({ url, headers: { authorization: reader } })).json();
    seen.push(...page.items.map((i: { accept: string }) => i.accept));
    url = page.next;
  }
  t.same(seen, body.items.map((i: { accept: string }) => i.accept), 'every tag once, in order, across pages');

  t.equal((await app.inject({ method: 'POST', url: item.accept, headers: { authorization: reader } })).statusCode, 403, 'accepting needs the write scope');
  const accepted = await app.inject({ method: 'POST', url: item.accept, headers: { authorization: editor } });
  t.equal(accepted.statusCode, 200);
  const tag = accepted.json().tags.find((x: { theme: { slug: string } }) => x.theme.slug === item.theme.slug);
  t.same([tag.origin, tag.reviewed, tag.confidence, tag.stance], ['analysed', true, item.confidence, item.stance], 'accepted as it was: still the analyser’s, now reviewed');

  const corrected = body.items[1];
  const patched = await app.inject({ method: 'PATCH', url: corrected.correct, headers: { authorization: editor }, payload: { stance: 'mixed' } });
  t.equal(patched.statusCode, 200);
  t.same(
    (({ origin, reviewed, confidence, stance }) => [origin, reviewed, confidence, stance])(patched.json().tags.find((x: { theme: { slug: string } }) => x.theme.slug === corrected.theme.slug)),
    ['curated', true, 1, 'mixed'],
    'corrected: the editor’s tag',
  );

  const after = (await app.inject({ url: '/v1/review', headers: { authorization: reader } })).json();
  t.equal(after.total, all.length - 2, 'both left the queue');
  t.notOk(after.items.some((i: { accept: string }) => i.accept === item.accept || i.accept === corrected.accept));

  const audit = (await app.inject({ url: '/v1/audit?limit=2', headers: { authorization: reader } })).json();
  t.same(
    audit.items.map((e: { keyName: string; method: string; route: string; url: string }) => [e.keyName, e.method, e.route, e.url]),
    [
      ['editor', 'PATCH', '/v1/statements/:id/tags/:theme', corrected.correct],
      ['editor', 'POST', '/v1/statements/:id/tags/:theme/accept', item.accept],
    ],
    'both are in the audit log',
  );

  // Re-analysis keeps the accepted tag.
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${item.statement.id}/reanalyse`, headers: { authorization: editor } })).statusCode, 200);
  const kept = (await getJson(app, `/v1/statements/${item.statement.id}`)).body.tags.find((x: { theme: { slug: string } }) => x.theme.slug === item.theme.slug);
  t.same([kept.origin, kept.reviewed], ['analysed', true], 'an accepted tag survives re-analysis');

  t.equal((await app.inject({ method: 'POST', url: '/v1/statements/1/tags/weather/accept', headers: { authorization: editor } })).statusCode, 404, 'unknown theme');
  const untagged = (await app.db.get<{ id: number; slug: string }>(
    'SELECT s.id, th.slug FROM statements s CROSS JOIN themes th WHERE NOT EXISTS (SELECT 1 FROM theme_tags tt WHERE tt.statement_id = s.id AND tt.theme_id = th.id) LIMIT 1',
  ))!;
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${untagged.id}/tags/${untagged.slug}/accept`, headers: { authorization: editor } })).statusCode, 404, 'no such tag');
  t.equal((await app.inject({ method: 'POST', url: '/v1/statements/999999/tags/funding/accept', headers: { authorization: editor } })).statusCode, 404, 'no such statement');
  t.equal((await app.inject({ url: '/v1/review?theme=weather', headers: { authorization: reader } })).statusCode, 400, 'unknown theme in a filter');
  const funding = (await app.inject({ url: '/v1/review?theme=funding', headers: { authorization: reader } })).json();
  t.ok(funding.items.every((i: { theme: { slug: string } }) => i.theme.slug === 'funding'));
});

t.test('reviewed=true: only tags an editor set or reviewed count', async (t) => {
  const app = await build(t);
  const statement = await ingest(app, 4);
  const organisation = statement.organisation.slug;
  const matrix = async (query: string) => (await getJson(app, `/v1/compare/matrix?organisations=${organisation},lga${query}`)).body.rows;
  const all = await matrix('');
  const reviewed = await matrix('&reviewed=true');
  const cells = (rows: any[], slug: string) => rows.find((r) => r.organisation.slug === slug).cells.map((c: any) => c.stance);
  t.ok(cells(all, organisation).some((s: string | null) => s !== null), 'machine tags count by default');
  t.same(cells(reviewed, organisation), [null, null, null, null], 'with reviewed=true an unreviewed organisation has said nothing that counts');
  t.same(cells(reviewed, 'lga'), cells(all, 'lga'), 'curated tags count either way');

  const editor = `Bearer ${await createKey(app.db, 'editor', ['write'])}`;
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${statement.id}/tags/funding/accept`, headers: { authorization: editor } })).statusCode, 200);
  const funding = (query: string) => getJson(app, `/v1/compare?theme=funding&organisations=${organisation}${query}`).then((r) => r.body.organisations[0]);
  t.same([(await funding('&reviewed=true')).stance, (await funding('&reviewed=true')).unreviewed], [(await funding('')).stance, 0], 'once accepted it counts');
  t.equal((await matrix('&reviewed=true')).find((r: any) => r.organisation.slug === organisation).cells.filter((c: any) => c.stance).length, 1);

  const stance = statement.tags.find((tag) => tag.theme.slug === 'workforce') ? 'workforce' : statement.tags[1]?.theme.slug;
  const filtered = (query: string) => getJson(app, `/v1/statements?organisation=${organisation}&theme=${stance}${query}`).then((r) => r.body.total);
  t.same([await filtered(''), await filtered('&reviewed=true')], [1, 0], 'stance filters on statements count reviewed tags only');
  const quotes = (query: string) => getJson(app, `/v1/quotes?organisation=${organisation}&theme=funding${query}`).then((r) => r.body.total);
  t.equal(await quotes('&reviewed=true'), await quotes(''), 'quotes evidencing the accepted funding tag count');
  t.equal((await getJson(app, `/v1/organisations/${organisation}/timeline?reviewed=true`)).body.themes.flatMap((th: any) => th.points).length, 1, 'the timeline too');
  t.equal((await app.inject('/v1/compare/matrix?reviewed=maybe')).statusCode, 400, 'reviewed is true or false');
  const detail = async (query: string) => (await getJson(app, `/v1/organisations/${organisation}${query}`)).body.stances.map((s: any) => [s.theme.slug, s.stance, s.unreviewed]);
  t.same(
    (await detail('?reviewed=true')).filter(([, stance]: [string, string | null]) => stance !== null),
    [['funding', (await funding('')).stance, 0]],
    'the organisation page counts only the accepted tag',
  );
  t.ok((await detail('')).some(([, , unreviewed]: [string, string, number]) => unreviewed === 1), 'and says how many are unreviewed otherwise');
  const theme = async (query: string) => (await getJson(app, `/v1/themes/funding${query}`)).body.organisations.find((o: any) => o.organisation.slug === 'lga');
  t.same([(await theme('')).stance, (await theme('?reviewed=true')).stance, (await theme('')).unreviewed], ['critical', 'critical', 0], 'the theme page too');
  t.equal((await getJson(app, `/v1/compare/organisations?a=${organisation}&b=lga&reviewed=true`)).body.themes.find((th: any) => th.theme.slug === 'kinship').relation, 'only-b');
});
