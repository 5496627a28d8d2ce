import type { Stance } from '../stance.ts';
import type { QuoteVoice } from '../voice.ts';
import { analyse, type EventKind, type Lexicon } from './index.ts';

/** One curated statement, as the editors judged it: the ground truth the analyser is measured against. */
export interface CuratedStatement {
  slug: string;
  text: string;
  /** Offset of `text` in its source document; curated offsets are document offsets. */
  offset: number;
  organisation: { slug: string; kind: string };
  event: { slug: string; kind: EventKind };
  tags: { theme: string; stance: Stance }[];
  quotes: { start: number; end: number; speaker: string | null; voice: QuoteVoice }[];
  figures: { raw: string; start: number; end: number; value: number; unit: string }[];
  /** The asks editors marked (document offsets), with whom each asks and its theme. */
  asks?: { start: number; end: number; target: string; theme: string | null }[] | undefined;
}

/**
 * Asks found against the editors' asks: an analysed ask and a curated one match when their spans share more than half of
 * the shorter; precision over the analysed asks, recall over the curated, and how many matched asks name the same target
 * and theme.
 */
export interface AskScore {
  curated: number;
  analysed: number;
  /** Curated asks an analysed ask matches. */
  found: number;
  /** Analysed asks that match a curated one. */
  correct: number;
  precision: number;
  recall: number;
  /** Of the curated asks found, those whose analysed ask names the same target and theme. */
  sameTargetAndTheme: number;
  misses: string[];
}

export interface ThemeScore {
  theme: string;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Stance accuracy among the themes whose confidence falls in [from, to). */
export interface ConfidenceBand {
  from: number;
  to: number;
  correct: number;
  total: number;
  accuracy: number;
}

/** The confidence bands accuracy is reported in. */
export const CONFIDENCE_BANDS: [number, number][] = [
  [0, 0.4],
  [0.4, 0.6],
  [0.6, 0.8],
  [0.8, 1.01],
];

export interface Evaluation {
  themes: ThemeScore[];
  /** Does higher confidence mean higher accuracy? Stance accuracy by confidence band. */
  confidence: ConfidenceBand[];
  stance: { correct: number; total: number; accuracy: number; misses: string[] };
  quotes: { correct: number; total: number; accuracy: number; misses: string[] };
  figures: { found: number; normalised: number; total: number; recall: number; misses: string[] };
  asks: AskScore;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const normaliseName = (name: string | null | undefined) =>
  (name ?? '').replace(/^(?:dr|cllr|councillor|mr|mrs|ms|prof|sir|dame)\.?\s+/i, '').trim().toLowerCase();

/**
 * Runs the analyser on each curated statement (ignoring its curated tags) and scores it:
 * theme detection per theme (precision, recall, F1), stance accuracy on the themes both found,
 * quote attribution (a curated quote counts when an analysed quote covers most of it with the
 * same speaker and voice), and figure recall (found where the editor marked it; normalised when the
 * value and unit agree too).
 */
export function evaluate(statements: CuratedStatement[], lexicon: Lexicon, speakerNames: Map<string, string>): Evaluation {
  const counts = new Map(lexicon.themes.map((t) => [t.slug, { tp: 0, fp: 0, fn: 0 }]));
  const stance = { correct: 0, total: 0, misses: [] as string[] };
  const quotes = { correct: 0, total: 0, misses: [] as string[] };
  const figures = { found: 0, normalised: 0, total: 0, misses: [] as string[] };
  const asks = { curated: 0, analysed: 0, found: 0, correct: 0, sameTargetAndTheme: 0, misses: [] as string[] };
  const judged: { confidence: number; correct: boolean }[] = [];

  for (const statement of statements) {
    const analysis = analyse({ text: statement.text, organisation: statement.organisation, event: statement.event }, lexicon);
    const found = new Map(analysis.themes.map((t) => [t.theme, t.stance]));
    const confidence = new Map(analysis.themes.map((t) => [t.theme, t.confidence]));
    const curated = new Map(statement.tags.map((t) => [t.theme, t.stance]));
    for (const [theme, c] of counts) {
      if (found.has(theme) && curated.has(theme)) c.tp += 1;
      else if (found.has(theme)) c.fp += 1;
      else if (curated.has(theme)) c.fn += 1;
    }
    for (const [theme, want] of curated) {
      const got = found.get(theme);
      if (!got) continue;
      stance.total += 1;
      judged.push({ confidence: confidence.get(theme) ?? 0, correct: got === want });
      if (got === want) stance.correct += 1;
      else stance.misses.push(`${statement.slug} ${theme}: curated ${want}, analysed ${got}`);
    }

    const shift = (s: { start: number; end: number }) => ({ start: s.start + statement.offset, end: s.end + statement.offset });
    for (const quote of statement.quotes) {
      quotes.total += 1;
      const match = analysis.quotes.map((q) => ({ ...q, ...shift(q) })).find((q) => Math.min(q.end, quote.end) - Math.max(q.start, quote.start) > (quote.end - quote.start) / 2);
      const want = normaliseName(quote.speaker ? speakerNames.get(quote.speaker) : null);
      const got = match ? normaliseName(match.speaker?.name) : undefined;
      if (got === want && match?.voice === quote.voice) quotes.correct += 1;
      else if (got === want) quotes.misses.push(`${statement.slug} quote at ${quote.start}: curated ${quote.voice}, analysed ${match?.voice}`);
      else quotes.misses.push(`${statement.slug} quote at ${quote.start}: curated "${want || 'own voice'}", analysed ${got === undefined ? 'nothing' : `"${got || 'own voice'}"`}`);
    }

    for (const figure of statement.figures) {
      figures.total += 1;
      const match = analysis.figures.map((f) => ({ ...f, ...shift(f) })).find((f) => f.start < figure.end && f.end > figure.start);
      if (!match) {
        figures.misses.push(`${statement.slug} ${figure.raw}: not found`);
        continue;
      }
      figures.found += 1;
      if (Math.abs(match.value - figure.value) <= 1e-9 * Math.max(1, Math.abs(figure.value)) && match.unit === figure.unit) figures.normalised += 1;
      else figures.misses.push(`${statement.slug} ${figure.raw}: ${figure.value} ${figure.unit} analysed as ${match.value} ${match.unit}`);
    }

    const analysedAsks = analysis.asks.map((a) => ({ ...a, ...shift(a) }));
    const curatedAsks = statement.asks ?? [];
    const same = (a: { start: number; end: number }, b: { start: number; end: number }) =>
      Math.min(a.end, b.end) - Math.max(a.start, b.start) > Math.min(a.end - a.start, b.end - b.start) / 2;
    asks.curated += curatedAsks.length;
    asks.analysed += analysedAsks.length;
    for (const ask of curatedAsks) {
      const match = analysedAsks.find((a) => same(a, ask));
      if (!match) {
        asks.misses.push(`${statement.slug} ask at ${ask.start}: not found`);
        continue;
      }
      asks.found += 1;
      if (match.target === ask.target && match.theme === ask.theme) asks.sameTargetAndTheme += 1;
      else asks.misses.push(`${statement.slug} ask at ${ask.start}: curated ${ask.target}/${ask.theme ?? 'no theme'}, analysed ${match.target}/${match.theme ?? 'no theme'}`);
    }
    for (const ask of analysedAsks) {
      if (curatedAsks.some((c) => same(ask, c))) asks.correct += 1;
      else asks.misses.push(`${statement.slug} ask at ${ask.start}: analysed "${ask.text}", not an editor's ask`);
    }
  }

  return {
    themes: [...counts].map(([theme, c]) => themeScore(theme, c)),
    confidence: bands(judged),
    stance: { ...stance, accuracy: ratio(stance.correct, stance.total) },
    quotes: { ...quotes, accuracy: ratio(quotes.correct, quotes.total) },
    figures: { ...figures, recall: ratio(figures.found, figures.total) },
    asks: { ...asks, precision: ratio(asks.correct, asks.analysed), recall: ratio(asks.found, asks.curated) },
  };
}

function themeScore(theme: string, c: { tp: number; fp: number; fn: number }): ThemeScore {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  return {
    theme,
    truePositives: c.tp,
    falsePositives: c.fp,
    falseNegatives: c.fn,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
  };
}

/** Stance accuracy by confidence band: does higher confidence mean more often right? */
function bands(judged: { confidence: number; correct: boolean }[]): ConfidenceBand[] {
  return CONFIDENCE_BANDS.map(([from, to]) => {
    const inBand = judged.filter((j) => j.confidence >= from && j.confidence < to);
    const correct = inBand.filter((j) => j.correct).length;
    return { from, to: Math.min(to, 1), correct, total: inBand.length, accuracy: ratio(correct, inBand.length) };
  });
}

/** One challenge item: a short text written to exhibit one phenomenon, with the tags an editor would give it. */
export interface ChallengeItem {
  id: string;
  phenomenon: string;
  event: EventKind;
  /** The kind of organisation speaking (`government` describes its own measures). */
  organisation: string;
  text: string;
  /** Exactly the themes an editor would tag, with their stances; `{}` when none would be. */
  expect: Record<string, Stance>;
}

export interface Tally {
  correct: number;
  total: number;
  accuracy: number;
}

export interface ChallengeResult {
  /** Judgements per phenomenon: each expected theme (right theme, right stance), each theme tagged that should not be, and each item rightly left untagged. */
  phenomena: (Tally & { phenomenon: string })[];
  overall: Tally;
  /** How many texts were analysed. */
  texts: number;
  /** Stance accuracy on the themes both the editor and the analyser tagged (theme detection aside). */
  stanceOnFound: Tally;
  themes: ThemeScore[];
  confidence: ConfidenceBand[];
  misses: string[];
}

const tally = (correct: number, total: number): Tally => ({ correct, total, accuracy: ratio(correct, total) });

/**
 * Runs the analyser over the challenge set and scores each item as an editor would: every
 * expected theme must be found with its stance, no other theme may be tagged, and an item that
 * should be left untagged counts once, right when nothing was tagged.
 */
export function evaluateChallenge(items: ChallengeItem[], lexicon: Lexicon): ChallengeResult {
  const byPhenomenon = new Map<string, { correct: number; total: number }>();
  const counts = new Map(lexicon.themes.map((t) => [t.slug, { tp: 0, fp: 0, fn: 0 }]));
  const judged: { confidence: number; correct: boolean }[] = [];
  const misses: string[] = [];
  const onFound = { correct: 0, total: 0 };
  for (const item of items) {
    const analysis = analyse({ text: item.text, organisation: { slug: 'challenge', kind: item.organisation }, event: { slug: 'challenge', kind: item.event } }, lexicon);
    const found = new Map(analysis.themes.map((t) => [t.theme, t]));
    const score = byPhenomenon.get(item.phenomenon) ?? { correct: 0, total: 0 };
    byPhenomenon.set(item.phenomenon, score);
    const expected = Object.entries(item.expect);
    for (const [theme, want] of expected) {
      const got = found.get(theme);
      score.total += 1;
      if (got) {
        judged.push({ confidence: got.confidence, correct: got.stance === want });
        onFound.total += 1;
        if (got.stance === want) onFound.correct += 1;
      }
      if (got?.stance === want) score.correct += 1;
      else misses.push(`${item.id} ${theme}: expected ${want}, analysed ${got?.stance ?? 'nothing'}`);
    }
    for (const [theme, got] of found) {
      if (theme in item.expect) continue;
      score.total += 1;
      judged.push({ confidence: got.confidence, correct: false });
      misses.push(`${item.id} ${theme}: expected nothing, analysed ${got.stance}`);
    }
    if (expected.length === 0 && found.size === 0) {
      score.total += 1;
      score.correct += 1;
    }
    for (const [theme, c] of counts) {
      if (found.has(theme) && theme in item.expect) c.tp += 1;
      else if (found.has(theme)) c.fp += 1;
      else if (theme in item.expect) c.fn += 1;
    }
  }
  const all = [...byPhenomenon.values()];
  return {
    phenomena: [...byPhenomenon].map(([phenomenon, s]) => ({ phenomenon, ...tally(s.correct, s.total) })),
    overall: tally(all.reduce((n, s) => n + s.correct, 0), all.reduce((n, s) => n + s.total, 0)),
    texts: items.length,
    stanceOnFound: tally(onFound.correct, onFound.total),
    themes: [...counts].map(([theme, c]) => themeScore(theme, c)),
    confidence: bands(judged),
    misses,
  };
}

/** A stored statement with what its editors decided: the tags they set or accepted, and the themes they removed. */
export interface JudgedStatement {
  id: string;
  text: string;
  organisation: { slug: string; kind: string };
  event: { slug: string; kind: EventKind };
  thirdParty: boolean;
  judged: Record<string, Stance>;
  rejected: string[];
}

export interface CorrectionsResult {
  statements: number;
  /** Editors' tags the analyser finds at all. */
  found: Tally;
  /** Of those, with the editors' stance. */
  stance: Tally;
  /** Themes editors removed that the analyser leaves out. */
  rejected: Tally;
  misses: string[];
}

/** The analyser against what editors decided on stored statements: the best data the service gets. */
export function evaluateCorrections(statements: JudgedStatement[], lexicon: Lexicon): CorrectionsResult {
  const found = { correct: 0, total: 0 };
  const stance = { correct: 0, total: 0 };
  const rejected = { correct: 0, total: 0 };
  const misses: string[] = [];
  for (const statement of statements) {
    const analysis = analyse({ text: statement.text, organisation: statement.organisation, event: statement.event, thirdParty: statement.thirdParty }, lexicon);
    const got = new Map(analysis.themes.map((t) => [t.theme, t.stance]));
    for (const [theme, want] of Object.entries(statement.judged)) {
      found.total += 1;
      const analysed = got.get(theme);
      if (!analysed) {
        misses.push(`${statement.id} ${theme}: editors ${want}, analysed nothing`);
        continue;
      }
      found.correct += 1;
      stance.total += 1;
      if (analysed === want) stance.correct += 1;
      else misses.push(`${statement.id} ${theme}: editors ${want}, analysed ${analysed}`);
    }
    for (const theme of statement.rejected) {
      rejected.total += 1;
      if (!got.has(theme)) rejected.correct += 1;
      else misses.push(`${statement.id} ${theme}: editors removed it, analysed ${got.get(theme)}`);
    }
  }
  return {
    statements: statements.length,
    found: tally(found.correct, found.total),
    stance: tally(stance.correct, stance.total),
    rejected: tally(rejected.correct, rejected.total),
    misses,
  };
}
