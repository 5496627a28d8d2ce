export interface CitationParts {
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
 * A ready-to-paste citation: who (speaker, role, organisation, or the organisation in its own
 * voice), where (title and publisher), when, and the URL.
 */
export function citation({ speaker, organisation, document }: CitationParts): string {
  const who = speaker
    ? [speaker.name, speaker.role, organisation.name].filter((part): part is string => Boolean(part)).join(', ')
    : organisation.name;
  return `${who}, in “${document.title}”, ${document.publisher}, ${longDate(document.publishedOn)}, ${document.url}`;
}

/** A link to a span of a statement's source text (RFC 5147 character fragment). */
export function spanPermalink(statementId: number, start: number, end: number): string {
  return `/v1/statements/${statementId}#char=${start},${end}`;
}
