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
  return CATEGORIES.find(([pattern]) => pattern.test(measures))?.[1] ?? measures.trim().toLowerCase();
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

/** The sentence around a span of text: what a figure is quoted in. */
export function sentenceAround(text: string, start: number, end: number): { text: string; start: number; end: number } {
  let from = start;
  while (from > 0 && !/[.!?\n]/.test(text[from - 1] ?? '')) from -= 1;
  while (from < start && /\s/.test(text[from] ?? '')) from += 1;
  let to = end;
  while (to < text.length && !/[.!?\n]/.test(text[to] ?? '')) to += 1;
  if (to < text.length && text[to] !== '\n') to += 1;
  while (to < text.length && /["”’]/.test(text[to] ?? '')) to += 1;
  return { text: text.slice(from, to).trim(), start: from, end: to };
}

