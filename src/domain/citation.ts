import type { QuoteVoice } from './voice.ts';

export interface CitationParts {
  /** Whose words: a speaker's in quotation marks, the publisher's account of them, or the organisation's own. */
  voice?: QuoteVoice;
  speaker: { name: string; role: string | null } | null;
  organisation: { name: string };
  document: { title: string; publisher: string; publishedOn: string; url: string };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2023-02-03 → 3 February 2023, the way a British newsroom writes it. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * A ready-to-paste citation that says whose words they are: a speaker quoted directly (name,
 * role, organisation), a speaker's words as the publisher reported them ("as reported by Local
 * Government Lawyer", so that nobody quotes the paraphrase as theirs), or the organisation in its
 * own voice; then where (title and publisher), when, and the URL.
 */
export function citation({ voice, speaker, organisation, document }: CitationParts): string {
  // A role that already names the organisation ("chief executive of Kin Together") is not followed by it again.
  const namesOrganisation = Boolean(speaker?.role?.toLowerCase().includes(organisation.name.toLowerCase()));
  const who = speaker
    ? [speaker.name, speaker.role, namesOrganisation ? null : organisation.name].filter((part): part is string => Boolean(part)).join(', ')
    : organisation.name;
  const when = `${longDate(document.publishedOn)}, ${document.url}`;
  if (voice === 'reported') return `${who}, as reported by ${document.publisher} in “${document.title}”, ${when}`;
  if (voice === 'own' || (!voice && !speaker)) return `${organisation.name}, in its own statement “${document.title}”, ${document.publisher}, ${when}`;
  return `${who}, in “${document.title}”, ${document.publisher}, ${when}`;
}

/**
 * A link to a span of a statement's source text (RFC 5147 character fragment): in a browser, the
 * statement's page with the span highlighted; for an app, the statement's JSON.
 */
export function spanPermalink(statementId: number, start: number, end: number): string {
  return `/statements/${statementId}#char=${start},${end}`;
}
