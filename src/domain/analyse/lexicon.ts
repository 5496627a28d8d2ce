/** The data the analyser works from: themes with their cue words and the stance lexicon, both editable rows. */
export interface Lexicon {
  themes: { slug: string; cues: string[] }[];
  cues: StanceCue[];
  organisations: { slug: string; name: string; shortName: string; kind: string }[];
  events: { slug: string; title: string; kind: EventKind }[];
}

/**
 * What an event puts forward, which decides how a demand reads: after a government `measure`,
 * "we urge the Government to fund …" says the measure is not enough yet (critical); reacting to
 * a review's `recommendations`, before any measure exists, it endorses them (supportive).
 */
export const EVENT_KINDS = ['measure', 'recommendations'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/**
 * What a stance cue is: a judgement (`supportive`, `critical`); a `negation` that turns a judgement
 * round; a `contrast` that turns or concedes a clause; a `demand` on the measure ("we urge", "must"),
 * read by the event; `problem` talk that describes the problem and judges nothing alone ("crisis",
 * "overspending"); a `reservation` that is praise and complaint at once ("a first step", "long overdue").
 */
export const CUE_KINDS = ['supportive', 'critical', 'negation', 'contrast', 'demand', 'problem', 'reservation'] as const;

export interface StanceCue {
  phrase: string;
  kind: (typeof CUE_KINDS)[number];
  weight: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const WORD_START = '(?<![\\p{L}\\p{N}])';
const startsWithWord = (cue: string) => /^[\p{L}\p{N}]/u.test(cue.trim());

/** The cue's pattern without the word-start test, which `cueSource` puts in front when the cue begins with a word. */
function cueBody(cue: string): string {
  const trimmed = cue.trim();
  const body = escape(trimmed.toLowerCase())
    .replace(/\s+/g, '\\s+')
    .replace(/['’]/g, "['’]");
  const endsWithWord = /[\p{L}\p{N}]$/u.test(trimmed);
  const suffix = endsWithWord ? "(?:s|es|d|ed|ing|'s|’s)?(?![\\p{L}\\p{N}])" : '';
  return `${body}${suffix}`;
}

function cueSource(cue: string): string {
  return `${startsWithWord(cue) ? WORD_START : ''}${cueBody(cue)}`;
}

/**
 * A case-insensitive pattern for a cue word or phrase: whole words, inner spaces matching any
 * whitespace, curly and straight apostrophes alike, and the usual inflections of the last word
 * (welcome → welcomes, welcomed; carer → carers).
 */
export function cuePattern(cue: string): RegExp {
  return new RegExp(cueSource(cue), 'giu');
}

export interface CueMatch {
  start: number;
  end: number;
  cue: string;
}

export type CueMatcher = (text: string) => CueMatch[];

const RUN = /[\p{L}\p{N}]+/gu;

// Whether a code point is a letter or a digit (what RUN's class holds): a table for ASCII, the class itself, remembered, beyond.
const ASCII_WORD = Array.from({ length: 128 }, (_, code) => /[\p{L}\p{N}]/u.test(String.fromCharCode(code)));
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const wordPoints = new Map<number, boolean>();
export function isWordPoint(point: number): boolean {
  if (point < 128) return ASCII_WORD[point] === true;
  let known = wordPoints.get(point);
  if (known === undefined) {
    known = LETTER_OR_DIGIT.test(String.fromCodePoint(point));
    if (wordPoints.size >= 10_000) wordPoints.clear();
    wordPoints.set(point, known);
  }
  return known;
}

/**
 * The words of a text (what RUN matches: runs of letters and digits, code point by code point) with their offsets,
 * lowercased; the last few texts are remembered, as every matcher reads the same sentence. Scanned by hand: a
 * match object per word costs more than the scan.
 */
const recentRuns: { text: string; runs: { start: number; word: string }[] }[] = [];
function runsOf(text: string): { start: number; word: string }[] {
  const known = recentRuns.find((r) => r.text === text);
  if (known) return known.runs;
  const runs: { start: number; word: string }[] = [];
  let start = -1;
  for (let i = 0; i < text.length; ) {
    const point = text.codePointAt(i) ?? 0;
    const size = point > 0xffff ? 2 : 1;
    if (isWordPoint(point)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push({ start, word: text.slice(start, i).toLowerCase() });
      start = -1;
    }
    i += size;
  }
  if (start >= 0) runs.push({ start, word: text.slice(start).toLowerCase() });
  recentRuns.unshift({ text, runs });
  recentRuns.length = Math.min(recentRuns.length, 4);
  return runs;
}
// The inflections `cueBody` allows on a cue's last word, longest first: a word of the text may be a cue word plus one of them.
const SUFFIXES = ['ing', 'es', 'ed', 's', 'd'];

/**
 * A matcher for a whole list of cues. Where matches would overlap, the earliest, then the longest
 * cue, wins. Cues that begin with a word are looked up by their first word at each word of the
 * text (and, for one-word cues, by the word less an inflection), then confirmed with the cue's own
 * pattern there: a few candidates per word instead of every cue at every position, so a lexicon of
 * hundreds of phrases costs little more than one of ten. Cues that begin otherwise (£) use a pattern.
 */
export function cueMatcher(cues: string[]): CueMatcher {
  const ordered = [...new Set(cues.map((c) => c.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return () => [];
  // One-word cues by their word; longer cues by their first two words (the second may be inflected if it is the last).
  // A cue's own pattern is compiled when a text first holds its first word: most never come up (an organisation's name).
  type Entry = { cue: string; pattern: RegExp | undefined };
  const byWord = new Map<string, Entry[]>();
  const byPair = new Map<string, Entry[]>();
  for (const cue of ordered.filter(startsWithWord)) {
    const runs = cue.toLowerCase().match(RUN) ?? [''];
    const entry: Entry = { cue, pattern: undefined };
    const [index, key] = runs.length === 1 ? [byWord, runs[0] ?? ''] : [byPair, `${runs[0]} ${runs[1]}`];
    index.set(key, [...(index.get(key) ?? []), entry]);
  }
  const withStems = (word: string) => [word, ...SUFFIXES.filter((suffix) => word.length > suffix.length + 1 && word.endsWith(suffix)).map((suffix) => word.slice(0, -suffix.length))];
  const others = ordered.filter((cue) => !startsWithWord(cue));
  const symbols = others.length ? new RegExp(others.map((cue) => `(?:${cueBody(cue)})`).join('|'), 'giu') : undefined;
  const symbolCue = new Map(others.map((cue) => [cue, new RegExp(`^(?:${cueBody(cue)})$`, 'iu')]));

  // Most words begin no cue: that is settled once per word, so they cost one lookup.
  const pairFirsts = new Set([...byPair.keys()].map((key) => key.split(' ')[0] ?? ''));
  const begins = new Map<string, boolean>();
  const beginsCue = (word: string) => {
    let known = begins.get(word);
    if (known === undefined) {
      known = pairFirsts.has(word) || withStems(word).some((w) => byWord.has(w));
      if (begins.size >= 50_000) begins.clear();
      begins.set(word, known);
    }
    return known;
  };
  // The cues a word (and the word after it) may begin, longest first; settled once per pair of words, which recur.
  const none: Entry[] = [];
  const settled = new Map<string, Map<string, Entry[]>>();
  let size = 0;
  const candidates = (word: string, next: string) => {
    let after = settled.get(word);
    if (!after) settled.set(word, (after = new Map()));
    let list = after.get(next);
    if (list === undefined) {
      list = [
        ...(next ? withStems(next).flatMap((n) => byPair.get(`${word} ${n}`) ?? []) : []),
        ...withStems(word).flatMap((w) => byWord.get(w) ?? []),
      ].sort((a, b) => b.cue.length - a.cue.length);
      if (list.length === 0) list = none;
      if ((size += 1) >= 50_000) {
        settled.clear();
        size = 0;
      }
      after.set(next, list);
    }
    return list;
  };

  return (text) => {
    const found: CueMatch[] = [];
    let reached = 0;
    const runs = runsOf(text);
    for (let i = 0; i < runs.length; i += 1) {
      const { start, word } = runs[i] as { start: number; word: string };
      if (start < reached || !beginsCue(word)) continue;
      for (const entry of candidates(word, runs[i + 1]?.word ?? '')) {
        const { cue } = entry;
        const pattern = (entry.pattern ??= new RegExp(cueBody(cue), 'iuy'));
        // Sticky: where it matches, lastIndex is the match's end (test builds no match object).
        pattern.lastIndex = start;
        if (!pattern.test(text)) continue;
        found.push({ start, end: pattern.lastIndex, cue });
        reached = pattern.lastIndex;
        break;
      }
    }
    if (symbols) {
      for (const match of text.matchAll(symbols)) {
        const start = match.index ?? 0;
        if (found.some((f) => start < f.end && f.start < start + match[0].length)) continue;
        const cue = others.find((c) => symbolCue.get(c)?.test(match[0])) ?? match[0].toLowerCase();
        found.push({ start, end: start + match[0].length, cue });
      }
      found.sort((a, b) => a.start - b.start);
    }
    return found;
  };
}

export type ThemeFinder = (text: string) => (CueMatch & { slug: string })[];

/** Every theme word in a text, in one pass for all the themes, each match with its theme's slug (a cue two themes share, once for each). */
export function themeFinder(themes: Lexicon['themes']): ThemeFinder {
  const slugsOf = new Map<string, string[]>();
  for (const theme of themes) {
    for (const cue of theme.cues) {
      const phrase = cue.trim().toLowerCase();
      if (phrase && !slugsOf.get(phrase)?.includes(theme.slug)) slugsOf.set(phrase, [...(slugsOf.get(phrase) ?? []), theme.slug]);
    }
  }
  const find = cueMatcher(themes.flatMap((theme) => theme.cues));
  return (text) => find(text).flatMap((match) => (slugsOf.get(match.cue.toLowerCase()) ?? []).map((slug) => ({ ...match, slug })));
}
