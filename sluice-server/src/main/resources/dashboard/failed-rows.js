// The failed rows of a job as a paged table (docs/http-api.md, "Per-row results"). A page is one page
// of the failed results as JSON, whose next_cursor leads to the next page, beside the same rows of the
// failed-rows CSV (the same cursor and limit), which alone carries each row's original values: each
// page reads its own rows only, however far into the job it is.
import {get, send} from './api.js';
import {CsvReader} from './csv.js';
import {errorText, fill, h, num, table} from './dom.js';

const PAGE = 25;
const OWN = ['_file', '_line', '_error_code', '_error_field', '_error_message', '_raw'];

/** fileName: the job's file when it has one only (the CSV then has no _file column). */
export function failedRows(jobId, total, fileName) {
  const section = h('section', {'aria-labelledby': 'failed-title'});
  const body = h('div');
  const pager = h('nav', {class: 'pager', 'aria-label': 'Failed row pages'});
  // cursors[i]: where page i starts (null: the first row); a page read adds the next page's
  let page = 0;
  const cursors = [null];
  fill(section, h('h2', {id: 'failed-title'}, `Failed rows (${num(total)})`), body, pager);

  async function show() {
    fill(body, h('p', {}, 'Reading…'));
    try {
      const {header, rows, next} = await readPage(jobId, cursors[page], PAGE);
      cursors[page + 1] = next;
      draw(header, rows, fileName);
    } catch (e) {
      fill(body, h('p', {class: 'error', role: 'alert'}, errorText(e)));
    }
    const pages = Math.max(1, Math.ceil(total / PAGE));
    fill(pager,
      h('button', {type: 'button', disabled: page === 0, onclick: () => { page--; show(); }}, '← Previous'),
      h('span', {}, `Page ${page + 1} of ${num(pages)}`),
      h('button', {type: 'button', id: 'failed-next', disabled: !cursors[page + 1],
        onclick: () => { page++; show(); }}, 'Next →'));
  }

  function draw(header, rows, fileName) {
    const at = name => header.indexOf(name);
    const original = header.map((name, i) => [name, i]).filter(([name]) => !OWN.includes(name));
    const cell = (row, name) => at(name) < 0 ? '' : row[at(name)] || '';
    const trs = rows.map(row => h('tr', {},
      h('td', {}, cell(row, '_file') || fileName || '—'),
      h('td', {class: 'n'}, cell(row, '_line')),
      h('td', {}, cell(row, '_error_field') || '—'),
      h('td', {}, h('code', {}, cell(row, '_error_code'))),
      h('td', {}, cell(row, '_error_message')),
      h('td', {class: 'original'}, cell(row, '_raw')
        ? h('code', {}, cell(row, '_raw'))
        : h('dl', {class: 'values'}, original.map(([name, i]) => [h('dt', {}, name), h('dd', {}, row[i] || '∅')])))));
    fill(body, rows.length ? table('Failed rows', ['File', 'Line', 'Field', 'Code', 'Message', 'Original values'],
      trs, {className: 'failed', captionHidden: true}) : h('p', {}, 'No failed rows.'));
  }

  show();
  return section;
}

/** One page of failed rows from after cursor: the CSV's header and rows, and the next page's cursor. */
async function readPage(jobId, cursor, take) {
  const query = `outcome=failed&limit=${take}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
  const path = `/v1/imports/${encodeURIComponent(jobId)}/results?`;
  const [page, answer] = await Promise.all([get(path + query), send('GET', path + 'format=csv&' + query)]);
  const csv = new CsvReader();
  const rows = [];
  const onRow = row => { rows.push(row); return true; };
  csv.push(await answer.text(), onRow);
  csv.end(onRow);
  return {header: rows.shift() || [], rows, next: page.next_cursor};
}
