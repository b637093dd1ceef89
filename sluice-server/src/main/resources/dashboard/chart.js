// The throughput chart of a job, drawn as SVG from its progress: rows per second between successive
// samples of rows processed, over the job's life.
import {duration, h, num} from './dom.js';

const W = 960, HEIGHT = 240, PAD = {left: 64, right: 12, top: 12, bottom: 28};

/** samples: [{t: epoch ms, rows}] in time order. Answers an <svg> that says what it shows in words too. */
export function throughputChart(samples) {
  const points = [];
  for (let i = 1; i < samples.length; i++) {
    const dt = (samples[i].t - samples[i - 1].t) / 1000;
    if (dt > 0) points.push({t: samples[i].t, rate: Math.max(0, (samples[i].rows - samples[i - 1].rows) / dt)});
  }
  const start = samples.length ? samples[0].t : 0;
  const end = samples.length ? samples[samples.length - 1].t : 0;
  const span = Math.max(1, end - start);
  const peak = Math.max(1, ...points.map(p => p.rate));
  const rows = samples.length ? samples[samples.length - 1].rows - samples[0].rows : 0;
  const average = rows / (span / 1000);
  const x = t => PAD.left + (t - start) / span * (W - PAD.left - PAD.right);
  const y = r => HEIGHT - PAD.bottom - r / peak * (HEIGHT - PAD.top - PAD.bottom);

  let path = '';
  let previous = start;
  for (const p of points) {
    path += `${path ? 'L' : 'M'}${x(previous).toFixed(1)},${y(p.rate).toFixed(1)}L${x(p.t).toFixed(1)},${y(p.rate).toFixed(1)}`;
    previous = p.t;
  }
  const summary = points.length
    ? `Throughput over ${duration(span / 1000)}: peak ${num(Math.round(peak))} rows/s, average ${num(Math.round(average))} rows/s.`
    : 'No rows have moved yet.';
  const baseline = HEIGHT - PAD.bottom;
  return h('figure', {class: 'chart'},
    h('svg:svg', {viewBox: `0 0 ${W} ${HEIGHT}`, role: 'img', 'aria-label': summary},
      h('svg:line', {x1: PAD.left, x2: W - PAD.right, y1: baseline, y2: baseline, class: 'axis'}),
      h('svg:line', {x1: PAD.left, x2: PAD.left, y1: PAD.top, y2: baseline, class: 'axis'}),
      h('svg:line', {x1: PAD.left, x2: W - PAD.right, y1: PAD.top, y2: PAD.top, class: 'grid'}),
      h('svg:text', {x: PAD.left - 6, y: PAD.top + 4, 'text-anchor': 'end'}, num(Math.round(peak))),
      h('svg:text', {x: PAD.left - 6, y: baseline, 'text-anchor': 'end'}, '0'),
      h('svg:text', {x: PAD.left, y: HEIGHT - 8}, '0 s'),
      h('svg:text', {x: W - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end'}, duration(span / 1000)),
      path ? h('svg:path', {d: path + `L${x(end).toFixed(1)},${baseline}L${PAD.left},${baseline}Z`, class: 'area'}) : null,
      path ? h('svg:path', {d: path, class: 'line'}) : null),
    h('figcaption', {}, summary, ' Rows per second (vertical) over time since the start (horizontal).'));
}
