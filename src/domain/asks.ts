import { targetFamily } from './analyse/asks.ts';
import { displayValue, parseAmount } from './figures.ts';

export { targetFamily };

/** One ask as the grouping reads it. */
export interface AskToGroup {
  id: number;
  /** The asking organisation's slug, and the short name a label uses. */
  organisation: string;
  organisationName: string;
  theme: string | null;
  /** The theme's name, for labels ("funding" → "Funding"). */
  themeName?: string | null | undefined;
  target: string;
  action: string;
  text: string;
  /** YYYY-MM-DD, for the order of members. */
  date: string;
}

export interface AskGroup {
  /** Stable while the group's first member stays: `ask-<id of its first ask>`. */
  key: string;
  label: string;
  theme: string | null;
  /** The family of targets the members ask: `government` (ministers, the Treasury, the DfE …), `local authorities` … */
  target: string;
  /** Member ask ids, oldest first (by date, then id). */
  asks: number[];
  organisations: string[];
  organisationCount: number;
  /** Amounts the members' words cite, as written the usual way (£2.6bn), most cited first. */
  figures: string[];
}

// Words that carry no content of an ask: function words, the words of asking, and what every ask in children's social care names.
const STOP = new Set(
  `a an the and or but nor of to for in on at by with from into onto over under as is are was were be been being am it its this that these those there their them they
  we our us i you your he she his her who whom whose which what when where why how all any both each every some such no not only own same so than too very can will
  would should could must may might shall do does did done has have had having just also now then more most much many further other another up out off about again
  per via within without across between before after during including include includes including new
  urge urges urged urging call calls called calling ask asks asked asking want wants wanted need needs needed needing needed require required requires
  essential vital crucial imperative important necessary urgent urgently desperately desperate immediate immediately properly proper serious seriously
  significant significantly greater great real really full fully right range thing things way ways sure make makes made take takes taken get gets give gives given
  provide provides provided ensure ensures ensured deliver delivers delivered put puts set sets see seen bring brings improve improves improved help helps act acts
  government governments minister ministers treasury chancellor department dfe secretary state councils council authority authorities local parties party
  children child young people family families social care system systems service services reform reforms policy policies work working year years time
  line end together piece pieces`.split(/\s+/u),
);

// Words that mean the same thing asked for, folded to one ("investment" and "funding" are both money).
const FOLD: [RegExp, string][] = [
  [/^(?:fund|funds|funding|funded|financ\w*|invest\w*|money|cash|resourc\w*|budget\w*|grant|grants|settlement\w*|spend\w*|billion|million|bn|pounds|penny)$/u, 'funding'],
  [/^(?:action|act|acting|actions)$/u, 'action'],
  [/^(?:support|supporting|supported)$/u, 'support'],
  [/^(?:staff|staffing|workforce|worker|workers|social-workers)$/u, 'workforce'],
  [/^(?:recruit\w*|retain\w*|retention)$/u, 'recruitment'],
  [/^(?:allowance|allowances)$/u, 'allowance'],
  [/^(?:kinship|kin)$/u, 'kinship'],
];

/** How a folded word reads in a label. */
const TOPIC: Record<string, string> = { funding: 'funding', action: 'action', support: 'support', workforce: 'the workforce', recruitment: 'recruitment', allowance: 'an allowance' };

function stem(word: string): string {
  for (const [pattern, folded] of FOLD) if (pattern.test(word)) return folded;
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 'es', 's', 'ly']) {
    if (word.length > suffix.length + 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

const MONEY = /[£$€]\s?\d[\d,]*(?:\.\d+)?\s?(?:bn|billion|m|million|k|thousand)?(?![\p{L}])/giu;

/** The amounts of money an ask's words cite, normalised (£2.6bn and £2,600m are one). */
function amounts(text: string): { key: string; display: string }[] {
  return [...text.matchAll(MONEY)].flatMap((match) => {
    const amount = parseAmount(match[0].replace(/\s+/gu, ''));
    if (!amount?.unit) return [];
    return [{ key: `${amount.unit}:${amount.value}`, display: displayValue(amount.value, amount.unit) }];
  });
}

/** The content words of an ask (its wording and its action), stemmed and folded, each with the first way it was written. */
function contentOf(ask: AskToGroup): Map<string, string> {
  const words = new Map<string, string>();
  const text = `${ask.action} ${ask.text}`.toLowerCase().replace(/[’']s\b/gu, '').replace(/[’']/gu, '');
  for (const word of text.match(/[\p{L}][\p{L}-]*/gu) ?? []) {
    if (word.length < 3 || STOP.has(word)) continue;
    const stemmed = stem(word);
    if (STOP.has(stemmed) || words.has(stemmed)) continue;
    words.set(stemmed, word);
  }
  return words;
}

// How alike two asks must be to stand in one group: the same theme counts for something, shared words and amounts for the rest.
const SAME_THEME = 0.3;
const SHARED_WORDS = 0.7;
const SHARED_AMOUNT = 0.3;
const THRESHOLD = 0.4;

interface Read {
  ask: AskToGroup;
  family: string;
  words: Map<string, string>;
  amounts: { key: string; display: string }[];
}

/** How alike two asks of one theme and family of targets are, 0–1: the same theme, the share of the shorter's words the other has, a shared amount. */
function similarity(a: Read, b: Read): number {
  let shared = 0;
  for (const word of a.words.keys()) if (b.words.has(word)) shared += 1;
  const overlap = shared / Math.max(1, Math.min(a.words.size, b.words.size));
  const amount = a.amounts.some((x) => b.amounts.some((y) => y.key === x.key)) ? SHARED_AMOUNT : 0;
  return Math.min(1, (a.ask.theme ? SAME_THEME : 0) + SHARED_WORDS * overlap + amount);
}

const byDateThenId = (a: AskToGroup, b: AskToGroup) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id);

/**
 * Groups similar asks across organisations: asks on the same theme (or both on none) of the same
 * family of targets, alike enough in what they ask (shared stemmed words, with money words folded
 * together, and shared amounts such as £2.6bn), average-linkage. Each group gets a readable label
 * ("4 organisations ask the government for funding, citing £2.6bn"). Deterministic: most
 * organisations first, then most asks, then theme, then the group's first ask.
 */
export function groupAsks(asks: AskToGroup[]): AskGroup[] {
  const partitions = new Map<string, Read[]>();
  for (const ask of [...asks].sort(byDateThenId)) {
    const read: Read = { ask, family: targetFamily(ask.target), words: contentOf(ask), amounts: amounts(`${ask.action} ${ask.text}`) };
    // An amount of money asked for is about funding, whatever words surround it.
    if (read.amounts.length > 0 && !read.words.has('funding')) read.words.set('funding', 'funding');
    const key = `${ask.theme ?? ''}\u0000${read.family}`;
    partitions.set(key, [...(partitions.get(key) ?? []), read]);
  }
  const groups: AskGroup[] = [];
  for (const members of partitions.values()) {
    for (const cluster of cluster_(members)) groups.push(describe(cluster));
  }
  return groups.sort(
    (a, b) =>
      b.organisationCount - a.organisationCount ||
      b.asks.length - a.asks.length ||
      (a.theme ?? '\uffff').localeCompare(b.theme ?? '\uffff') ||
      (a.asks[0] ?? 0) - (b.asks[0] ?? 0),
  );
}

/** Average-linkage clustering: the two most alike clusters merge while their average similarity reaches the threshold. */
function cluster_(members: Read[]): Read[][] {
  const clusters = members.map((m) => [m]);
  const cache = new Map<string, number>();
  const pair = (a: Read, b: Read) => {
    const key = a.ask.id < b.ask.id ? `${a.ask.id}:${b.ask.id}` : `${b.ask.id}:${a.ask.id}`;
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = similarity(a, b)));
    return value;
  };
  const linkage = (x: Read[], y: Read[]) => {
    let sum = 0;
    for (const a of x) for (const b of y) sum += pair(a, b);
    return sum / (x.length * y.length);
  };
  for (;;) {
    let best: { i: number; j: number; value: number } | undefined;
    for (let i = 0; i < clusters.length; i += 1) {
      for (let j = i + 1; j < clusters.length; j += 1) {
        const value = linkage(clusters[i] as Read[], clusters[j] as Read[]);
        if (value >= THRESHOLD && (!best || value > best.value + 1e-12)) best = { i, j, value };
      }
    }
    if (!best) return clusters;
    clusters[best.i] = [...(clusters[best.i] as Read[]), ...(clusters[best.j] as Read[])].sort((a, b) => byDateThenId(a.ask, b.ask));
    clusters.splice(best.j, 1);
  }
}

const truncate = (text: string, length: number) => (text.length <= length ? text : `${text.slice(0, length - 1).replace(/\s+\S*$/u, '')} …`);

function describe(cluster: Read[]): AskGroup {
  const first = cluster[0] as Read;
  const organisations = [...new Set(cluster.map((r) => r.ask.organisation))];
  const family = first.family;
  const whom = family === 'government' ? 'the government' : family;
  // The amounts cited, most cited first (then in order of first citation).
  const cited = new Map<string, { display: string; count: number }>();
  for (const read of cluster) {
    for (const amount of new Map(read.amounts.map((a) => [a.key, a])).values()) {
      const known = cited.get(amount.key);
      cited.set(amount.key, { display: amount.display, count: (known?.count ?? 0) + 1 });
    }
  }
  const figures = [...cited.values()].sort((a, b) => b.count - a.count).map((c) => c.display);
  const citing = figures.length > 0 ? `, citing ${figures.slice(0, 2).join(' and ')}` : '';
  let label: string;
  if (organisations.length === 1 && cluster.length === 1) {
    label = `${first.ask.organisationName} asks ${whom}: “${truncate(first.ask.action, 90)}”`;
  } else {
    // What the members share most: the word most of them use, as a label reads it; else the theme.
    const counts = new Map<string, number>();
    for (const read of cluster) for (const word of read.words.keys()) counts.set(word, (counts.get(word) ?? 0) + 1);
    const [word, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    const surface = cluster.map((r) => r.words.get(word)).find(Boolean) ?? word;
    const topic = count > 1 ? (TOPIC[word] ?? surface) : (first.ask.themeName?.toLowerCase() ?? first.ask.theme ?? 'the same thing');
    const who = organisations.length === 1 ? `${first.ask.organisationName} asks` : `${organisations.length} organisations ask`;
    label = `${who} ${whom} for ${topic}${citing}`;
  }
  return {
    key: `ask-${first.ask.id}`,
    label,
    theme: first.ask.theme,
    target: family,
    asks: cluster.map((r) => r.ask.id),
    organisations,
    organisationCount: organisations.length,
    figures,
  };
}
