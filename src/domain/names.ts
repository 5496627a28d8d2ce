/**
 * Finding the organisation, person, theme or event a reader means by what they typed: its slug in
 * any case, its name or short name ("LGA", "Local Government Association"), an alias editors gave
 * it, or for a person the surname or the name without a title ("Jamieson", "James Jamieson" for
 * Cllr James Jamieson). Pure: the callers bring the rows.
 */
export interface Named {
  slug: string;
  /** The name shown to readers (used in messages). */
  label: string;
  /** Every other way of writing it: name, short name, aliases. */
  names: string[];
  /** A person: the surname and the name without a title match too. */
  person?: boolean;
}

export type Resolution = { kind: 'found'; slug: string } | { kind: 'ambiguous'; candidates: Named[] } | { kind: 'unknown'; closest: Named[] };

// Titles and honorifics people are named with but not looked for by.
const TITLES = new Set(['cllr', 'councillor', 'dr', 'doctor', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'baroness', 'baron', 'mr', 'mrs', 'ms', 'miss', 'mx', 'rt', 'hon', 'mp']);

/** A name as compared: lower case, no accents, "&" as "and", punctuation and hyphens as spaces, no leading "the". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]s\b/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

/** The forms a person's name is found by: in full, without titles, the first and last names, the surname. */
function personForms(name: string): string[] {
  const words = normaliseName(name).split(' ').filter((word) => !TITLES.has(word));
  if (words.length === 0) return [];
  const surname = words[words.length - 1] ?? '';
  return [words.join(' '), `${words[0]} ${surname}`, surname];
}

function formsOf(entry: Named): Set<string> {
  const forms = new Set([normaliseName(entry.slug), ...entry.names.map(normaliseName)]);
  // A person's own name, not an alias ("Children's minister" is not Mr Minister).
  if (entry.person) for (const form of personForms(entry.label)) forms.add(form);
  forms.delete('');
  return forms;
}

/** A normalised name without its titles. */
function untitled(wanted: string): string {
  return wanted
    .split(' ')
    .filter((word) => !TITLES.has(word))
    .join(' ');
}

/** The entries one of whose forms a normalised name is; a person may be typed with a title ("Cllr Jamieson"), looked for without it. */
function answering<E extends Named>(wanted: string, forms: { entry: E; forms: Set<string> }[]): E[] {
  const bare = untitled(wanted);
  return forms.filter(({ entry, forms }) => forms.has(wanted) || (entry.person === true && forms.has(bare))).map(({ entry }) => entry);
}

/** Edit distance between two short strings (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * What `typed` names among `entries`: the one entry whose slug it is (in any case), else the entries
 * one of whose names it is once normalised (one: found; several: ambiguous), else the closest entries
 * (a name it begins, or within a few typing errors of one), nearest first.
 */
export function resolveName(typed: string, entries: Named[]): Resolution {
  const exact = entries.find((entry) => entry.slug === typed || entry.slug === typed.trim().toLowerCase());
  if (exact) return { kind: 'found', slug: exact.slug };
  const wanted = normaliseName(typed);
  const forms = entries.map((entry) => ({ entry, forms: formsOf(entry) }));
  const matches = answering(wanted, forms);
  if (matches.length === 1 && matches[0]) return { kind: 'found', slug: matches[0].slug };
  if (matches.length > 1) return { kind: 'ambiguous', candidates: matches };
  if (!wanted) return { kind: 'unknown', closest: [] };
  // A name it begins (or that begins it) is nearest, then one with a word it begins ("council": "London Councils"), then typing errors.
  const distance = ({ forms }: { forms: Set<string> }) =>
    Math.min(
      ...[...forms].map((form) =>
        form.startsWith(wanted) || wanted.startsWith(form) ? 0 : form.split(' ').some((word) => word.startsWith(wanted)) ? 1 : editDistance(wanted, form),
      ),
    );
  const near = Math.max(2, Math.floor(wanted.length / 3));
  const closest = forms
    .map((f) => ({ entry: f.entry, distance: distance(f) }))
    .filter(({ distance }) => distance <= near)
    .sort((a, b) => a.distance - b.distance || a.entry.slug.localeCompare(b.entry.slug))
    .slice(0, 5)
    .map(({ entry }) => entry);
  return { kind: 'unknown', closest };
}

/** A run of words in a search that names one organisation or person. */
export interface NameInSearch {
  /** Which list it names: `entries` are tagged with it. */
  kind: string;
  slug: string;
  /** The words as typed, to be searched for in the text as well. */
  text: string;
}

const MAX_NAME_WORDS = 6;

/**
 * The runs of words in a search that name exactly one entry (by a name, short name, alias, or a
 * person's name with or without title, or surname), longest first from the left, and the words
 * left over. A quoted phrase is one run; `OR`, `-word` and `prefix*` are search syntax and never
 * part of a name. "Jamieson shortfall" → Cllr James Jamieson, and "shortfall".
 */
export function namesInSearch(search: string, entries: (Named & { kind: string })[]): { names: NameInSearch[]; rest: string } {
  const forms = entries.map((entry) => ({ entry, forms: formsOf(entry) }));
  const named = (text: string) => {
    const wanted = normaliseName(text);
    // A title alone ("Dr") names nobody in a search.
    if (!untitled(wanted)) return undefined;
    const matches = answering(wanted, forms);
    return matches.length === 1 ? matches[0] : undefined;
  };
  const tokens = [...search.matchAll(/"([^"]*)"?|(\S+)/g)].map((m) => ({ raw: m[0], phrase: m[1], word: m[2] }));
  // With OR the words are alternatives: a name taken out would turn "Jamieson OR Kingdon" into both.
  if (tokens.some((token) => token.word === 'OR')) return { names: [], rest: search };
  const plain = (token: (typeof tokens)[number] | undefined) => token?.word !== undefined && token.word !== 'OR' && !token.word.endsWith('*') && !token.word.startsWith('-');
  const names: NameInSearch[] = [];
  const rest: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i]!;
    if (token.phrase !== undefined) {
      const entry = named(token.phrase);
      if (entry) names.push({ kind: entry.kind, slug: entry.slug, text: token.phrase });
      else rest.push(token.raw);
      i += 1;
      continue;
    }
    let taken = 0;
    for (let length = MAX_NAME_WORDS; length >= 1 && taken === 0; length -= 1) {
      const run = tokens.slice(i, i + length);
      if (run.length !== length || !run.every(plain)) continue;
      const text = run.map((t) => t.word).join(' ');
      const entry = named(text);
      if (entry) {
        names.push({ kind: entry.kind, slug: entry.slug, text });
        taken = length;
      }
    }
    if (taken === 0) {
      rest.push(token.raw);
      taken = 1;
    }
    i += taken;
  }
  return { names, rest: rest.join(' ') };
}
