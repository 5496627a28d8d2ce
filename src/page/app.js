// The comparison page: plain browser modules over the public JSON API, no build step. What is shown
// (view, event, opened cell, organisation, timeline point) lives in the address, so a copied link
// reopens the same evidence.
import { $, announce, api, copyButton, el, localPath, longDate, speakerLabel, words } from './common.js';

const VIEWS = ['matrix', 'figures', 'timeline'];
const params = new URLSearchParams(location.search);
const state = {
  view: VIEWS.includes(params.get('view')) ? params.get('view') : 'matrix',
  event: params.get('event') ?? '',
  cell: params.get('cell'),
  organisation: params.get('organisation'),
  point: params.get('point'),
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

async function renderMatrix() {
  const matrix = await api(withEvent('/v1/compare/matrix'));
  themes = matrix.themes;
  $('#matrix thead').replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'Organisation'), themes.map((t) => el('th', { scope: 'col' }, t.name))));
  $('#matrix tbody').replaceChildren(
    ...matrix.rows.map((row) => el('tr', {}, el('th', { scope: 'row' }, row.organisation.shortName), row.cells.map((cell) => el('td', {}, cellButton(row, cell))))),
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

// ---- Figures: a chart on one scale, then each amount's citations -------------------------------

const CATEGORY_ORDER = ['recommended', 'committed', 'spending', 'shortfall', 'overspend', 'cost', 'other'];

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
    svg.append(
      el(
        'svg:a',
        { href: `#figure-${i}`, class: `bar category-${CATEGORY_ORDER.includes(group.category) ? group.category : 'other'}`, role: 'listitem', 'aria-label': label, 'data-figure': group.display, onclick: (event) => openFigure(event, i) },
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

function openFigure(event, i) {
  event.preventDefault();
  const card = document.getElementById(`figure-${i}`);
  if (!card) return;
  card.scrollIntoView({ block: 'start' });
  card.focus({ preventScroll: true });
}

async function renderFigures() {
  const { groups } = await api(withEvent('/v1/figures?unit=GBP'));
  renderChart(groups);
  $('#figures').replaceChildren(
    ...groups.map((group, i) =>
      el(
        'article',
        { class: 'group', id: `figure-${i}`, tabindex: '-1', 'data-figure': group.display, 'aria-labelledby': `figure-${i}-title` },
        el('h3', { id: `figure-${i}-title` }, el('span', { class: 'figure-value' }, group.display), el('span', { class: `category category-${group.category}` }, group.category)),
        el('p', {}, `${group.measures}. Cited by ${group.organisations.map((o) => o.shortName).join(', ')}.`),
        el(
          'ul',
          {},
          group.citations.map((c) =>
            el(
              'li',
              {},
              el('strong', {}, `${c.organisation.shortName}: `),
              `“${c.context}”`,
              el('p', { class: 'citation' }, c.citation),
              el('p', { class: 'actions' }, copyButton(c.citation), el('a', { href: localPath(c.permalink) }, 'the passage in its statement')),
            ),
          ),
        ),
      ),
    ),
  );
  return groups.length;
}

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
    });
  });
  box.replaceChildren(svg);
  const spoken = cells.size;
  $('#timeline-caption').textContent = spoken
    ? `Columns are the policy events it responded to: ${timeline.events.map((e) => `${longDate(e.publishedOn)}, ${e.title}`).join('; ')}. Each point is coloured as in Stances (supportive, critical, mixed, neutral) and names its stance; a dashed line marks a change.`
    : `${timeline.organisation.name} has no tagged statement yet.`;
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
  timeline = await api(`/v1/organisations/${state.organisation}/timeline`);
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
const FOUND = { matrix: ['organisation spoke', 'organisations spoke'], figures: ['sum of money cited', 'sums of money cited'] };

$('#event').addEventListener('change', async (event) => {
  state.event = event.target.value;
  state.cell = null;
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
    if (state.view === 'figures') renderFigures().catch(fail);
    if (state.view === 'timeline' && timeline) renderTimeline();
  }, 150);
});

loadEvents()
  .then(() => show(state.view))
  .then(() => {
    $('#loading').hidden = true;
    document.body.setAttribute('data-ready', '');
  }, fail);
