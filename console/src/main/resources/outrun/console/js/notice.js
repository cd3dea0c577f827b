// The page-wide message line (role="alert"): API problems and short confirmations.
import { describe } from './api.js';

const box = () => document.getElementById('notice');

export function error(e) {
  show(describe(e), 'error');
}

export function info(text) {
  show(text, 'info');
}

export function clear() {
  const el = box();
  el.hidden = true;
  el.textContent = '';
}

function show(text, kind) {
  const el = box();
  el.textContent = text;
  el.className = `notice ${kind}`;
  el.hidden = false;
}
