// What the comparison page and the statement pages share: plain browser modules over the public JSON API, no build step.
export const $ = (selector) => document.querySelector(selector);

/** An element with attributes (`on…` are listeners; false, null and undefined are left out) and children. */
export function el(tag, attributes = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4)) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.setAttribute('class', value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** GET a path of the API as JSON; a refusal throws with the problem's detail. */
export async function api(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' } });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`${path} answered ${response.status} without JSON`);
  }
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2023-02-03 → 3 February 2023: the one way dates are written on every page, as in the citations. */
export function longDate(isoDate) {
  const [year, month, day] = String(isoDate).split('-').map(Number);
  if (!year || !month || !day) return String(isoDate);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Says something to everyone, screen readers included, in the page's status line. */
export function announce(text) {
  const status = $('#status');
  // Cleared first, so that saying the same thing twice is heard twice.
  status.textContent = '';
  requestAnimationFrame(() => {
    status.textContent = text;
  });
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain http on a host other than localhost has no clipboard API: select a hidden field and copy it.
  const field = el('textarea', { class: 'offscreen', readonly: true, 'aria-hidden': 'true' }, text);
  document.body.append(field);
  field.select();
  const copied = document.execCommand('copy');
  field.remove();
  if (!copied) throw new Error('the browser refused to copy');
}

/** A button that copies a citation and says, on the button and in the status line, that it did. */
export function copyButton(text, what = 'citation') {
  const button = el('button', {
    type: 'button',
    class: 'copy',
    onclick: async () => {
      try {
        await copyText(text);
        button.textContent = 'copied';
        button.setAttribute('data-copied', '');
        announce(`Copied the ${what} to the clipboard: ${text}`);
      } catch (error) {
        announce(`Could not copy the ${what} (${error.message}); select its text instead.`);
      }
      setTimeout(() => {
        button.textContent = `copy ${what}`;
        button.removeAttribute('data-copied');
      }, 2000);
    },
  }, `copy ${what}`);
  return button;
}

/** Who is speaking, as the evidence shows it. */
export function speakerLabel(evidence, organisation, publisher) {
  const speaker = evidence.speaker ? `${evidence.speaker.name}${evidence.speaker.role ? `, ${evidence.speaker.role}` : ''}` : organisation.name;
  if (evidence.voice === 'reported') return `${speaker}, as reported by ${publisher}`;
  if (evidence.voice === 'own' || !evidence.speaker) return `${organisation.name}’s own statement`;
  return speaker;
}

/**
 * Whose words: a direct quote in quotation marks; reported speech as the publisher wrote it,
 * without them; the organisation's own text as its statement.
 */
export function words(evidence) {
  return evidence.voice === 'direct'
    ? el('blockquote', { class: 'words direct' }, el('p', {}, /^["“‘]/.test(evidence.text) ? evidence.text : `“${evidence.text}”`))
    : el('p', { class: `words ${evidence.voice}` }, evidence.text);
}

/** The path of a permalink (absolute in the API's answers), for links within this page's origin. */
export function localPath(permalink) {
  try {
    const url = new URL(permalink, location.href);
    return `${url.pathname}${url.hash}`;
  } catch {
    return permalink;
  }
}
