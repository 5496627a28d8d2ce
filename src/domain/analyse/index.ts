import type { Stance } from '../stance.ts';
import { findAsks, type Ask } from './asks.ts';
import { furniture } from './boilerplate.ts';
import { findFigures, type Figure } from './figures.ts';
import { cueMatcher, themeFinder, type EventKind, type Lexicon, type ThemeFinder } from './lexicon.ts';
import { findQuotes, type Quote } from './quotes.ts';
import { stanceScorer } from './stance.ts';
import { sentences as findSentences, type Sentence, type Span } from './text.ts';
import { findThemes, type ThemeFinding } from './themes.ts';

export type { Ask } from './asks.ts';
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
  /** What the statement asks of others (the government, ministers, councils …); none in a government's own text. */
  asks: Ask[];
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
  const compiled = compile(lexicon);
  const { scorer, findThemeWords } = compiled;
  const quotes = findQuotes(text, lexicon);
  // A sentence that carries any quotation or reported speech is somebody's words; the rest of a third party's text is its own narrative.
  const touchesQuote = (s: Span) => quotes.some((q) => q.start < s.end && s.start < q.end);
  const publisher = input.thirdParty ? sentences.filter((s) => !s.heading && !touchesQuote(s)) : [];
  // Words quoted from someone else (a minister in a news report, another organisation's spokesperson) are their position,
  // not the statement's: the sentences they are in do not count toward its stances.
  const known = lexicon.organisations.some((o) => o.slug === input.organisation?.slug);
  const others = quotes.filter((q) => spokenForOthers(q, input.organisation, known));
  const spoken = sentences.filter((s) => !publisher.includes(s) && !others.some((q) => q.start < s.end && s.start < q.end));
  // Page furniture is read over the sentences in order (what follows "ENDS" is furniture too): the same for the stances and
  // the asks where no sentence is set aside as someone else's.
  const furnished = furniture(sentences);
  const themes = findThemes(
    spoken,
    lexicon,
    scorer,
    {
      describesOwnMeasures: input.organisation?.kind === 'government',
      eventKind: input.event?.kind ?? 'measure',
      furnished: spoken.length === sentences.length ? furnished : furniture(spoken),
    },
    findThemeWords,
  );
  const figures = findFigures(text, sentences).map((figure) => {
    const words = new Set(findThemeWords(figure.context.text).map((m) => m.slug));
    const about = lexicon.themes.map((t) => t.slug).filter((slug) => words.has(slug));
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
    // What the publisher narrates and what others are quoted saying is nobody's ask here; a government does not ask itself.
    asks: input.organisation?.kind === 'government' ? [] : findAsks(text, sentences, { exclude: [...publisher, ...others], findThemeWords, furnished }),
    organisations: compiled.organisations(text),
    events: compiled.events(text),
    judgedAgainst: input.event ? { slug: input.event.slug, kind: input.event.kind } : null,
  };
}

type Compiled = { scorer: ReturnType<typeof stanceScorer>; findThemeWords: ThemeFinder; organisations: MentionFinder; events: MentionFinder };
const compiledFor = new WeakMap<Lexicon, Compiled>();

/** A cache of what is compiled from one part of the lexicon, by that part's content; the last few kept. */
function partCache<P, C>(build: (part: P) => C): (part: P) => C {
  const known = new Map<string, C>();
  return (part) => {
    const key = JSON.stringify(part);
    let compiled = known.get(key);
    if (!compiled) {
      compiled = build(part);
      if (known.size >= 8) known.clear();
      known.set(key, compiled);
    }
    return compiled;
  };
}
const scorerFor = partCache((cues: Lexicon['cues']) => stanceScorer(cues));
const themeWordsFor = partCache((themes: Lexicon['themes']) => themeFinder(themes));
const organisationsFor = partCache((organisations: Lexicon['organisations']) =>
  mentionFinder(organisations.flatMap((o) => [o.name, o.shortName].map((name) => ({ slug: o.slug, name })))),
);
const eventsFor = partCache((events: Lexicon['events']) =>
  mentionFinder(events.flatMap((e) => [e.title, e.title.split(':')[0] ?? e.title].map((name) => ({ slug: e.slug, name })))),
);

/**
 * The lexicon's patterns (a few hundred regular expressions), compiled once per content of each of its parts: a new
 * organisation (a bulk import creates hundreds) compiles the organisations' names again, not the stance cues and
 * theme words. The same lexicon object is not even read again.
 */
function compile(lexicon: Lexicon): Compiled {
  let compiled = compiledFor.get(lexicon);
  if (!compiled) {
    compiled = {
      scorer: scorerFor(lexicon.cues),
      findThemeWords: themeWordsFor(lexicon.themes),
      organisations: organisationsFor(lexicon.organisations),
      events: eventsFor(lexicon.events),
    };
    compiledFor.set(lexicon, compiled);
  }
  return compiled;
}

// Who speaks for the government when a stakeholder's text quotes them.
const GOVERNMENT_ROLE = /\b(?:minister|secretary of state|department for|government spokesperson|dfe spokesperson)\b/i;

/**
 * A quote whose speaker speaks for the government in a stakeholder's statement, or (when the
 * statement's organisation is a known one) for another known organisation.
 */
function spokenForOthers(quote: Quote, organisation: AnalysisInput['organisation'], known: boolean): boolean {
  if (!organisation) return false;
  const speaksFor = quote.organisation ?? quote.speaker?.organisation ?? null;
  if (known && speaksFor && speaksFor !== organisation.slug) return true;
  return organisation.kind !== 'government' && GOVERNMENT_ROLE.test(`${quote.speaker?.role ?? ''} ${quote.speaker?.name ?? ''}`);
}

type MentionFinder = (text: string) => Mention[];

/** Mentions of known names (organisations, events), each with the slug it names; compiled once per lexicon. */
function mentionFinder(names: { slug: string; name: string }[]): MentionFinder {
  const slugOf = new Map<string, string>();
  for (const { slug, name } of names) {
    const key = name.trim().toLowerCase();
    if (key.length > 1 && !slugOf.has(key)) slugOf.set(key, slug);
  }
  const find = cueMatcher([...slugOf.keys()]);
  return (text) => find(text).map((m) => ({ slug: slugOf.get(m.cue) ?? '', start: m.start, end: m.end, text: text.slice(m.start, m.end) }));
}

export type { Stance };
