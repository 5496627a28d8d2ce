// The comparison page: plain browser JavaScript over the public JSON API, no build step.
const $ = (selector) => document.querySelector(selector);
const state = { event: '', open: null };

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

async function api(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

function withEvent(path) {
  if (!state.event) return path;
  return `${path}${path.includes('?') ? '&' : '?'}event=${encodeURIComponent(state.event)}`;
}

function status(text) {
  $('#status').textContent = text;
}

async function loadEvents() {
  const { items } = await api('/v1/events');
  for (const event of items) $('#event').append(el('option', { value: event.slug }, `${event.title} (${event.publishedOn})`));
}

async function renderMatrix() {
  const { themes, rows } = await api(withEvent('/v1/compare/matrix'));
  const head = $('#matrix thead');
  const body = $('#matrix tbody');
  head.replaceChildren(el('tr', {}, el('th', { scope: 'col' }, 'Organisation'), themes.map((t) => el('th', { scope: 'col' }, t.name))));
  body.replaceChildren(
    ...rows.map((row) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, row.organisation.shortName),
        row.cells.map((cell) => {
          const theme = themes.find((t) => t.slug === cell.theme);
          const stance = cell.stance || 'silent';
          const label = cell.stance ? cell.stance : 'said nothing';
          return el(
            'td',
            {},
            el(
              'button',
              {
                type: 'button',
                class: `cell stance-${stance}`,
                'data-organisation': row.organisation.slug,
                'data-theme': cell.theme,
                'aria-expanded': 'false',
                'aria-label': `${row.organisation.name} on ${theme ? theme.name : cell.theme}: ${label}${cell.changed ? ` (by event: ${cell.byEvent.map((e) => e.stance).join(', then ')})` : ''}${cell.unreviewed ? `, ${cell.unreviewed} of ${cell.statementCount} machine-tagged and not yet reviewed` : ''}`,
                onclick: () => openCell(row.organisation, theme, stance),
              },
              label,
              el('span', { class: 'count' }, cell.statementCount ? `${cell.statementCount} statement${cell.statementCount > 1 ? 's' : ''}` : ''),
              // A change of position between events is said in the cell, not hidden behind the overall stance.
              cell.changed ? el('span', { class: 'shift' }, `was ${cell.byEvent.map((e) => e.stance).slice(0, -1).join(', then ')}`) : null,
              // Tags no editor has checked are the machine's guesses: the cell says so.
              cell.unreviewed ? el('span', { class: 'machine' }, cell.unreviewed === cell.statementCount ? 'machine-tagged' : `${cell.unreviewed} machine-tagged`) : null,
            ),
          );
        }),
      ),
    ),
  );
}

function copyButton(text) {
  return el('button', { type: 'button', class: 'copy', onclick: () => navigator.clipboard && navigator.clipboard.writeText(text) }, 'copy citation');
}

async function openCell(organisation, theme, stance) {
  for (const cell of document.querySelectorAll('.cell')) cell.setAttribute('aria-expanded', 'false');
  const button = document.querySelector(`.cell[data-organisation="${organisation.slug}"][data-theme="${theme.slug}"]`);
  if (button) button.setAttribute('aria-expanded', 'true');
  const detail = $('#detail');
  detail.hidden = false;
  detail.replaceChildren(el('p', {}, 'Loading…'));
  const comparison = await api(withEvent(`/v1/compare?theme=${theme.slug}&organisations=${organisation.slug}`));
  const position = comparison.organisations[0];
  const heading = el('h3', {}, `${organisation.name} on ${theme.name}: ${position && position.stance ? position.stance : 'said nothing'}`);
  const shift = position && position.changed
    ? el('p', { class: 'shift-detail' }, `Its stance changed between events: ${position.byEvent.map((e) => `${e.stance} on ${e.event}`).join(', then ')}.`)
    : null;
  if (!position || !position.stance) {
    detail.replaceChildren(heading, el('p', {}, `${organisation.name} said nothing on ${theme.name.toLowerCase()} in these statements.`));
    detail.setAttribute('data-open', `${organisation.slug}/${theme.slug}`);
    return;
  }
  const evidence = position.statements.flatMap((statement) =>
    statement.evidence.map((e) => {
      const speaker = e.speaker ? `${e.speaker.name}${e.speaker.role ? `, ${e.speaker.role}` : ''}` : organisation.name;
      // Whose words: a direct quote in quotation marks; reported speech as the publisher wrote it,
      // without them; the organisation's own text as its statement.
      const words =
        e.voice === 'direct'
          ? el('blockquote', { class: 'words direct' }, el('p', {}, /^["“‘]/.test(e.text) ? e.text : `“${e.text}”`))
          : el('p', { class: `words ${e.voice}` }, e.text);
      const label =
        e.voice === 'reported'
          ? `${speaker}, as reported by ${statement.source.publisher}`
          : e.voice === 'own'
            ? `${organisation.name}’s own statement`
            : speaker;
      return el(
        'div',
        { class: `evidence stance-${statement.stance}`, 'data-voice': e.voice },
        words,
        el('span', { class: 'who' }, `${label} · ${statement.date} · ${statement.stance}`),
        statement.reviewed ? null : el('span', { class: 'machine' }, `machine-tagged, not yet reviewed (confidence ${statement.confidence === null ? 'unknown' : statement.confidence.toFixed(2)})`),
        el('span', { class: 'citation' }, e.citation),
        copyButton(e.citation),
      );
    }),
  );
  const figures = position.figures.length
    ? el('div', {}, el('h4', {}, 'Figures cited'), el('ul', {}, position.figures.map((f) => el('li', {}, el('strong', {}, f.raw), ` — ${f.measures}${f.period ? ` (${f.period})` : ''}`))))
    : null;
  detail.replaceChildren(heading, ...(shift ? [shift] : []), ...evidence, ...(figures ? [figures] : []));
  // Which cell the detail shows, once it is drawn (tests and assistive tools wait on it).
  detail.setAttribute('data-open', `${organisation.slug}/${theme.slug}`);
}

async function renderFigures() {
  const { groups } = await api(withEvent('/v1/figures?unit=GBP'));
  $('#figures').replaceChildren(
    ...groups.map((group) =>
      el(
        'article',
        { class: 'group', 'data-figure': group.display },
        el('div', {}, el('span', { class: 'figure-value' }, group.display), el('span', { class: 'category' }, group.category)),
        el('p', {}, `Cited by ${group.organisations.map((o) => o.shortName).join(', ')}`),
        el(
          'ul',
          {},
          group.citations.map((c) =>
            el('li', {}, el('strong', {}, `${c.organisation.shortName}: `), `“${c.context}”`, el('br'), el('span', { class: 'citation' }, c.citation), copyButton(c.citation)),
          ),
        ),
      ),
    ),
  );
}

function show(view) {
  for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-pressed', String(tab.dataset.view === view));
  $('#matrix-view').hidden = view !== 'matrix';
  $('#figures-view').hidden = view !== 'figures';
  return view === 'figures' ? renderFigures() : renderMatrix();
}

async function refresh() {
  try {
    status('');
    $('#detail').hidden = true;
    await renderMatrix();
    if (!$('#figures-view').hidden) await renderFigures();
  } catch (error) {
    status(`Could not load the data: ${error.message}`);
  }
}

for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => show(tab.dataset.view).catch((e) => status(e.message)));
$('#event').addEventListener('change', (event) => {
  state.event = event.target.value;
  refresh();
});
loadEvents().then(refresh, (error) => status(`Could not load the data: ${error.message}`));
