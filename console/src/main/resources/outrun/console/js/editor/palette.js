// The palette of node types, grouped by category. Drag an entry onto the canvas to add a node
// there, or press it (click, Enter, Space) to add one beside the others.
import { h } from '../dom.js';

const ORDER = ['trigger', 'action', 'logic', 'data', 'ai', 'flow'];

export function createPalette(nodeTypes, { dropAt, add }) {
  const groups = new Map();
  for (const type of nodeTypes) {
    const list = groups.get(type.category) || [];
    list.push(type);
    groups.set(type.category, list);
  }
  const categories = [...groups.keys()].sort((a, b) => rank(a) - rank(b));
  return h('nav', { class: 'palette', id: 'palette', 'aria-label': 'Node types: drag onto the canvas or press to add' },
    h('h2', {}, 'Add a node'),
    categories.map((category) => h('section', {},
      h('h3', {}, category),
      groups.get(category).map((type) => entry(type, dropAt, add)))));
}

function entry(type, dropAt, add) {
  const button = h('button', { type: 'button', class: 'palette-entry', 'data-node-type': type.type,
    title: type.description || type.type, onclick: () => add(type.type) }, type.title || type.type);
  button.addEventListener('pointerdown', (event) => drag(event, type, dropAt));
  return button;
}

function drag(event, type, dropAt) {
  if (event.button !== 0) return;
  const start = { x: event.clientX, y: event.clientY };
  let ghost = null;
  const move = (e) => {
    if (!ghost && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 4) return;
    ghost ??= document.body.appendChild(h('div', { class: 'drag-ghost', 'aria-hidden': 'true' }, type.title || type.type));
    ghost.style.left = `${e.clientX + 8}px`;
    ghost.style.top = `${e.clientY + 8}px`;
  };
  const up = (e) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    if (!ghost) return; // a press, not a drag: the click adds it
    ghost.remove();
    dropAt(type.type, e);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

function rank(category) {
  const i = ORDER.indexOf(category);
  return i < 0 ? ORDER.length : i;
}
