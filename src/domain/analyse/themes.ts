import { overallStance, type Stance } from '../stance.ts';
import { cueMatcher, type CueMatcher, type Lexicon } from './lexicon.ts';
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
  { describesOwnMeasures = false } = {},
  themeMatchers: { slug: string; find: CueMatcher }[] = lexicon.themes.map((theme) => ({ slug: theme.slug, find: cueMatcher(theme.cues) })),
): ThemeFinding[] {
  const body = sentences.filter((s) => !s.heading);
  const scored = body.map((sentence) => {
    const themes = new Set(
      themeMatchers.filter((t) => t.find(sentence.text).length > 0).map((t) => t.slug),
    );
    const score = scorer.score(sentence.text);
    return { sentence, themes, stance: score.stance, cues: score.cues };
  });

  scored.forEach((current, i) => {
    const previous = scored[i - 1];
    // "We welcome X. However, Y.": a sentence that turns against a welcome, with no judgement
    // words of its own, is still the critical half of the pair.
    const lastJudged = [scored[i - 1], scored[i - 2]].find((s) => s && s.stance !== 'neutral');
    if (current.stance === 'neutral' && TURNS.test(current.sentence.text) && lastJudged?.stance === 'supportive') {
      current.stance = 'critical';
      current.cues = [current.sentence.text.match(TURNS)?.[1]?.toLowerCase() ?? 'however'];
    }
    if (!previous || previous.sentence.paragraph !== current.sentence.paragraph) return;
    const judged = current.stance !== 'neutral';
    if (current.themes.size === 0 && judged && (wordCount(current.sentence.text) <= 6 || CONTINUES.test(current.sentence.text) || REFERS_BACK.test(current.sentence.text))) {
      for (const theme of previous.themes) current.themes.add(theme);
    }
    if (current.themes.size > 0 && !judged && REFERS_TO_PREVIOUS.test(current.sentence.text) && previous.stance !== 'neutral') {
      current.stance = previous.stance;
      current.cues = previous.cues;
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
    return [{ theme: theme.slug, stance, evidence, mentions: about.length }];
  });
}
