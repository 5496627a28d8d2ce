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

/**
 * A case-insensitive pattern for a cue word or phrase: whole words, inner spaces matching any
 * whitespace, curly and straight apostrophes alike, and the usual inflections of the last word
 * (welcome → welcomes, welcomed; carer → carers).
 */
export function cuePattern(cue: string): RegExp {
  const body = escape(cue.trim().toLowerCase())
    .replace(/\s+/g, '\\s+')
    .replace(/['’]/g, "['’]");
  const startsWithWord = /^[\p{L}\p{N}]/u.test(cue.trim());
  const endsWithWord = /[\p{L}\p{N}]$/u.test(cue.trim());
  const suffix = endsWithWord ? "(?:s|es|d|ed|ing|'s|’s)?(?![\\p{L}\\p{N}])" : '';
  return new RegExp(`${startsWithWord ? '(?<![\\p{L}\\p{N}])' : ''}${body}${suffix}`, 'giu');
}

export interface CueMatch {
  start: number;
  end: number;
  cue: string;
}

/** Every match of any of the cues in `text`; where matches overlap, the longest wins. */
export function findCues(text: string, cues: string[], patterns = cues.map(cuePattern)): CueMatch[] {
  const found: CueMatch[] = [];
  patterns.forEach((pattern, i) => {
    pattern.lastIndex = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      found.push({ start, end: start + match[0].length, cue: cues[i] ?? '' });
    }
  });
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: CueMatch[] = [];
  for (const match of found) {
    const last = kept[kept.length - 1];
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}
