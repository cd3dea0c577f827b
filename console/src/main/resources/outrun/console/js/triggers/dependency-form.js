// The dependency form: the upstream workflow picked from the workspace's workflows, the condition
// and a delay; a pick that would close a cycle is checked at once
// (POST .../triggers/validate-dependency) and its chain shown by workflow name.
import { h, replace } from '../dom.js';
import * as api from '../api.js';
import { choice, whole, defined } from './controls.js';

const CONDITIONS = ['on_success', 'on_failure', 'on_completion'];

export function dependencyForm(config, { workflowId }) {
  const upstream = h('select', { id: 'trigger-dependsOnWorkflowId', name: 'dependsOnWorkflowId', required: true },
    h('option', { value: '' }, 'Loading workflows…'));
  const condition = choice('condition', 'Runs when the upstream run', CONDITIONS, config.condition || 'on_success');
  const delay = whole('delayMinutes', 'Delay (minutes, 0 to 60)', config.delayMinutes, 0, 60);
  const check = h('p', { id: 'dependency-check', 'aria-live': 'polite' });
  let names = {};

  async function load() {
    try {
      const workflows = await api.get('/api/workflows?limit=100');
      names = Object.fromEntries(workflows.map((w) => [w.id, w.name]));
      replace(upstream, h('option', { value: '' }, '— pick a workflow —'),
        workflows.filter((w) => w.id !== workflowId).map((w) =>
          h('option', { value: w.id, selected: w.id === config.dependsOnWorkflowId }, w.name)));
    } catch (e) {
      replace(check, h('span', { class: 'field-error' }, api.describe(e)));
    }
  }

  async function validate() {
    if (!upstream.value) return replace(check);
    try {
      const answer = await api.post(`/api/workflows/${encodeURIComponent(workflowId)}/triggers/validate-dependency`,
        { dependsOnWorkflowId: upstream.value });
      replace(check, answer.valid ? h('span', { class: 'ok' }, 'No cycle.')
        : h('span', { class: 'field-error' }, 'Refused, it would close a cycle: ',
          (answer.chain || []).map((id) => names[id] || id).join(' → ')));
    } catch (e) {
      replace(check, h('span', { class: 'field-error' }, api.describe(e)));
    }
  }

  upstream.addEventListener('change', validate);
  load();
  return {
    element: h('div', { class: 'trigger-form', 'data-form': 'dependency' },
      h('label', { class: 'field' }, h('span', { class: 'label' }, 'Upstream workflow *'), upstream), check,
      condition.element, delay.element),
    config: () => defined({
      dependsOnWorkflowId: upstream.value || undefined,
      condition: condition.control.value,
      delayMinutes: delay.control.value === '' ? undefined : Number(delay.control.value),
    }),
    names: () => names,
  };
}
