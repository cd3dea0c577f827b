// A form of its own per trigger type: configForm(type, config, context) -> {element, config()},
// where config() builds what the API's "config" takes from the controls (an empty control is left
// out, so the API's default applies) or throws an Error naming the control it could not read.
import { h } from '../dom.js';
import { choice, text, whole, numberOf, jsonArea, defined } from './controls.js';
import { scheduleForm } from './schedule-form.js';
import { dependencyForm } from './dependency-form.js';
import { kafkaTopicForm } from './kafka-topic-form.js';

/** The types a trigger can be made with here; a run may also be manual (the runs filter). */
export const TYPES = ['webhook', 'schedule', 'data_change', 'dependency', 'kafka_topic'];

const METHODS = ['POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'ANY'];
const AUTH = ['none', 'api_key', 'hmac', 'bearer'];
const SCHEMES = ['hmac', 'github', 'stripe', 'standard'];
const OPERATIONS = ['insert', 'update', 'replace', 'delete'];

export function configForm(type, config = {}, context = {}) {
  switch (type) {
    case 'webhook': return webhookForm(config);
    case 'schedule': return scheduleForm(config, context);
    case 'data_change': return dataChangeForm(config);
    case 'dependency': return dependencyForm(config, context);
    case 'kafka_topic': return kafkaTopicForm(config);
    default: return rawForm(config);
  }
}

function webhookForm(config) {
  const method = choice('method', 'Method', METHODS, config.method || 'POST', 'the one method accepted; ANY: all');
  const auth = choice('authType', 'Authentication', AUTH, config.authType || 'none',
    'api_key: X-API-Key; hmac: a signature of the body; bearer: Authorization: Bearer');
  const scheme = choice('signatureScheme', 'Signature scheme', SCHEMES, config.signatureScheme || 'hmac',
    'which signature header an hmac webhook reads');
  const path = text('path', 'Path (optional)', config.path, 'a readable address: /api/webhooks/{workspace slug}/{path}');
  const origins = text('allowedOrigins', 'Allowed browser origins (optional)', (config.allowedOrigins || []).join(', '),
    'comma-separated scheme://host[:port]; empty: any');
  const rate = whole('requestsPerMinute', 'Rate limit per minute (optional)', config.rateLimit?.requestsPerMinute, 1);
  const showScheme = () => { scheme.element.hidden = auth.control.value !== 'hmac'; };
  auth.control.addEventListener('change', showScheme);
  showScheme();
  const element = h('div', { class: 'trigger-form', 'data-form': 'webhook' },
    method.element, auth.element, scheme.element, path.element, origins.element, rate.element);
  return {
    element,
    config: () => {
      const rpm = numberOf(rate.control);
      const allowed = origins.control.value.split(',').map((o) => o.trim()).filter(Boolean);
      return defined({
        method: method.control.value,
        authType: auth.control.value,
        signatureScheme: auth.control.value === 'hmac' ? scheme.control.value : undefined,
        path: path.control.value.trim() || undefined,
        allowedOrigins: allowed.length ? allowed : undefined,
        rateLimit: rpm === undefined ? undefined : { requestsPerMinute: rpm },
      });
    },
  };
}

function dataChangeForm(config) {
  const collection = text('collection', 'Collection *', config.collection, 'the MongoDB collection to watch', { required: true });
  const database = text('database', 'Database (optional)', config.database, "Outrun's own database by default");
  const chosen = new Set(config.operations || OPERATIONS);
  const boxes = OPERATIONS.map((op) => h('input', { type: 'checkbox', id: `trigger-op-${op}`, value: op, checked: chosen.has(op) }));
  const operations = h('fieldset', { class: 'checks' }, h('legend', {}, 'Operations that start a run'),
    boxes.map((box) => h('label', {}, box, ` ${box.value}`)));
  const filter = jsonArea('filter', 'Filter (optional, JSON)', config.filter,
    'a MongoDB query on the change event, e.g. {"fullDocument.status": "hot"}');
  return {
    element: h('div', { class: 'trigger-form', 'data-form': 'data_change' },
      collection.element, database.element, operations, filter.element),
    config: () => defined({
      collection: collection.control.value.trim(),
      database: database.control.value.trim() || undefined,
      operations: boxes.filter((b) => b.checked).map((b) => b.value),
      filter: filter.read(),
    }),
  };
}

function rawForm(config) {
  const raw = jsonArea('config', 'Config (JSON)', config);
  return { element: raw.element, config: () => raw.read() || {} };
}
