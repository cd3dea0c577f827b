// Test runs from the workflow page: an input as JSON, the run's status and its steps as they
// finish (each step's error shown, its output folded).
import { h, field, replace, when } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { watchRun } from './run-watch.js';

export function createRunPanel(workflowId) {
  const input = h('textarea', { id: 'run-input', rows: 4, spellcheck: 'false', value: '{}' });
  const mode = h('p', { class: 'hint', id: 'run-mode', 'aria-live': 'polite' });
  const view = h('div', { id: 'run', 'aria-live': 'polite' });
  let stop = null;

  async function start() {
    let body;
    try {
      body = { input: JSON.parse(input.value || '{}') };
    } catch (e) {
      notice.info(`The run input is not JSON: ${e.message}`);
      input.focus();
      return;
    }
    try {
      const { runId } = await api.post(`/api/workflows/${encodeURIComponent(workflowId())}/runs`, body);
      follow(runId);
    } catch (e) {
      notice.error(e);
    }
  }

  function follow(runId) {
    if (stop) stop();
    replace(view, h('p', {}, `Run ${runId}: queued`));
    stop = watchRun(runId, {
      onRun: (run) => replace(view, runView(run)),
      onMode: (text) => { mode.textContent = text; },
      onError: (e) => notice.error(e),
    });
  }

  const element = h('section', { class: 'card', 'aria-labelledby': 'run-title' },
    h('h2', { id: 'run-title' }, 'Run'),
    h('p', { class: 'hint' }, 'A draft runs its latest saved version as a test (deploy needs one that completed); ',
      'an active or paused workflow runs its deployed version.'),
    field('Input (JSON, the run\'s $trigger)', input),
    h('button', { type: 'button', id: 'test-run', onclick: start }, 'Run'),
    mode, view);
  return { element, close: () => stop && stop() };
}

function runView(run) {
  return h('div', { class: `run ${run.status}`, 'data-run-id': run.id },
    h('p', {}, 'Run ', h('code', {}, run.id), ` of v${run.workflowVersion}${run.test ? ' (test)' : ''}: `,
      h('strong', { class: `status ${run.status}`, id: 'run-status' }, run.status),
      run.durationMs != null ? ` in ${run.durationMs} ms` : ''),
    run.error ? h('p', { class: 'field-error' }, run.error) : null,
    h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, ['Step', 'Type', 'Status', 'Attempts', 'Started', 'Duration', 'Output or error']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, (run.steps || []).map((step) => h('tr', { 'data-step': step.nodeId },
        h('th', { scope: 'row' }, step.nodeId), h('td', {}, step.nodeType),
        h('td', {}, h('span', { class: `status ${step.status}` }, step.status)),
        h('td', {}, step.attempts ?? ''), h('td', {}, when(step.startedAt)),
        h('td', {}, step.durationMs != null ? `${step.durationMs} ms` : ''),
        h('td', {}, step.error ? h('span', { class: 'field-error' }, step.error)
          : h('details', {}, h('summary', {}, 'output'), h('pre', {}, JSON.stringify(step.output, null, 2)))))))));
}
