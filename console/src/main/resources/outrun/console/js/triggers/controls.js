// Small labelled controls the trigger forms share; each control's id is "trigger-<key>".
import { h, field } from '../dom.js';

export function choice(key, label, options, value, hint) {
  const select = h('select', { id: `trigger-${key}`, name: key },
    options.map((o) => h('option', { value: o, selected: o === value }, o)));
  return { control: select, element: field(label, select, hint) };
}

export function text(key, label, value, hint, attrs = {}) {
  const input = h('input', { id: `trigger-${key}`, name: key, value: value ?? '', spellcheck: 'false', ...attrs });
  return { control: input, element: field(label, input, hint) };
}

export function whole(key, label, value, min, max, hint) {
  const input = h('input', { id: `trigger-${key}`, name: key, type: 'number', step: 1, min, max, value: value ?? '' });
  return { control: input, element: field(label, input, hint) };
}

/** The number in an input, or undefined when it is empty (the API's default then applies). */
export function numberOf(input) {
  return input.value.trim() === '' ? undefined : Number(input.value);
}

/** A JSON textarea; read() gives its value (undefined when empty) or throws naming the field. */
export function jsonArea(key, label, value, hint) {
  const area = h('textarea', { id: `trigger-${key}`, name: key, rows: 3, spellcheck: 'false',
    value: value === undefined ? '' : JSON.stringify(value, null, 2) });
  const read = () => {
    if (area.value.trim() === '') return undefined;
    try {
      const parsed = JSON.parse(area.value);
      area.removeAttribute('aria-invalid');
      return parsed;
    } catch (e) {
      area.setAttribute('aria-invalid', 'true');
      area.focus();
      throw new Error(`${label} is not JSON: ${e.message}`);
    }
  };
  return { control: area, element: field(label, area, hint), read };
}

/** The object without its undefined entries. */
export function defined(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
