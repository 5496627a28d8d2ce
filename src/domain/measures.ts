import { categoryOf, displayValue } from './figures.ts';

/**
 * What a figure measures, across organisations and wordings: "funding the Independent Review said
 * the reform needs" and "funding the Independent Review recommended for the reforms" are one measure,
 * whoever cites it and whatever value they give, so that their values can be set side by side.
 *
 * A measure is read from the figure's unit, the kind of thing its description names (its category:
 * recommended, shortfall, overspend …) and the content words of the description, compared by stem:
 * what is left when the words that say nothing of the measure are taken out (function words,
 * reporting verbs, periods, numbers, the unit's own noun, the organisation's name, the words every
 * figure about children's social care could carry).
 */

const STOPWORDS = new Set(
  `a about above across after against all also among an and any are around as at be been before being between both but by can could did do does
   each either for from had has have he her his how if in into is it its itself just may might more most much must no nor not of off on once only
   or other our out over own per same she should so some such than that the their them then there these they this those through to too under
   until up upon very via was we were what when where which while who whom whose why will with within would you your us
   said says say saying told tell tells called call calls according described describes put puts made make makes given gives set sets`.split(/\s+/),
);

/** Words a period is made of: the period is the basis a value is given on, not what it measures. */
const PERIOD_WORDS = new Set(['year', 'years', 'yearly', 'annual', 'annually', 'annum', 'month', 'months', 'monthly', 'week', 'weeks', 'weekly', 'next', 'last', 'coming']);

const NUMBER_WORDS = new Map(Object.entries({
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twelve: '12', twenty: '20',
}));
const SCALE_WORDS = new Set(['hundred', 'thousand', 'million', 'billion', 'trillion']);

/**
 * Words any figure of this service's subject can carry (children's social care), and words that
 * name money or a quantity in general: they tell one measure from another no more than "the" does.
 */
const GENERIC = ['child', 'social', 'care', 'fund', 'money', 'amount', 'sum', 'cash', 'investment', 'invest', 'figure', 'total', 'number', 'pound', 'estimate'];

/** The nouns a count's unit already says: "500 social worker apprentices" measures apprentices, not social workers. */
const UNIT_NOUNS = new Map(Object.entries({
  children: ['young', 'people', 'kids', 'babies', 'teenagers'],
  'social-workers': ['worker', 'workers', 'practitioners'],
  'local-authorities': ['local', 'authority', 'authorities', 'council', 'councils', 'borough', 'boroughs', 'area', 'areas'],
  families: ['families', 'family'],
  carers: ['carer', 'carers', 'foster', 'kinship'],
  people: ['people', 'person', 'adults', 'staff', 'workers', 'employees'],
  placements: ['homes', 'placements', 'beds'],
  pages: ['page', 'pages'],
}));

const IRREGULAR = new Map(Object.entries({ children: 'child', people: 'person', women: 'woman', men: 'man', lives: 'life', analyses: 'analysis' }));

/**
 * A light stem, enough to match the plural, past and -ing forms descriptions of figures use
 * ("reforms"/"reform", "recommended"/"recommend", "piloting"/"pilots"): readable, unlike a full
 * Porter stem, and never merging words that differ in more than their ending.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular) return irregular;
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (/(?:ch|sh|x|ss|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(?:ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

const GENERIC_STEMS = new Set(GENERIC.map(stem));

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a description as a reader types them: lower case, apostrophes straight, possessives and accents off. */
function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s\b/g, '')
    .split(/[^a-z]+/)
    .filter((w) => w.length > 2);
}

/** The content words of what a figure measures, in order, each once (by stem): `{ word, stem }`. */
const nameIn = (name: string) => new RegExp(`(?<![\\p{L}])${escapeRegExp(name.trim())}(?![\\p{L}])`, 'giu');
// A corpus names a few hundred organisations, and every description is read against each: each
// pattern is built once, and only tried on a description that holds the name at all.
const namePatterns = new Map<string, RegExp>();
function stripName(text: string, lower: string, name: string): string {
  if (!lower.includes(name.trim().toLowerCase())) return text;
  let pattern = namePatterns.get(name);
  if (!pattern) namePatterns.set(name, (pattern = nameIn(name)));
  return text.replace(pattern, ' ');
}

export function contentWords(measures: string, unit: string, organisationNames: readonly string[]): { word: string; stem: string }[] {
  let text = measures;
  // Longest first, so that "Action for Children" goes before a shorter name inside it.
  let lower = text.toLowerCase();
  for (const name of [...organisationNames].sort((a, b) => b.length - a.length)) {
    const stripped = stripName(text, lower, name);
    if (stripped !== text) lower = (text = stripped).toLowerCase();
  }
  const unitNouns = new Set(UNIT_NOUNS.get(unit));
  const seen = new Set<string>();
  const found: { word: string; stem: string }[] = [];
  for (const word of words(text)) {
    if (STOPWORDS.has(word) || PERIOD_WORDS.has(word) || NUMBER_WORDS.has(word) || SCALE_WORDS.has(word) || unitNouns.has(word)) continue;
    // A word naming a category (overspend, shortfall, needs …) is the category, not a content word.
    if (categoryOf(word) !== undefined) continue;
    const stemmed = stem(word);
    if (GENERIC_STEMS.has(stemmed) || seen.has(stemmed)) continue;
    seen.add(stemmed);
    found.push({ word, stem: stemmed });
  }
  return found;
}

export interface Measure {
  /** Unit, category, owner and the first content words: `gbp-recommended-independent-review-reform`. */
  key: string;
  unit: string;
  category: string | null;
  /** The organisation the figure is about, when it measures the organisation itself ("the children we support"). */
  owner: string | null;
  /** The content words' stems, sorted: what two measures are compared by. */
  stems: string[];
}

/** How many content words a key is made of: enough to read, short enough for a URL. */
export const KEY_WORDS = 4;

export interface Organisation {
  slug: string;
  /** Every name it goes by: name, short name. */
  names: string[];
}

const FIRST_PERSON = /\b(?:we|our|ours|us)\b/i;

/**
 * What a figure measures. Organisations' names are not content words; but a description in which
 * the citing organisation speaks of itself ("the children we support", "people Action for Children
 * helped") measures that organisation, and no other organisation's figure is the same measure.
 */
export function measureOf(
  figure: { unit: string; measures: string; organisation?: string | undefined },
  organisations: readonly Organisation[] = [],
  // The content words depend on the description and unit only, not on who cites it: a caller measuring many figures reads them once.
  content = contentWords(figure.measures, figure.unit, organisations.flatMap((o) => o.names)),
): Measure {
  const category = categoryOf(figure.measures) ?? null;
  const own = organisations.find((o) => o.slug === figure.organisation);
  const itself = FIRST_PERSON.test(figure.measures) || (own?.names.some((name) => name.trim() !== '' && nameIn(name).test(figure.measures)) ?? false);
  const owner = itself ? (figure.organisation ?? null) : null;
  const key = [figure.unit.toLowerCase(), ...(category ? [category] : []), ...(owner ? [owner] : []), ...content.slice(0, KEY_WORDS).map((c) => c.word)].join('-');
  return { key, unit: figure.unit, category, owner, stems: content.map((c) => c.stem).sort() };
}

/** Dice's coefficient of two sets of stems: 1 for the same words, 0 for none shared. */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  const other = new Set(b);
  const shared = new Set(a.filter((s) => other.has(s))).size;
  return (2 * shared) / (new Set(a).size + other.size);
}

/** Two descriptions at least this similar (and of the same unit and category) measure the same thing. */
export const SAME_MEASURE = 0.5;

export interface GroupableFigure {
  id: number;
  /** The citing organisation's slug. */
  organisation: string;
  unit: string;
  value: number;
  measures: string;
  /** An editor's choice of group, which overrides the automatic one. */
  editorGroup?: { key: string; label: string | null } | null | undefined;
}

export interface MeasureGroup<F extends GroupableFigure> {
  key: string;
  /** What it measures, as a reader says it: an editor's label, or the first description of it. */
  label: string;
  unit: string;
  category: string | null;
  /** An editor set the group of at least one of its figures. */
  editor: boolean;
  /** False when the figures say neither what kind of thing they measure nor what of: grouped by value only. */
  specified: boolean;
  figures: F[];
}

interface Draft<F extends GroupableFigure> extends MeasureGroup<F> {
  owner: string | null;
  stems: string[];
  labelledByEditor: boolean;
}

const valueKey = (value: number) => String(value).replace(/[^0-9a-z]+/gi, '-').replace(/^-|-$/g, '');

/** Where a new figure goes: the most similar group of its unit, category and owner, if any is similar enough (the first of equals). */
function closest<F extends GroupableFigure>(drafts: Draft<F>[], measure: Measure): Draft<F> | undefined {
  let best: Draft<F> | undefined;
  let bestScore = SAME_MEASURE;
  for (const draft of drafts) {
    if (draft.unit !== measure.unit || draft.category !== measure.category || draft.owner !== measure.owner) continue;
    const score = similarity(draft.stems, measure.stems);
    if (score > bestScore || (score === bestScore && !best)) {
      best = draft;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Figures grouped by what they measure. The groups an editor made come first: each holds the
 * figures an editor put in it and is named by the first of them. Every other figure, in order of
 * id, joins the group with its own key, or else the group of its unit and category whose first
 * figure's words are most like its own (if similar enough), or founds a group named by its own key and description,
 * so that a group keeps its key as figures are added. A figure that names only a category
 * ("shortfall") joins the one group of its unit and category when there is exactly one, and forms
 * `unit-category` otherwise; one that names nothing ("funding") is grouped with the same value only.
 */
export function groupByMeasure<F extends GroupableFigure>(figures: readonly F[], organisations: readonly Organisation[] = []): MeasureGroup<F>[] {
  const sorted = [...figures].sort((a, b) => a.id - b.id);
  const measured = new Map<string, Measure>();
  const contents = new Map<string, ReturnType<typeof contentWords>>();
  const names = organisations.flatMap((o) => o.names);
  const measure = (f: F) => {
    const cacheKey = `${f.unit}\u0000${f.organisation}\u0000${f.measures}`;
    let known = measured.get(cacheKey);
    if (!known) {
      const wording = `${f.unit}\u0000${f.measures}`;
      let content = contents.get(wording);
      if (!content) contents.set(wording, (content = contentWords(f.measures, f.unit, names)));
      measured.set(cacheKey, (known = measureOf(f, organisations, content)));
    }
    return known;
  };
  const byKey = new Map<string, Draft<F>>();
  const groupFor = (key: string, f: F, m: Measure, specified = true): Draft<F> => {
    const found = byKey.get(key) ?? {
      key,
      label: f.measures,
      unit: f.unit,
      category: m.category,
      editor: false,
      specified,
      figures: [],
      owner: m.owner,
      stems: m.stems,
      labelledByEditor: false,
    };
    byKey.set(key, found);
    return found;
  };

  for (const f of sorted) {
    if (!f.editorGroup) continue;
    const group = groupFor(f.editorGroup.key, f, measure(f));
    group.editor = true;
    if (f.editorGroup.label && !group.labelledByEditor) {
      group.label = f.editorGroup.label;
      group.labelledByEditor = true;
    }
    group.figures.push(f);
  }
  const vague: [F, Measure][] = [];
  // The same description always lands in the same group: it is placed once.
  const placed = new Map<Measure, Draft<F>>();
  for (const f of sorted) {
    if (f.editorGroup) continue;
    const m = measure(f);
    if (m.stems.length === 0) {
      vague.push([f, m]);
      continue;
    }
    const group = placed.get(m) ?? byKey.get(m.key) ?? closest([...byKey.values()], m) ?? groupFor(m.key, f, m);
    placed.set(m, group);
    group.figures.push(f);
  }
  const named = [...byKey.values()].filter((g) => g.stems.length > 0);
  for (const [f, m] of vague) {
    const candidates = m.category ? named.filter((g) => g.unit === m.unit && g.category === m.category && g.owner === m.owner) : [];
    const key = m.category ? m.key : `${f.unit.toLowerCase()}-${valueKey(f.value)}`;
    (candidates.length === 1 ? candidates[0]! : groupFor(key, f, m, m.category !== null)).figures.push(f);
  }

  const unitOrder = (unit: string) => (unit === 'GBP' ? 0 : 1);
  // Code-unit order, as a database's binary collation sorts the stored groups.
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Each group's largest value, read once: a group can hold most of the corpus's figures.
  const largest = new Map([...byKey.values()].map((g) => [g, g.figures.reduce((max, f) => (f.value > max ? f.value : max), -Infinity)]));
  return [...byKey.values()]
    .sort((a, b) => unitOrder(a.unit) - unitOrder(b.unit) || byCode(a.unit, b.unit) || largest.get(b)! - largest.get(a)! || byCode(a.key, b.key))
    .map(({ owner: _owner, stems: _stems, labelledByEditor: _labelled, ...group }) => ({ ...group, figures: group.figures.sort((a, b) => a.id - b.id) }));
}

const PER_YEAR = /\b(?:a|per|each|every) year\b|\byearly\b|\bannual(?:ly)?\b|\bper annum\b/;
const OVER_YEARS = /\bover (?:the )?(?:next |coming |last |past )?(\w+) years?\b/;
const BY = /\bby (?:the end of )?((?:19|20)\d\d(?:\/\d\d(?:\d\d)?)?)\b/;

/** The period a description states, as a basis: `per year`, `over 2 years`, `by 2025`; undefined when it states none. */
function statedPeriod(text: string): string | undefined {
  if (PER_YEAR.test(text)) return 'per year';
  const over = OVER_YEARS.exec(text);
  if (over) {
    const n = NUMBER_WORDS.get(over[1]!) ?? over[1]!;
    return `over ${n} year${n === '1' ? '' : 's'}`;
  }
  const by = BY.exec(text);
  return by ? `by ${by[1]}` : undefined;
}

/**
 * The basis a value is given on, for comparing like with like: the figure's period, normalised
 * ("over the next two years" is `over 2 years`, "a year" and "annually" are `per year`), or read
 * from its description when no period was recorded ("yearly shortfall"); `unstated` when neither says.
 */
export function periodBasis(period: string | null, measures: string): string {
  const text = (period ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  if (text) return statedPeriod(text) ?? text;
  return statedPeriod(measures.toLowerCase()) ?? 'unstated';
}

export interface CitedValue {
  organisation: string;
  value: number;
  unit: string;
  period: string | null;
  measures: string;
}

export const VERDICTS = ['values-differ', 'periods-differ', 'same-value', 'one-organisation'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Spread {
  /** The period basis the values disagree on. */
  period: string;
  min: number;
  max: number;
  /** max − min, in the unit (percentage points for percentages). */
  difference: number;
  /** max ÷ min, to two places; null when the smallest is not above zero. */
  ratio: number | null;
  display: string;
}

export interface Comparison {
  /** Every period basis the figures are given on, in order. */
  periods: string[];
  disagreement: boolean;
  verdict: Verdict;
  /** Why, in a sentence a reader can take as it is. */
  note: string;
  /** Where they disagree (the basis of the widest spread when several do), else null. */
  spread: Spread | null;
}

// Stored values come from the same arithmetic, but a float may differ in its last digits.
const sameValue = (a: number, b: number) => Math.abs(a - b) <= Math.abs(b) * 1e-9;

function distinct(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.filter((v, i) => i === 0 || !sameValue(v, sorted[i - 1]!));
}

const basisPhrase = (basis: string) => (basis === 'unstated' ? 'with no period stated' : basis);

function spreadOf(period: string, values: number[], unit: string): Spread {
  const min = values[0]!;
  const max = values[values.length - 1]!;
  return {
    period,
    min,
    max,
    difference: Number((max - min).toPrecision(12)),
    ratio: min > 0 ? Math.round((max / min) * 100) / 100 : null,
    display: `${displayValue(min, unit)} to ${displayValue(max, unit)}`,
  };
}

/**
 * Whether organisations disagree on a measure: they do when two of them give different values on
 * the same period basis (with two organisations and two values on one basis, some pair of
 * organisations always differs). Values given for different periods (per year against over two
 * years) are set side by side but are not a disagreement, and one organisation's figures alone never are.
 */
export function compareFigures(cited: readonly CitedValue[]): Comparison {
  const bases = new Map<string, CitedValue[]>();
  // Many figures share a wording: each wording's basis is read once.
  const basisOf = new Map<string, string>();
  for (const c of cited) {
    const wording = `${c.period ?? ''}\u0000${c.measures}`;
    let basis = basisOf.get(wording);
    if (basis === undefined) basisOf.set(wording, (basis = periodBasis(c.period, c.measures)));
    const on = bases.get(basis);
    if (on) on.push(c);
    else bases.set(basis, [c]);
  }
  const periods = [...bases.keys()].sort();
  const organisations = new Set(cited.map((c) => c.organisation));
  const spreads = periods.flatMap((period) => {
    const on = bases.get(period)!;
    const values = distinct(on.map((c) => c.value));
    return values.length > 1 && new Set(on.map((c) => c.organisation)).size > 1 ? [spreadOf(period, values, on[0]!.unit)] : [];
  });
  const widest = spreads.sort((a, b) => (b.ratio ?? Infinity) - (a.ratio ?? Infinity) || b.difference - a.difference)[0] ?? null;
  if (widest) {
    const organisationCount = new Set(bases.get(widest.period)!.map((c) => c.organisation)).size;
    return {
      periods,
      disagreement: true,
      verdict: 'values-differ',
      note: `${organisationCount} organisations give different values ${basisPhrase(widest.period)}: ${widest.display}.`,
      spread: widest,
    };
  }
  const base = { periods, disagreement: false, spread: null };
  if (organisations.size < 2) return { ...base, verdict: 'one-organisation', note: 'One organisation cites it: nothing to compare with.' };
  if (distinct(cited.map((c) => c.value)).length < 2) return { ...base, verdict: 'same-value', note: `${organisations.size} organisations give the same value.` };
  return {
    ...base,
    verdict: 'periods-differ',
    note: `The values differ, but each is given for a different period (${periods.map(basisPhrase).join('; ')}): not a disagreement.`,
  };
}
