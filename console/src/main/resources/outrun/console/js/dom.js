// Building DOM without innerHTML: every text is a text node, so nothing from the API is markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

function fill(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key === 'value' && 'value' in el) {
      el.value = value;
    } else if (key === 'checked' && 'checked' in el) {
      el.checked = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** An HTML element: h('button', {type: 'button', onclick: f}, 'Save'). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element, the same way. */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  return fill(el, {}, children);
}

/** A labelled form control: <label>text <control></label>. */
export function field(label, control, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'label' }, label), control,
    hint ? h('small', { class: 'hint' }, hint) : null);
}

/** A short date and time in the user's locale, or a dash. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** A duration in ms as "850 ms", "12.4 s" or "3 min 5 s", or a dash. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}

/** JSON folded under a summary: <details><summary>label</summary><pre>…</pre></details>. */
export function folded(label, value, open = false) {
  return h('details', { class: 'json', open },
    h('summary', {}, label), h('pre', {}, JSON.stringify(value ?? null, null, 2)));
}

/**
 * A read-only text with a copy button: the clipboard gets the text, and a polite status line
 * says whether it did (the clipboard API needs this page focused and its permission).
 */
export function copyable(id, label, text) {
  const box = h('input', { id, readonly: true, value: text, class: 'copy-text', spellcheck: 'false' });
  const status = h('span', { class: 'hint', role: 'status', id: `${id}-copied` });
  const button = h('button', { type: 'button', id: `${id}-copy`, 'aria-label': `Copy ${label}`, onclick: async () => {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = 'Copied.';
    } catch (e) {
      box.select();
      status.textContent = `Not copied (${e.message}): the text is selected, press Ctrl+C.`;
    }
  } }, 'Copy');
  return h('div', { class: 'copyable' }, field(label, h('span', { class: 'row' }, box, button)), status);
}
