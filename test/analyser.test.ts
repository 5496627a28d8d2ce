import t from 'tap';
import { analyse, type Lexicon } from '../src/domain/analyse/index.ts';
import { findFigures } from '../src/domain/analyse/figures.ts';
import { cuePattern } from '../src/domain/analyse/lexicon.ts';
import { findQuotes } from '../src/domain/analyse/quotes.ts';
import { stanceScorer } from '../src/domain/analyse/stance.ts';
import { sentences } from '../src/domain/analyse/text.ts';
import { readStanceCues } from '../seed/lexicon.ts';
import { readCorpus, seedLexicon } from '../seed/corpus.ts';

// Texts here are written for the tests, not taken from the seed corpus: the rules must generalise.
const lexicon: Lexicon = seedLexicon(readCorpus(), readStanceCues());
const scorer = stanceScorer(lexicon.cues);

t.test('sentences keep exact offsets; paragraph breaks and headings are respected', async (t) => {
  const text = 'Charity warns on reform\n\nDr Jane Smith said the plan was late.  It was, she said, “not enough”.\n  • A new duty on councils\n';
  const found = sentences(text);
  for (const s of found) t.equal(text.slice(s.start, s.end), s.text);
  t.same(found.map((s) => s.text), ['Charity warns on reform', 'Dr Jane Smith said the plan was late.', 'It was, she said, “not enough”.', '• A new duty on councils']);
  t.same(found.map((s) => s.heading), [true, false, false, true]);
});

t.test('cue patterns match whole words with their inflections', async (t) => {
  t.ok(cuePattern('welcome').test('The council welcomed it'));
  t.notOk(cuePattern('pay').test('a payment'), 'not inside another word');
  t.ok(cuePattern('kinship carer').test('Kinship carers say'));
  t.ok(cuePattern('£').test('costs £3m'));
  t.ok(cuePattern("children's centres").test('children’s centres'), 'curly and straight apostrophes alike');
});

t.test('stance: judgements, negation, turns and concessions', async (t) => {
  t.equal(scorer.score('We warmly welcome the new duty on councils.').stance, 'supportive');
  t.equal(scorer.score('We are deeply concerned that the plan falls short.').stance, 'critical');
  t.equal(scorer.score('Families will not benefit from the best support.').stance, 'critical', 'a negated positive is critical');
  t.equal(scorer.score('The aims are good, but we are disappointed by the timetable.').stance, 'critical', 'the turn decides');
  t.equal(scorer.score('While helpful, the money fell short of what is needed.').stance, 'critical', 'the concession counts less');
  t.equal(scorer.score('We welcome the plan but are concerned about the detail.').stance, 'mixed');
  t.equal(scorer.score('The scheme will run in three regions from April.').stance, 'neutral');
});

t.test('themes and stance in a text of its own', async (t) => {
  const text = [
    'Youth charity responds',
    '',
    'We welcome the commitment to early intervention and the new family hubs, which will help families before they reach crisis point.',
    '',
    'However, the funding announced is a drop in the ocean. Councils are overspending by £1bn a year.',
    '',
    'There is nothing here for grandparents raising grandchildren, and kinship carers will feel let down.',
    '',
    'The plans say nothing new about social workers.',
  ].join('\n');
  const result = analyse({ text }, lexicon);
  const stances = Object.fromEntries(result.themes.map((f) => [f.theme, f.stance]));
  t.same(stances, { funding: 'critical', workforce: 'critical', 'early-help': 'supportive', kinship: 'critical' }, '"nothing new about social workers" judges the plan');
  const funding = result.themes.find((f) => f.theme === 'funding');
  t.ok(funding?.evidence.every((e) => text.slice(e.start, e.end) === e.text), 'evidence offsets point at the text');
  t.match(funding?.evidence[0]?.text, /drop in the ocean/);

  const government = analyse({ text, organisation: { slug: 'dfe', kind: 'government' } }, lexicon);
  t.ok(government.themes.every((f) => f.stance === 'neutral'), 'a government describing its own measures is neutral');
});

t.test('a theme named only in a heading or list label is not discussed', async (t) => {
  const text = 'What the report covers\n\n• Kinship care\n• Workforce\n\nWe look forward to reading it in full.';
  t.same(analyse({ text }, lexicon).themes, []);
});

t.test('foster carer recruitment is neither workforce nor kinship', async (t) => {
  const result = analyse({ text: 'We are pleased to see a national drive to recruit more foster carers.' }, lexicon);
  t.same(result.themes.map((f) => f.theme), []);
});

t.test('a short judgement joins the themes of the sentence before it', async (t) => {
  const result = analyse({ text: 'The report says prevention must come first. We agree.' }, lexicon);
  t.same(result.themes.map((f) => [f.theme, f.stance]), [['early-help', 'supportive']]);
});

t.test('quotes: the usual press forms', async (t) => {
  const named = 'Responding, Sam Okafor, Director of Policy at Action for Children, said: “This is a welcome first step for families.”';
  const [q1] = findQuotes(named, lexicon);
  t.match(q1, { text: 'This is a welcome first step for families.', speaker: { name: 'Sam Okafor', role: 'Director of Policy', organisation: 'action-for-children' } });
  t.equal(named.slice(q1?.start, q1?.end), q1?.text);

  const inverted = '"We cannot keep asking councils to do more with less," said Cllr Priya Shah, chair of the county network.';
  t.match(findQuotes(inverted, lexicon)[0], { text: 'We cannot keep asking councils to do more with less', speaker: { name: 'Cllr Priya Shah' } });

  const block = 'Professor Ann Lee said:\n\nThe strategy is a start and we are pleased to see it.\n\nBut it must be funded properly if it is to work.';
  const blockQuotes = findQuotes(block, lexicon);
  t.equal(blockQuotes.length, 2, 'each paragraph after "said:" is a quote');
  t.ok(blockQuotes.every((q) => q.speaker?.name === 'Professor Ann Lee'));

  const continued = 'Tom Reed, chief executive of a charity, said: “Families need help now, not in five years.\n\n“They cannot wait for a pilot to reach them in five years’ time.”';
  t.same(findQuotes(continued, lexicon).map((q) => q.speaker?.name), ['Tom Reed', 'Tom Reed'], 'a paragraph opening with a quote mark continues the speaker');

  const surname = 'Jo Bright, a councillor, said: “We need more social workers on the front line.”\n\n“Agency staff cost us dearly,” Ms Bright added.';
  t.same(findQuotes(surname, lexicon).map((q) => q.speaker?.name), ['Jo Bright', 'Jo Bright'], 'a later mention by surname is the same person');

  const voice = 'Our view\n\nWe believe the reforms are overdue and we will work with ministers to make them succeed for every child.';
  t.match(findQuotes(voice, lexicon), [{ speaker: null, organisation: null, text: /^We believe/ }], 'nobody quoted: the organisation’s own voice');

  const government = 'The minister said: “These reforms will put relationships at the heart of the system.”\n\n“It is a new start for children in care,” the Government said.';
  t.same(findQuotes(government, lexicon).map((q) => q.organisation), [null, 'dfe']);
});

t.test('figures: normalised values, units, qualifiers and periods', async (t) => {
  const text =
    'The charity wants £3.4 billion a year. Ministers offered £150m over the next three years, and £75,000 per home. ' +
    'Almost 80,000 children are in care; up to 300 new social worker apprentices will be trained. ' +
    'Around one in three councils (32%) overspent, some 12 local authorities by more than 10 per cent. ' +
    'It could take 5 years or more. The review was published on 23 May 2022 and the 2019 manifesto promised it. ' +
    'Within 12 months, 60,000 children were re-referred; a 6-week wait, then 3 weeks more.';
  const figures = findFigures(text, sentences(text));
  const summary = figures.map((f) => [f.raw, f.value, f.unit, f.period]);
  t.same(summary, [
    ['£3.4 billion', 3_400_000_000, 'GBP', 'per year'],
    ['£150m', 150_000_000, 'GBP', 'over the next three years'],
    ['£75,000', 75_000, 'GBP', null],
    ['Almost 80,000', 80_000, 'children', null],
    ['up to 300', 300, 'social-workers', null],
    ['Around one in three', 1 / 3, 'proportion', null],
    ['32%', 32, 'percent', null],
    ['some 12', 12, 'local-authorities', null],
    ['more than 10 per cent', 10, 'percent', null],
    // Durations (5 years or more, 12 months, 6-week, 3 weeks), dates and years are not figures.
    ['60,000', 60_000, 'children', null],
  ]);
  for (const f of figures) {
    t.equal(text.slice(f.start, f.end), f.raw);
    t.ok(f.context.text.includes(f.raw), 'kept with its sentence');
  }
});

t.test('organisations and events mentioned', async (t) => {
  const text = 'The County Councils Network and the LGA both responded to Stable Homes, Built on Love.';
  const result = analyse({ text }, lexicon);
  t.same(result.organisations.map((m) => m.slug), ['ccn', 'lga']);
  t.same(result.events.map((m) => m.slug), ['implementation-strategy-2023']);
  t.equal(text.slice(result.events[0]?.start, result.events[0]?.end), 'Stable Homes, Built on Love');
});

t.test('sentences: not cut at decimals, initials or abbreviations; cut where a full stop is followed by a capital', async (t) => {
  const split = (text: string) => sentences(text).map((s) => s.text);
  t.same(split('The £200m is a far cry from the £2.6bn the review called for. It is not enough.'), [
    'The £200m is a far cry from the £2.6bn the review called for.',
    'It is not enough.',
  ]);
  t.same(split('Dr. Smith said so. Mr J. K. Rowling agreed, e.g. in 2023. The U.K. government must act.'), [
    'Dr. Smith said so.',
    'Mr J. K. Rowling agreed, e.g. in 2023.',
    'The U.K. government must act.',
  ]);
  t.same(split('Spending rose 3.5% in 2022-23, i.e. by £1.2m. Cllr. Jamieson said "This is 2.6 times more." Then he left.'), [
    'Spending rose 3.5% in 2022-23, i.e. by £1.2m.',
    'Cllr. Jamieson said "This is 2.6 times more."',
    'Then he left.',
  ]);
  t.same(split('St. Mary’s agreed! Did it? Yes.\n\nA heading\n\nFunding of £2.6 billion was recommended.'), [
    'St. Mary’s agreed!',
    'Did it?',
    'Yes.',
    'A heading',
    'Funding of £2.6 billion was recommended.',
  ]);
  const text = 'Prof. A. Jones: “It is 1.5 times the cost.” We agree.';
  for (const s of sentences(text)) t.equal(text.slice(s.start, s.end), s.text, 'offsets are exact');
  t.same(split(text), ['Prof. A. Jones: “It is 1.5 times the cost.”', 'We agree.']);
});

t.test('confidence: stronger and more consistent cues, more confidence', async (t) => {
  const { confidenceOf } = await import('../src/domain/analyse/themes.ts');
  t.equal(confidenceOf('neutral', []), 0.3, 'no judgement found');
  t.equal(confidenceOf('critical', [{ supportive: 0, critical: 2 }]), 0.49, 'one explicit judgement');
  t.equal(confidenceOf('critical', [{ supportive: 0, critical: 2 }, { supportive: 0, critical: 2 }]), 0.74, 'two agreeing');
  t.equal(confidenceOf('critical', [{ supportive: 0, critical: 2 }, { supportive: 1, critical: 0 }]), 0.32, 'a weak signal the other way lowers it');
  t.equal(confidenceOf('supportive', [{ supportive: 6, critical: 0 }]), 0.86);
  t.equal(confidenceOf('mixed', [{ supportive: 2, critical: 2 }]), 0.74, 'balanced: as sure as its weight');
  t.equal(confidenceOf('mixed', [{ supportive: 1, critical: 3 }]), 0.37, 'lopsided mixed is doubtful');
  t.equal(confidenceOf('critical', [{ supportive: 0, critical: 0 }]), 0.3, 'a stance with no weight behind it is as unsure as neutral');
  t.equal(confidenceOf('critical', [{ supportive: 0, critical: 0.5 }]), 0.15, 'inferred from context only');

  const sure = analyse({ text: 'We welcome the funding. The funding is very welcome and we are delighted with the funding.' }, lexicon).themes[0];
  const unsure = analyse({ text: 'The funding is welcome.' }, lexicon).themes[0];
  t.ok((sure?.confidence ?? 0) > (unsure?.confidence ?? 1), `more agreeing cues, more confidence (${sure?.confidence} > ${unsure?.confidence})`);
});

t.test('a speaker’s organisation is the whole name the text gives, not a known name it begins with', async (t) => {
  const numbered: Lexicon = {
    ...lexicon,
    organisations: [
      ...lexicon.organisations,
      { slug: 'district-trust-1', name: 'District Trust 1', shortName: 'District Trust 1', kind: 'charity' },
      { slug: 'district-trust-15', name: 'District Trust 15', shortName: 'District Trust 15', kind: 'charity' },
      { slug: 'family-forum', name: 'Family Forum', shortName: 'Family Forum', kind: 'charity' },
      { slug: 'family-forum-north', name: 'Family Forum North', shortName: 'Family Forum North', kind: 'charity' },
    ],
  };
  const quote = (name: string) => `"Kinship carers deserve an allowance, and the funding falls far short," said Dana Reyes, chief executive of ${name}.`;
  t.equal(findQuotes(quote('District Trust 15'), numbered)[0]?.organisation, 'district-trust-15');
  t.equal(findQuotes(quote('District Trust 1'), numbered)[0]?.organisation, 'district-trust-1');
  t.equal(findQuotes(quote('Family Forum North'), numbered)[0]?.organisation, 'family-forum-north');
  t.equal(findQuotes(quote('Family Forum'), numbered)[0]?.organisation, 'family-forum');
  // So the publisher's own chief executive speaks for it: its stance is read from the quote.
  const analysed = analyse({ text: quote('District Trust 15'), organisation: { slug: 'district-trust-15', kind: 'charity' } }, numbered);
  t.same(analysed.themes.map((theme) => theme.theme).sort(), ['funding', 'kinship']);
});
