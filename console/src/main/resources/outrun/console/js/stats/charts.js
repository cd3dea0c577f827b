// The stats charts, drawn by uPlot (the WebJar's ES module, served from this origin under
// /console/vendor/uplot/): runs per bucket by outcome as stacked bars, duration p50 and p95 as
// lines, AI cost as bars. Each chart is a <figure role="img"> whose label sums it up; the exact
// numbers are in the page's table. The series shaping is pure and tested on its own.
import uPlot from '../../vendor/uplot/uPlot.esm.js';
import { h } from '../dom.js';

const HEIGHT = 220;
const OUTCOMES = [['completed', '#1a7f37'], ['failed', '#c0262d'], ['cancelled', '#8c959f']];

/**
 * uPlot's data for the outcome chart: [x (unix s), ...one row per outcome] where each row is the
 * running total up to that outcome, so the bars stack when drawn from the top total down.
 */
export function stackedOutcomes(series) {
  const x = series.buckets.map((b) => Date.parse(b.start) / 1000);
  let below = series.buckets.map(() => 0);
  const rows = OUTCOMES.map(([key]) => {
    below = series.buckets.map((b, i) => below[i] + b[key]);
    return below;
  });
  return [x, ...rows];
}

/** The label a chart's figure gives screen readers: "1 completed, 0 failed, 0 cancelled". */
export function outcomeSummary(series) {
  return OUTCOMES.map(([key]) => `${series.buckets.reduce((n, b) => n + b[key], 0)} ${key}`).join(', ');
}

export function outcomeChart(series, width) {
  const [x, ...stacked] = stackedOutcomes(series);
  const raw = (key) => series.buckets.map((b) => b[key]);
  // drawn from the top total down, each bar covering the lower part of the one before
  const order = [2, 1, 0];
  return figure('chart-runs', `Runs per bucket: ${outcomeSummary(series)}`, {
    width, height: HEIGHT, scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) ? t : '')) }],
    series: [{}, ...order.map((i) => ({ label: OUTCOMES[i][0], fill: OUTCOMES[i][1], stroke: OUTCOMES[i][1],
      paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false },
      value: (u, v, si, idx) => (idx == null ? '—' : raw(OUTCOMES[i][0])[idx]) }))],
  }, [x, ...order.map((i) => stacked[i])]);
}

export function durationChart(series, width) {
  const x = series.buckets.map((b) => Date.parse(b.start) / 1000);
  const line = (label, color) => ({ label, stroke: color, width: 2, points: { show: true, size: 6, fill: color },
    value: (u, v) => (v == null ? '—' : `${v} ms`), spanGaps: false });
  const p95 = Math.max(0, ...series.buckets.map((b) => b.durationP95Ms ?? 0));
  return figure('chart-duration', `Duration per bucket: p95 up to ${p95} ms`, {
    width, height: HEIGHT, scales: { y: { range: (u, min, max) => [0, Math.max(1, max)] } },
    axes: [{}, { values: (u, ticks) => ticks.map((t) => `${t} ms`), size: 70 }],
    series: [{}, line('p50', '#0b5cad'), line('p95', '#9a6700')],
  }, [x, series.buckets.map((b) => b.durationP50Ms), series.buckets.map((b) => b.durationP95Ms)]);
}

export function costChart(series, width) {
  const x = series.buckets.map((b) => Date.parse(b.start) / 1000);
  const total = series.buckets.reduce((n, b) => n + b.aiCost, 0);
  return figure('chart-cost', `AI cost per bucket: $${total.toFixed(4)} in all`, {
    width, height: HEIGHT, scales: { y: { range: (u, min, max) => [0, max > 0 ? max : 0.01] } },
    axes: [{}, { values: (u, ticks) => ticks.map((t) => `$${t}`), size: 70 }],
    series: [{}, { label: 'AI cost', fill: '#0b5cad', stroke: '#0b5cad', paths: uPlot.paths.bars({ size: [0.7, 40] }),
      points: { show: false }, value: (u, v) => (v == null ? '—' : `$${v.toFixed(4)}`) }],
  }, [x, series.buckets.map((b) => b.aiCost)]);
}

function figure(id, label, options, data) {
  const element = h('figure', { id, class: 'chart', role: 'img', 'aria-label': label });
  const plot = new uPlot(options, data, element);
  return { element, destroy: () => plot.destroy() };
}
