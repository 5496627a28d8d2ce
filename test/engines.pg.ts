import { readFileSync } from 'node:fs';
import t from 'tap';
import { buildApp, type App } from '../src/app.ts';
import { openDb, type Db } from '../src/db/client.ts';
import { openPostgres } from '../src/db/postgres/client.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { seedCorpus } from '../seed/load.ts';
import { NO_POSTGRES, postgresBin, startCluster } from './pg/cluster.ts';

/**
 * The same seed corpus on SQLite and on PostgreSQL gives the same answer on every read route,
 * byte for byte once parsed, with two documented exceptions: a search's snippet (each engine
 * cuts its own passage around the matches, so whose words it shows, `snippetVoice`, can differ
 * too) and its score (bm25 against ts_rank). Relevance-ranked searches are compared as sets;
 * sorted by date they are compared in order.
 */
// `at`: when each engine's copy of the corpus was stored (the changes feed).
const UNCOMPARED = new Set(['snippet', 'snippetVoice', 'score', 'at']);
// /ready counts each engine's own migrations; /statements/{id} is asked as JSON below, through its permalink.
const SKIPPED_ROUTES = new Set(['/ready']);

function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([key]) => !UNCOMPARED.has(key)).map(([key, v]) => [key, comparable(v)]));
  return value;
}

if (!postgresBin()) {
  console.error(`\n*** PostgreSQL tests SKIPPED: ${NO_POSTGRES} ***\n`);
  t.pass('skipped');
} else {
  t.test('every read route answers the same on SQLite and PostgreSQL', async (t) => {
    const cluster = await startCluster();
    t.teardown(() => cluster.stop());
    const engines: { name: string; db: Db; app?: App; key?: string }[] = [
      { name: 'sqlite', db: openDb(':memory:') },
      { name: 'postgres', db: await openPostgres(cluster.url) },
    ];
    for (const engine of engines) {
      await seedCorpus(engine.db);
      // Names a linguistic collation (the test cluster's ICU en-US) sorts otherwise than bytes do:
      // "National…" before "NSPCC" by letters, after it by bytes. Both engines must give SQLite's order.
      for (const [slug, name] of [['nspcc', 'NSPCC'], ['ncb', "National Children's Bureau"], ['barnardos', "barnardo's"]]) {
        await engine.db.run("INSERT INTO organisations (slug, name, short_name, kind) VALUES (?, ?, ?, 'charity')", [slug, name, name]);
      }
      engine.key = await createKey(engine.db, 'reader', ['read']);
      engine.app = await buildApp({ db: engine.db, security: { maxEventLoopDelay: 30_000 } });
      t.teardown(() => engine.app?.close());
    }
    const [sqlite, postgres] = engines as [Required<(typeof engines)[0]>, Required<(typeof engines)[0]>];
    const ask = async (url: string, keyed = false) => {
      const answers = await Promise.all(
        [sqlite, postgres].map((engine) =>
          engine.app.inject({ method: 'GET', url, headers: { accept: 'application/json', ...(keyed ? { authorization: `Bearer ${engine.key}` } : {}) } }),
        ),
      );
      return answers as [(typeof answers)[0], (typeof answers)[0]];
    };
    const items = async <T>(url: string) => (await sqlite.app.inject(url)).json().items as T[];

    const slugs = {
      organisation: (await items<{ slug: string }>('/v1/organisations?limit=100')).map((o) => o.slug),
      theme: (await items<{ slug: string }>('/v1/themes')).map((o) => o.slug),
      event: (await items<{ slug: string }>('/v1/events?limit=100')).map((o) => o.slug),
      person: (await items<{ slug: string }>('/v1/people?limit=100')).map((o) => o.slug),
      statement: (await items<{ id: number }>('/v1/statements?limit=100')).map((o) => o.id),
      quote: (await items<{ id: number }>('/v1/quotes?limit=100')).map((o) => o.id),
      measure: (await items<{ key: string }>('/v1/figures/measures?limit=100')).map((o) => o.key),
    };
    t.same(
      [slugs.organisation.length, slugs.theme.length, slugs.statement.length, slugs.quote.length > 10],
      [9, 4, 7, true],
      'the seed corpus (six organisations, and three more), four themes, seven statements, its quotes',
    );

    const inOrder: string[] = [
      '/health',
      '/v1/statements',
      '/v1/statements?limit=2',
      '/v1/statements?sort=date&limit=3',
      '/v1/statements?theme=funding&stance=critical',
      '/v1/statements?organisation=lga,rcpch&from=2023-01-01',
      '/v1/statements?reviewed=true&facet=organisation,theme,stance,event,speaker',
      '/v1/statements?q=kinship&sort=-date&facet=organisation,stance',
      '/v1/statements?q=' + encodeURIComponent('"far cry"') + '&sort=-date',
      '/v1/statements?q=' + encodeURIComponent('fund* -kinship') + '&sort=date',
      '/v1/statements?q=' + encodeURIComponent('kinship OR workforce') + '&sort=-date',
      '/v1/statements?q=Jamieson&sort=-date',
      '/v1/statements?format=csv',
      '/v1/quotes',
      '/v1/quotes?theme=funding&limit=3',
      '/v1/quotes?theme=kinship,workforce&stance=critical',
      '/v1/quotes?voice=direct&facet=speaker,theme',
      '/v1/quotes?q=funding&sort=-date',
      '/v1/figures',
      '/v1/figures?unit=GBP&theme=funding',
      '/v1/figures?amount=' + encodeURIComponent('£2.6bn'),
      '/v1/figures?q=shortfall',
      '/v1/compare/matrix',
      '/v1/compare/matrix?reviewed=true',
      '/v1/compare/organisations?a=lga&b=rcpch',
      '/v1/organisations',
      '/v1/themes',
      '/v1/events',
      '/v1/people',
      '/v1/people?organisation=lga',
      '/v1/lexicon',
      '/v1/export',
      '/v1/changes',
      '/v1/changes?order=newest&limit=5&kind=ask.added,figure.added',
      '/v1/shifts',
      '/v1/shifts?theme=funding&direction=hardened',
      '/v1/asks',
      '/v1/asks?outcome=none&q=funding',
      '/v1/asks/1',
      '/v1/figures/measures',
      '/v1/figures/measures?unit=GBP&organisation=ccn',
      ...slugs.measure.map((key) => `/v1/figures/measures/${key}`),
      ...slugs.theme.flatMap((s) => [`/v1/compare?theme=${s}`, `/v1/themes/${s}`, `/v1/compare?theme=${s}&event=${slugs.event[0]}`]),
      ...slugs.organisation.flatMap((s) => [`/v1/organisations/${s}`, `/v1/organisations/${s}/timeline`]),
      ...slugs.event.map((s) => `/v1/events/${s}`),
      ...slugs.person.map((s) => `/v1/people/${s}`),
      ...slugs.statement.flatMap((id) => [`/v1/statements/${id}`, `/statements/${id}`]),
      ...slugs.quote.map((id) => `/v1/quotes/${id}`),
    ];
    // Watches need a key with `write`: a reader's key is refused alike on both.
    const keyed = ['/v1/review', '/v1/review?theme=funding', '/v1/audit', '/v1/watches', '/v1/watches/1', '/v1/watches/1/deliveries'];
    const asSets = ['/v1/statements?q=kinship', '/v1/statements?q=' + encodeURIComponent('£2.6bn'), '/v1/quotes?q=funding'];

    // Every GET route of the contract is asked at least once.
    const openapi = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, { get?: unknown }> };
    const routes = Object.keys(openapi.paths).filter((path) => openapi.paths[path]?.get && !SKIPPED_ROUTES.has(path));
    const asked = [...inOrder, ...keyed, ...asSets].map((url) => url.split('?')[0] ?? url);
    const pattern = (route: string) => new RegExp(`^${route.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    t.same(routes.filter((route) => !asked.some((url) => pattern(route).test(url))), [], 'no read route is left out');

    for (const url of [...inOrder, ...keyed]) {
      const [a, b] = await ask(url, keyed.includes(url));
      const json = /json/.test(String(a.headers['content-type']));
      t.same(
        [b.statusCode, b.headers['content-type'], json ? comparable(b.json()) : b.body],
        [a.statusCode, a.headers['content-type'], json ? comparable(a.json()) : a.body],
        `${url}: the same answer`,
      );
    }
    for (const url of asSets) {
      const [a, b] = await ask(url);
      const ids = (res: typeof a) => (res.json().items as { id: number }[]).map((item) => item.id).sort((x, y) => x - y);
      t.same([b.statusCode, b.json().total, ids(b)], [a.statusCode, a.json().total, ids(a)], `${url}: the same matches`);
    }
  });
}
