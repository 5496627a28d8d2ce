import type { Stance } from '../stance.ts';
import { findFigures, type Figure } from './figures.ts';
import { cueMatcher, findCues, type CueMatcher, type EventKind, type Lexicon } from './lexicon.ts';
import { findQuotes, type Quote } from './quotes.ts';
import { stanceScorer } from './stance.ts';
import { sentences as findSentences, type Sentence, type Span } from './text.ts';
import { findThemes, type ThemeFinding } from './themes.ts';

export type { EventKind, Lexicon, StanceCue } from './lexicon.ts';
export type { Figure } from './figures.ts';
export type { Quote, Speaker } from './quotes.ts';
export type { ThemeFinding } from './themes.ts';

export interface AnalysisInput {
  text: string;
  /** The organisation whose statement this is, if known: its kind decides whether it judges or describes. */
  organisation?: { slug: string; kind: string } | undefined;
  /**
   * Whether the text is published by someone else (a news site reporting what organisations said).
   * Then whatever is outside the quotes and reported speech is the publisher's narrative: nobody's
   * position, never evidence of one.
   */
  thirdParty?: boolean | undefined;
  /**
   * The event the text reacts to: stance is toward what it puts forward. Without one, a measure
   * is assumed (most responses react to a government plan).
   */
  event?: { slug: string; kind: EventKind } | undefined;
}

export interface Mention extends Span {
  slug: string;
}

export interface Analysis {
  sentences: Sentence[];
  themes: (ThemeFinding & { figures: number[] })[];
  /** The publisher's narrative (in a third party's text, the sentences outside every quote): searchable, never evidence. */
  publisherSpans: Span[];
  quotes: Quote[];
  figures: (Figure & { theme: string | null })[];
  organisations: Mention[];
  events: Mention[];
  /** The event the stances were judged against, as given (null: none given, a government measure assumed). */
  judgedAgainst: { slug: string; kind: EventKind } | null;
}

/**
 * Analyses one press text: plain data in, plain data out, every item with character offsets
 * into `input.text`. The lexicon (themes with their cue words, the stance cues, the known
 * organisations and events) is data, so editors extend what is found without code changes.
 */
export function analyse(input: AnalysisInput, lexicon: Lexicon): Analysis {
  const text = input.text;
  const sentences = findSentences(text);
  const { scorer, themeMatchers } = compile(lexicon);
  const quotes = findQuotes(text, lexicon);
  // A sentence that carries any quotation or reported speech is somebody's words; the rest of a third party's text is its own narrative.
  const touchesQuote = (s: Span) => quotes.some((q) => q.start < s.end && s.start < q.end);
  const publisher = input.thirdParty ? sentences.filter((s) => !s.heading && !touchesQuote(s)) : [];
  const spoken = sentences.filter((s) => !publisher.includes(s));
  const themes = findThemes(
    spoken,
    lexicon,
    scorer,
    { describesOwnMeasures: input.organisation?.kind === 'government', eventKind: input.event?.kind ?? 'measure' },
    themeMatchers,
  );
  const figures = findFigures(text, sentences).map((figure) => {
    const about = themeMatchers.filter((t) => t.find(figure.context.text).length > 0).map((t) => t.slug);
    const money = ['GBP', 'USD', 'EUR'].includes(figure.unit);
    const theme = money && about.includes('funding') ? 'funding' : (about.find((slug) => slug !== 'funding') ?? about[0] ?? null);
    return { ...figure, theme };
  });
  return {
    sentences,
    publisherSpans: publisher.map(({ start, end, text: spanText }) => ({ start, end, text: spanText })),
    themes: themes.map((finding) => ({
      ...finding,
      figures: figures.flatMap((figure, i) => (figure.theme === finding.theme ? [i] : [])),
    })),
    quotes,
    figures,
    organisations: mentions(text, lexicon.organisations.flatMap((o) => [o.name, o.shortName].map((name) => ({ slug: o.slug, name })))),
    events: mentions(text, lexicon.events.flatMap((e) => [e.title, e.title.split(':')[0] ?? e.title].map((name) => ({ slug: e.slug, name })))),
    judgedAgainst: input.event ? { slug: input.event.slug, kind: input.event.kind } : null,
  };
}

type Compiled = { scorer: ReturnType<typeof stanceScorer>; themeMatchers: { slug: string; find: CueMatcher }[] };
const compiledLexicons = new Map<string, Compiled>();

/** The lexicon's patterns, compiled once per lexicon content (a few hundred regular expressions). */
function compile(lexicon: Lexicon): Compiled {
  const key = JSON.stringify([lexicon.themes, lexicon.cues]);
  let compiled = compiledLexicons.get(key);
  if (!compiled) {
    compiled = {
      scorer: stanceScorer(lexicon.cues),
      themeMatchers: lexicon.themes.map((t) => ({ slug: t.slug, find: cueMatcher(t.cues) })),
    };
    if (compiledLexicons.size >= 8) compiledLexicons.clear();
    compiledLexicons.set(key, compiled);
  }
  return compiled;
}

function mentions(text: string, names: { slug: string; name: string }[]): Mention[] {
  const unique = names.filter((n, i) => n.name.trim().length > 1 && names.findIndex((m) => m.name === n.name) === i);
  const matches = findCues(text, unique.map((n) => n.name.trim().toLowerCase()));
  return matches.map((m) => ({
    slug: unique.find((n) => n.name.trim().toLowerCase() === m.cue)?.slug ?? '',
    start: m.start,
    end: m.end,
    text: text.slice(m.start, m.end),
  }));
}

export type { Stance };
