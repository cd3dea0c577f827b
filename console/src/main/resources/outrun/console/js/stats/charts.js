// Small SVG charts for a stats series: stacked bars (runs by outcome), lines (duration
// percentiles), bars (AI cost). Each is an <svg role="img"> with a label summing it up, a <title>
// per bar or point, and a legend; the numbers are also in a table beside it.
import { s, h } from '../dom.js';

const W = 720;
const H = 200;
const PAD = { left: 56, right: 10, top: 10, bottom: 28 };

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least max. */
export function niceMax(max) {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= max);
}

function frame(id, label, top, buckets, format, tickLabel) {
  const plotH = H - PAD.top - PAD.bottom;
  const ticks = [0, 0.5, 1].map((f) => s('g', { class: 'tick' },
    s('line', { x1: PAD.left, x2: W - PAD.right, y1: PAD.top + plotH * (1 - f), y2: PAD.top + plotH * (1 - f) }),
    s('text', { x: PAD.left - 6, y: PAD.top + plotH * (1 - f) + 4, 'text-anchor': 'end' }, format(top * f))));
  const every = Math.ceil(buckets.length / 8);
  const step = (W - PAD.left - PAD.right) / buckets.length;
  const labels = buckets.map((b, i) => (i % every === 0 ? s('text', { x: PAD.left + i * step + step / 2, y: H - 8,
    'text-anchor': 'middle', class: 'axis' }, tickLabel(b.start)) : null));
  return { svg: (...children) => s('svg', { id, class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
    ticks, labels, children), step, y: (v) => PAD.top + plotH * (1 - v / top), x: (i) => PAD.left + i * step };
}

export function outcomeChart(series, tickLabel) {
  const keys = ['completed', 'failed', 'cancelled'];
  const totals = series.buckets.map((b) => keys.reduce((n, k) => n + b[k], 0));
  const top = niceMax(Math.max(...totals));
  const sum = (k) => series.buckets.reduce((n, b) => n + b[k], 0);
  const f = frame('chart-runs', `Runs per bucket: ${keys.map((k) => `${sum(k)} ${k}`).join(', ')}`, top, series.buckets,
    (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)), tickLabel);
  return f.svg(series.buckets.map((b, i) => {
    let base = 0;
    return keys.map((k) => {
      if (!b[k]) return null;
      const rect = s('rect', { class: `bar ${k}`, x: f.x(i) + 1, width: Math.max(1, f.step - 2), y: f.y(base + b[k]),
        height: f.y(base) - f.y(base + b[k]) }, s('title', {}, `${tickLabel(b.start)}: ${b[k]} ${k}`));
      base += b[k];
      return rect;
    });
  }));
}

export function durationChart(series, tickLabel) {
  const lines = [['durationP50Ms', 'p50'], ['durationP95Ms', 'p95']];
  const top = niceMax(Math.max(0, ...series.buckets.map((b) => b.durationP95Ms ?? 0)));
  const f = frame('chart-duration', `Duration p50 and p95 per bucket, up to ${top} ms`, top, series.buckets,
    (v) => `${Math.round(v)} ms`, tickLabel);
  return f.svg(lines.map(([key, name]) => {
    const points = series.buckets.map((b, i) => (b[key] == null ? null : [f.x(i) + f.step / 2, f.y(b[key]), b]))
      .filter(Boolean);
    return s('g', { class: `line ${name}` },
      points.length > 1 ? s('polyline', { points: points.map(([x, y]) => `${x},${y}`).join(' ') }) : null,
      points.map(([x, y, b]) => s('circle', { cx: x, cy: y, r: 3 }, s('title', {}, `${tickLabel(b.start)}: ${name} ${b[key]} ms`))));
  }));
}

export function costChart(series, tickLabel) {
  const top = niceMax(Math.max(...series.buckets.map((b) => b.aiCost)));
  const total = series.buckets.reduce((n, b) => n + b.aiCost, 0);
  const f = frame('chart-cost', `AI cost per bucket, $${total.toFixed(4)} in all`, top, series.buckets,
    (v) => `$${v.toFixed(top < 1 ? 3 : 2)}`, tickLabel);
  return f.svg(series.buckets.map((b, i) => (b.aiCost > 0 ? s('rect', { class: 'bar cost', x: f.x(i) + 1,
    width: Math.max(1, f.step - 2), y: f.y(b.aiCost), height: f.y(0) - f.y(b.aiCost) },
  s('title', {}, `${tickLabel(b.start)}: $${b.aiCost.toFixed(4)}, ${b.aiTokens} tokens`)) : null)));
}

export function legend(entries) {
  return h('ul', { class: 'legend' }, entries.map(([cls, text]) => h('li', {}, h('span', { class: `swatch ${cls}` }), text)));
}
