// A trigger's actions: enable or disable, fire now with a payload, backfill a past range
// (schedules), rotate the secret (authenticated webhooks, the new one shown once), delete.
import { h, field, replace } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import { secretsView } from './trigger-secrets.js';

export function actionsView(page, trigger) {
  const out = h('div', { id: 'trigger-action-result', 'aria-live': 'polite' });
  const act = (fn) => async () => {
    try {
      await fn();
    } catch (e) {
      notice.error(e);
    }
  };
  const toggle = h('button', { type: 'button', id: trigger.enabled ? 'disable-trigger' : 'enable-trigger',
    onclick: act(async () => {
      await api.patch(`${page.path}/${trigger.enabled ? 'disable' : 'enable'}`);
      page.load();
    }) }, trigger.enabled ? 'Disable' : 'Enable');
  const payload = h('textarea', { id: 'fire-payload', rows: 3, spellcheck: 'false', value: '{}' });
  const fire = h('button', { type: 'button', id: 'fire-trigger', onclick: act(async () => {
    let body;
    try {
      body = JSON.parse(payload.value || '{}');
    } catch (e) {
      notice.info(`The payload is not JSON: ${e.message}`);
      return;
    }
    const { runId } = await api.post(`${page.path}/fire`, body);
    replace(out, h('p', {}, 'Started run ', runLink(runId), '.'));
  }) }, 'Fire now');
  return h('section', { class: 'card', 'aria-labelledby': 'trigger-actions-title' },
    h('h2', { id: 'trigger-actions-title' }, 'Actions'),
    h('div', { class: 'toolbar' }, toggle,
      h('button', { type: 'button', class: 'danger', id: 'delete-trigger', onclick: act(async () => {
        if (!window.confirm(`Delete the trigger "${trigger.name}"?`)) return;
        await api.del(page.path);
        location.hash = `#/workflows/${encodeURIComponent(page.workflowId)}/triggers`;
      }) }, 'Delete')),
    field('Payload (JSON, the run\'s $trigger)', payload), fire,
    trigger.type === 'schedule' ? backfill(page, out, act) : null,
    trigger.type === 'webhook' && trigger.config?.authType && trigger.config.authType !== 'none'
      ? h('p', {}, h('button', { type: 'button', id: 'rotate-secret', onclick: act(async () => {
        replace(out, secretsView(await api.post(`${page.path}/rotate-secret`), 'New secret'));
      }) }, 'Rotate secret'), h('span', { class: 'hint' }, ' the old secret keeps working for 24 hours'))
      : null,
    out);
}

function backfill(page, out, act) {
  const from = h('input', { id: 'backfill-from', type: 'datetime-local', required: true });
  const to = h('input', { id: 'backfill-to', type: 'datetime-local', required: true });
  return h('fieldset', { class: 'backfill' }, h('legend', {}, 'Backfill: one run per scheduled time in a past range'),
    h('div', { class: 'row' }, field('From (your time)', from), field('To (your time)', to),
      h('button', { type: 'button', id: 'backfill-trigger', onclick: act(async () => {
        if (!from.value || !to.value) {
          notice.info('Pick both ends of the range.');
          return;
        }
        const answer = await api.post(`${page.path}/backfill`,
          { from: new Date(from.value).toISOString(), to: new Date(to.value).toISOString() });
        replace(out, h('p', {}, `Backfill started ${answer.count} run${answer.count === 1 ? '' : 's'}`,
          answer.runIds.length ? [': ', answer.runIds.slice(0, 5).map((id, i) => [i ? ', ' : '', runLink(id, true)]), answer.count > 5 ? ' …' : ''] : '', '.'));
      }) }, 'Backfill')));
}

/** A link to a run's page; short: its first 8 characters (the whole id in the title). */
export function runLink(runId, short = false) {
  return h('a', { href: `#/runs/${encodeURIComponent(runId)}`, title: runId, 'aria-label': `run ${runId}` },
    h('code', {}, short ? runId.slice(0, 8) : runId));
}
