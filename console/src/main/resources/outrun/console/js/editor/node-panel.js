// The side panel of the selection. A node: its label, its data as a form from its type's schema
// beside the same data as raw JSON (either edits both), its problems, its edges, connecting it
// to another node from the keyboard, and removing it. An edge: what it joins, and removing it.
import { h, field } from '../dom.js';
import { schemaForm } from './schema-form.js';
import { outputsOf } from './node-types.js';

export function nodePanel(state, actions) {
  const sel = state.selection;
  if (sel?.kind === 'edge') return edgePanel(state.graph.edges.find((e) => e.id === sel.id), actions);
  const node = sel?.kind === 'node' && state.graph.nodes.find((n) => n.id === sel.id);
  if (!node) {
    return h('aside', { class: 'panel', id: 'panel', 'aria-label': 'Selection' },
      h('p', { class: 'hint' }, 'Select a node or an edge to edit it.'));
  }
  const type = state.nodeTypes.find((t) => t.type === node.type);
  const problems = state.errors.nodes.get(node.id) || [];
  const setData = (data) => actions.updateNode(node.id, { data });
  const raw = h('textarea', { id: 'node-data-json', name: 'node-data-json', rows: 12, spellcheck: 'false',
    'aria-describedby': 'node-data-json-error', value: JSON.stringify(node.data || {}, null, 2) });
  const rawError = h('p', { id: 'node-data-json-error', class: 'field-error', 'aria-live': 'polite' });
  raw.addEventListener('change', () => {
    try {
      const parsed = JSON.parse(raw.value);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('node data is a JSON object');
      rawError.textContent = '';
      setData(parsed);
    } catch (e) {
      rawError.textContent = `Not applied: ${e.message}`;
    }
  });
  const label = h('input', { id: 'node-label', value: node.data?.label || '',
    onchange: (e) => setData({ ...node.data, label: e.target.value || undefined }) });
  return h('aside', { class: 'panel', id: 'panel', 'aria-label': `Node ${node.id}` },
    h('h2', {}, `${type?.title || node.type} `, h('code', {}, node.id)),
    type?.description ? h('p', { class: 'hint' }, type.description) : null,
    problems.length ? h('ul', { class: 'problems', id: 'node-problems' },
      problems.map((p) => h('li', {}, `${p.field ? `${p.field}: ` : ''}${p.message}`))) : null,
    field('Label', label),
    h('div', { class: 'data-views' },
      h('section', { 'aria-label': 'Data form' }, h('h3', {}, 'Data'),
        type?.dataSchema ? schemaForm(type.dataSchema, node.data || {}, setData, problems)
          : h('p', { class: 'hint' }, 'No schema for this type: edit the JSON.')),
      h('section', { 'aria-label': 'Data as JSON' }, h('h3', {}, 'JSON'),
        field('Node data (JSON, applied when you leave the field)', raw), rawError)),
    connectForm(node, state, actions),
    h('button', { type: 'button', class: 'danger', id: 'remove-node', onclick: () => actions.removeNode(node.id) },
      'Remove node'));
}

function connectForm(node, state, actions) {
  const others = state.graph.nodes.filter((n) => n.id !== node.id);
  if (others.length === 0) return null;
  const outputs = outputsOf(state.nodeTypes, node.type);
  const target = h('select', { id: 'connect-target' }, others.map((n) => h('option', { value: n.id }, n.id)));
  const handle = h('select', { id: 'connect-handle' }, outputs.map((o) => h('option', { value: o }, o)));
  const edges = state.graph.edges.filter((e) => e.source === node.id || e.target === node.id);
  return h('section', { 'aria-label': 'Edges' }, h('h3', {}, 'Edges'),
    h('ul', {}, edges.map((e) => h('li', {}, `${e.source}${e.sourceHandle ? ` (${e.sourceHandle})` : ''} → ${e.target} `,
      h('button', { type: 'button', 'aria-label': `Remove edge ${e.source} to ${e.target}`,
        onclick: () => actions.removeEdge(e.id) }, 'Remove')))),
    h('div', { class: 'row' }, field('Connect to', target), outputs.length > 1 ? field('Output', handle) : null,
      h('button', { type: 'button', id: 'connect', onclick: () => actions.connect(node.id, handle.value, target.value) }, 'Connect')));
}

function edgePanel(edge, actions) {
  if (!edge) return h('aside', { class: 'panel', id: 'panel' });
  return h('aside', { class: 'panel', id: 'panel', 'aria-label': `Edge ${edge.id}` },
    h('h2', {}, 'Edge'),
    h('p', {}, `${edge.source}${edge.sourceHandle ? ` (${edge.sourceHandle})` : ''} → ${edge.target}`),
    h('button', { type: 'button', class: 'danger', id: 'remove-edge', onclick: () => actions.removeEdge(edge.id) },
      'Remove edge'));
}
