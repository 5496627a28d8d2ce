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

/**
 * One pass over a text for a whole list of cues: a single alternation, longest cues first, so
 * that where matches would overlap the earliest, then the longest, wins. Which cue matched is
 * settled on the matched words alone.
 */
export function cueMatcher(cues: string[]): CueMatcher {
  const ordered = [...new Set(cues.map((c) => c.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return () => [];
  // The word-start test is made once for all the cues that begin with a word, not once per cue
  // at every position of the text. Cues that begin with a word and cues that do not can never
  // match at the same position, so splitting them keeps "earliest, then longest".
  const words = ordered.filter(startsWithWord);
  const others = ordered.filter((cue) => !startsWithWord(cue));
  const alternatives = [
    ...(words.length ? [`${WORD_START}(?:${words.map((cue) => `(?:${cueBody(cue)})`).join('|')})`] : []),
    ...others.map((cue) => `(?:${cueBody(cue)})`),
  ];
  const union = new RegExp(alternatives.join('|'), 'giu');
  const exact = ordered.map((cue) => ({ cue, pattern: new RegExp(`^(?:${cueSource(cue)})$`, 'iu') }));
  // Which cue a matched text is depends on the text alone, and the same words recur from
  // sentence to sentence: each is settled once (against every cue) and remembered.
  const settled = new Map<string, string>();
  const cueOf = (words: string): string => {
    let cue = settled.get(words);
    if (cue === undefined) {
      cue = exact.find((e) => e.pattern.test(words))?.cue ?? words.toLowerCase();
      if (settled.size >= 10_000) settled.clear();
      settled.set(words, cue);
    }
    return cue;
  };
  return (text) => {
    const found: CueMatch[] = [];
    union.lastIndex = 0;
    for (const match of text.matchAll(union)) {
      const start = match.index ?? 0;
      found.push({ start, end: start + match[0].length, cue: cueOf(match[0]) });
    }
    return found;
  };
}

const matchers = new Map<string, CueMatcher>();

/** Every match of any of the cues in `text`; where matches overlap, the earliest, then the longest, wins. */
export function findCues(text: string, cues: string[]): CueMatch[] {
  const key = cues.join('\u0000');
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = cueMatcher(cues);
    if (matchers.size > 256) matchers.clear();
    matchers.set(key, matcher);
  }
  return matcher(text);
}
