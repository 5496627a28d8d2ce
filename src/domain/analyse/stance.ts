import type { Stance } from '../stance.ts';
import { cueMatcher, type CueMatch, type EventKind, type StanceCue } from './lexicon.ts';

/** One clause's judgement: offsets are into the sentence. */
export interface ClauseStance {
  start: number;
  end: number;
  supportive: number;
  critical: number;
  cues: string[];
  /** It holds an explicit judgement (a cue of weight 2 or more, a demand or a reservation), not only weak signals. */
  explicit: boolean;
}

export interface SentenceStance {
  stance: Stance;
  supportive: number;
  critical: number;
  /** The cues that decided it, for editors checking the analysis ("not welcome", "demand: urge"). */
  cues: string[];
  /** The sentence's clauses with their own weights, so that each theme takes the judgement of the clause it is in. */
  clauses: ClauseStance[];
  /** It describes the problem (a crisis, an overspend, too many children in care) and judges nothing. */
  problemTalk: boolean;
}

export interface StanceScorer {
  score(sentence: string, eventKind?: EventKind): SentenceStance;
}

// Markers after which the sentence turns ("we welcome X, but Y"): what follows weighs more, what came before less.
const TURNING = new Set(['but', 'however', 'yet', 'nevertheless', 'nonetheless', 'albeit', 'by contrast', 'in contrast']);
// Markers that open a concession when they open the sentence ("while helpful, it falls short"): the conceded clause, up to
// its comma, weighs less. In the middle of a sentence they turn it ("X is promising, though Y").
const CONCEDING = new Set(['while', 'whilst', 'although', 'though', 'despite']);
// "As positive as the reforms are, …", "welcome as it is, …": a concession whatever the adjective, which still judges.
const AS_ADJ_AS = /^[\s"“‘'(]*as\s+[\p{L}-]+\s+as\b|\b[\p{L}-]+\s+as\s+(?:it|they|this|that)\s+(?:is|are|was|were|may be|might be)\s*,/u;
// Markers that open a condition ("positive, provided that …"): the condition is a demand on the measure.
const CONDITIONS = ['provided that', 'providing that', 'provided', 'as long as', 'so long as', 'only if', 'on condition that', 'unless'];
const findConditions = cueMatcher(CONDITIONS);
const PARTICIPLE_AFTER = /^\s*(?:[,.;:)]|(?:by|for|to|in|under|through|so far|already|today)\b)/u;
const ONLY_IF = /\bonly\s+(?:[\p{L}'’-]+\s+){1,4}if\b/gu;

// How much a clause counts by its place: before a turn it is conceded, after it decides; a concession counts half.
const BEFORE_TURN = 0.5;
const AFTER_TURN = 1.5;
const CONCEDED = 0.5;
// A reservation ("a first step", "long overdue") is praise and complaint at once: this much each way.
const RESERVATION = 1.5;
// A negated criticism ("we are not opposed to") is support, but never more than a weak signal.
const NEGATED_CRITICISM = 1;
// A condition on a welcome ("provided that it is funded") is a demand of this weight; no demand weighs less.
const CONDITION = 1.5;
// What the turn of a sentence against its own welcome counts for when it has no judgement words of its own ("but councils lack the money").
const INFERRED_TURN = 1.5;

/**
 * The comparisons that judge a figure by what it is set against: less than what was asked for is
 * criticism of the measure, more than was hoped for is praise. Structures, not words: the amount
 * and what it is measured against vary.
 */
const FALLS_SHORT_OF_ASK =
  /\b(?:less than|a fraction of|a (?:tenth|quarter|third|fifth) of|half of|a small part of|nowhere near|well short of|short of)\b[^.;]{0,80}?\b(?:need(?:ed|s)?|asked|called for|recommended|required|costed|sought|requested|estimated|warned|said was)\b/iu;
const BEYOND_HOPE =
  /\b(?:more|better|larger|bigger|greater|higher|faster|sooner|further|earlier|stronger|wider|broader|bolder)\s+(?:[\p{L}-]+\s+)?than\b[^.;]{0,40}?\b(?:hoped|expected|dared|asked for|anticipated|feared)\b/iu;
// A small share of a whole ("less than 7% of that", "barely a tenth", "a fraction of that"): the amount judged too small.
const SMALL_SHARE =
  /\b(?:less than|under|barely|only|just|little more than)\s+(?:\d+(?:\.\d+)?\s?(?:%|per ?cent)|a (?:tenth|quarter|third|fifth|fraction|small fraction|sliver))(?![\p{L}\p{N}])|\ba (?:small |tiny )?fraction of\b/iu;
// A superlative over a span of years ("the largest investment in prevention for over a decade", "the most significant in a generation"): praise.
// An amount played down ("just £200m", "only £45m", "a mere 500 places"): the measure judged too small.
const MINIMISED = /\b(?:only|just|merely|a mere|a paltry)\s+(?:[£$€]\s?)?\d/iu;
// "… is the right call", "… are the right priorities": whatever the noun, the measure judged right.
const RIGHT_NOUN = /\b(?:is|are|was|were|be|seems|looks)\s+(?:absolutely\s+|exactly\s+|surely\s+|broadly\s+)?the\s+right\s+[\p{L}-]+/u;
// Let down with its object between ("ministers have let kinship families down"): a complaint.
const LET_DOWN = /\blet\s+(?:[\p{L}'’-]+\s+){1,4}down\b/iu;
// Got right with its object between ("this strategy gets early help right"): praise.
const GOT_RIGHT = /\b(?:gets?|got|getting|has got)\s+(?:[\p{L}'’-]+\s+){1,4}right\b/iu;
// The speaker supporting, whoever speaks for it ("we support", "directors support placing …", "the association strongly supports").
const SPEAKER_SUPPORTS =
  /\b(?:we|directors|members|our members|councils|leaders|the (?:association|network|college|society|group|alliance|charity|council|federation|union|institute|trust|forum|partnership|coalition))\s+(?:strongly\s+|fully\s+|broadly\s+|also\s+|warmly\s+|wholeheartedly\s+)?supports?\s+(?!for\b)/u;
const BEST_IN_YEARS = /\b(?:largest|biggest|greatest|most significant|most ambitious|most important)\b[^.;]{0,80}?\b(?:in|for|since)\s+(?:over\s+|more than\s+)?(?:a|two|three|\d+|many)?\s*(?:decades?|generations?|years|records began)\b/iu;

/**
 * A demand word used as a noun or told as history is not a demand made now: "the need to", "our
 * calls for", "had led calls for", "we have previously called on".
 */
const REFERRED_TO = /\b(?:the|a|an|its|their|our|his|her|this|these|those|previously|had|led|earlier|past|repeated|growing)\s+$/u;

/** A short aside after a conceding word ('the funding, "while helpful", fell short'): a concession wherever it stands. */
const PARENTHETICAL = /^[^,;:"”’]{0,25}[,"”’]/u;

/**
 * A demand word inside a description, not a demand: a relative clause on a noun ("the recognition they
 * deserve", "the help families need", "what every child in care deserves") or a comparison ("costs far more than it should"); a soft one
 * after "that" or "which" describes what the measure will do ("rules that should keep the same worker").
 */
const DESCRIBED =
  /\bthe\s+[\p{L}'’-]+\s+(?:that\s+|which\s+)?(?:they|it|we|you|he|she|families|children|carers|councils)\s+$|\b(?:is|are)\s+(?:exactly\s+|precisely\s+)?how\s+(?:[\p{L}'’-]+\s+){1,4}$|\bwhat\s+(?:every\s+|all\s+|each\s+|our\s+|these\s+)?(?:child|children|family|families|carers?|councils?|parents?|young people|social workers?)(?:\s+in care)?\s+$|\bthan\s+(?:it|they|we|you|he|she|this|that)\s+$/u;

// Who speaks for the measure, or puts it forward: its document, its authors, the government.
const MEASURE_VOICE = String.raw`(?:report|review|strategy|plans?|proposals?|consultation|government|department(?: for education)?|ministers?|commission|inquiry|bill|white paper|guidance|framework|ofsted|dfe|treasury)`;

/** The measure's own words reported ("the report says prevention must come first"): its demand, not the speaker's. */
const MEASURE_SAYS = new RegExp(
  String.raw`\b${MEASURE_VOICE}\s+(?:(?:is|are|has|have|now|also|yesterday|today)\s+)*(?:says?|said|saying|states?|stated|argues?|argued|recommends?|recommended|suggests?|proposes?|notes?|sets? out|makes? clear|making clear|acknowledge[sd]?|accept(?:s|ed)?|confirm(?:s|ed)?|announce[sd]?|requires?|required|expects?|expected|insists?|insisted|wants?|calls? for|called for|urges?|urged|asks? for|asked for)\b|\b(?:message|conclusions?|findings?|argument|case|premise|thrust|vision)\s+of\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,3}(?:report|review|strategy|plans?|commission)\s+(?:was|is)\s+that\b|\b(?:report|review|strategy|commission)['’]s\s+(?:[\p{L}-]+\s+)?(?:message|conclusions?|findings?|argument|case|premise)\s+(?:was|is)\s+that\b`,
  'u',
);

/**
 * A demand the speaker made before and tells as history, usually one now met: "exactly what we asked for", "one we
 * have long called for", "we have been calling for", "our members have argued for years that carers should …".
 */
const ASKED_BEFORE =
  /\b(?:what|one|which|something|everything)\s+(?:(?:we|they|our\s+[\p{L}-]+|members|councils)\s+(?:[\p{L}'’-]+\s+){0,2})?$|\b(?:have|has|had)\s+(?:long\s+|always\s+|consistently\s+|repeatedly\s+)?been\s+$|\b(?:have|has|had)\s+(?:long|always|consistently|for years)\s+$|\b(?:have|has|had)\s+(?:long\s+|always\s+|consistently\s+)?(?:argued|said|maintained|campaigned|pressed|called)\b(?:\s+(?:for|since|over|throughout)\s+[\p{L}\p{N} ]{1,24}?)?\s+that\b[^;:]*$/u;
// The past form of a demand verb ("asked", "called", "urged"): told, not made now.
const PAST_DEMAND = /\p{L}(?:ed|ing)\b/u;

/** "Should" or "will need to" that predicts a good outcome ("this should help families", "it should make a real difference"): not a demand. */
const PREDICTS =
  /^\s+(?:\w+\s+)?(?:help|make a(?:\s+\w+)? difference|make (?:it|things|life|work) (?:easier|simpler|better)|change|mean|improve|reduce|lead|allow|enable|benefit|go some way|strengthen|boost|raise|result)\b/u;

/** What a measure is to avoid or prevent ("to avoid the far larger cost of failure later"): the aim, not a judgement of the measure. */
const AVOIDED = /\b(?:avoid|avoids|avoiding|prevent|prevents|preventing|avert|averting|head off|ward off)\b[^,;:]{0,50}$/u;

/**
 * "Concerns about significant harm", "safeguarding concerns": the profession's term for a risk to a child, not a judgement;
 * "we share the review's concern": someone else's, agreed with.
 */
const HARM_CONCERN_AFTER = /^s?\s+(?:about|over|for)\s+(?:[\p{L}'’-]+\s+){0,2}(?:harm|abuse|neglect|safety|welfare|wellbeing)\b/u;
const HARM_CONCERN_BEFORE = /\b(?:safeguarding|child protection|welfare)\s+$|\b(?:pass(?:ing)? on|rais(?:e|es|ing)|report(?:s|ing)?|act(?:s|ing)? on)\s+(?:a|any|their|the|such)\s+$|\bshared?\s+(?:the\s+)?(?:[\p{L}-]+['’]s\s+|their\s+|its\s+|these\s+)$/u;

/** A clause whose subject is the review (before the measure): praising it is not praising the measure that answers it. */
const REVIEW_SUBJECT = /^[\s"“‘'(]*(?:(?:and|but|so)\s+)?(?:the\s+)?(?:independent\s+|original\s+|care\s+)?review(?:['’]s\s+[\p{L}-]+)?\s/u;

/**
 * Others' verdicts reported ("several charities have said the sum falls short", "critics argue …", "the department describes
 * the settlement as 'the largest investment in a decade'") and the experiences families tell ("many told us the thing that
 * hurt most was …"): theirs, not the speaker's verdict on the measure.
 */
const OTHERS_SAY =
  /\b(?:department|government|ministers?|treasury|dfe|secretary of state)(?:['’]s)?\b[^.;]{0,40}\b(?:describes?|described|calls?|called|hails?|hailed|bills?|billed|touts?|touted)\b[^.;]{0,40}?\bas\b|\b(?:which|that)\s+(?:it|they|ministers|the government|the department|the treasury)\s+(?:describes?|described|calls?|called|hails?|hailed|bills?|billed)\s+as\b|\b(?:the\s+)?(?:department|government|ministers?|treasury|dfe|secretary of state|minister)\s+(?:says?|said|claims?|claimed|insists?|insisted|boasts?|boasted|believes?)\b|\b(?:(?:several|many|some|other|a number of)\s+(?:[\p{L}-]+\s+)?(?:charities|organisations|campaigners|experts|commentators|groups|critics|economists|observers)|critics|campaigners|commentators|opponents|others|some)\s+(?:have\s+|had\s+)?(?:already\s+|also\s+)?(?:said|say|says|warned|warn|argued|argue|claimed|claim|suggested|complained|described)\b|\b(?:many|some|young people|children|families|parents|care leavers)\s+(?:have\s+|had\s+)?(?:often\s+|repeatedly\s+)?told us\b|\b(?:is|are|was|were|being|been)\s+(?:being\s+)?(?:presented|billed|hailed|touted|heralded|sold|trumpeted|branded|marketed|spun)\s+as\b/u;

/** "Would need" or "will need" before an amount is an estimate ("the boroughs would need 1,400 more practitioners"), not a demand. */
const ESTIMATE = /^\s+(?:(?:more than|over|at least|around|about|nearly|almost|another|an extra|an additional|some)\s+)?(?:[£$€]\s?)?\d/u;

/** The speaker's own aside ("we have to be frank about the money", "we must be honest"): how it speaks, not a demand. */
const ASIDE = /^\s+(?:be\s+(?:frank|honest|clear|candid|realistic|blunt|plain|careful)|say|admit|point out|recognise|acknowledge|remember|stress|emphasise|add)\b/u;

/** A risk as the state a child is in ("children at real risk", "labelled as a risk"): problem talk, not a judgement of the measure. */
const RISK_STATE = /\b(?:at|as a)\s+(?:[\p{L}-]+\s+)?$/u;

/** What follows the adjective of "it is good that …", "it is helpful to see …": the frame of a verdict. */
const VERDICT_AFTER = /^(?:,\s*(?:too|also|then),)?\s+(?:that|to see|to hear|to read)\b/u;

const AS_PROPOSED =
  /\bas (?:proposed|planned|set out|the (?:consultation|strategy|plan|plans|bill|government|department|review) (?:proposes|proposed|plans|sets out|set out|recommends))\b|\b(?:should|must|needs? to)\s+(?:now\s+)?(?:go ahead|proceed|press ahead|be implemented|come into force|be adopted|be taken forward)\b/u;

/**
 * A demand that the measure be undone or mended ("this recommendation should be dropped", "we urge ministers to think again",
 * "we would urge the government to put that right"): a rejection of it, whatever the event.
 */
const UNDONE =
  /^\s+(?:[\p{L}'’-]+\s+){0,4}?(?:(?:be|being)\s+(?:dropped|scrapped|withdrawn|abandoned|shelved|rethought|reconsidered|reversed|paused|halted|put on hold)\b|(?:drop|scrap|withdraw|abandon|shelve|rethink|reconsider|pause|halt)\s+(?:it|this|that|these|those|the|its|their)\b|think again\b|put (?:it|this|that|these|those|things) right\b|go back to the drawing board\b)/u;

/**
 * A demand word inside an embedded question ("there is no recommendation on how the services should share information",
 * "it is unclear whether councils must …"): what is asked about, not a demand made.
 */
const ASKED_ABOUT = /\b(?:on|about|of|over|as to|decide|know|clear|unclear|explain|set out|says?|said|consider|considering)\s+(?:how|whether|when|where|who|which)\s+(?:[\p{L}'’-]+\s+){0,6}$/u;

/** "The right to …" after a determiner or an adjective is an entitlement ("a legal right to early support"), not a verdict. */
const RIGHT_AS_NOUN = /\b(?:a|an|the|no|any|every|their|its|our|his|her|legal|statutory|new|universal|equal|same|automatic|enforceable|basic|fundamental)\s+$/u;

/** Concerns heard or acted on ("the fund shows the government has heard our concerns"): a concern met, not one raised. */
const CONCERNS_MET =
  /\b(?:heard|listened to|listening to|acted on|responded to|addressed|answered|met|taken on board|took on board)\s+(?:our|these|those|the|their|members['’]?|many of our|some of our)\s+(?:[\p{L}'’-]+\s+)?$/u;

/**
 * Of recommendations, a cost played down against what is spent now ("it is far less than councils spend on agency cover",
 * "a tiny fraction of what the same children would cost in care") argues that the recommendation is affordable: not criticism.
 */
const AGAINST_SPENDING = /\b(?:than|of|against)\s+(?:what\s+)?(?:[\p{L}'’-]+\s+){0,5}?(?:spend|spends|spent|pay|pays|paid|costs?|would cost|is costing)\b/u;
const PLAYED_DOWN = /^(?:far less|barely|modest|mere|merely|tiny|little more than|pales|dwarf)/u;

/** The measure judged right by the speaker: what follows is the content agreed with ("the review is right that too little goes on support"). */
const AGREED_CONTENT = /\b(?:review|report|strategy|government|ministers|commission|department|it|they)\s+(?:is|are|was|were)\s+(?:absolutely\s+|quite\s+|surely\s+)?right\s+(?:that|to say|to argue)\b/u;

/** A clause that supposes rather than says: what follows "whether" or "if" is not a judgement made. */
const HYPOTHETICAL = /\b(?:whether|if|unless)\b|\bwithout\s+(?:a|an|any)\b/u;

/** Something that only sounds or looks good until one looks closer ("sounds generous until you divide it"): not praise. */
const SOUNDS = /\b(?:sounds?|looks?|seems?)\s+(?:\p{L}+\s+)?$/u;
const UNTIL_AFTER = /^[^.;:]{0,40}?\buntil\b/u;

/** "Backs them with nothing", "backed by £50m": the measure funding or staffing something, not the speaker backing it. */
const BACKED_WITH = /^\s+(?:(?:[\p{L}'’-]+\s+){0,3}with|by)\b/u;

/** Accepting is the speaker's verdict only in its own name ("we accept", "members can accept"); "the plan accepts that …" is the measure. */
const SPEAKER_BEFORE = /\b(?:we|i|members|our members|councils|directors)\s+(?:[\p{L}'’-]+\s+){0,2}$/u;

/** The measure as the one demanding ("the review calls for £2.4bn", "the department urges councils to …"): its demand, not the speaker's. */
const DEMANDING_VERB = /^(?:calls? for|called for|calling for|urges?|urged|asks?|asked|demands?|recommends?|wants?)$/u;
const MEASURE_DEMANDS = new RegExp(String.raw`\b${MEASURE_VOICE}\s+(?:(?:also|now|rightly|clearly|itself|explicitly)\s+)*$`, 'u');

/** What those who made the measure deserve ("the Treasury deserves to be taken at its word", "ministers deserve thanks"): credit. */
const CREDIT_DESERVED =
  /\b(?:ministers?|(?:the\s+)?government|(?:the\s+)?treasury|(?:the\s+)?department|secretary of state|chancellor|(?:the\s+)?(?:strategy|plan|settlement))\s+(?:[\p{L}'’-]+\s+)?deserves?\b/u;

/** Who agrees, before "agreed": the speaker or those it speaks of, or an auxiliary ("we have agreed", "members all agreed"). */
const AGREEING_SUBJECT = /\b(?:we|i|they|members|councils|directors|leaders|have|has|had|all|both|fully|strongly|broadly|readily|also|always|long)\s+$/u;

const NEGATIVE_CUE = /\b(?:not|no|never|cannot|nothing|without)\b|n['’]t\b/u;

/** A noun for what is wrong, straight after an adjective of praise or size ("the most significant gap in its report"). */
const WRONG_NOUN_AFTER = /^\s+(?:[\p{L}-]+\s+)?(?:gaps?|flaws?|omissions?|weakness(?:es)?|failings?|failures?|problems?|shortfalls?|holes?|barriers?|obstacles?|threats?|mistakes?|errors?|blind spots?)\b/u;

/** A cost played down as the cheaper way ("at a fraction of the cost", "costs a fraction of a children's home"): an argument for it. */
const CHEAPER = /\b(?:at|for)\s+a\s+(?:tiny\s+|small\s+)?fraction\s+of\s+the\s+(?:cost|price)\b|\bcosts?\s+(?:only\s+|just\s+)?a\s+(?:tiny\s+|small\s+)?fraction\s+of\b/u;

/** "Should be proud of it", "deserve to be congratulated": praise in the form of a demand. */
const PRAISE_AS_DEMAND = /^\s+(?:be\s+|feel\s+)(?:rightly\s+|very\s+|justly\s+)?(?:proud|congratulated|commended|praised|applauded|thanked|pleased)\b/u;

const PROUD = /\b(?:should|must|can|deserves? to)\s+(?:be\s+|feel\s+)(?:rightly\s+|very\s+|justly\s+)?(?:proud|congratulated|commended)\b/u;

/** A demand inside a view or principle that is shared or described ("the government's view that support should reach families earlier"). */
const VIEW_THAT = /\b(?:view|principle|belief|idea|premise|ambition|aim|conviction|notion|consensus)\s+that\s+(?:[\p{L}'’-]+\s+){0,6}$/u;

/** The kinds of match a clause is read from. */
interface Found {
  judged: CueMatch[];
  negations: CueMatch[];
  demands: CueMatch[];
  problems: CueMatch[];
  reservations: CueMatch[];
}

const inside = (m: { start: number }, c: { start: number; end: number }) => m.start >= c.start && m.start < c.end;
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * Scores one sentence against the stance lexicon, clause by clause, as an editor reads it:
 * - judgements (welcome, falls short) weigh 2 when explicit, 1 when weak; a negation within three
 *   words before a judgement turns it round ("will not tackle", "not opposed to"), and two
 *   negations cancel ("not without merit");
 * - a demand ("we urge", "must", "it is vital that") is a judgement of the measure the text reacts
 *   to: after a government measure it says the measure is not enough yet (critical); reacting to a
 *   review's recommendations it endorses them (supportive); the weak praise inside a demand ("it is
 *   crucial that …") qualifies the demand and is not counted;
 * - problem talk ("a system in crisis", "councils are overspending") judges nothing on its own, but
 *   after a turn against a welcome it is the reservation ("…, but councils lack the money");
 * - a reservation ("a first step", "long overdue") counts both ways; a condition ("provided that …")
 *   is a demand;
 * - after a turn ("but", "however") a clause counts 1.5 times and what came before half; a conceded
 *   clause ("while helpful, …") counts half.
 * Mixed only when both directions are argued: see `decide`.
 */
export function stanceScorer(cues: StanceCue[]): StanceScorer {
  const byKind = (kind: StanceCue['kind']) => cues.filter((c) => c.kind === kind);
  const judgedCues = cues.filter((c) => c.kind === 'supportive' || c.kind === 'critical');
  const byPhrase = new Map(judgedCues.map((c) => [c.phrase.trim().toLowerCase(), c]));
  const demandWeight = new Map(byKind('demand').map((c) => [c.phrase.trim().toLowerCase(), c.weight]));
  // One pass over the sentence for every cue: where cues overlap, the longest reading wins ("we would welcome" is a
  // demand, "not enough" a judgement, not a negation, "yet to see" a judgement, not a turn).
  const kindsOf = new Map<string, Set<StanceCue['kind']>>();
  for (const cue of cues) {
    const phrase = cue.phrase.trim().toLowerCase();
    kindsOf.set(phrase, (kindsOf.get(phrase) ?? new Set()).add(cue.kind));
  }
  const findCues = cueMatcher(cues.map((c) => c.phrase));
  const ofKind = (matches: CueMatch[], ...kinds: StanceCue['kind'][]) => matches.filter((m) => kinds.some((k) => kindsOf.get(m.cue.toLowerCase())?.has(k)));

  return {
    score(sentence: string, eventKind: EventKind = 'measure'): SentenceStance {
      const lower = sentence.toLowerCase();
      const all = findCues(lower);
      const allJudged = ofKind(all, 'supportive', 'critical');
      const longer = (a: CueMatch, b: CueMatch) => a.end - a.start >= b.end - b.start;
      // Where a demand is made of judgement words ("we would welcome") or a judgement of demand words ("precisely what is
      // needed"), the longer reading wins; a reservation made of judgement words ("a good start") is a reservation.
      const demands = ofKind(all, 'demand').filter((d) => !allJudged.some((m) => m !== d && overlaps(d, m) && !longer(d, m)));
      const reservations = ofKind(all, 'reservation');
      const judged = allJudged.filter((m) => !demands.includes(m) && !reservations.includes(m));
      const found: Found = {
        judged,
        negations: cancelDoubleNegation(lower, ofKind(all, 'negation').filter((n) => !judged.includes(n))),
        demands,
        problems: ofKind(all, 'problem').filter((p) => !judged.includes(p)),
        reservations,
      };
      const clauses = splitClauses(lower, ofKind(all, 'contrast'));
      // The demands made now, by the speaker: not a noun ("the need to"), history ("had led calls for"), a prediction
      // ("this should help"), a negated one, or the measure's own words reported ("the report says … must").
      const made = found.demands.filter((d) => {
        const clause = clauses.find((c) => inside(d, c)) ?? { start: 0 };
        return (
          !PREDICTS.test(lower.slice(d.end)) &&
          !(/\bneed$/u.test(d.cue) && ESTIMATE.test(lower.slice(d.end))) &&
          !ASIDE.test(lower.slice(d.end)) &&
          !negatedAt(lower, found.negations, d.start, found.judged) &&
          !REFERRED_TO.test(lower.slice(0, d.start)) &&
          !DESCRIBED.test(lower.slice(0, d.start)) &&
          !(demandWeight.get(d.cue) === 1 && /\b(?:that|which|who)\s+$/u.test(lower.slice(0, d.start))) &&
          !(ASKED_BEFORE.test(lower.slice(clause.start, d.start)) && (PAST_DEMAND.test(lower.slice(d.start, d.end)) || demandWeight.get(d.cue) === 1)) &&
          !MEASURE_SAYS.test(lower.slice(clause.start, d.start)) &&
          !ASKED_ABOUT.test(lower.slice(clause.start, d.start)) &&
          !VIEW_THAT.test(lower.slice(clause.start, d.start)) &&
          !PRAISE_AS_DEMAND.test(lower.slice(d.end)) &&
          !/\bthan\s+(?:[\p{L}'’-]+\s+){0,2}$/u.test(lower.slice(clause.start, d.start)) &&
          !(/^deserve/u.test(d.cue) && CREDIT_DESERVED.test(lower.slice(clause.start, d.end))) &&
          !(DEMANDING_VERB.test(d.cue) && MEASURE_DEMANDS.test(lower.slice(clause.start, d.start)))
        );
      });

      // Others' words run from the report of them to the next turn ("the department says it is transformational, but we …").
      // Read only when a judgement is there to be claimed (most sentences have none).
      let others: [number, number] | undefined;
      const theirs = (at: number) => {
        if (!others) {
          const from = lower.search(OTHERS_SAY);
          others = [from, from < 0 ? -1 : Math.min(...clauses.filter((c) => c.role === 'turn' && c.start > from).map((c) => c.start), lower.length)];
        }
        return others[0] >= 0 && at > others[0] && at < others[1];
      };
      // A demand or a condition counts against a measure, for recommendations; a demand that the measure go ahead as it
      // stands ("they should be ended, as proposed", "it should go ahead") is agreement with it.
      const demandSide = eventKind === 'recommendations' || AS_PROPOSED.test(lower) ? 'supportive' : 'critical';
      let supportiveSoFar = 0;
      const scored: ClauseStance[] = [];
      const used: string[] = [];
      let problemTalk = false;
      clauses.forEach((clause) => {
        const weight = clause.role === 'turn' ? AFTER_TURN : 1;
        // A conceded clause ("while helpful, …") counts half, unless it judges explicitly ("as positive as the reforms are, …": it stands).
        const conceded = clause.role === 'concession' ? CONCEDED : 1;
        const result: ClauseStance = { start: clause.start, end: clause.end, supportive: 0, critical: 0, cues: [], explicit: false };
        const demand = made.find((d) => inside(d, clause));
        for (const match of found.judged.filter((m) => inside(m, clause))) {
          const cue = byPhrase.get(match.cue);
          if (!cue) continue;
          // A cue already negative in its words ("could not support", "not enough") is not turned round again by a negation before it.
          const negated = !NEGATIVE_CUE.test(match.cue) && negatedAt(lower, found.negations, match.start, found.judged);
          let kind: 'supportive' | 'critical' = cue.kind === 'supportive' ? 'supportive' : 'critical';
          // Optimistic in the speaker's own name is hope; said of a costing or a timetable, it is an overestimate.
          if (match.cue === 'optimistic' && !SPEAKER_BEFORE.test(lower.slice(clause.start, match.start).replace(/\b(?:are|is|am|remain|remains|feel|very|cautiously|quietly)\s+/gu, ''))) kind = 'critical';
          let w = cue.weight;
          // "The most significant gap", "a real risk": the praise word measures what is wrong.
          if (kind === 'supportive' && WRONG_NOUN_AFTER.test(lower.slice(match.end))) kind = 'critical';
          if (negated) {
            kind = kind === 'supportive' ? 'critical' : 'supportive';
            if (kind === 'supportive') w = Math.min(w, NEGATED_CRITICISM);
          }
          // Weak praise in or after a demand argues for the demand ("it is crucial that…", "we urge … – investing in children
          // has a significant benefit"); it is not praise of the measure. Before it, it is a welcome with a condition.
          if (made.some((d) => d.start < clause.end) && kind === 'supportive' && cue.weight < 2) continue;
          if (theirs(match.start)) continue;
          const context = { lower, sentence, clauseStart: clause.start, clauseEnd: clause.end, match, kind, negated, eventKind };
          if (notAJudgement(context)) continue;
          w = reweighed(context, w);
          result[kind] += w * weight * (w >= 2 ? 1 : conceded);
          result.explicit ||= w >= 2;
          result.cues.push(negated ? `not ${match.cue}` : match.cue);
        }
        if (demand) {
          result[UNDONE.test(lower.slice(demand.end, clause.end)) ? 'critical' : demandSide] += Math.max(demandWeight.get(demand.cue) ?? 1, CONDITION) * weight;
          result.explicit = true;
          result.cues.push(`demand: ${demand.cue}`);
        }
        if (clause.role === 'condition') {
          result[demandSide] += CONDITION;
          result.cues.push(`condition: ${clause.marker}`);
        }
        for (const reservation of found.reservations.filter((r) => inside(r, clause))) {
          result.supportive += RESERVATION;
          result.critical += RESERVATION;
          result.explicit = true;
          result.cues.push(`reservation: ${reservation.cue}`);
        }
        const problems = found.problems.filter((p) => inside(p, clause));
        const unjudged = result.supportive === 0 && result.critical === 0;
        if (unjudged && problems.length > 0) {
          if (clause.role === 'turn' && supportiveSoFar > 0) {
            result.critical += INFERRED_TURN;
            result.cues.push(`but: ${problems[0]?.cue}`);
          } else problemTalk = true;
        }
        supportiveSoFar += result.supportive;
        scored.push(result);
        used.push(...result.cues);
      });

      // Before a turn, what was said is conceded: it counts half; unless what follows is a demand or a
      // condition, not a criticism ("we welcome X, but it must go further"): then both stand, mixed.
      const turnAt = clauses.findIndex((c) => c.role === 'turn');
      const after = scored.slice(Math.max(turnAt, 0));
      const onlyDemands = after.every((c) => c.cues.every((cue) => /^(?:demand|condition|reservation): /.test(cue)));
      // A welcome with a condition ("sensible, but it must be faster"): however weakly put, the welcome is half of a mixed judgement.
      if (turnAt > 0 && onlyDemands && after.some((c) => c.critical > 0)) {
        for (const clause of scored.slice(0, turnAt).filter((c) => c.supportive > 0)) clause.supportive = Math.max(clause.supportive, RESERVATION);
      }
      // The same with a condition and no turn, before or after it ("the plan is sensible, provided it is funded").
      if (turnAt < 0 && eventKind === 'measure' && clauses.some((c) => c.role === 'condition')) {
        for (const clause of scored.filter((c, i) => c.supportive > 0 && clauses[i]?.role !== 'condition')) clause.supportive = Math.max(clause.supportive, RESERVATION);
      }
      if (turnAt > 0 && !onlyDemands) {
        // An explicit judgement before the turn stands ("we welcome the plan but are concerned about the detail": mixed).
        for (const clause of scored.slice(0, turnAt).filter((c) => !c.explicit)) {
          clause.supportive *= BEFORE_TURN;
          clause.critical *= BEFORE_TURN;
        }
      }
      // Each structure runs only where the word it turns on is in the sentence; a share of what was asked is one finding, not two.
      const shortOfAsk = FALLS_SHORT_OF_ASK.exec(lower);
      const numbered = /\d/.test(lower);
      const affordable = eventKind === 'recommendations' && AGAINST_SPENDING.test(lower);
      for (const [match, side, name] of [
        [lower.includes('than') ? BEYOND_HOPE.exec(lower) : null, 'supportive', 'more than hoped'],
        [lower.includes('deserve') && !judged.some((m) => /deserve/u.test(m.cue)) ? CREDIT_DESERVED.exec(lower) : null, 'supportive', 'credit deserved'],
        [shortOfAsk, 'critical', 'less than asked'],
        [shortOfAsk || affordable || CHEAPER.test(lower) ? null : SMALL_SHARE.exec(lower), 'critical', 'a small share'],
        [lower.includes('proud') || lower.includes('congratulat') || lower.includes('commend') ? PROUD.exec(lower) : null, 'supportive', 'praise owed'],
        [numbered && !affordable ? MINIMISED.exec(lower) : null, 'critical', 'only …'],
        [/(?:est|most) /.test(lower) ? BEST_IN_YEARS.exec(lower) : null, 'supportive', 'best in years'],
        [lower.includes('down') ? LET_DOWN.exec(lower) : null, 'critical', 'let … down'],
        [lower.includes('right') ? GOT_RIGHT.exec(lower) : null, 'supportive', 'got … right'],
        [lower.includes('right') ? RIGHT_NOUN.exec(lower) : null, 'supportive', 'the right …'],
        [lower.includes('support') && !judged.some((m) => /support/u.test(m.cue)) ? SPEAKER_SUPPORTS.exec(lower) : null, 'supportive', '… support'],
      ] as const) {
        if (!match || theirs(match.index)) continue;
        const clause = scored.find((c) => inside({ start: match.index }, c)) ?? scored[0];
        if (clause) {
          clause[side] += 2;
          clause.cues.push(name);
          used.push(name);
        }
      }

      // "The move is one we support, but it will reach most families only in 2029": what an explicit welcome turns to, with
      // nothing said after the turn that judges, conditions or describes a problem, is its reservation.
      const turnClause = scored[turnAt];
      const marker = clauses[turnAt]?.marker ?? '';
      const welcomed = scored.slice(0, Math.max(turnAt, 0)).reduce((sum, c) => sum + c.supportive, 0);
      if (turnClause && turnAt > 0 && TURNING.has(marker) && welcomed >= 2 && scored.slice(turnAt).every((c) => c.cues.length === 0) && clauses.slice(turnAt).every((c) => c.role === 'turn' && !found.problems.some((p) => inside(p, c)))) {
        turnClause.critical += INFERRED_TURN;
        turnClause.cues.push(`${marker}: …`);
        used.push(`${marker}: …`);
      }
      const supportive = scored.reduce((sum, c) => sum + c.supportive, 0);
      const critical = scored.reduce((sum, c) => sum + c.critical, 0);
      const stance = decide(supportive, critical);
      return { stance, supportive, critical, cues: used, clauses: scored, problemTalk: problemTalk && stance === 'neutral' };
    },
  };
}

/**
 * The stance from the weight of the two sides: mixed only when both are really argued (the lesser
 * side at least a reservation's weight and more than a third of the greater); otherwise the
 * heavier side, once it weighs a weak judgement or more (a tie of weak signals is mixed).
 */
export function decide(supportive: number, critical: number): Stance {
  const lesser = Math.min(supportive, critical);
  const greater = Math.max(supportive, critical);
  if (greater < 1) return 'neutral';
  if ((lesser >= RESERVATION && lesser * 3 > greater) || lesser === greater) return 'mixed';
  return supportive > critical ? 'supportive' : 'critical';
}

/** A judgement word where it stands: the sentence (as written and lowercased), its clause, and how it was read. */
interface JudgementContext {
  lower: string;
  sentence: string;
  clauseStart: number;
  clauseEnd: number;
  match: CueMatch;
  kind: 'supportive' | 'critical';
  negated: boolean;
  eventKind: EventKind;
}

/**
 * A judgement word that is not the speaker's judgement of the measure where it stands: a request, an act of agreeing, the
 * aim of a measure, an inspection grade, part of a name, a child's state, the profession's "concerns", praise of the
 * review under a measure, or praise under "whether" or "if".
 */
function notAJudgement({ lower, sentence, clauseStart, clauseEnd, match, kind, negated, eventKind }: JudgementContext): boolean {
  const before = lower.slice(clauseStart, match.start);
  const after = lower.slice(match.end);
  // "Members would find it helpful if the Department published …": a request, not praise.
  if (kind === 'supportive' && /\bwould (?:find it |be )?$/u.test(before) && /^\s+if\b/u.test(after)) return true;
  // "Grandparents who agree to take a child", "councils will be asked to agree a plan": an act, not the speaker agreeing.
  if (/^agree/u.test(match.cue) && /\b(?:who|which|that|to|they|are)\s+$/u.test(lower.slice(0, match.start))) return true;
  if (kind === 'critical' && !negated && AVOIDED.test(before)) return true;
  // "Judged inadequate", "rated good": an inspection grade, not the speaker's verdict on the measure.
  if (/\b(?:judged|rated|graded|found to be|assessed as)\s+(?:as\s+)?$/u.test(before)) return true;
  // A cue that runs into a capitalised word ("says Little Steps"): part of a name.
  if (/\s\p{Lu}/u.test(sentence.slice(match.start, match.end))) return true;
  if (/^risks?$/u.test(match.cue) && RISK_STATE.test(before)) return true;
  if (/^concerns?$/u.test(match.cue) && (HARM_CONCERN_AFTER.test(after) || HARM_CONCERN_BEFORE.test(lower.slice(0, match.start)) || CONCERNS_MET.test(lower.slice(0, match.start)))) return true;
  if (match.cue === 'right to' && RIGHT_AS_NOUN.test(lower.slice(0, match.start))) return true;
  if (kind === 'supportive' && !negated && SOUNDS.test(before) && UNTIL_AFTER.test(after)) return true;
  // "It sounds generous": the verb, not "a sound plan".
  if (match.cue === 'sound' && /^sound(?:s|ed|ing)$/u.test(lower.slice(match.start, match.end))) return true;
  if (/^backs?$|^backed the$/u.test(match.cue) && BACKED_WITH.test(after)) return true;
  if (match.cue === 'accept' && !SPEAKER_BEFORE.test(before)) return true;
  // "Before it is too late": when help should come, not a verdict of lateness.
  if (/^too late/u.test(match.cue) && /\bbefore\s+(?:it|things|they|problems)\s+(?:is|are|become|becomes|get|gets)\s+$|\bbefore\s+it['’]s\s+$/u.test(before)) return true;
  // "A settlement agreed ahead of the spending review": the participle, not the speaker agreeing.
  if (/^agree/u.test(match.cue) && lower.slice(match.start, match.end) === 'agreed' && !AGREEING_SUBJECT.test(before)) return true;
  // "Examples of practice, good or bad": an alternative, not a verdict.
  if (/^\s+or\s+(?:bad|ill|worse|poor|not)\b/u.test(after)) return true;
  if (kind === 'critical' && eventKind === 'recommendations' && PLAYED_DOWN.test(match.cue) && AGAINST_SPENDING.test(lower)) return true;
  // "With one hand tied behind our backs": the noun.
  if (match.cue === 'backs' && /\b(?:our|their|its|his|her|the|your)\s+$/u.test(before)) return true;
  if (kind === 'critical' && !negated && AGREED_CONTENT.test(before)) return true;
  if (kind === 'supportive' && eventKind === 'measure' && REVIEW_SUBJECT.test(lower.slice(clauseStart, clauseEnd))) return true;
  // Praise under "whether" or "if" is hypothetical ("it remains to be seen whether the funding will stretch far enough").
  return kind === 'supportive' && !negated && HYPOTHETICAL.test(before);
}

/** A judgement's weight where it stands: explicit in the frame of a verdict ("it is good, too, that …"), weak in an offer ("we would be glad to help"). */
function reweighed({ lower, clauseStart, match, kind, negated }: JudgementContext, weight: number): number {
  const before = lower.slice(clauseStart, match.start);
  const after = lower.slice(match.end);
  if (!negated && weight < 2 && /\bit(?:'s|’s| is| was| has been)\s+(?:\w+\s+)?$/u.test(before) && VERDICT_AFTER.test(after)) return 2;
  if (kind === 'supportive' && /\bwould be\s+(?:\w+\s+)?$/u.test(before) && /^\s+to\b/u.test(after)) return Math.min(weight, 1);
  return weight;
}

interface Clause {
  start: number;
  end: number;
  role: 'main' | 'turn' | 'concession' | 'condition';
  marker?: string;
}

/**
 * Clauses: a turn ("but", "however") runs to the end of the sentence; a concession ("while",
 * "although") and a condition ("provided that", "as long as") to their comma; semicolons and
 * dashes end a clause too.
 */
function splitClauses(text: string, contrasts: CueMatch[]): Clause[] {
  const marks: { at: number; role: Clause['role']; marker?: string; closesAtComma: boolean }[] = [];
  for (const c of contrasts) {
    if (TURNING.has(c.cue)) marks.push({ at: c.start, role: 'turn', marker: c.cue, closesAtComma: false });
    else if (CONCEDING.has(c.cue) && (/^[\s"“‘'(]*$/u.test(text.slice(0, c.start)) || PARENTHETICAL.test(text.slice(c.end)))) marks.push({ at: c.start, role: 'concession', marker: c.cue, closesAtComma: true });
    else if (CONCEDING.has(c.cue)) marks.push({ at: c.start, role: 'turn', marker: c.cue, closesAtComma: false });
  }
  // Both forms hold "as" and a space after it: most sentences are settled without trying the pattern at every word.
  const asAs = /as\s/u.test(text) ? AS_ADJ_AS.exec(text) : null;
  if (asAs) marks.push({ at: asAs.index, role: 'concession', marker: 'as … as', closesAtComma: true });
  for (const c of findConditions(text)) {
    // "The funding provided, …", "the support provided by councils": a participle, not a condition.
    if (/^provid/u.test(c.cue) && PARTICIPLE_AFTER.test(text.slice(c.end))) continue;
    marks.push({ at: c.start, role: 'condition', marker: c.cue, closesAtComma: true });
  }
  // "It will only make a difference if …": a condition, with its verb between.
  // Unless the conditions' own "only if" is inside it: one condition, not two.
  for (const m of text.includes('only') ? text.matchAll(ONLY_IF) : []) if (!marks.some((k) => k.role === 'condition' && k.at >= (m.index ?? 0) && k.at < (m.index ?? 0) + m[0].length)) marks.push({ at: m.index ?? 0, role: 'condition', marker: 'only … if', closesAtComma: true });
  for (const m of text.matchAll(/[;:]|\s[–—-]\s/g)) marks.push({ at: m.index ?? 0, role: 'main', closesAtComma: false });
  marks.sort((a, b) => a.at - b.at);

  const clauses: Clause[] = [];
  let start = 0;
  let role: Clause['role'] = 'main';
  let marker: string | undefined;
  let turned = false;
  const close = (end: number) => {
    if (end > start) clauses.push({ start, end, role, ...(marker ? { marker } : {}) });
    start = end;
  };
  for (const mark of marks) {
    if (mark.at < start) continue;
    close(mark.at);
    turned ||= mark.role === 'turn';
    role = mark.role === 'main' && turned ? 'turn' : mark.role;
    marker = mark.marker;
    if (mark.closesAtComma) {
      const comma = text.indexOf(',', mark.at);
      const next = marks.find((m) => m.at > mark.at)?.at ?? text.length;
      if (comma !== -1 && comma < next) {
        close(comma);
        role = turned ? 'turn' : 'main';
        marker = undefined;
      }
    }
  }
  close(text.length);
  return clauses;
}

// A negation that is the subject or its quantifier ("nobody could accuse …", "no council leader … will be
// reassured", "there is nothing … we would disagree with") reaches across the clause, not just the next few words.
const QUANTIFIED = new Set(['no', 'nobody', 'no one', 'nothing', 'none', 'neither', 'few could', 'few would', 'few will']);

/**
 * A negation before `at` in the same clause: within three words, or twelve for a negated subject; it
 * turns round only the first judgement after it ("few could quarrel with giving carers better access":
 * the quarrel is negated, not the access) and does not reach across "and", "or", a subordinate clause
 * ("nobody came until it was too late") or a participle that takes it ("not adequately resourced risks …").
 */
function negatedAt(text: string, negations: CueMatch[], at: number, judged: CueMatch[]): boolean {
  return negations.some(
    (n) =>
      n.end <= at &&
      wordsBetween(text, n.end, at) <= (QUANTIFIED.has(n.cue) ? 12 : 3) &&
      !/[,;:]|\b(?:and|or|until|when|because|before|after|unless|since|once)\b/u.test(text.slice(n.end, at)) &&
      // A participle between takes a plain negation ("not adequately resourced risks …"); a negated subject reaches past it.
      (QUANTIFIED.has(n.cue) || !/\p{L}{3}ed\b/u.test(text.slice(n.end, at))) &&
      !judged.some((m) => m.start >= n.end && m.end <= at),
  );
}

/** "not without", "no … not": a negation right after another cancels both. */
function cancelDoubleNegation(text: string, negations: CueMatch[]): CueMatch[] {
  const cancelled = new Set<CueMatch>();
  for (let i = 1; i < negations.length; i += 1) {
    const [a, b] = [negations[i - 1], negations[i]];
    if (a && b && !cancelled.has(a) && wordsBetween(text, a.end, b.start) <= 1) {
      cancelled.add(a);
      cancelled.add(b);
    }
  }
  return negations.filter((n) => !cancelled.has(n));
}

function wordsBetween(text: string, from: number, to: number): number {
  return (text.slice(from, to).match(/[\p{L}\p{N}'’]+/gu) ?? []).length;
}
