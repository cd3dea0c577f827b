// One run: its status, trigger and usage, the step timeline (start, duration, attempts, status)
// and each step's input, output and error as folded JSON; followed live while it runs
// (runs/run-watch.js), with cancel while it has not ended, and retry or re-run once it has.
import { h, replace, when, duration, folded } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { watchRun } from '../runs/run-watch.js';
import { stepTimeline } from '../runs/step-timeline.js';
import { workflowNav } from './workflow-nav.js';

const ENDED = new Set(['completed', 'failed', 'cancelled']);

export function renderRun(main, runId) {
  const mode = h('p', { class: 'hint', id: 'run-mode', 'aria-live': 'polite' });
  const view = h('div', { id: 'run-page', 'aria-live': 'polite' }, h('p', {}, 'Loading…'));
  replace(main, h('div', { class: 'heading' }, h('h1', {}, h('a', { href: '#/runs' }, 'Runs'), ' / ', h('code', {}, runId))), mode, view);
  return watchRun(runId, {
    onRun: (run) => replace(view, runView(run)),
    onMode: (text) => { mode.textContent = text; },
    onError: (e) => notice.error(e),
  });
}

function runView(run) {
  const by = run.triggeredBy || {};
  const usage = run.usage || {};
  return [
    h('div', { class: 'heading' },
      h('strong', { class: `status ${run.status}`, id: 'run-status' }, run.status),
      h('span', {}, `v${run.workflowVersion ?? '?'}${run.test ? ', test run' : ''}`),
      workflowNav(run.workflowId, null), actions(run)),
    run.error ? h('section', { class: 'problems-box', id: 'run-error', role: 'note' },
      h('h2', {}, 'The run failed'), h('p', {}, errorText(run.error))) : null,
    h('dl', { class: 'facts' },
      fact('Trigger', `${by.type || '—'}${by.triggerName ? `: ${by.triggerName}` : ''}${by.source ? ` (${by.source})` : ''}`),
      fact('Queued', when(run.queuedAt)), fact('Started', when(run.startedAt)), fact('Finished', when(run.finishedAt)),
      fact('Duration', duration(run.durationMs)),
      fact('AI tokens', String(usage.aiTokensUsed ?? 0)), fact('Estimated cost', `$${Number(usage.estimatedCost ?? 0).toFixed(4)}`),
      fact('Webhooks called', String(usage.webhooksCalled ?? 0)), fact('HTTP requests', String(usage.httpRequests ?? 0))),
    h('section', { class: 'card', 'aria-labelledby': 'steps-title' }, h('h2', { id: 'steps-title' }, 'Steps'),
      stepTimeline(run), stepTable(run.steps || [])),
    folded('Trigger payload', by.payload),
  ];
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function stepTable(steps) {
  return h('table', { class: 'list', id: 'steps' },
    h('thead', {}, h('tr', {}, ['Step', 'Type', 'Status', 'Attempts', 'Started', 'Duration', 'Input, output, error']
      .map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, steps.map((step) => h('tr', { 'data-step': step.nodeId },
      h('th', { scope: 'row' }, step.nodeId), h('td', {}, step.nodeType || ''),
      h('td', {}, h('span', { class: `status ${step.status}` }, step.status)),
      h('td', {}, String(step.attempts ?? '')), h('td', {}, when(step.startedAt)), h('td', {}, duration(step.durationMs)),
      h('td', {},
        step.error ? h('p', { class: 'field-error step-error' }, errorText(step.error)) : null,
        folded('input', step.input), step.output !== undefined && step.output !== null ? folded('output', step.output) : null,
        step.error && typeof step.error === 'object' ? folded('error', step.error, true) : null)))));
}

function errorText(error) {
  if (typeof error === 'string') return error;
  return error?.message || JSON.stringify(error);
}

function actions(run) {
  const act = (label, id, path, enabled) => h('button', { type: 'button', id, disabled: !enabled, onclick: async () => {
    try {
      const answer = await api.post(`/api/runs/${encodeURIComponent(run.id)}/${path}`);
      if (answer?.runId) location.hash = `#/runs/${encodeURIComponent(answer.runId)}`;
      else notice.info(path === 'cancel' ? 'Cancel asked: the run stops at its next step.' : 'Done.');
    } catch (e) {
      notice.error(e);
    }
  } }, label);
  const ended = ENDED.has(run.status);
  return h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Run actions' },
    act('Cancel', 'cancel-run', 'cancel', !ended && !run.cancelRequested),
    act('Retry', 'retry-run', 'retry', run.status === 'failed' || run.status === 'cancelled'),
    act('Re-run', 'rerun-run', 'rerun', ended));
}
