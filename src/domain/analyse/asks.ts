import { furniture } from './boilerplate.ts';
import type { ThemeFinder } from './lexicon.ts';
import { paragraphs, type Sentence, type Span } from './text.ts';

/**
 * An ask: what an organisation asks someone (usually the government) to do, in its own words.
 * "We urge the Government to increase the funding …": target `government`, action `increase the
 * funding …`; the span is the clause that makes the ask, exactly as written.
 */
export interface Ask extends Span {
  /** Whom it is asked of, as a reader names them: `government`, `ministers`, `the Treasury`, `local authorities` … */
  target: string;
  /** Whether the text names the target; a demand that names nobody ("Action is desperately needed") is read as one on the government. */
  targetNamed: boolean;
  /** What is asked, in the ask's own words, from the verb on (or the thing asked for: "immediate action"). */
  action: string;
  /** The theme the ask bears on (the action's theme words first, then the sentence's), or null. */
  theme: string | null;
}

export interface AskOptions {
  /** Stretches that are nobody's asks here: the publisher's narrative, words quoted from others. */
  exclude?: Span[] | undefined;
  findThemeWords: ThemeFinder;
  /** `furniture(sentences)`, when the caller has it. */
  furnished?: Set<Sentence> | undefined;
}

// Whom an ask may be addressed to, as a reader names them. The first pattern that matches the start of a noun phrase names it.
const TARGETS: [RegExp, string][] = [
  [/^(?:the\s+)?(?:next|incoming|future)\s+governments?\b/iu, 'the next government'],
  [/^(?:the\s+)?(?:prime\s+minister|pm)\b/iu, 'the Prime Minister'],
  [/^(?:the\s+)?(?:chancellor(?:\s+of\s+the\s+exchequer)?|(?:hm\s+)?treasury)\b/iu, 'the Treasury'],
  [/^(?:the\s+)?(?:education\s+secretary|secretary\s+of\s+state(?:\s+for\s+education)?)\b/iu, 'the Education Secretary'],
  [/^(?:the\s+)?(?:department\s+for\s+education|dfe|education\s+department)\b/iu, 'the Department for Education'],
  [/^(?:the\s+)?(?:department\s+of\s+health(?:\s+and\s+social\s+care)?|dhsc)\b/iu, 'the Department of Health and Social Care'],
  [/^(?:the\s+)?(?:department\s+for\s+levelling\s+up(?:,?\s+housing\s+and\s+communities)?|dluhc)\b/iu, 'the Department for Levelling Up'],
  [/^(?:the\s+)?department\b(?!\s+(?:of|for)\b)/iu, 'the Department for Education'],
  [/^(?:the\s+)?(?:children['’]s\s+|education\s+|new\s+|government\s+)?ministers?\b/iu, 'ministers'],
  [/^(?:the\s+)?(?:uk\s+|hm\s+|central\s+|national\s+|westminster\s+|current\s+|this\s+|present\s+)?government\b|^whitehall\b/iu, 'government'],
  [/^(?:all\s+(?:the\s+)?|the\s+|both\s+(?:main\s+)?|main\s+|major\s+)?(?:political\s+parties|parties\s+of\s+all\s+colours|party\s+leaders)\b|^all\s+(?:the\s+)?parties\b/iu, 'all political parties'],
  [/^(?:all\s+|the\s+|our\s+)?(?:local\s+authorities|local\s+councils|councils|local\s+government|las)\b/iu, 'local authorities'],
  [/^(?:the\s+)?(?:parliament|mps|members\s+of\s+parliament|house\s+of\s+commons|peers)\b/iu, 'Parliament'],
  [/^ofsted\b/iu, 'Ofsted'],
  [/^(?:the\s+)?nhs(?:\s+england)?\b/iu, 'the NHS'],
];

/** The family a target belongs to, for grouping asks: everyone who speaks for the government is one. */
export function targetFamily(target: string): string {
  if (['government', 'the next government', 'the Prime Minister', 'the Treasury', 'the Education Secretary', 'ministers'].includes(target)) return 'government';
  if (target.startsWith('the Department')) return 'government';
  if (target === 'all political parties') return 'political parties';
  return target;
}

const SUCCESSOR = /^(?:the\s+next\s+one|its\s+successor|future\s+ones?|whoever\s+(?:forms|wins)\s+(?:the\s+)?next(?:\s+(?:one|government|election))?|the\s+next)\b/iu;
const COORDINATION = /^\s*(?:[,–—-]\s*)?(?:and|or|as\s+well\s+as|along\s+with)\s+/iu;
const LEAD = /^(?:both\s+|either\s+|all\s+of\s+)/iu;

/** The targets a noun phrase opens with (coordinated: "ministers and councils", "both this government – and the next one –"), and how long it is. */
function leadingTargets(text: string, { possessive = false } = {}): { targets: string[]; length: number } {
  const targets: string[] = [];
  let at = LEAD.exec(text)?.[0].length ?? 0;
  let end = 0;
  for (;;) {
    const rest = text.slice(at);
    const pattern = TARGETS.find(([p]) => p.test(rest));
    const successor = targets.length > 0 ? SUCCESSOR.exec(rest) : null;
    const length = pattern ? (pattern[0].exec(rest)?.[0].length ?? 0) : successor ? successor[0].length : 0;
    if (length === 0) break;
    // "The government's plans": a possessive names what is the government's, not the government.
    if (!possessive && /^['’]s?(?![\p{L}])|^\s+(?:of|for)\b/u.test(rest.slice(length)) && pattern?.[1] !== 'the Department for Education') break;
    const name = pattern ? pattern[1] : 'the next government';
    if (!targets.includes(name)) targets.push(name);
    at += length;
    end = at;
    const joined = COORDINATION.exec(text.slice(at));
    if (!joined) break;
    at += joined[0].length;
  }
  const dash = /^\s*[–—]/u.exec(text.slice(end));
  return { targets: [...new Set(targets.map((t) => (t === 'the next government' && targets.includes('government') ? 'government' : t)))], length: end + (dash?.[0].length ?? 0) };
}

/** The target a whole noun phrase names (every part a known target), or undefined. */
function targetOf(phrase: string): string | undefined {
  const cleaned = phrase.trim().replace(/^[“"‘']+|[”"’']+$/gu, '');
  const { targets, length } = leadingTargets(cleaned);
  if (targets.length === 0 || cleaned.slice(length).trim().replace(/^[,–—-]\s*/u, '') !== '') return undefined;
  return targets.join(' and ');
}

// What "it" or "they" refers to, when it is a target: the last target named before it in the sentence or the one before.
const TARGET_MENTION = /\b(?:the\s+)?(?:government|ministers?|treasury|chancellor|department\s+for\s+education|dfe|secretary\s+of\s+state|prime\s+minister|local\s+authorities|councils|political\s+parties)\b/giu;

function lastTargetIn(text: string): string | undefined {
  const mentions = [...text.matchAll(TARGET_MENTION)];
  for (let i = mentions.length - 1; i >= 0; i -= 1) {
    const mention = mentions[i];
    if (!mention) continue;
    const found = leadingTargets(text.slice(mention.index ?? 0), { possessive: true }).targets;
    if (found.length > 0) return found.join(' and ');
  }
  return undefined;
}

const PRONOUN = /^(?:it|them|they|him|her)$/iu;
// A target written as a pronoun, resolved once the sentence's asks are known.
const PRONOUN_TARGET = '\u0000pronoun';
const FIRST_OR_SECOND_PERSON = /^(?:we|us|i|me|you|yourselves|yourself|ourselves|everyone|everybody|anyone|all\s+of\s+us|readers|supporters|our\s+supporters)\b/iu;
// An addressee the list above does not know is named as written when it is an institution: a proper name ("the Local Government
// Association", "NHS England") or a body ("health and wellbeing boards", "employers"); "families" and "anyone affected" are not the ledger's.
const INSTITUTION =
  /(?:^|\s)(?:the\s+)?\p{Lu}[\p{L}’'-]+|\b(?:authorit(?:y|ies)|agenc(?:y|ies)|trusts?|boards?|regulators?|commissioners?|employers|schools|police|providers|partners|sector|leaders|directors|services|bodies|institutions|commission|inspectorate|courts?|judges|mayors?|combined\s+authorities)\b/u;

/**
 * A target as written, cleaned into a reader's name: a known target's name; a pronoun resolved to
 * the target named just before; otherwise the noun phrase itself, lower-cased, when it is short.
 */
function nameTarget(phrase: string, before: string): { target: string; named: boolean } | undefined {
  const cleaned = phrase.trim().replace(/\s+/gu, ' ').replace(/^[“"‘']+|[”"’',]+$/gu, '');
  if (PRONOUN.test(cleaned)) {
    // "Urge it to …" after the government is named; a pronoun that names no target ("asked her to") asks no one the ledger follows.
    const earlier = /^(?:him|her)$/iu.test(cleaned) ? undefined : lastTargetIn(before);
    return earlier ? { target: earlier, named: true } : undefined;
  }
  const known = targetOf(cleaned);
  if (known) return { target: known, named: true };
  // "The Government, in its response, …": the target, then an aside.
  const leading = leadingTargets(cleaned);
  if (leading.targets.length > 0 && /^\s*,/u.test(cleaned.slice(leading.length))) return { target: leading.targets.join(' and '), named: true };
  if (FIRST_OR_SECOND_PERSON.test(cleaned) || cleaned.split(' ').length > 6 || !INSTITUTION.test(cleaned)) return undefined;
  return { target: cleaned.replace(/^(?:the|all)\s+/iu, ''), named: true };
}

/**
 * Whether a text, lowercased, may hold a case-insensitive match of a pattern that needs one of `words` (lowercase): a
 * test that settles most sentences at once. Case-insensitive matching also takes "ſ" (long s) for "s", which lowercasing
 * keeps: a text that holds one may hold anything.
 */
function mayHold(lower: string, ...words: string[]): boolean {
  return words.some((word) => lower.includes(word)) || (lower.includes('ſ') && words.some((word) => word.includes('s')));
}

// ---------------------------------------------------------------------------------------------
// The frames an ask is made in. Each finds where its trigger is; what precedes it is checked once
// for all (a negation, history, the measure's own voice) and the action runs from `actionStart` to
// the end of its clause.

interface Candidate {
  /** Where the frame's trigger word is, in the sentence. */
  at: number;
  /** Where the clause that makes the ask begins (its subject, or the frame's first word). */
  clause: number;
  /** Where the words asked for begin. */
  actionStart: number;
  /** Where the span begins, when not at the clause's strong break: a modal's subject ("to work, the government needs to …"). */
  spanFrom?: number;
  target: string;
  targetNamed: boolean;
  /** Whether the subject's words before the trigger must be checked (verb frames: told as history? the measure's voice?). */
  checkSubject: boolean;
}

// Verbs that take an addressee and an infinitive: "urge X to V". Those in ADDRESSEE_KNOWN take only a known target (so that "families
// need support to stay together" and "we would encourage anyone affected to call" are no asks of anyone).
const TO_VERB =
  /\b(?<verb>urg(?:e|es|ed|ing)|call(?:s|ed|ing)?\s+(?:up)?on|ask(?:s|ed|ing)?|implor(?:e|es|ed|ing)|beg(?:s|ged|ging)?|appeal(?:s|ed|ing)?\s+to|encourag(?:e|es|ed|ing)|press(?:es|ed|ing)?|challeng(?:e|es|ed|ing)|invit(?:e|es|ed|ing)|want(?:s|ed)?|need(?:s)?|expect(?:s|ed)?|(?:would|['’]d)\s+(?:like|love|prefer)|look(?:s|ing)?\s+to)\s+(?!to\b)(?<target>(?:[\p{L}\p{N}'’&-]+[\s,–—]+){0,9}?[\p{L}\p{N}'’&-]+)\s*,?\s+to\s+(?=(?:not\s+)?\p{L})/giu;
const ADDRESSEE_KNOWN = /^(?:want|need|expect|would|['’]d|encourag|press|challeng|invit|look)/iu;

// "Call for N", "press for N", "make the case for N"; "calls" after a determiner is a noun ("our calls for"), unless renewed or joined.
const FOR_VERB =
  /\b(?<verb>call(?:s|ed|ing)?|push(?:es|ed|ing)?|press(?:es|ed|ing)?|ask(?:s|ed|ing)?|campaign(?:s|ed|ing)?|lobb(?:y|ies|ied|ying)|argu(?:e|es|ed|ing)|plead(?:s|ed|ing)?|appeal(?:s|ed|ing)?|mak(?:e|es|ing)\s+the\s+case|made\s+the\s+case|demand(?:s|ed|ing)?)\s+(?:(?:strongly|urgently|again|once\s+again|now|today|also|jointly|publicly)\s+)*for\s+(?=[\p{L}\p{N}£$€“"‘'])/giu;
const NOUN_CALL = /\b(?:the|a|an|our|their|its|his|her|these|those|this|such|previous|earlier|past|repeated|recent|growing|many|led|lead|heed(?:ed)?|answered|met|acted\s+on)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
const JOINED_CALL = /\b(?:renew|repeat|reiterate|restate|echo|join|support|back|add(?:s|ed|ing)?\s+(?:our|its|their)\s+voices?\s+to|make)(?:s|ed|ing|ed)?\s+(?:(?:the|our|its|their|these|those|growing|recent|many|urgent|this)\s+)*(?:[\p{L}-]+['’]s?\s+)?$/iu;
// "Demand" is a noun far more often than a verb ("the demand for places"): as a verb only after a subject that demands.
const DEMAND_SUBJECT = /\b(?:we|i|they|members|councils|the\s+(?:association|network|college|charity|alliance|union|society|federation|group))\s+(?:\w+\s+)?$/iu;

// "It is crucial that …", "it is vital for X to …", "it is time for …".
const IT_IS =
  /\b(?:it\s+(?:is|will\s+be|remains|would\s+be)|it['’]s)\s+(?:(?:now|therefore|also|absolutely|more|so|all\s+the\s+more|critically|particularly|especially|increasingly|really|vitally|hugely|extremely|very|of\s+course|equally|surely|high)\s+)*(?<adj>crucial|vital|essential|imperative|critical|important|paramount|urgent|necessary|time)\s*,?\s+(?<link>that|for|to)\s+/giu;
const IT_IS_WORDS = ['crucial', 'vital', 'essential', 'imperative', 'critical', 'important', 'paramount', 'urgent', 'necessary', 'time'];
// "It is important to see / note / welcome …": a remark or a welcome, not an ask.
const REMARK = /^(?:see|hear|read|note|recognise|recognize|remember|say|acknowledge|stress|welcome|be\s+clear|be\s+honest|point\s+out|look\s+at|understand|reflect)\b/iu;

// "We want to see X", "we would like to see X V", "we would welcome X".
const TO_SEE = /\b(?:want(?:s)?|would\s+(?:like|love)|['’]d\s+(?:like|love)|wish|need(?:s)?|hope|expect(?:s)?|are\s+keen|urgently\s+need)\s+to\s+see\s+/giu;
const WOULD_WELCOME = /\b(?:would|['’]d)\s+(?:also\s+|warmly\s+|strongly\s+|particularly\s+)?welcome\s+(?=\p{L})/giu;
// "What is needed is N", "what councils need now is N", "what we are asking for is N".
const WHAT_IS_NEEDED =
  /\bwhat\s+(?:(?:is|['’]s)\s+(?:\w+\s+)?(?:needed|required)|(?:we|councils|families|children|the\s+sector|our\s+members|carers|they)\s+(?:\w+\s+)?(?:need|want|are\s+asking\s+for|are\s+calling\s+for|would\s+like\s+to\s+see|want\s+to\s+see|need\s+to\s+see|ask\s+for|call\s+for))\s+(?:now\s+|today\s+)?is\s+(?=\p{L})/giu;
// "There is an urgent need for …".
const THERE_IS_NEED =
  /\bthere\s+(?:is|remains|will\s+be|['’]s)\s+(?:still\s+|now\s+|therefore\s+|also\s+)?(?:(?:an?|the)\s+)?(?:(?:urgent|pressing|clear|real|desperate|genuine|immediate|critical|vital|great|growing|overwhelming|strong)\s+)*need\s+(?<link>for|to)\s+/giu;
// "We owe it to X to V".
const OWE_IT = /\b(?<subject>we|they|you|[\p{L}’'-]+(?:\s+[\p{L}’'-]+){0,3})\s+owes?\s+it\s+to\s+[^;:.!?]{1,160}?\s*,?\s+to\s+(?=\p{L})/giu;
// "We'll make sure that X V", "we will ensure that X V": the speaker pressing X, when X is a target.
const MAKE_SURE = /\b(?:we['’]ll|we\s+will|we\s+shall|we\s+are\s+going\s+to|we\s+intend\s+to|we\s+want\s+to|we\s+must|we\s+will\s+continue\s+to)\s+(?:(?:also|now|then|therefore|always|continue\s+to)\s+)*(?:make\s+sure|ensure|see\s+to\s+it)\s+(?:that\s+)?/giu;

// Obligation: "Government must …", "kinship carers should receive …", "much greater attention must be paid …".
const MODAL =
  /\b(?<modal>must|should|ought\s+to|needs?\s+to|ha(?:s|ve)\s+to|will\s+(?:need|have)\s+to)\s+(?<negation>not\s+|never\s+|no\s+longer\s+)?(?:(?:also|now|urgently|then|still|immediately|therefore|first|quickly|further|surely|at\s+least|finally|both|all|really|go\s+on\s+to)\s+)*(?=\p{L})/giu;
const MODAL_WORDS = ['must', 'should', 'ought', 'need', 'has', 'have'];
// "Action is desperately needed", "a sustained growth in investment will be essential for …".
const NEEDED =
  /\s+(?:is|are|will\s+be|would\s+be|remains?)\s+(?:(?:urgently|desperately|badly|now|also|still|therefore|absolutely|so|vitally|clearly|surely|going\s+to\s+be)\s+)*(?<predicate>needed|required|necessary|overdue|long\s+overdue|essential|vital|crucial|critical|key|imperative)\b/giu;
const NEEDED_WORDS = ['needed', 'required', 'necessary', 'overdue', 'essential', 'vital', 'crucial', 'critical', 'key', 'imperative'];
// Things one asks for; and the words that say more of them is wanted ("sustained", "additional", "long-term").
const ASK_NOUN =
  /\b(?:action|funding|funds|investment|money|cash|resources|support|help|reform|reforms|commitment|clarity|certainty|guarantee|settlement|growth|increase|uplift|rise|allowance|allowances|grant|change|changes|plan|strategy|leadership|intervention|legislation|rethink|pay|recruitment|training|capacity)\b/iu;
const MORE_OF = /\b(?:more|additional|extra|sustained|significant|long-term|longer-term|new|proper|properly|adequate|urgent|immediate|further|greater|increased|multi-year|fair|fairer|real|ring-fenced|national|sufficient|substantial|meaningful)\b/iu;

// Imperatives that ask something of a government: "Fund early help properly.", "Ministers, act now."
const IMPERATIVE =
  /^(?:[“"‘']\s*)?(?:(?<vocative>ministers|government|prime\s+minister|chancellor|secretary\s+of\s+state)\s*[,:]\s*)?(?<verb>act|fund|invest|give|provide|commit|guarantee|scrap|reverse|restore|increase|introduce|deliver|stop|extend|raise|ensure|publish|rethink|reconsider|prioritise|prioritize|protect|abolish|lift|halt|honour|keep\s+your\s+promise|bring\s+forward|set\s+out|think\s+again)\b(?!\s+(?:in|of|on|and|is|was|are|were|has|have|for|to|from|by|as|at|with|will)\b)(?!['’])/iu;

// What precedes a trigger that makes it no ask made now: a negation; a call told as history or as met; the measure (or others) asking.
const NEGATED = /\b(?:not|never|n['’]t|no\s+longer|nobody|no\s+one)\s+(?:(?:\w+ly|be|been|really|even|yet)\s+)*$/iu;
// A call told as history: with a time that says so ("have previously called", "long argued for", "had called"), told as met ("one we
// asked for", "as we called for"), or in the speaker's own perfect ("we have called on …", "we have been calling for"). A third
// party's perfect is news ("the LGA has called on ministers to …"): an ask.
const HISTORY =
  /\blong\s+$|\bto\s+have\s+$|\b(?:have|has|['’]ve)\s+(?:\w+\s+)?been\s+$|\bhad\s+(?:(?:\w+ly|also|been)\s+)*$|\b(?:have|has|['’]ve)\s+(?:also\s+)?(?:previously|long|always|already|consistently|repeatedly|often|in\s+the\s+past|for\s+(?:many\s+)?years|for\s+some\s+time|for\s+a\s+long\s+time)\s+(?:been\s+)?$|\b(?:we|I)\s+(?:(?:\w+ly|also|all)\s+)?(?:have|['’]ve)\s+(?:(?:also|been)\s+)*$|\b(?:we|I)['’]ve\s+(?:(?:also|been)\s+)*$|\b(?:as|what|which|one|something|everything|exactly\s+what|precisely\s+what)\s+(?:(?:we|they|councils|members|our\s+members|the\s+\w+)\s+)?(?:(?:have|has|had|['’]ve|long|always|previously|consistently|repeatedly|been)\s+)*$|\b(?:previously|formerly|last\s+year|in\s+\d{4}|at\s+the\s+time|earlier\s+this\s+year|in\s+the\s+past)\b[^.;]*$/iu;
// How long a call has been made ("have asked for this for years", "have called for since 2019"): with a perfect, history.
const DURATION = /\b(?:for\s+(?:many\s+|several\s+|some\s+|a\s+few\s+)?(?:years|decades|months|some\s+time|a\s+long\s+time)|for\s+the\s+best\s+part\s+of|since\s+(?:\d{4}|the\b|it\b|then\b))/iu;
const PERFECT = /\b(?:have|has|['’]ve)\s+(?:(?:\w+ly|also)\s+)?$/iu;
const RENEWED = /\b(?:again|once\s+more|once\s+again|continue[sd]?\s+to|still|repeat|reiterate|renew|reaffirm|today|remain)\b/iu;
const PAST_VERB = /^(?:urged|called|asked|pressed|implored|begged|appealed|encouraged|challenged|invited|wanted|expected|argued|campaigned|lobbied|pleaded|pushed|demanded|made|sought)\b/iu;
const FIRST_PERSON_SUBJECT = /\b(?:we|i|our\s+(?:\w+\s+)?(?:members|organisation|charity|college|association|network))\s+(?:(?:\w+ly|also|then|have|had|once)\s+)*$/iu;
const MEASURE_VOICE = String.raw`(?:report|review|reviews|strategy|plans?|proposals?|consultation|consultations|government|department(?:\s+for\s+education)?|dfe|ministers?|treasury|commission|framework|guidance|bill|white\s+paper|panel|inquiry|ofsted|regulations|pilot|programme|scheme)`;
// The measure as the one asking ("the strategy asks councils to", "the government wants every child to", "the review calls for £2.6bn").
const MEASURE_ASKS = new RegExp(String.raw`\b${MEASURE_VOICE}(?:['’]s)?\s+(?:(?:also|now|rightly|clearly|itself|explicitly|specifically|which|that|has|have|had|is|are|was|were|been|will|would|already|further|then)\s+)*$`, 'iu');
// The measure as the subject of the clause, with its complement ("the Independent Review of Children's Social Care asks for £2.6bn").
const MEASURE_SUBJECT = /^(?:the\s+)?(?:independent\s+|final\s+|care\s+|government['’]s\s+|new\s+)?(?:review|report|strategy|commission|consultation|panel|inquiry|plans?|bill|proposals?|framework|guidance)\b/iu;
// Inside an embedded question or object ("what it expects councils to do", "how to ask for it").
const EMBEDDED = /\b(?:what|how|whether|why|when)\s+(?:[\p{L}'’-]+\s+){0,2}$/iu;
// Others' asks told ("parents are calling for", "critics have urged"): theirs, not the statement's.
const OTHERS_ASK =
  /\b(?:families|parents|children|young\s+people|carers|people|many|some|others|critics|campaigners|charities|organisations|experts|professionals|the\s+public|residents|users|they)\s+(?:(?:are|were|have|has|had|been|also|often|increasingly|repeatedly|now|still)\s+)*$|\b(?:who|that|which)\s+(?:(?:are|were|have|has|had|been|also|often|increasingly|repeatedly|now|still|do|did)\s+)*$|\b(?:a|one|every|each|the)\s+(?:mother|father|parent|family|child|carer|grandparent|young\s+person|social\s+worker|teenager|girl|boy|woman|man)\s+(?:(?:who|that|then|also|often|now|still|has|had|have)\s+)*$/iu;
// A finding told ("our research shows councils need …", "the survey found"): evidence for an ask, not the ask.
const FINDING = /\b(?:research|analysis|survey|figures|data|evidence|estimates?|study|studies|modelling|report)\s+(?:\w+\s+){0,3}(?:shows?|showed|shown|found|finds|suggests?|suggested|estimates?|estimated|reveals?|revealed|indicates?)\s+(?:that\s+)?/iu;
// The measure's (or the government's) words reported, and the demands inside them: "the report says councils must", "the government is right that support needs to improve".
const REPORTS_MEASURE = new RegExp(
  String.raw`\b${MEASURE_VOICE}(?:['’]s)?\s+(?:(?:also|now|rightly|clearly|itself|explicitly|has|have|is|are|was|were|absolutely|quite)\s+)*(?:says?|said|states?|stated|argues?|argued|recommends?|recommended|suggests?|suggested|proposes?|proposed|notes?|noted|sets?\s+out|makes?\s+clear|acknowledges?|acknowledged|accepts?|accepted|recognises?|recognised|recognizes?|knows?|believes?|insists?|confirms?|confirmed|right|expects?|requires?|required|wants?|envisages?|intends?|concludes?|concluded|found|finds|calls?\s+for|called\s+for|asks?|asked)\b|\b(?:under|according\s+to|in\s+line\s+with)\s+(?:the\s+)?(?:new\s+)?(?:plans?|strategy|proposals?|reforms?|review|report|framework|guidance|consultation|rules|regulations|law|bill|act)\b|^\s*(?:from|by|since)\s+(?:\d|(?:january|february|march|april|may|june|july|august|september|october|november|december|next|this|the\s+end)\b)`,
  'iu',
);

// What ends an action: the end of its clause.
const CLAUSE_END =
  /\s[–—]\s|\s-\s|;|:\s|\(|[“”"]|,\s+(?:which|while|whilst|as\s+(?!well\b)|so\s+that|because|since|but|although|though|if|unless|otherwise|not\s+least|in\s+order|and\s+(?:we|this|it|that|they|I)\b|or\s+(?:else\s+)?(?:we|this|it|they|the|councils|children|families)\b|(?:says?|said|warns?|warned|urges?|urged|argues?|argued)\s|(?:following|arguing|saying|describing|adding|warning|ahead\s+of)\b)|\s+(?:because|so\s+that|otherwise|whereas)\b|[.!?](?=[\s”"’)]|$)/u;

/** The end of the clause that runs from `from` (exclusive of its closing punctuation). */
function clauseEnd(text: string, from: number): number {
  const found = CLAUSE_END.exec(text.slice(from));
  let end = found ? from + found.index : text.length;
  while (end > from && /[\s,.;:!?’'”"–—-]/u.test(text[end - 1] ?? '')) end -= 1;
  return end;
}

// Where a clause begins, for the span: after a strong break (";", " – ", ", but", "However,") before the trigger.
const STRONG_BREAK = /(?:;\s+|\s[–—]\s+|\s-\s+|:\s+|,\s+(?=(?:but|yet|so|and\s+(?:we|I|it|they))\b)|,\s+(?=(?:and|while|whilst)\s+(?:also\s+|today\s+|has\s+|have\s+)?(?:call|urg|ask|press|implor|want|demand|insist|support)\w*)|\s+(?=and\s+(?:also\s+|today\s+)?(?:called|urged|asked|pressed|implored|demanded|insisted|calling|urging|asking|pressing)\b)|\s+(?=and\s+(?:we|I)\s+(?:also\s+|therefore\s+|now\s+|strongly\s+)*(?:want|would|urge|call|ask|need|expect|are\s+calling|are\s+asking)\b)|\b(?:but|yet|however|so)\s*,?\s+(?=(?:we|I|it|they|the|this|ministers|government|councils)\b))/giu;

// What a span does not begin with: quotation marks, bullets and list numbers, and the connective that joins it to what went before.
const SPAN_LEAD = /^(?:[\s“"‘'•*–—-]+|\d{1,2}[.)]\s*|\d{1,2}\s+(?=\p{Lu})|(?:but|and|yet|so|while|whilst|however|crucially|importantly|above\s+all|finally|therefore|ultimately|instead|indeed|now|also|then)\b\s*,?\s*)+/iu;

function spanStart(text: string, before: number, from = 0): number {
  let start = from;
  for (const match of text.matchAll(STRONG_BREAK)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > before) break;
    start = Math.max(start, end);
  }
  const lead = SPAN_LEAD.exec(text.slice(start))?.[0].length ?? 0;
  return start + lead;
}

// Where a subject begins: after any break, conjunction or complementiser before the modal.
const SUBJECT_BREAK =
  /(?:^|[,;:(–—]\s*|\s-\s|\b(?<word>and|but|so|yet|or|than|before|after|that|says|said|saying|argues|argued|arguing|believes|thinks|shows|showed|found|finds|because|while|whilst|although|though|if|when|unless|where|as|which|who|whom|whose|whether|how|why|what|until|since|once|then|however|indeed|crucially|instead|ultimately|finally|now|today)\b\s*)/giu;
const SUBORDINATE = /^(?:because|while|whilst|although|though|if|when|unless|where|as|which|who|whom|whose|whether|how|why|what|until|since|once|than|before|after)$/iu;
// "that" after these is a complementiser ("we believe that councils must"); after a noun it opens a relative clause ("rules that should …").
const COMPLEMENTISER_BEFORE =
  /\b(?:believe|believes|think|thinks|agree|agrees|clear|say|says|argue|argues|insist|insists|feel|feels|hope|hopes|means|mean|is|are|urge|urges|ask|asks|demand|demands|recommend|recommends|vital|crucial|essential|imperative|important|critical|time|clearer|sure|convinced|view|case|position|plain|obvious|evident|right)\s+$/iu;
const FIRST_PERSON = /^(?:we|i|you|everyone|everybody|all\s+of\s+us|we\s+all|one|together\s+we|our|my|us|nobody|no\s+one|none|anyone)\b/iu;
const DEMONSTRATIVE = /^(?:it|this|that|these|those|they|something|more|much\s+more|far\s+more|a\s+lot\s+more|so\s+much\s+more|things|change|action)$/iu;
// Verbs after "should" that predict what a measure will do ("this should help families"), with a subject that is not a target.
const PREDICTS =
  /^(?:help|make|mean|improve|reduce|lead|allow|enable|benefit|go\s+some\s+way|strengthen|boost|raise|result|deliver|provide|give|see|bring|save|cut|work|come|start|begin|take|prove|offer|encourage|support|address|tackle|ease|increase|create|free|pay\s+for|expect|change|end|stop|remove|transform|fix|solve|close|shorten|speed\s+up|put\s+an\s+end|be\s+welcomed|be\s+enough|be\s+able|be\s+possible|become|go|happen|follow|remain|stay|continue)\b/iu;
const PRAISE_OR_ASIDE =
  /^(?:be\s+(?:rightly\s+|very\s+|justly\s+|so\s+)?(?:proud|congratulated|commended|praised|applauded|thanked|pleased|celebrated|welcomed|frank|honest|clear|candid|realistic|careful|blunt|plain|noted|said|remembered|stressed|emphasised|emphasized|recognised|acknowledged|pointed\s+out|added)|be\s+seen\s+in\s+(?:proportion|context)|be\s+put\s+in\s+context|be\s+in\s+no\s+doubt|be\s+under\s+no\s+illusion|be\s+aware|say|admit|point\s+out|recognise|recognize|acknowledge|remember|stress|emphasise|emphasize|add|note|not\s+forget|know|understand|ask\s+ourselves|all\s+work\s+together)\b/iu;
// "The help young people need to flourish", "the support families need to …": a relative clause, not a demand.
const REDUCED_RELATIVE =
  /\b(?:help|support|services?|care|resources|skills|money|funding|stability|security|time|things|tools|information|advice|backing|love|space|confidence)\s+(?:[\p{L}'’-]+\s+)?(?:families|children|people|carers|parents|councils|they|we|you|staff|workers|leavers|schools|boroughs|authorities)$/iu;
const PASSIVE = /^(?:not\s+)?be\s+(?:\w+ly\s+)?(?:\p{L}+ed|paid|made|given|put|set|kept|done|taken|seen|brought|built|met|spent|found|held|heard|shown|sought|told|understood|known|backed|matched|funded|prioritised|left|forced|bound)\b/iu;

/**
 * The asks in a text, sentence by sentence: the frames an ask is made in (see the patterns above),
 * each with whom it is asked of, what is asked (to the end of its clause), its theme, and the span
 * from the start of its clause to the end of the action. Not asks: questions, headings, page
 * furniture, excluded spans (the publisher's narrative, others' words), what the measure itself asks,
 * predictions ("this should help families"), and calls told as history or as met ("we have
 * previously called on …", "one we asked for"), unless renewed ("we again urge …").
 */
export function findAsks(text: string, sentences: Sentence[], { exclude = [], findThemeWords, furnished = furniture(sentences) }: AskOptions): Ask[] {
  const excluded = (span: { start: number; end: number }) =>
    exclude.some((e) => Math.min(e.end, span.end) - Math.max(e.start, span.start) > (span.end - span.start) / 2);
  const asks: Ask[] = [];
  sentences.forEach((sentence, i) => {
    if (sentence.heading || furnished.has(sentence) || excluded(sentence)) return;
    if (/\?["”’)]*\s*$/u.test(sentence.text)) return;
    const previous = sentences[i - 1];
    const context = previous && previous.paragraph === sentence.paragraph ? previous.text : '';
    for (const ask of asksInSentence(sentence.text, context, findThemeWords)) {
      asks.push({ ...ask, start: sentence.start + ask.start, end: sentence.start + ask.end });
    }
  });
  asks.push(...listedAsks(text, findThemeWords).filter((ask) => !excluded(ask) && !asks.some((a) => a.start < ask.end && ask.start < a.end)));
  return asks.sort((a, b) => a.start - b.start);
}

/** The asks of one sentence, with offsets into it. */
export function asksInSentence(text: string, context: string, findThemeWords: ThemeFinder): Ask[] {
  // Most frames need a word most sentences lack: those are settled before the frame's pattern is tried at every word.
  const lower = text.toLowerCase();
  const candidates = [
    ...verbFrames(text, context),
    ...(mayHold(lower, 'for') ? forFrames(text) : []),
    ...(mayHold(lower, ...IT_IS_WORDS) ? itIsFrames(text) : []),
    ...toSeeFrames(text, lower),
    ...needFrames(text, lower),
    ...(mayHold(lower, 'need') ? needNounFrames(text) : []),
    ...oweAndEnsureFrames(text, lower),
    ...(mayHold(lower, ...MODAL_WORDS) ? modalFrames(text) : []),
    ...imperativeFrames(text),
  ]
    .filter((c) => !c.checkSubject || madeNow(text, c.clause, c.at))
    .sort((a, b) => a.at - b.at || a.clause - b.clause);

  // One ask per clause: a later frame whose trigger lies in an earlier ask's head (its subject, verb and target) is the same ask.
  const accepted: Candidate[] = [];
  for (const candidate of candidates) {
    const last = accepted[accepted.length - 1];
    if (last && (candidate.at <= last.actionStart || candidate.actionStart <= last.actionStart)) continue;
    accepted.push(candidate);
  }

  const asks: Ask[] = [];
  accepted.forEach((candidate, i) => {
    const next = accepted[i + 1];
    let end = clauseEnd(text, candidate.actionStart);
    if (next && next.at < end) {
      // "We urge the government to X and call on councils to Y": the first action ends where the second clause joins it.
      const joint = /(?:,\s*)?(?:\s+and\s+|\s+but\s+|,\s+)(?:(?:also|then|we|I|will|would|to)\s+)*$/iu.exec(text.slice(candidate.actionStart, Math.max(candidate.actionStart, Math.min(next.at, next.clause > candidate.actionStart ? next.clause : next.at))));
      end = joint ? candidate.actionStart + joint.index : Math.min(end, Math.max(next.clause, candidate.actionStart));
      while (end > candidate.actionStart && /[\s,]/u.test(text[end - 1] ?? '')) end -= 1;
    }
    // A second ask in the sentence begins after the first ends ("… and call on councils to Y").
    const after = asks[asks.length - 1]?.end ?? 0;
    let start = Math.max(candidate.spanFrom ?? spanStart(text, Math.min(candidate.clause, candidate.actionStart), after), after);
    start += SPAN_LEAD.exec(text.slice(start))?.[0].length ?? 0;
    const action = text.slice(candidate.actionStart, end).trim();
    if (!/\p{L}/u.test(action) || end <= start) return;
    asks.push({
      start,
      end,
      text: text.slice(start, end),
      target: candidate.target,
      targetNamed: candidate.targetNamed,
      action,
      theme: themeOf(action, text.slice(start, end), findThemeWords),
    });
  });
  // "It is crucial that all political parties commit to …" resolves "it" and "they" against what came before.
  return asks.map((ask) => (ask.target === PRONOUN_TARGET ? { ...ask, target: lastTargetIn(`${context} ${text.slice(0, ask.start)}`) ?? 'government' } : ask));
}

/** Whether the words before a verb frame make it an ask made now: not negated, not history (unless renewed), not the measure's or others'. */
function madeNow(text: string, clause: number, at: number): boolean {
  const before = text.slice(0, at);
  const verb = text.slice(at);
  if (NEGATED.test(before)) return false;
  if (MEASURE_ASKS.test(before) || OTHERS_ASK.test(before) || MEASURE_SUBJECT.test(text.slice(clause, at)) || EMBEDDED.test(before)) return false;
  // A frame needs its asker: "Campaign for Family Help responds …" and "Asked for the one thing …" name nobody asking.
  if (!/\p{L}/u.test(before) && !/^(?:we|I|they)\b/iu.test(verb)) return false;
  // "…, and asks councils to …" shares the sentence's subject: the strategy's ask when the sentence is about the strategy.
  if (!/\p{L}/u.test(text.slice(clause, at).replace(/\b(?:and|but|while|whilst|also|today|then)\b/giu, '')) && MEASURE_SUBJECT.test(text.replace(/^[\s“"‘']+/u, ''))) return false;
  // "Write to your MP and ask them to …": the reader is asked to ask.
  if (/\byour?\b/iu.test(text.slice(clause, at))) return false;
  // "Scared to ask for help": an infinitive after another verb, unless the speaker goes on asking ("we continue to call for").
  if (/\b(?!(?:continue|continues|continued|want|wants|like|intend|intends|going|wish|need|needs|will)\b)\p{L}+\s+to\s+$/iu.test(before)) return false;
  // "Asking them to do more unpaid is not a serious proposal": a gerund as subject, not an ask; "we are / will be asking" is.
  if (/^\p{L}+ing\b/iu.test(verb) && !/\b(?:are|is|am|were|was|be|been|['’]re|['’]m|keep|continue\s+to|while|whilst|and|also|today|now|again)\s+(?:\w+ly\s+)?$/iu.test(before)) return false;
  const told = text.slice(clause, at).replace(/[“”"]/gu, '');
  const renewed = RENEWED.test(told) || /^\S+\s+(?:and|but)\s+(?:will\s+)?continue\s+to\b/iu.test(verb);
  if (HISTORY.test(told) && !renewed) return false;
  if (PERFECT.test(told) && DURATION.test(text.slice(clause)) && !renewed) return false;
  // "We called on …" in the speaker's own voice is told as history; "The College called on …" is the publisher reporting the ask.
  if (PAST_VERB.test(verb) && FIRST_PERSON_SUBJECT.test(before) && !renewed) return false;
  return true;
}

function verbFrames(text: string, context: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(TO_VERB)) {
    const verb = match.groups?.verb ?? '';
    const phrase = match.groups?.target ?? '';
    const at = match.index ?? 0;
    const named = nameTarget(phrase, `${context} ${text.slice(0, at)}`);
    if (!named) continue;
    if (ADDRESSEE_KNOWN.test(verb) && !targetOf(phrase) && !PRONOUN.test(phrase.trim())) continue;
    // "Asked for", "press ahead to", "want families to be safe": nobody is asked.
    if (/^(?:ahead|on|forward|hard|further|home|back|again|up|out|together|yourself|ourselves)\b/iu.test(phrase.trim())) continue;
    found.push({ at, clause: spanStart(text, at), actionStart: at + match[0].length, target: named.target, targetNamed: named.named, checkSubject: true });
  }
  return found;
}

function forFrames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(FOR_VERB)) {
    const at = match.index ?? 0;
    const verb = (match.groups?.verb ?? '').toLowerCase();
    const before = text.slice(0, at);
    if (/^calls?$/u.test(verb) && NOUN_CALL.test(before) && !JOINED_CALL.test(before)) continue;
    // "The part our members played in campaigning for them": a gerund told, not a call made.
    if (/ing$/u.test(verb) && /\b(?:in|by|of|from|after|since|through|for|about|without)\s+$/iu.test(before)) continue;
    if (/^demand/u.test(verb) && !DEMAND_SUBJECT.test(before)) continue;
    let actionStart = at + match[0].length;
    const rest = text.slice(actionStart);
    if (/^(?:evidence|views|comments|submissions|trouble|help\s+from\s+(?:us|our)|more\s+of\s+the\s+same|(?:a\s+long|some|many)\s+(?:time|years)|years|decades)\b/iu.test(rest)) continue;
    // "Call for the government to act": the addressee and the verb; "call for more funding from the Treasury": the thing and its giver.
    let target = 'government';
    let targetNamed = false;
    const addressee = leadingTargets(rest);
    const to = addressee.targets.length > 0 ? /^\s*,?\s+to\s+(?=\p{L})/u.exec(rest.slice(addressee.length)) : null;
    if (to) {
      target = addressee.targets.join(' and ');
      targetNamed = true;
      actionStart += addressee.length + to[0].length;
    } else {
      const giver = /\b(?:from|by)\s+((?:the\s+)?[\p{L}’' ]{2,40}?)(?=[\s,.;:–—]|$)/u.exec(rest.slice(0, clauseEnd(rest, 0)));
      const known = giver?.[1] ? targetOf(giver[1]) : undefined;
      if (known) {
        target = known;
        targetNamed = true;
      }
    }
    found.push({ at, clause: spanStart(text, at), actionStart, target, targetNamed, checkSubject: true });
  }
  return found;
}

function itIsFrames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(IT_IS)) {
    const at = match.index ?? 0;
    const link = (match.groups?.link ?? '').toLowerCase();
    const adjective = (match.groups?.adj ?? '').toLowerCase();
    const restStart = at + match[0].length;
    const rest = text.slice(restStart);
    if (link === 'to') {
      if (REMARK.test(rest) || adjective === 'time' && /^(?:say|reflect|celebrate)\b/iu.test(rest)) continue;
      found.push({ at, clause: spanStart(text, at), actionStart: restStart, target: 'government', targetNamed: false, checkSubject: false });
      continue;
    }
    const subject = leadingTargets(rest);
    if (subject.targets.length > 0 && !PASSIVE.test(rest.slice(subject.length).trim().replace(/^(?:are|is|were|must|should|will)\s+/iu, 'be '))) {
      // "That all political parties commit to", "for ministers to act": the action starts at the verb, after any modal.
      const after = rest.slice(subject.length);
      const bridge = (link === 'for' ? /^\s*,?\s+to\s+/u : /^\s*,?\s+(?:(?:must|should|will|shall|do|does|now|also|urgently|quickly|then|finally)\s+)*/u).exec(after);
      if (!bridge || (link === 'for' && !bridge[0])) continue;
      found.push({ at, clause: spanStart(text, at), actionStart: restStart + subject.length + bridge[0].length, target: subject.targets.join(' and '), targetNamed: true, checkSubject: false });
      continue;
    }
    if (FIRST_PERSON.test(rest) || (link === 'for' && !/\bto\s+\p{L}/u.test(rest.slice(0, clauseEnd(rest, 0))))) continue;
    if (PRONOUN.test(rest.split(/\s+/u)[0] ?? '')) {
      found.push({ at, clause: spanStart(text, at), actionStart: restStart + (rest.split(/\s+/u)[0]?.length ?? 0) + 1, target: PRONOUN_TARGET, targetNamed: true, checkSubject: false });
      continue;
    }
    found.push({ at, clause: spanStart(text, at), actionStart: restStart, target: 'government', targetNamed: false, checkSubject: false });
  }
  return found;
}

function toSeeFrames(text: string, lower: string): Candidate[] {
  const found: Candidate[] = [];
  for (const [pattern, word] of [
    [TO_SEE, 'see'],
    [WOULD_WELCOME, 'welcome'],
    [WHAT_IS_NEEDED, 'what'],
  ] as const) {
    for (const match of mayHold(lower, word) ? text.matchAll(pattern) : []) {
      const at = match.index ?? 0;
      let actionStart = at + match[0].length;
      let target = 'government';
      let targetNamed = false;
      const rest = text.slice(actionStart);
      if (pattern === WOULD_WELCOME && /^(?:the\s+)?(?:news|announcement|fact|decision|strategy|plans?|commitment|publication)\b/iu.test(rest)) continue;
      // "We want to see family help succeed": a hope for the measure, not an ask.
      if (pattern === TO_SEE && /^(?:[\p{L}'’-]+\s+){1,4}(?:succeed|work|thrive|flourish|happen|do\s+well)\b/iu.test(rest)) continue;
      const addressee = leadingTargets(rest);
      // "We want to see the government commit …": the addressee, then its verb (not a possessive, nor a noun's complement).
      if (pattern === TO_SEE && addressee.targets.length > 0 && /^\s+(?!(?:response|plans?|strategy|commitment|proposals?)\b)(?:(?:go|now|also|urgently|quickly|finally)\s+)*\p{Ll}+/u.test(rest.slice(addressee.length))) {
        target = addressee.targets.join(' and ');
        targetNamed = true;
        actionStart += addressee.length + (/^\s+/u.exec(rest.slice(addressee.length))?.[0].length ?? 0);
      }
      found.push({ at, clause: spanStart(text, at), actionStart, target, targetNamed, checkSubject: pattern !== WHAT_IS_NEEDED });
    }
  }
  return found;
}

function needFrames(text: string, lower: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of mayHold(lower, 'there') ? text.matchAll(THERE_IS_NEED) : []) {
    const at = match.index ?? 0;
    if (NEGATED.test(text.slice(0, at + match[0].length).replace(/need\s+(?:for|to)\s+$/iu, ''))) continue;
    found.push({ at, clause: spanStart(text, at), actionStart: at + match[0].length, target: 'government', targetNamed: false, checkSubject: false });
  }
  for (const match of mayHold(lower, ...NEEDED_WORDS) ? text.matchAll(NEEDED) : []) {
    const at = match.index ?? 0;
    const predicate = (match.groups?.predicate ?? '').toLowerCase();
    const subject = subjectBefore(text, at);
    if (!subject || subject.relative) continue;
    const phrase = subject.text;
    if (FIRST_PERSON.test(phrase) || phrase.split(/\s+/u).length > 14 || /^what\b/iu.test(phrase)) continue;
    if (REPORTS_MEASURE.test(text.slice(0, at)) || FINDING.test(text.slice(0, subject.start))) continue;
    // Something asked for is wanted in more measure than now ("sustained growth in investment … will be essential"); that
    // early help is crucial praises what exists. "Needed" and "required" ask whatever they qualify.
    const wanted = /needed|required|necessary|overdue/u.test(predicate) ? ASK_NOUN.test(phrase) || /^(?:more|change|much\s+more|far\s+more)$/iu.test(phrase) : ASK_NOUN.test(phrase) && MORE_OF.test(phrase);
    if (!wanted) continue;
    found.push({ at: subject.start, clause: subject.start, actionStart: subject.start, spanFrom: subject.start, target: 'government', targetNamed: false, checkSubject: false });
  }
  return found;
}

// "Councils need a multi-year funding settlement", "our members need help now": those the speaker speaks for, needing what is asked for.
const NEED_NP =
  /\b(?<subject>(?:we|councils|local\s+authorities|our\s+members|members|families|children|young\s+people|kinship\s+carers|carers|social\s+workers|the\s+sector|services|schools|boroughs|counties|children\s+and\s+families(?:\s+in\s+the\s+system)?))\s+(?:(?:urgently|desperately|badly|now|also|still|simply|really|clearly|therefore|all)\s+)*needs?\s+(?!to\b)(?=\p{L}|£)/giu;

function needNounFrames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(NEED_NP)) {
    const at = match.index ?? 0;
    const before = text.slice(0, at);
    const rest = text.slice(at + match[0].length);
    const object = rest.slice(0, clauseEnd(rest, 0));
    if (!ASK_NOUN.test(object) && !/^(?:an?\s+)?(?:extra\s+|additional\s+)?£/u.test(object)) continue;
    // "The help they need", "families who need help": a relative clause; "research shows councils need …": a finding.
    if (/\b(?:who|that|which|the\s+[\p{L}-]+)\s+$/iu.test(before) || FINDING.test(before) || REPORTS_MEASURE.test(before) || NEGATED.test(before)) continue;
    found.push({ at, clause: at, actionStart: at, spanFrom: spanStart(text, at), target: 'government', targetNamed: false, checkSubject: false });
  }
  return found;
}

function oweAndEnsureFrames(text: string, lower: string): Candidate[] {
  const found: Candidate[] = [];
  // The pattern tries every word as a subject: only a sentence that owes anything is read with it.
  for (const match of /\bowes?\s+it\s+to\b/iu.test(text) ? text.matchAll(OWE_IT) : []) {
    const at = match.index ?? 0;
    const subject = (match.groups?.subject ?? '').trim();
    const known = targetOf(subject);
    if (!known && !/^(?:we|they|you)$/iu.test(subject)) continue;
    found.push({ at, clause: spanStart(text, at), actionStart: at + match[0].length, target: known ?? 'government', targetNamed: Boolean(known), checkSubject: true });
  }
  for (const match of mayHold(lower, 'sure', 'see') ? text.matchAll(MAKE_SURE) : []) {
    const at = match.index ?? 0;
    const restStart = at + match[0].length;
    const subject = leadingTargets(text.slice(restStart));
    if (subject.targets.length === 0) continue;
    const gap = /^\s*,?\s*(?:(?:must|should|will|do|does|now|also)\s+)*/u.exec(text.slice(restStart + subject.length))?.[0].length ?? 0;
    found.push({ at, clause: spanStart(text, at), actionStart: restStart + subject.length + gap, target: subject.targets.join(' and '), targetNamed: true, checkSubject: true });
  }
  return found;
}

/** The subject of the clause whose verb begins at `at`: from the last break before it; `relative` when the clause is subordinate. */
function subjectBefore(text: string, at: number): { start: number; text: string; relative: boolean } | undefined {
  let start = 0;
  let word = '';
  let wordAt = 0;
  for (const match of text.slice(0, at).matchAll(SUBJECT_BREAK)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > at) break;
    start = end;
    word = match.groups?.word ?? '';
    wordAt = match.index ?? 0;
  }
  start += /^(?:[\s“"‘'•*]+|\d{1,2}[.)]\s*)*/u.exec(text.slice(start, at))?.[0].length ?? 0;
  const phrase = text.slice(start, at).trim();
  if (!phrase) return undefined;
  const relative = SUBORDINATE.test(word) || (word.toLowerCase() === 'that' && !COMPLEMENTISER_BEFORE.test(text.slice(0, wordAt)));
  return { start, text: phrase, relative };
}

function modalFrames(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const match of text.matchAll(MODAL)) {
    const at = match.index ?? 0;
    const modal = (match.groups?.modal ?? '').toLowerCase().replace(/\s+/gu, ' ');
    const verbAt = at + match[0].length;
    const rest = text.slice(verbAt);
    // "The need to", "needs to" after a determiner: a noun.
    if (/^needs?\s+to$/u.test(modal) && /\b(?:the|a|an|its|their|our|this|his|her|urgent|clear|real)\s+$/iu.test(text.slice(0, at))) continue;
    if (PRAISE_OR_ASIDE.test(rest) || /\b(?:from|to|by)\s+you\b|\byour\s+MP\b/iu.test(rest.slice(0, clauseEnd(rest, 0)))) continue;
    const subject = subjectBefore(text, at);
    if (!subject || subject.relative) continue;
    const phrase = subject.text.replace(/^(?:and|but|so|then)\s+/iu, '');
    if (FIRST_PERSON.test(phrase) || phrase.split(/\s+/u).length > 12 || REDUCED_RELATIVE.test(phrase)) continue;
    // The measure's words reported, an estimate, a conditional: not the speaker's demand.
    if (REPORTS_MEASURE.test(text.slice(0, at))) continue;
    if (/^(?:would|could|might|may|can|will)\b/iu.test(phrase)) continue;
    // "Councils must be given the resources": the giver is asked, not the councils. "To succeed the Department needs to": the
    // subject after a fronted purpose clause.
    const fronted = /^(?:to|in\s+order\s+to)\s+[\p{L}'’-]+\s+(?:(?!(?:the|a|an|this|its|our)\b)[\p{L}'’-]+\s+)?(?=\p{L})/iu.exec(phrase);
    const target = PASSIVE.test(rest) ? undefined : (targetOf(phrase) ?? (fronted ? targetOf(phrase.slice(fronted[0].length)) : undefined));
    if (target && fronted && !targetOf(phrase)) subject.start += text.slice(subject.start).indexOf(phrase) + fronted[0].length;
    const pronoun = DEMONSTRATIVE.test(phrase);
    if (!target) {
      // Compulsion ("families have to wait") and plans ("councils will need to") describe; obligation on the measure or others asks.
      if (/^(?:has to|have to|will need to|will have to)$/u.test(modal) && !pronoun) continue;
      if (modal === 'should' && PREDICTS.test(rest) && !PASSIVE.test(rest)) continue;
      if (/^(?:be\s+)?(?:a|an|the)\b/iu.test(rest) && modal === 'should' && pronoun) continue;
    }
    const negation = match.groups?.negation ?? '';
    if (target) {
      found.push({ at, clause: subject.start, actionStart: verbAt - negation.length, spanFrom: subject.start, target, targetNamed: true, checkSubject: false });
    } else {
      // Whoever must act is not named: the demand is on the government, and the action is the whole clause ("kinship carers should receive …").
      const by = PASSIVE.test(rest) ? /\bby\s+((?:the\s+)?[\p{L}’' ]{2,40}?)(?=[\s,.;:–—]|$)/u.exec(rest.slice(0, clauseEnd(rest, 0))) : null;
      const known = by?.[1] ? targetOf(by[1]) : undefined;
      found.push({ at, clause: subject.start, actionStart: subject.start, spanFrom: subject.start, target: known ?? 'government', targetNamed: Boolean(known), checkSubject: false });
    }
  }
  return found;
}

function imperativeFrames(text: string): Candidate[] {
  if (!/[.!]["”’)]*\s*$/u.test(text)) return [];
  const match = IMPERATIVE.exec(text);
  if (!match) return [];
  const at = match.index + match[0].length - (match.groups?.verb?.length ?? 0);
  const vocative = match.groups?.vocative;
  const target = vocative ? (targetOf(vocative) ?? 'government') : 'government';
  return [{ at, clause: spanStart(text, 0), actionStart: at, target, targetNamed: Boolean(vocative), checkSubject: false }];
}

// A lead-in that opens a list of asks: "We urge the government to:", "Our asks of Government:", "We are calling for:".
const LIST_LEAD = /(?:^|\bour\s+)(?:(?:key|main|top|five|four|three|two|urgent)\s+)?(?:asks|calls|demands|recommendations|priorities)(?:\s+(?:of|for|to)\s+(?<target>[^:]{2,60}?))?\s*(?:are|include|is)?\s*:\s*$/iu;
// Stands for the list after a lead-in ("We urge the government to:"), so that the lead-in reads as a frame with an action.
const LISTED = 'xlisted';
const BULLET = /^(?:[•*·▪–—-]|\d{1,2}[.)]|\(?[a-z][.)])\s*/u;

/** Asks made as a list: a lead-in naming the asks (or a frame with nothing after it), then one ask per bullet. */
function listedAsks(text: string, findThemeWords: ThemeFinder): Ask[] {
  const asks: Ask[] = [];
  const lines = paragraphs(text);
  lines.forEach((line, i) => {
    if (!/:\s*$/u.test(line.text) || BULLET.test(line.text)) return;
    let lead: { target: string; targetNamed: boolean } | undefined;
    const listed = LIST_LEAD.exec(line.text);
    if (listed) {
      const named = listed.groups?.target ? targetOf(listed.groups.target) : undefined;
      lead = { target: named ?? 'government', targetNamed: Boolean(named) };
    } else {
      // "We urge the government to:", "We are calling for:": a frame whose action is the list.
      const open = asksInSentence(`${line.text.replace(/:\s*$/u, '')} ${LISTED}.`, '', () => []);
      const frame = open.find((a) => a.action === LISTED);
      if (frame) lead = { target: frame.target, targetNamed: frame.targetNamed };
    }
    if (!lead) return;
    for (const item of lines.slice(i + 1)) {
      if (!BULLET.test(item.text)) break;
      const marker = BULLET.exec(item.text)?.[0].length ?? 0;
      // A bullet that goes on after its ask ("Commit the £2.4bn. Anything less would …"): the ask is its first sentence.
      const stop = /[.!?]["”’]?\s/u.exec(item.text.slice(marker));
      let end = stop ? marker + stop.index + 1 : item.text.length;
      while (end > marker && /[\s,.;]/u.test(item.text[end - 1] ?? '')) end -= 1;
      if (/(?:^|\s)and$/iu.test(item.text.slice(marker, end))) end -= 3;
      while (end > marker && /[\s,.;]/u.test(item.text[end - 1] ?? '')) end -= 1;
      const action = item.text.slice(marker, end);
      if (!/\p{L}{2}/u.test(action)) continue;
      asks.push({ start: item.start + marker, end: item.start + end, text: action, ...lead, action, theme: themeOf(action, action, findThemeWords) });
    }
  });
  return asks;
}

/** The theme an ask bears on: the theme most named in its action, else in the rest of its clause; null when neither names one. */
function themeOf(action: string, sentence: string, findThemeWords: ThemeFinder): string | null {
  for (const words of [action, sentence]) {
    const counts = new Map<string, number>();
    for (const match of findThemeWords(words)) counts.set(match.slug, (counts.get(match.slug) ?? 0) + 1);
    // On a tie, money decides: "fund family help" is an ask about funding.
    const best = [...counts].sort((a, b) => b[1] - a[1] || Number(b[0] === 'funding') - Number(a[0] === 'funding'))[0];
    if (best) return best[0];
  }
  return null;
}
