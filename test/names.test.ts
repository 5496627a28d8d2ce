import t from 'tap';
import { editDistance, namesInSearch, normaliseName, resolveName, type Named } from '../src/domain/names.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { canonicalUrl } from '../src/modules/shared/filters.ts';
import { build } from './helper.ts';

const organisations: Named[] = [
  { slug: 'lga', label: 'Local Government Association', names: ['Local Government Association', 'LGA'] },
  { slug: 'london-councils', label: 'London Councils', names: ['London Councils'] },
  { slug: 'ccn', label: 'County Councils Network', names: ['County Councils Network', 'CCN'] },
  { slug: 'rcpch', label: 'Royal College of Paediatrics and Child Health', names: ['Royal College of Paediatrics & Child Health', 'RCPCH'] },
];
const people: Named[] = [
  { slug: 'james-jamieson', label: 'Cllr James Jamieson', names: ['Cllr James Jamieson'], person: true },
  { slug: 'ann-smith', label: 'Dr Ann Smith', names: ['Dr Ann Smith'], person: true },
  { slug: 'bob-smith', label: 'Bob Smith', names: ['Bob Smith'], person: true },
];

t.test('a name as compared: case, accents, ampersands, punctuation and a leading "the" do not matter', async (t) => {
  t.equal(normaliseName('The  Local Government Association'), 'local government association');
  t.equal(normaliseName('Royal College of Paediatrics & Child Health'), 'royal college of paediatrics and child health');
  t.equal(normaliseName('Children’s Society'), 'childrens society');
  t.equal(normaliseName('Café-Owners'), 'cafe owners');
  t.equal(normaliseName('london-councils'), 'london councils');
  t.equal(editDistance('kinship', 'kinshp'), 1);
  t.equal(editDistance('lga', 'lga'), 0);
  t.equal(editDistance('', 'abc'), 3);
  t.equal(editDistance('flaw', 'lawn'), 2);
});

t.test('what a reader types finds the slug: slug in any case, name, short name, a person by surname or without a title', async (t) => {
  for (const typed of ['lga', 'LGA', 'Lga', 'Local Government Association', 'local government association', 'the Local Government Association']) {
    t.same(resolveName(typed, organisations), { kind: 'found', slug: 'lga' }, typed);
  }
  t.same(resolveName('London-Councils', organisations), { kind: 'found', slug: 'london-councils' });
  t.same(resolveName('Royal College of Paediatrics and Child Health', organisations), { kind: 'found', slug: 'rcpch' });
  for (const typed of ['james-jamieson', 'Jamieson', 'James Jamieson', 'Cllr James Jamieson', 'cllr jamieson']) {
    t.same(resolveName(typed, people), { kind: 'found', slug: 'james-jamieson' }, typed);
  }
  t.same(resolveName('Ann Smith', people), { kind: 'found', slug: 'ann-smith' });
});

t.test('every title a reader may put before a name is set aside, and the rest of the name still has to match', async (t) => {
  const titles = ['Cllr', 'Councillor', 'Dr', 'Doctor', 'Prof', 'Professor', 'Sir', 'Dame', 'Lord', 'Lady', 'Baroness', 'Baron', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Rt Hon', 'Jamieson MP'];
  for (const typed of titles.map((title) => (title.includes('Jamieson') ? title : `${title} Jamieson`))) {
    t.same(resolveName(typed, people), { kind: 'found', slug: 'james-jamieson' }, typed);
  }
  t.equal(resolveName('Captain Jamieson', people).kind, 'unknown', 'a word that is not a title is part of the name');
  const middle: Named[] = [{ slug: 'jo-ann-price', label: 'Cllr Jo Ann Price', names: ['Cllr Jo Ann Price'], person: true }];
  t.same(resolveName('Jo Price', middle), { kind: 'found', slug: 'jo-ann-price' }, 'the first and last names, without the middle one');
  t.same(resolveName('Councillor Jo Ann Price', middle), { kind: 'found', slug: 'jo-ann-price' }, 'another title than the one on record');
  const onlyTitle: Named[] = [{ slug: 'the-doctor', label: 'Dr', names: [], person: true }];
  t.same(resolveName('??', onlyTitle), { kind: 'unknown', closest: [] }, 'nothing typed matches nobody, even a name that is all title');
});

t.test('how names are compared: accents, "the" only at the start, slugs before names', async (t) => {
  t.equal(normaliseName('Çafé Société'), 'cafe societe');
  t.equal(normaliseName('Save the Children'), 'save the children');
  t.equal(normaliseName('The Children’s Society'), 'childrens society');
  const clash: Named[] = [
    { slug: 'lga', label: 'Local Government Association', names: ['LGA'] },
    { slug: 'lga-north', label: 'LGA North', names: ['lga'] },
  ];
  t.same(resolveName(' LGA ', clash), { kind: 'found', slug: 'lga' }, 'a slug, in any case, wins over a name another answers to');
  t.same(resolveName('LGA North', clash), { kind: 'found', slug: 'lga-north' });
  t.same(resolveName('zzzz', organisations), { kind: 'unknown', closest: [] }, 'a word nobody answers to names nobody');
  const longer = resolveName('London Councils Network', organisations);
  t.same(longer.kind === 'unknown' ? longer.closest[0] : longer, organisations[1], 'a name it begins with comes first');
  t.same(resolveName('Locl Govrnmnt Associatn', organisations), { kind: 'unknown', closest: [organisations[0]] }, 'a long name forgives more typing errors');
});

t.test('a name several answer to is ambiguous; one nobody answers to lists the closest, nearest first', async (t) => {
  t.same(resolveName('Smith', people), { kind: 'ambiguous', candidates: [people[1], people[2]] });
  t.same(resolveName('council', organisations), { kind: 'unknown', closest: [organisations[2], organisations[1]] }, 'a word they begin with');
  t.same(resolveName('Local Government', organisations), { kind: 'unknown', closest: [organisations[0]] }, 'the beginning of a name');
  t.same(resolveName('lgaa', organisations), { kind: 'unknown', closest: [organisations[0]] }, 'one letter too many');
  t.same(resolveName('Lodnon Councils', organisations), { kind: 'unknown', closest: [organisations[1]] }, 'typing errors');
  t.same(resolveName('weather', organisations), { kind: 'unknown', closest: [] });
  t.same(resolveName('  ', organisations), { kind: 'unknown', closest: [] });
  t.same(resolveName('', []), { kind: 'unknown', closest: [] });
});

t.test('a search that names an organisation or a person: the names, longest first, and the words left', async (t) => {
  const entries = [...organisations.map((o) => ({ ...o, kind: 'organisation' })), ...people.map((p) => ({ ...p, kind: 'speaker' }))];
  t.same(namesInSearch('Jamieson shortfall', entries), { names: [{ kind: 'speaker', slug: 'james-jamieson', text: 'Jamieson' }], rest: 'shortfall' });
  t.same(namesInSearch('Cllr James Jamieson', entries), { names: [{ kind: 'speaker', slug: 'james-jamieson', text: 'Cllr James Jamieson' }], rest: '' }, 'a title and a full name, one run');
  t.same(namesInSearch('the funding London Councils cited', entries), { names: [{ kind: 'organisation', slug: 'london-councils', text: 'London Councils' }], rest: 'the funding cited' });
  t.same(
    namesInSearch('LGA "Local Government Association" kinship "early help"', entries),
    {
      names: [
        { kind: 'organisation', slug: 'lga', text: 'LGA' },
        { kind: 'organisation', slug: 'lga', text: 'Local Government Association' },
      ],
      rest: 'kinship "early help"',
    },
    'a quoted phrase that is a name is one; one that is not stays a phrase',
  );
  t.same(namesInSearch('Smith pay', entries), { names: [], rest: 'Smith pay' }, 'a surname two people share names neither');
  t.same(namesInSearch('Ann Smith pay', entries).names, [{ kind: 'speaker', slug: 'ann-smith', text: 'Ann Smith' }], 'her first name settles it');
  t.same(namesInSearch('Jamieson OR Smith', entries), { names: [], rest: 'Jamieson OR Smith' }, 'with OR the words are alternatives: left to the text search');
  t.same(namesInSearch('Jamieson* -LGA', entries), { names: [], rest: 'Jamieson* -LGA' }, 'a prefix and an exclusion are search syntax');
  t.same(namesInSearch('Dr', entries), { names: [], rest: 'Dr' }, 'a title alone names nobody');
  t.same(namesInSearch('', entries), { names: [], rest: '' });
  t.same(namesInSearch('Councillor Jamieson pay', entries), { names: [{ kind: 'speaker', slug: 'james-jamieson', text: 'Councillor Jamieson' }], rest: 'pay' }, 'a title not on record');
  t.same(namesInSearch('"Ann Smith', entries), { names: [{ kind: 'speaker', slug: 'ann-smith', text: 'Ann Smith' }], rest: '' }, 'a phrase left open runs to the end');
  t.same(namesInSearch('CCN', organisations.map((o) => ({ ...o, kind: 'organisation' }))).names, [{ kind: 'organisation', slug: 'ccn', text: 'CCN' }], 'an organisation is never matched by a person’s forms');
});

t.test('q finds what a speaker said and what an organisation published, by name', async (t) => {
  const app = await build(t);
  const quotes = async (q: string, extra = '') => (await app.inject({ url: `/v1/quotes?q=${encodeURIComponent(q)}${extra}` })).json();
  const jamieson = await quotes('Jamieson');
  t.equal(jamieson.total, 6, 'his six quotes, although none has his name in it');
  t.ok(jamieson.items.every((item: any) => item.speaker.slug === 'james-jamieson'));
  t.same((await quotes('Cllr James Jamieson')).items.map((i: any) => i.id), jamieson.items.map((i: any) => i.id), 'by his full name and title too');
  const shortfall = await quotes('Jamieson shortfall');
  t.same(shortfall.items.map((i: any) => [i.id, i.speaker.slug]), [[12, 'james-jamieson']], 'his words on the shortfall');
  t.match(shortfall.items[0].snippet, /<mark>shortfall<\/mark>/, 'the rest of the search still ranks and marks the text');
  t.same((await quotes('Glazier', '&theme=funding')).items.map((i: any) => i.id), [33], 'with the other filters');
  t.equal((await quotes('"Camilla Kingdon"')).total, 4);
  const statements = async (q: string) => (await app.inject({ url: `/v1/statements?q=${encodeURIComponent(q)}` })).json();
  t.same((await statements('LGA')).items.map((i: any) => i.organisation.slug), ['lga'], 'an organisation’s statements by its short name');
  t.same((await statements('Action for Children')).items.map((i: any) => i.organisation.slug), ['action-for-children'], 'its name as a phrase, not three words anywhere');
  t.same((await statements('Kingdon')).items.map((i: any) => i.id), [1], 'the statement that quotes her');
  t.equal((await statements('Kingdon')).items[0].snippet, null, 'found by name alone: no passage to mark');
});

t.test('filters forgive how people type, over HTTP', async (t) => {
  const app = await build(t);
  const ids = async (url: string) => {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 200, url);
    return (res.json() as { items: { id: number }[] }).items.map((item) => item.id);
  };
  const lga = await ids('/v1/statements?organisation=lga');
  t.ok(lga.length > 0);
  t.same(await ids('/v1/statements?organisation=LGA'), lga);
  t.same(await ids('/v1/statements?organisation=Local%20Government%20Association'), lga);
  const jamieson = await ids('/v1/quotes?speaker=james-jamieson');
  t.ok(jamieson.length > 0);
  t.same(await ids('/v1/quotes?speaker=Jamieson'), jamieson);
  t.same(await ids('/v1/quotes?speaker=James%20Jamieson'), jamieson);
  t.same(await ids('/v1/statements?theme=Early%20help&organisation=ccn'), await ids('/v1/statements?theme=early-help&organisation=ccn'));
  const partTitle = await app.inject({ url: '/v1/statements?event=Stable%20Homes' });
  t.same(partTitle.json().errors, [{ in: 'query', name: 'event', message: "unknown event 'Stable Homes'; did you mean implementation-strategy-2023 (Stable Homes, Built on Love)?" }]);
  const pair = await app.inject({ url: '/v1/compare/organisations?a=LGA&b=County%20Councils%20Network' });
  t.same([pair.statusCode, pair.json().a.slug, pair.json().b.slug], [200, 'lga', 'ccn']);

  const unknown = await app.inject({ url: '/v1/statements?theme=money' });
  t.equal(unknown.statusCode, 400);
  t.same(unknown.json().errors, [{ in: 'query', name: 'theme', message: "unknown theme 'money'; the themes are funding (Funding), workforce (Workforce), early-help (Early help), kinship (Kinship care)" }]);
  const close = await app.inject({ url: '/v1/statements?organisation=councils' });
  t.same(close.json().errors, [{ in: 'query', name: 'organisation', message: "unknown organisation 'councils'; did you mean one of ccn (County Councils Network), london-councils (London Councils)?" }]);
  const b = await app.inject({ url: '/v1/compare/organisations?a=lga&b=nobody' });
  t.same(b.json().errors, [{ in: 'query', name: 'b', message: "unknown organisation 'nobody'; the organisations are rcpch (Royal College of Paediatrics and Child Health), lga (Local Government Association), london-councils (London Councils), ccn (County Councils Network), action-for-children (Action for Children), dfe (Department for Education)" }]);
});

t.test('aliases are data: seeded, returned, used by filters, set by editors with a key, refused when another answers to them', async (t) => {
  const app = await build(t);
  const lga = (await app.inject({ url: '/v1/organisations/lga' })).json();
  t.same(lga.aliases, ['Local Govt Association'], 'seeded from the corpus');
  t.same((await app.inject({ url: '/v1/people/claire-coutinho' })).json().aliases, ['Children’s minister']);
  const byAlias = await app.inject({ url: '/v1/statements?organisation=local%20govt%20association' });
  t.same(byAlias.json().items.map((item: { organisation: { slug: string } }) => item.organisation.slug), ['lga']);

  const put = (url: string, aliases: unknown, authorization?: string) =>
    app.inject({ method: 'PUT', url, payload: { aliases }, headers: authorization ? { authorization } : {} });
  t.equal((await put('/v1/organisations/lga/aliases', ['Councils’ association'])).statusCode, 401, 'a key is needed');
  const writer = `Bearer ${await createKey(app.db, 'editor', ['write'])}`;
  const set = await put('/v1/organisations/ccn/aliases', ['County Councils', 'County Councils', 'Shire counties'], writer);
  t.same([set.statusCode, set.json()], [200, { slug: 'ccn', aliases: ['County Councils', 'Shire counties'] }]);
  t.same((await app.inject({ url: '/v1/organisations/ccn' })).json().aliases, ['County Councils', 'Shire counties']);
  const shire = await app.inject({ url: '/v1/statements?organisation=shire%20Counties' });
  t.same(shire.json().items.map((item: { organisation: { slug: string } }) => item.organisation.slug), ['ccn']);

  const taken = await put('/v1/organisations/ccn/aliases', ['Shire counties', 'LGA'], writer);
  t.equal(taken.statusCode, 409);
  t.same(taken.json().errors, [{ in: 'body', name: 'aliases', message: "'LGA' already names lga (Local Government Association)" }]);
  t.same((await app.inject({ url: '/v1/organisations/ccn' })).json().aliases, ['County Councils', 'Shire counties'], 'nothing half-stored');
  t.equal((await put('/v1/organisations/nobody/aliases', ['Nobody'], writer)).statusCode, 404);
  t.equal((await put('/v1/organisations/ccn/aliases', [''], writer)).statusCode, 400);
  const person = await put('/v1/people/james-jamieson/aliases', ['LGA chairman'], writer);
  t.same(person.json(), { slug: 'james-jamieson', aliases: ['LGA chairman'] });
  t.same((await app.inject({ url: '/v1/quotes?speaker=lga%20chairman' })).json().items.length, (await app.inject({ url: '/v1/quotes?speaker=james-jamieson' })).json().items.length);
  const audit = await app.inject({ url: '/v1/audit', headers: { authorization: `Bearer ${await createKey(app.db, 'auditor', ['read'])}` } });
  t.same(
    audit.json().items.map((entry: { method: string; url: string; status: number }) => `${entry.method} ${entry.url} ${entry.status}`).sort(),
    ['PUT /v1/organisations/ccn/aliases 200', 'PUT /v1/people/james-jamieson/aliases 200'],
    'each change is in the audit log',
  );
});

t.test('a record named in its path by another name redirects to its one URL; a path that names nothing is a 404 with the closest', async (t) => {
  const app = await build(t);
  for (const [url, location] of <[string, string][]>[
    ['/v1/organisations/LGA', '/v1/organisations/lga'],
    ['/v1/organisations/Local%20Government%20Association/timeline?reviewed=true', '/v1/organisations/lga/timeline?reviewed=true'],
    ['/v1/people/Jamieson', '/v1/people/james-jamieson'],
    ['/v1/themes/Early%20help', '/v1/themes/early-help'],
    ['/v1/events/Stable%20Homes,%20Built%20on%20Love', '/v1/events/implementation-strategy-2023'],
  ]) {
    const res = await app.inject({ url });
    t.same([res.statusCode, res.headers.location, res.body], [308, location, ''], url);
  }
  t.equal((await app.inject({ url: '/v1/organisations/lga' })).statusCode, 200, 'the slug itself is answered');
  const near = await app.inject({ url: '/v1/organisations/councils' });
  t.same([near.statusCode, near.json().detail], [404, "No organisation with identifier 'councils'; did you mean one of ccn (County Councils Network), london-councils (London Councils)?"]);
  const far = await app.inject({ url: '/v1/people/zzz' });
  t.same([far.statusCode, far.json().detail], [404, "No person with identifier 'zzz'; see /v1/people for the list"]);
  t.equal(canonicalUrl('/v1/organisations/%E0%A4%A/x', '%E0%A4%A', 'lga'), '/v1/organisations/%E0%A4%A/x', 'a segment that does not decode is left');
});
