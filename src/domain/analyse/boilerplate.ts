import type { Sentence } from './text.ts';

// Page furniture pasted with a statement: none of it is the organisation's position, though it may
// name a theme ("Related: funding for family hubs explained", "About the Kinship Carers' Trust").

/** Sentences that open the furniture at the end of a release: what follows them is furniture too. */
const ENDS_STATEMENT = /^\s*(?:[-–—#*]+\s*)?(?:ends|notes? (?:to|for) editors?|editors?['’]?s? notes?|about (?:us\b|the\b[^,]*(?=:|$))|media (?:contact|enquiries)|press (?:office|enquiries|contact)|for (?:more|further) (?:information|details))\b/iu;

/** Lines of furniture wherever they stand. */
const FURNITURE = [
  // Navigation, sharing, reading on.
  /^\s*(?:related(?: articles| content| stories| news| links)?|read more|see also|share (?:this|on)|follow us|sign up|subscribe|skip to|back to top|you are here|breadcrumb|home)\b/iu,
  // Cookie banners and consent.
  /\bcookies?\b.*\b(?:accept|consent|settings|preferences|we use|improve)\b|\b(?:accept|reject) (?:all|cookies)\b/iu,
  // Datelines and bylines on a line of their own.
  /^\s*(?:published|posted|updated|last updated|first published|date)\s*(?:on|:)?\s*\d/iu,
  // Contact details.
  /\b(?:tel|telephone|phone|call)\s*[:.]?\s*\+?\d[\d\s-]{6,}|\b0\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b|[\w.+-]+@[\w-]+\.[\w.]+/iu,
  // "X is the national charity for …": the organisation describing itself.
  /\bis (?:the|a|an) (?:\p{L}+[\s’']+){0,4}(?:charity|membership (?:body|organisation)|professional body|organisation|voice|network|association|body|umbrella body)\s+(?:for|of|representing|that|which|working|supporting)\b/iu,
  // A consultation's own questions quoted in a response ("Question 2: Do you agree with national price caps …?").
  /^\s*(?:(?:question|q)\s*\d+[a-z]?\s*[:.)-]\s*)?(?:do|would|should|does|is|are|how|what|to what extent)\b[^?]*\?\s*$/iu,
  // Captions and credits.
  /^\s*(?:image|photo|picture|caption|credit|video|watch|listen)\s*:/iu,
  // Registered charity numbers and copyright lines.
  /\b(?:registered charity|charity (?:no|number)|company (?:no|number)|copyright)\b|©/iu,
];

/** A word that every line of furniture above holds one of (or a closing question mark): the patterns run only on lines that have one. */
const FURNITURE_WORD = /related|read more|see also|share|follow|sign up|subscribe|skip|top|here|breadcrumb|home|cookie|accept|reject|published|posted|updated|date|tel|phone|call|\d{5}|\b0\d{2,4}[\s-]?\d{3,4}|@|is (?:the|a|an) |registered|charity|company|©|copyright|image|photo|picture|caption|credit|video|watch|listen/iu;

/** A headline in title case: most words capitalised, no closing full stop. */
function titleCase(text: string): boolean {
  if (/[.!?]["”’]?$/.test(text.trim())) return false;
  const words = text.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length < 4) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w) || /^(?:a|an|and|as|at|by|for|in|of|on|or|the|to|with)$/.test(w));
  return capitalised.length / words.length >= 0.8;
}

/** Three or more items separated by pipes or chevrons: a menu or breadcrumb trail. */
const menu = (text: string) => (text.match(/[|›»>]/gu)?.length ?? 0) >= 2 && !/^[\s|›»>]|[|›»>]\s*$/u.test(text);

/**
 * The sentences that are page furniture rather than the statement: navigation and sharing
 * links, cookie text, datelines, contact details, an organisation's description of itself, and
 * everything after "ENDS" or "Notes to editors".
 */
export function furniture(sentences: Sentence[]): Set<Sentence> {
  const found = new Set<Sentence>();
  let ended = false;
  // Before the statement has begun (a punctuated sentence that is not furniture), "About us" opens a section of its own,
  // up to the next heading, not the end of the page.
  let begun = false;
  let aside = false;
  for (const sentence of sentences) {
    // "About us | Our members | News": a menu at the top of a page, not the end of the statement.
    const closing = !ended && ENDS_STATEMENT.test(sentence.text) && !/\s[|›»]\s/u.test(sentence.text);
    if (closing && begun) ended = true;
    else if (closing) aside = true;
    else if (aside && sentence.heading) aside = false;
    if (aside) {
      found.add(sentence);
      continue;
    }
    if (ended || titleCase(sentence.text) || ((sentence.text.trimEnd().endsWith('?') || FURNITURE_WORD.test(sentence.text)) && FURNITURE.some((pattern) => pattern.test(sentence.text))) || (menu(sentence.text) && !/[.!?]["”’]?$/.test(sentence.text.trim()))) {
      found.add(sentence);
    } else if (!sentence.heading && /[.!?:"”’)]$/u.test(sentence.text.trim())) begun = true;
  }
  return found;
}
