import t from 'tap';
import { build } from './helper.ts';

const counts = (values: { value: string; count: number; selected: boolean }[]) => values.map((v) => `${v.value} ${v.count}${v.selected ? ' (chosen)' : ''}`);

t.test('facets count every match of /v1/statements by each facet asked for, with the link that narrows to each value', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/v1/statements?facet=organisation&facet=theme&facet=stance,event,speaker&limit=1' });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.items.length, 1, 'the page is one statement');
  t.equal(body.total, 7, 'the counts are over all seven');
  t.same(counts(body.facets.organisation), ['rcpch 2', 'action-for-children 1', 'ccn 1', 'dfe 1', 'lga 1', 'london-councils 1'], 'largest first, then by name');
  t.same(counts(body.facets.theme), ['funding 7', 'early-help 6', 'workforce 6', 'kinship 4']);
  t.same(counts(body.facets.event), ['implementation-strategy-2023 6', 'independent-review-2022 1']);
  t.same(body.facets.stance.map((v: { value: string }) => v.value).sort(), ['critical', 'mixed', 'neutral', 'supportive']);
  t.same(body.facets.organisation[0], {
    value: 'rcpch',
    label: 'RCPCH',
    count: 2,
    selected: false,
    url: '/v1/statements?facet=organisation&facet=theme&facet=stance%2Cevent%2Cspeaker&limit=1&organisation=rcpch',
  });
  const jamieson = body.facets.speaker.find((v: { value: string }) => v.value === 'james-jamieson');
  t.same(jamieson, { value: 'james-jamieson', label: 'Cllr James Jamieson', count: 1, selected: false, url: '/v1/statements?facet=organisation&facet=theme&facet=stance%2Cevent%2Cspeaker&limit=1&speaker=james-jamieson' });

  // Following a value's link narrows the list to it, and its count was the total it gives.
  const narrowed = (await app.inject({ url: body.facets.organisation[0].url })).json();
  t.equal(narrowed.total, 2);
  t.same(counts(narrowed.facets.organisation), ['rcpch 2 (chosen)']);
  t.equal(narrowed.facets.organisation[0].url, '/v1/statements?facet=organisation&facet=theme&facet=stance%2Cevent%2Cspeaker&limit=1', 'a chosen value’s link widens again');
  t.same(counts(narrowed.facets.event), ['implementation-strategy-2023 1', 'independent-review-2022 1']);
});

t.test('facets follow every filter: a stance on a theme counts the stance on that theme; a name filter is shown chosen by its slug', async (t) => {
  const app = await build(t);
  const funding = (await app.inject({ url: '/v1/statements?theme=funding&facet=stance' })).json();
  t.same(counts(funding.facets.stance), ['critical 3', 'mixed 2', 'neutral 2'], 'seven statements on funding: their stances on funding, not on other themes');
  const lga = (await app.inject({ url: '/v1/statements?organisation=LGA&facet=organisation' })).json();
  t.same(lga.facets.organisation, [{ value: 'lga', label: 'LGA', count: 1, selected: true, url: '/v1/statements?facet=organisation' }]);
  const searched = (await app.inject({ url: '/v1/statements?q=kinship&facet=organisation' })).json();
  t.equal(searched.facets.organisation.reduce((n: number, v: { count: number }) => n + v.count, 0), searched.total, 'under a search: one count per statement found');
  const nothing = (await app.inject({ url: '/v1/statements?q=%2B%2B&facet=theme' })).json();
  t.same(nothing.facets, { theme: [] }, 'nothing searchable: no values, not no facets');
  const plain = (await app.inject({ url: '/v1/statements' })).json();
  t.equal(plain.facets, undefined, 'no facet asked for, none counted');
  const bad = await app.inject({ url: '/v1/statements?facet=colour' });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().errors[0].name, 'facet');
});

t.test('facets of /v1/quotes: by the quote’s organisation, event and speaker, and by the themes and stances it is evidence for', async (t) => {
  const app = await build(t);
  const body = (await app.inject({ url: '/v1/quotes?theme=funding&facet=organisation,theme,stance,speaker&limit=1' })).json();
  t.equal(body.total, 10);
  t.same(counts(body.facets.organisation), ['lga 3', 'action-for-children 2', 'london-councils 2', 'rcpch 2', 'ccn 1']);
  t.same(counts(body.facets.theme), ['funding 10 (chosen)', 'workforce 2', 'early-help 1'], 'the other themes those quotes are evidence for');
  t.same(counts(body.facets.stance).slice(0, 2), ['critical 5', 'mixed 4'], 'their stance on funding');
  for (const value of [...body.facets.organisation, ...body.facets.speaker, ...body.facets.stance]) {
    t.equal((await app.inject({ url: value.url })).json().total, value.count, `${value.label}: its count is what its link finds`);
  }
  const byJamieson = (await app.inject({ url: '/v1/quotes?q=Jamieson&facet=theme' })).json();
  t.same(counts(byJamieson.facets.theme), ['funding 3', 'early-help 1', 'kinship 1', 'workforce 1'], 'under a search by a speaker’s name: what his quotes are evidence for');
});
