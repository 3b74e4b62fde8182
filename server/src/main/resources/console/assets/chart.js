// A latency chart in plain SVG: time on x, milliseconds on y, one line per series, each with its own colour
// and dash pattern (readable without colour).
import {num} from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    el.setAttribute(name, String(value));
  }
  return el;
}

/** The line styles of the series, in order. */
export const STYLES = [
  {color: '#0072b2', dash: ''},
  {color: '#e69f00', dash: '6 3'},
  {color: '#d55e00', dash: '2 3'},
];

/** A small sample of a series' line, for a legend. */
export function swatch(index) {
  const s = svg('svg', {width: 28, height: 10, 'aria-hidden': 'true'});
  s.appendChild(svg('line', {x1: 0, y1: 5, x2: 28, y2: 5, stroke: STYLES[index].color, 'stroke-width': 2.5,
    'stroke-dasharray': STYLES[index].dash}));
  return s;
}

/**
 * Draws series over a time window ending now.
 * @param points [{t: ms, values: [a, b, c]}] oldest first; values in milliseconds or null.
 * @param windowMs the time shown.
 * @param label what the chart shows, for screen readers.
 * @param pixels the width it is drawn at (so its text stays at its size on a phone).
 */
export function lineChart(points, windowMs, label, pixels) {
  const width = Math.max(280, Math.round(pixels || 760));
  const height = width < 600 ? 180 : 240;
  const left = 64;
  const right = 8;
  const top = 10;
  const bottom = 24;
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': label});
  const now = points.length ? points[points.length - 1].t : Date.now();
  let max = 0;
  for (const p of points) {
    for (const v of p.values) {
      if (v !== null && v > max) {
        max = v;
      }
    }
  }
  max = max <= 0 ? 1 : niceCeiling(max);
  // What is drawn, for tests and tools: the samples with requests in the window, and the oldest one's time.
  const shown = points.filter(p => p.values[0] !== null && now - p.t <= windowMs);
  chart.setAttribute('data-samples', String(shown.length));
  chart.setAttribute('data-oldest', shown.length ? new Date(shown[0].t).toISOString() : '');
  const x = t => left + (width - left - right) * (1 - (now - t) / windowMs);
  const y = v => top + (height - top - bottom) * (1 - v / max);
  for (let i = 0; i <= 4; i++) {
    const v = max * i / 4;
    chart.appendChild(svg('line', {x1: left, x2: width - right, y1: y(v), y2: y(v), stroke: '#d0d7de'}));
    const text = svg('text', {x: left - 6, y: y(v) + 4, 'text-anchor': 'end'});
    text.textContent = num(v) + ' ms';
    chart.appendChild(text);
  }
  const every = width < 600 ? 2 : 1;
  for (let m = 0; m * 60000 <= windowMs; m += every) {
    const text = svg('text', {x: x(now - m * 60000), y: height - 6, 'text-anchor': m === 0 ? 'end' : 'middle'});
    text.textContent = m === 0 ? 'now' : '-' + m + ' min';
    chart.appendChild(text);
  }
  STYLES.forEach((style, index) => {
    // Runs of consecutive samples are lines; a sample alone (idle before and after) is a dot.
    const runs = [];
    let run = [];
    for (const p of points) {
      const v = p.values[index];
      if (v === null || now - p.t > windowMs) {
        if (run.length) {
          runs.push(run);
        }
        run = [];
        continue;
      }
      run.push([x(p.t), y(v)]);
    }
    if (run.length) {
      runs.push(run);
    }
    for (const r of runs) {
      if (r.length === 1) {
        chart.appendChild(svg('circle', {cx: r[0][0].toFixed(1), cy: r[0][1].toFixed(1), r: 3,
          fill: style.color, class: 'sample'}));
      } else {
        const d = r.map(([px, py], i) => (i === 0 ? 'M' : 'L') + px.toFixed(1) + ' ' + py.toFixed(1)).join(' ');
        chart.appendChild(svg('path', {d, fill: 'none', stroke: style.color, 'stroke-width': 2,
          'stroke-dasharray': style.dash, 'stroke-linejoin': 'round', class: 'sample'}));
      }
    }
  });
  return chart;
}

function niceCeiling(value) {
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) {
      return step * power;
    }
  }
  return 10 * power;
}
