// The preview of a file's first rows as they would convert into a collection's fields, each cell
// that would fail marked with the reason (the rules of docs/concepts.md, "How values convert"). The
// import's own results remain the judge; the preview is there to catch a wrong file or collection early.
import {CsvReader} from './csv.js';
import {h, table} from './dom.js';

const ROWS = 20;
const BOOLEANS = ['true', 'false', 't', 'f', 'yes', 'no', 'y', 'n', '1', '0', 'on', 'off'];
const normal = s => s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');

/** inference: the answer of POST /v1/infer plus `sample` (the bytes sent); target: a collection, or null for a new one. */
export function previewTable(inference, target) {
  const {header, rows} = sampleRows(inference);
  const fields = target ? target.fields : inference.definition.fields.map(f => ({...f, required: false, max_length: null}));
  const byName = new Map(fields.map(f => [f.name, f]));
  const byNormal = new Map(fields.map(f => [normal(f.name), f]));
  const columns = header.map(source => byName.get(source) || byName.get(inference.mapping[source])
    || byNormal.get(normal(source)) || null);
  const missing = fields.filter(f => f.required && !columns.includes(f));
  let failing = 0;
  const trs = rows.map(row => {
    let bad = false;
    const tds = header.map((_, i) => {
      const value = row[i];
      const why = columns[i] ? problem(value, columns[i], inference.options) : null;
      bad = bad || !!why;
      return h('td', {class: why ? 'bad' : columns[i] ? null : 'ignored', title: why},
        value === null || value === undefined ? h('span', {class: 'null'}, 'null') : String(value),
        why ? h('span', {class: 'why'}, ' ⚠ ' + why) : null);
    });
    if (bad || missing.length) failing++;
    return h('tr', {}, tds);
  });
  const d = inference.dialect;
  return h('div', {id: 'preview'},
    h('p', {}, `Read as ${d.format}` + (d.delimiter ? `, delimiter ${JSON.stringify(d.delimiter)}` : '')
      + (d.header === false ? ', no header' : '') + `, ${d.encoding}; ${inference.rows_sampled} rows sampled.`),
    missing.length ? h('p', {class: 'error'}, `No column feeds the required field(s) ${missing.map(f => f.name).join(', ')}:`
      + ' every row would fail.') : null,
    h('p', {id: 'preview-summary', class: failing ? 'bad-text' : null},
      `${failing} of the first ${rows.length} rows would fail.`),
    table('The first rows as they would convert', header.map((source, i) => columns[i]
      ? `${source} → ${columns[i].name} (${columns[i].type})` : `${source} (ignored)`), trs, {className: 'preview'}));
}

function sampleRows(inference) {
  const d = inference.dialect;
  const text = new TextDecoder(d.encoding || 'utf-8').decode(inference.sample).replace(/^\uFEFF/, '');
  const sources = inference.columns.map(c => c.source);
  if (d.format === 'jsonl' || d.format === 'json') {
    const objects = d.format === 'json' ? JSON.parse(text).slice(0, ROWS)
      : text.split('\n').filter(l => l.trim()).slice(0, ROWS).map(l => JSON.parse(l));
    return {header: sources, rows: objects.map(o => sources.map(s => cellOf(pathOf(o, s))))};
  }
  const rows = [];
  const csv = new CsvReader(d.delimiter || (d.format === 'tsv' ? '\t' : ','), d.quote || '"');
  const take = row => { rows.push(row); return rows.length < ROWS + 1; };
  if (csv.push(text, take)) csv.end(take);
  const header = d.header === false ? (inference.options.columns || sources) : rows.shift() || [];
  return {header, rows};
}

function pathOf(object, path) {
  if (object && Object.prototype.hasOwnProperty.call(object, path)) return object[path];
  return path.split('.').reduce((o, k) => o === null || o === undefined ? undefined : o[k], object);
}

function cellOf(value) {
  return value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Why the value would fail the field, or null. */
export function problem(raw, field, options = {}) {
  if (raw === null || raw === undefined) return field.required ? 'required' : null;
  if (field.type === 'string') {
    return field.max_length && [...raw].length > field.max_length ? `longer than ${field.max_length}` : null;
  }
  const v = raw.trim();
  if (v === '') return field.required ? 'required' : null;
  switch (field.type) {
    case 'integer': return /^[+-]?\d+$/.test(number(v, options)) && fits64(number(v, options)) ? null : 'not an integer';
    case 'number':
    case 'decimal': return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(number(v, options)) ? null : 'not a number';
    case 'boolean': return BOOLEANS.includes(v.toLowerCase()) || options.true_values || options.false_values ? null : 'not a boolean';
    case 'date': return field.format || /^\d{4}-\d{2}-\d{2}$/.test(v) && !isNaN(Date.parse(v)) ? null : 'not a date (YYYY-MM-DD)';
    case 'timestamp': return field.format || /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i.test(v)
      ? null : 'not an ISO-8601 timestamp';
    case 'uuid': return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? null : 'not a UUID';
    case 'json': try { JSON.parse(v); return null; } catch (e) { return 'not JSON'; }
    default: return null;
  }
}

function number(v, options) {
  let s = v;
  const thousands = options.thousands_separator;
  if (thousands && thousands !== 'none') s = s.split(thousands === '%20' ? ' ' : thousands).join('');
  return options.decimal_separator === ',' ? s.replace(',', '.') : s;
}

function fits64(s) {
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n;
}
