// The comparison page: plain browser modules over the public JSON API, no build step. What is shown
// (view, event, opened cell, organisation, timeline point, shift, the asks' filters and group, the
// measures' filters and card) lives in the address, so a copied link reopens the same evidence.
import { $, announce, api, copyButton, el, localPath, longDate, speakerLabel, words } from './common.js';

const VIEWS = ['matrix', 'figures', 'timeline', 'shifts', 'asks'];
/** The asks view's filters, named as in GET /v1/asks and in the address (the event is the page's own choice). */
const ASK_FILTERS = ['organisation', 'theme', 'target', 'outcome', 'q'];
/** The figures view's filters of its measures, named as in GET /v1/figures/measures and in the address. */
const FIGURE_FILTERS = ['disagreement', 'theme', 'organisation', 'unit', 'q'];
const params = new URLSearchParams(location.search);
const state = {
  view: VIEWS.includes(params.get('view')) ? params.get('view') : 'matrix',
  event: params.get('event') ?? '',
  cell: params.get('cell'),
  organisation: params.get('organisation'),
  point: params.get('point'),
  shift: params.get('shift'),
  ask: params.get('ask'),
  // Read only for the asks view: `organisation` is also the timeline's, and means that there.
  asks: Object.fromEntries(ASK_FILTERS.map((name) => [name, params.get('view') === 'asks' ? (params.get(name) ?? '').trim() : ''])),
  measure: params.get('measure'),
  // Read only for the figures view, as for the asks.
  figures: Object.fromEntries(FIGURE_FILTERS.map((name) => [name, params.get('view') === 'figures' ? (params.get(name) ?? '').trim() : ''])),
};
let events = [];
let themes = [];
let organisations = [];

/** The address of what is shown now, replaced (not pushed) so Back leaves the page as it came. */
function remember() {
  const next = new URLSearchParams();
  if (state.view !== 'matrix') next.set('view', state.view);
  if (state.event) next.set('event', state.event);
  if (state.view === 'matrix' && state.cell) next.set('cell', state.cell);
  if (state.view === 'timeline' && state.organisation) next.set('organisation', state.organisation);
  if (state.view === 'timeline' && state.point) next.set('point', state.point);
  if (state.view === 'shifts' && state.shift) next.set('shift', state.shift);
  if (state.view === 'asks') addAskFilters(next);
  if (state.view === 'asks' && state.ask) next.set('ask', state.ask);
  if (state.view === 'figures') addFigureFilters(next);
  if (state.view === 'figures' && state.measure) next.set('measure', state.measure);
  const query = next.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

function withEvent(path) {
  if (!state.event) return path;
  return `${path}${path.includes('?') ? '&' : '?'}event=${encodeURIComponent(state.event)}`;
}

function eventTitle(slug) {
  const event = events.find((e) => e.slug === slug);
  return event ? `${event.title} (${longDate(event.publishedOn)})` : slug;
}

function fail(error) {
  const failure = $('#failure');
  failure.textContent = `Could not load the data: ${error.message}. Reload the page to try again; the API itself is at /v1.`;
  failure.hidden = false;
  $('#loading').hidden = true;
}

/** One piece of evidence: the words as spoken or reported, who and when, trust, and the links to cite it. */
function evidenceBlock(e, { organisation, source, date, stance, reviewed, confidence }) {
  return el(
    'div',
    { class: `evidence stance-border-${stance}`, 'data-voice': e.voice },
    words(e),
    el('p', { class: 'who' }, `${speakerLabel(e, organisation, source.publisher)} · ${longDate(date)} · ${stance}`),
    reviewed ? null : el('p', { class: 'machine' }, `machine-tagged, not yet reviewed (confidence ${confidence === null ? 'unknown' : confidence.toFixed(2)})`),
    el('p', { class: 'citation' }, e.citation),
    el(
      'p',
      { class: 'actions' },
      copyButton(e.citation),
      el('a', { href: localPath(e.permalink), class: 'passage-link' }, 'the passage in its statement'),
      el('a', { href: source.url, rel: 'noopener noreferrer', class: 'source-link' }, `the source: ${source.publisher}`),
    ),
  );
}

// ---- Stance shifts: found by the API, marked on the matrix and the timeline, listed in their view ---

/** The body of every page a path answers, following `next`. */
async function everyPage(path) {
  const bodies = [];
  // A bound on the pages read, so that a page never loops on a link it does not understand.
  for (let next = path; next && bodies.length < 20; ) {
    const body = await api(next);
    bodies.push(body);
    next = body.next;
  }
  return bodies;
}

/** Every shift a path of /v1/shifts lists (newest first). */
async function allShifts(path) {
  return (await everyPage(path)).flatMap((body) => body.items);
}

/** What names a shift in the address: organisation, theme and the later statement. */
const shiftKey = (shift) => `${shift.organisation.slug}/${shift.theme.slug}/${shift.to.statement.id}`;
const shiftAnchor = (key) => `shift-${key.replaceAll('/', '-')}`;
/** `neutral (23 May 2022) → critical (2 February 2023)` */
const shiftLine = (shift) => `${shift.from.stance} (${longDate(shift.from.statement.date)}) → ${shift.to.stance} (${longDate(shift.to.statement.date)})`;
function shiftHref(key) {
  const query = new URLSearchParams({ view: 'shifts' });
  if (state.event) query.set('event', state.event);
  query.set('shift', key);
  return `?${query}`;
}

/** Shifts by organisation and theme, each list newest first. */
function shiftsByPair(shifts) {
  const pairs = new Map();
  for (const shift of shifts) {
    const key = `${shift.organisation.slug}/${shift.theme.slug}`;
    if (!pairs.has(key)) pairs.set(key, []);
    pairs.get(key).push(shift);
  }
  return pairs;
}

function openShift(event, key) {
  event.preventDefault();
  state.shift = key;
  show('shifts').catch(fail);
}

/** The mark on a matrix cell whose stance changed: in words, with both stances and dates in its title, linking to the shift. */
function shiftMarker(row, theme, shifts) {
  const key = shiftKey(shifts[0]);
  const lines = shifts.map(shiftLine).join('; ');
  return el(
    'a',
    { class: 'shift-marker', href: shiftHref(key), title: lines, 'data-organisation': row.organisation.slug, 'data-theme': theme.slug, onclick: (event) => openShift(event, key) },
    shifts.length === 1 ? `shift: ${shifts[0].direction}` : `${shifts.length} shifts`,
    el('span', { class: 'offscreen' }, `, ${row.organisation.name} on ${theme.name}: ${lines}`),
  );
}

function shiftSide(heading, side, shift) {
  return el(
    'section',
    { class: 'side', 'aria-label': `${heading}: ${side.stance}` },
    el('h4', {}, `${heading}: ${side.stance}, ${longDate(side.statement.date)}`),
    el('p', { class: 'meta' }, `Responding to ${side.event.title} (${longDate(side.event.publishedOn)})`),
    side.evidence.length
      ? side.evidence.map((e) => evidenceBlock(e, { organisation: shift.organisation, source: side.source, date: side.statement.date, stance: side.stance, reviewed: side.reviewed, confidence: side.confidence }))
      : el('p', {}, 'No evidence recorded for this tag.'),
  );
}

function shiftArticle(shift) {
  const key = shiftKey(shift);
  const anchor = shiftAnchor(key);
  return el(
    'article',
    { class: 'shift-card', id: anchor, tabindex: '-1', 'data-shift': key, 'aria-labelledby': `${anchor}-title` },
    el('h3', { id: `${anchor}-title` }, `${shift.organisation.name} on ${shift.theme.name}: `, el('span', { class: 'direction' }, shift.direction)),
    el('p', { class: 'shift-line' }, shiftLine(shift)),
    el('div', { class: 'sides' }, shiftSide('Before', shift.from, shift), shiftSide('After', shift.to, shift)),
  );
}

async function renderShifts() {
  const shifts = await allShifts(withEvent('/v1/shifts?limit=100'));
  const list = $('#shifts');
  list.removeAttribute('data-open');
  list.replaceChildren(...(shifts.length ? shifts.map(shiftArticle) : [el('p', { class: 'notice' }, 'No organisation’s stance changed between these statements.')]));
  const card = state.shift && document.querySelector(`.shift-card[data-shift="${CSS.escape(state.shift)}"]`);
  if (card) {
    card.scrollIntoView({ block: 'start' });
    card.focus({ preventScroll: true });
    list.setAttribute('data-open', state.shift);
  } else if (state.shift) {
    state.shift = null;
    remember();
  }
  return shifts.length;
}

// ---- The asks ledger: what organisations ask of government, who shares each ask, what became of it --

const OUTCOMES = ['met', 'partly met', 'not met', 'none'];
/** The bounds GET /v1/asks puts on its free-text filters: a longer value from the address is not sent. */
const ASK_TEXT_LIMITS = { target: 80, q: 200 };
let askThemes = [];
let askTargets = [];

/** The filters in force, in the order the address gives them. */
function addAskFilters(query) {
  for (const name of ASK_FILTERS) if (state.asks[name]) query.set(name, state.asks[name]);
}

/** `partly-met`, `Partly_Met` → `partly met`, as the API reads it. */
const outcomeName = (value) => value.trim().toLowerCase().replace(/[-_+]/g, ' ').replace(/\s+/g, ' ');

/** `government` → `the government`: targets as a sentence names them. */
const targetName = (target) => (target === 'government' ? 'the government' : target);

function askHref(key) {
  const query = new URLSearchParams({ view: 'asks' });
  if (state.event) query.set('event', state.event);
  addAskFilters(query);
  query.set('ask', key);
  return `?${query}`;
}

/** Every group a path of /v1/asks lists, following its pages (most organisations first), and whether all were read. */
async function allAskGroups(path) {
  const ledger = { groups: [], total: 0, askCount: 0, complete: true };
  let next = path;
  // A bound on the pages read, as for the shifts: the rest is for the filters (or the API) to reach.
  for (let pages = 0; next && pages < 20; pages += 1) {
    const body = await api(next);
    ledger.groups.push(...body.groups);
    ledger.total = body.total;
    ledger.askCount = body.askCount;
    next = body.next;
  }
  ledger.complete = !next;
  return ledger;
}

/** Targets as the asks name them, `government` first. */
function targetsOf(groups) {
  const found = new Set(groups.flatMap((group) => [group.target, ...group.asks.map((ask) => ask.target)]));
  return [...found].sort((a, b) => (a === 'government' ? -1 : b === 'government' ? 1 : a.localeCompare(b)));
}

function fillSelect(select, first, options, value) {
  select.replaceChildren(el('option', { value: '' }, first), ...options.map(([optionValue, label]) => el('option', { value: optionValue }, label)));
  select.value = value;
}

/** The choices of the filters (once), and the address's filters kept only where they name something that is there. */
async function loadAskChoices() {
  if (!askThemes.length) {
    const [, themeList, unfiltered] = await Promise.all([loadOrganisations(), api('/v1/themes'), allAskGroups('/v1/asks?limit=100')]);
    askThemes = themeList.items;
    askTargets = targetsOf(unfiltered.groups);
  }
  const chosen = state.asks;
  if (!organisations.some((o) => o.slug === chosen.organisation)) chosen.organisation = '';
  if (!askThemes.some((t) => t.slug === chosen.theme)) chosen.theme = '';
  chosen.outcome = OUTCOMES.includes(outcomeName(chosen.outcome)) ? outcomeName(chosen.outcome) : '';
  for (const [name, limit] of Object.entries(ASK_TEXT_LIMITS)) if (chosen[name].length > limit) chosen[name] = '';
  // A target from the address that no ask names yet is still a choice (the API reads families of targets).
  const targets = chosen.target && !askTargets.includes(chosen.target) ? [...askTargets, chosen.target] : askTargets;
  fillSelect($('#asks-organisation'), 'every organisation', organisations.map((o) => [o.slug, o.name]), chosen.organisation);
  fillSelect($('#asks-theme'), 'every theme', askThemes.map((t) => [t.slug, t.name]), chosen.theme);
  fillSelect($('#asks-target'), 'anyone', targets.map((target) => [target, targetName(target)]), chosen.target);
  $('#asks-outcome').value = chosen.outcome;
  $('#asks-q').value = chosen.q;
}

function sourceLink(url, text) {
  // The API takes only http(s) sources; anything else is shown, not followed.
  if (!/^https?:\/\//i.test(url)) return `${text} (${url})`;
  let host = url;
  try {
    host = new URL(url).host;
  } catch {}
  return el('a', { href: url, rel: 'noopener noreferrer', class: 'outcome-source' }, `${text}: ${host}`);
}

/** An outcome in words (the badge's colour only repeats them), its decision date and its source. */
function outcomeBadge(outcome, what) {
  if (!outcome) return el('p', { class: 'outcome' }, `${what}: `, el('span', { class: 'badge outcome-none' }, 'no outcome yet'));
  return el(
    'p',
    { class: 'outcome' },
    `${what}: `,
    el('span', { class: `badge outcome-${outcome.outcome.replace(/\s+/g, '-')}` }, outcome.outcome),
    `, decided ${longDate(outcome.decidedOn)} · `,
    sourceLink(outcome.sourceUrl, 'the source'),
    outcome.note ? el('span', { class: 'outcome-text' }, ` · ${outcome.note}`) : null,
  );
}

/** Who says the ask: the speaker of a direct quote, the speaker as reported, or the organisation in its own text. */
function askSpeaker(ask) {
  const speaker = ask.speaker ? `${ask.speaker.name}${ask.speaker.role ? `, ${ask.speaker.role}` : ''}` : null;
  // The citation below names the publisher that reported it.
  if (ask.voice === 'reported') return `${speaker ? `${speaker}, ` : ''}${ask.organisation.name}, as reported`;
  if (ask.voice === 'own' || !speaker) return `${ask.organisation.name}’s own statement`;
  return `${speaker}, ${ask.organisation.name}`;
}

/** The outcomes recorded on one ask, newest first: read once, when its disclosure is first opened. */
async function loadOutcomeHistory(details, ask) {
  details.setAttribute('data-loading', '');
  const list = details.querySelector('.history-list');
  try {
    const { outcomes } = await api(ask.url);
    list.replaceChildren(
      ...outcomes.map((o) =>
        el('li', {}, el('strong', {}, o.outcome), `, decided ${longDate(o.decidedOn)}, recorded ${longDate(o.recordedAt.slice(0, 10))} · `, sourceLink(o.sourceUrl, 'the source'), o.note ? ` · ${o.note}` : null),
      ),
    );
    details.setAttribute('data-loaded', '');
  } catch (error) {
    list.replaceChildren(el('li', {}, `Could not load the history (${error.message}); close and open again to retry.`));
  }
  details.removeAttribute('data-loading');
}

function outcomeHistory(ask) {
  const details = el('details', { class: 'history' }, el('summary', {}, 'Every outcome recorded on this ask'), el('ol', { class: 'history-list' }, el('li', {}, 'Loading…')));
  details.addEventListener('toggle', () => {
    if (details.open && !details.hasAttribute('data-loaded') && !details.hasAttribute('data-loading')) loadOutcomeHistory(details, ask);
  });
  return details;
}

/** One organisation's ask: what, whose words (quoted only when they are a direct quote), who, when, and the links to cite it. */
function askItem(ask) {
  return el(
    'li',
    { class: 'ask evidence', 'data-ask': ask.id, 'data-voice': ask.voice },
    el('h4', {}, `${ask.organisation.name}, ${longDate(ask.statement.date)}`),
    el('p', { class: 'asked' }, el('strong', {}, `Asks ${targetName(ask.target)}:`), ` ${ask.action}`),
    words(ask),
    el('p', { class: 'who' }, `${askSpeaker(ask)} · responding to ${ask.event.title} (${longDate(ask.event.publishedOn)})`),
    ask.origin === 'analyser' ? el('p', { class: 'machine' }, 'found by the analyser, not yet checked by an editor') : null,
    el('p', { class: 'citation' }, ask.citation),
    el('p', { class: 'actions' }, copyButton(ask.citation), el('a', { href: localPath(ask.permalink), class: 'passage-link' }, 'the passage in its statement')),
    ask.outcome ? outcomeBadge(ask.outcome, 'This ask') : null,
    ask.outcome ? outcomeHistory(ask) : null,
  );
}

function chips(anchor, name, label, values) {
  return el(
    'div',
    { class: `chips-line ${name}` },
    el('span', { class: 'chips-label', id: `${anchor}-${name}` }, label),
    el('ul', { class: 'chips', 'aria-labelledby': `${anchor}-${name}` }, values.map((value) => el('li', { class: 'chip' }, value))),
  );
}

function askGroupArticle(group) {
  const anchor = `asks-${group.key}`;
  const decided = group.outcome && group.asks.find((ask) => ask.id === group.outcome.askId);
  return el(
    'article',
    { class: 'ask-group', id: anchor, tabindex: '-1', 'data-group': group.key, 'aria-labelledby': `${anchor}-title` },
    el('h3', { id: `${anchor}-title` }, group.label),
    el('p', { class: 'meta' }, `${group.theme ? group.theme.name : 'No core theme'} · asked of ${targetName(group.target)} · ${group.asks.length} ask${group.asks.length === 1 ? '' : 's'}`),
    chips(anchor, 'organisations', `Shared by ${group.organisationCount} organisation${group.organisationCount === 1 ? '' : 's'}:`, group.organisations.map((o) => o.shortName)),
    group.figures.length ? chips(anchor, 'figures', 'Amounts cited:', group.figures) : null,
    outcomeBadge(group.outcome, 'Outcome'),
    el(
      'p',
      { class: 'outcome-note' },
      'The group’s outcome is the newest recorded on any of its asks',
      decided ? `: this one on ${decided.organisation.shortName}’s ask of ${longDate(decided.statement.date)}.` : '.',
    ),
    el('ol', { class: 'asks' }, group.asks.map(askItem)),
    el('p', { class: 'group-link' }, el('a', { href: askHref(group.key), onclick: (event) => openAskGroup(event, group.key) }, 'Link to this group', el('span', { class: 'offscreen' }, `: ${group.label}`))),
  );
}

/** Brings the group the address names into view, with the focus; forgets it if it is not shown. */
function focusAskGroup() {
  const list = $('#asks');
  list.removeAttribute('data-open');
  for (const card of document.querySelectorAll('.ask-group[aria-current]')) card.removeAttribute('aria-current');
  const card = state.ask && document.querySelector(`.ask-group[data-group="${CSS.escape(state.ask)}"]`);
  if (card) {
    card.setAttribute('aria-current', 'true');
    card.scrollIntoView({ block: 'start' });
    card.focus({ preventScroll: true });
    list.setAttribute('data-open', state.ask);
  } else if (state.ask) {
    state.ask = null;
    remember();
  }
}

function openAskGroup(event, key) {
  event.preventDefault();
  state.ask = key;
  remember();
  focusAskGroup();
}

async function renderAsks() {
  await loadAskChoices();
  remember();
  const query = new URLSearchParams({ limit: '100' });
  if (state.event) query.set('event', state.event);
  addAskFilters(query);
  const ledger = await allAskGroups(`/v1/asks?${query}`);
  const filtered = ASK_FILTERS.some((name) => state.asks[name]) || state.event;
  $('#asks-total').textContent = ledger.total
    ? `${ledger.total} group${ledger.total === 1 ? '' : 's'} of asks (${ledger.askCount} ask${ledger.askCount === 1 ? '' : 's'})${filtered ? ' matching these filters' : ''}, most organisations first.${ledger.complete ? '' : ` The first ${ledger.groups.length} are shown: narrow the filters to see the others.`}`
    : '';
  $('#asks').replaceChildren(...(ledger.groups.length ? ledger.groups.map(askGroupArticle) : [el('p', { class: 'notice' }, filtered ? 'No group of asks matches these filters.' : 'No ask has been found in these statements yet.')]));
  focusAskGroup();
  return ledger.total;
}

/** A filter changed: the groups again, said in the status line; the focus stays on the control. */
async function filterAsks() {
  state.ask = null;
  try {
    const found = await renderAsks();
    announce(found ? `Showing ${found} ${found === 1 ? 'group' : 'groups'} of asks.` : 'No group of asks matches these filters.');
  } catch (error) {
    fail(error);
  }
}

for (const name of ['organisation', 'theme', 'target', 'outcome']) {
  $(`#asks-${name}`).addEventListener('change', (event) => {
    state.asks[name] = event.target.value;
    filterAsks();
  });
}
$('#asks-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  state.asks.q = $('#asks-q').value.trim();
  filterAsks();
});
$('#asks-clear').addEventListener('click', () => {
  for (const name of ASK_FILTERS) state.asks[name] = '';
  filterAsks();
});

// ---- The matrix ---------------------------------------------------------------------------------

function cellButton(row, cell) {
  const theme = themes.find((t) => t.slug === cell.theme);
  const stance = cell.stance || 'silent';
  const label = cell.stance ? cell.stance : 'said nothing';
  const count = cell.statementCount ? `${cell.statementCount} statement${cell.statementCount > 1 ? 's' : ''}` : '';
  const key = `${row.organisation.slug}/${cell.theme}`;
  // The accessible name starts with the visible text, then says whose cell it is.
  return el(
    'button',
    {
      type: 'button',
      class: `cell stance-${stance}`,
      'data-organisation': row.organisation.slug,
      'data-theme': cell.theme,
      'aria-expanded': String(state.cell === key),
      'aria-controls': 'detail',
      onclick: () => openCell(key, { focus: true }),
    },
    el('span', { class: 'cell-theme', 'aria-hidden': 'true' }, theme ? theme.name : cell.theme),
    el('span', { class: 'stance-label' }, label),
    count ? el('span', { class: 'offscreen' }, ', ') : null,
    count ? el('span', { class: 'count' }, count) : null,
    // A change of position between events is said in the cell, not hidden behind the overall stance.
    cell.changed ? el('span', { class: 'offscreen' }, ', ') : null,
    cell.changed ? el('span', { class: 'shift' }, `was ${cell.byEvent.map((e) => e.stance).slice(0, -1).join(', then ')}`) : null,
    // Tags no editor has checked are the machine's guesses: the cell says so.
    cell.unreviewed ? el('span', { class: 'offscreen' }, ', ') : null,
    cell.unreviewed ? el('span', { class: 'machine' }, cell.unreviewed === cell.statementCount ? 'machine-tagged' : `${cell.unreviewed} machine-tagged`) : null,
    el('span', { class: 'offscreen' }, `, ${row.organisation.name} on ${theme ? theme.name : cell.theme}`),
  );
}

let matrixShifts = new Map();

async function renderMatrix() {
  const [pages, shifts] = await Promise.all([everyPage(withEvent('/v1/compare/matrix?limit=100')), allShifts(withEvent('/v1/shifts?limit=100'))]);
  // The API pages the matrix by organisation; the page shows every row.
  const matrix = { themes: pages[0].themes, rows: pages.flatMap((page) => page.rows) };
  themes = matrix.themes;
  matrixShifts = shiftsByPair(shifts);
  const marker = (row, cell) => {
    const found = matrixShifts.get(`${row.organisation.slug}/${cell.theme}`);
    return found ? shiftMarker(row, themes.find((t) => t.slug === cell.theme) ?? { slug: cell.theme, name: cell.theme }, found) : null;
  };
  $('#matrix thead').replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'Organisation'), themes.map((t) => el('th', { scope: 'col' }, t.name))));
  $('#matrix tbody').replaceChildren(
    ...matrix.rows.map((row) => el('tr', {}, el('th', { scope: 'row' }, row.organisation.shortName), row.cells.map((cell) => el('td', {}, cellButton(row, cell), marker(row, cell))))),
  );
  return matrix.rows.filter((row) => row.cells.some((cell) => cell.stance)).length;
}

/** The matrix cell of an organisation and theme (from the address too: escaped, whatever it holds). */
function cellOf(organisation, theme) {
  return document.querySelector(`.cell[data-organisation="${CSS.escape(organisation ?? '')}"][data-theme="${CSS.escape(theme ?? '')}"]`);
}

function closeDetail() {
  const key = state.cell;
  state.cell = null;
  remember();
  $('#detail').hidden = true;
  if (!key) return;
  const [organisation, theme] = key.split('/');
  const button = cellOf(organisation, theme);
  if (button) {
    button.setAttribute('aria-expanded', 'false');
    button.focus();
  }
}

async function openCell(key, { focus }) {
  const [organisationSlug, themeSlug] = key.split('/');
  const button = cellOf(organisationSlug, themeSlug);
  if (!button) return;
  state.cell = key;
  remember();
  for (const cell of document.querySelectorAll('.cell')) cell.setAttribute('aria-expanded', String(cell === button));
  const detail = $('#detail');
  detail.hidden = false;
  detail.removeAttribute('data-open');
  detail.replaceChildren(el('p', {}, 'Loading…'));
  const comparison = await api(withEvent(`/v1/compare?theme=${themeSlug}&organisations=${organisationSlug}`));
  const position = comparison.organisations[0];
  const organisation = position.organisation;
  const theme = themes.find((t) => t.slug === themeSlug) ?? { slug: themeSlug, name: themeSlug };
  const heading = el('h3', { id: 'detail-title', tabindex: '-1' }, `${organisation.name} on ${theme.name}: ${position.stance ?? 'said nothing'}`);
  const close = el('button', { type: 'button', class: 'close', onclick: closeDetail }, 'Close');
  const parts = [el('div', { class: 'detail-head' }, heading, close)];
  if (position.changed) parts.push(el('p', { class: 'shift-detail' }, `Its stance changed between events: ${position.byEvent.map((e) => `${e.stance} on ${eventTitle(e.event)}`).join(', then ')}.`));
  for (const shift of matrixShifts.get(key) ?? []) {
    const shiftAt = shiftKey(shift);
    parts.push(el('p', { class: 'shift-link' }, el('a', { href: shiftHref(shiftAt), onclick: (event) => openShift(event, shiftAt) }, `Both sides of the shift (${shift.direction}): ${shiftLine(shift)}`)));
  }
  if (!position.stance) {
    parts.push(el('p', {}, `${organisation.name} said nothing on ${theme.name.toLowerCase()} in these statements.`));
  } else {
    for (const statement of position.statements) {
      for (const e of statement.evidence) parts.push(evidenceBlock(e, { organisation, ...statement }));
    }
    if (position.figures.length) {
      parts.push(el('h4', {}, 'Figures cited'), el('ul', {}, position.figures.map((f) => el('li', {}, el('strong', {}, f.raw), ` — ${f.measures}${f.period ? ` (${f.period})` : ''}`))));
    }
  }
  parts.push(el('p', { class: 'keys' }, 'Escape or Close returns to the cell.'));
  detail.replaceChildren(...parts);
  // Which cell the detail shows, once it is drawn (tests and assistive tools wait on it).
  detail.setAttribute('data-open', key);
  // On a phone the evidence is below the fold: take the reader (and the focus) to it.
  detail.scrollIntoView({ block: 'start' });
  if (focus) heading.focus({ preventScroll: true });
}

// ---- Figures: a chart of every sum of money on one scale, each bar opening its measure below ----

const CATEGORY_ORDER = ['recommended', 'committed', 'spending', 'shortfall', 'overspend', 'cost', 'other'];
/** The chart's amounts as last read, drawn again at a new width without asking the API. */
let chartGroups = null;

/** The measure a sum of money belongs to: the group of the first of its citations found in the measures. */
const measureOfAmount = (group) => group.citations.map((c) => measureOfFigure.get(c.id)).find(Boolean) ?? null;

function renderChart(groups) {
  const box = $('#chart');
  // The box's width less its padding: the chart is drawn at the size it is shown, so its text stays legible on a phone.
  const width = Math.max(260, Math.round((box.clientWidth || 656) - 16));
  const rowHeight = 46;
  const max = Math.max(...groups.map((g) => g.value));
  const height = groups.length * rowHeight + 8;
  const svg = el('svg:svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'list', 'aria-label': `Amounts cited, on one scale from £0 to ${groups[0] ? groups[0].display : '£0'}` });
  groups.forEach((group, i) => {
    const y = i * rowHeight;
    const barWidth = Math.max(2, Math.round((group.value / max) * (width - 4)));
    const who = group.organisations.map((o) => o.shortName).join(', ');
    const label = `${group.display} ${group.category}: cited by ${who}`;
    const key = measureOfAmount(group);
    svg.append(
      el(
        'svg:a',
        {
          href: key ? measureHref(key, { filtered: false }) : '#measures-title',
          class: `bar category-${CATEGORY_ORDER.includes(group.category) ? group.category : 'other'}`,
          role: 'listitem',
          'aria-label': label,
          'data-figure': group.display,
          'data-measure': key,
          onclick: (event) => openMeasureOfBar(event, key),
        },
        el('svg:title', {}, `${label} (${group.measures})`),
        // The whole row answers a tap or a click, not only the ink of its bar and label.
        el('svg:rect', { x: 0, y, width, height: rowHeight - 2, class: 'hit' }),
        el('svg:text', { x: 2, y: y + 16, class: 'bar-label' }, el('svg:tspan', { class: 'bar-value' }, group.display), ` ${group.category} · ${who}`),
        el('svg:rect', { x: 2, y: y + 22, width: barWidth, height: 16, rx: 2, class: 'ink' }),
      ),
    );
  });
  box.replaceChildren(svg);
  $('#chart-caption').textContent = groups.length
    ? `Every sum of money cited, on one linear scale: the longest bar is ${groups[0].display}; bars too short to see are drawn 2 pixels wide. Colours show what each amount is: ${[...new Set(groups.map((g) => g.category))].join(', ')}.`
    : 'No sum of money is cited in these statements.';
}

/** A bar opens its measure's card, the filters cleared first if they hide it. */
async function openMeasureOfBar(event, key) {
  event.preventDefault();
  if (!key) {
    $('#measures-title').scrollIntoView({ block: 'start' });
    return;
  }
  state.measure = key;
  if (measureCard(key)) {
    remember();
    focusMeasure();
    return;
  }
  for (const name of FIGURE_FILTERS) state.figures[name] = '';
  try {
    await renderMeasures();
  } catch (error) {
    fail(error);
  }
}

async function renderFigures() {
  const asked = ++measuresAsked;
  await loadFigureChoices();
  remember();
  const [{ groups }, found] = await Promise.all([api(withEvent('/v1/figures?unit=GBP')), allMeasures(measuresPath())]);
  chartGroups = groups;
  renderChart(groups);
  if (asked === measuresAsked) drawMeasures(found);
  return groups.length;
}

// ---- Figures reconciled: each measure across organisations, with disagreements flagged ---------
// One card per group of GET /v1/figures/measures, in its order: who gives which value, on which period,
// in which words, with the citation. Measures span every policy event (the API compares across them):
// the page's event choice applies to the chart only.

let measureThemes = [];
let measureUnits = [];
/** Each drawing of the measures is numbered: an answer overtaken by a newer question is not drawn. */
let measuresAsked = 0;
/** Which measure each cited figure belongs to (figure id → measure key), for the chart's bars. */
let measureOfFigure = new Map();
const MEASURE_COLUMNS = ['Organisation', 'Value', 'Period', 'As written', 'What they say it measures', 'Source'];

/** The measures' filters in force, in the order the address gives them. */
function addFigureFilters(query) {
  for (const name of FIGURE_FILTERS) if (state.figures[name]) query.set(name, state.figures[name]);
}

function measuresPath(format) {
  const query = new URLSearchParams({ limit: '100' });
  addFigureFilters(query);
  if (format) {
    query.delete('limit');
    query.set('format', format);
  }
  return `/v1/figures/measures?${query}`;
}

const unitName = (unit) => (unit === 'GBP' ? 'GBP' : unit.replaceAll('-', ' '));
const periodName = (basis) => (basis === 'unstated' ? 'not stated' : basis);
/** As the API's notes say a basis: `per year`, `with no period stated`. */
const basisPhrase = (basis) => (basis === 'unstated' ? 'with no period stated' : basis);
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `Organisations disagree: £1.6bn to £2bn per year (×1.25)`: the badge, in words. */
function disagreementText(spread) {
  return `Organisations disagree: ${spread.display} ${basisPhrase(spread.period)}${spread.ratio ? ` (×${spread.ratio})` : ''}`;
}

/** A measure's address, with the filters in force (a bar's, which clears those that hide it, without them). */
function measureHref(key, { filtered = true } = {}) {
  const query = new URLSearchParams({ view: 'figures' });
  if (state.event) query.set('event', state.event);
  if (filtered) addFigureFilters(query);
  query.set('measure', key);
  return `?${query}`;
}

/** Every group a path of /v1/figures/measures lists, following its pages, and whether all were read. */
async function allMeasures(path) {
  const found = { groups: [], total: 0, complete: true };
  let next = path;
  // A bound on the pages read, as for the asks: the rest is for the filters (or the API) to reach.
  for (let pages = 0; next && pages < 20; pages += 1) {
    const body = await api(next);
    found.groups.push(...body.items);
    found.total = body.total;
    next = body.next;
  }
  found.complete = !next;
  return found;
}

/** The choices of the filters (once), and the address's filters kept only where they name something that is there. */
async function loadFigureChoices() {
  if (!measureThemes.length) {
    const [, themeList, unfiltered] = await Promise.all([loadOrganisations(), api('/v1/themes'), allMeasures('/v1/figures/measures?limit=100')]);
    measureThemes = themeList.items;
    measureUnits = [...new Set(unfiltered.groups.map((group) => group.unit))];
    measureOfFigure = new Map(unfiltered.groups.flatMap((group) => group.organisations.flatMap((o) => o.citations.map((c) => [c.id, group.key]))));
  }
  const chosen = state.figures;
  if (chosen.disagreement !== 'true') chosen.disagreement = '';
  if (!organisations.some((o) => o.slug === chosen.organisation)) chosen.organisation = '';
  if (!measureThemes.some((t) => t.slug === chosen.theme)) chosen.theme = '';
  if (!measureUnits.includes(chosen.unit)) chosen.unit = '';
  if (chosen.q.length > 200) chosen.q = '';
  $('#figures-disagreement').checked = chosen.disagreement === 'true';
  fillSelect($('#figures-theme'), 'every theme', measureThemes.map((t) => [t.slug, t.name]), chosen.theme);
  fillSelect($('#figures-organisation'), 'every organisation', organisations.map((o) => [o.slug, o.name]), chosen.organisation);
  fillSelect($('#figures-unit'), 'every unit', measureUnits.map((unit) => [unit, unitName(unit)]), chosen.unit);
  $('#figures-q').value = chosen.q;
}

/** The sentence the figure is in, and its citation to copy: there when wanted, folded away otherwise. */
function figureSentence(c) {
  return el(
    'details',
    { class: 'sentence' },
    el('summary', {}, 'The sentence and citation'),
    el('p', { class: 'context' }, c.context),
    el('p', { class: 'citation' }, c.citation),
    el('p', { class: 'actions' }, copyButton(c.citation)),
  );
}

function figureRow(organisation, c) {
  const cell = (i, ...children) => el('td', { 'data-label': MEASURE_COLUMNS[i] }, ...children);
  return el(
    'tr',
    { 'data-figure': c.id, 'data-organisation': organisation.slug },
    el('th', { scope: 'row' }, organisation.name),
    cell(1, el('strong', {}, c.display)),
    cell(2, periodName(c.periodBasis)),
    cell(3, c.raw),
    cell(4, c.measures),
    cell(
      5,
      el('a', { href: localPath(c.permalink), class: 'passage-link' }, `The passage, ${longDate(c.statement.date)}`, el('span', { class: 'offscreen' }, `: ${organisation.name}, ${c.raw}`)),
      figureSentence(c),
    ),
  );
}

function measureTable(group) {
  return el(
    'table',
    { class: 'measure-table' },
    el('caption', { class: 'offscreen' }, `Each organisation’s figures for ${group.label}`),
    el('thead', {}, el('tr', {}, MEASURE_COLUMNS.map((name) => el('th', { scope: 'col' }, name)))),
    el('tbody', {}, group.organisations.flatMap((o) => o.citations.map((c) => figureRow(o.organisation, c)))),
  );
}

function measureArticle(group) {
  const anchor = `measure-${group.key}`;
  const themeNames = group.themes.map((slug) => measureThemes.find((t) => t.slug === slug)?.name ?? slug);
  const meta = [
    group.category,
    themeNames.join(', '),
    `${plural(group.organisations.length, 'organisation')}, ${plural(group.citationCount, 'figure')}`,
    group.editor ? 'grouped by an editor' : null,
    group.specified ? null : 'grouped by value only: the figures do not say what they measure',
  ];
  // A list shows each organisation's newest figures only: say so where there are more.
  const more = group.organisations.filter((o) => o.citationCount > o.citations.length);
  return el(
    'article',
    { class: 'measure', id: anchor, tabindex: '-1', 'data-measure': group.key, 'data-verdict': group.verdict, 'aria-labelledby': `${anchor}-title` },
    el('h4', { id: `${anchor}-title` }, group.label, ' ', el('span', { class: 'unit' }, `(${unitName(group.unit)})`)),
    el('p', { class: 'meta' }, meta.filter(Boolean).join(' · ')),
    group.disagreement && group.spread ? el('p', { class: 'disagreement' }, el('strong', { class: 'badge disagree' }, disagreementText(group.spread))) : null,
    el('p', { class: `verdict verdict-${group.verdict}` }, group.note),
    measureTable(group),
    more.length
      ? el('p', { class: 'more' }, `Only the newest figures are shown: ${more.map((o) => `${o.organisation.shortName} cites ${o.citationCount}`).join(', ')}. Every one is in `, el('a', { href: group.url }, 'the measure’s data'), '.')
      : null,
    el(
      'p',
      { class: 'group-link' },
      el('a', { href: measureHref(group.key), onclick: (event) => openMeasure(event, group.key) }, 'Link to this measure', el('span', { class: 'offscreen' }, `: ${group.label}`)),
      ' · ',
      el('a', { href: group.url, class: 'data-link' }, 'its data', el('span', { class: 'offscreen' }, ` (JSON): ${group.label}`)),
    ),
  );
}

const measureCard = (key) => key && document.querySelector(`.measure[data-measure="${CSS.escape(key)}"]`);

/** Brings the measure the address names into view, with the focus; forgets it if it is not shown. */
function focusMeasure() {
  const list = $('#measures');
  list.removeAttribute('data-open');
  for (const card of document.querySelectorAll('.measure[aria-current]')) card.removeAttribute('aria-current');
  const card = measureCard(state.measure);
  if (card) {
    card.setAttribute('aria-current', 'true');
    card.scrollIntoView({ block: 'start' });
    card.focus({ preventScroll: true });
    list.setAttribute('data-open', state.measure);
  } else if (state.measure) {
    state.measure = null;
    remember();
  }
}

function openMeasure(event, key) {
  event.preventDefault();
  state.measure = key;
  remember();
  focusMeasure();
}

function drawMeasures(found) {
  const filtered = FIGURE_FILTERS.some((name) => state.figures[name]);
  const disagreeing = found.groups.filter((group) => group.disagreement).length;
  $('#measures-total').textContent = found.total
    ? `${plural(found.total, 'measure')}${filtered ? ' matching these filters' : ''}, money first, largest first; ${disagreeing || 'none'} with a disagreement${found.complete ? '' : ` among the first ${found.groups.length}, which are shown: narrow the filters to see the others`}.`
    : '';
  $('#figures-csv').setAttribute('href', measuresPath('csv'));
  $('#measures').replaceChildren(
    ...(found.groups.length ? found.groups.map(measureArticle) : [el('p', { class: 'notice' }, filtered ? 'No measure matches these filters.' : 'No figure has been found in these statements yet.')]),
  );
  focusMeasure();
}

/** The measures again under the filters in force, the address and the controls following; an answer overtaken by a newer question is not drawn. */
async function renderMeasures() {
  const asked = ++measuresAsked;
  await loadFigureChoices();
  remember();
  const found = await allMeasures(measuresPath());
  if (asked === measuresAsked) drawMeasures(found);
  return found.total;
}

/** A filter changed: the measures again, said in the status line; the focus stays on the control. */
async function filterMeasures() {
  state.measure = null;
  try {
    const found = await renderMeasures();
    announce(found ? `Showing ${plural(found, 'measure')}.` : 'No measure matches these filters.');
  } catch (error) {
    fail(error);
  }
}

$('#figures-disagreement').addEventListener('change', (event) => {
  state.figures.disagreement = event.target.checked ? 'true' : '';
  filterMeasures();
});
for (const name of ['theme', 'organisation', 'unit']) {
  $(`#figures-${name}`).addEventListener('change', (event) => {
    state.figures[name] = event.target.value;
    filterMeasures();
  });
}
$('#figures-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  state.figures.q = $('#figures-q').value.trim();
  filterMeasures();
});
$('#figures-clear').addEventListener('click', () => {
  for (const name of FIGURE_FILTERS) state.figures[name] = '';
  filterMeasures();
});

// ---- Timeline: one organisation's stance per theme across events -------------------------------

async function loadOrganisations() {
  if (organisations.length) return;
  organisations = (await api('/v1/organisations?limit=100')).items;
  $('#organisation').replaceChildren(...organisations.map((o) => el('option', { value: o.slug }, o.name)));
}

function pointsByCell(timeline) {
  const cells = new Map();
  for (const row of timeline.themes) {
    for (const point of row.points) {
      const key = `${row.theme.slug}/${point.event.slug}`;
      if (!cells.has(key)) cells.set(key, { theme: row.theme, event: point.event, points: [] });
      cells.get(key).points.push(point);
    }
  }
  return cells;
}

let timeline = null;
let timelineShifts = [];

function renderTimeline() {
  const box = $('#timeline');
  const width = Math.max(260, Math.round((box.clientWidth || 656) - 16));
  const left = 96;
  const top = 34;
  const rowHeight = 54;
  const columns = timeline.events.length;
  const step = columns > 1 ? (width - left - 40) / (columns - 1) : 0;
  const x = (i) => (columns > 1 ? left + 20 + i * step : left + (width - left) / 2);
  const rows = timeline.themes.length ? timeline.themes : themes.map((theme) => ({ theme, points: [] }));
  const height = top + rows.length * rowHeight + 10;
  const cells = pointsByCell(timeline);
  const svg = el('svg:svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'list', 'aria-label': `${timeline.organisation.name}: stance per theme at each policy event` });
  timeline.events.forEach((event, i) => {
    svg.append(el('svg:text', { x: x(i), y: 14, 'text-anchor': columns > 1 && i === 0 ? 'start' : columns > 1 && i === columns - 1 ? 'end' : 'middle', class: 'axis-label', 'aria-hidden': 'true' }, longDate(event.publishedOn)));
  });
  rows.forEach((row, r) => {
    const y = top + r * rowHeight + rowHeight / 2;
    svg.append(el('svg:text', { x: 0, y: y + 5, class: 'axis-label', 'aria-hidden': 'true' }, row.theme.name));
    svg.append(el('svg:line', { x1: left, x2: width - 4, y1: y, y2: y, class: 'gridline' }));
    let previous = null;
    timeline.events.forEach((event, i) => {
      const cell = cells.get(`${row.theme.slug}/${event.slug}`);
      if (!cell) return;
      const stance = cell.points[cell.points.length - 1].stance;
      if (previous) svg.append(el('svg:line', { x1: previous.x, x2: x(i), y1: y, y2: y, class: `path${previous.stance !== stance ? ' shifted' : ''}` }));
      const key = `${row.theme.slug}/${event.slug}`;
      const label = `${row.theme.name}, ${eventTitle(event.slug)}: ${stance}${previous && previous.stance !== stance ? `, was ${previous.stance}` : ''}`;
      svg.append(
        el(
          'svg:a',
          { href: `?view=timeline&organisation=${timeline.organisation.slug}&point=${key}`, class: `point stance-fill-${stance}`, role: 'listitem', 'aria-label': label, 'data-point': key, onclick: (e) => { e.preventDefault(); openPoint(key, { focus: true }); } },
          el('svg:title', {}, label),
          el('svg:circle', { cx: x(i), cy: y, r: 11 }),
          // The stance in words beside its colour: colour is never the only way it is told.
          el('svg:text', { x: x(i), y: y + 26, 'text-anchor': columns > 1 && i === columns - 1 ? 'end' : columns > 1 && i === 0 ? 'start' : 'middle', class: 'point-label', 'aria-hidden': 'true' }, stance),
        ),
      );
      previous = { x: x(i), stance };
      const shifted = timelineShifts.filter((shift) => shift.theme.slug === row.theme.slug && shift.to.event.slug === event.slug);
      if (shifted.length) svg.append(timelineMarker(row.theme, shifted, x(i), y, columns > 1 && i === columns - 1 ? 'end' : columns > 1 && i === 0 ? 'start' : 'middle'));
    });
  });
  box.replaceChildren(svg);
  const spoken = cells.size;
  $('#timeline-caption').textContent = spoken
    ? `Columns are the policy events it responded to: ${timeline.events.map((e) => `${longDate(e.publishedOn)}, ${e.title}`).join('; ')}. Each point is coloured as in Stances (supportive, critical, mixed, neutral) and names its stance; a dashed line marks a change.`
    : `${timeline.organisation.name} has no tagged statement yet.`;
}

/** Above a point where the stance shifted: the shift in words, linking to both sides. */
function timelineMarker(theme, shifts, x, y, anchor) {
  const key = shiftKey(shifts[0]);
  const lines = shifts.map((shift) => `${shiftLine(shift)}, ${shift.direction}`).join('; ');
  const label = `Shift on ${theme.name}: ${lines}`;
  return el(
    'svg:a',
    { href: shiftHref(key), class: 'shift-marker', role: 'listitem', 'aria-label': label, 'data-shift': key, onclick: (event) => openShift(event, key) },
    el('svg:title', {}, label),
    el('svg:text', { x, y: y - 15, 'text-anchor': anchor, class: 'shift-label', 'aria-hidden': 'true' }, shifts.length === 1 ? `shift: ${shifts[0].direction}` : `${shifts.length} shifts`),
  );
}

function closePoint() {
  const key = state.point;
  state.point = null;
  remember();
  $('#point').hidden = true;
  const link = key && document.querySelector(`.point[data-point="${CSS.escape(key)}"]`);
  if (link) link.focus();
}

function openPoint(key, { focus }) {
  const cell = pointsByCell(timeline).get(key);
  if (!cell) return;
  state.point = key;
  remember();
  const organisation = timeline.organisation;
  const panel = $('#point');
  const heading = el('h3', { id: 'point-title', tabindex: '-1' }, `${organisation.name} on ${cell.theme.name}, responding to ${eventTitle(cell.event.slug)}`);
  const parts = [el('div', { class: 'detail-head' }, heading, el('button', { type: 'button', class: 'close', onclick: closePoint }, 'Close'))];
  for (const shift of timelineShifts.filter((s) => s.theme.slug === cell.theme.slug && s.to.event.slug === cell.event.slug)) {
    const shiftAt = shiftKey(shift);
    parts.push(el('p', { class: 'shift-link' }, el('a', { href: shiftHref(shiftAt), onclick: (event) => openShift(event, shiftAt) }, `Its stance shifted here (${shift.direction}): ${shiftLine(shift)}`)));
  }
  for (const point of cell.points) {
    for (const e of point.evidence) parts.push(evidenceBlock(e, { organisation, source: point.source, date: point.date, stance: point.stance, reviewed: point.reviewed, confidence: point.confidence }));
  }
  parts.push(el('p', { class: 'keys' }, 'Escape or Close returns to the point.'));
  panel.replaceChildren(...parts);
  panel.hidden = false;
  panel.setAttribute('data-open', key);
  panel.scrollIntoView({ block: 'start' });
  if (focus) heading.focus({ preventScroll: true });
}

async function loadTimeline() {
  await loadOrganisations();
  if (!organisations.some((o) => o.slug === state.organisation)) state.organisation = organisations[0]?.slug ?? null;
  if (!state.organisation) return 0;
  $('#organisation').value = state.organisation;
  remember();
  [timeline, timelineShifts] = await Promise.all([
    api(`/v1/organisations/${state.organisation}/timeline`),
    allShifts(`/v1/shifts?organisation=${encodeURIComponent(state.organisation)}&limit=100`),
  ]);
  renderTimeline();
  $('#point').hidden = true;
  if (state.point) openPoint(state.point, { focus: false });
  return pointsByCell(timeline).size;
}

// ---- Views, events and the address ---------------------------------------------------------------

async function show(view) {
  state.view = view;
  remember();
  for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-pressed', String(tab.dataset.view === view));
  for (const name of VIEWS) $(`#${name}-view`).hidden = name !== view;
  // A timeline spans every event: the event choice is for the other views.
  $('#event-choice').hidden = view === 'timeline';
  if (view === 'figures') return renderFigures();
  if (view === 'timeline') return loadTimeline();
  if (view === 'shifts') return renderShifts();
  if (view === 'asks') return renderAsks();
  const spoke = await renderMatrix();
  $('#detail').hidden = true;
  if (state.cell) await openCell(state.cell, { focus: false });
  return spoke;
}

async function loadEvents() {
  events = (await api('/v1/events')).items;
  $('#event').replaceChildren(el('option', { value: '' }, 'every policy event'), ...events.map((event) => el('option', { value: event.slug }, `${event.title} (${longDate(event.publishedOn)})`)));
  if (!events.some((e) => e.slug === state.event)) state.event = '';
  $('#event').value = state.event;
}

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => show(tab.dataset.view).catch(fail));
}
const FOUND = { matrix: ['organisation spoke', 'organisations spoke'], figures: ['sum of money cited', 'sums of money cited'], shifts: ['stance shift', 'stance shifts'], asks: ['group of asks', 'groups of asks'] };

$('#event').addEventListener('change', async (event) => {
  state.event = event.target.value;
  state.cell = null;
  state.shift = null;
  state.ask = null;
  state.measure = null;
  try {
    const found = await show(state.view);
    const scope = state.event ? `responses to ${eventTitle(state.event)}` : 'responses to every policy event';
    const [one, many] = FOUND[state.view] ?? FOUND.matrix;
    announce(found ? `Showing ${scope}: ${found} ${found === 1 ? one : many}.` : `Nothing to show for ${scope}: no ${one}.`);
  } catch (error) {
    fail(error);
  }
});
$('#organisation').addEventListener('change', (event) => {
  state.organisation = event.target.value;
  state.point = null;
  loadTimeline().catch(fail);
});
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  if (state.view === 'matrix' && !$('#detail').hidden) closeDetail();
  else if (state.view === 'timeline' && !$('#point').hidden) closePoint();
});
let resized = null;
window.addEventListener('resize', () => {
  clearTimeout(resized);
  resized = setTimeout(() => {
    if (state.view === 'figures' && chartGroups) renderChart(chartGroups);
    if (state.view === 'timeline' && timeline) renderTimeline();
  }, 150);
});

loadEvents()
  .then(() => show(state.view))
  .then(() => {
    $('#loading').hidden = true;
    document.body.setAttribute('data-ready', '');
  }, fail);
