// New import: a file dropped or chosen, previewed from its first bytes (POST /v1/infer, then the
// first rows as they would convert, cells that would fail marked), into an existing collection or
// one created from the file, sent with XMLHttpRequest so the browser streams it from disk.
import {can, get, json, mediaType, send, upload} from './api.js';
import {bytes, errorText, fill, h, say} from './dom.js';
import {previewTable} from './preview.js';

/** How much of the file the preview reads: a slice, never the whole file. */
const SAMPLE = 256 * 1024;

export async function render(main) {
  const names = [];
  if (can('collections:read')) (await get('/v1/collections')).collections.forEach(c => names.push(c.name));
  let file = null, inference = null;

  const input = h('input', {type: 'file', id: 'file-input', class: 'file-input',
    accept: '.csv,.tsv,.tab,.jsonl,.ndjson,.json,.gz,.txt', onchange: () => choose(input.files[0])});
  const zone = h('div', {class: 'drop', id: 'drop-zone'},
    h('label', {for: 'file-input'}, h('strong', {}, 'Drop a file here'), ' or choose one (CSV, TSV, NDJSON, JSON; gzip too)'), input,
    h('p', {id: 'file-info', class: 'hint', 'aria-live': 'polite'}));
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('over'); choose(e.dataTransfer.files[0]); });

  const existing = h('select', {id: 'collection-select', onchange: () => drawPreview()},
    names.map(n => h('option', {value: n}, n)));
  const newName = h('input', {id: 'new-name', type: 'text', pattern: '[a-z][a-z0-9_]*', autocomplete: 'off'});
  const newKey = h('select', {id: 'new-key'});
  const modeExisting = h('input', {type: 'radio', name: 'mode', id: 'mode-existing', value: 'existing', checked: names.length > 0,
    disabled: names.length === 0, onchange: () => drawPreview()});
  const modeNew = h('input', {type: 'radio', name: 'mode', id: 'mode-new', value: 'new', checked: names.length === 0,
    onchange: () => drawPreview(), 'data-needs': 'collections:write'});
  const onConflict = h('select', {id: 'on-conflict'}, ['skip', 'update', 'fail'].map(v => h('option', {value: v}, v)));
  const jobType = h('select', {id: 'job-type'}, h('option', {value: 'import'}, 'import'),
    h('option', {value: 'validate'}, 'validate only (writes nothing)'));
  const preview = h('section', {'aria-labelledby': 'preview-title'}, h('h2', {id: 'preview-title'}, 'Preview'),
    h('p', {}, 'Choose a file to see its first rows.'));
  const sent = h('progress', {id: 'upload-progress', max: '100', value: '0', 'aria-label': 'Upload', hidden: true});
  const sentText = h('span', {id: 'upload-text'});
  const submit = h('button', {type: 'submit', id: 'start-import', disabled: true}, 'Start import');

  fill(main, h('h1', {}, 'New import'), h('form', {id: 'import-form', onsubmit: start},
    h('section', {'aria-labelledby': 'file-title'}, h('h2', {id: 'file-title'}, 'File'), zone),
    h('fieldset', {}, h('legend', {}, 'Into'),
      h('div', {class: 'choice'}, modeExisting, h('label', {for: 'mode-existing'}, 'an existing collection'),
        h('label', {for: 'collection-select', class: 'visually-hidden'}, 'Collection'), existing),
      h('div', {class: 'choice', 'data-needs': 'collections:write'}, modeNew,
        h('label', {for: 'mode-new'}, 'a new collection made from the file'),
        h('label', {for: 'new-name'}, 'Name'), newName, h('label', {for: 'new-key'}, 'Key'), newKey)),
    h('fieldset', {}, h('legend', {}, 'Options'),
      h('label', {for: 'on-conflict'}, 'When a key exists'), onConflict, h('label', {for: 'job-type'}, 'Job'), jobType),
    preview,
    h('div', {class: 'actions'}, submit, sent, sentText)));

  async function choose(chosen) {
    if (!chosen) return;
    file = chosen;
    inference = null;
    document.getElementById('file-info').textContent = `${file.name}, ${bytes(file.size)}`;
    newName.value = file.name.toLowerCase().replace(/\.(gz)$/, '').replace(/\.[a-z]+$/, '').replace(/[^a-z0-9_]+/g, '_')
      .replace(/^[^a-z]+/, '') || 'imported';
    submit.disabled = false;
    fill(preview, h('h2', {id: 'preview-title'}, 'Preview'), h('p', {}, 'Reading the first rows…'));
    try {
      const sample = await firstBytes(file);
      if (!sample) throw new Error('no preview for a compressed file or a JSON array over 256 KB; the import reads it all');
      inference = await (await send('POST', '/v1/infer', {body: sample.blob, type: mediaType(file.name)})).json();
      inference.sample = sample.bytes;
      fill(newKey, inference.definition.fields.map(f => h('option', {value: f.name}, f.name)));
      if (inference.definition.key.length) newKey.value = inference.definition.key[0];
    } catch (e) {
      fill(preview, h('h2', {id: 'preview-title'}, 'Preview'), h('p', {class: 'hint'}, 'No preview: ' + errorText(e)));
      return;
    }
    drawPreview();
  }

  async function drawPreview() {
    if (!inference) return;
    const target = modeNew.checked || !existing.value ? null : await get('/v1/collections/' + encodeURIComponent(existing.value));
    fill(preview, h('h2', {id: 'preview-title'}, 'Preview'), previewTable(inference, target));
  }

  async function start(e) {
    e.preventDefault();
    if (!file) return;
    submit.disabled = true;
    sent.hidden = false;
    try {
      let name = existing.value;
      const query = new URLSearchParams({file_name: file.name, on_conflict: onConflict.value, job_type: jobType.value});
      if (modeNew.checked) {
        name = newName.value.trim();
        if (!inference) throw new Error('a new collection is made from the preview, which this file has none of');
        await json('POST', '/v1/collections', {name, fields: inference.definition.fields, key: [newKey.value]});
        for (const [k, v] of Object.entries(inference.options)) {
          query.set(k, Array.isArray(v) ? v.join(',') : typeof v === 'object' ? JSON.stringify(v) : String(v));
        }
      }
      const job = await upload(`/v1/collections/${encodeURIComponent(name)}/import?${query}`, file, mediaType(file.name),
        (done, total) => {
          sent.value = total ? done / total * 100 : 0;
          sentText.textContent = `${bytes(done)} of ${bytes(total)} sent`;
        });
      say('Import started.');
      location.hash = '#/jobs/' + encodeURIComponent(job.id);
    } catch (err) {
      say(errorText(err), 'error');
      submit.disabled = false;
    }
  }
}

/** The file's first bytes up to its last whole line, as a Blob to send and as bytes to show. */
async function firstBytes(file) {
  const n = file.name.toLowerCase();
  if (n.endsWith('.gz') || (n.endsWith('.json') && file.size > SAMPLE)) return null;
  const bytes = new Uint8Array(await file.slice(0, SAMPLE).arrayBuffer());
  let end = bytes.length;
  if (file.size > SAMPLE) {
    end = bytes.lastIndexOf(10) + 1;
    if (end <= 0) return null;
  }
  const whole = bytes.subarray(0, end);
  return {blob: new Blob([whole]), bytes: whole};
}
