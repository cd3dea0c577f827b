// One trigger: its settings in its type's form (PUT replaces name, enabled and config), enable,
// disable, fire now, backfill a range (schedules), rotate the secret (webhooks), delete; and what
// it did: its timeline and, for a webhook, its deliveries.
import { h, field, replace, when } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { problemBox } from '../problem-view.js';
import { configForm } from '../triggers/trigger-forms.js';
import { actionsView } from '../triggers/trigger-actions.js';
import { activityView } from '../triggers/trigger-activity.js';
import { submitTrigger } from '../triggers/trigger-submit.js';
import { workflowNav } from './workflow-nav.js';

export function renderTrigger(main, workflowId, triggerId) {
  const path = `/api/workflows/${encodeURIComponent(workflowId)}/triggers/${encodeURIComponent(triggerId)}`;
  const page = { path, workflowId, element: h('div', { class: 'trigger-page' }, h('p', {}, 'Loading…')) };
  replace(main, page.element);
  page.load = async () => {
    try {
      show(page, await api.get(path));
    } catch (e) {
      notice.error(e);
    }
  };
  page.load();
  return null;
}

function show(page, trigger) {
  const list = `#/workflows/${encodeURIComponent(page.workflowId)}/triggers`;
  replace(page.element,
    h('div', { class: 'heading' },
      h('h1', {}, h('a', { href: list }, 'Triggers'), ' / ', trigger.name),
      h('span', { id: 'trigger-state', class: `status ${trigger.enabled ? 'active' : 'paused'}` }, trigger.enabled ? 'enabled' : 'disabled'),
      workflowNav(page.workflowId, 'triggers')),
    summary(trigger),
    h('div', { class: 'columns' }, editor(page, trigger), actionsView(page, trigger)),
    activityView(page.path, trigger));
}

function summary(t) {
  const facts = [
    ['Type', t.type], ['Fired', String(t.triggerCount)], ['Last fired', when(t.lastTriggeredAt)],
    t.nextRunAt ? ['Next run', when(t.nextRunAt)] : null,
    t.missedCount != null ? ['Missed', String(t.missedCount)] : null,
    t.skippedCount != null ? ['Skipped', String(t.skippedCount)] : null,
    t.webhookUrl ? ['URL', h('code', { id: 'trigger-url' }, t.webhookUrl)] : null,
    t.consecutiveFailures ? ['Failures in a row', String(t.consecutiveFailures)] : null,
    t.lastError ? ['Last error', h('span', { class: 'field-error' }, t.lastError)] : null,
  ].filter(Boolean);
  return h('dl', { class: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

function editor(page, trigger) {
  const name = h('input', { id: 'trigger-name', value: trigger.name, required: true });
  const enabled = h('input', { id: 'trigger-enabled', type: 'checkbox', checked: trigger.enabled });
  const form = configForm(trigger.type, trigger.config || {}, { workflowId: page.workflowId });
  const problems = problemBox('trigger-problems');

  const save = () => submitTrigger(form, problems,
    (config) => api.put(page.path, { type: trigger.type, name: name.value.trim(), enabled: enabled.checked, config,
      autoPauseAfterFailures: trigger.autoPauseAfterFailures }),
    () => {
      notice.info('Trigger saved.');
      page.load();
    });

  return h('section', { class: 'card', 'aria-labelledby': 'trigger-edit-title' },
    h('h2', { id: 'trigger-edit-title' }, 'Settings'),
    field('Name', name), h('label', { class: 'field inline' }, enabled, ' Enabled'),
    form.element, problems,
    h('button', { type: 'button', class: 'primary', id: 'save-trigger', onclick: save }, 'Save'));
}
