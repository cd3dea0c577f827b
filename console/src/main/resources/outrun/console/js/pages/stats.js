// A workflow's stats over the last day (24 hourly buckets) or week (28 six-hour buckets), from
// GET /api/workflows/{id}/stats/series: runs by outcome, duration p50 and p95, and AI cost, each
// drawn as a chart (stats/charts.js, loaded only here) and given as a table (folded) for screen
// readers and exact numbers. Without the charts module the table is still shown.
import { h, field, replace, duration } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { workflowNav } from './workflow-nav.js';

export function renderStats(main, workflowId) {
  const id = encodeURIComponent(workflowId);
  const title = h('span', {}, 'Workflow');
  const span = h('select', { id: 'stats-window' }, h('option', { value: 'day' }, 'Last day, per hour'),
    h('option', { value: 'week' }, 'Last week, per 6 hours'));
  const body = h('div', { id: 'stats', 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  let drawn = [];
  const clear = () => { drawn.forEach((chart) => chart.destroy()); drawn = []; };
  replace(main, h('div', { class: 'heading' },
    h('h1', {}, h('a', { href: '#/workflows' }, 'Workflows'), ' / ', h('a', { href: `#/workflows/${id}` }, title), ' / Stats'),
    workflowNav(workflowId, 'stats')),
  h('div', { class: 'row' }, field('Window', span)), body);

  async function load() {
    try {
      const series = await api.get(`/api/workflows/${id}/stats/series?window=${span.value}`);
      clear();
      drawn = await draw(body, series);
    } catch (e) {
      notice.error(e);
    }
  }
  span.addEventListener('change', load);
  api.get(`/api/workflows/${id}`).then((wf) => { title.textContent = wf.name; }).catch(notice.error);
  load();
  return clear;
}

async function draw(body, series) {
  const format = new Intl.DateTimeFormat(undefined, series.window === 'day'
    ? { hour: '2-digit', minute: '2-digit' } : { weekday: 'short', hour: '2-digit' });
  const tick = (iso) => format.format(new Date(iso));
  const runs = series.buckets.reduce((n, b) => n + b.completed + b.failed + b.cancelled, 0);
  const cards = ['Runs by outcome', 'Duration', 'AI cost'].map((name) => h('section', { class: 'card chart-card', 'aria-label': name }, h('h2', {}, name)));
  replace(body,
    h('p', { id: 'stats-summary' }, `${runs} finished run${runs === 1 ? '' : 's'} (test runs not counted).`),
    cards, h('details', { class: 'card' }, h('summary', {}, 'The numbers'), table(series, tick)));
  let charts;
  try {
    charts = await import('../stats/charts.js');
  } catch (e) {
    cards.forEach((card) => card.append(h('p', { class: 'degraded' }, `The charts could not be loaded (${e.message}): the numbers are below.`)));
    return [];
  }
  const width = Math.max(320, Math.min(1100, cards[0].clientWidth - 34));
  const drawn = [charts.outcomeChart(series, width), charts.durationChart(series, width), charts.costChart(series, width)];
  drawn.forEach((chart, i) => cards[i].append(chart.element));
  return drawn;
}

function table(series, tick) {
  return h('table', { class: 'list', id: 'stats-table' },
    h('thead', {}, h('tr', {}, ['From', 'Completed', 'Failed', 'Cancelled', 'p50', 'p95', 'AI tokens', 'AI cost']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, series.buckets.map((b) => h('tr', {}, h('th', { scope: 'row' }, tick(b.start)),
      [b.completed, b.failed, b.cancelled].map((n) => h('td', {}, String(n))),
      h('td', {}, duration(b.durationP50Ms)), h('td', {}, duration(b.durationP95Ms)),
      h('td', {}, String(b.aiTokens)), h('td', {}, `$${b.aiCost.toFixed(4)}`)))));
}
