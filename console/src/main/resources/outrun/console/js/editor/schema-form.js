// A form for a node's data, built from its type's JSON Schema: one control per top-level
// property (text, number, checkbox, choice; objects, arrays and anything else as JSON).
// Every change calls onChange(newData); keys the schema does not name are kept as they are.
import { h, field } from '../dom.js';

const LONG_TEXT = new Set(['textarea', 'jsonata', 'expression', 'template']);

export function schemaForm(schema, data, onChange, problems = []) {
  const properties = schema?.properties || {};
  const required = new Set(schema?.required || []);
  const keys = Object.keys(properties);
  if (keys.length === 0) return h('p', { class: 'hint' }, 'This node type has no settings of its own.');
  return h('div', { class: 'schema-form' }, keys.map((key) =>
    control(key, properties[key], data, required.has(key), onChange,
      problems.filter((p) => p.field === `data.${key}`).map((p) => p.message))));
}

function control(key, prop, data, isRequired, onChange, messages) {
  const type = typeOf(prop);
  const value = data[key];
  const id = `data-field-${key}`;
  const set = (v) => {
    const next = { ...data };
    if (v === undefined || v === '') delete next[key];
    else next[key] = v;
    onChange(next);
  };
  let input;
  if (Array.isArray(prop.enum)) {
    input = h('select', { id, name: `data.${key}`, onchange: (e) => set(e.target.value || undefined) },
      h('option', { value: '' }, '—'),
      prop.enum.map((v) => h('option', { value: v, selected: v === value }, String(v))));
  } else if (type === 'boolean') {
    input = h('input', { id, name: `data.${key}`, type: 'checkbox', checked: value === true,
      onchange: (e) => set(e.target.checked) });
  } else if (type === 'integer' || type === 'number') {
    input = h('input', { id, name: `data.${key}`, type: 'number', step: type === 'integer' ? 1 : 'any',
      min: prop.minimum, max: prop.maximum, value: value ?? '',
      onchange: (e) => set(e.target.value === '' ? undefined : Number(e.target.value)) });
  } else if (type === 'string') {
    const long = LONG_TEXT.has(prop.format) || (prop.maxLength ?? 0) > 200;
    input = h(long ? 'textarea' : 'input', { id, name: `data.${key}`, value: value ?? '',
      rows: long ? 3 : undefined, spellcheck: 'false', maxlength: prop.maxLength,
      onchange: (e) => set(e.target.value) });
  } else {
    input = h('textarea', { id, name: `data.${key}`, rows: 3, spellcheck: 'false',
      value: value === undefined ? '' : JSON.stringify(value, null, 2),
      onchange: (e) => parseInto(e.target, set) });
  }
  if (isRequired) input.setAttribute('aria-required', 'true');
  if (messages.length) input.setAttribute('aria-invalid', 'true');
  const label = `${prop.title || key}${isRequired ? ' *' : ''}`;
  return h('div', { class: messages.length ? 'invalid' : '' },
    field(label, input, prop.description),
    messages.map((m) => h('p', { class: 'field-error' }, m)));
}

function parseInto(textarea, set) {
  if (textarea.value.trim() === '') {
    set(undefined);
    return;
  }
  try {
    set(JSON.parse(textarea.value));
    textarea.removeAttribute('aria-invalid');
  } catch (e) {
    textarea.setAttribute('aria-invalid', 'true');
    textarea.setCustomValidity(`Not JSON: ${e.message}`);
    textarea.reportValidity();
  }
}

function typeOf(prop) {
  const t = prop.type;
  if (Array.isArray(t)) return t.find((x) => x !== 'null');
  if (t) return t;
  if (prop.const !== undefined || prop.enum) return 'string';
  return undefined;
}
