// What a webhook shows once: its URL and, for an authenticated one, its secret, each with a copy
// button. Shown after a create or a rotation; no later read carries the secret.
import { h, copyable } from '../dom.js';

export function secretsView(trigger, verb) {
  if (trigger.type !== 'webhook') return h('p', { class: 'hint' }, `${verb}: ${trigger.name}.`);
  return h('section', { class: 'card secret-card', 'aria-labelledby': 'secret-title', 'data-trigger': trigger.id },
    h('h2', { id: 'secret-title' }, `${verb}: ${trigger.name}`),
    copyable('webhook-url', 'Webhook URL', trigger.webhookUrl),
    trigger.secret ? [
      copyable('webhook-secret', 'Secret', trigger.secret),
      h('p', { class: 'degraded', role: 'note' }, 'The secret is shown only now: copy it into the sender. ',
        'Rotating it later gives a new one (the old one keeps working for 24 hours).'),
    ] : h('p', { class: 'hint' }, 'This webhook takes no credentials.'));
}
