import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { StanceCue } from '../src/domain/analyse/index.ts';
import { SEED_DIR } from './corpus.ts';

const weighted = z.record(z.enum(['1', '2']), z.array(z.string().min(1)));
const lexiconFile = z.object({
  supportive: weighted,
  critical: weighted,
  negation: z.array(z.string().min(1)),
  contrast: z.array(z.string().min(1)),
  demand: weighted,
  problem: z.array(z.string().min(1)),
  reservation: z.array(z.string().min(1)),
});

/** The stance lexicon shipped in seed/lexicon.json, as rows for the stance_cues table. */
export function readStanceCues(dir = SEED_DIR): StanceCue[] {
  const file = lexiconFile.parse(JSON.parse(readFileSync(join(dir, 'lexicon.json'), 'utf8')));
  const cues: StanceCue[] = [];
  for (const kind of ['supportive', 'critical', 'demand'] as const) {
    for (const [weight, phrases] of Object.entries(file[kind])) {
      for (const phrase of phrases) cues.push({ phrase, kind, weight: Number(weight) });
    }
  }
  for (const kind of ['negation', 'contrast', 'problem', 'reservation'] as const) {
    for (const phrase of file[kind]) cues.push({ phrase, kind, weight: 1 });
  }
  return cues;
}
