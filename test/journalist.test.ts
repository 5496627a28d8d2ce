import t from 'tap';
import { parseAmount } from '../src/domain/figures.ts';
import { build, getJson } from './helper.ts';

t.test('figures side by side: grouped by value and what they measure', async (t) => {
  const app = await build(t);
  const { status, body } = await getJson(app, '/v1/figures?unit=GBP');
  t.equal(status, 200);
  const group = (display: string, category: string) => body.groups.find((g: any) => g.display === display && g.category === category);
  const recommended = group('£2.6bn', 'recommended');
  t.same(recommended.organisations.map((o: any) => o.slug).sort(), ['ccn', 'rcpch'], '£2.6bn recommended, cited by RCPCH and CCN');
  t.same(group('£200m', 'committed').organisations.map((o: any) => o.slug).sort(), ['ccn', 'rcpch'], '£200m committed');
  const overspend = group('£200m', 'overspend');
  t.same(overspend.organisations.map((o: any) => o.slug), ['london-councils'], 'the same amount, a different thing');
  t.equal(overspend.citations[0].period, 'per year');
  t.same(group('£1.6bn', 'shortfall').organisations.map((o: any) => o.slug), ['lga']);
  t.equal(body.groups[0].display, '£2.6bn', 'largest sums first');
  for (const g of body.groups) {
    t.equal(g.unit, 'GBP');
    for (const c of g.citations) {
      t.ok(c.context.includes(c.raw), 'each citation keeps its sentence');
      t.match(c.citation, /https?:\/\//);
      t.equal(c.permalink, `http://localhost:80/statements/${c.statement.id}#char=${c.start},${c.end}`, 'an absolute link to the figure in its statement');
    }
  }
  const kingdon = recommended.citations.find((c: any) => c.organisation.slug === 'rcpch');
  t.match(kingdon.citation, /^Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “RCPCH responds/);
  t.equal(body.total, body.groups.reduce((n: number, g: any) => n + g.citationCount, 0));
  t.ok(body.groups.every((g: any) => g.citations.length === Math.min(g.citationCount, 10)), 'the most recent ten citations of each group');

  const lga = await getJson(app, '/v1/figures?organisation=lga');
  t.ok(lga.body.groups.every((g: any) => g.organisations.every((o: any) => o.slug === 'lga')));
  const children = await getJson(app, '/v1/figures?unit=children&q=care');
  t.ok(children.body.groups.some((g: any) => g.value === 100_000));
  const overspendSearch = await getJson(app, '/v1/figures?q=overspend');
  t.ok(overspendSearch.body.groups.every((g: any) => g.citations.every((c: any) => `${c.measures} ${c.context}`.toLowerCase().includes('overspend'))));
  const kinship = await getJson(app, '/v1/figures?theme=kinship');
  t.ok(kinship.body.groups.every((g: any) => g.citations.every((c: any) => c.theme === 'kinship')));
  const review = await getJson(app, '/v1/figures?event=independent-review-2022');
  t.ok(review.body.groups.every((g: any) => g.citations.every((c: any) => c.event.slug === 'independent-review-2022')));
  t.equal((await app.inject({ url: '/v1/figures?organisation=nobody' })).statusCode, 400);
  t.equal((await app.inject({ url: '/v1/figures?unit=%24%24' })).statusCode, 400);
});

t.test('two organisations: agree, oppose, differ in degree, only one speaks', async (t) => {
  const app = await build(t);
  const { status, body } = await getJson(app, '/v1/compare/organisations?a=lga&b=ccn');
  t.equal(status, 200);
  t.equal(body.a.slug, 'lga');
  t.equal(body.b.slug, 'ccn');
  t.same(body.summary, { agree: ['funding', 'early-help'], oppose: [], differInDegree: [], onlyA: ['workforce', 'kinship'], onlyB: [], neither: [] });
  const funding = body.themes.find((th: any) => th.theme.slug === 'funding');
  t.equal(funding.relation, 'agree');
  t.ok(funding.a.statements[0].evidence.length > 0 && funding.b.statements[0].evidence.length > 0, 'evidence on each side');
  t.ok(funding.agreement.critical.includes('lga') && funding.agreement.critical.includes('ccn'));

  const diverging = await getJson(app, '/v1/compare/organisations?a=lga&b=action-for-children');
  const workforce = diverging.body.themes.find((th: any) => th.theme.slug === 'workforce');
  t.same([workforce.relation, workforce.a.stance, workforce.b.stance], ['oppose', 'supportive', 'critical']);
  t.same(diverging.body.summary.oppose, ['workforce']);

  // CCN ("falls short") and London Councils ("a major concern", after "right to recognise the need for more resources") both find the funding insufficient.
  const councils = await getJson(app, '/v1/compare/organisations?a=ccn&b=london-councils');
  const money = councils.body.themes.find((th: any) => th.theme.slug === 'funding');
  t.same([money.relation, money.a.stance, money.b.stance], ['differ-in-degree', 'critical', 'mixed'], 'not a divergence: a difference of degree');
  t.notOk(councils.body.summary.oppose.includes('funding'));

  const onlyReview = await getJson(app, '/v1/compare/organisations?a=rcpch&b=lga&event=independent-review-2022');
  t.same(onlyReview.body.summary.onlyA, ['funding', 'workforce']);
  t.same(onlyReview.body.summary.neither, ['early-help', 'kinship']);

  for (const url of ['/v1/compare/organisations?a=lga', '/v1/compare/organisations?a=lga&b=nobody', '/v1/compare/organisations?a=lga&b=ccn&event=nope']) {
    const res = await app.inject({ url });
    t.equal(res.statusCode, 400, url);
    t.match(res.headers['content-type'], /problem\+json/);
  }
});

t.test('timeline: stance per theme across events, in date order', async (t) => {
  const app = await build(t);
  const { status, body } = await getJson(app, '/v1/organisations/rcpch/timeline');
  t.equal(status, 200);
  t.same(body.events.map((e: any) => e.slug), ['independent-review-2022', 'implementation-strategy-2023']);
  const funding = body.themes.find((th: any) => th.theme.slug === 'funding');
  t.same(funding.points.map((p: any) => [p.date, p.event.slug, p.stance]), [
    ['2022-05-23', 'independent-review-2022', 'neutral'],
    ['2023-02-02', 'implementation-strategy-2023', 'critical'],
  ]);
  t.ok(funding.points.every((p: any) => p.evidence.length > 0 && p.statement.url.startsWith('/v1/statements/')));
  t.equal((await app.inject({ url: '/v1/organisations/nobody/timeline' })).statusCode, 404);
});

t.test('citations on quotes and evidence', async (t) => {
  const app = await build(t);
  const quotes = await getJson(app, '/v1/quotes?speaker=james-jamieson&voice=direct&limit=1');
  const quote = quotes.body.items[0];
  t.equal(quote.voice, 'direct');
  t.match(quote.citation, /^Cllr James Jamieson, Chairman, Local Government Association, in “Government strategy to fix children’s social care/);
  t.match(quote.citation, /Local Government Lawyer, 3 February 2023, https:\/\/localgovernmentlawyer\.co\.uk\//);
  t.equal(quote.permalink, `http://localhost:80/statements/${quote.statement.id}#char=${quote.start},${quote.end}`, 'a quote’s permalink is its passage in its statement');
  const own = await getJson(app, '/v1/quotes?organisation=action-for-children&limit=1');
  t.equal(own.body.items[0].voice, 'own');
  t.match(own.body.items[0].citation, /^Action for Children, in its own statement “The government's social care review: children need action now”, Action for Children, 2 February 2023, https:/);
  const compare = await getJson(app, '/v1/compare?theme=funding');
  for (const position of compare.body.organisations) {
    for (const statement of position.statements) {
      for (const e of statement.evidence) {
        t.ok(e.citation.includes(position.organisation.name), 'evidence citation names the organisation');
        t.equal(e.permalink, `http://localhost:80/statements/${statement.id}#char=${e.start},${e.end}`);
      }
    }
  }
});

t.test('whose words: reported speech is listed as reported, cited to its publisher, and never shown as a quotation', async (t) => {
  const app = await build(t);
  const reported = (await getJson(app, '/v1/quotes?voice=reported')).body;
  t.same(
    reported.items.map((q: { text: string }) => q.text.slice(0, 60)).sort(),
    ['Cllr Jamieson said the LGA looked forward to the DfE followi', 'Cllr Jamieson said the funding announced, "while helpful", f'],
  );
  const shortfall = reported.items.find((q: { text: string }) => q.text.includes('£1.6 billion'));
  t.same([shortfall.voice, shortfall.speaker.slug, shortfall.organisation.slug], ['reported', 'james-jamieson', 'lga']);
  t.equal(
    shortfall.citation,
    'Cllr James Jamieson, Chairman, Local Government Association, as reported by Local Government Lawyer in “Government strategy to fix children’s social care a "positive" first step, but more needs to be done, say councils”, 3 February 2023, https://localgovernmentlawyer.co.uk/child-protection/392-children-protection-news/52879-government-strategy-to-fix-children-s-social-care-a-positive-first-step-but-more-needs-to-be-done-say-councils',
  );
  const lga = (await getJson(app, '/v1/compare?theme=funding&organisations=lga')).body.organisations[0];
  const evidence = lga.statements[0].evidence.find((e: { text: string }) => e.text.includes('£1.6 billion'));
  t.same([evidence.voice, evidence.quoteId, evidence.speaker.slug], ['reported', shortfall.id, 'james-jamieson'], 'the evidence is reported speech, with its speaker');
  t.equal(evidence.citation, shortfall.citation);
  const voices = (await getJson(app, '/v1/quotes?limit=100')).body.items.reduce((tally: Record<string, number>, q: { voice: string }) => ({ ...tally, [q.voice]: (tally[q.voice] ?? 0) + 1 }), {});
  t.same(voices, { direct: 23, reported: 2, own: 8 }, 'the 33 curated quotes: 23 in quotation marks, 2 reported, 8 in the organisation’s own voice');
  t.equal((await app.inject('/v1/quotes?voice=publisher')).statusCode, 400, 'publisher text is never a quote');
});

t.test('GET /v1/figures pages its groups; counts cover every group', async (t) => {
  const app = await build(t);
  const whole = (await getJson(app, '/v1/figures')).body;
  t.equal(whole.next, null);
  t.equal(whole.groupCount, whole.groups.length);
  t.ok(whole.groupCount > 5, 'the seed corpus has several groups');
  const seen: any[] = [];
  let url: string | null = '/v1/figures?limit=5';
  while (url) {
    const res: any = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 200);
    const body = res.json();
    t.equal(body.groupCount, whole.groupCount);
    t.equal(body.total, whole.total, 'citations are counted over all groups on every page');
    t.ok(body.groups.length <= 5);
    if (body.next) t.equal(res.headers.link, `<${body.next}>; rel="next"`);
    seen.push(...body.groups);
    url = body.next;
  }
  t.same(seen, whole.groups, 'the pages together are every group, in order');
  const bad = await app.inject({ method: 'GET', url: '/v1/figures?limit=0' });
  t.equal(bad.statusCode, 400);
  t.match(bad.json().errors, [{ name: 'limit' }]);
});

t.test('who cited £2.6bn: figures looked up by amount, however it is written', async (t) => {
  t.same(parseAmount('£2.6bn'), { value: 2_600_000_000, unit: 'GBP' });
  t.same(parseAmount('2.6bn'), { value: 2_600_000_000, unit: undefined });
  t.same(parseAmount('2,600,000,000'), { value: 2_600_000_000, unit: undefined });
  t.same(parseAmount('£2600m'), { value: 2_600_000_000, unit: 'GBP' });
  t.same(parseAmount('£200 million'), { value: 200_000_000, unit: 'GBP' });
  t.same(parseAmount(' $45k '), { value: 45_000, unit: 'USD' });
  t.same(parseAmount('45%'), { value: 45, unit: 'percent' });
  t.same(parseAmount('12.5 per cent'), { value: 12.5, unit: 'percent' });
  t.same(parseAmount('500'), { value: 500, unit: undefined });
  t.same(parseAmount('0.1bn'), { value: 100_000_000, unit: undefined }, 'no float noise');
  for (const bad of ['lots', '£', '2.6 bananas', '£45%', '1,00', '']) t.equal(parseAmount(bad), undefined, bad);

  const app = await build(t);
  const cited = async (amount: string) => {
    const { status, body } = await getJson(app, `/v1/figures?amount=${encodeURIComponent(amount)}`);
    t.equal(status, 200, amount);
    return body.groups.map((g: any) => `${g.display} ${g.category}: ${g.organisations.map((o: any) => o.slug).sort().join(',')}`);
  };
  t.same(await cited('£2.6bn'), ['£2.6bn recommended: ccn,rcpch']);
  for (const same of ['2.6bn', '2,600,000,000', '£2600m']) t.same(await cited(same), ['£2.6bn recommended: ccn,rcpch'], same);
  t.same(await cited('£200m'), ['£200m committed: ccn,rcpch', '£200m overspend: london-councils'], 'the same amount, two things it measures');
  t.same(await cited('$2.6bn'), [], 'another currency is another amount');
  const refused = await getJson(app, '/v1/figures?amount=lots');
  t.equal(refused.status, 400);
  t.same(refused.body.errors, [{ in: 'query', name: 'amount', message: 'expected an amount such as £2.6bn, 2.6bn, 2,600,000,000, £200 million or 45%' }]);
});
