import { curatedStatements, readCorpus, seedLexicon } from '../../seed/corpus.ts';
import { readStanceCues } from '../../seed/lexicon.ts';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase, type DatabaseConfig } from '../db/client.ts';
import {
  evaluate,
  evaluateChallenge,
  evaluateCorrections,
  type ChallengeItem,
  type ChallengeResult,
  type ConfidenceBand,
  type CorrectionsResult,
  type Evaluation,
  type ThemeScore,
} from '../domain/analyse/evaluate.ts';
import { loadLexicon } from '../modules/ingest/lexicon.ts';
import { judgedStatements } from '../modules/ingest/reviewed.ts';
import { fromRoot } from '../paths.ts';

// `npm run eval`: the analyser against the challenge set (short texts written to exhibit one
// phenomenon each) and the curated corpus (its tags ignored), with the targets.
export const TARGETS = { themeF1: 0.9, stanceAccuracy: 0.9, figureRecall: 1, challengeOverall: 0.9, challengePhenomenon: 0.8, askPrecision: 0.8, askRecall: 0.8 };

export const CHALLENGE_PATH = fromRoot('test/challenge/challenge.json');
/**
 * Full press responses written apart from the rules, as the analyser meets them: the first set has
 * been looked at while tuning (each round's held-out set joins it once it has been studied), the
 * second never has, and was written by someone who had not read the rules.
 */
export const RESPONSE_SETS = [
  { name: 'full responses, seen while tuning', path: fromRoot('test/challenge/responses-dev.json') },
  { name: 'full responses, held out', path: fromRoot('test/challenge/responses-heldout.json') },
];

export function runEvaluation(): Evaluation {
  const loaded = readCorpus();
  const speakers = new Map(loaded.corpus.people.map((p) => [p.slug, p.name]));
  return evaluate(curatedStatements(loaded), seedLexicon(loaded, readStanceCues()), speakers);
}

let shipped: ReturnType<typeof seedLexicon> | undefined;
/** The lexicon a fresh database holds (seed/), read once for every set measured. */
function shippedLexicon(): ReturnType<typeof seedLexicon> {
  shipped ??= seedLexicon(readCorpus(), readStanceCues());
  return shipped;
}

export function runChallenge(path = CHALLENGE_PATH): ChallengeResult {
  const items = JSON.parse(readFileSync(path, 'utf8')) as ChallengeItem[];
  return evaluateChallenge(items, shippedLexicon());
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

function themeTable(themes: ThemeScore[]): string[] {
  return [
    '| theme      | TP | FP | FN | precision | recall |   F1   |',
    '|------------|----|----|----|-----------|--------|--------|',
    ...themes.map(
      (t) =>
        `| ${t.theme.padEnd(10)} | ${String(t.truePositives).padStart(2)} | ${String(t.falsePositives).padStart(2)} | ${String(t.falseNegatives).padStart(2)} |   ${pct(t.precision)} | ${pct(t.recall)}| ${t.f1.toFixed(3)}  |`,
    ),
  ];
}

function confidenceTable(bands: ConfidenceBand[]): string[] {
  return [
    '| confidence  | stances | correct | accuracy |',
    '|-------------|---------|---------|----------|',
    ...bands.map((b) => `| ${b.from.toFixed(1)} – ${b.to.toFixed(1)}   | ${String(b.total).padStart(7)} | ${String(b.correct).padStart(7)} | ${b.total === 0 ? '      –' : pct(b.accuracy)}  |`),
  ];
}

export function formatChallenge(result: ChallengeResult, { misses = true } = {}): string {
  const lines = [
    'Challenge set: each expected theme with its stance, each theme tagged that should not be, each item rightly left untagged',
    '',
    '| phenomenon             | judgements | correct | accuracy |',
    '|------------------------|------------|---------|----------|',
    ...result.phenomena.map((p) => `| ${p.phenomenon.padEnd(22)} | ${String(p.total).padStart(10)} | ${String(p.correct).padStart(7)} | ${pct(p.accuracy)}  |`),
    `| ${'overall'.padEnd(22)} | ${String(result.overall.total).padStart(10)} | ${String(result.overall.correct).padStart(7)} | ${pct(result.overall.accuracy)}  |`,
    '',
    ...themeTable(result.themes),
    '',
    ...confidenceTable(result.confidence),
  ];
  if (misses && result.misses.length > 0) lines.push('', 'challenge misses:', ...result.misses.map((m) => `  - ${m}`));
  return lines.join('\n');
}

/** One line per set of full press responses: judgements, theme F1 per theme, stance where both tagged the theme. */
export function formatResponses(results: { name: string; result: ChallengeResult }[]): string {
  return [
    '| set                                | texts | judgements | theme F1 (funding/workforce/early-help/kinship) | stance on themes found |',
    '|------------------------------------|-------|------------|------------------------------------------------|------------------------|',
    ...results.map(
      ({ name, result }) =>
        `| ${name.padEnd(34)} | ${String(result.texts).padStart(5)} | ${pct(result.overall.accuracy)}    | ${result.themes.map((t) => t.f1.toFixed(2)).join(' / ').padEnd(46)} | ${`${result.stanceOnFound.correct}/${result.stanceOnFound.total} = ${pct(result.stanceOnFound.accuracy).trim()}`.padEnd(22)} |`,
    ),
  ].join('\n');
}

/** Per set of full responses, stance accuracy by confidence band: whether "unsure" means something on texts like the service's. */
export function formatResponseConfidence(results: { name: string; result: ChallengeResult }[]): string {
  const bands = results[0]?.result.confidence ?? [];
  const cell = (b: ConfidenceBand) => `${b.correct}/${b.total} = ${b.total === 0 ? '–' : pct(b.accuracy).trim()}`.padEnd(15);
  return [
    `| stance by confidence               | ${bands.map((b) => `${b.from.toFixed(1)} – ${b.to.toFixed(1)}`.padEnd(15)).join(' | ')} |`,
    `|------------------------------------|${bands.map(() => '-----------------').join('|')}|`,
    ...results.map(({ name, result }) => `| ${name.padEnd(34)} | ${result.confidence.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function formatCorrections(result: CorrectionsResult): string {
  const line = (label: string, t: { correct: number; total: number; accuracy: number }) => `${label.padEnd(44)} ${t.correct}/${t.total} = ${pct(t.accuracy).trim()}`;
  const lines = [
    `Editors' decisions: ${result.statements} statements with tags an editor set, corrected or accepted, or themes removed`,
    line('  their tags the analyser finds:', result.found),
    line('  of those, with their stance:', result.stance),
    line('  themes they removed, left out:', result.rejected),
  ];
  if (result.misses.length > 0) lines.push('', 'misses:', ...result.misses.map((m) => `  - ${m}`));
  return lines.join('\n');
}

export function missedChallengeTargets(result: ChallengeResult): string[] {
  const missed = result.phenomena
    .filter((p) => p.accuracy < TARGETS.challengePhenomenon)
    .map((p) => `challenge ${p.phenomenon} ${p.accuracy.toFixed(3)} < ${TARGETS.challengePhenomenon}`);
  if (result.overall.accuracy < TARGETS.challengeOverall) missed.push(`challenge overall ${result.overall.accuracy.toFixed(3)} < ${TARGETS.challengeOverall}`);
  return missed;
}

export function formatEvaluation(result: Evaluation): string {
  const lines = [
    "Seed corpus: the curated statements, their editors' tags ignored",
    '',
    ...themeTable(result.themes),
    '',
    `stance accuracy on themes found:  ${result.stance.correct}/${result.stance.total} = ${pct(result.stance.accuracy).trim()}`,
    '',
    ...confidenceTable(result.confidence),
    '',
    `quote speaker and voice:          ${result.quotes.correct}/${result.quotes.total} = ${pct(result.quotes.accuracy).trim()}`,
    `figure recall:                    ${result.figures.found}/${result.figures.total} = ${pct(result.figures.recall).trim()} (${result.figures.normalised} normalised correctly)`,
    `ask precision:                    ${result.asks.correct}/${result.asks.analysed} = ${pct(result.asks.precision).trim()}`,
    `ask recall:                       ${result.asks.found}/${result.asks.curated} = ${pct(result.asks.recall).trim()} (${result.asks.sameTargetAndTheme} with the editors' target and theme)`,
  ];
  const misses = [...result.stance.misses, ...result.quotes.misses, ...result.figures.misses, ...result.asks.misses];
  if (misses.length > 0) lines.push('', 'misses:', ...misses.map((m) => `  - ${m}`));
  return lines.join('\n');
}

export function missedTargets(result: Evaluation): string[] {
  const missed = result.themes.filter((t) => t.f1 < TARGETS.themeF1).map((t) => `${t.theme} F1 ${t.f1.toFixed(3)} < ${TARGETS.themeF1}`);
  if (result.stance.accuracy < TARGETS.stanceAccuracy) missed.push(`stance accuracy ${result.stance.accuracy.toFixed(3)} < ${TARGETS.stanceAccuracy}`);
  if (result.figures.recall < TARGETS.figureRecall || result.figures.normalised < result.figures.total) missed.push('not every curated figure was found with its value');
  if (result.asks.precision < TARGETS.askPrecision) missed.push(`ask precision ${result.asks.precision.toFixed(3)} < ${TARGETS.askPrecision}`);
  if (result.asks.recall < TARGETS.askRecall) missed.push(`ask recall ${result.asks.recall.toFixed(3)} < ${TARGETS.askRecall}`);
  return missed;
}

export async function runCorrections(config: DatabaseConfig = loadConfig(process.env)): Promise<CorrectionsResult> {
  const db = await openDatabase(config);
  try {
    return evaluateCorrections(await judgedStatements(db), await loadLexicon(db));
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}` && parseArgs({ options: { corrections: { type: 'boolean' } } }).values.corrections) {
  // `npm run eval -- --corrections`: the analyser against every decision editors made in the configured database.
  console.log(formatCorrections(await runCorrections()));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const challenge = runChallenge();
  console.log(formatChallenge(challenge));
  console.log('');
  const responses = RESPONSE_SETS.map(({ name, path }) => ({ name, result: runChallenge(path) }));
  console.log(formatResponses(responses));
  console.log('');
  console.log(formatResponseConfidence(responses));
  console.log('');
  const result = runEvaluation();
  console.log(formatEvaluation(result));
  const missed = [...missedChallengeTargets(challenge), ...missedTargets(result)];
  console.log(missed.length === 0 ? '\nAll targets met.' : `\nTargets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}
