/**
 * Turns what a user types into a safe FTS5 query. Words and "quoted phrases" are matched
 * as literal tokens (so FTS5 operators and stray quotes in user text never reach the parser
 * as syntax); a bare upper-case OR between terms is kept as the OR operator, and a trailing
 * * on a word makes it a prefix search. Returns undefined when nothing searchable remains.
 */
export function toFtsQuery(input: string): string | undefined {
  const parts: string[] = [];
  const pattern = /"([^"]*)"?|(\S+)/g;
  for (const match of input.matchAll(pattern)) {
    const phrase = match[1];
    const word = match[2];
    if (phrase !== undefined) {
      const cleaned = phrase.replace(/[^\p{L}\p{N}\s'’£$%.,-]/gu, ' ').trim();
      if (cleaned) parts.push(quote(cleaned));
    } else if (word === 'OR') {
      if (parts.length > 0 && parts[parts.length - 1] !== 'OR') parts.push('OR');
    } else if (word) {
      const prefix = word.endsWith('*');
      const cleaned = word.replace(/[^\p{L}\p{N}'’£$%.,-]/gu, '').replace(/^[.,'’-]+|[.,'’-]+$/g, '');
      if (cleaned) parts.push(quote(cleaned) + (prefix ? '*' : ''));
    }
  }
  while (parts[parts.length - 1] === 'OR') parts.pop();
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function quote(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}
