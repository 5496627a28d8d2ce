/** The data the analyser works from: themes with their cue words and the stance lexicon, both editable rows. */
export interface Lexicon {
  themes: { slug: string; cues: string[] }[];
  cues: StanceCue[];
  organisations: { slug: string; name: string; shortName: string; kind: string }[];
  events: { slug: string; title: string }[];
}

export interface StanceCue {
  phrase: string;
  kind: 'supportive' | 'critical' | 'negation' | 'contrast';
  weight: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function cueSource(cue: string): string {
  const trimmed = cue.trim();
  const body = escape(trimmed.toLowerCase())
    .replace(/\s+/g, '\\s+')
    .replace(/['’]/g, "['’]");
  const startsWithWord = /^[\p{L}\p{N}]/u.test(trimmed);
  const endsWithWord = /[\p{L}\p{N}]$/u.test(trimmed);
  const suffix = endsWithWord ? "(?:s|es|d|ed|ing|'s|’s)?(?![\\p{L}\\p{N}])" : '';
  return `${startsWithWord ? '(?<![\\p{L}\\p{N}])' : ''}${body}${suffix}`;
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
  const union = new RegExp(ordered.map((cue) => `(?:${cueSource(cue)})`).join('|'), 'giu');
  const exact = ordered.map((cue) => ({ cue, pattern: new RegExp(`^(?:${cueSource(cue)})$`, 'iu') }));
  return (text) => {
    const found: CueMatch[] = [];
    union.lastIndex = 0;
    for (const match of text.matchAll(union)) {
      const start = match.index ?? 0;
      const cue = exact.find((e) => e.pattern.test(match[0]))?.cue ?? match[0].toLowerCase();
      found.push({ start, end: start + match[0].length, cue });
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
