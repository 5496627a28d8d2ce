import t, { type Test } from 'tap';
import { parse } from 'csv-parse/sync';
import { createKey } from '../src/modules/auth/keys.ts';
import { compareFigures, contentWords, groupByMeasure, measureOf, periodBasis, similarity, stem, type GroupableFigure } from '../src/domain/measures.ts';
import { build, getJson } from './helper.ts';

// ---- The domain: what a figure measures, whatever the wording ----------------------------------

t.test('stem: plurals, past and -ing forms, each rule at its bounds', async (t) => {
  const cases: [string, string][] = [
    ['reforms', 'reform'], ['reform', 'reform'], ['recommended', 'recommend'], ['needs', 'need'], ['budgeted', 'budget'],
    ['committed', 'commit'], ['piloting', 'pilot'], ['pilots', 'pilot'], ['authorities', 'authority'], ['boroughs', 'borough'],
    ['services', 'servic'], ['service', 'servic'], ['estimated', 'estimat'], ['estimate', 'estimat'], ['children', 'child'],
    ['people', 'person'], ['lives', 'life'], ['analyses', 'analysis'], ['women', 'woman'], ['men', 'man'],
    ['classes', 'class'], ['boxes', 'box'], ['churches', 'church'], ['wishes', 'wish'], ['waltzes', 'waltz'],
    ['process', 'process'], ['bonus', 'bonus'], ['analysis', 'analysis'],
    ['ties', 'tie'], ['flies', 'fly'], ['cats', 'cat'], ['gas', 'gas'], ['its', 'its'],
    ['bring', 'bring'], ['during', 'dur'], ['shed', 'shed'], ['armed', 'arm'], ['planned', 'plan'], ['staff', 'staf'],
    ['will', 'will'], ['class', 'class'], ['jazz', 'jazz'], ['care', 'care'], ['score', 'scor'], ['cares', 'care'],
    ['constructor', 'constructor'], ['tostring', 'tostr'],
    ['chester', 'chester'], ['buses', 'buse'], ['allotted', 'allot'],
  ];
  t.same(cases.map(([word]) => [word, stem(word)]), cases);
});

t.test('contentWords: what is left of a description once the words that say nothing of the measure are out', async (t) => {
  const words = (measures: string, unit = 'GBP', names: string[] = []) => contentWords(measures, unit, names).map((w) => `${w.word}/${w.stem}`);
  t.same(words('funding the Independent Review said the reform needs'), ['independent/independent', 'review/review', 'reform/reform'], 'category words (needs), generic money words and reporting verbs out');
  t.same(words('funding the Independent Review recommended for the reforms'), ['independent/independent', 'review/review', 'reforms/reform']);
  t.same(words('extra yearly council spending projected for 2025 compared with the start of the decade'), ['extra/extra', 'council/council', 'projected/project', 'compared/compar', 'start/start', 'decade/decad'], 'periods and numbers out');
  t.same(words('£45 million over the next two years, a thousand a month'), [], 'amounts, scales and period words are not content');
  t.same(words('London boroughs’ collective overspend on children’s social care budgets'), ['london/london', 'boroughs/borough', 'collective/collectiv'], 'possessives with curly quotes');
  t.same(words("the council's weekly costs"), ['council/council'], 'straight quotes too');
  t.same(words('child and family social worker apprentices councils will be supported to recruit', 'social-workers'), [
    'family/family', 'apprentices/apprentic', 'councils/council', 'supported/support', 'recruit/recruit',
  ], "the unit's own nouns out");
  t.same(words('local authority areas testing the new family help approach', 'local-authorities'), ['testing/test', 'new/new', 'family/family', 'help/help', 'approach/approach']);
  t.same(words('local authority areas testing the new family help approach', 'GBP'), ['local/local', 'authority/authority', 'areas/area', 'testing/test', 'new/new', 'family/family', 'help/help', 'approach/approach'], 'only for that unit');
  t.same(words('services and service levels'), ['services/servic', 'levels/level'], 'each stem once');
  t.same(words('children offered help only to be re-referred', 'children'), ['offered/offer', 'help/help', 'referred/refer'], 'words of two letters out');
  t.same(words('naïve rôles'), ['naive/naiv', 'roles/role'], 'accents off');
  t.same(words('Constructor toString'), ['constructor/constructor', 'tostring/tostr']);
  t.same(words('children in the care system Action for Children supports', 'children', ['Action for Children']), ['system/system', 'supports/support'], "an organisation's name out");
  t.same(words('families Kinship Carers Trust advised', 'families', ['Kinship', 'Kinship Carers Trust', ' ']), ['advised/advis'], 'the longest name first; blank names ignored');
  t.same(words('homeless families Home supports', 'families', ['Home']), ['homeless/homeless', 'supports/support'], 'a name inside a word is not the name');
  t.same(words('families Kin+Ship Trust advised', 'families', ['Kin+Ship Trust']), ['advised/advis'], 'names are matched literally');
  t.same(words('people helped by action for children, and action for children', 'people', ['Action for Children ']), ['helped/help'], 'in any case, trimmed, wherever it is');
  t.same(words('year years yearly annual annually annum month months monthly week weeks weekly next last coming'), [], 'period words');
  t.same(words('one two three four five six seven eight nine ten twelve twenty hundred thousand million billion trillion'), [], 'numbers in words');
  t.same(words('children child social care funding fund money amount sum cash investment invest figure total number pound estimate'), [], 'generic words');
  const unitNouns: [string, string][] = [
    ['children', 'young people kids babies teenagers'],
    ['social-workers', 'social worker workers practitioners'],
    ['local-authorities', 'local authority authorities council councils borough boroughs area areas'],
    ['families', 'families family'],
    ['carers', 'carer carers foster kinship'],
    ['people', 'people person adults staff workers employees'],
    ['placements', 'homes placements beds'],
    ['pages', 'page pages'],
    ['recommendations', 'recommendation recommendations'],
    ['social-workers', 'social'],
  ];
  for (const [unit, nouns] of unitNouns) t.same(words(nouns, unit), [], `the nouns of ${unit}`);
  t.same(words('kids babies teenagers practitioners boroughs foster adults beds pages', 'GBP').length, 9, 'each of them content for money');
});

t.test('measureOf: a key of unit, category, owner and words', async (t) => {
  const organisations = [
    { slug: 'action-for-children', names: ['Action for Children'] },
    { slug: 'lga', names: ['Local Government Association', 'LGA'] },
    { slug: 'ccn', names: ['County Councils Network', 'CCN'] },
  ];
  t.same(measureOf({ unit: 'GBP', measures: 'funding the Independent Review said the reform needs' }), {
    key: 'gbp-recommended-independent-review-reform',
    unit: 'GBP',
    category: 'recommended',
    owner: null,
    stems: ['independent', 'reform', 'review'],
  });
  t.same(measureOf({ unit: 'children', measures: 'children projected to be in care if the system is left unchecked and growing' }), {
    key: 'children-projected-system-left-unchecked',
    unit: 'children',
    category: null,
    owner: null,
    stems: ['grow', 'left', 'project', 'system', 'uncheck'],
  }, 'no category; four words in the key, every stem compared');
  t.same(measureOf({ unit: 'people', measures: 'people Action for Children helped', organisation: 'action-for-children' }, organisations), {
    key: 'people-action-for-children-helped',
    unit: 'people',
    category: null,
    owner: 'action-for-children',
    stems: ['help'],
  }, 'an organisation speaking of itself: its own measure');
  t.same(measureOf({ unit: 'children', measures: 'children we support', organisation: 'ccn' }, organisations).owner, 'ccn', 'in the first person too');
  t.same(measureOf({ unit: 'GBP', measures: 'our estimate of the shortfall', organisation: 'lga' }, organisations).key, 'gbp-shortfall-lga');
  t.same(measureOf({ unit: 'children', measures: 'children we support' }, organisations).owner, null, 'without a citing organisation, no owner');
  t.same(measureOf({ unit: 'GBP', measures: 'the LGA’s estimate of the shortfall', organisation: 'ccn' }, organisations), {
    key: 'gbp-shortfall',
    unit: 'GBP',
    category: 'shortfall',
    owner: null,
    stems: [],
  }, "another organisation's name is not the citing one's own measure");
  t.same(measureOf({ unit: 'GBP', measures: 'shortfall ( ) per council', organisation: 'x' }, [{ slug: 'x', names: [' '] }]).owner, null, 'a blank name never matches');
  t.same(measureOf({ unit: 'children', measures: 'children Action for Children supports', organisation: 'ccn' }, organisations).owner, null, "another organisation's name, first in the list");
  t.same(measureOf({ unit: 'GBP', measures: 'the shortfall the LGA estimated', organisation: 'lga' }, organisations).owner, 'lga', 'any of its names');
});

t.test('similarity: Dice over stems', async (t) => {
  t.equal(similarity(['a', 'b'], ['b', 'a']), 1);
  t.equal(similarity(['a'], ['b']), 0);
  t.equal(similarity(['a'], ['a', 'b']), 2 / 3);
  t.equal(similarity(['a', 'b'], ['a', 'c']), 0.5);
  t.equal(similarity([], []), 1);
  t.equal(similarity([], ['a']), 0);
  t.equal(similarity(['a'], []), 0);
  t.equal(similarity(['a', 'a'], ['a']), 1, 'a repeated stem counts once');
});

t.test('periodBasis: the period a value is given on, normalised', async (t) => {
  const cases: [string | null, string, string][] = [
    ['per year', '', 'per year'],
    ['a year', '', 'per year'],
    ['each year', '', 'per year'],
    ['every year', '', 'per year'],
    ['annually', '', 'per year'],
    ['annual', '', 'per year'],
    ['per annum', '', 'per year'],
    ['  Per   Year ', '', 'per year'],
    ['over the next two years', '', 'over 2 years'],
    ['over two years', '', 'over 2 years'],
    ['over the coming 5 years', '', 'over 5 years'],
    ['over the past three years', '', 'over 3 years'],
    ['over the last ten years', '', 'over 10 years'],
    ['over one year', '', 'over 1 year'],
    ['by the end of 2025', '', 'by 2025'],
    ['by the end of 2026/27', '', 'by 2026/27'],
    ['by 2030', '', 'by 2030'],
    ['by 1999/2000', '', 'by 1999/2000'],
    ['in 2025', '', 'in 2025'],
    ['Last Year', '', 'last year'],
    ['  In  2025 ', '', 'in 2025'],
    ['over four years', '', 'over 4 years'],
    ['over six years', '', 'over 6 years'],
    ['over seven years', '', 'over 7 years'],
    ['over eight years', '', 'over 8 years'],
    ['over nine years', '', 'over 9 years'],
    ['over twelve years', '', 'over 12 years'],
    ['over twenty years', '', 'over 20 years'],
    ['over five years', '', 'over 5 years'],
    ['', 'yearly funding shortfall', 'per year'],
    [null, 'yearly funding shortfall', 'per year'],
    [null, 'the annual cost of a placement', 'per year'],
    [null, 'funding committed over three years', 'over 3 years'],
    [null, 'children in care by 2025', 'by 2025'],
    [null, 'funding the review recommended', 'unstated'],
    [null, 'funding set by 18 councils', 'unstated'],
    [null, 'per yearling sold', 'unstated'],
  ];
  t.same(cases.map(([period, measures]) => [period, measures, periodBasis(period, measures)]), cases);
});

interface F extends GroupableFigure {
  period: string | null;
}
let nextId = 0;
const fig = (organisation: string, unit: string, value: number, measures: string, extra: Partial<F> = {}): F => ({
  id: (nextId += 1),
  organisation,
  unit,
  value,
  measures,
  period: null,
  ...extra,
});
const keysOf = (groups: { key: string; figures: F[] }[]) => groups.map((g) => [g.key, g.figures.map((f) => f.id)]);

t.test('groupByMeasure: one measure however it is worded, and different measures apart', async (t) => {
  nextId = 0;
  const figures = [
    fig('rcpch', 'GBP', 2.6e9, 'funding the Independent Review said the reform needs'), // 1
    fig('ccn', 'GBP', 2.6e9, 'funding the Independent Review recommended for the reforms'), // 2
    fig('rcpch', 'GBP', 2e8, 'funding budgeted by the strategy for the reform'), // 3
    fig('london-councils', 'GBP', 2e8, 'London boroughs’ collective overspend on children’s social care budgets'), // 4
    fig('dfe', 'GBP', 4.5e7, 'funding backing the kinship care pilots'), // 5
    fig('ccn', 'GBP', 2e8, 'funding committed by the strategy'), // 6
    fig('lga', 'GBP', 1.6e9, 'yearly funding shortfall in children’s services'), // 7
    fig('trust', 'GBP', 2e9, 'shortfall'), // 8: names only a category, and one group has it
    fig('trust', 'GBP', 5e6, 'funding'), // 9: names nothing
    fig('forum', 'GBP', 5e6, 'amount of money'), // 10: nothing, same value
    fig('forum', 'GBP', 6e6, 'investment'), // 11: nothing, another value
    fig('a', 'children', 40000, 'children we support'), // 12
    fig('b', 'children', 90000, 'children we support'), // 13: another organisation's own
    fig('c', 'GBP', 3e9, 'the investment the care review recommended'), // 14: a subset of the review's words
    fig('d', 'GBP', 1e9, 'councils’ overspend on children’s social care'), // 15: another overspend
    fig('e', 'percent', 23, 'increase in children living in unregulated settings'), // 16
    fig('e', 'children', 1000, 'children we support'), // 17: unit children, e's own
  ];
  const groups = groupByMeasure(figures);
  t.same(keysOf(groups), [
    ['gbp-recommended-independent-review-reform', [1, 2, 14]],
    ['gbp-shortfall-services', [7, 8]],
    ['gbp-overspend-councils', [15]],
    ['gbp-committed-strategy-reform', [3, 6]],
    ['gbp-overspend-london-boroughs-collective', [4]],
    ['gbp-committed-kinship-pilots', [5]],
    ['gbp-6000000', [11]],
    ['gbp-5000000', [9, 10]],
    ['children-b-support', [13]],
    ['children-a-support', [12]],
    ['children-e-support', [17]],
    ['percent-increase-living-unregulated-settings', [16]],
  ]);
  t.same(groups[0], {
    key: 'gbp-recommended-independent-review-reform',
    label: 'funding the Independent Review said the reform needs',
    unit: 'GBP',
    category: 'recommended',
    editor: false,
    specified: true,
    figures: [figures[0], figures[1], figures[13]],
  }, 'named by its first figure');
  t.same(groups.map((g) => g.specified), [true, true, true, true, true, true, false, false, true, true, true, true], 'a group by value only is not specified');
  t.same(groupByMeasure([...figures].reverse()).map((g) => g.key), groups.map((g) => g.key), 'the order figures come in does not matter');
});

t.test('groupByMeasure: a figure naming only a category, with none, one or several groups of it', async (t) => {
  nextId = 0;
  const alone = [fig('a', 'GBP', 2e9, 'shortfall'), fig('b', 'GBP', 1e9, 'funding shortfall')];
  t.same(keysOf(groupByMeasure(alone)), [['gbp-shortfall', [1, 2]]], 'no group of the category: together under unit-category');
  t.same(groupByMeasure(alone).map((g) => [g.label, g.specified]), [['shortfall', true]]);
  nextId = 0;
  const several = [
    fig('a', 'GBP', 2e9, 'shortfall in council budgets for special needs transport'),
    fig('b', 'GBP', 1e9, 'shortfall in children’s services'),
    fig('c', 'GBP', 3e9, 'shortfall'),
    fig('d', 'children', 3, 'shortfall'),
  ];
  t.same(keysOf(groupByMeasure(several)), [['gbp-shortfall', [3]], ['gbp-shortfall-council-special-transport', [1]], ['gbp-shortfall-services', [2]], ['children-shortfall', [4]]], 'several: a group of its own; another unit: apart');
  nextId = 0;
  const own = [fig('a', 'GBP', 2e9, 'the shortfall our members face'), fig('b', 'GBP', 1e9, 'shortfall')];
  t.same(keysOf(groupByMeasure(own, [])), [['gbp-shortfall-a-members-face', [1]], ['gbp-shortfall', [2]]], "an organisation's own group takes no one else's figure");
});

t.test('groupByMeasure: a key two founders share is one group, and close calls go to the most similar', async (t) => {
  nextId = 0;
  const figures = [
    fig('a', 'GBP', 1, 'cost of a residential home placement for one child'), // stems: residential home placement
    fig('b', 'GBP', 2, 'cost of a residential home place'), // residential home place: 4/6 with 1, its own group? 0.67 ≥ 0.5 joins 1
    fig('c', 'GBP', 3, 'cost of foster home placement'), // foster home placement: 4/6 with 1
    fig('d', 'GBP', 4, 'cost of a foster home placement weekly'), // same words as 3
    fig('e', 'GBP', 5, 'cost of residential home placements'), // same stems as 1
  ];
  t.same(keysOf(groupByMeasure(figures)), [['gbp-cost-residential-home-placement', [1, 2, 3, 4, 5]]]);
  nextId = 0;
  const apart = [
    fig('a', 'GBP', 1, 'cost of residential homes'), // 1: residential home
    fig('b', 'GBP', 2, 'cost of foster placements'), // 2: foster placement — nothing shared
    fig('c', 'GBP', 3, 'cost of foster placements and residential homes in the region'), // 3: 4 of 4 + region: 0.67 with both, the first wins
    fig('d', 'GBP', 4, 'cost of foster placements in the region'), // 4: foster placement region: 0.8 with 2, 0.67 with 1's group? no: 0 with 1
  ];
  t.same(keysOf(groupByMeasure(apart)), [['gbp-cost-foster-placements', [2, 4]], ['gbp-cost-residential-homes', [1, 3]]]);
  nextId = 0;
  const sameKey = [
    fig('a', 'GBP', 1, 'cost of alpha beta gamma delta epsilon zeta'),
    fig('b', 'GBP', 2, 'cost of alpha beta gamma delta eta theta iota kappa lambda'),
  ];
  t.same(keysOf(groupByMeasure(sameKey)), [['gbp-cost-alpha-beta-gamma-delta', [1, 2]]], 'under the threshold, but the same key: one group');
  nextId = 0;
  const threshold = [fig('a', 'GBP', 1, 'cost of alpha beta gamma'), fig('b', 'GBP', 2, 'cost of alpha delta epsilon'), fig('c', 'GBP', 3, 'cost of alpha beta')];
  t.same(keysOf(groupByMeasure(threshold)), [['gbp-cost-alpha-beta-gamma', [1, 3]], ['gbp-cost-alpha-delta-epsilon', [2]]], '1 of 3 (0.33) apart; 2 of 2 and 3 (0.8) together');
  nextId = 0;
  const exactly = [fig('a', 'GBP', 1, 'cost of alpha beta'), fig('b', 'GBP', 2, 'cost of alpha gamma'), fig('c', 'GBP', 3, 'cost of gamma delta')];
  t.same(keysOf(groupByMeasure(exactly)), [['gbp-cost-gamma-delta', [3]], ['gbp-cost-alpha-beta', [1, 2]]], 'exactly one half (0.5) is enough; the founder is compared, not the last to join');
});

t.test('groupByMeasure: an editor’s choice wins', async (t) => {
  nextId = 0;
  const figures = [
    fig('a', 'GBP', 2.6e9, 'funding the Independent Review said the reform needs'), // 1: joins the group with its key
    fig('b', 'GBP', 3e9, 'funding the Independent Review recommended for the reforms', { editorGroup: { key: 'gbp-review-over-five-years', label: 'The review’s £2.6bn over five years' } }), // 2
    fig('c', 'GBP', 2e8, 'funding committed by the strategy', { editorGroup: { key: 'gbp-recommended-independent-review-reform', label: null } }), // 3: into an automatic group
    fig('d', 'GBP', 2.7e9, 'what the review wanted', { editorGroup: { key: 'gbp-review-over-five-years', label: 'A later label' } }), // 4
    fig('e', 'GBP', 2.6e9, 'funding the Independent Review recommended for the reforms'), // 5: joins the most similar group of its kind, the editor's
    fig('f', 'GBP', 1e6, 'funding', { editorGroup: { key: 'gbp-odd', label: null } }), // 6
    fig('g', 'GBP', 1e6, 'funding'), // 7: by value, not the editor's
  ];
  const groups = groupByMeasure(figures);
  t.same(
    groups.map((g) => [g.key, g.label, g.editor, g.figures.map((f) => f.id)]),
    [
      ['gbp-review-over-five-years', 'The review’s £2.6bn over five years', true, [2, 4, 5]],
      ['gbp-recommended-independent-review-reform', 'funding committed by the strategy', true, [1, 3]],
      ['gbp-1000000', 'funding', false, [7]],
      ['gbp-odd', 'funding', true, [6]],
    ],
  );
});

t.test('groupByMeasure: kinds, units and owners are never mixed; value keys; the order of units', async (t) => {
  nextId = 0;
  const kinds = [
    fig('a', 'GBP', 1, 'funding committed by the strategy'),
    fig('b', 'GBP', 2, 'funding recommended for the strategy'),
    fig('c', 'percent', 3, 'funding committed by the strategy'),
    fig('d', 'children', 4, 'extra help for kinship carers'),
    fig('e', 'percent', 50, 'extra help for kinship carers'),
  ];
  t.same(keysOf(groupByMeasure(kinds)), [
    ['gbp-recommended-strategy', [2]],
    ['gbp-committed-strategy', [1]],
    ['children-extra-help-kinship-carers', [4]],
    ['percent-extra-help-kinship-carers', [5]],
    ['percent-committed-strategy', [3]],
  ], 'money first, then units in order whatever their values');
  nextId = 0;
  const values = [
    fig('a', 'GBP', 0.25, 'funding'),
    fig('b', 'GBP', 1e21, 'money'),
    fig('c', 'GBP', -5, 'cash'),
    fig('d', 'GBP', 1.5e-7, 'amount'),
    fig('e', 'GBP', 7, 'extra help for kinship carers'),
    fig('f', 'GBP', 8, 'funding'),
  ];
  t.same(groupByMeasure(values).map((g) => g.key), ['gbp-1e-21', 'gbp-8', 'gbp-extra-help-kinship-carers', 'gbp-0-25', 'gbp-1-5e-7', 'gbp-5'], 'a figure naming nothing never joins a group of no kind');
  nextId = 0;
  const vagueFounder = [
    fig('a', 'GBP', 1, 'shortfall', { editorGroup: { key: 'gbp-editors-shortfall', label: null } }),
    fig('b', 'GBP', 2, 'shortfall in children’s services'),
    fig('c', 'GBP', 3, 'shortfall'),
    fig('d', 'children', 4, 'shortfall'),
  ];
  t.same(keysOf(groupByMeasure(vagueFounder)), [['gbp-shortfall-services', [2, 3]], ['gbp-editors-shortfall', [1]], ['children-shortfall', [4]]], 'a group with no words is no candidate for a figure with none, nor one of another unit');
});

t.test('compareFigures: a disagreement is different values on the same period basis', async (t) => {
  const cite = (organisation: string, value: number, period: string | null = null, measures = 'shortfall', unit = 'GBP') => ({ organisation, value, unit, period, measures });
  t.same(compareFigures([cite('lga', 1.6e9, 'per year'), cite('trust', 2e9, 'a year')]), {
    periods: ['per year'],
    disagreement: true,
    verdict: 'values-differ',
    note: '2 organisations give different values per year: £1.6bn to £2bn.',
    spread: { period: 'per year', min: 1.6e9, max: 2e9, difference: 4e8, ratio: 1.25, display: '£1.6bn to £2bn' },
  });
  t.same(compareFigures([cite('lga', 1.6e9, 'per year'), cite('trust', 3e9, 'over the next three years')]), {
    periods: ['over 3 years', 'per year'],
    disagreement: false,
    verdict: 'periods-differ',
    note: 'The values differ, but each is given for a different period (over 3 years; per year): not a disagreement.',
    spread: null,
  });
  t.same(compareFigures([cite('a', 1e9), cite('b', 2e9, 'per year')]).note, 'The values differ, but each is given for a different period (per year; with no period stated): not a disagreement.');
  t.same(compareFigures([cite('a', 1e9), cite('b', 2e9), cite('c', 2e9)]).note, '3 organisations give different values with no period stated: £1bn to £2bn.');
  t.same(compareFigures([cite('a', 2.6e9), cite('b', 2.6e9, 'by the end of 2026/27')]), {
    periods: ['by 2026/27', 'unstated'],
    disagreement: false,
    verdict: 'same-value',
    note: '2 organisations give the same value.',
    spread: null,
  });
  t.same(compareFigures([cite('a', 1e9), cite('a', 2e9)]), {
    periods: ['unstated'],
    disagreement: false,
    verdict: 'one-organisation',
    note: 'One organisation cites it: nothing to compare with.',
    spread: null,
  }, "one organisation's two values are no disagreement");
  t.same(compareFigures([]).verdict, 'one-organisation');
  t.same(compareFigures([cite('a', 0.1 + 0.2), cite('b', 0.3)]).verdict, 'same-value', 'equal up to float noise');
  t.same(compareFigures([cite('a', 0), cite('b', 0)]).verdict, 'same-value', 'zero is zero');
  t.same(compareFigures([cite('a', 2e9, 'per year'), cite('b', 1.6e9, 'per year'), cite('c', 1.8e9, 'per year')]).spread, {
    period: 'per year', min: 1.6e9, max: 2e9, difference: 4e8, ratio: 1.25, display: '£1.6bn to £2bn',
  }, 'the least and the most, in whatever order they come');
  t.same(compareFigures([cite('a', 1e9), cite('b', 1.000001e9)]).verdict, 'values-differ', 'a millionth apart is another value');
  const two = compareFigures([cite('a', 100, 'per year'), cite('b', 110, 'per year'), cite('a', 100), cite('b', 300), cite('c', 300)]);
  t.same([two.spread, two.note], [{ period: 'unstated', min: 100, max: 300, difference: 200, ratio: 3, display: '£100 to £300' }, '3 organisations give different values with no period stated: £100 to £300.'], 'the widest of two disagreements');
  t.same(compareFigures([cite('a', 100, 'per year'), cite('b', 300, 'per year'), cite('a', 1000), cite('b', 3000)]).spread?.period, 'unstated', 'equal ratios: the larger difference');
  t.same(compareFigures([cite('a', 100, 'per year'), cite('b', 300, 'per year'), cite('a', 100), cite('b', 300)]).spread?.period, 'per year', 'equal spreads: the first basis');
  t.same(compareFigures([cite('a', 0, null, 'x', 'percent'), cite('b', 5, null, 'x', 'percent'), cite('a', 10, 'per year', 'x', 'percent'), cite('b', 1000, 'per year', 'x', 'percent')]).spread, {
    period: 'unstated', min: 0, max: 5, difference: 5, ratio: null, display: '0% to 5%',
  }, 'no ratio from zero; such a spread counts as the widest');
  t.same(compareFigures([cite('a', 23, null, 'x', 'percent'), cite('b', 25.5, null, 'x', 'percent')]).spread, {
    period: 'unstated', min: 23, max: 25.5, difference: 2.5, ratio: 1.11, display: '23% to 25.5%',
  });
});

// ---- The routes ----------------------------------------------------------------------------------

type App = Awaited<ReturnType<typeof build>>;

/** A group in brief: key, kind, verdict, periods, who gives which value, and which figures each organisation's citations are. */
const brief = (g: any) => [
  g.key,
  g.category,
  g.verdict,
  g.periods.join(' | '),
  g.values.map((v: any) => `${v.display} ${v.period}: ${v.organisations.join(',')} ×${v.citationCount}`).join('; '),
  g.organisations.map((o: any) => `${o.organisation.slug}:${o.citations.map((c: any) => c.id).join(',')}`).join(' '),
];

const SEED_GROUPS = [
  ['gbp-recommended-independent-review-reform', 'recommended', 'same-value', 'by 2026/27 | unstated', '£2.6bn by 2026/27: ccn ×1; £2.6bn unstated: rcpch ×1', 'ccn:24 rcpch:2'],
  ['gbp-spending-extra-council-projected-compared', 'spending', 'one-organisation', 'in 2025', '£2.1bn in 2025: ccn ×1', 'ccn:22'],
  ['gbp-shortfall-services-inflation-maintain-current', 'shortfall', 'one-organisation', 'per year', '£1.6bn per year: lga ×1', 'lga:6'],
  ['gbp-committed-strategy-reform', 'committed', 'same-value', 'over 2 years | unstated', '£200m over 2 years: ccn ×1; £200m unstated: rcpch ×1', 'ccn:19 rcpch:1'],
  ['gbp-overspend-london-boroughs-collective', 'overspend', 'one-organisation', 'per year', '£200m per year: london-councils ×1', 'london-councils:7'],
  ['gbp-committed-kinship-pilots', 'committed', 'one-organisation', 'unstated', '£45m unstated: dfe ×1', 'dfe:9'],
  ['gbp-cost-average-providing-home', 'cost', 'one-organisation', 'per year', '£200,000 per year: action-for-children ×1', 'action-for-children:17'],
  ['children-projected-system-left-unchecked', null, 'one-organisation', 'by 2025', '100,000 children by 2025: ccn ×2', 'ccn:23'],
  ['children-offered-help-services-referred', null, 'one-organisation', 'per year', '60,000 children per year: action-for-children ×1', 'action-for-children:16'],
  ['children-action-for-children-system-supports', null, 'one-organisation', 'unstated', '40,000 children unstated: action-for-children ×1', 'action-for-children:12'],
  ['local-authorities-kinship-family-help-model', null, 'one-organisation', 'unstated', '12 local authorities unstated: dfe ×1', 'dfe:8'],
  ['local-authorities-piloting-new-early-help', null, 'one-organisation', 'unstated', '12 local authorities unstated: ccn ×1', 'ccn:20'],
  ['local-authorities-testing-new-family-help', null, 'one-organisation', 'unstated', '12 local authorities unstated: dfe ×1', 'dfe:10'],
  ['pages-length-independent-review-final', null, 'one-organisation', 'unstated', '278 pages unstated: rcpch ×1', 'rcpch:3'],
  ['pages-length-implementation-strategy', null, 'one-organisation', 'unstated', '220 pages unstated: action-for-children ×1', 'action-for-children:13'],
  ['people-action-for-children-helped-family-support-centres', null, 'one-organisation', 'last year', '140,000 people last year: action-for-children ×1', 'action-for-children:15'],
  ['percent-increase-living-unregulated-settings', null, 'one-organisation', 'last year', '23% last year: action-for-children ×1', 'action-for-children:18'],
  ['proportion-rely-point-lives', null, 'one-organisation', 'unstated', '25% unstated: action-for-children ×1', 'action-for-children:14'],
  ['recommendations-recommended-independent-review', 'recommended', 'one-organisation', 'unstated', '80 recommendations unstated: rcpch ×2', 'rcpch:5'],
  ['social-workers-family-apprentices-councils-supported', null, 'one-organisation', 'unstated', '500 social workers unstated: dfe ×1', 'dfe:11'],
];

const CCN_200M = {
  id: 19,
  raw: '£200m',
  value: 200000000,
  unit: 'GBP',
  measures: 'funding committed by the strategy',
  period: 'over the next two years',
  theme: 'funding',
  start: 422,
  end: 427,
  context: 'The plan is backed by £200m over the next two years, and has a particular focus on early help and prevention, and keeping families together wherever possible.',
  organisation: { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' },
  statement: { id: 7, date: '2023-02-02', url: '/v1/statements/7' },
  event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
  speaker: null,
  citation:
    'County Councils Network, in its own statement “Government reforms for children’s social care put forward: CCN response”, County Councils Network, 2 February 2023, https://www.countycouncilsnetwork.org.uk/government-reforms-for-childrens-social-care-put-forward-ccn-response/',
  permalink: 'http://localhost:80/statements/7#char=422,427',
  display: '£200m',
  periodBasis: 'over 2 years',
};
const RCPCH_200M = {
  id: 1,
  raw: '£200m',
  value: 200000000,
  unit: 'GBP',
  measures: 'funding budgeted by the strategy for the reform',
  period: null,
  theme: 'funding',
  start: 2201,
  end: 2206,
  context:
    'The intentions of this report are good, but we are appalled to read that just £200m has been budgeted for this work - a far cry from the £2.6bn suggested by independent review lead Josh MacAlister as needed for this scale of reform.',
  organisation: { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' },
  statement: { id: 1, date: '2023-02-02', url: '/v1/statements/1' },
  event: { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' },
  speaker: { name: 'Dr Camilla Kingdon', role: 'President' },
  citation:
    'Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “RCPCH responds to Social Care Review Implementation Strategy”, Royal College of Paediatrics and Child Health, 2 February 2023, https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy',
  permalink: 'http://localhost:80/statements/1#char=2201,2206',
  display: '£200m',
  periodBasis: 'unstated',
};
const STRATEGY_GROUP = {
  key: 'gbp-committed-strategy-reform',
  label: 'funding budgeted by the strategy for the reform',
  unit: 'GBP',
  category: 'committed',
  editor: false,
  specified: true,
  url: '/v1/figures/measures/gbp-committed-strategy-reform',
  themes: ['funding'],
  citationCount: 2,
  disagreement: false,
  verdict: 'same-value',
  note: '2 organisations give the same value.',
  spread: null,
  periods: ['over 2 years', 'unstated'],
  values: [
    { value: 200000000, display: '£200m', period: 'over 2 years', organisations: ['ccn'], organisationCount: 1, citationCount: 1 },
    { value: 200000000, display: '£200m', period: 'unstated', organisations: ['rcpch'], organisationCount: 1, citationCount: 1 },
  ],
  valueCount: 2,
  organisations: [
    { organisation: { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' }, citationCount: 1, citations: [CCN_200M] },
    { organisation: { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' }, citationCount: 1, citations: [RCPCH_200M] },
  ],
  organisationCount: 2,
};

t.test('GET /v1/figures/measures on the seed corpus: every measure, and no disagreement in it', async (t) => {
  const app = await build(t);
  const { status, body } = await getJson(app, '/v1/figures/measures?limit=100');
  t.equal(status, 200);
  t.same(body.items.map(brief), SEED_GROUPS);
  t.same([body.total, body.limit, body.next], [20, 100, null]);
  t.same(body.items.filter((g: any) => g.disagreement), [], 'the seed corpus holds no two organisations giving different values for one measure');
  t.same(body.items[3], STRATEGY_GROUP, 'a group in full');
  t.same(
    body.items.map((g: any) => [g.label, g.themes, g.editor, g.specified, g.citationCount]).slice(0, 3),
    [
      ['funding the Independent Review said the reform needs', ['funding'], false, true, 2],
      ['extra yearly council spending on children’s social care projected for 2025 compared with the start of the decade', ['funding'], false, true, 1],
      ['yearly funding shortfall in children’s services, estimated before inflation, just to maintain current service levels', ['funding'], false, true, 1],
    ],
  );
  t.same((await getJson(app, '/v1/figures/measures/gbp-committed-strategy-reform')).body, STRATEGY_GROUP, 'one group on its own');
});

t.test('GET /v1/figures/measures: filters pick groups, shown whole; pages; problems', async (t) => {
  const app = await build(t);
  const keys = async (query: string) => {
    const { status, body } = await getJson(app, `/v1/figures/measures?${query}`);
    t.equal(status, 200, query);
    return body.items.map((g: any) => g.key);
  };
  t.same(await keys('organisation=rcpch'), ['gbp-recommended-independent-review-reform', 'gbp-committed-strategy-reform', 'pages-length-independent-review-final', 'recommendations-recommended-independent-review']);
  t.same(await keys('organisation=Local Government Association'), ['gbp-shortfall-services-inflation-maintain-current'], 'by name');
  t.same(await keys('theme=kinship'), ['local-authorities-kinship-family-help-model']);
  t.same(await keys('theme=workforce,kinship'), ['local-authorities-kinship-family-help-model', 'social-workers-family-apprentices-councils-supported']);
  t.same(await keys('unit=pages'), ['pages-length-independent-review-final', 'pages-length-implementation-strategy']);
  t.same(await keys('q=STRATEGY'), ['gbp-committed-strategy-reform', 'pages-length-implementation-strategy'], 'in labels and descriptions, in any case');
  t.same(await keys('q=1 in 4'), ['proportion-rely-point-lives'], 'in a figure as written');
  t.same(await keys('q=proportion-rely'), ['proportion-rely-point-lives'], 'in a key');
  t.same(await keys('disagreement=true'), []);
  t.equal((await keys('disagreement=false&limit=100')).length, 20);
  t.same(await keys('organisation=rcpch&unit=GBP&theme=funding'), ['gbp-recommended-independent-review-reform', 'gbp-committed-strategy-reform']);

  const first = await app.inject({ url: '/v1/figures/measures?limit=2' });
  const page = first.json();
  t.same([page.items.map((g: any) => g.key), page.total, page.limit], [['gbp-recommended-independent-review-reform', 'gbp-spending-extra-council-projected-compared'], 20, 2]);
  t.equal(first.headers.link, `<${page.next}>; rel="next"`);
  const second = (await getJson(app, page.next)).body;
  t.same(second.items.map((g: any) => g.key), ['gbp-shortfall-services-inflation-maintain-current', 'gbp-committed-strategy-reform']);
  const last = (await getJson(app, '/v1/figures/measures?limit=5&cursor=eyJvIjoxNX0')).body;
  t.same([last.items.length, last.next], [5, null], 'the last page has no next');

  const problem = async (url: string, status: number, errors?: unknown) => {
    const res = await app.inject({ url });
    t.equal(res.statusCode, status, url);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    if (errors) t.same(res.json().errors, errors, url);
    return res.json();
  };
  await problem('/v1/figures/measures?disagreement=maybe', 400, [{ in: 'query', name: 'disagreement', message: 'expected true or false' }]);
  await problem('/v1/figures/measures?unit=%C2%A3', 400, [{ in: 'query', name: 'unit', message: 'expected a unit such as GBP, children, percent' }]);
  await problem('/v1/figures/measures?limit=101', 400, [{ in: 'query', name: 'limit', message: 'must be at most 100' }]);
  t.match((await problem('/v1/figures/measures?organisation=nobody-at-all', 400)).errors, [{ in: 'query', name: 'organisation' }]);
  t.same((await problem('/v1/figures/measures/no-such-measure', 404)).detail, "No measure group with identifier 'no-such-measure'");
  await problem('/v1/figures/measures/Not_A_Key', 400, [{ in: 'path', name: 'key', message: 'expected a measure group key such as "gbp-recommended-independent-review-reform"' }]);
});

t.test('GET /v1/figures/measures as CSV: one row per citation', async (t) => {
  const app = await build(t);
  const res = await app.inject({ url: '/v1/figures/measures?format=csv&q=strategy' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  const rows = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
  t.same(rows, [
    {
      measure: 'funding budgeted by the strategy for the reform',
      key: 'gbp-committed-strategy-reform',
      unit: 'GBP',
      disagreement: 'no',
      verdict: 'same-value',
      spread: '',
      organisation: 'County Councils Network',
      figure: '£200m',
      as_written: '£200m',
      period: 'over 2 years',
      what_it_measures: 'funding committed by the strategy',
      sentence: CCN_200M.context,
      figure_id: '19',
      citation: CCN_200M.citation,
      permalink: CCN_200M.permalink,
    },
    {
      measure: 'funding budgeted by the strategy for the reform',
      key: 'gbp-committed-strategy-reform',
      unit: 'GBP',
      disagreement: 'no',
      verdict: 'same-value',
      spread: '',
      organisation: 'Royal College of Paediatrics and Child Health',
      figure: '£200m',
      as_written: '£200m',
      period: 'unstated',
      what_it_measures: 'funding budgeted by the strategy for the reform',
      sentence: RCPCH_200M.context,
      figure_id: '1',
      citation: RCPCH_200M.citation,
      permalink: RCPCH_200M.permalink,
    },
    {
      measure: 'length of the implementation strategy',
      key: 'pages-length-implementation-strategy',
      unit: 'pages',
      disagreement: 'no',
      verdict: 'one-organisation',
      spread: '',
      organisation: 'Action for Children',
      figure: '220 pages',
      as_written: '220 page',
      period: 'unstated',
      what_it_measures: 'length of the implementation strategy',
      sentence: rows[2]!.sentence!,
      figure_id: '13',
      citation: rows[2]!.citation!,
      permalink: 'http://localhost:80/statements/6#char=1601,1609',
    },
  ]);
  t.match(rows[2]!.sentence, /220 page/);
});

const auth = async (app: App, scopes?: ('read' | 'write' | 'admin')[]) => ({ authorization: `Bearer ${await createKey(app.db, scopes ? `reader${scopes.length}` : 'editor', scopes)}` });

/** A press response whose figure measures the LGA's yearly shortfall, with another value (or another period). */
async function postShortfall(t: Test, app: App, sentence: string) {
  const name = "Northshire Children's Alliance";
  const res = await app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: await auth(app),
    payload: {
      text: `${name} responds to the children's social care strategy\n\n"${sentence}," said Jo Reed, director of the ${name}.`,
      organisation: { name, kind: 'charity' },
      event: 'implementation-strategy-2023',
      date: '2023-02-06',
      url: 'https://example.org/northshire/response',
      title: `${name} responds`,
    },
  });
  t.equal(res.statusCode, 201);
  return res.json();
}

t.test('a disagreement: another organisation gives another value for the yearly shortfall', async (t) => {
  const app = await build(t);
  const stored = await postShortfall(t, app, "Councils face a shortfall of £2bn a year in children's services, and this strategy does nothing to close it");
  t.same(stored.figures.map((f: any) => [f.raw, f.measures, f.period]), [['£2bn', 'shortfall', 'per year']], 'the analyser says only that it is a shortfall, per year');
  const { body } = await getJson(app, '/v1/figures/measures?disagreement=true');
  t.same(body.items.map(brief), [
    [
      'gbp-shortfall-services-inflation-maintain-current',
      'shortfall',
      'values-differ',
      'per year',
      "£2bn per year: northshire-childrens-alliance ×1; £1.6bn per year: lga ×1",
      'lga:6 northshire-childrens-alliance:25',
    ],
  ]);
  const group = body.items[0];
  t.same([group.disagreement, group.note, group.spread, group.citationCount], [
    true,
    '2 organisations give different values per year: £1.6bn to £2bn.',
    { period: 'per year', min: 1600000000, max: 2000000000, difference: 400000000, ratio: 1.25, display: '£1.6bn to £2bn' },
    2,
  ]);
  t.same(group.organisations[1].citations[0].context, "\"Councils face a shortfall of £2bn a year in children's services, and this strategy does nothing to close it,\" said Jo Reed, director of the Northshire Children's Alliance.");
  t.same((await getJson(app, '/v1/figures/measures?organisation=lga&disagreement=true')).body.total, 1, 'found from either side');
  const csv = parse((await app.inject({ url: '/v1/figures/measures?disagreement=true&format=csv' })).body, { columns: true, bom: true }) as Record<string, string>[];
  t.same(csv.map((r) => [r.organisation, r.figure, r.disagreement, r.spread]), [
    ['Local Government Association', '£1.6bn', 'yes', '£1.6bn to £2bn (per year)'],
    ["Northshire Children's Alliance", '£2bn', 'yes', '£1.6bn to £2bn (per year)'],
  ]);
});

t.test('values for different periods are set side by side, not flagged', async (t) => {
  const app = await build(t);
  await postShortfall(t, app, 'Councils face a shortfall of £3bn over the next three years');
  const { body } = await getJson(app, '/v1/figures/measures/gbp-shortfall-services-inflation-maintain-current');
  t.same([body.disagreement, body.verdict, body.spread, body.periods, body.note], [
    false,
    'periods-differ',
    null,
    ['over 3 years', 'per year'],
    'The values differ, but each is given for a different period (over 3 years; per year): not a disagreement.',
  ]);
  t.same((await getJson(app, '/v1/figures/measures?disagreement=true')).body.items, []);
});

const groupings = (app: App) => app.db.all('SELECT figure_id AS "figureId", group_key AS "groupKey", label FROM figure_groupings ORDER BY figure_id');
const regrouped = (app: App) =>
  app.db.all<{ statementId: number; subjectId: number; detail: string }>(
    `SELECT statement_id AS "statementId", subject_id AS "subjectId", detail FROM changes WHERE kind = 'figure.regrouped' ORDER BY id`,
  );

t.test('merge: every figure of one group into another, held, recorded', async (t) => {
  const app = await build(t);
  const headers = await auth(app);
  const before = (await app.db.value<number>('SELECT count(*) FROM changes'))!;
  const res = await app.inject({
    method: 'POST',
    url: '/v1/figures/measures/local-authorities-testing-new-family-help/merge',
    headers,
    payload: { into: 'local-authorities-kinship-family-help-model', label: 'Local authorities in the family help pilots' },
  });
  t.equal(res.statusCode, 200);
  t.same(brief(res.json()), ['local-authorities-kinship-family-help-model', null, 'one-organisation', 'unstated', '12 local authorities unstated: dfe ×2', 'dfe:10,8']);
  t.same([res.json().label, res.json().editor], ['Local authorities in the family help pilots', true]);
  t.same(await groupings(app), [
    { figureId: 8, groupKey: 'local-authorities-kinship-family-help-model', label: 'Local authorities in the family help pilots' },
    { figureId: 10, groupKey: 'local-authorities-kinship-family-help-model', label: 'Local authorities in the family help pilots' },
  ]);
  t.same((await regrouped(app)).map((c) => ({ ...c, detail: JSON.parse(c.detail) })), [
    { statementId: 5, subjectId: 10, detail: { from: 'local-authorities-testing-new-family-help', to: 'local-authorities-kinship-family-help-model' } },
  ], 'only the figure that changed group');
  t.equal((await app.db.value<number>('SELECT count(*) FROM changes'))! - before, 1);

  // CCN's 12 pilots join too, without a label: the group keeps its own; now two organisations agree.
  const more = await app.inject({ method: 'POST', url: '/v1/figures/measures/local-authorities-piloting-new-early-help/merge', headers, payload: { into: 'local-authorities-kinship-family-help-model' } });
  t.same([more.statusCode, more.json().label, more.json().verdict, more.json().note], [200, 'Local authorities in the family help pilots', 'same-value', '2 organisations give the same value.']);
  t.equal((await getJson(app, '/v1/figures/measures/local-authorities-testing-new-family-help')).status, 404, 'the merged group is gone');
  const list = (await getJson(app, '/v1/figures/measures?unit=local-authorities')).body.items.map(brief);
  t.same(list, [['local-authorities-kinship-family-help-model', null, 'same-value', 'unstated', '12 local authorities unstated: ccn,dfe ×3', 'ccn:20 dfe:10']]);
});

t.test('split: figures out of a group into a new one; move and undo one figure', async (t) => {
  const app = await build(t);
  const headers = await auth(app);
  const res = await app.inject({
    method: 'POST',
    url: '/v1/figures/measures/gbp-recommended-independent-review-reform/split',
    headers,
    payload: { figures: [24, 24], label: 'The review’s £2.6bn by 2026/27' },
  });
  t.equal(res.statusCode, 201);
  t.equal(res.headers.location, '/v1/figures/measures/gbp-the-review-s-2-6bn-by-2026-27');
  t.same(brief(res.json()), ['gbp-the-review-s-2-6bn-by-2026-27', 'recommended', 'one-organisation', 'by 2026/27', '£2.6bn by 2026/27: ccn ×1', 'ccn:24']);
  t.same([res.json().label, res.json().editor], ['The review’s £2.6bn by 2026/27', true]);
  t.same(await groupings(app), [
    { figureId: 2, groupKey: 'gbp-recommended-independent-review-reform', label: 'funding the Independent Review said the reform needs' },
    { figureId: 24, groupKey: 'gbp-the-review-s-2-6bn-by-2026-27', label: 'The review’s £2.6bn by 2026/27' },
  ], 'the group it left is held too');
  t.same((await regrouped(app)).map((c) => ({ ...c, detail: JSON.parse(c.detail) })), [
    { statementId: 7, subjectId: 24, detail: { from: 'gbp-recommended-independent-review-reform', to: 'gbp-the-review-s-2-6bn-by-2026-27' } },
  ]);
  t.same(brief((await getJson(app, '/v1/figures/measures/gbp-recommended-independent-review-reform')).body), [
    'gbp-recommended-independent-review-reform', 'recommended', 'one-organisation', 'unstated', '£2.6bn unstated: rcpch ×1', 'rcpch:2',
  ]);

  // The same label again: another key.
  await app.inject({ method: 'PUT', url: '/v1/figures/24/measure', headers, payload: { into: 'gbp-recommended-independent-review-reform' } });
  const again = await app.inject({ method: 'POST', url: '/v1/figures/measures/gbp-recommended-independent-review-reform/split', headers, payload: { figures: [24], label: 'The review’s £2.6bn by 2026/27' } });
  t.equal(again.json().key, 'gbp-the-review-s-2-6bn-by-2026-27', 'the old key is free again once its group is empty');
  const third = await app.inject({ method: 'POST', url: '/v1/figures/measures/gbp-committed-strategy-reform/split', headers, payload: { figures: [19], label: 'The review’s £2.6bn by 2026/27' } });
  t.equal(third.json().key, 'gbp-the-review-s-2-6bn-by-2026-27-2', 'a taken key gets a number');

  // Move one figure back, then undo the editor's choice for it.
  const moved = await app.inject({ method: 'PUT', url: '/v1/figures/24/measure', headers, payload: { into: 'gbp-recommended-independent-review-reform' } });
  t.same([moved.statusCode, brief(moved.json())[5]], [200, 'ccn:24 rcpch:2']);
  const same = await app.inject({ method: 'PUT', url: '/v1/figures/24/measure', headers, payload: { into: 'gbp-recommended-independent-review-reform' } });
  t.equal(same.statusCode, 200, 'moving a figure where it is changes nothing');
  const changes = (await regrouped(app)).length;
  const reset = await app.inject({ method: 'DELETE', url: '/v1/figures/24/measure', headers });
  t.same([reset.statusCode, reset.json().key], [200, 'gbp-recommended-independent-review-reform'], 'the analysis puts it with the review’s figure anyway');
  t.equal((await regrouped(app)).length, changes, 'no change of group, none recorded');
  t.same((await app.db.all('SELECT figure_id AS "figureId" FROM figure_groupings WHERE figure_id = 24')), []);
  const resetAgain = await app.inject({ method: 'DELETE', url: '/v1/figures/19/measure', headers });
  t.same([resetAgain.statusCode, resetAgain.json().key], [200, 'gbp-committed-strategy-reform'], 'undone: back where the analysis puts it');
  t.same((await regrouped(app)).at(-1)!.detail, JSON.stringify({ from: 'gbp-the-review-s-2-6bn-by-2026-27-2', to: 'gbp-committed-strategy-reform' }));

  const renamed = await app.inject({ method: 'PATCH', url: '/v1/figures/measures/gbp-committed-strategy-reform', headers, payload: { label: 'The strategy’s £200m' } });
  t.same([renamed.statusCode, renamed.json().label, renamed.json().key], [200, 'The strategy’s £200m', 'gbp-committed-strategy-reform']);
});

t.test('regrouping errors are precise problems', async (t) => {
  const app = await build(t);
  const headers = await auth(app);
  const send = async (method: 'POST' | 'PUT' | 'DELETE' | 'PATCH', url: string, payload: unknown, status: number, errors?: unknown, detail?: string) => {
    const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    t.equal(res.statusCode, status, `${method} ${url} ${JSON.stringify(payload)}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    if (errors) t.same(res.json().errors, errors);
    if (detail) t.equal(res.json().detail, detail);
  };
  const merge = (key: string) => `/v1/figures/measures/${key}/merge`;
  const split = (key: string) => `/v1/figures/measures/${key}/split`;
  await send('POST', merge('no-such-group'), { into: 'gbp-committed-strategy-reform' }, 404, undefined, "No measure group with identifier 'no-such-group'");
  await send('POST', merge('gbp-committed-kinship-pilots'), { into: 'no-such-group' }, 400, [{ in: 'body', name: 'into', message: "no measure group 'no-such-group'; see /v1/figures/measures" }]);
  await send('POST', merge('gbp-committed-kinship-pilots'), { into: 'gbp-committed-kinship-pilots' }, 400, [{ in: 'body', name: 'into', message: "is 'gbp-committed-kinship-pilots' itself: name another group to merge it into" }]);
  await send('POST', merge('gbp-committed-kinship-pilots'), { into: 'pages-length-implementation-strategy' }, 400, [
    { in: 'body', name: 'into', message: "'pages-length-implementation-strategy' measures in pages, not GBP: a group’s figures share one unit" },
  ]);
  await send('POST', merge('gbp-committed-kinship-pilots'), {}, 400, [{ in: 'body', name: 'into', message: 'Invalid input: expected string, received undefined' }]);
  await send('POST', merge('gbp-committed-kinship-pilots'), { into: 'gbp-committed-strategy-reform', by: 'me' }, 400);
  await send('POST', split('no-such-group'), { figures: [1], label: 'x' }, 404);
  await send('POST', split('gbp-committed-strategy-reform'), { figures: [], label: 'x' }, 400, [{ in: 'body', name: 'figures', message: 'name at least one figure' }]);
  await send('POST', split('gbp-committed-strategy-reform'), { figures: [1], label: '  ' }, 400, [{ in: 'body', name: 'label', message: 'must not be empty' }]);
  await send('POST', split('gbp-committed-strategy-reform'), { figures: [2], label: 'x' }, 400, [
    { in: 'body', name: 'figures', message: "2 is not in group 'gbp-committed-strategy-reform' (its figures: 1, 19)" },
  ]);
  await send('POST', split('gbp-committed-strategy-reform'), { figures: [2, 9999, 1], label: 'x' }, 400, [
    { in: 'body', name: 'figures', message: "2, 9999 are not in group 'gbp-committed-strategy-reform' (its figures: 1, 19)" },
  ]);
  await send('POST', split('gbp-committed-strategy-reform'), { figures: [1, 19], label: 'x' }, 400, [
    { in: 'body', name: 'figures', message: "names every figure of 'gbp-committed-strategy-reform': a split must leave at least one behind (to rename the group, PATCH /v1/figures/measures/gbp-committed-strategy-reform with a label)" },
  ]);
  await send('PUT', '/v1/figures/9999/measure', { into: 'gbp-committed-strategy-reform' }, 404, undefined, "No figure with identifier '9999'");
  await send('PUT', '/v1/figures/9/measure', { into: 'nothing-here' }, 400, [{ in: 'body', name: 'into', message: "no measure group 'nothing-here'; see /v1/figures/measures" }]);
  await send('PUT', '/v1/figures/9/measure', { into: 'children-projected-system-left-unchecked' }, 400, [
    { in: 'body', name: 'into', message: "'children-projected-system-left-unchecked' measures in children, not GBP: a group’s figures share one unit" },
  ]);
  await send('DELETE', '/v1/figures/9999/measure', undefined, 404);
  await send('PATCH', '/v1/figures/measures/no-such-group', { label: 'x' }, 404);
  t.same(await groupings(app), [], 'nothing stored by a refused write');
  t.same(await regrouped(app), []);
});

t.test('regrouping needs a key with the write scope', async (t) => {
  const app = await build(t);
  const reader = await auth(app, ['read']);
  const writes: { method: 'POST' | 'PUT' | 'DELETE' | 'PATCH'; url: string; payload?: object }[] = [
    { method: 'POST', url: '/v1/figures/measures/gbp-committed-kinship-pilots/merge', payload: { into: 'gbp-committed-strategy-reform' } },
    { method: 'POST', url: '/v1/figures/measures/gbp-committed-strategy-reform/split', payload: { figures: [1], label: 'x' } },
    { method: 'PUT', url: '/v1/figures/9/measure', payload: { into: 'gbp-committed-strategy-reform' } },
    { method: 'DELETE', url: '/v1/figures/9/measure' },
    { method: 'PATCH', url: '/v1/figures/measures/gbp-committed-strategy-reform', payload: { label: 'x' } },
  ];
  for (const write of writes) {
    const none = await app.inject(write);
    t.equal(none.statusCode, 401, `${write.method} ${write.url} without a key`);
    t.match(none.headers['www-authenticate'], /^Bearer/);
    const readOnly = await app.inject({ ...write, headers: reader });
    t.equal(readOnly.statusCode, 403, `${write.method} ${write.url} with a read key`);
    t.match(readOnly.json().detail, /write/);
  }
  t.same(await groupings(app), []);
});

t.test('GET /v1/figures serves each cited figure’s id (additive)', async (t) => {
  const app = await build(t);
  const { body } = await getJson(app, '/v1/figures?unit=GBP&amount=£2.6bn');
  t.same(body.groups[0].citations.map((c: any) => [c.id, c.organisation.slug]), [[24, 'ccn'], [2, 'rcpch']], 'newest statement first');
});

t.test('an editor’s grouping of an analysed figure survives re-analysing its statement', async (t) => {
  const app = await build(t);
  const stored = await postShortfall(t, app, "Councils face a shortfall of £2bn a year in children's services, and this strategy does nothing to close it");
  const headers = await auth(app, ['write']);
  const figureId = await app.db.value<number>("SELECT id FROM figures WHERE statement_id = ? AND extracted_by = 'analyser'", [stored.id]);
  const moved = await app.inject({ method: 'PUT', url: `/v1/figures/${figureId}/measure`, headers, payload: { into: 'gbp-recommended-independent-review-reform' } });
  t.equal(moved.statusCode, 200);
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${stored.id}/reanalyse`, headers })).statusCode, 200);
  const again = await app.db.get<{ id: number; groupKey: string | null }>(
    `SELECT f.id, g.group_key AS "groupKey" FROM figures f LEFT JOIN figure_groupings g ON g.figure_id = f.id WHERE f.statement_id = ? AND f.extracted_by = 'analyser'`,
    [stored.id],
  );
  t.not(again?.id, figureId, 'the figure was stored again');
  t.equal(again?.groupKey, 'gbp-recommended-independent-review-reform', 'in the group the editor chose');
  const group = (await app.inject({ url: '/v1/figures/measures/gbp-recommended-independent-review-reform' })).json();
  t.ok(group.organisations.some((o: { organisation: { name: string } }) => o.organisation.name === "Northshire Children's Alliance"));
});
