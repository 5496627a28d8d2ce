import { CURRENCY, SCALE } from './analyse/figures.ts';
import { endsSentence } from './sentence-ends.ts';

/**
 * What kind of thing a figure measures, from the words used to describe it: the same amount
 * can be a budget in one statement and an overspend in another, and those must not be lumped
 * together. Order matters: "funding the review recommended" is a recommendation, not a budget.
 */
const CATEGORIES: [RegExp, string][] = [
  [/\boverspen[dt]/i, 'overspend'],
  [/\bshortfall|\bgap\b/i, 'shortfall'],
  [/\brecommend|\bneed(?:s|ed)?\b|\bcalled for|\bsuggest|\brequired/i, 'recommended'],
  [/\bbudget|\bcommit|\bbacked|\bbacking|\ballocat|\bannounced|\bpledged/i, 'committed'],
  [/\bextra\b.*\bspending|\bspending\b|\bspent\b/i, 'spending'],
  [/\bcost/i, 'cost'],
  [/\bsaving/i, 'savings'],
];

export function measureCategory(measures: string): string {
  return categoryOf(measures) ?? measures.trim().toLowerCase();
}

/** The kind of thing a description of a figure names (`recommended`, `shortfall` …), undefined when it names none. */
export function categoryOf(measures: string): string | undefined {
  return CATEGORIES.find(([pattern]) => pattern.test(measures))?.[1];
}

/** £2 600 000 000 → £2.6bn; 200 000 → £200,000; 23 percent → 23%. */
export function displayValue(value: number, unit: string): string {
  const trim = (n: number) => String(Number(n.toFixed(2)));
  if (unit === 'GBP') {
    if (value >= 1e9) return `£${trim(value / 1e9)}bn`;
    if (value >= 1e6) return `£${trim(value / 1e6)}m`;
    return `£${value.toLocaleString('en-GB')}`;
  }
  if (unit === 'percent') return `${trim(value)}%`;
  if (unit === 'proportion') return `${trim(value * 100)}%`;
  return `${value.toLocaleString('en-GB')} ${unit.replace(/-/g, ' ')}`;
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

/** Whether `mark` closes a quotation left open in `span` (an apostrophe inside a word is not a quote). */
function closesOpenQuote(span: string, mark: string): boolean {
  if (mark === '”') return count(span, /“/g) > count(span, /”/g);
  if (mark === '"') return count(span, /"/g) % 2 === 1;
  if (mark === '’') return count(span, /‘/g) > count(span, /’(?!\p{L})/gu);
  return false;
}

/**
 * The sentence around a span of text: what a figure is quoted in. A closing quotation mark after
 * the sentence is kept only when the sentence opened it, so that a context never ends in a quote
 * mark with no beginning.
 */
export function sentenceAround(text: string, start: number, end: number): { text: string; start: number; end: number } {
  let from = start;
  while (from > 0 && !endsSentence(text, from - 1)) from -= 1;
  // The quotation marks closing the sentence before belong to it.
  while (from < start && /["”’)]/.test(text[from] ?? '') && /[.!?"”’)]/.test(text[from - 1] ?? '')) from += 1;
  while (from < start && /\s/.test(text[from] ?? '')) from += 1;
  let to = end;
  while (to < text.length && !endsSentence(text, to)) to += 1;
  if (to < text.length && text[to] !== '\n') to += 1;
  while (to < text.length && closesOpenQuote(text.slice(from, to), text[to] ?? '')) to += 1;
  return { text: text.slice(from, to).trim(), start: from, end: to };
}

const AMOUNT = /^([£$€])?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m|mn|bn|tn|thousand|million|billion|trillion|%|per\s*cent|percent)?$/iu;

/**
 * An amount as a reader types it ("£2.6bn", "2.6bn", "2,600,000,000", "£200 million", "45%") as the
 * value figures are stored with, and its unit when the text says it (a currency, a percentage);
 * undefined when it is not an amount.
 */
export function parseAmount(text: string): { value: number; unit: string | undefined } | undefined {
  const match = AMOUNT.exec(text.trim());
  if (!match) return undefined;
  const [, currency, digits = '', scale] = match;
  const number = Number(digits.replace(/,/g, ''));
  const suffix = scale?.toLowerCase().replace(/\s+/g, '');
  if (suffix === '%' || suffix === 'percent') return currency ? undefined : { value: number, unit: 'percent' };
  const value = number * (suffix ? (SCALE[suffix] ?? 1) : 1);
  return { value: Number(value.toPrecision(12)), unit: currency ? CURRENCY[currency] : undefined };
}
