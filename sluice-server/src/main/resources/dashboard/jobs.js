// Jobs: newest first, filtered by state and collection, by pages of 50 (cursor paging, so thousands of
// jobs cost one page each); kept live by the event stream of every job and by each running job's own.
import {can, follow, get} from './api.js';
import {badge, bar, errorText, fill, h, num, shortId, STATES, table, TERMINAL, when} from './dom.js';

const PAGE = 50;
/** Streams of running jobs followed at once: browsers hold six connections to a server, the rest poll. */
const FOLLOWED = 3;
const filter = {state: '', collection: ''};
let cursors = [null];

export async function render(main) {
  const stop = new AbortController();
  const rows = new Map();
  const body = h('div', {class: 'jobs-body'});
  const pager = h('nav', {class: 'pager', 'aria-label': 'Job pages'});
  fill(main, h('h1', {}, 'Jobs'), await filters(() => { cursors = [null]; load(); }), body, pager);

  const followed = new Set();
  async function load() {
    const query = new URLSearchParams({limit: PAGE});
    if (filter.state) query.set('state', filter.state);
    if (filter.collection) query.set('collection', filter.collection);
    const cursor = cursors[cursors.length - 1];
    if (cursor) query.set('cursor', cursor);
    let page;
    try {
      page = await get('/v1/imports?' + query);
    } catch (e) {
      fill(body, h('p', {class: 'error', role: 'alert'}, errorText(e)));
      return;
    }
    rows.clear();
    const trs = page.imports.map(j => { const tr = row(j); rows.set(j.id, tr); return tr; });
    fill(body, page.imports.length ? table('Jobs, newest first', ['Job', 'Collection', 'State', 'Progress', 'Processed',
      'Failed', 'Created'], trs, {captionHidden: true, className: 'jobs'})
      : h('p', {}, 'No jobs match.'));
    drawPager(page.next_cursor);
    page.imports.filter(j => j.state === 'running' || j.state === 'queued').slice(0, FOLLOWED)
      .forEach(j => followJob(j.id));
  }

  function drawPager(next) {
    const n = cursors.length;
    fill(pager,
      h('button', {type: 'button', disabled: n === 1, onclick: () => { cursors.pop(); load(); }}, '← Newer'),
      h('span', {}, `Page ${n}`),
      h('button', {type: 'button', disabled: !next, onclick: () => { cursors.push(next); load(); }}, 'Older →'));
  }

  function update(j) {
    const old = rows.get(j.id);
    if (old) {
      const tr = row({...old.job, ...j});
      old.replaceWith(tr);
      rows.set(j.id, tr);
    }
  }

  function followJob(id) {
    if (followed.has(id) || stop.signal.aborted) return;
    followed.add(id);
    follow(`/v1/imports/${encodeURIComponent(id)}/events`, (type, data) => {
      if (type === 'progress' || type === 'state') update({id, ...data});
    }, stop.signal).catch(() => {}).finally(() => followed.delete(id));
  }

  // every job's state changes (the filter applies here, so changing it needs no new stream);
  // a new job that matches appears at the top of the first page
  follow('/v1/events', (type, j) => {
    if (type !== 'state') return;
    if (rows.has(j.id)) update(j);
    else if (cursors.length === 1 && matches(j) && !rows.has(j.id)) addOnTop(j);
    if (j.state === 'running' && followed.size < FOLLOWED) followJob(j.id);
  }, stop.signal).catch(() => {});

  function addOnTop(j) {
    const tbody = body.querySelector('tbody');
    if (!tbody) { load(); return; }
    const tr = row(j);
    rows.set(j.id, tr);
    tbody.prepend(tr);
  }

  // running jobs beyond the followed ones are read again every few seconds
  const poll = setInterval(async () => {
    for (const [id, tr] of rows) {
      if (!followed.has(id) && !TERMINAL.includes(tr.job.state) && tr.job.state !== 'open') {
        try { update(await get('/v1/imports/' + encodeURIComponent(id))); } catch (ignored) { /* next round */ }
      }
    }
  }, 3000);

  await load();
  return () => { stop.abort(); clearInterval(poll); };
}

function matches(j) {
  return (!filter.state || filter.state === j.state) && (!filter.collection || filter.collection === j.collection);
}

function row(j) {
  const counts = j.counts || {};
  const tr = h('tr', {},
    h('td', {}, h('a', {href: '#/jobs/' + encodeURIComponent(j.id), class: 'mono'}, shortId(j.id)),
      j.job_type === 'validate' ? h('span', {class: 'tag'}, 'validate') : null),
    h('td', {}, j.collection),
    h('td', {}, badge(j.state)),
    h('td', {}, bar(j.progress && j.progress.percent, `Progress of job ${shortId(j.id)}`)),
    h('td', {class: 'n'}, num(counts.processed)),
    h('td', {class: 'n' + (counts.failed ? ' bad-text' : '')}, num(counts.failed)),
    h('td', {}, when(j.created_at)));
  tr.job = j;
  return tr;
}

async function filters(changed) {
  const state = h('select', {id: 'filter-state', onchange: e => { filter.state = e.target.value; changed(); }},
    h('option', {value: ''}, 'any state'), STATES.map(s => h('option', {value: s}, s.replaceAll('_', ' '))));
  state.value = filter.state;
  let collection;
  if (can('collections:read')) {
    const names = [];
    try {
      (await get('/v1/collections')).collections.forEach(c => names.push(c.name));
    } catch (ignored) { /* the filter stays a text field */ }
    collection = h('select', {id: 'filter-collection'}, h('option', {value: ''}, 'any collection'),
      names.map(n => h('option', {value: n}, n)));
  } else {
    collection = h('input', {id: 'filter-collection', type: 'text', placeholder: 'any collection'});
  }
  collection.value = filter.collection;
  collection.addEventListener('change', e => { filter.collection = e.target.value.trim(); changed(); });
  return h('form', {class: 'filters', role: 'search', onsubmit: e => e.preventDefault()},
    h('label', {for: 'filter-state'}, 'State'), state,
    h('label', {for: 'filter-collection'}, 'Collection'), collection);
}
