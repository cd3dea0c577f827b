// What a trigger did: its timeline (runs it started, and ticks missed, skipped or buffered), newest
// first, and a webhook's deliveries (time, method, status, reason, IP, user agent, time taken, run).
import { h, replace, when, duration } from '../dom.js';
import * as api from '../api.js';
import { runLink } from './trigger-actions.js';

export function activityView(path, trigger) {
  const timeline = h('ol', { class: 'timeline', id: 'trigger-history' }, h('li', {}, 'Loading…'));
  const logs = h('tbody', {});
  api.get(`${path}/history?limit=50`).then((entries) => replace(timeline, entries.length
    ? entries.map(entry) : h('li', {}, 'Nothing yet.')))
    .catch((e) => replace(timeline, h('li', { class: 'field-error' }, api.describe(e))));
  if (trigger.type === 'webhook') {
    api.get(`${path}/webhook-logs?limit=50`).then((rows) => replace(logs, rows.length ? rows.map(logRow)
      : h('tr', {}, h('td', { colspan: 8 }, 'No deliveries yet.'))))
      .catch((e) => replace(logs, h('tr', {}, h('td', { colspan: 8, class: 'field-error' }, api.describe(e)))));
  }
  return h('div', { class: 'columns' },
    h('section', { class: 'card', 'aria-labelledby': 'history-title' }, h('h2', { id: 'history-title' }, 'History'), timeline),
    trigger.type === 'webhook' ? h('section', { class: 'card', 'aria-labelledby': 'logs-title' },
      h('h2', { id: 'logs-title' }, 'Webhook deliveries'),
      h('table', { class: 'list', id: 'webhook-logs' },
        h('thead', {}, h('tr', {}, ['Received', 'Method', 'Status', 'Reason', 'IP', 'User agent', 'Took', 'Run']
          .map((t) => h('th', { scope: 'col' }, t)))), logs)) : null);
}

function entry(e) {
  if (e.kind === 'run') {
    return h('li', { class: `entry run ${e.status}`, 'data-run-id': e.id },
      h('time', { datetime: e.queuedAt }, when(e.queuedAt)), ' run ', runLink(e.id, true),
      ` v${e.workflowVersion ?? '?'} `, h('span', { class: `status ${e.status}` }, e.status),
      e.durationMs != null ? ` in ${duration(e.durationMs)}` : '',
      e.error ? h('span', { class: 'field-error' }, ` ${typeof e.error === 'string' ? e.error : JSON.stringify(e.error)}`) : null);
  }
  const range = e.from ? ` from ${when(e.from)} to ${when(e.to)}` : e.scheduledAt ? ` the tick of ${when(e.scheduledAt)}` : '';
  return h('li', { class: `entry ${e.kind}` }, h('time', { datetime: e.at }, when(e.at)), ` ${e.kind}${range}`,
    e.count != null ? ` (${e.count})` : '', e.detail ? `: ${e.detail}` : '');
}

function logRow(log) {
  return h('tr', {}, h('td', {}, when(log.receivedAt)), h('td', {}, log.method || ''),
    h('td', {}, log.status != null ? String(log.status) : ''), h('td', {}, log.reason || ''), h('td', {}, log.ip || ''),
    h('td', {}, log.userAgent || ''), h('td', {}, duration(log.processingTimeMs)),
    h('td', {}, log.runId ? runLink(log.runId, true) : ''));
}
