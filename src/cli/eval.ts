import { curatedStatements, readCorpus, seedLexicon } from '../../seed/corpus.ts';
import { readStanceCues } from '../../seed/lexicon.ts';
import { evaluate, type Evaluation } from '../domain/analyse/evaluate.ts';

// `npm run eval`: the analyser against the curated corpus (its tags ignored), with the targets.
export const TARGETS = { themeF1: 0.9, stanceAccuracy: 0.8, figureRecall: 1 };

export function runEvaluation(): Evaluation {
  const loaded = readCorpus();
  const speakers = new Map(loaded.corpus.people.map((p) => [p.slug, p.name]));
  return evaluate(curatedStatements(loaded), seedLexicon(loaded, readStanceCues()), speakers);
}

export function formatEvaluation(result: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    '| theme      | TP | FP | FN | precision | recall |   F1   |',
    '|------------|----|----|----|-----------|--------|--------|',
    ...result.themes.map(
      (t) =>
        `| ${t.theme.padEnd(10)} | ${String(t.truePositives).padStart(2)} | ${String(t.falsePositives).padStart(2)} | ${String(t.falseNegatives).padStart(2)} |   ${pct(t.precision)} | ${pct(t.recall)}| ${t.f1.toFixed(3)}  |`,
    ),
    '',
    `stance accuracy on themes found:  ${result.stance.correct}/${result.stance.total} = ${pct(result.stance.accuracy).trim()}`,
    '',
    '| confidence  | stances | correct | accuracy |',
    '|-------------|---------|---------|----------|',
    ...result.confidence.map(
      (b) => `| ${b.from.toFixed(1)} – ${b.to.toFixed(1)}   | ${String(b.total).padStart(7)} | ${String(b.correct).padStart(7)} | ${b.total === 0 ? '      –' : pct(b.accuracy)}  |`,
    ),
    '',
    `quote speaker and voice:          ${result.quotes.correct}/${result.quotes.total} = ${pct(result.quotes.accuracy).trim()}`,
    `figure recall:                    ${result.figures.found}/${result.figures.total} = ${pct(result.figures.recall).trim()} (${result.figures.normalised} normalised correctly)`,
  ];
  const misses = [...result.stance.misses, ...result.quotes.misses, ...result.figures.misses];
  if (misses.length > 0) lines.push('', 'misses:', ...misses.map((m) => `  - ${m}`));
  return lines.join('\n');
}

export function missedTargets(result: Evaluation): string[] {
  const missed = result.themes.filter((t) => t.f1 < TARGETS.themeF1).map((t) => `${t.theme} F1 ${t.f1.toFixed(3)} < ${TARGETS.themeF1}`);
  if (result.stance.accuracy < TARGETS.stanceAccuracy) missed.push(`stance accuracy ${result.stance.accuracy.toFixed(3)} < ${TARGETS.stanceAccuracy}`);
  if (result.figures.recall < TARGETS.figureRecall || result.figures.normalised < result.figures.total) missed.push('not every curated figure was found with its value');
  return missed;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = runEvaluation();
  console.log(formatEvaluation(result));
  const missed = missedTargets(result);
  console.log(missed.length === 0 ? '\nAll targets met.' : `\nTargets missed:\n${missed.map((m) => `  - ${m}`).join('\n')}`);
  process.exitCode = missed.length === 0 ? 0 : 1;
}
