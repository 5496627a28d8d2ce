import type { QuoteVoice } from '../voice.ts';
import type { Lexicon } from './lexicon.ts';
import { paragraphs, wordCount, type Span } from './text.ts';

export interface Speaker {
  name: string;
  role: string | null;
  /** The organisation's slug when it is a known one, else its name as written. */
  organisation: string | null;
}

export interface Quote extends Span {
  /** null when nobody is named: the organisation's own voice, or an unnamed spokesperson. */
  speaker: Speaker | null;
  /** The organisation speaking, when the attribution names one ("the Government said"). */
  organisation: string | null;
  /**
   * `direct`: the speaker's words, in quotation marks or after "X said:"; `reported`: the
   * publisher's account of what they said ("Cllr X said the funding fell short…"); `own`: the
   * organisation writing in its own voice.
   */
  voice: QuoteVoice;
}

// "Cllr Jamieson said the funding…", "The LGA warned that…": an attribution, a verb of saying and
// then the words in the publisher's own sentence (lower case, no colon, no quotation marks).
const REPORTED = /^(.{2,160}?)\s+(?:has\s+|had\s+|have\s+)?(?:said|says|added|adds|warned|warns|argued|argues|stated|states|explained|explains|believes|believed|insisted|insists|urged|urges|called\s+on|told\s+[\p{L}’' ]{2,40}?)\s+(?:that\s+)?(?=[\p{Ll}])/u;

const HONORIFIC = String.raw`(?:Dr|Cllr|Councillor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Sir|Dame|Lord|Lady|Baroness|Baron|Rt\s+Hon|The\s+Rt\s+Hon|Rev|Revd)\.?`;
const NAME_WORD = String.raw`(?:[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*|[A-Z]\.|Mac[A-Z][a-z]+|Mc[A-Z][a-z]+|O['’][A-Z][a-z]+)`;
const NAME = new RegExp(String.raw`(?:${HONORIFIC}\s+)?${NAME_WORD}(?:\s+(?:${NAME_WORD}|van|von|de|der|da))*`, 'g');
const TITLED = new RegExp(String.raw`^${HONORIFIC}\s`);
const TITLED_NAME = new RegExp(String.raw`${HONORIFIC}\s+${NAME_WORD}(?:\s+${NAME_WORD})*`, 'g');
const ROLE_WORDS =
  /\b(?:Minister|Secretary|Chair|Chairman|Chairwoman|Chairperson|President|Member|Spokesperson|Spokesman|Spokeswoman|Officer|Director|Chief|Executive|Head|Leader|Lead|Manager|Council|Councils|Network|Association|College|Department|Government|Children|Care|Social|Review|Strategy|Trust|Charity|Foundation|Society|Union|Group|Service|Services|Office|Committee|Board|Agency|Authority|England|Britain|UK|Families|Education|Health|Wellbeing|Young|People|Today|Responding|Also|However|The|This|It)\b/;
const SAID = /\b(?:said|says|added|adds|warned|warns|commented|comments|explained|explains|stated|states|argued|argues|told)\b/;
const OPEN = '“"';
const CLOSE: Record<string, string> = { '“': '”', '"': '"' };

/**
 * The quotes in a press text and who said them, from the usual forms: `X, Role at Org, said:
 * "…"`, `"…," said X`, `X said:` followed by paragraphs (quoted or not), a paragraph that opens
 * with a quotation mark continuing the previous speaker, and, when nobody is quoted at all, the
 * organisation's own voice (its first-person paragraphs).
 */
export function findQuotes(text: string, lexicon: Lexicon): Quote[] {
  const quotes: Quote[] = [];
  const known = new Map<string, Speaker>();
  let blockSpeaker: { speaker: Speaker | null; organisation: string | null } | undefined;
  let previousSpeaker: { speaker: Speaker | null; organisation: string | null } | undefined;

  for (const paragraph of paragraphs(text)) {
    const passages = quotedPassages(paragraph.text);
    // Reported speech: a paragraph with no quotation of its own (scare quotes aside) that tells what someone said.
    if (!passages.some((passage) => wordCount(passage.text) >= 4)) {
      const attribution = REPORTED.exec(paragraph.text)?.[1];
      const who = attribution && !/[.!?:]/.test(attribution) ? attribute(`${attribution} said`, lexicon, known) : undefined;
      if (who && (who.speaker || who.organisation)) {
        quotes.push({ ...paragraph, ...who, voice: 'reported' });
        blockSpeaker = undefined;
        previousSpeaker = who;
        continue;
      }
    }
    if (passages.length === 0) {
      const introduces = /\b(?:said|says|added|commented|explained|stated)\s*:\s*$/.test(paragraph.text);
      if (introduces) {
        blockSpeaker = attribute(paragraph.text, lexicon, known);
        previousSpeaker = blockSpeaker;
        continue;
      }
      if (blockSpeaker && wordCount(paragraph.text) >= 6 && /[.!?]["”’]?$/.test(paragraph.text)) {
        if (SAID.test(paragraph.text) && NAME.test(paragraph.text)) {
          NAME.lastIndex = 0;
          blockSpeaker = undefined;
          continue;
        }
        NAME.lastIndex = 0;
        quotes.push({ ...paragraph, ...blockSpeaker, voice: 'direct' });
        continue;
      }
      blockSpeaker = undefined;
      previousSpeaker = undefined;
      continue;
    }
    blockSpeaker = undefined;
    for (const passage of passages) {
      const before = paragraph.text.slice(0, passage.outerStart);
      const after = paragraph.text.slice(passage.outerEnd);
      let who: { speaker: Speaker | null; organisation: string | null } | undefined;
      const lead = lastClause(before.trim());
      if (SAID.test(lead)) who = attribute(lead, lexicon, known);
      else if (SAID.test(firstClause(after))) who = attribute(firstClause(after), lexicon, known);
      // A quote that opens its paragraph, or follows another quote in it, continues that speaker.
      if ((!who || (!who.speaker && !who.organisation)) && previousSpeaker && (passage.outerStart === 0 || passages.indexOf(passage) > 0)) who = previousSpeaker;
      who ??= { speaker: null, organisation: null };
      previousSpeaker = who;
      // Scare quotes and fragments ("positive", "while helpful") are not quotes worth keeping.
      if (wordCount(passage.text) < 4) continue;
      quotes.push({ start: paragraph.start + passage.start, end: paragraph.start + passage.end, text: passage.text, ...who, voice: 'direct' });
    }
  }

  if (quotes.length === 0) {
    // Nobody is quoted: the organisation writes in its own voice, every paragraph of substance.
    for (const paragraph of paragraphs(text)) {
      if (wordCount(paragraph.text) >= 12) quotes.push({ ...paragraph, speaker: null, organisation: null, voice: 'own' });
    }
  }
  return quotes;
}

interface Passage {
  start: number;
  end: number;
  outerStart: number;
  outerEnd: number;
  text: string;
}

/** Quoted passages in a paragraph; an opening mark left unclosed runs to the paragraph's end. */
function quotedPassages(paragraph: string): Passage[] {
  const passages: Passage[] = [];
  let i = 0;
  while (i < paragraph.length) {
    const ch = paragraph[i] ?? '';
    const isOpen = OPEN.includes(ch) && (i === 0 || /[\s(—–-]/.test(paragraph[i - 1] ?? ''));
    if (!isOpen) {
      i += 1;
      continue;
    }
    const close = paragraph.indexOf(CLOSE[ch] ?? ch, i + 1);
    const innerEnd = close === -1 ? paragraph.length : close;
    let text = paragraph.slice(i + 1, innerEnd);
    const trimmedEnd = text.replace(/[\s,]+$/, '');
    const lead = text.length - text.trimStart().length;
    text = trimmedEnd.trimStart();
    passages.push({ start: i + 1 + lead, end: i + 1 + lead + text.length, outerStart: i, outerEnd: close === -1 ? paragraph.length : close + 1, text });
    i = close === -1 ? paragraph.length : close + 1;
  }
  return passages;
}

function lastClause(text: string): string {
  const parts = text.split(/(?<=[.!?])\s+/);
  return parts[parts.length - 1] ?? '';
}

function firstClause(text: string): string {
  return text.split(/[.!?]/)[0] ?? '';
}

/** Who an attribution clause names: a person (with role and organisation) or an organisation. */
function attribute(clause: string, lexicon: Lexicon, known: Map<string, Speaker>): { speaker: Speaker | null; organisation: string | null } {
  const saidAt = clause.search(SAID);
  // The speaker is named before the verb ("X said"), or after it in the inverted form ("…," said X).
  const head = (saidAt >= 0 ? clause.slice(0, saidAt) : clause).replace(/^.*[”"]/s, '').trim();
  const tail = saidAt >= 0 ? clause.slice(saidAt).replace(SAID, '').trim() : '';
  const subject = head.length > 0 ? head : tail;
  const titled = [...subject.matchAll(TITLED_NAME)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
  const candidates = (titled.length > 0 ? titled : [...subject.matchAll(NAME)].map((m) => ({ text: m[0], index: m.index ?? 0 }))).filter(
    (c) =>
      TITLED.test(c.text) ||
      known.has(surname(c.text)) ||
      // "Chief Executive of Youth Futures": after of/at/for/from comes an organisation, not a person.
      (!ROLE_WORDS.test(c.text) && c.text.split(/\s+/).length >= 2 && !/\b(?:of|at|for|from|the|with)\s+$/i.test(subject.slice(0, c.index))),
  );
  const organisation = findOrganisation(subject, lexicon);
  const candidate = candidates.sort((a, b) => Number(TITLED.test(b.text)) - Number(TITLED.test(a.text)) || b.index - a.index)[0];
  if (!candidate) return { speaker: null, organisation };

  const earlier = known.get(surname(candidate.text));
  if (earlier && candidate.text.split(/\s+/).length <= 2) return { speaker: earlier, organisation: earlier.organisation };

  // The role is what follows the name ("X, Chairman of the LGA,"), or else what precedes it
  // ("RCPCH President Dr X", "Minister for Children, Families and Wellbeing, X").
  const following = subject.slice(candidate.index + candidate.text.length).replace(/^[\s,]+|[\s,]+$/g, '');
  const preceding = subject.slice(0, candidate.index).replace(/^[\s,]+|[\s,]+$/g, '');
  let role: string | null = (following || preceding).replace(/\s+/g, ' ').trim() || null;
  let speakerOrganisation = organisation ?? (role && /^(?:the\s+)?(?:minister|secretary\s+of\s+state)\b/i.test(role) ? findOrganisation('the government', lexicon) : null);
  if (role && organisation) {
    const org = lexicon.organisations.find((o) => o.slug === organisation);
    if (org) {
      const names = [org.name, org.shortName].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      role = role
        .replace(new RegExp(String.raw`\s*(?:at|of|for)\s+(?:the\s+)?(?:${names.join('|')})\s*$`, 'i'), '')
        .replace(new RegExp(String.raw`^(?:the\s+)?(?:${names.join('|')})(?:['’]s?|’)?\s+`, 'i'), '')
        .trim();
    }
  }
  if (role === '') role = null;
  const speaker: Speaker = { name: candidate.text.replace(/\s+/g, ' '), role, organisation: speakerOrganisation };
  known.set(surname(speaker.name), speaker);
  return { speaker, organisation: speakerOrganisation };
}

function surname(name: string): string {
  return name.split(/\s+/).pop()?.toLowerCase() ?? '';
}

/** The known organisation a clause names (full name or short name), if any. */
export function findOrganisation(text: string, lexicon: Lexicon): string | null {
  // The first named; of names that start at the same place, the longest ("Soak Trust 15", not "Soak Trust 1"); of the
  // same name twice, the first organisation listed.
  let best: { slug: string; at: number; length: number } | undefined;
  for (const organisation of lexicon.organisations) {
    for (const name of [organisation.name, organisation.shortName]) {
      const at = wordIndex(text, name);
      if (at >= 0 && (!best || at < best.at || (at === best.at && name.length > best.length))) best = { slug: organisation.slug, at, length: name.length };
    }
  }
  if (best) return best.slug;
  if (/\b(?:the\s+)?(?:government|department)\b/i.test(text)) return lexicon.organisations.find((o) => o.kind === 'government')?.slug ?? null;
  return null;
}

// Each name's pattern, compiled once, and the longest stretch of it that any match holds as written: an import asks every
// clause of every document after every known name, and a clause that lacks that stretch is not searched.
const namePatterns = new Map<string, { literal: string; pattern: RegExp }>();

function wordIndex(text: string, name: string): number {
  if (!name) return -1;
  let known = namePatterns.get(name);
  if (!known) {
    // A whole name: no letter or digit runs on from either end; either apostrophe.
    const pattern = new RegExp(String.raw`(?<![\p{L}\p{N}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/['’]/g, "['’]")}(?![\p{L}\p{N}])`, 'u');
    const literal = name.split(/['’]/).reduce((a, b) => (b.length > a.length ? b : a), '');
    known = { literal, pattern };
    namePatterns.set(name, known);
  }
  return text.includes(known.literal) ? text.search(known.pattern) : -1;
}

/**
 * The quote a span of evidence lies in, so the evidence keeps its speaker and voice. A sentence
 * usually carries the closing quotation mark the quote leaves out, so "in" means all but a few
 * characters inside; failing that, the quote that covers at least half of the span.
 */
export function quoteContaining<Q extends { start: number; end: number }>(quotes: Q[], span: { start: number; end: number }): Q | undefined {
  const length = span.end - span.start;
  const overlap = (q: Q) => Math.min(q.end, span.end) - Math.max(q.start, span.start);
  const inside = quotes.find((q) => overlap(q) >= Math.max(1, length - 3));
  if (inside) return inside;
  // A sentence that opens with its attribution ('X said: "…"') is still mostly the quote's words.
  return quotes.filter((q) => overlap(q) * 2 >= length).sort((a, b) => overlap(b) - overlap(a))[0];
}
