// Collections: the list with record counts, and one collection's definition and records, by pages
// (cursor paging) or looked up by key.
import {can, get} from './api.js';
import {errorText, fill, h, num, table, when} from './dom.js';

const PAGE = 50;

export async function render(main) {
  const all = (await get('/v1/collections')).collections;
  fill(main, h('h1', {}, 'Collections'),
    h('p', {}, h('a', {href: '#/new', 'data-needs': 'collections:write'}, 'Create one from a file')),
    all.length ? table('Collections', ['Name', 'Fields', 'Key', 'Records', 'Created'], all.map(c => h('tr', {},
      h('td', {}, h('a', {href: '#/collections/' + encodeURIComponent(c.name)}, c.name)),
      h('td', {class: 'n'}, c.fields.length), h('td', {}, c.key.join(', ')),
      h('td', {class: 'n'}, num(c.record_count)), h('td', {}, when(c.created_at)))), {captionHidden: true})
      : h('p', {}, 'No collections yet.'));
}

export const one = {
  async render(main, name) {
    const path = '/v1/collections/' + encodeURIComponent(name);
    const c = await get(path);
    const records = h('div');
    const pager = h('nav', {class: 'pager', 'aria-label': 'Record pages'});
    const lookup = h('input', {id: 'key-lookup', type: 'search', autocomplete: 'off'});
    const cursors = [null];

    async function show(query) {
      fill(records, h('p', {}, 'Reading…'));
      try {
        const page = await get(path + '/records?' + query);
        fill(records, page.records.length ? recordTable(c, page.records) : h('p', {}, 'No record found.'));
        return page;
      } catch (e) {
        fill(records, h('p', {class: 'error', role: 'alert'}, errorText(e)));
        return null;
      }
    }
    async function showPage() {
      const cursor = cursors[cursors.length - 1];
      const page = await show(`limit=${PAGE}` + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      fill(pager,
        h('button', {type: 'button', disabled: cursors.length === 1, onclick: () => { cursors.pop(); showPage(); }}, '← Previous'),
        h('span', {}, `Page ${cursors.length}`),
        h('button', {type: 'button', disabled: !page || !page.next_cursor,
          onclick: () => { cursors.push(page.next_cursor); showPage(); }}, 'Next →'));
    }

    fill(main, h('h1', {}, 'Collection ', c.name),
      h('dl', {class: 'meta'}, h('dt', {}, 'Records'), h('dd', {id: 'record-count'}, num(c.record_count)),
        h('dt', {}, 'Key'), h('dd', {}, c.key.join(', ') + (c.key_case_insensitive ? ' (case-insensitive)' : '')),
        h('dt', {}, 'Table'), h('dd', {class: 'mono'}, c.table), h('dt', {}, 'Created'), h('dd', {}, when(c.created_at))),
      h('section', {'aria-labelledby': 'definition-title'}, h('h2', {id: 'definition-title'}, 'Definition'),
        table('Fields', ['Field', 'Type', 'Required', 'Max length', 'Format'], c.fields.map(f => h('tr', {},
          h('td', {}, f.name, c.key.includes(f.name) ? h('span', {class: 'tag'}, 'key') : null), h('td', {}, f.type),
          h('td', {}, f.required ? 'yes' : 'no'), h('td', {class: 'n'}, f.max_length === null ? '—' : num(f.max_length)),
          h('td', {}, f.format || '—'))), {captionHidden: true})),
      h('section', {'aria-labelledby': 'records-title', 'data-needs': 'records:read'}, h('h2', {id: 'records-title'}, 'Records'),
        h('form', {class: 'filters', role: 'search', onsubmit: e => {
          e.preventDefault();
          const key = lookup.value;
          if (key === '') { showPage(); return; }
          fill(pager);
          show('key=' + encodeURIComponent(key));
        }}, h('label', {for: 'key-lookup'}, `Find by key (${c.key.join(', ')})`), lookup,
          h('button', {type: 'submit'}, 'Find'),
          h('button', {type: 'button', class: 'quiet', onclick: () => { lookup.value = ''; showPage(); }}, 'Show all')),
        records, pager));
    if (can('records:read')) showPage();
  },
};

function recordTable(c, rows) {
  const names = c.fields.map(f => f.name);
  return table('Records', [...names, 'Created', 'Updated'], rows.map(r => h('tr', {},
    names.map(n => h('td', {}, show(r[n]))), h('td', {}, when(r._created_at)), h('td', {}, when(r._updated_at)))),
  {captionHidden: true});
}

function show(value) {
  if (value === null || value === undefined) return h('span', {class: 'null'}, 'null');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
