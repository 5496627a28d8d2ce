/**
 * What a user typed into a search box, read once for both engines: words, "quoted phrases",
 * a bare upper-case OR between terms, a trailing * for a prefix, a leading - for "without".
 * Every character that could be an operator of either engine's query language is dropped, so
 * user text only ever reaches the database as terms. Each engine's `search.query` renders the result.
 */
export type SearchTerm = { text: string; phrase: boolean; prefix: boolean; without: boolean } | 'OR';

/**
 * The terms in order, or undefined when nothing searchable remains. Terms to be without are
 * kept (both engines read `a OR b -c` as `a OR (b AND NOT c)`), but a search of only such terms
 * finds nothing to start from and is undefined too.
 */
export function searchTerms(input: string): SearchTerm[] | undefined {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)"([^"]*)"?|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[2];
    const word = match[3];
    if (phrase !== undefined) {
      const cleaned = phrase.replace(/[^\p{L}\p{N}\s'’£$%.,-]/gu, ' ').trim().replace(/\s+/g, ' ');
      if (cleaned) terms.push({ text: cleaned, phrase: true, prefix: false, without: match[1] === '-' });
    } else if (word === 'OR') {
      if (terms.length > 0 && terms[terms.length - 1] !== 'OR') terms.push('OR');
    } else if (word) {
      const without = /^-[\p{L}\p{N}£$]/u.test(word);
      const prefix = word.endsWith('*');
      const cleaned = word.replace(/[^\p{L}\p{N}'’£$%.,-]/gu, '').replace(/^[.,'’-]+|[.,'’-]+$/g, '');
      if (cleaned) terms.push({ text: cleaned, phrase: false, prefix, without });
    }
  }
  while (terms[terms.length - 1] === 'OR') terms.pop();
  // An OR next to a term to be without has nothing to choose between: "a OR -b" is "a -b".
  const kept = terms.filter((term, i) => term !== 'OR' || !(isWithout(terms[i + 1]) || isWithout(terms[i - 1])));
  return kept.some((term) => term !== 'OR' && !term.without) ? kept : undefined;
}

const isWithout = (term: SearchTerm | undefined) => term !== undefined && term !== 'OR' && term.without;
