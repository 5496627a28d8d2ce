import { overallStance, type Stance } from '../stance.ts';
import { cueMatcher, type CueMatcher, type EventKind, type Lexicon } from './lexicon.ts';
import type { StanceScorer } from './stance.ts';
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

function inferredWeights(stance: Stance): Weights {
  if (stance === 'supportive') return { supportive: INFERRED, critical: 0 };
  if (stance === 'critical') return { supportive: 0, critical: INFERRED };
  if (stance === 'mixed') return { supportive: INFERRED, critical: INFERRED };
  return { supportive: 0, critical: 0 };
}

const CONTINUES = /^(?:[“"‘']?\s*)(?:this|that|these|those|it|and|so)\b/i;
const REFERS_TO_PREVIOUS = /^(?:[“"‘']?\s*)(?:this|that|these|those|it)\b/i;
const TURNS = /^(?:[“"‘']?\s*)(however|but|yet)\b/i;
const REFERS_BACK = /\b(?:this|these|that approach|the move|the plans?)\b/i;

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
  { describesOwnMeasures = false, eventKind = 'measure' as EventKind } = {},
  themeMatchers: { slug: string; find: CueMatcher }[] = lexicon.themes.map((theme) => ({ slug: theme.slug, find: cueMatcher(theme.cues) })),
): ThemeFinding[] {
  const body = sentences.filter((s) => !s.heading);
  const scored = body.map((sentence) => {
    const themes = new Set(
      themeMatchers.filter((t) => t.find(sentence.text).length > 0).map((t) => t.slug),
    );
    const score = scorer.score(sentence.text);
    const weights: Weights = { supportive: score.supportive, critical: score.critical };
    return { sentence, themes, stance: score.stance, cues: score.cues, weights };
  });

  scored.forEach((current, i) => {
    const previous = scored[i - 1];
    // "We welcome X. However, Y.": a sentence that turns against a welcome, with no judgement
    // words of its own, is still the critical half of the pair.
    const lastJudged = [scored[i - 1], scored[i - 2]].find((s) => s && s.stance !== 'neutral');
    if (current.stance === 'neutral' && TURNS.test(current.sentence.text) && lastJudged?.stance === 'supportive') {
      current.stance = 'critical';
      current.cues = [current.sentence.text.match(TURNS)?.[1]?.toLowerCase() ?? 'however'];
      current.weights = { supportive: 0, critical: INFERRED };
    }
    if (!previous || previous.sentence.paragraph !== current.sentence.paragraph) return;
    const judged = current.stance !== 'neutral';
    if (current.themes.size === 0 && judged && (wordCount(current.sentence.text) <= 6 || CONTINUES.test(current.sentence.text) || REFERS_BACK.test(current.sentence.text))) {
      for (const theme of previous.themes) current.themes.add(theme);
    }
    if (current.themes.size > 0 && !judged && REFERS_TO_PREVIOUS.test(current.sentence.text) && previous.stance !== 'neutral') {
      current.stance = previous.stance;
      current.cues = previous.cues;
      current.weights = inferredWeights(previous.stance);
    }
  });

  return lexicon.themes.flatMap((theme) => {
    const about = scored.filter((s) => s.themes.has(theme.slug));
    if (about.length === 0) return [];
    const toEvidence = (s: (typeof scored)[number]): Evidence => ({
      start: s.sentence.start,
      end: s.sentence.end,
      text: s.sentence.text,
      stance: describesOwnMeasures ? 'neutral' : s.stance,
      cues: s.cues,
    });
    const judged = describesOwnMeasures ? [] : about.filter((s) => s.stance !== 'neutral');
    const stance = overallStance(judged.map((s) => s.stance)) ?? 'neutral';
    const evidence = (judged.length > 0 ? judged : about).slice(0, 3).map(toEvidence);
    const confidence = describesOwnMeasures ? 1 : confidenceOf(stance, judged.map((s) => s.weights));
    return [{ theme: theme.slug, stance, evidence, mentions: about.length, confidence }];
  });
}
