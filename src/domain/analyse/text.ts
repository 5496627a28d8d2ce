import { createRequire } from 'node:module';
import type { ItemSentence, WinkMethods } from 'wink-nlp';
import { endsSentence } from '../sentence-ends.ts';
import { isWordPoint } from './lexicon.ts';

/** A stretch of the input text: `text === input.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface Sentence extends Span {
  paragraph: number;
  /** A heading or a short list item: no closing punctuation and few words. Not discussion. */
  heading: boolean;
}

// The language model takes some 45 MB: load it when the first text is analysed, so that a
// server that only answers reads never pays for it.
let loaded: WinkMethods | undefined;
function nlp(): WinkMethods {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown, pipe: string[]) => WinkMethods;
    // Only sentence boundaries are used: the rest of wink's pipeline (POS, entities, sentiment) is not run.
    loaded = winkNLP(require('wink-eng-lite-web-model'), ['sbd']);
  }
  return loaded;
}

/** How many words (runs of letters and digits) a text holds: counted by hand, as an array of every word cost more than the count. */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const point = text.codePointAt(i) ?? 0;
    const word = isWordPoint(point);
    if (word && !inWord) count += 1;
    inWord = word;
    i += point > 0xffff ? 2 : 1;
  }
  return count;
}

/** Paragraphs: runs of non-blank lines; a bullet line is a paragraph of its own. */
export function paragraphs(text: string): Span[] {
  const result: Span[] = [];
  const line = /[^\n]+/g;
  for (const match of text.matchAll(line)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = (match.index ?? 0) + lead;
    result.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return result;
}

function isHeading(text: string): boolean {
  const body = text.replace(/^[•*\-–]\s*/, '');
  return !/[.!?:;"”’)]$/.test(body) && wordCount(body) < 10;
}

/** wink also misses ends ("by £1.2m. Cllr Jamieson said…"): a full stop that ends a sentence, then a capital, is one. */
function splitMissed(text: string, from: number, to: number): [number, number][] {
  const parts: [number, number][] = [];
  let start = from;
  const end = /[.!?]["”’)]*\s+(?=["“‘(]?\p{Lu})/gu;
  end.lastIndex = from;
  for (let m = end.exec(text); m && m.index < to; m = end.exec(text)) {
    const after = m.index + m[0].trimEnd().length;
    if (after >= to || !endsSentence(text, m.index)) continue;
    parts.push([start, after]);
    start = m.index + m[0].length;
  }
  parts.push([start, to]);
  return parts;
}

/** Where the stop (. ! or ?) that ends `text.slice(0, end)` is, closing quotes and brackets after it allowed; -1 if none. */
function closingStop(text: string, end: number): number {
  let at = end - 1;
  while (at >= 0 && '"”’)'.includes(text[at] ?? '')) at -= 1;
  return at >= 0 && '.!?'.includes(text[at] ?? '') ? at : -1;
}

/**
 * Sentences with their offsets. Paragraph breaks are hard boundaries (press releases put
 * headings, bullets and datelines on lines of their own); inside a paragraph wink-nlp finds the
 * boundaries. Offsets come from wink's tokens and the spaces before each, which reproduce the
 * paragraph exactly.
 */
export function sentences(text: string): Sentence[] {
  const result: Sentence[] = [];
  paragraphs(text).forEach((paragraph, index) => {
    // A paragraph with no stop, question or exclamation mark before its end is one sentence: wink is not asked.
    if (!/[.!?]["”’')]*\s/u.test(paragraph.text)) {
      result.push({ ...paragraph, paragraph: index, heading: isHeading(paragraph.text) });
      return;
    }
    const doc = nlp().readDoc(paragraph.text);
    const its = nlp().its;
    const values = doc.tokens().out(its.value) as string[];
    const spaces = doc.tokens().out(its.precedingSpaces) as string[];
    const tokenStart: number[] = [];
    let cursor = 0;
    for (let i = 0; i < values.length; i += 1) {
      cursor += (spaces[i] ?? '').length;
      tokenStart.push(cursor);
      cursor += (values[i] ?? '').length;
    }
    const exact = cursor === paragraph.text.length;
    // Where wink's tokens do not rebuild the paragraph (a figure space in "£1 000", a byte-order mark), its offsets cannot be
    // trusted: the paragraph is one span, split below at the full stops that end sentences.
    const spans: [number, number][] = exact ? [] : [[0, paragraph.text.length]];
    if (exact) doc.sentences().each((sentence: ItemSentence) => {
      const [first, last] = sentence.out(its.span) as unknown as [number, number];
      const from = tokenStart[first] ?? 0;
      const to = (tokenStart[last] ?? 0) + (values[last] ?? '').length;
      // wink ends a sentence at "Cllr." or "J."; such a stop does not end one, so the next part joins it.
      const previous = spans[spans.length - 1];
      const stop = previous ? closingStop(paragraph.text, previous[1]) : -1;
      if (previous && stop >= 0 && !endsSentence(paragraph.text, stop)) previous[1] = to;
      else spans.push([from, to]);
    });
    for (const [from, to] of spans.flatMap(([from, to]) => splitMissed(paragraph.text, from, to))) {
      const slice = paragraph.text.slice(from, to);
      result.push({
        start: paragraph.start + from,
        end: paragraph.start + to,
        text: slice,
        paragraph: index,
        heading: isHeading(slice),
      });
    }
  });
  return result;
}
