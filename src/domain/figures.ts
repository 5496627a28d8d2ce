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

export interface FigureGroup<C> {
  key: string;
  value: number;
  unit: string;
  category: string;
  citations: C[];
}

/** Figures grouped by unit, value and what they measure; largest sums of money first. */
export function groupFigures<C extends { value: number; unit: string; measures: string }>(figures: C[]): FigureGroup<C>[] {
  const groups = new Map<string, FigureGroup<C>>();
  for (const figure of figures) {
    const category = measureCategory(figure.measures);
    const key = `${figure.unit}:${figure.value}:${category}`;
    const group = groups.get(key) ?? { key, value: figure.value, unit: figure.unit, category, citations: [] };
    group.citations.push(figure);
    groups.set(key, group);
  }
  const unitOrder = (unit: string) => (unit === 'GBP' ? 0 : 1);
  return [...groups.values()].sort(
    (a, b) => unitOrder(a.unit) - unitOrder(b.unit) || a.unit.localeCompare(b.unit) || b.value - a.value || a.category.localeCompare(b.category),
  );
}
