// A workflow's stats over the last day (24 hourly buckets) or week (28 six-hour buckets), from
// GET /api/workflows/{id}/stats/series: runs by outcome, duration p50 and p95, and AI cost, each
// drawn as a chart and given as a table (folded) for screen readers and exact numbers.
import { h, field, replace, duration } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { outcomeChart, durationChart, costChart, legend } from '../stats/charts.js';
import { workflowNav } from './workflow-nav.js';

export function renderStats(main, workflowId) {
  const id = encodeURIComponent(workflowId);
  const title = h('span', {}, 'Workflow');
  const span = h('select', { id: 'stats-window' }, h('option', { value: 'day' }, 'Last day, per hour'),
    h('option', { value: 'week' }, 'Last week, per 6 hours'));
  const body = h('div', { id: 'stats', 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  replace(main, h('div', { class: 'heading' },
    h('h1', {}, h('a', { href: '#/workflows' }, 'Workflows'), ' / ', h('a', { href: `#/workflows/${id}` }, title), ' / Stats'),
    workflowNav(workflowId, 'stats')),
  h('div', { class: 'row' }, field('Window', span)), body);

  async function load() {
    try {
      replace(body, charts(await api.get(`/api/workflows/${id}/stats/series?window=${span.value}`)));
    } catch (e) {
      notice.error(e);
    }
  }
  span.addEventListener('change', load);
  api.get(`/api/workflows/${id}`).then((wf) => { title.textContent = wf.name; }).catch(notice.error);
  load();
  return null;
}

function charts(series) {
  const hourly = series.bucketSeconds < 86400;
  const format = new Intl.DateTimeFormat(undefined, hourly && series.window === 'day'
    ? { hour: '2-digit', minute: '2-digit' } : { weekday: 'short', hour: '2-digit' });
  const tick = (iso) => format.format(new Date(iso));
  const runs = series.buckets.reduce((n, b) => n + b.completed + b.failed + b.cancelled, 0);
  return [
    h('p', { id: 'stats-summary' }, `${runs} finished run${runs === 1 ? '' : 's'} (test runs not counted).`),
    card('Runs by outcome', outcomeChart(series, tick),
      legend([['completed', 'completed'], ['failed', 'failed'], ['cancelled', 'cancelled']])),
    card('Duration', durationChart(series, tick), legend([['p50', 'p50'], ['p95', 'p95']])),
    card('AI cost', costChart(series, tick), null),
    h('details', { class: 'card' }, h('summary', {}, 'The numbers'), table(series, tick)),
  ];
}

function card(title, chart, key) {
  return h('section', { class: 'card chart-card', 'aria-label': title }, h('h2', {}, title), chart, key);
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
