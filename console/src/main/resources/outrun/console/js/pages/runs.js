// The workspace's runs across workflows (GET /api/runs), newest first, filtered by status,
// workflow, trigger type, test or not, and time, a page at a time (the X-Next-Cursor of the last page). The
// filters live in the address (#/runs?status=failed&workflowId=…), so a filtered list is a link.
// While the first page is shown it is read again every few seconds: new runs appear by themselves.
import { h, field, replace, when, duration } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { TYPES } from '../triggers/trigger-forms.js';

const STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'];
export const TRIGGER_TYPES = [...TYPES, 'manual'];
const REFRESH_MS = 3000;
const PAGE = 25;

export function renderRuns(main, query) {
  const filters = filterForm(query);
  const body = h('tbody', {});
  const more = h('button', { type: 'button', id: 'older-runs', hidden: true }, 'Older runs');
  const names = {};
  const state = { cursor: null, timer: null };
  replace(main, h('div', { class: 'heading' }, h('h1', {}, 'Runs')), filters.element,
    h('table', { class: 'list', id: 'runs' }, h('caption', { class: 'sr-only' }, 'Runs, newest first'),
      h('thead', {}, h('tr', {}, ['Run', 'Workflow', 'Status', 'Trigger', 'Queued', 'Duration']
        .map((t) => h('th', { scope: 'col' }, t)))), body), more);

  async function page(append) {
    try {
      const { headers, body: runs } = await api.call('GET', api.withQuery('/api/runs',
        { ...filters.query(), limit: PAGE, before: append ? state.cursor : undefined }));
      state.cursor = headers.get('X-Next-Cursor');
      more.hidden = !state.cursor;
      const rows = runs.map((run) => row(run, names));
      if (append) body.append(...rows);
      else replace(body, rows.length ? rows : h('tr', {}, h('td', { colspan: 6 }, 'No runs match.')));
    } catch (e) {
      notice.error(e);
    }
  }

  async function live() {
    if (!state.paged) await page(false);
    state.timer = setTimeout(live, REFRESH_MS);
  }

  more.addEventListener('click', () => { state.paged = true; page(true); });
  filters.onApply = () => { location.hash = api.withQuery('#/runs', filters.address()); };
  api.get('/api/workflows?limit=100').then((workflows) => {
    for (const w of workflows) names[w.id] = w.name;
    filters.setWorkflows(workflows);
  }).catch(notice.error).finally(live);
  return () => clearTimeout(state.timer);
}

function row(run, names) {
  const by = run.triggeredBy || {};
  return h('tr', { 'data-run-id': run.id },
    h('th', { scope: 'row' }, h('a', { href: `#/runs/${encodeURIComponent(run.id)}` }, h('code', {}, run.id.slice(0, 8)))),
    h('td', {}, names[run.workflowId] || run.workflowId, run.test ? ' (test)' : ''),
    h('td', {}, h('span', { class: `status ${run.status}` }, run.status)),
    h('td', {}, by.type || '', by.triggerName ? `: ${by.triggerName}` : ''),
    h('td', {}, when(run.queuedAt)), h('td', {}, duration(run.durationMs)));
}

function filterForm(query) {
  const chosen = new Set((query.get('status') || '').split(',').filter(Boolean));
  const boxes = STATUSES.map((s) => h('input', { type: 'checkbox', id: `filter-status-${s}`, value: s, checked: chosen.has(s) }));
  const workflow = h('select', { id: 'filter-workflow' }, h('option', { value: '' }, 'any'));
  const type = h('select', { id: 'filter-trigger-type' }, h('option', { value: '' }, 'any'),
    TRIGGER_TYPES.map((t) => h('option', { value: t, selected: t === query.get('triggerType') }, t)));
  const test = h('select', { id: 'filter-test' }, [['', 'any'], ['false', 'not test runs'], ['true', 'test runs only']]
    .map(([v, t]) => h('option', { value: v, selected: v === (query.get('test') || '') }, t)));
  const from = h('input', { id: 'filter-from', type: 'datetime-local', value: local(query.get('from')) });
  const to = h('input', { id: 'filter-to', type: 'datetime-local', value: local(query.get('to')) });
  const form = {
    query: () => ({
      status: [...chosen].join(',') || undefined, workflowId: query.get('workflowId') || undefined,
      triggerType: query.get('triggerType') || undefined, test: query.get('test') || undefined, from: query.get('from') || undefined, to: query.get('to') || undefined,
    }),
    address: () => ({
      status: boxes.filter((b) => b.checked).map((b) => b.value).join(','), workflowId: workflow.value,
      triggerType: type.value, test: test.value, from: from.value ? new Date(from.value).toISOString() : '',
      to: to.value ? new Date(to.value).toISOString() : '',
    }),
    setWorkflows: (workflows) => workflow.append(...workflows.map((w) =>
      h('option', { value: w.id, selected: w.id === query.get('workflowId') }, w.name))),
  };
  form.element = h('form', { class: 'card filters', id: 'run-filters', 'aria-label': 'Filter runs',
    onsubmit: (e) => { e.preventDefault(); form.onApply(); } },
  h('fieldset', { class: 'checks' }, h('legend', {}, 'Status'), boxes.map((b) => h('label', {}, b, ` ${b.value}`))),
  h('div', { class: 'row' }, field('Workflow', workflow), field('Trigger type', type), field('Test runs', test),
    field('Queued from', from), field('Queued before', to),
    h('button', { type: 'submit', class: 'primary', id: 'apply-filters' }, 'Apply')));
  return form;
}

/** An ISO instant as a datetime-local value in this browser's zone, or ''. */
function local(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
