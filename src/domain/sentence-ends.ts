// Words that end in a full stop without ending a sentence: titles before names, and Latin shorthand.
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'cllr', 'prof', 'rev', 'sir', 'st', 'jr', 'sr', 'no', 'vs', 'etc', 'eg', 'ie', 'approx', 'est', 'govt', 'dept']);

/**
 * Whether the . ! or ? at `i` ends a sentence: it must be followed by a space, a line break, the
 * end or a closing quote, and a full stop must not be a decimal point (£2.6bn), an initial (J. K.)
 * or an abbreviation (Dr., e.g.).
 */
export function endsSentence(text: string, i: number): boolean {
  const mark = text[i] ?? '';
  if (mark === '\n') return true;
  if (!/[.!?]/.test(mark)) return false;
  const next = text[i + 1];
  if (next !== undefined && !/[\s"”’)]/.test(next)) return false;
  if (mark !== '.') return true;
  const word = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1] ?? '';
  if (/^\p{Lu}$/u.test(word)) return false; // an initial
  if (/^\s+\p{Ll}/u.test(text.slice(i + 1, i + 4))) return false; // the sentence goes on in lower case (the U.K. government)
  const abbreviation = word.replace(/\./g, '').toLowerCase();
  // "No. 5" abbreviates number; "councils said no. Ministers …" ends a sentence.
  if (abbreviation === 'no') return !/^\s*\d/u.test(text.slice(i + 1, i + 4));
  return !ABBREVIATIONS.has(abbreviation);
}

