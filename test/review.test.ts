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
