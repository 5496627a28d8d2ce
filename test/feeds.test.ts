import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import t from 'tap';
import type { Test } from 'tap';
import type { App } from '../src/app.ts';
import { xmlText } from '../src/http/atom.ts';
import { build } from './helper.ts';
import { testPostgres } from './pg/databases.ts';

// Every list and comparison as an Atom feed: each answer is checked as well-formed XML, against what
// RFC 4287 requires of a feed and its entries, and read by a real feed parser; then its entries are
// compared, exactly, with what the seeded corpus holds.

const ATOM = 'application/atom+xml';
const ORIGIN = 'http://localhost:80';
const tag = (key: string) => `tag:localhost,2026:${key}`;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const ABSOLUTE_IRI = /^[a-z][a-z\d+.-]*:\S+$/i;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['entry', 'link', 'author', 'contributor', 'category'].includes(name) });

type Link = { href: string; rel?: string; type?: string; title?: string; hreflang?: string };
type Person = { name: string; uri?: string };
type Text = { '#text': string; type: string } | string;
type Entry = {
  id: string;
  title: Text;
  updated: string;
  published?: string;
  link?: Link[];
  author?: Person[];
  contributor?: Person[];
  category?: { term: string; scheme?: string; label?: string }[];
  summary?: Text;
  content?: Text;
};
type Feed = { id: string; title: Text; updated: string; link?: Link[]; author?: Person[]; entry?: Entry[]; xmlns: string; 'xml:lang'?: string };

const text = (value: Text | undefined) => (typeof value === 'object' ? value['#text'] : value);

/**
 * The feed, checked: well-formed, the Atom namespace, and what RFC 4287 requires (§4.1.1: one id, title
 * and updated, an author on the feed or on every entry, one self link, no two alternates of one type;
 * §4.1.2: each entry one id, title and updated, and an alternate link or content); ids absolute IRIs,
 * none twice; and a real feed parser reads the same entries.
 */
function checkedFeed(t: Test, body: string, label: string): Feed {
  t.equal(XMLValidator.validate(body), true, `${label}: well-formed XML`);
  const feed = (xml.parse(body) as { feed: Feed }).feed;
  t.equal(feed.xmlns, 'http://www.w3.org/2005/Atom', `${label}: in the Atom namespace`);
  t.match(feed.id, ABSOLUTE_IRI, `${label}: the feed's id is an absolute IRI`);
  t.ok(text(feed.title), `${label}: a title`);
  t.match(feed.updated, RFC3339, `${label}: updated is an RFC 3339 date`);
  const entries = feed.entry ?? [];
  t.ok((feed.author ?? []).length > 0 || entries.every((e) => (e.author ?? []).length > 0), `${label}: an author for every entry`);
  const links = feed.link ?? [];
  t.equal(links.filter((l) => l.rel === 'self').length, 1, `${label}: one self link`);
  const alternates = (list: Link[]) => list.filter((l) => (l.rel ?? 'alternate') === 'alternate').map((l) => `${l.type}|${l.hreflang ?? ''}`);
  t.equal(new Set(alternates(links)).size, alternates(links).length, `${label}: no two alternates alike`);
  for (const entry of entries) {
    t.match(entry.id, ABSOLUTE_IRI, `${label} ${entry.id}: an absolute IRI`);
    t.ok(text(entry.title), `${label} ${entry.id}: a title`);
    t.match(entry.updated, RFC3339, `${label} ${entry.id}: updated`);
    if (entry.published !== undefined) t.match(entry.published, RFC3339);
    t.ok(alternates(entry.link ?? []).length === 1 || entry.content !== undefined, `${label} ${entry.id}: an alternate link`);
    t.equal(new Set(alternates(entry.link ?? [])).size, alternates(entry.link ?? []).length);
  }
  t.equal(new Set(entries.map((e) => e.id)).size, entries.length, `${label}: no id twice`);
  const parsed = parseFeed(body);
  t.equal(parsed.meta.type, 'atom', `${label}: a feed parser reads it as Atom`);
  t.same(
    parsed.items.map((item) => [item.id, item.title]),
    entries.map((e) => [e.id, text(e.title)]),
    `${label}: the feed parser reads the same entries`,
  );
  return feed;
}

/** An Atom answer of the app (by `?format=atom`), checked. */
async function atom(t: Test, app: App, url: string): Promise<Feed> {
  const res = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}format=atom` });
  t.equal(res.statusCode, 200, `${url}: 200`);
  t.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8', `${url}: Atom`);
  t.equal(res.headers.vary, 'Accept', `${url}: Vary: Accept`);
  return checkedFeed(t, res.body, url);
}

/** Each entry as [id, title, alternate link, updated day]. */
const outline = (feed: Feed) =>
  (feed.entry ?? []).map((e) => [e.id, text(e.title), (e.link ?? []).find((l) => l.rel === 'alternate')?.href, e.updated.slice(0, 10)]);

const statementPage = (id: number) => `${ORIGIN}/statements/${id}`;

t.test('GET /v1/statements?organisation=lga as Atom: valid, in full', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/v1/statements?organisation=lga&format=atom' });
  t.equal(res.statusCode, 200);
  t.equal(res.headers['content-type'], 'application/atom+xml; charset=utf-8');
  t.equal(res.headers['content-disposition'], undefined, 'read in place, not downloaded');
  t.ok(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"'));
  const feed = checkedFeed(t, res.body, 'lga');
  const updated = new Date(res.headers['last-modified'] as string).toISOString();
  const source =
    'https://localgovernmentlawyer.co.uk/child-protection/392-children-protection-news/52879-government-strategy-to-fix-children-s-social-care-a-positive-first-step-but-more-needs-to-be-done-say-councils';
  const summary =
    'The LGA calls much of the strategy positive, on early help, family networks and agency staff, but says its longer-term measures will not tackle the immediate crisis and its funding falls short of the £1.6bn yearly shortfall.';
  const title = 'Government strategy to fix children’s social care a "positive" first step, but more needs to be done, say councils';
  const theme = (slug: string, stance: string) => [
    { term: slug, scheme: `${ORIGIN}/v1/themes`, label: slug },
    { term: stance, scheme: `${ORIGIN}/v1/themes/${slug}`, label: `${stance} on ${slug}` },
  ];
  t.same(feed, {
    author: [{ name: 'Stance', uri: `${ORIGIN}/` }],
    id: 'tag:localhost,2026:/v1/statements?organisation=lga',
    link: [
      { href: `${ORIGIN}/v1/statements?organisation=lga&format=atom`, rel: 'self', type: ATOM },
      { href: `${ORIGIN}/v1/statements?organisation=lga&format=json`, rel: 'alternate', type: 'application/json' },
    ],
    title: { '#text': 'Stance: Statements (organisation=lga)', type: 'text' },
    updated,
    entry: [
      {
        author: [{ name: 'Local Government Association', uri: `${ORIGIN}/v1/organisations/lga` }],
        category: [...theme('funding', 'critical'), ...theme('workforce', 'supportive'), ...theme('early-help', 'supportive'), ...theme('kinship', 'supportive')],
        content: {
          '#text': `${summary}\n\nStances: funding critical; workforce supportive; early-help supportive; kinship supportive\n\nSource: “${title}”, Local Government Lawyer, 3 February 2023, ${source}`,
          type: 'text',
        },
        contributor: [{ name: 'Cllr James Jamieson, Chairman', uri: `${ORIGIN}/v1/people/james-jamieson` }],
        id: 'tag:localhost,2026:statement/3',
        link: [
          { href: `${ORIGIN}/statements/3`, rel: 'alternate', type: 'text/html' },
          { href: source, rel: 'via' },
        ],
        published: '2023-02-02T00:00:00.000Z',
        summary: { '#text': summary, type: 'text' },
        title: { '#text': `Local Government Association: ${title}`, type: 'text' },
        updated: '2023-02-02T00:00:00.000Z',
      },
    ],
    xmlns: 'http://www.w3.org/2005/Atom',
    'xml:lang': 'en-GB',
  });
  const read = parseFeed(res.body);
  t.same(
    { title: read.title, self: read.self, updated: read.updated?.toISOString(), authors: read.authors.map((a) => a.name) },
    { title: 'Stance: Statements (organisation=lga)', self: `${ORIGIN}/v1/statements?organisation=lga&format=atom`, updated, authors: ['Stance'] },
    'as a feed reader sees the feed',
  );
  t.same(
    read.items.map((item) => ({ id: item.id, url: item.url, published: item.published?.toISOString(), authors: item.authors.map((a) => a.name), categories: item.categories.map((c) => c.term) })),
    [
      {
        id: 'tag:localhost,2026:statement/3',
        url: 'http://localhost/statements/3',
        published: '2023-02-02T00:00:00.000Z',
        authors: ['Local Government Association'],
        categories: ['funding', 'critical', 'workforce', 'supportive', 'early-help', 'supportive', 'kinship', 'supportive'],
      },
    ],
    'and its entry',
  );
});

t.test('statements, newest first, each linking to its page; a search too', async (t) => {
  const app = await build(t);
  const news = 'Government strategy to fix children’s social care a "positive" first step, but more needs to be done, say councils';
  const all = await atom(t, app, '/v1/statements');
  t.equal(text(all.title), 'Stance: Statements');
  t.same(outline(all), [
    [tag('statement/7'), 'County Councils Network: Government reforms for children’s social care put forward: CCN response', statementPage(7), '2023-02-02'],
    [tag('statement/6'), "Action for Children: The government's social care review: children need action now", statementPage(6), '2023-02-02'],
    [tag('statement/5'), `Department for Education: ${news}`, statementPage(5), '2023-02-02'],
    [tag('statement/4'), `London Councils: ${news}`, statementPage(4), '2023-02-02'],
    [tag('statement/3'), `Local Government Association: ${news}`, statementPage(3), '2023-02-02'],
    [tag('statement/1'), 'Royal College of Paediatrics and Child Health: RCPCH responds to Social Care Review Implementation Strategy', statementPage(1), '2023-02-02'],
    [tag('statement/2'), "Royal College of Paediatrics and Child Health: RCPCH responds to the Independent Review of Children's Social Care", statementPage(2), '2022-05-23'],
  ]);
  // A search ranks by relevance in JSON; its feed is newest first all the same.
  const json = (await app.inject('/v1/statements?q=kinship')).json();
  t.same(json.items.map((s: { id: number }) => s.id), [5, 1, 6], 'ranked in JSON');
  const search = await atom(t, app, '/v1/statements?q=kinship');
  t.equal(text(search.title), 'Stance: Statements (q=kinship)');
  t.same(outline(search).map((e) => e[0]), [tag('statement/6'), tag('statement/5'), tag('statement/1')], 'by date, then id, newest first');
  t.equal(search.id, 'tag:localhost,2026:/v1/statements?q=kinship');
});

t.test('quotes: each links to its passage and carries its citation; pages are linked by rel="next" (RFC 5005)', async (t) => {
  const app = await build(t);
  const first = await atom(t, app, '/v1/quotes?limit=5');
  t.same(outline(first), [
    [tag('quote/33'), 'Cllr Keith Glazier (CCN): However, the funding made available to delivers these changes falls short of what both…', `${ORIGIN}/statements/7#char=2050,2611`, '2023-02-02'],
    [tag('quote/32'), 'Cllr Keith Glazier (CCN): Key to any reform to children’s social care is a greater focus on preventative services…', `${ORIGIN}/statements/7#char=1709,2047`, '2023-02-02'],
    [tag('quote/31'), 'Cllr Keith Glazier (CCN): The County Councils Network has long warned that the current children’s social care…', `${ORIGIN}/statements/7#char=1322,1706`, '2023-02-02'],
    [tag('quote/30'), 'Action for Children: As positive as many of the proposed reforms are, the huge elephant in the room is whether…', `${ORIGIN}/statements/6#char=4638,4884`, '2023-02-02'],
    [tag('quote/29'), 'Action for Children: The Independent Review shone a light on the disgraceful outcomes for care experienced…', `${ORIGIN}/statements/6#char=4059,4402`, '2023-02-02'],
  ]);
  const json = (await app.inject('/v1/quotes?limit=5')).json();
  const [quote] = json.items;
  const entry = first.entry?.[0];
  t.equal(text(entry?.summary), quote.text, 'the words');
  t.equal(text(entry?.content), `${quote.text}\n\n${quote.citation}`, 'then the citation, ready to paste');
  t.same(entry?.author, [{ name: 'County Councils Network', uri: `${ORIGIN}/v1/organisations/ccn` }], 'the organisation is the author');
  t.same(entry?.contributor, [{ name: 'Cllr Keith Glazier, Children’s Social Care Spokesperson', uri: `${ORIGIN}/v1/people/keith-glazier` }], 'its speaker a contributor');
  t.same(entry?.category, [
    { term: 'funding', scheme: `${ORIGIN}/v1/themes`, label: 'funding' },
    { term: 'critical', scheme: `${ORIGIN}/v1/themes/funding`, label: 'critical on funding' },
  ]);
  const next = first.link?.find((l) => l.rel === 'next');
  const cursor = new URL(json.next, 'http://x').searchParams.get('cursor');
  t.same(next, { href: `${ORIGIN}/v1/quotes?limit=5&cursor=${cursor}&format=atom`, rel: 'next', type: ATOM }, 'the next page, as a feed');
  const second = checkedFeed(t, (await app.inject(new URL(next?.href ?? '').pathname + new URL(next?.href ?? '').search)).body, 'page 2');
  t.same(outline(second).map((e) => e[0]), [tag('quote/28'), tag('quote/27'), tag('quote/26'), tag('quote/25'), tag('quote/24')], 'goes on where the first stopped');
  t.equal(second.id, first.id, 'one feed over its pages');
  const byAccept = await app.inject({ url: '/v1/quotes?limit=5', headers: { accept: ATOM } });
  t.same(checkedFeed(t, byAccept.body, 'by Accept').link?.find((l) => l.rel === 'next'), next, 'asked by Accept, the next page still says format=atom');

  // Every quote, over all pages, once, newest first.
  const whole = await atom(t, app, '/v1/quotes?limit=100');
  t.equal(whole.link?.find((l) => l.rel === 'next'), undefined, 'no next page after the last');
  const quotes = (await app.inject('/v1/quotes?limit=100')).json().items as { id: number; permalink: string; statement: { date: string } }[];
  t.same(
    outline(whole).map((e) => [e[0], e[2]]),
    [...quotes].sort((a, b) => b.statement.date.localeCompare(a.statement.date) || b.id - a.id).map((q) => [tag(`quote/${q.id}`), q.permalink]),
  );
  t.equal(whole.entry?.length, 33);
});

t.test('figures: one entry per cited figure, with its sentence and citation', async (t) => {
  const app = await build(t);
  const feed = await atom(t, app, '/v1/figures?unit=GBP');
  t.equal(text(feed.title), 'Stance: Figures (unit=GBP)');
  const at = (statement: number, start: number, end: number) => `${ORIGIN}/statements/${statement}#char=${start},${end}`;
  t.same(outline(feed), [
    [tag('statement/7/figure/2470-2476'), 'County Councils Network: £2.6bn, funding the Independent Review recommended for the reforms (by the end of 2026/27)', at(7, 2470, 2476), '2023-02-02'],
    [tag('statement/7/figure/1120-1126'), 'County Councils Network: £2.1bn, extra yearly council spending on children’s social care projected for 2025 compared with the start of the decade (in 2025)', at(7, 1120, 1126), '2023-02-02'],
    [tag('statement/7/figure/422-427'), 'County Councils Network: £200m, funding committed by the strategy (over the next two years)', at(7, 422, 427), '2023-02-02'],
    [tag('statement/6/figure/3296-3304'), 'Action for Children: £200,000, average yearly cost of providing a home for a child in care (per year)', at(6, 3296, 3304), '2023-02-02'],
    [tag('statement/5/figure/1663-1667'), 'Department for Education: £45m, funding backing the kinship care pilots', at(5, 1663, 1667), '2023-02-02'],
    [tag('statement/4/figure/6339-6351'), 'London Councils: around £200m, London boroughs’ collective overspend on children’s social care budgets (per year)', at(4, 6339, 6351), '2023-02-02'],
    [tag('statement/3/figure/4852-4864'), 'Local Government Association: £1.6 billion, yearly funding shortfall in children’s services, estimated before inflation, just to maintain current service levels (per year)', at(3, 4852, 4864), '2023-02-02'],
    [tag('statement/1/figure/2260-2266'), 'Royal College of Paediatrics and Child Health: £2.6bn, funding the Independent Review said the reform needs', at(1, 2260, 2266), '2023-02-02'],
    [tag('statement/1/figure/2201-2206'), 'Royal College of Paediatrics and Child Health: £200m, funding budgeted by the strategy for the reform', at(1, 2201, 2206), '2023-02-02'],
  ]);
  const groups = (await app.inject('/v1/figures?unit=GBP')).json().groups as { citations: { permalink: string; context: string; citation: string }[] }[];
  const cited = groups.flatMap((g) => g.citations);
  t.equal(cited.length, feed.entry?.length, 'as many entries as cited figures');
  const rcpch = cited.find((c) => c.permalink === at(1, 2260, 2266));
  const entry = feed.entry?.find((e) => e.id === tag('statement/1/figure/2260-2266'));
  t.equal(text(entry?.content), `${rcpch?.context}\n\n${rcpch?.citation}`);
  t.same(entry?.category, [
    { term: 'recommended', scheme: `${ORIGIN}/v1/figures` },
    { term: 'funding', scheme: `${ORIGIN}/v1/themes`, label: 'funding' },
  ]);
});

t.test('comparisons: a theme, the matrix, two organisations', async (t) => {
  const app = await build(t);
  const funding = await atom(t, app, '/v1/compare?theme=funding');
  t.equal(text(funding.title), 'Stance: Theme comparison (theme=funding)');
  t.same(outline(funding), [
    [tag('statement/7/theme/funding'), 'County Councils Network: critical on Funding', `${ORIGIN}/statements/7#char=2050,2315`, '2023-02-02'],
    [tag('statement/6/theme/funding'), 'Action for Children: mixed on Funding', `${ORIGIN}/statements/6#char=1340,1398`, '2023-02-02'],
    [tag('statement/4/theme/funding'), 'London Councils: mixed on Funding', `${ORIGIN}/statements/4#char=5891,6016`, '2023-02-02'],
    [tag('statement/3/theme/funding'), 'Local Government Association: critical on Funding', `${ORIGIN}/statements/3#char=4764,4969`, '2023-02-02'],
    [tag('statement/1/theme/funding'), 'Royal College of Paediatrics and Child Health: critical on Funding', `${ORIGIN}/statements/1#char=2123,2355`, '2023-02-02'],
    [tag('statement/2/theme/funding'), 'Royal College of Paediatrics and Child Health: neutral on Funding', `${ORIGIN}/statements/2#char=1862,2079`, '2022-05-23'],
  ]);
  const comparison = (await app.inject('/v1/compare?theme=funding')).json();
  const lga = comparison.organisations.find((p: { organisation: { slug: string } }) => p.organisation.slug === 'lga').statements[0];
  const entry = funding.entry?.find((e) => e.id === tag('statement/3/theme/funding'));
  t.equal(text(entry?.summary), lga.note, "the editor's reason");
  t.equal(
    text(entry?.content),
    [`Why critical: ${lga.note}`, ...lga.evidence.map((e: { text: string; citation: string }) => `${e.text}\n${e.citation}`), `Source: “${lga.source.title}”, ${lga.source.publisher}, 3 February 2023, ${lga.source.url}`].join('\n\n'),
    'then each piece of evidence with its citation, and the source',
  );
  t.same(entry?.category, [
    { term: 'funding', scheme: `${ORIGIN}/v1/themes`, label: 'Funding' },
    { term: 'critical', scheme: `${ORIGIN}/v1/themes/funding`, label: 'critical on Funding' },
  ]);
  t.same((await atom(t, app, '/v1/compare?theme=funding&organisations=lga,ccn')).entry?.map((e) => e.id), [tag('statement/7/theme/funding'), tag('statement/3/theme/funding')], 'narrowed');

  const matrix = await atom(t, app, '/v1/compare/matrix?organisations=lga,rcpch');
  t.equal(text(matrix.title), 'Stance: Stance matrix (organisations=lga,rcpch)');
  const cell = (organisation: string, theme: string, title: string) => [tag(`organisation/${organisation}/theme/${theme}`), title, `${ORIGIN}/?cell=${organisation}%2F${theme}`, matrix.updated.slice(0, 10)];
  t.same(outline(matrix), [
    cell('lga', 'funding', 'Local Government Association: critical on Funding'),
    cell('lga', 'workforce', 'Local Government Association: supportive on Workforce'),
    cell('lga', 'early-help', 'Local Government Association: supportive on Early help'),
    cell('lga', 'kinship', 'Local Government Association: supportive on Kinship care'),
    cell('rcpch', 'funding', 'Royal College of Paediatrics and Child Health: critical on Funding (changed)'),
    cell('rcpch', 'workforce', 'Royal College of Paediatrics and Child Health: mixed on Workforce (changed)'),
    cell('rcpch', 'early-help', 'Royal College of Paediatrics and Child Health: supportive on Early help'),
    cell('rcpch', 'kinship', 'Royal College of Paediatrics and Child Health: supportive on Kinship care'),
  ]);
  const changed = matrix.entry?.find((e) => e.id === tag('organisation/rcpch/theme/funding'));
  t.equal(
    text(changed?.summary),
    'Royal College of Paediatrics and Child Health is critical on Funding (2 statements; it changed by event: independent-review-2022 neutral → implementation-strategy-2023 critical)',
  );
  t.same(changed?.link?.find((l) => l.rel === 'related'), { href: `${ORIGIN}/v1/statements?organisation=rcpch&theme=funding&format=atom`, rel: 'related', type: ATOM, title: 'The statements behind it' });
  t.equal(changed?.updated, matrix.updated, 'a cell is as new as the matrix');

  const pair = await atom(t, app, '/v1/compare/organisations?a=lga&b=ccn');
  t.equal(text(pair.title), 'Stance: Two organisations compared (a=lga, b=ccn)');
  t.same(outline(pair), [
    [tag('organisations/lga/ccn/theme/funding'), 'Funding: LGA critical, CCN critical (they agree)', `${ORIGIN}/statements/7#char=2050,2315`, '2023-02-02'],
    [tag('organisations/lga/ccn/theme/early-help'), 'Early help: LGA supportive, CCN supportive (they agree)', `${ORIGIN}/statements/7#char=1709,1871`, '2023-02-02'],
    [tag('organisations/lga/ccn/theme/workforce'), 'Workforce: LGA supportive, CCN silent', `${ORIGIN}/statements/3#char=4308,4446`, '2023-02-02'],
    [tag('organisations/lga/ccn/theme/kinship'), 'Kinship care: LGA supportive, CCN silent', `${ORIGIN}/statements/3#char=4038,4307`, '2023-02-02'],
  ]);
  const both = pair.entry?.[0];
  t.same(both?.author?.map((a) => a.name), ['Local Government Association', 'County Councils Network'], 'both sides are its authors');
  t.same(both?.link?.filter((l) => l.rel === 'related'), [{ href: statementPage(3), rel: 'related', type: 'text/html' }], 'and the other side’s statement');
  t.equal(text(both?.summary), 'Local Government Association: critical; County Councils Network: critical');
});

t.test("an organisation's timeline: its stance on each theme at each statement", async (t) => {
  const app = await build(t);
  const feed = await atom(t, app, '/v1/organisations/rcpch/timeline');
  t.equal(text(feed.title), 'Stance: Timeline of Royal College of Paediatrics and Child Health');
  const rcpch = 'Royal College of Paediatrics and Child Health';
  t.same(outline(feed), [
    [tag('statement/1/theme/funding'), `${rcpch}: critical on Funding`, `${ORIGIN}/statements/1#char=2123,2355`, '2023-02-02'],
    [tag('statement/1/theme/workforce'), `${rcpch}: mixed on Workforce`, `${ORIGIN}/statements/1#char=1459,1624`, '2023-02-02'],
    [tag('statement/1/theme/early-help'), `${rcpch}: supportive on Early help`, `${ORIGIN}/statements/1#char=1827,2010`, '2023-02-02'],
    [tag('statement/1/theme/kinship'), `${rcpch}: supportive on Kinship care`, `${ORIGIN}/statements/1#char=1827,2010`, '2023-02-02'],
    [tag('statement/2/theme/funding'), `${rcpch}: neutral on Funding`, `${ORIGIN}/statements/2#char=1862,2079`, '2022-05-23'],
    [tag('statement/2/theme/workforce'), `${rcpch}: neutral on Workforce`, `${ORIGIN}/statements/2#char=1489,1763`, '2022-05-23'],
  ]);
  const compared = await atom(t, app, '/v1/compare?theme=funding&organisations=rcpch');
  t.same(
    compared.entry?.map((e) => [e.id, text(e.title)]),
    feed.entry?.filter((e) => e.id.endsWith('/theme/funding')).map((e) => [e.id, text(e.title)]),
    'the same stance at the same statement is the same entry in the comparison',
  );
  t.equal((await app.inject('/v1/organisations/RCPCH/timeline?format=atom')).statusCode, 308, 'another name for it redirects, as in JSON');
});

t.test('the reference lists: one entry per item, linking to it and to the feed to follow next', async (t) => {
  const app = await build(t);
  const organisations = await atom(t, app, '/v1/organisations');
  const updated = organisations.updated.slice(0, 10);
  const api = (path: string) => `${ORIGIN}${path}`;
  t.same(outline(organisations), [
    [tag('organisation/action-for-children'), 'Action for Children', api('/v1/organisations/action-for-children'), updated],
    [tag('organisation/ccn'), 'County Councils Network (CCN)', api('/v1/organisations/ccn'), updated],
    [tag('organisation/dfe'), 'Department for Education (DfE)', api('/v1/organisations/dfe'), updated],
    [tag('organisation/lga'), 'Local Government Association (LGA)', api('/v1/organisations/lga'), updated],
    [tag('organisation/london-councils'), 'London Councils', api('/v1/organisations/london-councils'), updated],
    [tag('organisation/rcpch'), 'Royal College of Paediatrics and Child Health (RCPCH)', api('/v1/organisations/rcpch'), updated],
  ]);
  const lga = organisations.entry?.find((e) => e.id === tag('organisation/lga'));
  t.same(lga?.link, [
    { href: api('/v1/organisations/lga'), rel: 'alternate', type: 'application/json' },
    { href: api('/v1/statements?organisation=lga&format=atom'), rel: 'related', type: ATOM, title: 'Its statements' },
    { href: api('/v1/organisations/lga/timeline?format=atom'), rel: 'related', type: ATOM, title: 'Its stance over time' },
    { href: 'https://www.local.gov.uk', rel: 'related', type: 'text/html', title: 'Its website' },
  ]);
  t.equal(text(lga?.summary), 'Local Government Association, local government association: 1 statement');

  const themes = await atom(t, app, '/v1/themes');
  t.same(outline(themes), [
    [tag('theme/funding'), 'Funding', api('/v1/themes/funding'), updated],
    [tag('theme/workforce'), 'Workforce', api('/v1/themes/workforce'), updated],
    [tag('theme/early-help'), 'Early help', api('/v1/themes/early-help'), updated],
    [tag('theme/kinship'), 'Kinship care', api('/v1/themes/kinship'), updated],
  ]);
  t.same(themes.entry?.[0]?.link?.filter((l) => l.rel === 'related').map((l) => l.href), [api('/v1/compare?theme=funding&format=atom'), api('/v1/statements?theme=funding&format=atom')]);

  const events = await atom(t, app, '/v1/events');
  t.same(outline(events), [
    [tag('event/implementation-strategy-2023'), 'Stable Homes, Built on Love', api('/v1/events/implementation-strategy-2023'), '2023-02-02'],
    [tag('event/independent-review-2022'), 'The Independent Review of Children’s Social Care: final report', api('/v1/events/independent-review-2022'), '2022-05-23'],
  ], 'newest first (the JSON lists them oldest first)');
  t.same(events.entry?.[0]?.author, [{ name: 'Department for Education' }], 'its publisher');

  const people = await atom(t, app, '/v1/people?organisation=rcpch');
  t.equal(text(people.title), 'Stance: People (organisation=rcpch)');
  t.same(outline(people), [
    [tag('person/alison-steele'), 'Dr Alison Steele, Officer for Child Protection, Royal College of Paediatrics and Child Health', api('/v1/people/alison-steele'), updated],
    [tag('person/camilla-kingdon'), 'Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health', api('/v1/people/camilla-kingdon'), updated],
  ]);
  t.same(people.entry?.[0]?.link?.find((l) => l.rel === 'related'), { href: api('/v1/quotes?speaker=alison-steele&format=atom'), rel: 'related', type: ATOM, title: 'Their quotes' });
});

t.test('?format=atom and Accept: application/atom+xml give the same feed; q-values choose; 406 lists Atom', async (t) => {
  const app = await build(t);
  const urls = [
    '/v1/statements',
    '/v1/quotes',
    '/v1/figures',
    '/v1/compare?theme=funding',
    '/v1/compare/matrix',
    '/v1/compare/organisations?a=lga&b=ccn',
    '/v1/organisations/rcpch/timeline',
    '/v1/organisations',
    '/v1/themes',
    '/v1/events',
    '/v1/people',
  ];
  for (const url of urls) {
    const byFormat = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}format=atom` });
    const byAccept = await app.inject({ url, headers: { accept: ATOM } });
    t.equal(byAccept.headers['content-type'], 'application/atom+xml; charset=utf-8', `${url}: by Accept`);
    t.equal(byAccept.headers.vary, 'Accept');
    t.equal(byAccept.body, byFormat.body, `${url}: the same feed either way`);
    checkedFeed(t, byAccept.body, url);
  }
  const type = async (url: string, accept: string) => String((await app.inject({ url, headers: { accept } })).headers['content-type']).split(';')[0];
  t.equal(await type('/v1/statements', 'application/json;q=0.5, application/atom+xml'), ATOM, 'the higher q wins');
  t.equal(await type('/v1/statements', 'application/atom+xml;q=0.5, application/json'), 'application/json');
  t.equal(await type('/v1/statements', 'text/csv;q=0.9, application/atom+xml'), ATOM);
  t.equal(await type('/v1/statements', 'application/*'), 'application/json', 'a wildcard takes the first the route offers');
  t.equal(await type('/v1/statements?format=atom', 'text/csv'), ATOM, '?format= wins over Accept');

  const detail = await app.inject({ url: '/v1/organisations/lga', headers: { accept: ATOM } });
  t.equal(detail.statusCode, 406, 'a detail is no feed');
  t.same(detail.json().errors, [{ in: 'header', name: 'accept', message: 'must allow application/json' }]);
  const xml = await app.inject({ url: '/v1/statements', headers: { accept: 'application/xml' } });
  t.equal(xml.statusCode, 406);
  t.equal(xml.json().detail, "This operation answers application/json or text/csv or application/atom+xml (or application/problem+json for an error); the Accept header 'application/xml' allows none of them");
  t.same(xml.json().errors, [{ in: 'header', name: 'accept', message: 'must allow application/json or text/csv or application/atom+xml' }]);
  const named = await app.inject({ url: '/v1/organisations/lga?format=atom' });
  t.equal(named.statusCode, 406, 'a format the operation does not produce is refused, not answered in another');
  t.same(named.json(), {
    type: 'http://localhost:80/problems/not-acceptable',
    title: 'Not acceptable',
    status: 406,
    detail: 'This operation answers application/json (or application/problem+json for an error); format=atom asks for none of them',
    instance: '/v1/organisations/lga?format=atom',
    errors: [{ in: 'query', name: 'format', message: 'must name one of json' }],
  });
  t.equal((await app.inject('/v1/statements?format=rss')).statusCode, 400, 'an unknown format is a bad parameter');

  const openapi = (await app.inject('/openapi.json')).json();
  const produces = (path: string) => Object.keys(openapi.paths[path].get.responses['200'].content);
  for (const path of ['/v1/statements', '/v1/quotes', '/v1/figures', '/v1/compare', '/v1/compare/matrix', '/v1/compare/organisations', '/v1/organisations/{slug}/timeline', '/v1/organisations', '/v1/themes', '/v1/events', '/v1/people']) {
    t.same(produces(path), ['application/json', 'text/csv', ATOM], `${path}: the document lists Atom`);
  }
  t.same(produces('/v1/statements/{id}'), ['application/json'], 'and only where it is served');
});

t.test('the response cache keeps Atom and JSON apart, and serves Atom again as Atom', async (t) => {
  const app = await build(t);
  let queries = 0;
  const all = app.db.all.bind(app.db);
  app.db.all = ((...args: Parameters<typeof all>) => {
    queries += 1;
    return all(...args);
  }) as typeof app.db.all;
  const ask = async (accept: string) => {
    const before = queries;
    const res = await app.inject({ url: '/v1/statements?organisation=lga', headers: { accept } });
    return { res, computed: queries > before };
  };
  const first = await ask(ATOM);
  t.ok(first.computed, 'the first feed is computed');
  const again = await ask(ATOM);
  t.notOk(again.computed, 'the second is served from the cache');
  t.equal(again.res.body, first.res.body, 'the same feed');
  t.equal(again.res.headers['content-type'], 'application/atom+xml; charset=utf-8', 'as Atom');
  t.equal(again.res.headers.vary, 'Accept');
  t.equal(again.res.headers.etag, first.res.headers.etag);
  const json = await ask('application/json');
  t.ok(json.computed, 'a JSON request is not answered with the cached feed');
  t.match(json.res.headers['content-type'], /^application\/json/);
  t.equal(json.res.json().items[0].id, 3);
  const jsonAgain = await ask('application/json');
  t.notOk(jsonAgain.computed);
  t.match(jsonAgain.res.headers['content-type'], /^application\/json/, 'nor the JSON with the feed');
  const feedAgain = await ask(ATOM);
  t.notOk(feedAgain.computed);
  t.equal(feedAgain.res.body, first.res.body);
  const themes = async (accept: string) => {
    const before = queries;
    const res = await app.inject({ url: '/v1/themes', headers: { accept } });
    return { type: String(res.headers['content-type']), computed: queries > before };
  };
  t.same(await themes('application/json'), { type: 'application/json; charset=utf-8', computed: true });
  t.same(await themes('application/json'), { type: 'application/json; charset=utf-8', computed: false }, 'JSON kept');
  t.same(await themes(ATOM), { type: 'application/atom+xml; charset=utf-8', computed: true }, 'a feed asked after it is made afresh, not the kept JSON');
  const revalidated = await app.inject({ url: '/v1/statements?organisation=lga', headers: { accept: ATOM, 'if-none-match': String(first.res.headers.etag) } });
  t.equal(revalidated.statusCode, 304, 'a reader polling with its ETag gets 304');

  await app.db.run("UPDATE statements SET summary = 'Changed' WHERE id = 3");
  const changed = await ask(ATOM);
  t.ok(changed.computed, 'a write retires the cached feed');
  t.equal(text(checkedFeed(t, changed.res.body, 'after a write').entry?.[0]?.summary), 'Changed');
});

t.test('text XML cannot carry is left out, markup in it is text, and the feed stays valid', async (t) => {
  const app = await build(t);
  const hostile = 'Null\u0000 bell\u0007 back\u0008 vt\u000B ff\u000C esc\u001B unit\u001F nonchar\uFFFE\uFFFF end ]]> twice ]]> & <b>bold</b> "quoted" tab\tkept';
  // PostgreSQL stores no NUL: it is kept as U+FFFD (src/db/postgres/sql.ts), which XML can carry.
  const nul = testPostgres() ? '\uFFFD' : '';
  const kept = `Null${nul} bell back vt ff esc unit nonchar end ]]> twice ]]> & <b>bold</b> "quoted" tab\tkept`;
  await app.db.run('UPDATE statements SET summary = ? WHERE id = 3', [hostile]);
  await app.db.run("UPDATE organisations SET name = ? WHERE slug = 'lga'", ['Local <Government> & "Association"\u0001']);
  await app.db.run("UPDATE themes SET name = ? WHERE slug = 'funding'", ['Funding <&> "money"\u0002']);
  t.equal((await app.inject('/v1/statements?organisation=lga')).json().items[0].summary, hostile.replace('\u0000', nul || '\u0000'), 'stored and answered in JSON as it is');

  const res = await app.inject({ url: '/v1/statements?organisation=lga&format=atom' });
  t.notOk(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(res.body), 'no character XML forbids');
  const feed = checkedFeed(t, res.body, 'hostile');
  const [entry] = feed.entry ?? [];
  t.equal(text(entry?.summary), kept, 'the rest of the text, markup as text');
  t.equal(entry?.author?.[0]?.name, 'Local <Government> & "Association"');
  t.equal(parseFeed(res.body).items[0]?.description, kept, 'as a feed parser reads it');

  const compared = await app.inject({ url: '/v1/compare?theme=funding&organisations=lga&format=atom' });
  const [position] = checkedFeed(t, compared.body, 'hostile theme').entry ?? [];
  t.same(position?.category?.map((c) => c.label), ['Funding <&> "money"', 'critical on Funding <&> "money"'], 'attributes escaped');
  t.equal(text(position?.title), 'Local <Government> & "Association": critical on Funding <&> "money"');
});

t.test('unpaired surrogates, which no stored UTF-8 text holds but a JS string can, are left out too', async (t) => {
  t.equal(xmlText('a\uD800b\uDC00c\uD83D\uDE00d\u0000e\tf\ng\rh\u0085i'), 'abc\uD83D\uDE00de\tf\ng\rh\u0085i', 'a pair (an emoji) and what XML allows are kept');
});

t.test('an empty corpus is an empty feed, still valid', async (t) => {
  const app = await build(t, { seed: false });
  const feed = await atom(t, app, '/v1/statements');
  t.same(feed.entry, undefined, 'no entries');
  t.equal(feed.updated, '1970-01-01T00:00:00.000Z', 'nothing has changed yet');
  t.same(feed.author, [{ name: 'Stance', uri: `${ORIGIN}/` }]);
});

t.test('links and ids follow PUBLIC_URL; ids stay on the host name alone', async (t) => {
  const { testDb } = await import('./helper.ts');
  const { buildApp } = await import('../src/app.ts');
  const app = await buildApp({ db: await testDb(t), publicUrl: 'https://stance.example.org/api', security: { maxEventLoopDelay: 30_000 } });
  t.teardown(() => app.close());
  const res = await app.inject({ url: '/v1/statements?organisation=lga&format=atom' });
  const feed = checkedFeed(t, res.body, 'public');
  t.equal(feed.id, 'tag:stance.example.org,2026:/v1/statements?organisation=lga');
  t.same(feed.link?.find((l) => l.rel === 'self')?.href, 'https://stance.example.org/api/v1/statements?organisation=lga&format=atom');
  t.same(outline(feed), [
    ['tag:stance.example.org,2026:statement/3', `Local Government Association: Government strategy to fix children’s social care a "positive" first step, but more needs to be done, say councils`, 'https://stance.example.org/api/statements/3', '2023-02-02'],
  ]);
  const filtered = checkedFeed(t, (await app.inject({ url: '/v1/statements?theme=funding&organisation=lga&limit=5', headers: { accept: ATOM } })).body, 'two filters');
  t.equal(filtered.id, 'tag:stance.example.org,2026:/v1/statements?organisation=lga;theme=funding', 'the filters in a stable order, without the page size');
  t.equal(text(filtered.title), 'Stance: Statements (organisation=lga, theme=funding)');
});
