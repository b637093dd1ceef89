// The failed rows of a job as a paged table, read from the failed-rows CSV (docs/http-api.md, "Per-row
// results"), which alone carries each row's original values: streamed and parsed up to the page shown,
// then the download stops, so a page never holds more than its own rows.
import {send} from './api.js';
import {CsvReader} from './csv.js';
import {errorText, fill, h, num, table} from './dom.js';

const PAGE = 25;
const OWN = ['_file', '_line', '_error_code', '_error_field', '_error_message', '_raw'];

/** fileName: the job's file when it has one only (the CSV then has no _file column). */
export function failedRows(jobId, total, fileName) {
  const section = h('section', {'aria-labelledby': 'failed-title'});
  const body = h('div');
  const pager = h('nav', {class: 'pager', 'aria-label': 'Failed row pages'});
  let page = 0;
  fill(section, h('h2', {id: 'failed-title'}, `Failed rows (${num(total)})`), body, pager);

  async function show() {
    fill(body, h('p', {}, 'Reading…'));
    try {
      const {header, rows} = await readPage(jobId, page * PAGE, PAGE);
      draw(header, rows, fileName);
    } catch (e) {
      fill(body, h('p', {class: 'error', role: 'alert'}, errorText(e)));
    }
    const pages = Math.max(1, Math.ceil(total / PAGE));
    fill(pager,
      h('button', {type: 'button', disabled: page === 0, onclick: () => { page--; show(); }}, '← Previous'),
      h('span', {}, `Page ${page + 1} of ${num(pages)}`),
      h('button', {type: 'button', disabled: page + 1 >= pages, onclick: () => { page++; show(); }}, 'Next →'));
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

async function readPage(jobId, skip, take) {
  const answer = await send('GET', `/v1/imports/${encodeURIComponent(jobId)}/results?format=csv&outcome=failed`);
  const reader = answer.body.pipeThrough(new TextDecoderStream()).getReader();
  const csv = new CsvReader();
  let header = null, seen = 0;
  const rows = [];
  const onRow = row => {
    if (!header) { header = row; return true; }
    if (seen++ >= skip) rows.push(row);
    return rows.length < take;
  };
  for (;;) {
    const {value, done} = await reader.read();
    if (done) { csv.end(onRow); break; }
    if (!csv.push(value, onRow)) { reader.cancel(); break; }
  }
  return {header: header || [], rows};
}
