// Small helpers to build the page from data without ever parsing data as HTML.

/** h('a', {href: '#/x', class: 'y'}, 'text', child) builds an element; on* members become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table inside a focusable, horizontally scrolling region (narrow screens). */
export function table(caption, headers, rows, opts = {}) {
  const t = h('table', {class: opts.className},
    h('caption', {class: opts.captionHidden ? 'visually-hidden' : null}, caption),
    h('thead', {}, h('tr', {}, headers.map(x => h('th', {scope: 'col'}, x)))),
    h('tbody', {}, rows));
  return h('div', {class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption}, t);
}

const numberFormat = new Intl.NumberFormat('en');
export const num = n => (n === null || n === undefined) ? '—' : numberFormat.format(n);

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return '—';
  seconds = Math.max(0, Math.round(seconds));
  const h = Math.floor(seconds / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return h ? `${h} h ${m} min` : m ? `${m} min ${s} s` : `${s} s`;
}

export const TERMINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled'];
export const STATES = ['open', 'queued', 'running', ...TERMINAL];

/** A job id in short: ids of one time share their start (UUIDv7), so its end tells them apart. */
export const shortId = id => id.slice(0, 8) + '…' + id.slice(-6);

/** A state as a badge whose words, not only its colour, say the state. */
export const badge = state => h('span', {class: 'badge state-' + state}, state.replaceAll('_', ' '));

/** A progress bar with its percent in words. */
export function bar(percent, label) {
  const p = percent === null || percent === undefined ? null : Math.min(100, Math.max(0, percent));
  return h('span', {class: 'bar'},
    h('progress', {max: '100', value: p === null ? null : p.toFixed(1), 'aria-label': label}),
    h('span', {class: 'pct'}, p === null ? '—' : p.toFixed(p === 100 || p === 0 ? 0 : 1) + '%'));
}

/** Says something to screen readers and shows it briefly. */
export function say(text, kind = 'info') {
  const el = document.getElementById('status');
  el.className = 'toast ' + kind;
  el.textContent = text;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { el.textContent = ''; el.className = 'toast'; }, kind === 'error' ? 12000 : 5000);
}

export function errorText(e) {
  return e && e.code ? `${e.status} ${e.code}: ${e.message}` : String(e && e.message || e);
}
