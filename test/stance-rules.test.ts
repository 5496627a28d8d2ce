import t from 'tap';
import { analyse, type Lexicon } from '../src/domain/analyse/index.ts';
import { stanceScorer } from '../src/domain/analyse/stance.ts';
import { readCorpus, seedLexicon } from '../seed/corpus.ts';
import { readStanceCues } from '../seed/lexicon.ts';

// The rules of the clause-level stance judge, one group per structure, each with sentences written for
// the test in the register of press responses to children's social care reform, and the near miss that
// must read differently. The stance is always toward the measure the text reacts to.
const lexicon: Lexicon = seedLexicon(readCorpus(), readStanceCues());
const scorer = stanceScorer(lexicon.cues);
type Event = 'measure' | 'recommendations';
const stance = (text: string, event: Event = 'measure') => scorer.score(text, event).stance;
const cues = (text: string, event: Event = 'measure') => scorer.score(text, event).cues;
/** The cues each clause holds, in order: how the sentence was cut up, as editors see it. */
const clauseCues = (text: string) => scorer.score(text).clauses.map((c) => c.cues);
const themes = (text: string, event: Event = 'measure') =>
  Object.fromEntries(analyse({ text, organisation: { slug: 'x', kind: 'charity' }, event: { slug: 'e', kind: event } }, lexicon).themes.map((f) => [f.theme, f.stance]));

t.test('every turning word: what follows it decides, weak praise before it is conceded', async (t) => {
  // Weak praise and a weak concern weigh the same; only the turn makes the concern decide. Without the
  // turn the sentence would be a tie (mixed), so each word here must be read as a turn.
  t.equal(stance('The plan is sensible and it is slow.'), 'mixed', 'without a turn: a tie of weak signals');
  for (const turn of ['but', 'however', 'yet', 'nevertheless', 'nonetheless', 'albeit']) {
    t.equal(stance(`The plan is sensible, ${turn} it is slow.`), 'critical', `"${turn}" turns`);
    t.same(clauseCues(`The plan is sensible, ${turn} it is slow.`), [['sensible'], ['slow']], `"${turn}" opens a clause`);
  }
  for (const turn of ['by contrast', 'in contrast']) {
    t.equal(stance(`The plan is sensible; ${turn}, the timetable is slow.`), 'critical', `"${turn}" turns`);
  }
  t.equal(stance('The plan is sensible and helpful, but it is slow.'), 'critical', 'two weak judgements before the turn are conceded too');
  t.equal(stance('Delivery has been slow and patchy, but the new plan is sensible.'), 'supportive', 'weak concerns before a turn are conceded as well');
  t.equal(stance('This is a first step, but it is slow.'), 'mixed', 'a reservation before a turn is explicit and stands');
  t.equal(stance('Ministers must go further, but the plan is welcome.'), 'mixed', 'a demand before a turn is explicit and stands');
  t.equal(stance('We are not opposed to the plan, but it is slow.'), 'critical', 'a negated criticism is weak, so it is conceded');
  t.same(clauseCues('We welcome the plan, but the funding is thin, and councils are worried.'), [['welcome'], ['thin', 'worried']], 'a turn runs past a comma to the end');
});

t.test('every conceding word: a weak concession counts half', async (t) => {
  // "While helpful, …": what is conceded counts half of what the main clause says, so the main clause
  // decides between two weak judgements. Mid-sentence the same words turn the sentence.
  for (const concede of ['While', 'Whilst', 'Although', 'Though', 'Despite being']) {
    t.equal(stance(`${concede} sensible, the plan is slow.`), 'critical', `"${concede}" opens a concession`);
    t.same(clauseCues(`${concede} sensible, the plan is slow.`), [['sensible'], ['slow']], `"${concede}" runs to its comma`);
  }
  t.equal(stance('Although the aims of the new plan are sensible, it is slow.'), 'critical', 'a long concession that opens the sentence');
  t.equal(stance('“Although the aims of the new plan are sensible, it is slow.”'), 'critical', 'after an opening quotation mark');
  t.equal(stance(' Although the aims of the new plan are sensible, it is slow.'), 'critical', 'after a space left by pasting');
  for (const concede of ['though', 'while', 'although', 'whilst']) {
    t.equal(stance(`The plan is sensible, ${concede} the timetable for kinship allowances is slow.`), 'critical', `mid-sentence "${concede}" turns`);
  }
  t.equal(stance('The plan is sensible, though the timetable for kinship allowances is slow, as councils have said.'), 'critical', 'a long clause with a comma later is a turn, not an aside');
  t.same(clauseCues('The plan is sensible, though the timetable for kinship allowances is slow, and councils are worried.'), [['sensible'], ['slow', 'worried']], 'a mid-sentence turn does not stop at its comma');
  t.same(clauseCues('Funding, though welcome, is slow to arrive.'), [[], ['welcome'], ['slow']], 'a short aside is a concession wherever it stands');
});

t.test('"as … as" and "welcome as it is": a concession by its shape', async (t) => {
  // The adjective varies; the shape concedes it. A weak one conceded loses to the main clause.
  t.equal(stance('As sensible as the plan is, it is slow.'), 'critical');
  t.equal(stance('“As sensible as the plan is, it is slow.”'), 'critical', 'after an opening quotation mark');
  t.equal(stance('As  sensible  as the plan is, it is slow.'), 'critical', 'doubled spaces');
  t.equal(stance('Sensible as it is, the plan is slow.'), 'critical');
  t.equal(stance('Sensible  as  it  is, the plan is slow.'), 'critical', 'doubled spaces');
  t.equal(stance('Sensible as it is , the plan is slow.'), 'critical', 'a space before the comma');
  t.equal(stance('Sensible as they are, the measures are slow.'), 'critical');
  t.equal(stance('Sensible as this may be, the plan is slow.'), 'critical');
  t.same(clauseCues('Ideas such as kinship allowances are sensible, and councils will welcome them.'), [['sensible', 'welcome']], '"such as" is no concession');
  t.same(clauseCues('Early help is as important as ever, and the plan is sensible.'), [['important', 'sensible']], '"as … as" mid-sentence is a comparison');
  t.same(clauseCues('The money, welcome as it is, will not go far enough.'), [[], ['welcome'], ['not go far enough']], 'mid-sentence "welcome as it is,"');
});

t.test('conditions run to their comma; a condition after a welcome is a demand', async (t) => {
  // The condition is one clause: what follows its comma is judged on its own, in order.
  t.same(cues('The caps are positive, provided that councils have time, and carers will welcome them.'), ['positive', 'condition: provided that', 'welcome']);
  t.same(cues('It will only work if it is funded, and councils welcome it.'), ['condition: only … if', 'welcome']);
  t.same(cues('Provided that it is funded, the plan is sensible, but it is slow.'), ['condition: provided that', 'sensible', 'slow'], 'a condition that opens the sentence, before a turn');
  t.same(cues('Provided councils are funded, the plan will only work if carers are trained.'), ['condition: provided', 'condition: only … if'], 'two conditions');
  t.same(cues('Family hubs will only succeed if they are funded, but the plan is sensible.'), ['condition: only … if', 'sensible'], '"only … if" before a turn');
  t.equal(stance('The plan is sensible but will only work if it is funded.'), 'mixed', 'a weak welcome with a condition after the turn');
  t.equal(stance('The caps are positive, provided that councils have time.', 'recommendations'), 'supportive', 'a condition on recommendations endorses them');
});

t.test('clauses end at semicolons, colons and dashes', async (t) => {
  // "Whether" makes what follows it in its clause hypothetical; a new clause after the punctuation is said outright.
  for (const mark of [';', ':', ' –', ' —', ' -']) {
    t.equal(stance(`Councils will ask whether the money lasts${mark} the plan itself is sensible.`), 'supportive', `"${mark.trim()}" ends the clause`);
  }
  t.equal(stance('Councils will ask whether the money lasts and the plan itself is sensible.'), 'neutral', 'praise in the same clause as "whether" is hypothetical');
  t.equal(stance('Councils will ask whether the money lasts -- the plan itself is sensible.'), 'neutral', 'a double hyphen is no dash');
  t.equal(stance('Councils will ask whether the well-funded plan is sensible.'), 'neutral', 'a hyphen inside a word is no dash');
  t.same(clauseCues('We welcome it; the funding is thin, and carers are worried.'), [['welcome'], ['thin', 'worried']], 'a clause after a semicolon runs past a comma');
  t.equal(stance('The plan is sensible; it is slow.'), 'mixed', 'without a turn, two clauses weigh the same');
  t.equal(stance('Councils will ask whether the plan is too slow.'), 'critical', 'a concern under "whether" is still a concern');
});

t.test('the clauses tile the sentence', async (t) => {
  // Themes take the judgement of the clause they are in: the clauses must cover the sentence, in order, without gaps or empty clauses.
  for (const text of [
    'However, the plan is slow.',
    'Although sensible, the plan is slow.',
    'The money, welcome as it is, will not go far enough.',
    'It will only work if it is funded, and councils welcome it.',
    'We welcome the plan, but it is slow; councils are struggling – and carers are worried.',
    '“As sensible as the plan is, it is slow.”',
    'Although sensible the plan is slow.',
  ]) {
    const clauses = scorer.score(text).clauses;
    t.equal(clauses[0]?.start, 0, `starts at the start: ${text}`);
    t.equal(clauses.at(-1)?.end, text.length, `ends at the end: ${text}`);
    const broken = clauses.filter((c, i) => c.end <= c.start || (i > 0 && c.start !== clauses[i - 1]?.end));
    t.same(broken, [], `contiguous and not empty: ${text}`);
  }
  t.same(clauseCues('However, the plan is slow.'), [['slow']], 'a turn at the start opens the only clause');
});

t.test('problem talk after a turn against a welcome is the reservation', async (t) => {
  // "Welcome, but councils are struggling": the problem is held against the welcome. Elsewhere it judges nothing.
  t.same(cues('We welcome the plan, but it is slow; councils are struggling.'), ['welcome', 'slow', 'but: struggling'], 'every clause after the turn');
  t.same(cues('We welcome the plan; councils are struggling.'), ['welcome'], 'no turn: the problem judges nothing');
  t.same(cues('The plan is welcome, but unless the money follows, councils will struggle.'), ['welcome', 'condition: unless', 'but: struggle'], 'after a condition inside the turn');
  t.same(cues('We welcome the plan, but it is slow to tackle the crisis.'), ['welcome', 'slow'], 'a clause that judges is not read from its problem words');
  t.same(cues('The plan is welcome, but it is a sensible answer to the crisis.'), ['welcome', 'sensible'], 'nor one that praises');
  t.equal(stance('The plan is welcome, but it is a sensible answer to the crisis.'), 'supportive');
  t.same(cues('With councils in crisis, the plan is sensible, but the details will follow in the spring.'), ['sensible'], 'the problem before the turn is not read into a clause without one');
  t.equal(stance('With councils in crisis, the plan is sensible, but the details will follow in the spring.'), 'supportive');
  const unturned = scorer.score('Councils are overspending, but the crisis is deepening.');
  t.equal(unturned.stance, 'neutral', 'no welcome to turn against');
  t.same(unturned.cues, []);
  t.equal(unturned.problemTalk, true);
  t.equal(scorer.score('Councils are overspending; the plan is welcome.').problemTalk, false, 'a sentence that judges is not problem talk');
});

t.test('reservations: praise and complaint at once, in their own clause', async (t) => {
  // A reservation is explicit: it stands before a turn, and it belongs to the clause it is in.
  t.same(cues('This is a first step; the details follow in the spring.'), ['reservation: a first step']);
  t.equal(stance('This is a first step; the details follow in the spring.'), 'mixed');
  t.same(clauseCues('Kinship allowances are long overdue, but the plan is welcome.'), [['reservation: long overdue'], ['welcome']]);
});

t.test('after a turn, a demand or a condition keeps the welcome; a criticism concedes it', async (t) => {
  // "Sensible, but ministers should fund it": a welcome with a demand is mixed, however weak the welcome. The
  // welcome is kept only when everything after the turn is a demand or a condition, and something is demanded.
  t.equal(stance('The guidance is sensible, but ministers should fund it.'), 'mixed');
  t.equal(stance('The guidance is sensible, but ministers should fund it; the consultation closes in March.'), 'mixed', 'a clause without cues after it changes nothing');
  t.equal(stance('The plan is sensible, but it is slow; ministers should act.'), 'critical', 'a criticism after the turn concedes the weak welcome');
  t.equal(stance('The plan is sensible, but it is slow and ministers should act faster.'), 'critical', 'a criticism with the demand, in the same clause');
  t.equal(stance('Delivery has been slow, but ministers should act.'), 'critical', 'nothing welcomed before the turn: nothing kept');
  t.equal(stance('Delivery has been slow; the plan is sensible, but the consultation closes in March.'), 'mixed', 'nothing after the turn: a tie of weak signals');
  t.equal(stance('The recommendations are sensible, but ministers must act on them.', 'recommendations'), 'supportive', 'a demand for recommendations is support');
});

t.test('demands: their weight, and the praise inside them', async (t) => {
  // A demand weighs at least a condition's weight, an explicit one (we urge, must) as much as an explicit welcome.
  t.equal(stance('The plan is sensible; ministers should fund it in full.'), 'critical', 'a soft demand outweighs weak praise');
  t.equal(stance('The plan is sensible; ministers should fund it in full.', 'recommendations'), 'supportive');
  t.equal(stance('We welcome the plan and are pleased that it is ambitious; we urge ministers to fund it.'), 'mixed', 'an explicit demand still argues against two explicit welcomes');
  t.same(cues('Ministers must act now to protect these valuable services.'), ['demand: must'], 'weak praise inside a demand argues for it');
  t.same(cues('Ministers must act on the funding gap.'), ['funding gap', 'demand: must'], 'a weak concern inside a demand still counts');
  t.same(cues('We welcome the plan and urge ministers to fund it in full.'), ['welcome', 'demand: urge'], 'an explicit welcome beside a demand is a welcome');
  t.equal(stance('We welcome the plan and urge ministers to fund it in full.'), 'mixed');
  t.same(cues('The plan is sensible and ministers should fund it.'), ['demand: should'], 'weak praise before the demand in its clause argues for it');
});

t.test('what is not a demand made now: predictions, descriptions, the measure’s own words', async (t) => {
  // The subject is not "this" here, which is read as a reference ("this need").
  t.same(cues('The plan should help thousands of families.'), [], 'a prediction');
  t.same(cues('The plan should  help thousands of families.'), [], 'a prediction with doubled spaces');
  t.same(cues('The plan should really help families.'), [], 'with an adverb');
  t.same(cues('The plan should really  help families.'), [], 'with an adverb and doubled spaces');
  t.same(cues('The plan should make a difference to families.'), [], 'make a difference');
  t.same(cues('The plan should make a real difference to families.'), ['real difference'], 'make a real difference: praise, no demand');
  t.same(cues('The plan should make a  real difference to families.'), ['real difference'], 'doubled spaces');
  t.same(cues('The plan should make a case for more money.'), ['demand: should'], 'make without a difference');
  t.same(cues('The strategy highlights the  need to overhaul placements.'), [], 'a noun, with doubled spaces');
  t.same(cues('Councils need the  help they deserve.'), [], 'a relative clause, with doubled spaces');
  t.same(cues('It is the help that they deserve.'), [], '"that" in the relative clause');
  t.same(cues('It is the help that  they deserve.'), []);
  t.same(cues('It is the help which they deserve.'), [], '"which" in the relative clause');
  t.same(cues('It is the help which  they deserve.'), []);
  t.same(cues('Agency staff cost more than  they should.'), [], 'a comparison, with doubled spaces');
  t.same(cues('Agency staff cost more than they  should.'), []);
  t.same(cues('The help children get varies, so ministers must act.'), ['demand: must'], 'a demand after a noun and its verb');
  t.same(cues('Agency costs are higher than they were, and ministers must act.'), ['demand: must'], 'a demand after a comparison');
  t.same(cues('These are rules that  should keep the same worker with a child.'), [], 'what the measure will do, with doubled spaces');
  t.same(cues('We know that ministers should fund it.'), ['demand: should'], 'a soft demand after "that" further back');
  t.same(cues('This is a reform that must be funded in full.'), ['demand: must'], 'an explicit demand after "that" is a demand');
  t.same(cues('The report says prevention matters, but we urge ministers to fund it.'), ['demand: urge'], 'the measure’s words are in another clause');
  t.same(cues('We urge ministers to fund it, as the review recommends.'), ['demand: urge'], 'the measure’s words after the demand');
  for (const source of ['plan says', 'proposal says', 'report  says', 'ministers say', 'plans state', 'ministers argue', 'proposals recommend', 'plans note', 'plans set out', 'ministers make clear']) {
    t.same(cues(`The ${source} that councils must act.`), [], `"the ${source}": the measure's own demand`);
  }
});

t.test('negation: how far it reaches', async (t) => {
  // A negation turns the first judgement within three words; a negated subject ("nobody") reaches across its clause.
  t.equal(stance('We are not in any way reassured.'), 'critical', 'three words between');
  t.equal(stance('We never expected ministers to put forward such a welcome package.'), 'supportive', 'too far to reach');
  t.equal(stance('We are not reassured by the plan, and councils share our concern.'), 'critical', 'a comma elsewhere does not stop it');
  t.equal(stance('Councils are pleased but not reassured.'), 'mixed', 'a judgement before the negation does not stop it');
  t.equal(stance('Nobody could object to a plan that councils have welcomed.'), 'supportive', 'only the first judgement after it');
  t.equal(stance('We welcome the plan and have no concerns.'), 'supportive', 'a judgement before a negation is not negated');
  t.same(cues('No one working in children’s services will be reassured.'), ['not reassured'], '"no one" as the subject');
  t.same(cues('Nothing ministers announced today has left councils reassured.'), ['not reassured'], '"nothing" as the subject');
  t.same(cues('Neither of the measures announced today is welcome.'), ['not welcome'], '"neither" as the subject');
  for (const few of ['Few could', 'Few would', 'Few will']) {
    t.same(cues(`${few} call the new kinship allowance a mistake.`), ['not a mistake'], `"${few}" reaches`);
  }
  t.same(cues('Nobody who has read the plan this week in any council will be reassured.'), ['not reassured'], 'a negated subject reaches twelve words');
});

t.test('negated criticism is weak support; negated praise is criticism at full weight', async (t) => {
  // "Not generous" is as strong as "generous"; "not opposed" is only a weak signal of support.
  t.equal(stance('The plan is sensible; the funding is not generous.'), 'critical', 'negated praise keeps its weight');
  t.same(cues('We are not opposed to the plan.'), ['not opposed']);
  t.equal(stance('We are not opposed to the plan, but it is slow.'), 'critical', 'negated criticism is no stronger than a weak signal');
});

t.test('two negations cancel only when they are next to each other', async (t) => {
  // "Not without merit" is praise; two negations in different places each turn their own judgement.
  t.equal(stance('The proposals are not entirely without merit.'), 'supportive', 'one word between');
  t.equal(stance('Councils are not reassured and will never accept it.'), 'critical', 'two separate negations each negate');
});

t.test('figures argued with: the shapes that count', async (t) => {
  // The amount and what it is measured against vary; these shapes, as pasted, must still be recognised.
  t.same(cues('£45m is a fraction of what councils need.'), ['less than asked'], '"need" as the measure of the ask');
  t.same(cues('The grant is less than 15% of the total.'), ['a small share'], 'a two-digit share');
  t.same(cues('The uplift is less than 0.25% of the total.'), ['a small share'], 'a share with two decimals');
  t.same(cues('Only  £45m has been set aside.'), ['only …'], 'doubled spaces');
  t.same(cues('Just £ 45m has been set aside.'), ['only …'], 'a space after the pound sign');
  for (const adverb of ['absolutely', 'exactly', 'surely', 'broadly']) {
    t.same(cues(`It is ${adverb}  the right model.`), ['the right …'], `"${adverb}" with doubled spaces`);
  }
  t.same(cues('It is the  right model.'), ['the right …']);
  t.same(cues('The reforms will get family help right.'), ['got … right'], '"get … right"');
  t.same(cues('It is the biggest investment in  a decade.'), ['best in years'], 'doubled spaces after "in"');
  t.same(cues('It is the biggest investment for over  a decade.'), ['best in years'], 'doubled spaces after "over"');
  t.same(cues('It is the biggest investment for more than  a decade.'), ['best in years'], 'doubled spaces after "more than"');
});

t.test('each structure is credited to the clause it is in', async (t) => {
  // A theme takes the judgement of its clause, so the figure must land where it was said.
  t.same(clauseCues('We welcome the plan, but just £45m has been set aside.'), [['welcome'], ['only …']]);
  t.same(clauseCues('Family hubs are welcome, but kinship carers have been let down.'), [['welcome'], ['let down']]);
  t.same(themes('Family hubs are welcome; kinship carers have been let down.'), { 'early-help': 'supportive', kinship: 'critical' });
});

t.test('cues as editors enter them: surrounding spaces do not matter', async (t) => {
  // The lexicon is data: a phrase typed with a stray space works as the phrase.
  const own = stanceScorer([
    { phrase: ' welcome ', kind: 'supportive', weight: 2 },
    { phrase: ' should ', kind: 'demand', weight: 1 },
    { phrase: ' not ', kind: 'negation', weight: 1 },
  ]);
  t.same(own.score('We welcome the plan.').cues, ['welcome']);
  t.equal(own.score('We do not welcome the plan.').stance, 'critical');
  t.same(own.score('These are rules that should keep the same worker with a child.').cues, [], 'a soft demand after "that" describes');
  t.same(own.score('Ministers should keep the same worker with a child.').cues, ['demand: should']);
});

t.test('a phrase an editor lists under two kinds keeps its stronger reading', async (t) => {
  // Editors add cues through the API, one row per phrase and kind: a second row must not change what the first one does.
  const withRow = (phrase: string, kind: 'critical' | 'problem') => stanceScorer([...lexicon.cues, { phrase, kind, weight: kind === 'problem' ? 1 : 2 }]);
  const overdue = withRow('long overdue', 'critical').score('A national kinship strategy is long overdue.');
  t.same(overdue.cues, ['reservation: long overdue'], 'a reservation is not also counted as a judgement');
  t.equal(overdue.stance, 'mixed');
  const underfunded = withRow('underfunded', 'problem').score('The plan is sensible; family hubs are underfunded.');
  t.same(underfunded.cues, ['sensible', 'underfunded']);
  t.equal(underfunded.stance, 'critical', 'the judgement keeps its weight');
});
