import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EVENT_KINDS, EVIDENCE_VOICES, STANCES } from '../src/db/schema.ts';
import type { Lexicon, StanceCue } from '../src/domain/analyse/index.ts';
import type { CuratedStatement } from '../src/domain/analyse/evaluate.ts';
import { fromRoot } from '../src/paths.ts';

export const SEED_DIR = fromRoot('seed');

const span = z.object({ text: z.string().min(1), start: z.number().int().min(0), end: z.number().int().min(0) });

/** The shape of seed/corpus.json: the curated editorial ground truth. */
export const corpusSchema = z.object({
  themes: z.array(z.object({ slug: z.string(), name: z.string(), definition: z.string(), cues: z.array(z.string()) })),
  organisations: z.array(
    z.object({ slug: z.string(), name: z.string(), shortName: z.string(), kind: z.string(), url: z.string().nullable().optional(), aliases: z.array(z.string()).default([]) }),
  ),
  events: z.array(
    z.object({ slug: z.string(), title: z.string(), description: z.string(), publishedOn: z.string(), publisher: z.string(), kind: z.enum(EVENT_KINDS).default('measure') }),
  ),
  people: z.array(z.object({ slug: z.string(), name: z.string(), role: z.string().nullable(), organisation: z.string().nullable(), aliases: z.array(z.string()).default([]) })),
  documents: z.array(
    z.object({
      slug: z.string(),
      file: z.string(),
      title: z.string(),
      publisher: z.string(),
      url: z.string(),
      publishedOn: z.string(),
      kind: z.string(),
    }),
  ),
  statements: z.array(
    z.object({
      slug: z.string(),
      document: z.string(),
      organisation: z.string(),
      event: z.string(),
      date: z.string(),
      span: z.object({ start: z.number().int(), end: z.number().int() }),
      summary: z.string(),
      /** `voice` defaults to `direct` for a speaker's words and `own` for the organisation's. */
      quotes: z.array(span.extend({ speaker: z.string().nullable(), voice: z.enum(EVIDENCE_VOICES).optional() })),
      /** Stretches that are nobody's position: the page's background, the publisher's narrative. */
      background: z.array(span).default([]),
      tags: z.array(
        z.object({ theme: z.string(), stance: z.enum(STANCES), note: z.string().nullable().optional(), evidence: z.array(span).min(1) }),
      ),
      figures: z.array(
        span.omit({ text: true }).extend({
          raw: z.string(),
          value: z.number(),
          unit: z.string(),
          measures: z.string(),
          period: z.string().nullable(),
          theme: z.string().nullable(),
        }),
      ),
      /** What the statement asks of others, as editors read it: the clause that makes the ask, whom it asks, what, on which theme. */
      asks: z
        .array(span.extend({ target: z.string().min(1), action: z.string().min(1), theme: z.string().nullable() }))
        .default([]),
    }),
  ),
});

export type Corpus = z.infer<typeof corpusSchema>;

export interface LoadedCorpus {
  corpus: Corpus;
  /** Document text by document slug, exactly as stored on disk. */
  texts: Map<string, string>;
}

export function readCorpus(dir = SEED_DIR): LoadedCorpus {
  const corpus = corpusSchema.parse(JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')));
  const texts = new Map(corpus.documents.map((d) => [d.slug, readFileSync(join(dir, 'documents', d.file), 'utf8')]));
  return { corpus, texts };
}

/** Every span whose offsets do not point at exactly its text; empty when the corpus is sound. */
export function misplacedSpans({ corpus, texts }: LoadedCorpus): string[] {
  const problems: string[] = [];
  for (const statement of corpus.statements) {
    const text = texts.get(statement.document) ?? '';
    const check = (what: string, s: { start: number; end: number }, expected: string) => {
      if (text.slice(s.start, s.end) !== expected) problems.push(`${statement.slug} ${what} [${s.start},${s.end}) is not "${expected}"`);
      if (s.start < statement.span.start || s.end > statement.span.end) problems.push(`${statement.slug} ${what} lies outside the statement`);
    };
    statement.quotes.forEach((q, i) => check(`quote ${i}`, q, q.text));
    statement.tags.forEach((tag) => tag.evidence.forEach((e, i) => check(`${tag.theme} evidence ${i}`, e, e.text)));
    statement.figures.forEach((f) => check(`figure ${f.raw}`, f, f.raw));
    statement.asks.forEach((a, i) => check(`ask ${i}`, a, a.text));
    statement.background.forEach((b, i) => {
      check(`background ${i}`, b, b.text);
      for (const tag of statement.tags) {
        for (const e of tag.evidence) if (e.start < b.end && e.end > b.start) problems.push(`${statement.slug} ${tag.theme} evidence rests on background ${i}: publisher text is never evidence`);
      }
      statement.asks.forEach((a, j) => {
        if (a.start < b.end && a.end > b.start) problems.push(`${statement.slug} ask ${j} rests on background ${i}: a publisher's text is nobody's ask`);
      });
    });
  }
  return problems;
}

/** The curated statements as the analyser's evaluation sees them: text, organisation and the editors' judgements. */
export function curatedStatements({ corpus, texts }: LoadedCorpus): CuratedStatement[] {
  return corpus.statements.map((statement) => ({
    slug: statement.slug,
    text: (texts.get(statement.document) ?? '').slice(statement.span.start, statement.span.end),
    offset: statement.span.start,
    organisation: { slug: statement.organisation, kind: corpus.organisations.find((o) => o.slug === statement.organisation)?.kind ?? '' },
    event: { slug: statement.event, kind: corpus.events.find((e) => e.slug === statement.event)?.kind ?? 'measure' },
    tags: statement.tags.map((tag) => ({ theme: tag.theme, stance: tag.stance })),
    quotes: statement.quotes.map((quote) => ({ start: quote.start, end: quote.end, speaker: quote.speaker, voice: quote.voice ?? (quote.speaker ? 'direct' : 'own') })),
    figures: statement.figures.map(({ raw, start, end, value, unit }) => ({ raw, start, end, value, unit })),
    asks: statement.asks.map(({ start, end, target, theme }) => ({ start, end, target, theme })),
  }));
}

/** The analyser's lexicon as a fresh database would hold it after seeding. */
export function seedLexicon({ corpus }: LoadedCorpus, cues: StanceCue[]): Lexicon {
  return {
    themes: corpus.themes.map(({ slug, cues: themeCues }) => ({ slug, cues: themeCues })),
    cues,
    organisations: corpus.organisations.map(({ slug, name, shortName, kind }) => ({ slug, name, shortName, kind })),
    events: corpus.events.map(({ slug, title, kind }) => ({ slug, title, kind })),
  };
}
