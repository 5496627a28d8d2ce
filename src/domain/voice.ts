/**
 * Whether a document is someone else's account of an organisation's words (a news site's
 * article), rather than the organisation's own page: then its narrative is the publisher's.
 */
export function publishedByOthers(publisher: string, organisation: { slug: string; name?: string | null; shortName?: string | null }): boolean {
  const own = [organisation.slug, organisation.name, organisation.shortName].filter((n): n is string => Boolean(n)).map((n) => n.trim().toLowerCase());
  return !own.includes(publisher.trim().toLowerCase());
}

export type Voice = 'direct' | 'reported' | 'own' | 'publisher';
/** The voices somebody's words can have: all but the publisher's, which is nobody's position. */
export type QuoteVoice = Exclude<Voice, 'publisher'>;

/**
 * Whose words the text at `offset` is: the publisher's where an editor or the analyser marked it
 * so, else the voice of the quote it lies in, else the organisation's own on its own page and the
 * publisher's on someone else's.
 */
export function voiceAt(
  offset: number,
  context: { publisherSpans: { start: number; end: number }[]; quotes: { start: number; end: number; voice: QuoteVoice }[]; byOthers: boolean },
): Voice {
  if (context.publisherSpans.some((s) => s.start <= offset && offset < s.end)) return 'publisher';
  const quote = context.quotes.find((q) => q.start <= offset && offset < q.end);
  if (quote) return quote.voice;
  return context.byOthers ? 'publisher' : 'own';
}

/** Where in `text` the first match of an FTS snippet lies (markers \u0002 … \u0003, ellipses at the ends), or undefined. */
export function snippetMatchOffset(text: string, rawSnippet: string): number | undefined {
  const fragment = rawSnippet.replace(/^…/, '').replace(/…$/, '');
  const marker = fragment.indexOf('\u0002');
  if (marker < 0) return undefined;
  const at = text.indexOf(fragment.replace(/[\u0002\u0003]/g, ''));
  return at < 0 ? undefined : at + marker;
}
