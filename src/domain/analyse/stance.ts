import type { Stance } from '../stance.ts';
import { cueMatcher, type StanceCue } from './lexicon.ts';

export interface SentenceStance {
  stance: Stance;
  supportive: number;
  critical: number;
  /** The cue words that decided it, for editors checking the analysis. */
  cues: string[];
}

export interface StanceScorer {
  score(sentence: string): SentenceStance;
}

// Markers after which the sentence turns ("we welcome X, but Y"): what follows them weighs more.
const TURNING = new Set(['but', 'however', 'yet', 'nevertheless', 'nonetheless']);
// Markers that open a concession ("while helpful, it falls short"): the conceded clause weighs less.
const CONCEDING = new Set(['while', 'whilst', 'although', 'though', 'despite', 'as positive as']);

/**
 * Scores one sentence against the stance lexicon. Explicit judgements weigh 2, weak signals 1; a
 * negation within three words before a cue turns it round ("will not benefit" is critical,
 * "not concerned" mildly supportive); after a turning word the rest of the sentence counts
 * 1.5 times and what came before half; a conceded clause counts half. Explicit judgements both
 * ways ("we welcome X but are concerned about Y") make it mixed.
 */
export function stanceScorer(cues: StanceCue[]): StanceScorer {
  const judged = cues.filter((c) => c.kind === 'supportive' || c.kind === 'critical');
  const byPhrase = new Map(judged.map((c) => [c.phrase.trim(), c]));
  const findJudged = cueMatcher(judged.map((c) => c.phrase));
  const findNegations = cueMatcher(cues.filter((c) => c.kind === 'negation').map((c) => c.phrase));
  const findContrasts = cueMatcher(cues.filter((c) => c.kind === 'contrast').map((c) => c.phrase));

  return {
    score(sentence: string): SentenceStance {
      const lower = sentence.toLowerCase();
      const matches = findJudged(lower);
      const negationMatches = findNegations(lower).filter(
        (n) => !matches.some((m) => n.start >= m.start && n.end <= m.end),
      );
      const contrastMatches = findContrasts(lower);
      const turn = contrastMatches.filter((c) => TURNING.has(c.cue)).at(-1);
      const concessions = contrastMatches
        .filter((c) => CONCEDING.has(c.cue))
        .map((c) => ({ start: c.start, end: clauseEnd(lower, c.end) }));

      let supportive = 0;
      let critical = 0;
      const explicit = { supportive: false, critical: false };
      const used: string[] = [];
      for (const match of matches) {
        const cue = byPhrase.get(match.cue);
        if (!cue) continue;
        let weight = cue.weight;
        if (turn) weight *= match.start >= turn.end ? 1.5 : 0.5;
        if (concessions.some((c) => match.start >= c.start && match.start < c.end)) weight *= 0.5;
        const before = lower.slice(0, match.start);
        const negated = negationMatches.some((n) => n.end <= match.start && wordsBetween(before, n.end) <= 3);
        let kind: 'supportive' | 'critical' = cue.kind === 'supportive' ? 'supportive' : 'critical';
        if (negated) {
          kind = kind === 'supportive' ? 'critical' : 'supportive';
          if (kind === 'supportive') weight = Math.min(weight, 0.5);
        }
        if (kind === 'supportive') supportive += weight;
        else critical += weight;
        if (cue.weight >= 2 && !negated && !concessions.some((c) => match.start >= c.start && match.start < c.end)) explicit[kind] = true;
        used.push(negated ? `not ${match.cue}` : match.cue);
      }
      return { stance: decide(supportive, critical, explicit.supportive && explicit.critical), supportive, critical, cues: used };
    },
  };
}

function decide(supportive: number, critical: number, explicitBothWays: boolean): Stance {
  if (explicitBothWays) return 'mixed';
  if (supportive >= 1 && critical >= 1 && Math.abs(supportive - critical) < 1) return 'mixed';
  if (supportive - critical >= 1) return 'supportive';
  if (critical - supportive >= 1) return 'critical';
  return 'neutral';
}

function clauseEnd(text: string, from: number): number {
  const comma = text.indexOf(',', from);
  return comma === -1 ? text.length : comma;
}

function wordsBetween(text: string, from: number): number {
  return (text.slice(from).match(/[\p{L}\p{N}'’]+/gu) ?? []).length;
}
