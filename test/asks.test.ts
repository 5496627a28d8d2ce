import { parse } from 'csv-parse/sync';
import t from 'tap';
import { readCorpus, seedLexicon, misplacedSpans } from '../seed/corpus.ts';
import { readStanceCues } from '../seed/lexicon.ts';
import { runEvaluation } from '../src/cli/eval.ts';
import { analyse, type AnalysisInput } from '../src/domain/analyse/index.ts';
import { groupAsks, type AskToGroup } from '../src/domain/asks.ts';
import { createKey } from '../src/modules/auth/keys.ts';
import { build, getJson } from './helper.ts';

const lexicon = seedLexicon(readCorpus(), readStanceCues());

/** The asks the analyser finds in a text, as a reader sees them; every span must point at exactly its text. */
function asksOf(text: string, input: Partial<AnalysisInput> = {}) {
  const analysis = analyse({ text, organisation: { slug: 'example-trust', kind: 'charity' }, ...input }, lexicon);
  for (const ask of analysis.asks) {
    if (text.slice(ask.start, ask.end) !== ask.text) throw new Error(`span [${ask.start},${ask.end}) is not "${ask.text}"`);
  }
  return analysis.asks.map(({ target, action, theme, text: wording }) => ({ target, action, theme, text: wording }));
}

// Invented sentences, none from the seed corpus: asks in the frames press responses use, and the near-misses that are not asks.
const ASKS: [string, { target: string; action: string; theme: string | null; text?: string }[]][] = [
  ['We urge the Government to increase the funding for early help in line with the review’s recommendations.', [{ target: 'government', action: 'increase the funding for early help in line with the review’s recommendations', theme: 'funding' }]],
  ['The charity calls on ministers to publish the kinship care strategy without delay.', [{ target: 'ministers', action: 'publish the kinship care strategy without delay', theme: 'kinship' }]],
  ['It is crucial that all political parties commit to a ten-year plan for children’s social care.', [{ target: 'all political parties', action: 'commit to a ten-year plan for children’s social care', theme: null }]],
  ['We call for a national kinship allowance paid at the same rate as fostering allowances.', [{ target: 'government', action: 'a national kinship allowance paid at the same rate as fostering allowances', theme: 'kinship' }]],
  ['We would like to see the Treasury guarantee multi-year settlements for councils.', [{ target: 'the Treasury', action: 'guarantee multi-year settlements for councils', theme: 'funding' }]],
  ['We want ministers to scrap the cap on social worker apprenticeships.', [{ target: 'ministers', action: 'scrap the cap on social worker apprenticeships', theme: 'workforce' }]],
  ['We need the Department for Education to set out how family help will be funded after 2025.', [{ target: 'the Department for Education', action: 'set out how family help will be funded after 2025', theme: 'funding' }]],
  ['It is vital that councils are given the money to recruit and retain social workers.', [{ target: 'government', action: 'councils are given the money to recruit and retain social workers', theme: 'workforce' }]],
  ['The Government must act now to stem the flow of experienced social workers leaving the profession.', [{ target: 'government', action: 'act now to stem the flow of experienced social workers leaving the profession', theme: 'workforce' }]],
  ['Ministers should not wait for the pilots to finish before extending support to kinship carers.', [{ target: 'ministers', action: 'not wait for the pilots to finish before extending support to kinship carers', theme: 'kinship' }]],
  ['Kinship carers should receive an allowance at the same rate as foster carers, wherever they live.', [{ target: 'government', action: 'Kinship carers should receive an allowance at the same rate as foster carers, wherever they live', theme: 'kinship' }]],
  ['Councils must be given the resources to deliver family help in every area.', [{ target: 'government', action: 'Councils must be given the resources to deliver family help in every area', theme: 'funding' }]],
  ['More needs to be done to support the children’s social care workforce.', [{ target: 'government', action: 'More needs to be done to support the children’s social care workforce', theme: 'workforce' }]],
  ['There is an urgent need for long-term investment in preventative services.', [{ target: 'government', action: 'long-term investment in preventative services', theme: 'funding' }]],
  ['Fund early help properly.', [{ target: 'government', action: 'Fund early help properly', theme: 'funding' }]],
  ['Ministers, think again about the cap on agency rates.', [{ target: 'ministers', action: 'think again about the cap on agency rates', theme: 'workforce' }]],
  ['Cllr Ana Ruiz urged the Chancellor to match the £2.6bn the review recommended.', [{ target: 'the Treasury', action: 'match the £2.6bn the review recommended', theme: 'funding' }]],
  ['The association called on ministers to reverse the cuts to early intervention grants.', [{ target: 'ministers', action: 'reverse the cuts to early intervention grants', theme: 'funding' }]],
  ['The Rural Schools Alliance has called on the Government to recognise the cost of transport, following the strategy’s publication.', [{ target: 'government', action: 'recognise the cost of transport', theme: 'funding', text: 'The Rural Schools Alliance has called on the Government to recognise the cost of transport' }]],
  ['It said social workers lack training, and called on the Department for Education to fix their caseloads.', [{ target: 'the Department for Education', action: 'fix their caseloads', theme: 'workforce', text: 'called on the Department for Education to fix their caseloads' }]],
  ['We again call on the government to fund the review in full.', [{ target: 'government', action: 'fund the review in full', theme: 'funding' }]],
  ['Families should not have to fight for the help they are entitled to.', [{ target: 'government', action: 'Families should not have to fight for the help they are entitled to', theme: null }]],
  ['We would welcome clarity on how the £200m will be allocated between councils.', [{ target: 'government', action: 'clarity on how the £200m will be allocated between councils', theme: 'funding' }]],
  ['What is needed now is a fully funded workforce strategy.', [{ target: 'government', action: 'a fully funded workforce strategy', theme: 'funding' }]],
  ['Long-term funding will be vital if these reforms are to succeed.', [{ target: 'government', action: 'Long-term funding will be vital if these reforms are to succeed', theme: 'funding' }]],
  ['Social workers need to be supported with manageable caseloads.', [{ target: 'government', action: 'Social workers need to be supported with manageable caseloads', theme: 'workforce' }]],
  ['Councils need a multi-year settlement, not short-term pots that must be bid for.', [{ target: 'government', action: 'Councils need a multi-year settlement, not short-term pots that must be bid for', theme: 'funding' }]],
  ['Crucially, we will keep pressing ministers to match the review’s ambition with money.', [{ target: 'ministers', action: 'match the review’s ambition with money', theme: 'funding', text: 'we will keep pressing ministers to match the review’s ambition with money' }]],
  ['It is time for the government to stop tinkering and commit to the £2.6bn the review called for.', [{ target: 'government', action: 'stop tinkering and commit to the £2.6bn the review called for', theme: 'funding' }]],
  ['We understand that budgets are tight, but we urge the Treasury to restore the early intervention grant – prevention saves money.', [{ target: 'the Treasury', action: 'restore the early intervention grant', theme: 'funding', text: 'we urge the Treasury to restore the early intervention grant' }]],
  ['We welcome the pilots, but to succeed the Department needs to publish a timetable for the rest of the country.', [{ target: 'the Department for Education', action: 'publish a timetable for the rest of the country', theme: null, text: 'the Department needs to publish a timetable for the rest of the country' }]],
  ['We urge ministers to fund the pilots properly and call on councils to share what they learn.', [
    { target: 'ministers', action: 'fund the pilots properly', theme: 'funding', text: 'We urge ministers to fund the pilots properly' },
    { target: 'local authorities', action: 'share what they learn', theme: null, text: 'call on councils to share what they learn' },
  ]],
  ['We owe it to the children in care today to get this right.', [{ target: 'government', action: 'get this right', theme: null }]],
  ['We will make sure that both this government – and whoever forms the next one – keep their promises to kinship families.', [{ target: 'government', action: 'keep their promises to kinship families', theme: 'kinship', text: 'We will make sure that both this government – and whoever forms the next one – keep their promises to kinship families' }]],
  ['Much greater attention must be paid to children leaving residential care.', [{ target: 'government', action: 'Much greater attention must be paid to children leaving residential care', theme: null }]],
];

const NOT_ASKS = [
  'We have previously called on Government to provide families with the help they need.',
  'This is something we have long called for, and we are delighted to see it.',
  'We are pleased that the government has acted on our calls for earlier help.',
  'Our members have been asking for national rules on agency staff since 2019.',
  'We’re proud to have campaigned for these reforms.',
  'The strategy asks councils to recruit 500 new social worker apprentices.',
  'The review calls for £2.6bn of new investment over four years.',
  'The Independent Review of Children’s Social Care asks for £2.6bn over four years.',
  'The government will provide £45m to test the kinship pilots.',
  'Will the government commit to funding family hubs beyond 2025?',
  'This should help families stay together.',
  'The Department should be proud of this strategy.',
  'We must be honest about the scale of the challenge.',
  'The report says councils must reduce their reliance on agency staff.',
  'The government is right that support for care leavers needs to improve.',
  'Under the plans, local authorities must set up family help teams by 2025.',
  'We are not calling for more money for its own sake.',
  'These services are crucial in keeping children safe from harm.',
  'Early help is crucial.',
  'Parents are calling for more help with childcare.',
  'Parents tell us they are scared to ask for help.',
  'We look forward to seeing the Government’s response to the consultation.',
  'It is important to see the review published at last.',
  'We want every child to get the support they need.',
  'It must be said that the plans are ambitious.',
  'Our research shows councils need an extra £1.6bn a year simply to stand still.',
  'We urge everyone affected to contact our helpline.',
  'Every one of them asked her to tell her story again.',
  'The plan sets out rules that should keep the same social worker with a child for longer.',
  'Nobody should doubt that social workers want this system fixed.',
  'The help young people need to flourish is missing.',
  'It is the first time the government has set out what it expects councils to do for kinship families.',
  'We want to see family help succeed.',
  'The strategy extends support to care leavers, and asks councils to publish a local offer.',
  'Write to your MP and ask them to back the review in full.',
  'Campaign for Family Help responds to the settlement.',
];

t.test('the analyser finds asks in the frames press responses use, with whom they ask, what, the theme and the exact span', async (t) => {
  for (const [text, expected] of ASKS) {
    t.same(
      asksOf(text),
      expected.map(({ text: wording, ...ask }) => ({ ...ask, text: wording ?? text.replace(/[.!]$/u, '') })),
      text,
    );
  }
  t.ok(ASKS.length >= 30, `${ASKS.length} asks`);
});

t.test('questions, descriptions, predictions, the measure’s own asks and calls told as history are not asks', async (t) => {
  for (const text of NOT_ASKS) t.same(asksOf(text), [], text);
});

t.test('a repeated call is still an ask; a past one told as met is not', async (t) => {
  t.same(asksOf('We have previously called on ministers to act, and we again urge them to fund family help in every area.'), [
    { target: 'ministers', action: 'fund family help in every area', theme: 'funding', text: 'we again urge them to fund family help in every area' },
  ]);
  t.same(asksOf('Capping agency rates is one we asked for.'), []);
});

t.test('"it" and "them" are the target named before them', async (t) => {
  t.same(asksOf('We look forward to the Government’s response and urge it to publish a kinship care strategy.'), [
    { target: 'government', action: 'publish a kinship care strategy', theme: 'kinship', text: 'We look forward to the Government’s response and urge it to publish a kinship care strategy' },
  ]);
  t.same(asksOf('Ministers have promised reform. We urge them to keep that promise.'), [
    { target: 'ministers', action: 'keep that promise', theme: null, text: 'We urge them to keep that promise' },
  ]);
});

t.test('a list of asks after a lead-in: one ask per bullet, of the target the lead-in names', async (t) => {
  const text = [
    'We are calling on the Treasury to:',
    '• fund family help in every local authority;',
    '• publish a kinship care strategy by the summer; and',
    '• set a national limit on social worker caseloads.',
    '',
    'Our asks of ministers:',
    '- A statutory definition of kinship care',
  ].join('\n');
  t.same(asksOf(text), [
    { target: 'the Treasury', action: 'fund family help in every local authority', theme: 'funding', text: 'fund family help in every local authority' },
    { target: 'the Treasury', action: 'publish a kinship care strategy by the summer', theme: 'kinship', text: 'publish a kinship care strategy by the summer' },
    { target: 'the Treasury', action: 'set a national limit on social worker caseloads', theme: 'workforce', text: 'set a national limit on social worker caseloads' },
    { target: 'ministers', action: 'A statutory definition of kinship care', theme: 'kinship', text: 'A statutory definition of kinship care' },
  ]);
});

t.test('whose ask: the publisher’s narrative, a minister quoted and a government’s own text ask nothing', async (t) => {
  const article =
    'Ministers must publish the full costings before the summer.\n\nCllr Jo Marsh, chair of the Example Association, said: "We urge the Treasury to fund family help in full."';
  t.same(asksOf(article, { thirdParty: true }), [{ target: 'the Treasury', action: 'fund family help in full', theme: 'funding', text: 'We urge the Treasury to fund family help in full' }]);
  t.equal(asksOf(article).length, 2, 'in the organisation’s own text the first sentence is its ask too');

  const quotingMinister =
    'Minister for Children, Claire Dawes, said: "We want every council to deliver family help, and councils must play their part."\n\nThe Example Trust said: "We urge ministers to fund it properly."';
  t.same(asksOf(quotingMinister), [{ target: 'ministers', action: 'fund it properly', theme: 'funding', text: 'We urge ministers to fund it properly' }]);
  t.same(asksOf('Councils must now deliver family help in every area, and ministers should be proud of that.', { organisation: { slug: 'dfe', kind: 'government' } }), []);
});

t.test('spans are exact in a longer text, and each ask is in the analysis', async (t) => {
  const text = 'Example Trust responds\n\nWe welcome the plan.\n\n"It is essential that the government funds the £2.6bn in full," said Dr Ann Lee, chief executive.';
  const analysis = analyse({ text, organisation: { slug: 'example-trust', kind: 'charity' } }, lexicon);
  const wording = 'It is essential that the government funds the £2.6bn in full';
  const start = text.indexOf(wording);
  t.same(analysis.asks, [{ start, end: start + wording.length, text: wording, target: 'government', targetNamed: true, action: 'funds the £2.6bn in full', theme: 'funding' }]);
  t.equal(start, 47);
});

t.test('grouping: similar asks across organisations, with a label, in a fixed order', async (t) => {
  const ask = (id: number, organisation: string, theme: string | null, target: string, action: string, date = '2023-02-02'): AskToGroup => ({
    id,
    organisation,
    organisationName: organisation.toUpperCase(),
    theme,
    themeName: theme,
    target,
    action,
    text: action,
    date,
  });
  const asks = [
    ask(1, 'alpha', 'funding', 'the Treasury', 'provide the £2.6bn the review recommended'),
    ask(2, 'beta', 'funding', 'ministers', 'commit the full £2.6 billion', '2023-01-15'),
    ask(3, 'gamma', 'funding', 'government', 'Long-term investment in children’s services is vital'),
    ask(4, 'alpha', 'kinship', 'government', 'Kinship carers should receive a national allowance'),
    ask(5, 'delta', 'kinship', 'government', 'a kinship allowance paid everywhere'),
    ask(6, 'beta', 'kinship', 'local authorities', 'publish a local offer for kinship families'),
    ask(7, 'gamma', 'workforce', 'ministers', 'cap the pay of agency social workers'),
    ask(8, 'epsilon', null, 'government', 'Action is needed now'),
    ask(9, 'zeta', null, 'all political parties', 'commit to reform in their manifestos'),
  ];
  const groups = groupAsks(asks);
  t.same(groups, [
    { key: 'ask-2', label: '3 organisations ask the government for funding, citing £2.6bn', theme: 'funding', target: 'government', asks: [2, 1, 3], organisations: ['beta', 'alpha', 'gamma'], organisationCount: 3, figures: ['£2.6bn'] },
    { key: 'ask-4', label: '2 organisations ask the government for an allowance', theme: 'kinship', target: 'government', asks: [4, 5], organisations: ['alpha', 'delta'], organisationCount: 2, figures: [] },
    { key: 'ask-6', label: 'BETA asks local authorities: “publish a local offer for kinship families”', theme: 'kinship', target: 'local authorities', asks: [6], organisations: ['beta'], organisationCount: 1, figures: [] },
    { key: 'ask-7', label: 'GAMMA asks the government: “cap the pay of agency social workers”', theme: 'workforce', target: 'government', asks: [7], organisations: ['gamma'], organisationCount: 1, figures: [] },
    { key: 'ask-8', label: 'EPSILON asks the government: “Action is needed now”', theme: null, target: 'government', asks: [8], organisations: ['epsilon'], organisationCount: 1, figures: [] },
    { key: 'ask-9', label: 'ZETA asks political parties: “commit to reform in their manifestos”', theme: null, target: 'political parties', asks: [9], organisations: ['zeta'], organisationCount: 1, figures: [] },
  ]);
  t.same(groupAsks([...asks].reverse()), groups, 'the order the asks come in changes nothing');
  // Two asks of one theme and target that share nothing stay apart.
  t.same(
    groupAsks([ask(1, 'alpha', null, 'government', 'publish the data on adoption breakdowns'), ask(2, 'beta', null, 'government', 'appoint a children’s commissioner for care leavers')]).map((g) => g.asks),
    [[1], [2]],
  );
});

const ORG = {
  rcpch: { slug: 'rcpch', name: 'Royal College of Paediatrics and Child Health', shortName: 'RCPCH' },
  lga: { slug: 'lga', name: 'Local Government Association', shortName: 'LGA' },
  'london-councils': { slug: 'london-councils', name: 'London Councils', shortName: 'London Councils' },
  ccn: { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' },
  'action-for-children': { slug: 'action-for-children', name: 'Action for Children', shortName: 'Action for Children' },
};
const REVIEW = { slug: 'independent-review-2022', title: 'The Independent Review of Children’s Social Care: final report', publishedOn: '2022-05-23' };
const STRATEGY = { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' };
const FUNDING = { slug: 'funding', name: 'Funding' };
const COUNCILS_ARTICLE =
  'in “Government strategy to fix children’s social care a "positive" first step, but more needs to be done, say councils”, Local Government Lawyer, 3 February 2023, https://localgovernmentlawyer.co.uk/child-protection/392-children-protection-news/52879-government-strategy-to-fix-children-s-social-care-a-positive-first-step-but-more-needs-to-be-done-say-councils';
const CITE = {
  steele: 'Dr Alison Steele, Officer for Child Protection, Royal College of Paediatrics and Child Health, in “RCPCH responds to the Independent Review of Children\'s Social Care”, Royal College of Paediatrics and Child Health, 23 May 2022, https://www.rcpch.ac.uk/news-events/news/rcpch-responds-independent-review-childrens-social-care',
  kingdon: 'Dr Camilla Kingdon, President, Royal College of Paediatrics and Child Health, in “RCPCH responds to Social Care Review Implementation Strategy”, Royal College of Paediatrics and Child Health, 2 February 2023, https://www.rcpch.ac.uk/news-events/news/rcpch-responds-social-care-review-implementation-strategy',
  jamieson: `Cllr James Jamieson, Chairman, Local Government Association, ${COUNCILS_ARTICLE}`,
  edwards: `Cllr Ian Edwards, Executive Member for Children & Young People, London Councils, ${COUNCILS_ARTICLE}`,
  glazier: 'Cllr Keith Glazier, Children’s Social Care Spokesperson, County Councils Network, in “Government reforms for children’s social care put forward: CCN response”, County Councils Network, 2 February 2023, https://www.countycouncilsnetwork.org.uk/government-reforms-for-childrens-social-care-put-forward-ccn-response/',
  afc: 'Action for Children, in its own statement “The government\'s social care review: children need action now”, Action for Children, 2 February 2023, https://www.actionforchildren.org.uk/blog/the-governments-social-care-review-children-need-action-now/',
};
const SPEAKER = {
  steele: { name: 'Dr Alison Steele', role: 'Officer for Child Protection' },
  kingdon: { name: 'Dr Camilla Kingdon', role: 'President' },
  jamieson: { name: 'Cllr James Jamieson', role: 'Chairman' },
  edwards: { name: 'Cllr Ian Edwards', role: 'Executive Member for Children & Young People' },
  glazier: { name: 'Cllr Keith Glazier', role: 'Children’s Social Care Spokesperson' },
};
const STATEMENT = {
  rcpchStrategy: { id: 1, date: '2023-02-02', event: STRATEGY },
  rcpchReview: { id: 2, date: '2022-05-23', event: REVIEW },
  lga: { id: 3, date: '2023-02-02', event: STRATEGY },
  londonCouncils: { id: 4, date: '2023-02-02', event: STRATEGY },
  afc: { id: 6, date: '2023-02-02', event: STRATEGY },
  ccn: { id: 7, date: '2023-02-02', event: STRATEGY },
};

/** A seeded ask as `GET /v1/asks` shows it: every one curated, asking the government, no outcome yet. */
function seeded(
  id: number,
  organisation: keyof typeof ORG,
  statement: keyof typeof STATEMENT,
  [start, end]: [number, number],
  text: string,
  action: string,
  who: keyof typeof CITE,
  theme: typeof FUNDING | null = null,
) {
  const { id: statementId, date, event } = STATEMENT[statement];
  return {
    id,
    organisation: ORG[organisation],
    target: 'government',
    action,
    text,
    theme,
    start,
    end,
    origin: 'curated',
    voice: who === 'afc' ? 'own' : 'direct',
    speaker: who === 'afc' ? null : SPEAKER[who],
    statement: { id: statementId, date, url: `/v1/statements/${statementId}` },
    event,
    citation: CITE[who],
    permalink: `http://localhost:80/statements/${statementId}#char=${start},${end}`,
    url: `/v1/asks/${id}`,
    outcome: null,
  };
}

const SEED_ASKS = {
  1: seeded(1, 'rcpch', 'rcpchStrategy', [2356, 2518], 'We owe it to the memories of Arthur Labinjo-Hughes and Star Hobson, whose murders triggered this report, to demonstrate serious intent and fund this work properly', 'demonstrate serious intent and fund this work properly', 'kingdon', FUNDING),
  2: seeded(2, 'rcpch', 'rcpchReview', [1862, 2078], 'We look forward to seeing the Government’s response to the review and urge it to take a child centred approach to policy making fortified with the necessary funding to improve the lives of children and keep them safe', 'take a child centred approach to policy making fortified with the necessary funding to improve the lives of children and keep them safe', 'steele', FUNDING),
  3: seeded(3, 'rcpch', 'rcpchReview', [2397, 2527], 'Government must bring together all the pieces of the puzzle across social care, education, work and pensions, health and wellbeing', 'bring together all the pieces of the puzzle across social care, education, work and pensions, health and wellbeing', 'steele'),
  4: seeded(4, 'lga', 'lga', [4719, 4760], 'There is urgent need for immediate action', 'immediate action', 'jamieson'),
  5: seeded(5, 'lga', 'lga', [5438, 5640], 'Significant additional funding for all councils, not just those in pathfinder areas, can be wisely invested in stabilising the current system to ensure strong foundations on which to build future reform', 'significant additional funding for all councils, not just those in pathfinder areas', 'jamieson', FUNDING),
  6: seeded(6, 'london-councils', 'londonCouncils', [6419, 6525], 'A sustained growth in investment for local services will be essential for making these ambitions a reality', 'a sustained growth in investment for local services', 'edwards', FUNDING),
  7: seeded(7, 'action-for-children', 'afc', [37, 61], 'children need action now', 'action now', 'afc'),
  8: seeded(8, 'action-for-children', 'afc', [264, 313], 'children and families in the system need help now', 'help now for children and families in the system', 'afc'),
  9: seeded(9, 'action-for-children', 'afc', [3814, 3865], 'the government needs to get a range of things right', 'get a range of things right', 'afc'),
  10: seeded(10, 'action-for-children', 'afc', [4403, 4566], 'Much greater attention must be paid to this as an area of social care policy and practice, to address high rates of care re-entry following attempted reunification', 'much greater attention to reunification as an area of social care policy and practice', 'afc'),
  11: seeded(11, 'action-for-children', 'afc', [5562, 5686], 'we’ll also make sure that both this government – and the next one – take action to improve the children’s social care system', 'take action to improve the children’s social care system', 'afc'),
  12: seeded(12, 'ccn', 'ccn', [1677, 1705], 'Action is desperately needed', 'action', 'glazier'),
  13: seeded(13, 'ccn', 'ccn', [2370, 2498], 'we urge government to increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27', 'increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27', 'glazier', FUNDING),
};

const single = (key: number, label: string, organisation: keyof typeof ORG) => ({
  key: `ask-${key}`,
  label,
  theme: null,
  target: 'government',
  organisationCount: 1,
  organisations: [ORG[organisation]],
  figures: [],
  asks: [SEED_ASKS[key as keyof typeof SEED_ASKS]],
  outcome: null,
});

const SEED_GROUPS = [
  {
    key: 'ask-2',
    label: '4 organisations ask the government for funding, citing £2.6bn',
    theme: FUNDING,
    target: 'government',
    organisationCount: 4,
    organisations: [ORG.ccn, ORG.lga, ORG['london-councils'], ORG.rcpch],
    figures: ['£2.6bn'],
    asks: [SEED_ASKS[2], SEED_ASKS[1], SEED_ASKS[5], SEED_ASKS[6], SEED_ASKS[13]],
    outcome: null,
  },
  {
    key: 'ask-4',
    label: '3 organisations ask the government for action',
    theme: null,
    target: 'government',
    organisationCount: 3,
    organisations: [ORG['action-for-children'], ORG.ccn, ORG.lga],
    figures: [],
    asks: [SEED_ASKS[4], SEED_ASKS[7], SEED_ASKS[11], SEED_ASKS[12]],
    outcome: null,
  },
  single(3, 'RCPCH asks the government: “bring together all the pieces of the puzzle across social care, education, work and …”', 'rcpch'),
  single(8, 'Action for Children asks the government: “help now for children and families in the system”', 'action-for-children'),
  single(9, 'Action for Children asks the government: “get a range of things right”', 'action-for-children'),
  single(10, 'Action for Children asks the government: “much greater attention to reunification as an area of social care policy and practice”', 'action-for-children'),
];

t.test('GET /v1/asks: the ledger of the seed corpus, who shares each ask, with wording and citation', async (t) => {
  const app = await build(t);
  const res = await getJson(app, '/v1/asks');
  t.equal(res.status, 200);
  t.same(res.body, { groups: SEED_GROUPS, total: 6, askCount: 13, limit: 20, next: null });
});

t.test('GET /v1/asks filters: organisation, theme, target, event, outcome, words; pages', async (t) => {
  const app = await build(t);
  const keys = async (query: string) => {
    const res = await getJson(app, `/v1/asks?${query}`);
    t.equal(res.status, 200, query);
    return res.body.groups.map((g: { key: string }) => g.key);
  };
  t.same(await keys('organisation=LGA'), ['ask-2', 'ask-4'], 'the groups the LGA is in, each shown whole');
  t.same((await getJson(app, '/v1/asks?organisation=lga')).body.groups[0].asks.length, 5);
  t.same(await keys('theme=Funding'), ['ask-2']);
  t.same(await keys('target=government'), ['ask-2', 'ask-4', 'ask-3', 'ask-8', 'ask-9', 'ask-10']);
  t.same(await keys('target=ministers'), []);
  t.same(await keys('event=independent-review-2022'), ['ask-2', 'ask-3']);
  t.same(await keys('outcome=none'), ['ask-2', 'ask-4', 'ask-3', 'ask-8', 'ask-9', 'ask-10']);
  t.same(await keys('outcome=met'), []);
  t.same(await keys('q=£2.6bn'), ['ask-2']);
  t.same(await keys('q=REUNIFICATION'), ['ask-10']);
  t.same(await keys('organisation=ccn&q=action'), ['ask-4']);

  const first = await getJson(app, '/v1/asks?limit=2');
  t.same(first.body.groups.map((g: { key: string }) => g.key), ['ask-2', 'ask-4']);
  t.equal(first.body.total, 6);
  t.equal(first.body.askCount, 13);
  t.match(first.body.next, /^\/v1\/asks\?limit=2&cursor=/);
  t.equal(first.headers.link, `<${first.body.next}>; rel="next"`);
  const second = await getJson(app, first.body.next);
  t.same(second.body.groups.map((g: { key: string }) => g.key), ['ask-3', 'ask-8']);

  const unknown = await getJson(app, '/v1/asks?organisation=nobody');
  t.equal(unknown.status, 400);
  t.equal(unknown.body.errors[0].name, 'organisation');
  const badOutcome = await getJson(app, '/v1/asks?outcome=maybe');
  t.equal(badOutcome.status, 400);
  t.same(badOutcome.body.errors, [{ in: 'query', name: 'outcome', message: 'expected one of "met", "partly met", "not met", "none"' }]);
  t.equal((await getJson(app, '/v1/asks?cursor=nonsense')).status, 400);
});

t.test('GET /v1/asks as CSV: one row per ask, with its group', async (t) => {
  const app = await build(t);
  const res = await app.inject({ method: 'GET', url: '/v1/asks?format=csv' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/csv/);
  const rows = parse(res.body, { columns: true, bom: true }) as Record<string, string>[];
  t.equal(rows.length, 13);
  t.same(rows[4], {
    group: 'ask-2',
    group_label: '4 organisations ask the government for funding, citing £2.6bn',
    organisations_sharing: '4',
    group_outcome: '',
    ask: '13',
    organisation: 'County Councils Network',
    target: 'government',
    action: 'increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27',
    wording: 'we urge government to increase the funding allocated for these reforms in line with the recommended £2.6bn by the end of 2026/27',
    theme: 'Funding',
    speaker: 'Cllr Keith Glazier',
    date: '2023-02-02',
    event: 'Stable Homes, Built on Love',
    statement: '7',
    outcome: '',
    outcome_decided_on: '',
    outcome_source: '',
    citation: CITE.glazier,
    permalink: 'http://localhost:80/statements/7#char=2370,2498',
  });
});

t.test('GET /v1/asks/{id}: one ask with its outcome history and its group', async (t) => {
  const app = await build(t);
  const res = await getJson(app, '/v1/asks/13');
  t.equal(res.status, 200);
  t.same(res.body, { ...SEED_ASKS[13], outcomes: [], group: { key: 'ask-2', label: '4 organisations ask the government for funding, citing £2.6bn' } });
  const missing = await getJson(app, '/v1/asks/999');
  t.equal(missing.status, 404);
  t.equal(missing.body.detail, "No ask with identifier '999'");
  t.equal((await getJson(app, '/v1/asks/abc')).status, 400);
});

t.test('POST /v1/asks/{id}/outcomes records what became of an ask: stored, in the feed, audited, shown', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const body = { outcome: 'not met', sourceUrl: 'https://www.gov.uk/government/publications/spring-budget-2023', decidedOn: '2023-03-15', note: 'No new money in the Spring Budget.' };
  const res = await app.inject({ method: 'POST', url: '/v1/asks/13/outcomes', payload: body, headers: auth });
  t.equal(res.statusCode, 201);
  t.equal(res.headers.location, '/v1/asks/13');
  const first = res.json();
  const recordedAt = first.outcome.recordedAt as string;
  t.match(recordedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  const notMet = { outcome: 'not met', sourceUrl: body.sourceUrl, decidedOn: '2023-03-15', note: 'No new money in the Spring Budget.', recordedAt };
  t.same(first, { ...SEED_ASKS[13], outcome: notMet, outcomes: [notMet], group: { key: 'ask-2', label: '4 organisations ask the government for funding, citing £2.6bn' } });

  t.same(await app.db.all('SELECT ask_id AS "askId", outcome, source_url AS "sourceUrl", decided_on AS "decidedOn", note, key_name AS "keyName" FROM ask_outcomes'), [
    { askId: 13, outcome: 'not met', sourceUrl: body.sourceUrl, decidedOn: '2023-03-15', note: body.note, keyName: 'editor' },
  ]);
  const change = await app.db.get<{ kind: string; statementId: number; subjectId: number; detail: string }>(
    `SELECT kind, statement_id AS "statementId", subject_id AS "subjectId", detail FROM changes WHERE kind = 'ask.outcome'`,
  );
  t.same({ ...change, detail: JSON.parse(change?.detail ?? '{}') }, {
    kind: 'ask.outcome',
    statementId: 7,
    subjectId: 13,
    detail: {
      target: 'government',
      action: SEED_ASKS[13].action,
      outcome: 'not met',
      previous: null,
      sourceUrl: body.sourceUrl,
      decidedOn: '2023-03-15',
      note: body.note,
    },
  });
  const audit = await app.db.get<{ keyName: string; method: string; route: string; status: number }>(
    `SELECT key_name AS "keyName", method, route, status FROM audit_log WHERE route LIKE '/v1/asks%'`,
  );
  t.same(audit, { keyName: 'editor', method: 'POST', route: '/v1/asks/:id/outcomes', status: 201 });

  // A later outcome counts; the first stays as history. Written `partly-met`, as a URL-minded client might.
  const later = await app.inject({ method: 'POST', url: '/v1/asks/13/outcomes', payload: { outcome: 'partly-met', sourceUrl: 'http://example.org/autumn', decidedOn: '2023-11-22' }, headers: auth });
  t.equal(later.statusCode, 201);
  const detail = later.json();
  t.same(detail.outcomes.map((o: { outcome: string; note: string | null }) => [o.outcome, o.note]), [['partly met', null], ['not met', body.note]]);
  t.equal(detail.outcome.outcome, 'partly met');
  const previous = await app.db.value<string>(`SELECT detail FROM changes WHERE kind = 'ask.outcome' ORDER BY id DESC LIMIT 1`);
  t.equal(JSON.parse(previous ?? '{}').previous, 'not met');

  const ledger = await getJson(app, '/v1/asks?outcome=partly%20met');
  t.same(ledger.body.groups.map((g: { key: string }) => g.key), ['ask-2']);
  t.same(ledger.body.groups[0].outcome, { ...detail.outcome, askId: 13 });
  t.same((await getJson(app, '/v1/asks?outcome=none')).body.groups.map((g: { key: string }) => g.key), ['ask-4', 'ask-3', 'ask-8', 'ask-9', 'ask-10']);
  const csv = parse((await app.inject({ method: 'GET', url: '/v1/asks?format=csv&theme=funding' })).body, { columns: true, bom: true }) as Record<string, string>[];
  t.same(csv.map((r) => [r.ask, r.group_outcome, r.outcome, r.outcome_decided_on]), [['2', 'partly met', '', ''], ['1', 'partly met', '', ''], ['5', 'partly met', '', ''], ['6', 'partly met', '', ''], ['13', 'partly met', 'partly met', '2023-11-22']]);
});

t.test('POST /v1/asks/{id}/outcomes refuses what it cannot record, precisely, and stores nothing', async (t) => {
  const app = await build(t);
  const editor = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const reader = { authorization: `Bearer ${await createKey(app.db, 'reader', ['read'])}` };
  const good = { outcome: 'met', sourceUrl: 'https://example.org/news', decidedOn: '2023-03-15' };
  const post = (payload: unknown, headers: Record<string, string> = editor, id = 13) => app.inject({ method: 'POST', url: `/v1/asks/${id}/outcomes`, payload: payload as object, headers });

  t.equal((await post(good, {})).statusCode, 401);
  t.equal((await post(good, reader)).statusCode, 403);
  const missing = await post(good, editor, 999);
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().detail, "No ask with identifier '999'");

  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const cases: [unknown, { name: string; message: string }[]][] = [
    [{ ...good, outcome: 'maybe' }, [{ name: 'outcome', message: 'Invalid option: expected one of "met"|"partly met"|"not met"' }]],
    [{ ...good, sourceUrl: 'ftp://example.org/file' }, [{ name: 'sourceUrl', message: 'expected an http or https URL' }]],
    [{ ...good, sourceUrl: 'not a url' }, [{ name: 'sourceUrl', message: 'expected an http or https URL' }]],
    [{ ...good, decidedOn: '15/03/2023' }, [{ name: 'decidedOn', message: 'expected a date as YYYY-MM-DD' }]],
    [{ ...good, decidedOn: tomorrow }, [{ name: 'decidedOn', message: 'must not be in the future' }]],
    [{ ...good, note: '' }, [{ name: 'note', message: 'must not be empty' }]],
    [{ outcome: 'met' }, [{ name: 'sourceUrl', message: 'required' }, { name: 'decidedOn', message: 'required' }]],
    [{ sourceUrl: good.sourceUrl, decidedOn: good.decidedOn }, [{ name: 'outcome', message: 'Invalid option: expected one of "met"|"partly met"|"not met"' }]],
  ];
  for (const [payload, errors] of cases) {
    const res = await post(payload);
    t.equal(res.statusCode, 400, JSON.stringify(payload));
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    t.same(res.json().errors, errors.map((e) => ({ in: 'body', ...e })), JSON.stringify(payload));
  }
  const extra = await post({ ...good, verdict: 'yes' });
  t.equal(extra.statusCode, 400);
  t.match(extra.json().detail, /verdict/);
  t.equal(await app.db.value<number>('SELECT count(*) AS n FROM ask_outcomes'), 0, 'nothing stored');
  t.equal(await app.db.value<number>(`SELECT count(*) AS n FROM changes WHERE kind = 'ask.outcome'`), 0, 'nothing in the feed');
  t.equal(await app.db.value<number>(`SELECT count(*) AS n FROM audit_log WHERE route LIKE '/v1/asks%'`), 0, 'refused writes are not audited');
});

t.test('seeding stores the curated asks and records each in the changes feed', async (t) => {
  const app = await build(t);
  t.same(
    await app.db.all(`SELECT extracted_by AS "by", count(*) AS n FROM asks GROUP BY extracted_by`),
    [{ by: 'curated', n: 13 }],
  );
  const changes = await app.db.all<{ statementId: number; subjectId: number; detail: string }>(
    `SELECT statement_id AS "statementId", subject_id AS "subjectId", detail FROM changes WHERE kind = 'ask.added' ORDER BY id`,
  );
  t.equal(changes.length, 13);
  t.same({ ...changes[12], detail: JSON.parse(changes[12]?.detail ?? '{}') }, {
    statementId: 7,
    subjectId: 13,
    detail: { target: 'government', action: SEED_ASKS[13].action, theme: 'funding', text: SEED_ASKS[13].text, start: 2370, end: 2498, extractedBy: 'curated' },
  });
  const misplaced = await app.db.value<number>(
    `SELECT count(*) AS n FROM asks a JOIN statements s ON s.id = a.statement_id JOIN source_documents d ON d.id = s.document_id
      WHERE substr(d.text, a.start_offset + 1, a.end_offset - a.start_offset) <> a.text`,
  );
  t.equal(misplaced, 0, 'stored offsets point at their text');
});

t.test('the corpus check catches an ask that moved or rests on the background', async (t) => {
  const loaded = readCorpus();
  t.same(misplacedSpans(loaded), []);
  const statement = loaded.corpus.statements.find((s) => s.slug === 'ccn-strategy-2023');
  const ask = statement?.asks[0];
  if (!statement || !ask) throw new Error('the CCN statement has no asks');
  ask.start += 1;
  t.same(misplacedSpans(loaded), [`ccn-strategy-2023 ask 0 [1678,1705) is not "${ask.text}"`]);
  ask.start -= 1;
  const background = statement.background[0];
  if (!background) throw new Error('the CCN statement has no background');
  statement.asks.push({ ...ask, start: background.start, end: background.end, text: background.text });
  t.same(misplacedSpans(loaded), [`ccn-strategy-2023 ask 2 rests on background 0: a publisher's text is nobody's ask`]);
});

t.test('storing and re-analysing: analysed asks are stored and recorded once, curated asks and decided asks stay', async (t) => {
  const app = await build(t);
  const auth = { authorization: `Bearer ${await createKey(app.db, 'editor')}` };
  const text =
    'Example Trust responds to the strategy\n\nDr Ann Lee, chief executive of Example Trust, said: "We urge ministers to fund kinship allowances in every area. It is vital that the Treasury commits the £2.6bn in full."';
  const created = await app.inject({
    method: 'POST',
    url: '/v1/statements',
    headers: auth,
    payload: { text, organisation: { name: 'Example Trust', kind: 'charity' }, event: 'implementation-strategy-2023', date: '2023-02-05', url: 'https://example.org/response', title: 'Example Trust responds' },
  });
  t.equal(created.statusCode, 201);
  const id = created.json().id as number;
  const stored = () =>
    app.db.all<{ id: number; target: string; action: string; theme: string | null; by: string }>(
      `SELECT a.id, a.target, a.action, th.slug AS theme, a.extracted_by AS "by" FROM asks a LEFT JOIN themes th ON th.id = a.theme_id WHERE a.statement_id = ? ORDER BY a.start_offset`,
      [id],
    );
  const first = await stored();
  t.same(first.map(({ id: _id, ...rest }) => rest), [
    { target: 'ministers', action: 'fund kinship allowances in every area', theme: 'funding', by: 'analyser' },
    { target: 'the Treasury', action: 'commits the £2.6bn in full', theme: 'funding', by: 'analyser' },
  ]);
  const added = () => app.db.value<number>(`SELECT count(*) AS n FROM changes WHERE kind = 'ask.added' AND statement_id = ?`, [id]);
  t.equal(await added(), 2);

  // An outcome on the second ask, then a re-analysis: ids (and permalinks) stay, nothing is recorded as new.
  const decided = first[1]?.id as number;
  t.equal((await app.inject({ method: 'POST', url: `/v1/asks/${decided}/outcomes`, headers: auth, payload: { outcome: 'not met', sourceUrl: 'https://example.org/b', decidedOn: '2023-03-15' } })).statusCode, 201);
  t.equal((await app.inject({ method: 'POST', url: `/v1/statements/${id}/reanalyse`, headers: auth })).statusCode, 200);
  t.same(await stored(), first);
  t.equal(await added(), 2);
  t.equal(await app.db.value<number>('SELECT count(*) AS n FROM ask_outcomes WHERE ask_id = ?', [decided]), 1, 'the outcome survives');

  // A seeded statement re-analysed: its curated asks stay, and the analyser's asks over them are dropped.
  const before = await app.db.all('SELECT id, text, extracted_by FROM asks WHERE statement_id = 7 ORDER BY id');
  t.equal((await app.inject({ method: 'POST', url: '/v1/statements/7/reanalyse', headers: auth })).statusCode, 200);
  t.same(await app.db.all('SELECT id, text, extracted_by FROM asks WHERE statement_id = 7 ORDER BY id'), before);
  t.equal(await app.db.value<number>(`SELECT count(*) AS n FROM changes WHERE kind = 'ask.added' AND statement_id = 7`), 2);
});

t.test('npm run eval scores the asks against the curated corpus', async (t) => {
  const { asks } = runEvaluation();
  t.same(
    { curated: asks.curated, analysed: asks.analysed, found: asks.found, correct: asks.correct, sameTargetAndTheme: asks.sameTargetAndTheme, misses: asks.misses },
    { curated: 13, analysed: 12, found: 12, correct: 12, sameTargetAndTheme: 12, misses: ['lga-strategy-2023 ask at 5438: not found'] },
  );
  t.equal(asks.precision, 1);
  t.equal(asks.recall, 12 / 13);
});
