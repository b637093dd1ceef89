// One job: progress and the invariant of its counts, per-file progress, throughput, ETA, error
// samples, failed rows, log, and the actions the key may take (download, retry, cancel), all kept
// live by the job's event stream.
import {can, download, follow, get, json, mediaType, upload} from './api.js';
import {throughputChart} from './chart.js';
import {badge, bar, bytes, duration, errorText, fill, h, num, say, shortId, table, TERMINAL, when} from './dom.js';
import {failedRows} from './failed-rows.js';

export async function render(main, id) {
  const path = '/v1/imports/' + encodeURIComponent(id);
  let job = await get(path);
  const stop = new AbortController();
  const samples = job.started_at ? [{t: Date.parse(job.started_at), rows: 0}] : [];
  const part = {
    head: h('div'), actions: h('div', {class: 'actions'}), progress: h('section', {'aria-labelledby': 'progress-title'}),
    chart: h('section', {'aria-labelledby': 'chart-title'}), files: h('section', {'aria-labelledby': 'files-title'}),
    errors: h('section', {'aria-labelledby': 'errors-title'}), failed: h('div'),
    log: h('ol', {class: 'log', tabindex: '0', 'aria-labelledby': 'log-title'}),
  };
  fill(main, part.head, part.actions, part.progress, part.chart, part.files, part.errors, part.failed,
    h('section', {'aria-labelledby': 'log-title'}, h('h2', {id: 'log-title'}, 'Log'), part.log));

  let failedShown = -1;
  let actionsFor = '';
  function draw() {
    // the head and the buttons change with the state only: redrawn at each event, a button would lose its focus
    const now = job.state + '/' + job.counts.failed;
    if (now !== actionsFor) {
      actionsFor = now;
      drawHead(part.head, job);
      drawActions(part.actions, job, path);
    }
    drawProgress(part.progress, job);
    drawFiles(part.files, job);
    drawErrors(part.errors, job);
    drawChart();
    const failed = job.counts.failed;
    if (failed !== failedShown && (TERMINAL.includes(job.state) || failedShown < 0)) {
      failedShown = failed;
      fill(part.failed, failed ? failedRows(job.id, failed, job.files.length === 1 ? job.files[0].name : null) : null);
    }
  }
  function drawChart() {
    const points = samples.slice();
    const last = points.length ? points[points.length - 1] : null;
    const endAt = job.completed_at || job.failed_at;
    if (endAt && (!last || last.rows < job.counts.processed)) {
      points.push({t: Math.max(Date.parse(endAt), last ? last.t + 1 : 0), rows: job.counts.processed});
    }
    fill(part.chart, h('h2', {id: 'chart-title'}, 'Throughput'), throughputChart(points));
  }

  draw();
  follow(path + '/events', (type, data) => {
    if (type === 'state') job = data;
    else if (type === 'progress') {
      job = {...job, ...data};
      // a stream opened on an ended job starts with its last progress: not a sample of its life
      if (data.state === 'running') {
        if (!samples.length && job.started_at) samples.push({t: Date.parse(job.started_at), rows: 0});
        samples.push({t: Date.now(), rows: data.counts.processed});
      }
    } else if (type === 'file') job = {...job, files: job.files.map(f => f.id === data.id ? data : f)};
    else if (type === 'log') { part.log.append(logLine(data)); return; }
    else if (type === 'end') {
      get(path).then(j => { job = j; draw(); say(`The job ended: ${j.state.replaceAll('_', ' ')}.`); });
      return;
    }
    draw();
  }, stop.signal).catch(e => say(errorText(e), 'error'));
  return () => stop.abort();
}

function drawHead(el, job) {
  fill(el, h('h1', {}, 'Job ', h('span', {class: 'mono'}, shortId(job.id)), ' ', badge(job.state)),
    h('dl', {class: 'meta'},
      h('dt', {}, 'Id'), h('dd', {class: 'mono'}, job.id),
      h('dt', {}, 'Collection'), h('dd', {}, h('a', {href: '#/collections/' + encodeURIComponent(job.collection)}, job.collection)),
      h('dt', {}, 'Type'), h('dd', {}, job.job_type),
      h('dt', {}, 'On conflict'), h('dd', {}, job.options.on_conflict),
      job.parent_id ? [h('dt', {}, 'Retry of'), h('dd', {}, h('a', {href: '#/jobs/' + job.parent_id, class: 'mono'}, job.parent_id))] : null,
      h('dt', {}, 'Created'), h('dd', {}, when(job.created_at)),
      h('dt', {}, 'Started'), h('dd', {}, when(job.started_at)),
      h('dt', {}, 'Ended'), h('dd', {}, when(job.completed_at || job.failed_at)),
      job.created_by ? [h('dt', {}, 'By key'), h('dd', {}, job.created_by.key_name)] : null),
    job.error ? h('p', {class: 'error', role: 'alert'}, `${job.error.code}: ${job.error.message}`) : null);
}

function drawActions(el, job, path) {
  const ended = TERMINAL.includes(job.state);
  const fixed = h('input', {type: 'file', id: 'fixed-file', accept: '.csv,.tsv,.jsonl,.ndjson,.json,.gz'});
  const sent = h('progress', {max: '100', value: '0', hidden: true, 'aria-label': 'Upload of the fixed file'});
  const go = child => { say('Retry started.'); location.hash = '#/jobs/' + encodeURIComponent(child.id); };
  fill(el,
    job.counts.failed ? h('button', {type: 'button', id: 'download-failed', onclick: () =>
      download(path + '/results?format=csv&outcome=failed', `failed-rows-${job.id.slice(0, 8)}.csv`)
        .then(() => say('Failed rows downloaded.'), e => say(errorText(e), 'error'))}, 'Download failed rows (CSV)') : null,
    ended && can('imports:write') ? h('button', {type: 'button', id: 'retry', onclick: () =>
      json('POST', path + '/retry').then(go, e => say(errorText(e), 'error'))}, 'Retry failed rows') : null,
    ended && can('imports:write') ? h('form', {class: 'inline', id: 'retry-fixed-form', onsubmit: e => {
      e.preventDefault();
      const file = fixed.files[0];
      if (!file) { say('Choose the fixed file first.', 'error'); return; }
      sent.hidden = false;
      upload(`${path}/retry?file_name=${encodeURIComponent(file.name)}`, file, mediaType(file.name),
        (done, total) => { sent.value = total ? done / total * 100 : 0; }).then(go, e => say(errorText(e), 'error'));
    }}, h('label', {for: 'fixed-file'}, 'Fixed file'), fixed, h('button', {type: 'submit', id: 'retry-fixed'}, 'Retry with this file'), sent) : null,
    !ended && can('imports:write') ? h('button', {type: 'button', id: 'cancel', class: 'danger', onclick: () =>
      json('POST', path + '/cancel').then(j => say(j.state === 'cancelled' ? 'Cancelled.' : 'Cancelling at the next commit…'),
        e => say(errorText(e), 'error'))}, 'Cancel job') : null);
}

function drawProgress(el, job) {
  const p = job.progress, c = job.counts;
  const sum = c.created + c.updated + c.unchanged + c.skipped + c.failed;
  const eta = job.estimated_completion ? (Date.parse(job.estimated_completion) - Date.now()) / 1000 : null;
  fill(el, h('h2', {id: 'progress-title'}, 'Progress'),
    h('div', {class: 'big-bar'}, bar(p.percent, 'Progress of the job')),
    h('p', {class: 'operation'}, job.current_operation || (TERMINAL.includes(job.state) ? 'Ended.' : 'Waiting to start.')),
    h('dl', {class: 'meta'},
      h('dt', {}, 'Rows'), h('dd', {}, num(p.rows_processed), p.rows_total !== null ? ` of ${num(p.rows_total)}`
        : p.rows_total_estimate !== null ? ` of about ${num(p.rows_total_estimate)}` : ''),
      h('dt', {}, 'Bytes'), h('dd', {}, bytes(p.bytes_processed), p.bytes_total !== null ? ` of ${bytes(p.bytes_total)}` : ''),
      h('dt', {}, 'Speed'), h('dd', {}, p.rows_per_second === null ? '—' : num(Math.round(p.rows_per_second)) + ' rows/s'),
      h('dt', {}, 'Estimated end'), h('dd', {}, eta === null ? '—' : `in ${duration(eta)} (${when(job.estimated_completion)})`)),
    h('p', {class: 'invariant ' + (sum === c.processed ? 'ok' : 'bad'), id: 'invariant'},
      h('span', {class: 'term'}, h('strong', {}, num(c.processed)), ' processed'), ' = ',
      ['created', 'updated', 'unchanged', 'skipped', 'failed'].map((k, i) =>
        [i ? ' + ' : '', h('span', {class: 'term' + (k === 'failed' && c.failed ? ' bad-text' : '')}, h('strong', {}, num(c[k])), ' ' + k)]),
      ' ', h('span', {class: 'check'}, sum === c.processed ? '✓ adds up' : `✗ off by ${num(c.processed - sum)}`)));
}

function drawFiles(el, job) {
  fill(el, h('h2', {id: 'files-title'}, `Files (${job.files.length})`),
    table('Files of the job', ['File', 'State', 'Progress', 'Processed', 'Failed', 'Size', 'Problem'],
      job.files.map(f => h('tr', {},
        h('td', {}, f.name), h('td', {}, badge(f.state)), h('td', {}, bar(f.progress.percent, 'Progress of ' + f.name)),
        h('td', {class: 'n'}, num(f.counts.processed)), h('td', {class: 'n'}, num(f.counts.failed)),
        h('td', {class: 'n'}, bytes(f.size_bytes)), h('td', {}, f.error ? `${f.error.code}: ${f.error.message}` : ''))),
      {captionHidden: true}));
}

function drawErrors(el, job) {
  fill(el, h('h2', {id: 'errors-title'}, 'Error samples'), job.error_samples.length
    ? h('ul', {class: 'samples'}, job.error_samples.map(s => h('li', {}, s))) : h('p', {}, 'None.'));
}

function logLine(line) {
  return h('li', {class: 'level-' + line.level.toLowerCase()}, h('time', {datetime: line.at}, when(line.at).slice(11, 19)),
    ' ', h('span', {class: 'level'}, line.level), ' ', line.message);
}
