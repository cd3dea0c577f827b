// A workflow's triggers: the list (type, state, last fired, next run) and a new trigger made with
// its type's own form. A created webhook's URL, and its secret when it has one, are shown once here
// with copy buttons: later reads never carry the secret.
import { h, field, replace, when } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { problemBox, showProblem } from '../problem-view.js';
import { configForm, TYPES } from '../triggers/trigger-forms.js';
import { secretsView } from '../triggers/trigger-secrets.js';
import { submitTrigger } from '../triggers/trigger-submit.js';
import { workflowNav } from './workflow-nav.js';

export function renderTriggers(main, workflowId) {
  const base = `/api/workflows/${encodeURIComponent(workflowId)}/triggers`;
  const title = h('span', {}, 'Workflow');
  const body = h('tbody', {});
  const created = h('div', { id: 'trigger-created' });
  replace(main,
    h('div', { class: 'heading' },
      h('h1', {}, h('a', { href: '#/workflows' }, 'Workflows'), ' / ', h('a', { href: `#/workflows/${encodeURIComponent(workflowId)}` }, title), ' / Triggers'),
      workflowNav(workflowId, 'triggers')),
    h('table', { class: 'list', id: 'triggers' }, h('caption', {}, 'Triggers'),
      h('thead', {}, h('tr', {}, ['Name', 'Type', 'State', 'Fired', 'Last fired', 'Next run']
        .map((t) => h('th', { scope: 'col' }, t)))), body),
    created,
    newTrigger(base, workflowId, (trigger) => {
      replace(created, secretsView(trigger, 'Created'));
      load(base, body);
    }));
  api.get(`/api/workflows/${encodeURIComponent(workflowId)}`).then((wf) => { title.textContent = wf.name; }).catch(notice.error);
  load(base, body);
  return null;
}

async function load(base, body) {
  try {
    const triggers = await api.get(base);
    replace(body, triggers.length === 0 ? h('tr', {}, h('td', { colspan: 6 }, 'No triggers yet: add one below.'))
      : triggers.map((t) => h('tr', { 'data-trigger': t.id },
        h('th', { scope: 'row' }, h('a', { href: `#/workflows/${encodeURIComponent(t.workflowId)}/triggers/${encodeURIComponent(t.id)}` }, t.name)),
        h('td', {}, t.type),
        h('td', {}, h('span', { class: `status ${t.enabled ? 'active' : 'paused'}` }, t.enabled ? 'enabled' : t.autoPausedAt ? 'auto-paused' : 'disabled')),
        h('td', {}, String(t.triggerCount)), h('td', {}, when(t.lastTriggeredAt)), h('td', {}, when(t.nextRunAt)))));
  } catch (e) {
    notice.error(e);
  }
}

function newTrigger(base, workflowId, onCreated) {
  const type = h('select', { id: 'new-trigger-type' }, TYPES.map((t) => h('option', { value: t }, t)));
  const name = h('input', { id: 'new-trigger-name', required: true, value: '' });
  const enabled = h('input', { id: 'new-trigger-enabled', type: 'checkbox', checked: true });
  const slot = h('div', {});
  const problems = problemBox('trigger-problems');
  let form = null;
  const pick = () => { form = configForm(type.value, {}, { workflowId }); replace(slot, form.element); showProblem(problems, null); };
  type.addEventListener('change', pick);
  pick();

  const create = () => submitTrigger(form, problems,
    (config) => api.post(base, { type: type.value, name: name.value.trim(), enabled: enabled.checked, config }),
    (trigger) => {
      showProblem(problems, null);
      notice.info(`Trigger "${trigger.name}" created.`);
      name.value = '';
      pick();
      onCreated(trigger);
    });

  return h('section', { class: 'card', 'aria-labelledby': 'new-trigger-title' },
    h('h2', { id: 'new-trigger-title' }, 'New trigger'),
    h('div', { class: 'row' }, field('Type', type), field('Name *', name),
      h('label', { class: 'field inline' }, enabled, ' Enabled')),
    slot, problems,
    h('button', { type: 'button', class: 'primary', id: 'create-trigger', onclick: create }, 'Create trigger'));
}
