// An API refusal as it came: its title and status, detail, the field errors naming their fields,
// and a dependency cycle's chain. Used by every page that shows a problem beside its form.
import { h, replace } from './dom.js';

/** Fills box with the error's problem (or empties and hides it for null); returns the box. */
export function showProblem(box, error, names = {}) {
  const p = error?.problem;
  if (!p) {
    replace(box);
    box.hidden = true;
    return box;
  }
  const chain = Array.isArray(p.chain) ? p.chain : null;
  replace(box,
    h('h2', {}, `${p.title || 'Refused'} (${p.status})`),
    p.detail ? h('p', {}, p.detail) : null,
    chain ? h('p', { class: 'chain' }, 'Cycle: ', chain.map((id) => names[id] || id).join(' → ')) : null,
    h('ul', {}, (error.errors || []).map((err) => h('li', {}, h('code', {}, err.field), ` ${err.message}`))));
  box.hidden = false;
  return box;
}

/** An empty problems box (role="alert") for showProblem. */
export function problemBox(id) {
  return h('section', { class: 'problems-box', id, role: 'alert', hidden: true });
}
