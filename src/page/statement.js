// A statement's page: its text with the passage a permalink names (#char=start,end) highlighted and
// scrolled into view, its citation, and the tags, quotes and figures with links to their own passages.
import { $, announce, api, copyButton, el, longDate, speakerLabel, words } from './common.js';

const id = Number(location.pathname.split('/').filter(Boolean).pop());
let statement = null;

/** The RFC 5147 fragment: `char=a,b` a range, `char=a` a position (shown as the sentence-sized span from there). */
function passageRange(hash) {
  const match = /^#char=(\d+)(?:,(\d+))?$/.exec(hash);
  if (!match) return null;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return end >= start ? { start, end } : null;
}

/** Everything in the statement that has a span of its own, with what to show and cite for it. */
function spans() {
  const items = [];
  for (const tag of statement.tags) {
    for (const e of tag.evidence) items.push({ start: e.start, end: e.end, evidence: e, what: `evidence for ${tag.theme.name.toLowerCase()}: ${tag.stance}` });
  }
  for (const q of statement.quotes) items.push({ start: q.start, end: q.end, evidence: q, what: q.voice === 'reported' ? 'reported speech' : q.voice === 'direct' ? 'a quotation' : 'the organisation’s own words' });
  for (const f of statement.figures) items.push({ start: f.start, end: f.end, evidence: { text: f.raw, voice: 'own', speaker: null, citation: null }, what: `the figure ${f.raw}: ${f.measures}` });
  return items;
}

function renderText(range) {
  const text = statement.text;
  const box = $('#text');
  if (!range) {
    box.replaceChildren(text);
    return null;
  }
  // Offsets count from the start of the source document; this text is the organisation's part of it.
  const from = Math.max(0, range.start - statement.start);
  const to = Math.min(text.length, range.end - statement.start);
  const mark = el('mark', { id: 'highlight', tabindex: '-1' }, text.slice(from, to));
  box.replaceChildren(text.slice(0, from), mark, text.slice(to));
  return mark;
}

function showPassage() {
  const range = passageRange(location.hash);
  const section = $('#passage');
  if (!range) {
    renderText(null);
    section.hidden = true;
    return;
  }
  if (range.start < statement.start || range.end > statement.end) {
    renderText(null);
    section.hidden = false;
    $('#passage-body').replaceChildren(el('p', { class: 'warning' }, `Characters ${range.start} to ${range.end} are not in this statement: its text runs from ${statement.start} to ${statement.end} of the source. The link may be from an older version of the statement.`));
    announce('The linked passage is not in this statement.');
    return;
  }
  const mark = renderText(range);
  const match = spans().find((s) => s.start === range.start && s.end === range.end);
  const body = [el('p', { class: 'who' }, match ? `${speakerLabel(match.evidence, statement.organisation, statement.document.publisher)} · ${match.what}` : `Characters ${range.start} to ${range.end} of the source`)];
  if (match && match.evidence.citation) {
    body.unshift(words(match.evidence));
    body.push(el('p', { class: 'citation' }, match.evidence.citation), copyButton(match.evidence.citation));
  }
  $('#passage-body').replaceChildren(...body);
  section.hidden = false;
  // The passage in view, and focus on it, so that a keyboard or screen reader starts there.
  mark.scrollIntoView({ block: 'center' });
  mark.focus({ preventScroll: true });
}

function stanceLine(tag) {
  const trust = tag.reviewed ? (tag.origin === 'curated' ? 'tagged by an editor' : 'machine-tagged, checked by an editor') : `machine-tagged, not yet reviewed (confidence ${tag.confidence === null ? 'unknown' : tag.confidence.toFixed(2)})`;
  return el('p', {}, el('strong', {}, tag.theme.name), ': ', el('span', { class: `pill stance-${tag.stance}` }, tag.stance), ` · ${trust}`);
}

function render() {
  const { organisation, document: source, event } = statement;
  document.title = `${organisation.name}: ${source.title} · Stance`;
  $('#title').textContent = `${organisation.name}: ${source.title}`;
  $('#meta').replaceChildren(
    `${source.publisher}, ${longDate(source.publishedOn)}, responding to ${event.title} (${longDate(event.publishedOn)}). `,
    el('a', { href: source.url, rel: 'noopener noreferrer' }, 'Read the source'),
  );
  $('#summary').textContent = statement.summary;
  $('#json-link').setAttribute('href', `/v1/statements/${statement.id}`);
  $('#json-link').textContent = `/v1/statements/${statement.id}`;
  $('#tags').replaceChildren(
    ...(statement.tags.length === 0 ? [el('p', {}, 'No theme is tagged in this statement.')] : []),
    ...statement.tags.map((tag) =>
      el(
        'article',
        { class: `tag stance-border-${tag.stance}` },
        stanceLine(tag),
        tag.note ? el('p', { class: 'note' }, `Editor’s note: ${tag.note}`) : null,
        el('ul', {}, tag.evidence.map((e) => el('li', {}, el('a', { href: `#char=${e.start},${e.end}` }, e.text), el('span', { class: 'who' }, speakerLabel(e, organisation, source.publisher))))),
      ),
    ),
  );
  $('#figures-section').hidden = statement.figures.length === 0;
  $('#figures').replaceChildren(...statement.figures.map((f) => el('li', {}, el('a', { href: `#char=${f.start},${f.end}` }, f.raw), ` — ${f.measures}${f.period ? ` (${f.period})` : ''}`)));
  showPassage();
}

window.addEventListener('hashchange', () => statement && showPassage());
api(`/v1/statements/${id}`).then(
  (body) => {
    statement = body;
    render();
  },
  (error) => {
    $('#title').textContent = 'This statement could not be shown';
    announce(`Could not load the statement: ${error.message}`);
  },
);
