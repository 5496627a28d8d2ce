import t from 'tap';
import { compareOnTheme, relation, stanceMatrix, stancesOverEvents } from '../src/domain/compare.ts';
import { countStances, overallFromCounts, overallStance } from '../src/domain/stance.ts';
import { toFtsQuery } from '../src/db/sqlite/fts.ts';
import { sentenceAround } from '../src/domain/figures.ts';
import { citation, longDate } from '../src/domain/citation.ts';

t.test('overallStance combines an organisation’s stances on a theme', async (t) => {
  t.equal(overallStance([]), undefined, 'silent');
  t.equal(overallStance(['neutral', 'neutral']), 'neutral');
  t.equal(overallStance(['neutral', 'critical']), 'critical', 'a judgement outweighs a description');
  t.equal(overallStance(['supportive', 'neutral']), 'supportive');
  t.equal(overallStance(['supportive', 'critical']), 'mixed', 'welcomed once, criticised once');
  t.equal(overallStance(['critical', 'mixed']), 'mixed');
  t.same(countStances(['critical', 'critical', 'neutral']), { supportive: 0, critical: 2, mixed: 0, neutral: 1 });
  for (const list of [[], ['neutral'], ['neutral', 'critical'], ['supportive', 'critical'], ['mixed'], ['supportive', 'neutral']] as const) {
    t.equal(overallFromCounts(countStances(list)), overallStance(list), `counts agree with the list for ${list.join(', ') || 'nothing'}`);
  }
});

const orgs = [
  { slug: 'a', name: 'Alpha', shortName: 'A' },
  { slug: 'b', name: 'Beta', shortName: 'B' },
  { slug: 'c', name: 'Gamma', shortName: 'C' },
];

t.test('compareOnTheme groups organisations, keeps the silent ones, newest statement first', async (t) => {
  const fact = (organisation: string, statementId: number, date: string, stance: 'supportive' | 'critical' | 'mixed' | 'neutral') => ({
    organisation,
    theme: 'funding',
    statementId,
    date,
    stance,
    note: null,
    evidence: [`e${statementId}`],
    figures: [`f${statementId}`],
    origin: statementId === 2 ? ('analysed' as const) : ('curated' as const),
    reviewed: statementId !== 2,
    confidence: statementId === 2 ? 0.42 : 1,
  });
  const counts = new Map([
    ['a', { supportive: 1, critical: 1, mixed: 0, neutral: 0 }],
    ['b', { supportive: 0, critical: 1, mixed: 0, neutral: 0 }],
  ]);
  const result = compareOnTheme(orgs, [fact('a', 1, '2022-01-01', 'supportive'), fact('a', 2, '2023-01-01', 'critical'), fact('b', 3, '2023-01-01', 'critical')], counts, {
    unreviewed: new Map([['a', 1]]),
  });
  t.same(result.summary, { supportive: [], critical: ['b'], mixed: ['a'], neutral: [], silent: ['c'] });
  t.same(result.positions.map((p) => p.organisation.slug), ['b', 'a', 'c'], 'critical, mixed, then silent');
  const a = result.positions.find((p) => p.organisation.slug === 'a');
  t.same(a?.statements.map((s) => s.statementId), [2, 1]);
  t.same(a?.statements.map((s) => [s.origin, s.reviewed, s.confidence]), [['analysed', false, 0.42], ['curated', true, 1]], 'each statement says how its tag was made');
  t.same(result.positions.map((p) => p.unreviewed), [0, 1, 0], 'unreviewed tags per organisation');
  t.same(a?.figures, ['f2', 'f1']);
  t.equal(result.positions.find((p) => p.organisation.slug === 'c')?.stance, null);
});

t.test('stanceMatrix fills every cell', async (t) => {
  const rows = stanceMatrix(orgs.slice(0, 2), [{ slug: 'funding', name: 'Funding' }, { slug: 'kinship', name: 'Kinship' }], [
    { organisation: 'a', theme: 'funding', counts: { supportive: 0, critical: 1, mixed: 0, neutral: 0 }, unreviewed: 1 },
    { organisation: 'a', theme: 'funding', counts: { supportive: 0, critical: 1, mixed: 0, neutral: 0 }, unreviewed: 0 },
    { organisation: 'b', theme: 'kinship', counts: { supportive: 1, critical: 0, mixed: 0, neutral: 0 }, unreviewed: 1 },
  ]);
  t.same(rows[0]?.cells, [
    { theme: 'funding', stance: 'critical', statementCount: 2, unreviewed: 1, counts: { supportive: 0, critical: 2, mixed: 0, neutral: 0 }, byEvent: [], changed: false },
    { theme: 'kinship', stance: null, statementCount: 0, unreviewed: 0, counts: { supportive: 0, critical: 0, mixed: 0, neutral: 0 }, byEvent: [], changed: false },
  ]);
  t.equal(rows[1]?.cells[1]?.unreviewed, 1);
  t.equal(rows[1]?.cells[1]?.stance, 'supportive');
  const withEvents = stanceMatrix(orgs.slice(0, 1), [{ slug: 'funding', name: 'Funding' }], [], (organisation, theme) => ({
    byEvent: [{ event: `${organisation}-${theme}`, stance: 'neutral', statementCount: 1 }],
    changed: true,
  }));
  t.same(withEvents[0]?.cells[0]?.byEvent, [{ event: 'a-funding', stance: 'neutral', statementCount: 1 }], 'each cell asks for its own organisation and theme');
  t.equal(withEvents[0]?.cells[0]?.changed, true);
});

t.test('toFtsQuery makes any input safe FTS5', async (t) => {
  t.equal(toFtsQuery('kinship care'), '"kinship" "care"');
  t.equal(toFtsQuery('"far cry"'), '"far cry"');
  t.equal(toFtsQuery('grand* OR kinship'), '"grand"* OR "kinship"');
  t.equal(toFtsQuery('OR kinship OR'), '"kinship"');
  t.equal(toFtsQuery('NEAR( ^ *'), '"NEAR"');
  t.equal(toFtsQuery('"'), undefined);
  t.equal(toFtsQuery('£2.6bn'), '"£2.6bn"');
  t.equal(toFtsQuery('()'), undefined);
});

t.test('sentenceAround: the sentence a figure is quoted in, not cut at decimals, initials or abbreviations', async (t) => {
  const around = (text: string, span: string) => {
    const start = text.indexOf(span);
    return sentenceAround(text, start, start + span.length);
  };
  const rcpch = 'We are appalled that just £200m has been budgeted - a far cry from the £2.6bn suggested by the review. We owe it to children.';
  t.same(around(rcpch, '£200m'), { text: 'We are appalled that just £200m has been budgeted - a far cry from the £2.6bn suggested by the review.', start: 0, end: 102 });
  t.equal(around(rcpch, 'owe').text, 'We owe it to children.');
  t.equal(around('Funding rose 3.5 per cent. Dr. Smith said £1.2m was spent. Then it stopped.', '£1.2m').text, 'Dr. Smith said £1.2m was spent.');
  t.equal(around('First. Cllr. J. K. Jones, e.g. in 2023, cited £45m for the U.K. government. Last.', '£45m').text, 'Cllr. J. K. Jones, e.g. in 2023, cited £45m for the U.K. government.');
  t.equal(around('Costs rose!\nWe need £2bn now? Yes.', '£2bn').text, 'We need £2bn now?');
  t.equal(around('Councils spent £2.1bn', '£2.1bn').text, 'Councils spent £2.1bn', 'to the end of the text');
});

t.test('sentenceAround: a closing quotation mark is kept only when the sentence opened it', async (t) => {
  const around = (text: string, span: string) => {
    const start = text.indexOf(span);
    return sentenceAround(text, start, start + span.length).text;
  };
  t.equal(around('“We welcome it. But £2.6bn will deliver long-term savings.” Next.', '£2.6bn'), 'But £2.6bn will deliver long-term savings.', 'opened in an earlier sentence: no lone closing mark');
  t.equal(around('She said: “£2.6bn will deliver long-term savings.” Next.', '£2.6bn'), 'She said: “£2.6bn will deliver long-term savings.”');
  t.equal(around('He said: "It costs £5m." Then.', '£5m'), 'He said: "It costs £5m."');
  t.equal(around('"Earlier." It costs £5m." Then.', '£5m'), 'It costs £5m.');
  t.equal(around('Carers say ‘the £45m is too little.’ Next.', '£45m'), 'Carers say ‘the £45m is too little.’');
  t.equal(around('The children’s £45m is too little.’ Next.', '£45m'), 'The children’s £45m is too little.', 'an apostrophe opens nothing');
});

t.test('relation: agree, oppose, differ in degree, or who spoke', async (t) => {
  const table: [Parameters<typeof relation>[0], Parameters<typeof relation>[1], string][] = [
    ['critical', 'critical', 'agree'],
    ['mixed', 'mixed', 'agree'],
    ['neutral', 'neutral', 'agree'],
    ['supportive', 'critical', 'oppose'],
    ['critical', 'supportive', 'oppose'],
    ['critical', 'mixed', 'differ-in-degree'],
    ['mixed', 'supportive', 'differ-in-degree'],
    ['neutral', 'critical', 'differ-in-degree'],
    ['supportive', 'neutral', 'differ-in-degree'],
    ['mixed', 'neutral', 'differ-in-degree'],
    ['critical', null, 'only-a'],
    [null, 'neutral', 'only-b'],
    [null, null, 'neither'],
  ];
  for (const [a, b, expected] of table) t.equal(relation(a, b), expected, `${a} × ${b}`);
});

t.test('stancesOverEvents: the stance event by event, and whether it changed', async (t) => {
  const counts = (c: Partial<Record<'supportive' | 'critical' | 'mixed' | 'neutral', number>>) => ({ supportive: 0, critical: 0, mixed: 0, neutral: 0, ...c });
  const over = stancesOverEvents([
    { organisation: 'a', theme: 'funding', event: 'review', counts: counts({ neutral: 2 }) },
    { organisation: 'a', theme: 'funding', event: 'strategy', counts: counts({ critical: 1, neutral: 1 }) },
    { organisation: 'a', theme: 'kinship', event: 'review', counts: counts({ supportive: 1 }) },
    { organisation: 'a', theme: 'kinship', event: 'strategy', counts: counts({ supportive: 2 }) },
    { organisation: 'b', theme: 'funding', event: 'strategy', counts: counts({}) },
  ]);
  t.same(over('a', 'funding'), {
    byEvent: [
      { event: 'review', stance: 'neutral', statementCount: 2 },
      { event: 'strategy', stance: 'critical', statementCount: 2 },
    ],
    changed: true,
  });
  t.same(over('a', 'kinship').changed, false, 'the same stance each time');
  t.same(over('a', 'kinship').byEvent.map((e) => e.statementCount), [1, 2]);
  t.same(over('b', 'funding'), { byEvent: [], changed: false }, 'no tags: no events');
  t.same(over('c', 'funding'), { byEvent: [], changed: false });
});

t.test('citation says whose words they are', async (t) => {
  const document = { title: 'Councils respond', publisher: 'Local Government Lawyer', publishedOn: '2023-02-03', url: 'https://example.org/a' };
  const speaker = { name: 'Cllr Ann Price', role: 'Chair' };
  const organisation = { name: 'Example Council Association' };
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  t.same(months.map((_, i) => longDate(`2023-${String(i + 1).padStart(2, '0')}-01`)), months.map((m) => `1 ${m} 2023`), 'every month by name');
  for (const partial of ['2023-02', '2023-00-05', '-02-03', 'soon']) t.equal(longDate(partial), partial, `${partial}: not a whole date, left as it is`);
  t.equal(
    citation({ voice: 'direct', speaker: { name: 'Sam Reed', role: null }, organisation, document }),
    'Sam Reed, Example Council Association, in “Councils respond”, Local Government Lawyer, 3 February 2023, https://example.org/a',
    'a speaker without a role',
  );
  t.equal(citation({ voice: 'direct', speaker, organisation, document }), 'Cllr Ann Price, Chair, Example Council Association, in “Councils respond”, Local Government Lawyer, 3 February 2023, https://example.org/a');
  t.equal(citation({ voice: 'reported', speaker, organisation, document }), 'Cllr Ann Price, Chair, Example Council Association, as reported by Local Government Lawyer in “Councils respond”, 3 February 2023, https://example.org/a');
  t.equal(citation({ voice: 'reported', speaker: null, organisation, document }), 'Example Council Association, as reported by Local Government Lawyer in “Councils respond”, 3 February 2023, https://example.org/a');
  t.equal(citation({ voice: 'own', speaker: null, organisation, document }), 'Example Council Association, in its own statement “Councils respond”, Local Government Lawyer, 3 February 2023, https://example.org/a');
  t.equal(citation({ speaker: null, organisation, document }), citation({ voice: 'own', speaker: null, organisation, document }), 'no speaker and no voice: the organisation’s own');
  t.equal(citation({ voice: 'direct', speaker: null, organisation, document }), 'Example Council Association, in “Councils respond”, Local Government Lawyer, 3 February 2023, https://example.org/a', 'an organisation quoted directly');
  t.equal(
    citation({ voice: 'direct', speaker: { name: 'Sam Reed', role: 'chief executive of Example Council Association' }, organisation, document }),
    'Sam Reed, chief executive of Example Council Association, in “Councils respond”, Local Government Lawyer, 3 February 2023, https://example.org/a',
    'a role naming the organisation is not followed by it again',
  );
});
