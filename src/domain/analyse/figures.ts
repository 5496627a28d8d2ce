import type { Sentence } from './text.ts';

export interface Figure {
  raw: string;
  value: number;
  unit: string;
  measures: string;
  period: string | null;
  start: number;
  end: number;
  /** The sentence the figure is in. */
  context: { start: number; end: number; text: string };
}

export const SCALE: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12,
};
export const CURRENCY: Record<string, string> = { '£': 'GBP', $: 'USD', '€': 'EUR' };
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20, hundred: 100,
};
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const QUALIFIER = String.raw`(?:(?:up\s+to|almost|nearly|around|about|approximately|roughly|close\s+to|more\s+than|over|at\s+least|just\s+over|just\s+under|fewer\s+than|less\s+than|an\s+estimated|some|as\s+many\s+as|just)\s+)`;
const MONTHS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b/i;

/** Units a bare count can take, from the words that follow it; the nearest wins (ties: the first listed). */
const COUNT_UNITS: [RegExp, string][] = [
  [/\b(?:social\s+workers?|apprentices|apprenticeships|practitioners)\b/i, 'social-workers'],
  [/\b(?:local\s+authorit(?:y|ies)|councils?|boroughs?|local\s+areas?)\b/i, 'local-authorities'],
  [/\b(?:children|young\s+people|kids|babies|teenagers)\b/i, 'children'],
  [/\b(?:families)\b/i, 'families'],
  [/\b(?:foster\s+carers|kinship\s+carers|carers)\b/i, 'carers'],
  [/\b(?:people|adults|staff|workers|employees)\b/i, 'people'],
  [/\b(?:recommendations)\b/i, 'recommendations'],
  [/\b(?:pages?)\b/i, 'pages'],
  [/\b(?:years?)\b/i, 'years'],
  [/\b(?:months?)\b/i, 'months'],
  [/\b(?:weeks?)\b/i, 'weeks'],
  [/\b(?:homes|placements|beds)\b/i, 'placements'],
];

const DURATIONS = ['years', 'months', 'weeks'];

const PERIODS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^\W*(?:\w+\s+){0,6}?(?:a|each|every|per)\s+year\b|^\W*(?:\w+\s+){0,6}?(?:annually|per\s+annum|a\s+year)\b/i, () => 'per year'],
  [/^\W*(?:\w+\s+){0,6}?(over\s+(?:the\s+)?(?:next\s+|last\s+|coming\s+)?(?:\w+\s+)?years?)\b/i, (m) => (m[1] ?? '').replace(/\s+/g, ' ')],
  [/^\W*(?:\w+\s+){0,8}?(by\s+(?:the\s+end\s+of\s+)?(?:\d{4}(?:\/\d{2,4})?))/i, (m) => (m[1] ?? '').replace(/\s+/g, ' ')],
  [/^\W*(?:\w+\s+){0,8}?(last\s+year|this\s+year|next\s+year)\b/i, (m) => (m[1] ?? '').toLowerCase()],
];

const MONEY_TOPICS = ['shortfall', 'overspend', 'overspending', 'budget', 'budgeted', 'funding', 'investment', 'invested', 'cost', 'costs', 'spending', 'savings', 'allowance', 'grant', 'backed'];

function parseNumber(text: string): number {
  const lower = text.toLowerCase();
  return WORD_NUMBERS[lower] ?? Number(lower.replace(/,/g, ''));
}

/**
 * Numeric claims with normalised values: money ("£2.6bn" → 2 600 000 000 GBP), percentages,
 * proportions ("1 in 4" → 0.25), and counts with the unit named by the words after them
 * ("up to 500 … apprentices" → 500 social-workers). Dates, years and list numbers are left out:
 * a count needs a unit. Qualifiers ("up to", "almost", "or more") stay in the raw text; the
 * period ("a year", "over the next two years", "by the end of 2025") is read from what follows.
 */
export function findFigures(text: string, sentences: Sentence[]): Figure[] {
  const found: Omit<Figure, 'context' | 'measures' | 'period'>[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  const add = (start: number, end: number, value: number, unit: string) => {
    if (!Number.isFinite(value) || taken(start, end)) return;
    found.push({ raw: text.slice(start, end), value, unit, start, end });
  };

  const money = new RegExp(String.raw`(${QUALIFIER})?([£$€])\s?(${NUMBER})(?:\s?(bn|billion|mn|m|million|k|thousand|tn|trillion)\b)?`, 'gi');
  for (const m of text.matchAll(money)) {
    const scale = m[4] ? (SCALE[m[4].toLowerCase()] ?? 1) : 1;
    add(m.index ?? 0, (m.index ?? 0) + m[0].length, round(parseNumber(m[3] ?? '') * scale), CURRENCY[m[2] ?? '£'] ?? 'GBP');
  }
  const percent = new RegExp(String.raw`(${QUALIFIER})?(${NUMBER})\s?(?:%|per\s?cent\b|percent\b)`, 'gi');
  for (const m of text.matchAll(percent)) add(m.index ?? 0, (m.index ?? 0) + m[0].length, parseNumber(m[2] ?? ''), 'percent');

  const proportion = new RegExp(String.raw`(${QUALIFIER})?\b(\d+|one|two|three|four|five)\s+in\s+(\d+|two|three|four|five|six|seven|eight|nine|ten|hundred)\b`, 'gi');
  for (const m of text.matchAll(proportion)) {
    const whole = parseNumber(m[3] ?? '');
    if (whole > 0) add(m.index ?? 0, (m.index ?? 0) + m[0].length, parseNumber(m[2] ?? '') / whole, 'proportion');
  }

  const count = new RegExp(String.raw`(${QUALIFIER})?(?<![\d.,/£$€])(${NUMBER})(?:\s?(million|billion|thousand)\b)?(?![\d%/]|\.\d)`, 'gi');
  for (const m of text.matchAll(count)) {
    const start = m.index ?? 0;
    const numberEnd = start + m[0].length;
    const after = text.slice(numberEnd, numberEnd + 80);
    const number = m[2] ?? '';
    if (MONTHS.test(after.trimStart())) continue;
    if (/^\d{4}$/.test(number) && !m[3] && Number(number) >= 1900 && Number(number) <= 2100) continue;
    const nextWords = after.match(/^[\s\-–]*((?:[\p{L}’'&-]+\s+){0,6}[\p{L}’'&-]+)/u)?.[1] ?? '';
    const unit = COUNT_UNITS.map(([pattern, name]) => ({ name, at: nextWords.match(pattern)?.index ?? -1 }))
      .filter((u) => u.at >= 0 && !/[.;:!?]/.test(nextWords.slice(0, u.at)))
      .sort((a, b) => a.at - b.at)[0];
    if (!unit) continue;
    let end = numberEnd;
    if ([...DURATIONS, 'pages'].includes(unit.name)) {
      const word = after.match(/^\s*[-\s]?(?:years?|months?|weeks?|pages?)(?:\s+or\s+more)?/i);
      if (word) end += word[0].length;
    } else {
      const orMore = after.match(/^\s+or\s+more\b/i);
      if (orMore) end += orMore[0].length;
    }
    const scale = m[3] ? (SCALE[m[3].toLowerCase()] ?? 1) : 1;
    add(start, end, round(parseNumber(number) * scale), unit.name);
  }

  // A duration ("12 months", "10 years or more") is found so that its number is not read as a
  // count of something else, and then left out: it is not a figure the text argues with.
  return found
    .filter((figure) => !DURATIONS.includes(figure.unit))
    .sort((a, b) => a.start - b.start)
    .map((figure) => {
      const sentence = sentences.find((s) => figure.start >= s.start && figure.start < s.end);
      const context = sentence ? { start: sentence.start, end: sentence.end, text: sentence.text } : { start: figure.start, end: figure.end, text: figure.raw };
      const after = text.slice(figure.end, context.end);
      return { ...figure, context, period: periodOf(after), measures: measuresOf(figure, text, context) };
    });
}

function periodOf(after: string): string | null {
  for (const [pattern, label] of PERIODS) {
    const m = after.match(pattern);
    if (m) return label(m);
  }
  return null;
}

function measuresOf(figure: { unit: string; end: number; start: number }, text: string, context: { start: number; end: number; text: string }): string {
  if (['GBP', 'USD', 'EUR'].includes(figure.unit)) {
    const words = context.text.toLowerCase();
    const topic = MONEY_TOPICS.map((t) => ({ t, i: words.indexOf(t) }))
      .filter((x) => x.i >= 0)
      .sort((a, b) => Math.abs(a.i - (figure.start - context.start)) - Math.abs(b.i - (figure.start - context.start)))[0];
    return topic ? topic.t : 'amount of money';
  }
  const phrase = text.slice(figure.end, context.end).match(/^\s*((?:[\p{L}’'&-]+\s*){1,7})/u)?.[1]?.trim() ?? '';
  return phrase || figure.unit;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
