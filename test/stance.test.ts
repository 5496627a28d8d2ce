import t from 'tap';
import { furniture } from '../src/domain/analyse/boilerplate.ts';
import { analyse, type Lexicon } from '../src/domain/analyse/index.ts';
import { decide, stanceScorer } from '../src/domain/analyse/stance.ts';
import { sentences } from '../src/domain/analyse/text.ts';
import { readCorpus, seedLexicon } from '../seed/corpus.ts';
import { readStanceCues } from '../seed/lexicon.ts';

// Each structure the analyser reads, with sentences written for the test (not from any corpus), and
// the sentence that must not trigger it. The stance is always toward the measure the text reacts to.
const lexicon: Lexicon = seedLexicon(readCorpus(), readStanceCues());
const scorer = stanceScorer(lexicon.cues);
const stance = (text: string, event: 'measure' | 'recommendations' = 'measure') => scorer.score(text, event).stance;
const themes = (text: string, event: 'measure' | 'recommendations' = 'measure', kind = 'charity') =>
  Object.fromEntries(analyse({ text, organisation: { slug: 'x', kind }, event: { slug: 'e', kind: event } }, lexicon).themes.map((f) => [f.theme, f.stance]));

/** A page's sentences as the analyser sorts them: page furniture, and what is left as the statement. */
const sorted = (text: string) => {
  const all = sentences(text);
  const found = furniture(all);
  return { furniture: all.filter((s) => found.has(s)).map((s) => s.text), statement: all.filter((s) => !found.has(s)).map((s) => s.text) };
};

t.test('decide: mixed only when both sides are argued', async (t) => {
  t.equal(decide(0, 0), 'neutral');
  t.equal(decide(0.5, 0), 'neutral', 'less than a weak judgement');
  t.equal(decide(1, 0), 'supportive');
  t.equal(decide(0, 1), 'critical');
  t.equal(decide(1, 1), 'mixed', 'a tie of weak signals');
  t.equal(decide(2, 1), 'supportive', 'a weak concern against an explicit welcome');
  t.equal(decide(1.5, 1.5), 'mixed');
  t.equal(decide(2, 1.5), 'mixed', 'a welcome and a demand');
  t.equal(decide(4.5, 1.5), 'supportive', 'the lesser side no more than a third of the greater');
  t.equal(decide(4.4, 1.5), 'mixed', 'more than a third');
  t.equal(decide(1.4, 3), 'critical', 'the lesser side under a reservation’s weight');
});

t.test('a demand reads by the event: critical after a measure, supportive of recommendations', async (t) => {
  const demand = 'We urge the Government to put a statutory allowance on the table.';
  t.equal(stance(demand, 'measure'), 'critical');
  t.equal(stance(demand, 'recommendations'), 'supportive');
  t.same(scorer.score(demand).cues, ['demand: urge']);
  t.equal(stance('Ministers should guarantee the money for at least five years.'), 'critical', 'a soft demand');
  t.equal(stance('It is crucial that the Treasury funds the reforms in full.'), 'critical', 'the weak praise in "crucial" qualifies the demand');
  t.same(scorer.score('It is crucial that the Treasury funds the reforms in full.').cues, ['demand: it is crucial that']);
  t.equal(stance('These services are crucial to keeping families together.'), 'supportive', 'crucial without a demand is praise');
  t.equal(stance('We welcome the pilots, but they must be rolled out nationally.'), 'mixed', 'a welcome with a condition');
  t.equal(stance('The framework is sensible, but implementation must be faster.'), 'mixed', 'weak praise before a demand is still a welcome');
  t.equal(stance('We urge ministers to act – investing early has a real benefit.'), 'critical', 'weak praise after a demand argues for it');
});

t.test('what is not a demand made now', async (t) => {
  t.equal(stance('The strategy highlights the need to overhaul placements.'), 'neutral', '"the need to" is a noun');
  t.equal(stance('The network had led calls for this change.'), 'neutral', 'history');
  t.equal(stance('The report says prevention must come first.'), 'neutral', 'the measure’s own words');
  t.equal(stance('This should help thousands of families.'), 'neutral', 'a prediction');
  t.equal(stance('We do not need to wait for the consultation.'), 'neutral', 'a negated demand');
});

t.test('reservations and conditions', async (t) => {
  t.equal(stance('This is a first step towards the system families need.'), 'mixed');
  t.equal(stance('A national strategy is long overdue.'), 'mixed');
  t.equal(stance('The caps are positive, provided that councils are given time.'), 'mixed');
  t.same(scorer.score('The caps are positive, provided that councils are given time.').cues, ['positive', 'condition: provided that']);
  t.equal(stance('The money is welcome, but it will only make a difference if it is recurring.'), 'mixed', '"only … if" with its verb between');
  t.equal(stance('It remains to be seen whether the funding will stretch far enough.'), 'critical', 'praise under "whether" is hypothetical');
});

t.test('negation: the first judgement after it, within its reach', async (t) => {
  t.equal(stance('This does not go nearly far enough.'), 'critical');
  t.equal(stance('We are not opposed to national rules on agency staff.'), 'supportive');
  t.equal(stance('The proposals are not without merit.'), 'supportive', 'two negations cancel');
  t.equal(stance('Nobody could accuse the Government of neglecting the workforce here.'), 'supportive', 'a negated subject reaches across its clause');
  t.equal(stance('No council leader reading it will be reassured.'), 'critical');
  t.equal(stance('Few could quarrel with giving carers better access to advice.'), 'supportive', 'only the quarrel is negated');
  t.equal(stance('Carers arrive with no preparation and very little money.'), 'neutral', 'negation does not reach across "and"');
  t.equal(stance('We cannot welcome a plan that ignores carers.'), 'critical');
});

t.test('turns and concessions', async (t) => {
  t.equal(stance('The aims are good, but we are disappointed by the timetable.'), 'critical', 'weak praise before a turn is conceded');
  t.equal(stance('We welcome the plan but are concerned about the detail.'), 'mixed', 'an explicit welcome before a turn stands');
  t.equal(stance('While helpful, the money fell short of what is needed.'), 'critical', 'a weak concession counts half');
  t.equal(stance('As positive as the reforms are, the elephant in the room is money.'), 'mixed', 'an explicit concession stands');
  t.equal(stance('Councils said the funding, "while helpful", fell short.'), 'critical', 'a short aside is a concession mid-sentence');
  t.equal(stance('The approach is promising, though the detail is vague.'), 'critical', 'mid-sentence "though" turns');
  t.equal(stance('Family hubs are welcome, but councils lack the money to run them.'), 'mixed', 'problem talk after a turn against a welcome is the reservation');
});

t.test('problem talk judges nothing alone', async (t) => {
  const score = scorer.score('Councils are overspending and the system is in crisis.');
  t.equal(score.stance, 'neutral');
  t.equal(score.problemTalk, true);
  t.equal(scorer.score('The plan fails to tackle the crisis.').problemTalk, false, 'a judgement of the measure is not problem talk');
  t.same(themes('Councils are overspending on children’s social care budgets year after year.'), {}, 'no tag');
  t.same(themes('Vacancies are at record levels. The measures announced today will barely scratch the surface.'), { workforce: 'critical' }, 'the judgement after it takes its theme');
});

t.test('figures argued with', async (t) => {
  t.equal(stance('The £200m on the table is less than 7% of that.'), 'critical', 'a small share');
  t.equal(stance('Just £45m has been set aside.'), 'critical', 'an amount played down');
  t.equal(stance('Only 12 areas will take part.'), 'critical');
  t.equal(stance('Only then can councils plan.'), 'neutral', '"only" without an amount');
  t.equal(stance('Half a billion pounds is more than any of us dared expect.'), 'supportive');
  t.equal(stance('The settlement is better than many had feared.'), 'supportive');
  t.equal(stance('It is the largest investment in prevention for over a decade.'), 'supportive');
  t.equal(stance('£200m is a fraction of what the review said was needed.'), 'critical', 'less than asked');
  t.equal(stance('Ministers have let kinship families down.'), 'critical');
  t.equal(stance('This strategy gets early help right.'), 'supportive');
});

t.test('themes: passing mentions, lists and names are not claims', async (t) => {
  t.same(themes('The strategy sets out plans for family help, kinship care and the social work workforce.'), {}, 'a neutral list');
  t.same(themes('The plan commits to a national kinship care strategy by the end of the year.'), { kinship: 'neutral' }, 'a description of the measure');
  t.same(themes('The plan commits to a kinship strategy.', 'measure', 'government'), { kinship: 'neutral' }, 'the government describes its own measure');
  t.same(themes('The Society of Family Practitioners welcomed the pilots for grandparents.'), { kinship: 'supportive' }, 'a theme word in a name is not the theme');
  t.same(themes('We welcome new training for kinship carers.'), { kinship: 'supportive' }, 'training for kinship carers is kinship');
  t.same(themes('We welcome a recruitment drive for foster carers.'), {}, 'foster carers are in no core theme');
  t.same(themes('We welcome £45m for kinship carers.'), { funding: 'supportive', kinship: 'supportive' }, 'money stays funding wherever it goes');
  t.same(themes('We welcome the expansion of family hubs, which will be paid for from the existing grant.'), { 'early-help': 'supportive' }, 'a theme only in a relative clause is a detail');
  t.same(themes('We welcome help for kinship families, including a trial of allowances and new training for staff.'), { kinship: 'supportive' }, 'and in a list of examples of another theme');
  t.same(themes('Much of this is positive, including its focus on early help and support for kinship carers.'), { 'early-help': 'supportive', kinship: 'supportive' }, 'a list is what was judged where nothing else is named');
});

t.test('page furniture is not the statement', async (t) => {
  const text = [
    'Charity Responds To Children’s Social Care Strategy Today',
    'We welcome the new family hubs.',
    'Share this page',
    'Related articles: funding for family hubs explained | kinship care guide | social work jobs',
    'We use cookies to improve your experience. Accept all',
    'Published 3 February 2023',
    'Image: a grandmother reads to her grandson',
    'The Trust is the national charity for kinship carers.',
    'ENDS',
    'For more information call 020 7946 0318.',
    'Kinship carers deserve better.',
  ].join('\n\n');
  t.same(
    sorted(text).statement,
    ['We welcome the new family hubs.'],
    'only the statement is left',
  );
  t.same(themes(text), { 'early-help': 'supportive' });
});

t.test("words quoted from the government, or from another known organisation, are not the statement's position", async (t) => {
  const text = [
    'We are disappointed that the funding falls far short of what councils need.',
    '"This is the biggest investment in family help for a generation, and we are delighted to announce it," said the Minister for Children, Jo Bright.',
  ].join('\n\n');
  const analysed = (organisation: { slug: string; kind: string }) =>
    Object.fromEntries(analyse({ text, organisation }, lexicon).themes.map((f) => [f.theme, f.stance]));
  t.same(analysed({ slug: 'lga', kind: 'local-government-association' }), { funding: 'critical' }, 'the minister’s welcome is not the LGA’s');
  t.same(analysed({ slug: 'dfe', kind: 'government' }), { funding: 'neutral', 'early-help': 'neutral' }, 'the government describes its own measure');
  const other = '"We welcome the new family hubs," said Cllr Ann Hale, chair of the County Councils Network.\n\nThe funding falls short.';
  t.same(Object.fromEntries(analyse({ text: other, organisation: { slug: 'lga', kind: 'local-government-association' } }, lexicon).themes.map((f) => [f.theme, f.stance])), { funding: 'critical' }, 'another known organisation’s welcome is not the LGA’s');
  t.same(Object.fromEntries(analyse({ text: other, organisation: { slug: 'ccn', kind: 'local-government-association' } }, lexicon).themes.map((f) => [f.theme, f.stance])), { 'early-help': 'supportive', funding: 'critical' }, 'its own spokesperson’s is');
});

t.test('what each structure says it found (editors read these cues)', async (t) => {
  const cues = (text: string, event: 'measure' | 'recommendations' = 'measure') => scorer.score(text, event).cues;
  t.same(cues('We welcome the plan, but it must go further.'), ['welcome', 'demand: must']);
  t.same(cues('This is a first step.'), ['reservation: a first step'], 'the longest reservation');
  t.same(cues('The plan is sensible, as long as it is funded.'), ['sensible', 'condition: as long as']);
  t.same(cues('It is sensible, unless councils are left to pay.'), ['sensible', 'condition: unless']);
  t.same(cues('Councils welcome it on condition that it is funded.'), ['welcome', 'condition: on condition that']);
  t.same(cues('It will only work if it is funded.'), ['condition: only … if']);
  t.same(cues('Family hubs are welcome, but councils lack the money.'), ['welcome', 'but: lack']);
  t.same(cues('Just £45m has been set aside.'), ['only …']);
  t.same(cues('The £200m is less than 7% of that.'), ['a small share']);
  t.same(cues('It is far more than we had hoped.'), ['more than hoped']);
  t.same(cues('£200m is a fraction of what the review said was needed.'), ['less than asked']);
  t.same(cues('It is the biggest investment in early help in a generation.'), ['best in years']);
  t.same(cues('Ministers have let families down.'), ['let … down']);
  t.same(cues('This strategy gets early help right.'), ['got … right']);
  t.same(cues('Family help is the right model.'), ['the right …']);
  t.same(cues('This is not enough.'), ['not enough'], 'a judgement made of a negation is one cue');
  t.same(cues('We are not opposed to it.'), ['not opposed']);
});

t.test('the shapes of each structure, and their near misses', async (t) => {
  const cues = (text: string) => scorer.score(text).cues;
  // Turns and concessions.
  t.equal(stance('The money is welcome, albeit modest.'), 'mixed', '"albeit" turns');
  t.equal(stance('Early help is well served; by contrast, the kinship offer is thin.'), 'critical', '"by contrast" turns');
  t.equal(stance('Welcome as it is, the money will not go far enough.'), 'mixed', '"welcome as it is," concedes and still welcomes');
  t.equal(stance('As helpful as the plan is, it is too slow.'), 'critical', '"as helpful as" concedes a weak judgement');
  // Descriptions that hold demand words.
  t.same(cues('Carers are finally getting the recognition they deserve.'), ['recognition'], 'a relative clause on a noun: praise, no demand');
  t.equal(stance('Children deserve the support families need.'), 'critical', 'a demand with a relative clause after it is still a demand');
  t.equal(stance('Agency staff cost far more than they should.'), 'neutral', 'a comparison');
  t.equal(stance('These are rules which should keep the same worker with a child.'), 'neutral', 'what the measure will do');
  t.equal(stance('The Government should keep the same worker with a child.'), 'critical', 'the same words as a demand');
  t.equal(stance('This should make a real difference to families.'), 'supportive', 'a prediction with praise in it');
  t.equal(stance('The council should make the case to ministers.'), 'critical', 'make without an outcome after it is a demand');
  // Figures.
  t.equal(stance('Only a tenth of councils will benefit.'), 'critical', 'a small share in words');
  t.equal(stance('The settlement is under 5 per cent of the need.'), 'critical');
  t.equal(stance('It is the most ambitious plan for decades.'), 'supportive');
  t.equal(stance('It is the largest council in the region.'), 'neutral', 'a superlative without a span of years');
  t.equal(stance('They got it right.'), 'supportive');
  // Negation.
  t.equal(stance('Nothing in the plan will reassure carers.'), 'critical', '"nothing" reaches across its clause');
  t.equal(stance('None of the money is welcome.'), 'critical');
  t.equal(stance('Few would object to that.'), 'supportive');
});

t.test('every word of each structure', async (t) => {
  for (const turn of ['but', 'however,', 'yet', 'nevertheless,', 'nonetheless,', 'albeit', 'by contrast,', 'in contrast,']) {
    t.equal(stance(`The aims are good, ${turn} we are disappointed by the timetable.`), 'critical', `"${turn}" turns: the weak praise before it is conceded`);
  }
  for (const concede of ['While', 'Whilst', 'Although', 'Though', 'Despite being']) {
    t.equal(stance(`${concede} helpful, the money fell short of what is needed.`), 'critical', `"${concede}" concedes`);
  }
  for (const condition of ['provided that', 'providing that', 'provided', 'as long as', 'so long as', 'only if', 'on condition that', 'unless']) {
    t.same(scorer.score(`The caps are positive, ${condition} councils have time.`).cues, ['positive', `condition: ${condition}`], `"${condition}" is a condition`);
  }
  for (const subject of ['No one', 'Nobody', 'No council', 'Nothing here', 'None of them', 'Neither council']) {
    t.equal(stance(`${subject} will be reassured by the detail.`), 'critical', `"${subject}" negates the judgement after it`);
  }
  for (const few of ['Few could', 'Few would', 'Few will']) t.equal(stance(`${few} object to the plans.`), 'supportive', `"${few}"`);
  for (const verb of ['is', 'are', 'was', 'were', 'seems', 'looks', 'will be']) t.same(scorer.score(`It ${verb} the right approach.`).stance, 'supportive', `"${verb} the right …"`);
  for (const adverb of ['absolutely', 'exactly', 'surely', 'broadly']) t.same(scorer.score(`It is ${adverb} the right model.`).cues, ['the right …'], `"is ${adverb} the right …"`);
  for (const share of ['less than 7%', 'under 5 per cent', 'barely a tenth', 'only a quarter', 'just a third', 'little more than a fifth', 'less than a fraction', 'under 2.5 percent']) {
    t.ok(scorer.score(`The money is ${share} of the total.`).cues.includes('a small share'), `"${share}"`);
  }
  for (const best of ['largest', 'biggest', 'greatest', 'most significant', 'most ambitious', 'most important']) {
    t.ok(scorer.score(`It is the ${best} reform for a generation.`).cues.includes('best in years'), `"the ${best} … for a generation"`);
  }
  for (const span of ['in a decade', 'for two decades', 'in 20 years', 'since records began', 'for many years', 'for more than a decade', 'in over a generation']) {
    t.same(scorer.score(`It is the biggest investment ${span}.`).cues, ['best in years'], `"… ${span}"`);
  }
  for (const outcome of ['help', 'make a real difference', 'mean', 'improve', 'reduce', 'lead', 'allow', 'enable', 'benefit', 'go some way', 'strengthen', 'boost', 'raise', 'result']) {
    t.notOk(scorer.score(`This should ${outcome} things for families.`).cues.some((c) => c.startsWith('demand')), `"should ${outcome}" predicts`);
  }
  for (const source of ['report says', 'review recommends', 'strategy states', 'plans propose', 'proposals suggest', 'consultation notes', 'government said', 'department argues', 'minister sets out']) {
    t.equal(stance(`The ${source} that councils must act.`), 'neutral', `"the ${source}": the measure's own demand`);
  }
  for (const who of ['they', 'it', 'we', 'you', 'he', 'she', 'families', 'children', 'carers', 'councils']) {
    t.notOk(scorer.score(`It is the help ${who} deserve.`).cues.some((c) => c.startsWith('demand')), `"the help ${who} deserve" describes`);
  }
  for (const who of ['it', 'they', 'we', 'you', 'he', 'she', 'this', 'that']) {
    t.equal(stance(`Agency staff cost more than ${who} should.`), 'neutral', `"more than ${who} should" compares`);
  }
});

t.test('text as it is pasted: doubled spaces and line breaks inside a sentence', async (t) => {
  t.ok(scorer.score('It is  the right  policy.').cues.includes('the right …'));
  t.same(scorer.score('It is the  biggest investment  in a  decade.').cues, ['best in years']);
  t.ok(scorer.score('The money is less than  7%  of the total.').cues.includes('a small share'));
  t.same(scorer.score('Ministers have let  families  down.').cues, ['let … down']);
  t.same(scorer.score('This gets  early help  right.').cues, ['got … right']);
  t.same(scorer.score('It will only  work  if  it is funded.').cues, ['condition: only … if']);
  t.equal(stance('As  helpful  as the plan is, it is too slow.'), 'critical');
  t.equal(stance('Welcome  as  it  is , the money will not go far enough.'), 'mixed');
  t.notOk(scorer.score('This should  help families.').cues.some((c) => c.startsWith('demand')));
  t.notOk(scorer.score('It is the help  they  deserve.').cues.some((c) => c.startsWith('demand')));
});

// The structures added after reading full responses: each with a sentence that must trigger it and the near miss that must not.
t.test('a demand told as history is not a demand made now; the same demand made now is', async (t) => {
  for (const [text, want] of [
    ['Capping agency pay is exactly what we asked for.', 'neutral'],
    ['Capping agency pay is one we have long called for.', 'neutral'],
    ['We have been calling for a kinship allowance.', 'neutral'],
    ['Our members have argued for years that kinship carers should be paid an allowance.', 'neutral'],
    ['We ask the government to pay kinship carers an allowance.', 'critical'],
    ['We call for a kinship allowance.', 'critical'],
    ['Kinship carers should be paid an allowance.', 'critical'],
    ['The pathfinders are something every family should be able to reach.', 'critical'],
  ] as const) {
    t.equal(stance(text), want, text);
  }
  t.same(scorer.score('We have been calling for a kinship allowance, and we are delighted.').cues, ['delighted'], 'the welcome stands alone');
});

t.test('the measure telling what should happen is its own demand, however it is said', async (t) => {
  t.equal(stance('The government is saying plainly that help for families should come early.'), 'neutral');
  t.equal(stance('The strategy now says councils must publish their family help offer.'), 'neutral');
  t.equal(stance('The department is making clear that councils should act.'), 'neutral');
  t.equal(stance('Ministers have acknowledged that carers should be paid.'), 'neutral');
  t.equal(stance('Our view is that councils should be paid for it.'), 'critical', 'the speaker’s own demand');
});

t.test('what a measure is to avoid is its aim, not a judgement of it', async (t) => {
  t.equal(stance('Investment now is the only way to avoid the far larger cost of failure later.'), 'neutral');
  t.equal(stance('Early help is there to prevent the failure of whole families.'), 'neutral');
  t.equal(stance('The plan is a failure for families.'), 'critical', 'the same word judging the measure');
  t.equal(stance('The plan is a failure, and it will not avoid anything.'), 'critical', 'the judgement before "avoid" stands');
});

t.test('concerns about harm are the profession’s term for a risk to a child, not a judgement', async (t) => {
  t.equal(stance('Social workers will lead where there are concerns about significant harm.'), 'neutral');
  t.equal(stance('Social workers will lead where there are concerns about a child’s safety.'), 'neutral');
  t.equal(stance('Social workers will act on safeguarding concerns.'), 'neutral');
  t.equal(stance('We have concerns about the pace of the rollout.'), 'critical');
  t.equal(stance('We are concerned that new entrants will leave.'), 'critical');
});

t.test('after a measure, praise of the review it answers is not praise of the measure', async (t) => {
  t.equal(stance('The independent review made a compelling case for investment.'), 'neutral');
  t.equal(stance('The review’s analysis was excellent.'), 'neutral');
  t.equal(stance('The independent review made a compelling case for investment.', 'recommendations'), 'supportive', 'reacting to the review itself');
  t.equal(stance('The strategy makes a compelling case for investment.'), 'supportive');
  t.equal(stance('We welcome the response to the review.'), 'supportive', 'the review is not the subject');
});

t.test('a negation is taken by a participle between it and a judgement', async (t) => {
  t.equal(stance('A reform programme that is not adequately resourced risks failure.'), 'critical');
  t.same(scorer.score('A reform programme that is not adequately resourced risks failure.').cues, ['risk', 'failure'], 'neither judgement negated');
  t.equal(stance('The plan will not solve recruitment.'), 'critical', 'no participle between: negated');
  t.equal(stance('This is not a failure of ambition.'), 'supportive', 'a negated criticism');
});

t.test('what others have said is theirs, not the speaker’s', async (t) => {
  for (const text of [
    'Several charities have already said the sum falls well short of what the review said was needed.',
    'Critics have warned that the plan is inadequate.',
    'Some campaigners argue the strategy is a failure.',
    'Other organisations have described the pilots as disappointing.',
  ]) {
    t.equal(stance(text), 'neutral', text);
  }
  t.equal(stance('We are disappointed, as several charities have said.'), 'critical', 'the speaker’s verdict before the report of others stands');
  t.equal(stance('The sum falls well short of what the review said was needed.'), 'critical', 'the same verdict in the speaker’s voice');
});

t.test('"would need" before an amount is an estimate, not a demand', async (t) => {
  t.equal(stance('Metropolitan boroughs alone would need more than 1,400 extra practitioners.'), 'neutral');
  t.equal(stance('Councils would need £3bn to deliver it.'), 'neutral');
  t.equal(stance('Councils will need 500 more social workers.'), 'neutral');
  t.equal(stance('Councils will need to recruit more social workers.'), 'critical', 'the demand, not an amount');
  t.equal(stance('Councils would need more funding.'), 'critical');
});

t.test('a fraction of what is needed is a small share, however it is introduced', async (t) => {
  t.equal(stance('They have found a fraction of that.'), 'critical');
  t.same(scorer.score('They have found a fraction of that.').cues, ['a small share']);
  t.equal(stance('The grant is a tiny fraction of the overspend.'), 'critical');
  t.equal(stance('The grant is a fractional increase.'), 'neutral', 'not a fraction of anything');
});

t.test('understating and underestimating a cost is criticism of it', async (t) => {
  t.equal(stance('The estimate significantly understates the cost of caseload limits.'), 'critical');
  t.equal(stance('The plan underestimates rising demand.'), 'critical');
  t.equal(stance('Nobody could underestimate the progress this represents.'), 'supportive', 'negated, weakly');
});

t.test('a capitalised service of two words or more is the theme; an organisation’s name and a single capitalised word are not', async (t) => {
  t.same(themes('By promising Family Help teams in every area, the government has accepted that principle, and we welcome it.'), { 'early-help': 'supportive' });
  t.same(themes('We welcome the new Early Help Strategy.'), { 'early-help': 'supportive' });
  t.same(themes('We welcome the report by the Early Help Alliance.'), {}, 'a body’s name');
  t.same(themes('We welcome the report by the Alliance for Family Help.'), {}, 'a body’s name with the theme words after it');
});

t.test('recruiting foster carers is fostering, not the social work workforce', async (t) => {
  t.same(themes('We are glad the strategy includes a national drive to recruit and retain more foster carers.'), {});
  t.same(themes('We are glad the strategy includes the recruitment of foster carers.'), {});
  t.same(themes('We are glad the strategy includes a national drive to recruit social workers.'), { workforce: 'supportive' });
  t.same(themes('We are glad the strategy supports social workers and foster carers.'), { workforce: 'supportive' }, 'both named: the workforce is still there');
});

t.test('"About us" in a menu at the top of a page does not end the statement', async (t) => {
  const page = 'Skip to main content | Menu | Search\nAbout us | Our members | News | Contact\nThe grant for early help will not close the gap facing coastal councils, and we are disappointed.\nAbout us\nWe represent coastal councils and their early help services, which we are proud of.';
  t.same(themes(page), { funding: 'critical', 'early-help': 'critical' });
  t.same(sorted(page).furniture, [
    'Skip to main content | Menu | Search',
    'About us | Our members | News | Contact',
    'About us',
    'We represent coastal councils and their early help services, which we are proud of.',
  ]);
});

t.test('what an explicit welcome turns to is its reservation, even without judgement words', async (t) => {
  t.equal(stance('The move towards family help is one we support, but it will reach most families only in 2029.'), 'mixed');
  t.same(scorer.score('The move towards family help is one we support, but it will reach most families only in 2029.').cues, ['we support', 'but: …']);
  t.equal(stance('The move is sensible, but it will reach most families only in 2029.'), 'supportive', 'a weak welcome does not make its turn a reservation');
  t.equal(stance('While we support the move, it will reach most families only in 2029.'), 'supportive', 'a concession is not a turn');
  t.same(themes('That is the right ambition for early help. But the plans reach a dozen areas first.'), { 'early-help': 'mixed' }, 'across two sentences');
  t.same(themes('We welcome the kinship pilots. But the answer is to invest in training social workers.'), { kinship: 'supportive' }, 'a turn with no cue of its own tags no theme of its own');
});

t.test('asides, states and others’ concerns are not judgements', async (t) => {
  t.equal(stance('We also have to be frank about the money.'), 'neutral');
  t.equal(stance('We must be honest about what this costs.'), 'neutral');
  t.equal(stance('We have to find the money for this.'), 'critical', 'a demand, not an aside');
  t.equal(stance('The duty would divert staff from children at real risk.'), 'neutral');
  t.equal(stance('Families can reach it without being labelled as a risk.'), 'neutral');
  t.equal(stance('The plan puts the whole reform at risk.'), 'neutral', 'problem talk');
  t.equal(stance('We see a real risk that the pilots stall.'), 'critical');
  t.equal(stance('We share the review’s concern about agency costs.'), 'neutral');
  t.equal(stance('We share their concerns about the pace.'), 'neutral');
  t.equal(stance('Our concern is the pace.'), 'critical');
});

t.test('"to fund" names what it pays for: that is the theme judged; an amount stays funding', async (t) => {
  t.same(themes('We welcome the plan to fund up to 450 social work apprentices.'), { workforce: 'supportive' });
  t.same(themes('We welcome the pledge to fund more support for kinship carers.'), { kinship: 'supportive' });
  t.same(themes('We welcome the £12m to fund up to 450 social work apprentices.'), { funding: 'supportive', workforce: 'supportive' }, 'an amount is money argued');
  t.same(themes('We welcome the decision to fund councils properly.'), { funding: 'supportive' }, 'funding with no other theme after it');
});

t.test('credit, offers and verdict frames', async (t) => {
  t.equal(stance('Ministers deserve credit for seeing it through.'), 'supportive', 'praise, though "deserve" can make a demand');
  t.same(scorer.score('Ministers deserve credit for seeing it through.').cues, ['deserve credit']);
  t.equal(stance('Kinship carers deserve better support.'), 'critical', 'the demand');
  t.same(scorer.score('Our members would be glad to help deliver the training.'), { stance: 'supportive', supportive: 1, critical: 0, cues: ['glad'], clauses: [{ start: 0, end: 55, supportive: 1, critical: 0, cues: ['glad'], explicit: false }], problemTalk: false }, 'an offer is weak support');
  t.same(scorer.score('It is good, too, that the reform comes with new money.').cues, ['good']);
  t.equal(scorer.score('It is good, too, that the reform comes with new money.').supportive, 2, 'a weak word in the frame of a verdict is explicit');
  t.equal(scorer.score('It is helpful to see the pilots named.').supportive, 2);
  t.equal(scorer.score('The pilots are helpful.').supportive, 1, 'outside the frame it stays weak');
  t.equal(scorer.score('It is not good that the pilots are late.').supportive, 0, 'negated, the frame changes nothing');
});

t.test('the government describing its own measure is its verdict, not the speaker’s', async (t) => {
  t.equal(stance('The department describes the settlement as "the largest investment in a decade".'), 'neutral');
  t.equal(stance('The Treasury press notice, which described the settlement as "transformational", was upbeat.'), 'neutral');
  t.equal(stance('We would describe the settlement as transformational.'), 'supportive', 'the speaker describing it');
});

t.test('agreeing as an act, the speaker’s history since a year, predictions and participles', async (t) => {
  t.equal(stance('Grandparents who agree to take a child home get nothing.'), 'critical', 'the agreement is theirs; "get nothing" is the verdict');
  t.same(scorer.score('Grandparents who agree to take a child home are not asked.').cues, [], 'an act, not the speaker agreeing');
  t.equal(stance('We agree with the review.'), 'supportive');
  t.equal(stance('We have argued since 2021 that services should be rebuilt around family help.'), 'neutral');
  t.equal(stance('The requirement should change that.'), 'neutral', 'a prediction');
  t.equal(stance('A report card should make it easier to keep staff.'), 'neutral', 'a prediction');
  t.equal(stance('The £600m, which the Commission says should be met by government, is realistic.'), 'supportive', 'the Commission’s demand is not the speaker’s');
  t.same(scorer.score('On the funding provided, only 40 areas will have teams.').cues, ['only …'], 'a participle, not a condition');
  t.same(scorer.score('The support provided by councils is welcome.').cues, ['welcome']);
  t.same(scorer.score('It is welcome, provided it is funded.').cues, ['welcome', 'condition: provided']);
});

t.test('idioms of complaint, each whole', async (t) => {
  t.equal(stance('A pot of £180m will not touch the sides.'), 'critical');
  t.same(scorer.score('A pot of £180m will not touch the sides.').cues, ['not touch the sides']);
  t.equal(stance('Calling this a shift to prevention is a bit rich.'), 'critical');
  t.equal(stance('The ambition is not matched by this settlement.'), 'critical');
  t.equal(stance('It is thinly spread.'), 'critical');
  t.equal(stance('In rural counties families are spread thinly.'), 'neutral', 'literal');
});

t.test('a theme’s stance weighs every sentence: one welcome with a condition among complaints is a complaint', async (t) => {
  const welcome = 'We welcome the kinship pilots, but they must go further.';
  t.same(themes(welcome), { kinship: 'mixed' });
  t.same(themes(`${welcome} The kinship offer is inadequate.`), { kinship: 'mixed' }, 'the welcome still more than a third of the complaints');
  t.same(themes(`${welcome} The kinship offer is inadequate. Kinship carers have been let down. The kinship plan falls short.`), { kinship: 'critical' });
});

t.test('experiences told, negations that stop at a subordinate clause, what children deserve, being behind a plan', async (t) => {
  t.equal(stance('Many told us the thing that hurt most was losing their social worker.'), 'neutral', 'their experience, not a verdict on the measure');
  t.equal(stance('Our members told us the plan is inadequate.'), 'critical', 'a membership body’s members speak for it');
  t.equal(stance('When my mum was struggling, nobody came until it was too late.'), 'critical', '"nobody" does not reach past "until"');
  t.same(scorer.score('When my mum was struggling, nobody came until it was too late.').cues, ['too late']);
  t.equal(stance('Nobody could call it too late.'), 'supportive', 'a negated subject still reaches its own clause');
  t.equal(stance('A social worker who stays is what every child in care deserves, and this is a good step towards it.'), 'supportive');
  t.equal(stance('Every child in care deserves a social worker who stays.'), 'critical', 'the demand itself');
  t.equal(stance('We are right behind it.'), 'supportive');
  t.equal(stance('We are fully behind the review’s family help idea.'), 'supportive');
});

t.test('the government saying, inspection grades, names, and agreeing that a measure go ahead', async (t) => {
  t.equal(stance('The Treasury says this is the biggest investment in early help in a generation.'), 'neutral');
  t.equal(stance('It announced £640m, which it describes as the biggest investment in early help in a generation.'), 'neutral');
  t.equal(stance('The department says it is transformational, but we are disappointed.'), 'critical', 'the speaker’s turn is its own');
  t.same(scorer.score('The department says it is transformational, but we are disappointed.').cues, ['disappointed']);
  t.equal(stance('When our services were judged inadequate, we lost a fifth of our social workers.'), 'neutral', 'an inspection grade');
  t.equal(stance('The plan is inadequate.'), 'critical');
  t.same(scorer.score('Parenting support must not be optional, says Little Steps.').cues, ['demand: must'], '"says Little" is a name');
  t.equal(stance('The plan says little about caseloads.'), 'critical');
  t.equal(stance('Staff hesitate before passing on a concern.'), 'neutral', 'a safeguarding concern');
  t.equal(stance('Bringing services under one roof is how support for families should work.'), 'neutral', 'a description, not a demand');
  t.equal(stance('They should be ended except in exceptional circumstances, as proposed.'), 'supportive');
  t.equal(stance('Members are clear that the caps should go ahead.'), 'supportive');
  t.equal(stance('The caps should go further.'), 'critical', 'not going ahead as it stands');
  t.equal(stance('There must be protected time if the new roles are to work as intended.'), 'critical', '"as intended" is not "as proposed"');
  t.equal(stance('Members would find it helpful if the department published the figures.'), 'neutral', 'a request, not praise');
});

t.test('a page’s own text: "About us" at the top is a section, consultation questions are the form’s', async (t) => {
  const page = [
    'Written evidence to the committee inquiry into the kinship care report',
    'About us',
    'The Society represents 6,000 family lawyers and is proud of its work on kinship care.',
    'Summary',
    'We strongly support the recommendation on kinship care.',
    'Question 1: Do you agree that kinship carers should receive an allowance?',
    'Yes. It is the right thing to do.',
  ].join('\n');
  t.same(sorted(page).furniture, [
    'About us',
    'The Society represents 6,000 family lawyers and is proud of its work on kinship care.',
    'Question 1: Do you agree that kinship carers should receive an allowance?',
  ]);
  t.same(themes(page, 'recommendations'), { kinship: 'supportive' });
  const ended = 'We welcome the kinship strategy.\nAbout us\nThe Society is proud of its kinship work.\nContact\nIt is a disappointing day.';
  t.same(sorted(ended).statement, ['We welcome the kinship strategy.'], 'after the statement has begun, "About us" still ends it');
});

t.test('a step forward is praise; stepping forward is an act; recruitment is the workforce, foster carer recruitment is not', async (t) => {
  t.equal(stance('The proposals are a real step forward.'), 'supportive');
  t.equal(stance('This is a step forward for kinship families.'), 'supportive');
  t.equal(stance('Relatives are being asked to step forward without knowing what help they can expect.'), 'neutral');
  t.same(themes('We welcome the drive to recruit more social workers.'), { workforce: 'supportive' });
  t.same(themes('Recruitment is the problem the plan does nothing about.'), { workforce: 'critical' });
  t.same(themes('We welcome the renewed foster carer recruitment drive.'), {});
});

t.test('the speaker supporting, in its own name or its members’, and not supporting', async (t) => {
  t.equal(stance('Directors support putting the agency rules on a statutory footing.'), 'supportive');
  t.same(scorer.score('Directors support putting the agency rules on a statutory footing.').cues, ['… support']);
  t.equal(stance('The association strongly supports the kinship definition.'), 'supportive');
  t.same(scorer.score('We support the review.').cues, ['we support'], 'the lexicon’s cue, not the structure twice');
  t.equal(stance('Families need support for short breaks.'), 'neutral', 'support as a noun');
  t.equal(stance('We do not support the proposal to cut the time limit.'), 'critical');
  t.equal(stance('We propose that the bill set a national minimum offer.'), 'critical', 'a proposal after a measure is a demand');
  t.equal(stance('Kinship carers of disabled children have been passed over.'), 'critical');
});

t.test('contractions negate; "only … if" stands beside a later condition', async (t) => {
  t.equal(stance('We don’t welcome this plan.'), 'critical');
  t.same(scorer.score("We don't welcome this plan.").cues, ['not welcome']);
  t.equal(stance("This isn't good enough."), 'critical');
  t.equal(stance("We can't object to the ambition."), 'supportive', 'a negated complaint');
  t.same(
    scorer.score('We welcome the plan, but it will only work if it is funded, as long as councils are consulted.').cues,
    ['welcome', 'condition: only … if', 'condition: as long as'],
  );
  t.same(scorer.score('It will work only if it is funded.').cues, ['condition: only if'], 'one condition, not two');
});

t.test('a weak welcome with a condition is mixed, whichever comes first, as it is with a turn', async (t) => {
  t.equal(stance('The plan is sensible, provided it is funded.'), 'mixed');
  t.equal(stance('Provided it is funded, the plan is sensible.'), 'mixed');
  t.equal(stance('The plan is sensible, but it must be funded.'), 'mixed');
  t.equal(stance('The plan is sensible, provided it is funded.', 'recommendations'), 'supportive', 'before a measure a condition endorses');
  t.equal(scorer.score('Provided it is funded, the plan is sensible.').supportive, 1.5);
});

t.test('staff words about another profession are its workforce, not children’s social care’s', async (t) => {
  t.same(themes('The union rejected the proposal that teachers complete more safeguarding training in their own time.'), {});
  t.same(themes('Youth justice practitioners are disappointed by the plan.'), {});
  t.same(themes('We are pleased the staff of children’s homes will keep in touch with care leavers.'), {});
  t.same(themes('We are pleased by the national recruitment and retention programme for foster carers.'), {});
  t.same(themes('Police officers and social workers will share training, which we welcome.'), { workforce: 'supportive' }, 'social work named: the workforce is there');
  t.same(themes('We welcome the training for social workers.'), { workforce: 'supportive' });
});

t.test('a judgement naming no theme judges the one theme its paragraph discusses, and no theme where the paragraph discusses several', async (t) => {
  const oneTheme = 'We welcome the family help pilots in the plan.\n\nBut twelve areas are not a national offer. We are concerned that the plan gives no timetable. Family help that depends on where a family lives is not a promise kept.';
  t.same(themes(oneTheme), { 'early-help': 'mixed' });
  const twoThemes = 'We welcome the family help pilots in the plan.\n\nBut twelve areas are not a national offer. We are concerned that the plan gives no timetable. Family help and the social workers who deliver it both depend on money.';
  t.same(themes(twoThemes), { 'early-help': 'supportive' }, 'the concern is not guessed between two themes');
  const inPassing = 'We welcome the plan to test regional care commissioning. The model sits beside other proposals, such as more kinship care.';
  t.same(themes(inPassing), { kinship: 'neutral' }, 'a theme named in a list of examples is mentioned, not what the paragraph discusses');
});

t.test('how things stand before the measure is problem talk; the speaker’s own account and the measure are judged', async (t) => {
  t.same(themes('We support family help. At the moment, not enough families get early help.'), { 'early-help': 'supportive' });
  t.same(themes('We support family help. Currently, too few families get early help.'), { 'early-help': 'supportive' });
  t.same(themes('At the moment, the plan does not go far enough on early help.'), { 'early-help': 'critical' }, 'the measure named');
  t.same(themes('At present we are deeply worried about social worker caseloads.'), { workforce: 'critical' }, 'the speaker’s own account');
  t.same(themes('At present, social worker caseloads are deeply worrying.'), {}, 'the same worry as how things stand');
});

t.test('what the review’s message was is the review’s demand, not the speaker’s', async (t) => {
  t.equal(stance('The big message of the review was that the system needs to focus on prevention.'), 'neutral');
  t.equal(stance('The review’s central finding is that councils must intervene earlier.'), 'neutral');
  t.equal(stance('Our message is that councils must intervene earlier.'), 'critical', 'the speaker’s own message is its demand');
});

t.test('a demand that the measure be dropped or mended rejects it, whatever the event', async (t) => {
  t.equal(stance('This recommendation should be dropped.', 'recommendations'), 'critical');
  t.equal(stance('We urge ministers to think again.', 'recommendations'), 'critical');
  t.equal(stance('We would urge the government to put that right in its response.', 'recommendations'), 'critical');
  t.equal(stance('The department must scrap the cap on allowances.', 'measure'), 'critical');
  t.equal(stance('We urge the government to adopt this recommendation.', 'recommendations'), 'supportive', 'a demand that it be adopted endorses it');
  t.equal(stance('We urge ministers to fund it in full.', 'recommendations'), 'supportive');
});

t.test('a demand word inside an embedded question is what is asked about, not a demand', async (t) => {
  t.equal(stance('There is no recommendation on how health and family help services should share information.', 'recommendations'), 'neutral');
  t.equal(stance('Councils do not know whether they must pay the allowance.'), 'neutral');
  t.equal(stance('Councils should know how the money will be shared.'), 'critical', 'the demand made, with a question after it');
});

t.test('a right to something is an entitlement; being right to do it is a verdict', async (t) => {
  t.equal(stance('The charity campaigns for a legal right to early support.'), 'neutral');
  t.equal(stance('Every family should have the right to ask for help.'), 'critical', 'a demand, not praise');
  t.equal(stance('Ministers are right to put family help first.'), 'supportive');
});

t.test('concerns heard are concerns met; concerns raised are a complaint', async (t) => {
  t.equal(stance('The fund shows the government has heard our concerns.'), 'neutral');
  t.equal(stance('The department has listened to members’ concerns about agency staff.'), 'neutral');
  t.equal(stance('We have concerns about the cap on agency pay.'), 'critical');
});

t.test('what a measure is presented as is others’ framing; sounding good until one looks is a complaint', async (t) => {
  t.equal(stance('Yet a pilot in ten areas is being presented as a breakthrough.'), 'neutral');
  t.equal(stance('The plan has been hailed as a landmark.'), 'neutral');
  t.equal(stance('The plan is a landmark.'), 'supportive');
  t.equal(stance('It sounds generous until you look at the detail.'), 'critical');
  t.equal(stance('It is a sound plan.'), 'supportive');
  t.equal(stance('The plans say nothing about caseloads.'), 'critical');
  t.equal(stance('The plan declines to limit caseloads.'), 'critical');
  t.equal(stance('Good intentions are not a budget.'), 'critical');
});

t.test('a founder is a person; to founder is to fail', async (t) => {
  t.equal(stance('"This is a good day for kinship families," said the co-founder of the network.'), 'supportive');
  t.equal(stance('Without money, the reform will founder.'), 'critical');
  t.same(themes('We are pleased the plan includes a national fostering recruitment campaign.'), {}, 'fostering recruitment is recruiting foster carers');
});

t.test('praise that only sounds right, backing with nothing, the measure accepting, and hypothetical praise', async (t) => {
  t.equal(stance('£40m sounds generous until you divide it by the number of children.'), 'critical');
  t.equal(stance('£40m is generous.'), 'supportive');
  t.equal(stance('The strategy says the right words about prevention but backs them with nothing.'), 'critical');
  t.equal(stance('The strategy is full of warm words.'), 'critical');
  t.equal(stance('We back the kinship pilots.'), 'supportive');
  t.equal(stance('The plan accepts that caseloads drive social workers away.'), 'neutral');
  t.equal(stance('We accept the case for a cap on agency pay.'), 'supportive');
  t.equal(stance('Unless the government recognises the cost of rural recruitment, posts will stay empty.'), 'critical');
  t.equal(stance('Without a fairer and more generous settlement that recognises London’s costs, the reforms will struggle.'), 'neutral');
  t.equal(stance('The settlement recognises London’s costs.'), 'supportive');
});

t.test('a demand inside a view that is shared or described is not the speaker’s demand', async (t) => {
  t.equal(stance('We share the government’s view that support should reach families before a crisis.'), 'neutral');
  t.equal(stance('Support should reach families before a crisis.'), 'critical');
});

t.test('of recommendations, a cost played down against what is spent now argues that it is affordable', async (t) => {
  t.equal(stance('It is far less than councils spend on agency cover in a single year.', 'recommendations'), 'neutral');
  t.equal(stance('It is a tiny fraction of what the same children would cost in residential care.', 'recommendations'), 'neutral');
  t.equal(stance('It is far less than councils spend on agency cover in a single year.', 'measure'), 'critical', 'of a measure, it is too little');
  t.equal(stance('The £190m is far less than the task needs.', 'recommendations'), 'critical', 'measured against the need, not the spending');
});

t.test('praise deserved, the measure saying or confirming, backs as a noun, and what the review is right about', async (t) => {
  t.equal(stance('One part of the announcement deserves particular praise.'), 'supportive');
  t.equal(stance('Ministers deserved credit for acting.'), 'supportive');
  t.equal(stance('Carers deserve a proper allowance.'), 'critical', 'what people deserve, of a measure that lacks it, is a demand');
  t.equal(stance('The review calls for £2.4bn of investment.', 'recommendations'), 'neutral');
  t.equal(stance('The Department for Education confirmed yesterday that all councils must run a family help service.'), 'neutral');
  t.equal(stance('Councils have worked with one hand tied behind our backs.'), 'neutral');
  t.equal(stance('Councils backs the plan.'), 'supportive');
  t.equal(stance('The review is right that too little goes on support.', 'recommendations'), 'supportive');
  t.equal(stance('Too little goes on support.', 'recommendations'), 'critical');
});

t.test('more than was expected is praise; credit deserved by those who made the measure is praise; a welcome start is both', async (t) => {
  t.equal(stance('The settlement is larger than we expected.'), 'supportive');
  t.equal(stance('The settlement is more generous than the sector feared.'), 'supportive');
  t.equal(stance('The settlement is smaller than we expected.'), 'neutral', 'smaller than expected is no praise');
  t.equal(stance('We expect the settlement to cover the overspend.'), 'critical', 'an expectation stated is a demand');
  t.equal(stance('The Treasury deserves to be taken at its word.'), 'supportive');
  t.equal(stance('Kinship carers deserve better.'), 'critical');
  t.equal(stance('The £41m is a welcome start.'), 'mixed');
  t.equal(stance('The council gave the plan a cautious welcome.'), 'mixed');
});

t.test('optimistic of a costing, agreed as a participle, good or bad, and what could not be supported', async (t) => {
  t.equal(stance('The costings are, to put it kindly, optimistic.'), 'critical');
  t.equal(stance('We are cautiously optimistic about the plan.'), 'supportive');
  t.equal(stance('We need a settlement agreed ahead of the spending review.'), 'critical', 'the demand, not agreement');
  t.equal(stance('We agreed with the review.'), 'supportive');
  t.equal(stance('We would like examples of practice, good or bad.'), 'neutral', 'a request, with no verdict in it');
  t.equal(stance('Without an exemption we could not support the rules.'), 'critical');
  t.equal(stance('But there is a gap at the heart of it.'), 'critical');
});

t.test('hard to welcome, a significant gap, too late as a time, the cheaper way, and pride owed', async (t) => {
  t.equal(stance('What is much harder to welcome is the money.'), 'critical');
  t.equal(stance('It is hard to fault the plan.'), 'supportive', 'the idiom is praise');
  t.equal(stance('The silence on pay is the most significant gap in the plan.'), 'critical');
  t.equal(stance('The plan is the most significant reform in a generation.'), 'supportive');
  t.equal(stance('Every family should get that chance before it is too late.'), 'critical', 'the demand, with no verdict of lateness');
  t.equal(stance('The plan comes too late for many families.'), 'critical');
  t.equal(stance('Making sure every family gets that chance is exactly right.'), 'supportive');
  t.equal(stance('Kinship carers keep children out of care at a fraction of the cost.'), 'neutral');
  t.equal(stance('The grant is a fraction of the overspend.'), 'critical');
  t.equal(stance('The government should be proud of it.'), 'supportive');
  t.equal(stance('The government should be clearer.'), 'critical');
});
