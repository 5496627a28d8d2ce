import type { Stance } from '../stance.ts';
import { themeFinder, type EventKind, type Lexicon, type ThemeFinder } from './lexicon.ts';
import { decide, type StanceScorer } from './stance.ts';
import { furniture } from './boilerplate.ts';
import { wordCount, type Sentence, type Span } from './text.ts';

export interface Evidence extends Span {
  stance: Stance;
  cues: string[];
}

export interface ThemeFinding {
  theme: string;
  stance: Stance;
  /** The sentences that carry the stance (or, for a neutral theme, that mention it). */
  evidence: Evidence[];
  /** How many sentences discuss the theme. */
  mentions: number;
  /** How sure the analyser is of the stance, 0–1: how strong and how consistent its cues were (see `confidenceOf`). */
  confidence: number;
}

/** The weight of the cues for each side in one sentence. */
interface Weights {
  supportive: number;
  critical: number;
}

// A judgement inferred from context (a "However," after a welcome; "This …" referring back) has no
// cue of its own: it counts for this much, less than the weakest cue.
const INFERRED = 0.5;
// A sentence that turns against the welcome before it ("That is the right ambition. But the plans reach a dozen areas first.")
// is the critical half of the pair, though it has no judgement words: as heavy as a reservation, so that the pair is mixed.
const INFERRED_TURN = 1.5;
// Cue weight at which strength reaches 1 - 1/e (about 0.63): one explicit judgement and a weak signal.
const STRENGTH_SCALE = 3;
// A theme mentioned without any judgement the lexicon knows: often a description, but as often an
// argument in words the lexicon lacks, so the analyser is unsure.
const NEUTRAL_CONFIDENCE = 0.3;

/**
 * The confidence in a theme's stance from the cue weights of the sentences about it: strength
 * (1 - e^(-w/3), w the weight on the side(s) that decided it) times consistency (for supportive or
 * critical, the share of all cue weight on that side; for mixed, how balanced the two sides are:
 * 2·min/(min+max)). Neutral, with no judgement found, is NEUTRAL_CONFIDENCE. Rounded to 0.01.
 */
export function confidenceOf(stance: Stance, sentences: Weights[]): number {
  if (stance === 'neutral') return NEUTRAL_CONFIDENCE;
  const supportive = sentences.reduce((sum, w) => sum + w.supportive, 0);
  const critical = sentences.reduce((sum, w) => sum + w.critical, 0);
  const total = supportive + critical;
  if (total === 0) return NEUTRAL_CONFIDENCE;
  const strength = (weight: number) => 1 - Math.exp(-weight / STRENGTH_SCALE);
  let value: number;
  if (stance === 'mixed') value = strength(total) * ((2 * Math.min(supportive, critical)) / total);
  else {
    const side = stance === 'supportive' ? supportive : critical;
    value = strength(side) * (side / total);
  }
  return Math.round(value * 100) / 100;
}


const CONTINUES = /^(?:[“"‘']?\s*)(?:this|that|these|those|it|and|so)\b/i;
const REFERS_TO_PREVIOUS = /^(?:[“"‘']?\s*)(?:this|that|these|those|it)\b/i;
const TURNS = /^(?:[“"‘']?\s*)(however|but|yet)\b/i;
const REFERS_BACK = /\b(?:this|these|those|that approach|the move|the plans?|they|them|their)\b/i;
// The measure itself: the strategy, its plans, proposals or money. A sentence about it that judges nothing describes it (neutral);
// a judgement of it that names no theme judges the themes of the sentence before.
const MEASURE = /\b(?:strategy|plans?|proposals?|reforms?|review|recommendations?|consultation|announcement|package|measures?|pilots?|programme|scheme|framework|settlement|commitments?|pledges?|offer|allowance)\b|\bunder the\b|\bsets? out\b|\bcommits? to\b/i;

// How things stand before the measure ("At the moment, not enough families get that help"): problem talk, where the sentence
// names no measure and is not the speaker's own account ("At present we cannot recruit …" is its experience, judged as written).
const STATUS_QUO = /^[“"‘']?\s*(?:at the moment|at present|currently|right now)\b/iu;
const FIRST_PERSON = /\b(?:we|our|us)\b/iu;
const describesTheStatusQuo = (text: string): boolean => STATUS_QUO.test(text) && !MEASURE.test(text) && !FIRST_PERSON.test(text);

/** A theme word whose phrase is for someone else: "training for kinship carers", "allowances … for special guardians". */
const FOR_WHOM = /^\s+(?:[\p{L}'’-]+\s+)?for\s+(?:[\p{L}'’-]+\s+){0,3}$/u;
// Money words and amounts stay funding wherever the money goes ("£45m for kinship carers" argues about money).
const MONEY = /^(?:£|\$|€|\d|funding|funded|fund|money|investment|invest|million|billion|bn|grant|cash|pounds|budget|settlement)/iu;
// "fund" as a verb ("plans to fund", "will fund") and what it pays for, a few words on ("up to 450 social work apprentices").
const FUND_VERB = /\b(?:to|will|would|plans? to|promises? to|pledges? to)\s+fund$/iu;
const FUNDED_OBJECT = /^\s+(?:up to\s+|more than\s+|around\s+|about\s+|an extra\s+|extra\s+|new\s+|more\s+|the\s+)?(?:[\d,]+\s+)?(?:[\p{L}'’-]+\s+){0,2}$/u;
// Foster carers are in no core theme (DOMAIN: neither workforce nor kinship): what is for them is not the theme of its words.
// Words for staff in general, and the professions beside children's social care that they may be about.
const STAFF_WORD = /^(?:workforce|staff|staffing|recruit\w*|retention|retain\w*|training|supervision|workloads?|caseloads?|vacanc\w*|practitioners?|frontline staff|pay and conditions|salaries|career|bureaucracy|paperwork|agency)$/iu;
const OTHER_PROFESSION =
  /\b(?:foster\s+carers?|teachers?|head\s?teachers?|health\s+visit\w*|midwi\w*|nurses?|gps?|doctors?|paediatricians?|police|officers|youth\s+(?:workers?|justice)|early\s+years\s+staff|children['’]s\s+homes?|residential)\b/iu;
// Recruiting (and retaining) foster carers is fostering, not the social work workforce.
const FOSTER_CARERS =
  /^\s+(?:[\p{L}'’-]+\s+){0,3}for\s+(?:[\p{L}'’-]+\s+){0,2}foster(?:ing)?\s+(?:carers?|families|parents)\b|^(?:\s+(?:and|or)\s+[\p{L}-]+)?\s+(?:of\s+)?(?:more\s+|new\s+|the\s+|our\s+)?foster(?:ing)?\s+(?:carers?|families|parents)\b/iu;

/**
 * A theme word that qualifies what is provided for another theme's people belongs to theirs ("new
 * training for kinship carers" is kinship, not workforce; "financial allowances for special
 * guardians" is kinship, not funding), and what is provided for foster carers is in no core theme.
 */
function forSomeoneElse(text: string, match: { start: number; end: number; slug: string }, all: { start: number; slug: string }[]): boolean {
  const after = text.slice(match.end);
  // Staff words in a sentence about another profession, with no social work in it ("teachers' safeguarding training",
  // "youth justice practitioners", "the staff of children's homes"): that profession's workforce, not children's social care's.
  if (STAFF_WORD.test(text.slice(match.start, match.end)) && OTHER_PROFESSION.test(text) && !/\bsocial\s+work/iu.test(text)) return true;
  if (FOSTER_CARERS.test(after) || /\bfoster(?:ing)?\s+(?:(?:carers?|families|parents)\s+)?$/iu.test(text.slice(0, match.start))) return true;
  // "The plan to fund 450 social work apprentices": the verb's object is what is judged; an amount stays funding.
  if (FUND_VERB.test(text.slice(Math.max(0, match.start - 12), match.end))) {
    return all.some((other) => other.slug !== match.slug && other.start > match.end && FUNDED_OBJECT.test(text.slice(match.end, other.start)));
  }
  if (MONEY.test(text.slice(match.start, match.end))) return false;
  return all.some((other) => other.slug !== match.slug && other.start > match.end && FOR_WHOM.test(text.slice(match.end, other.start)));
}

/**
 * Details the sentence adds about what it judges: a non-defining relative clause (", which …", up to
 * the next comma) or a list of examples (", including …", to the end of the clause). They count only
 * where the rest of the sentence names no theme ("Much of this is positive, including its focus on
 * early help": the list is what was judged).
 */
function detailsOf(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/,\s*(?:(which|who|whose)|including|such as|for example|for instance)\b/gu)].map((m) => {
    const from = (m.index ?? 0) + m[0].length;
    const clauseEnd = text.slice(from).search(/[;:]/u);
    const end = m[1] ? text.indexOf(',', from) : clauseEnd === -1 ? -1 : from + clauseEnd;
    return { start: m.index ?? 0, end: end === -1 ? text.length : end };
  });
}

// The words that make a run of capitalised words an organisation's name.
const NAME_WORD = /^(?:society|trust|alliance|association|network|council|councils|foundation|group|centre|center|institute|charity|partnership|coalition|federation|college|union|commission|forum|board|campaign|collective|consortium|service|services)$/iu;

/**
 * A theme word written as part of an organisation's name ("the Society of Family Practitioners", "the Kinship Carers'
 * Trust"): capitalised mid-sentence, in a run of capitalised words (and "of", "for", "and") with a word that names a
 * body, or a single capitalised word ("the Treasury"). A capitalised service or programme of two words or more ("Family
 * Help teams", "the Early Help Strategy") is still the theme.
 */
function inName(text: string, start: number, end: number): boolean {
  const initial = text[start] ?? '';
  if (initial.toLowerCase() === initial) return false;
  if (!/[\p{L}\p{N},;]\s*$/u.test(text.slice(0, start))) return false;
  // One capitalised word ("the Treasury", "Barnardo's"): a name.
  if (!/\s/u.test(text.slice(start, end).trim())) return true;
  const before = /(?:(?:\p{Lu}[\p{L}'’-]*|of|for|and|&)\s+)*$/u.exec(text.slice(0, start))?.[0] ?? '';
  const after = /^(?:[\p{L}'’-]+)(?:\s+(?:\p{Lu}[\p{L}'’-]*|of|for|and|&))*/u.exec(text.slice(start))?.[0] ?? '';
  return `${before} ${after}`.split(/\s+/u).some((word) => NAME_WORD.test(word.replace(/['’]s?$/u, '')));
}

/**
 * Which themes a text discusses and its stance on each. A theme is discussed when a sentence
 * that is not a heading or list label uses one of its cue words. A short judgement with no cue
 * of its own ("And we agree.", "We are pleased … this new approach") counts for the themes of
 * the sentence before it; a sentence that opens by referring back ("That includes …") takes the
 * stance of the one before when it has none of its own. Organisations describing their own
 * measures (the government) are neutral by definition: stance is towards the government's measure.
 */
export function findThemes(
  sentences: Sentence[],
  lexicon: Lexicon,
  scorer: StanceScorer,
  {
    describesOwnMeasures = false,
    eventKind = 'measure' as EventKind,
    furnished = furniture(sentences),
  }: { describesOwnMeasures?: boolean; eventKind?: EventKind; /** `furniture(sentences)`, when the caller has it. */ furnished?: Set<Sentence> } = {},
  findThemeWords: ThemeFinder = themeFinder(lexicon.themes),
): ThemeFinding[] {
  const body = sentences.filter((s) => !s.heading && !furnished.has(s));
  const scored = body.map((sentence) => {
    const read = scorer.score(sentence.text, eventKind);
    const score = describesTheStatusQuo(sentence.text) ? { ...read, stance: 'neutral' as const, supportive: 0, critical: 0, cues: [], clauses: read.clauses.map((c) => ({ ...c, supportive: 0, critical: 0 })), problemTalk: true } : read;
    // A clause with theme words of its own judges those themes; a clause without judges every theme of the sentence.
    const clauseThemes = score.clauses.map(() => new Set<string>());
    // Lowercased as the scorer reads it, so that both read the same words once (offsets are the same).
    const lower = sentence.text.toLowerCase();
    const matches = findThemeWords(lower.length === sentence.text.length ? lower : sentence.text);
    const details = detailsOf(lower);
    const inDetail = (m: { start: number }) => details.some((d) => m.start >= d.start && m.start < d.end);
    const named = matches.filter((m) => !inName(sentence.text, m.start, m.end));
    const main = named.filter((m) => !inDetail(m));
    // The themes the sentence is about, not only names in passing in a detail: what a paragraph is about (see below).
    const subjects = new Set<string>();
    for (const match of named) {
      if (forSomeoneElse(sentence.text, match, matches)) continue;
      // A theme named only in a detail ("…, which will be paid for from the grant") is not what the sentence judges.
      if (inDetail(match) && main.some((m) => m.slug !== match.slug)) continue;
      if (!inDetail(match)) subjects.add(match.slug);
      const at = score.clauses.findIndex((c) => match.start >= c.start && match.start < c.end);
      clauseThemes[Math.max(at, 0)]?.add(match.slug);
    }
    const themes = new Set(clauseThemes.flatMap((set) => [...set]));
    const perTheme = new Map<string, Weights>();
    for (const theme of themes) {
      const weights: Weights = { supportive: 0, critical: 0 };
      score.clauses.forEach((clause, i) => {
        const own = clauseThemes[i];
        if (!own || own.size === 0 || own.has(theme)) {
          weights.supportive += clause.supportive;
          weights.critical += clause.critical;
        }
      });
      perTheme.set(theme, weights);
    }
    const weights: Weights = { supportive: score.supportive, critical: score.critical };
    return { sentence, themes, subjects, stance: score.stance, cues: score.cues, weights, perTheme, problemTalk: score.problemTalk, turnedOnly: false };
  });

  scored.forEach((current, i) => {
    const previous = scored[i - 1];
    // "We welcome X. However, Y.": a sentence that turns against a welcome, with no judgement
    // words of its own, is still the critical half of the pair.
    const lastJudged = [scored[i - 1], scored[i - 2]].find((s) => s && s.stance !== 'neutral');
    if (current.stance === 'neutral' && TURNS.test(current.sentence.text) && lastJudged?.stance === 'supportive') {
      current.stance = 'critical';
      current.cues = [current.sentence.text.match(TURNS)?.[1]?.toLowerCase() ?? 'however'];
      current.weights = { supportive: 0, critical: INFERRED_TURN };
      current.turnedOnly = true;
      current.perTheme = new Map([...current.themes].map((theme) => [theme, current.weights]));
      current.problemTalk = false;
    }
    if (!previous || previous.sentence.paragraph !== current.sentence.paragraph) return;
    const judged = current.stance !== 'neutral';
    // A judgement that names no theme but refers back ("There must be a guarantee that they stay open") or is short goes on
    // with the theme of the sentence before.
    if (current.themes.size === 0 && judged && (wordCount(current.sentence.text) <= 6 || CONTINUES.test(current.sentence.text) || REFERS_BACK.test(current.sentence.text) || MEASURE.test(current.sentence.text))) {
      for (const theme of previous.themes) {
        current.themes.add(theme);
        current.perTheme.set(theme, current.weights);
      }
    }
    // "It is imperative that the Treasury steps in. Councils cannot deliver this out of budgets …": a
    // judgement that names no theme is explained by the sentence after it, which names the theme.
    if (current.themes.size > 0 && current.problemTalk && previous.themes.size === 0 && previous.cues.some((cue) => cue.startsWith('demand: '))) {
      current.stance = previous.stance;
      current.cues = previous.cues;
      current.weights = previous.weights;
      current.perTheme = new Map([...current.themes].map((theme) => [theme, current.weights]));
      current.problemTalk = false;
      return;
    }
    if (current.themes.size > 0 && !judged && !current.problemTalk && REFERS_TO_PREVIOUS.test(current.sentence.text) && previous.stance !== 'neutral') {
      current.stance = previous.stance;
      current.cues = previous.cues;
      // It says what the sentence before judged: the same judgement, half as strong.
      current.weights = { supportive: previous.weights.supportive * INFERRED, critical: previous.weights.critical * INFERRED };
      current.perTheme = new Map([...current.themes].map((theme) => [theme, current.weights]));
    }
  });

  // A judgement that names no theme, in a paragraph that discusses one theme only, judges that theme ("We welcome the Family
  // Help pathfinders. ¶ But twelve areas are not a national offer, and we are concerned … Early help that depends on your
  // postcode is not early help."): a paragraph keeps to its subject. Where the paragraph discusses several, it is not guessed.
  const paragraphThemes = new Map<number, Set<string>>();
  for (const { sentence, subjects } of scored) {
    const set = paragraphThemes.get(sentence.paragraph) ?? new Set<string>();
    for (const theme of subjects) set.add(theme);
    paragraphThemes.set(sentence.paragraph, set);
  }
  for (const current of scored) {
    const [only, ...others] = paragraphThemes.get(current.sentence.paragraph) ?? [];
    if (current.themes.size > 0 || current.stance === 'neutral' || only === undefined || others.length > 0) continue;
    current.themes.add(only);
    current.perTheme.set(only, current.weights);
  }

  return lexicon.themes.flatMap((theme) => {
    const about = scored
      .filter((s) => s.themes.has(theme.slug))
      .map((s) => {
        const weights = s.perTheme.get(theme.slug) ?? s.weights;
        return { ...s, weights, stance: decide(weights.supportive, weights.critical) };
      });
    if (about.length === 0) return [];
    const toEvidence = (s: (typeof about)[number]): Evidence => ({
      start: s.sentence.start,
      end: s.sentence.end,
      text: s.sentence.text,
      stance: describesOwnMeasures ? 'neutral' : s.stance,
      cues: s.cues,
    });
    const weighed = describesOwnMeasures ? [] : about.filter((s) => s.weights.supportive > 0 || s.weights.critical > 0);
    // Judgements only inferred from their neighbours ("But the answer is to invest …" after a welcome of something else), with
    // no cue of their own anywhere in the text, are too faint to tag a theme by.
    const judged = weighed.every((s) => s.turnedOnly) ? [] : weighed;
    // A theme no sentence judges is tagged neutral only where the text describes the measure's part
    // in it: not for problem talk, a passing mention, or one item of a list of themes.
    const discussed = describesOwnMeasures || about.some((s) => !s.problemTalk && s.themes.size === 1 && MEASURE.test(s.sentence.text));
    if (judged.length === 0 && !discussed) return [];
    const stance = aggregate(judged.map((s) => s.weights));
    // The strongest evidence, in the order of the text.
    const strength = (s: (typeof about)[number]) => s.weights.supportive + s.weights.critical;
    const strongest = [...judged].sort((a, b) => strength(b) - strength(a)).slice(0, 3);
    const evidence = (judged.length > 0 ? judged.filter((s) => strongest.includes(s)) : about.slice(0, 3)).map(toEvidence);
    const confidence = describesOwnMeasures ? 1 : confidenceOf(stance, judged.map((s) => s.weights));
    return [{ theme: theme.slug, stance, evidence, mentions: about.length, confidence }];
  });
}

/**
 * A theme's stance from every sentence that judges it: `decide` on the summed weights, so that both
 * sides must be really argued across the text (one welcome with a condition among several complaints
 * is a complaint; a stray weak signal against explicit judgements does not mix them). Where only
 * inferred judgements (half a weak cue) speak, the heavier side.
 */
function aggregate(weights: Weights[]): Stance {
  const supportive = weights.reduce((sum, w) => sum + w.supportive, 0);
  const critical = weights.reduce((sum, w) => sum + w.critical, 0);
  const decided = decide(supportive, critical);
  // Judgements only inferred from context weigh less than a weak cue: the heavier side still decides.
  if (decided !== 'neutral' || supportive === critical) return decided;
  return supportive > critical ? 'supportive' : 'critical';
}
