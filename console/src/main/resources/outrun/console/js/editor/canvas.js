// The graph as SVG, drawn from the nodes' positions and the edges. Pointer: drag a node to move
// it, drag from an output port onto another node to connect them, click an edge to select it.
// Keyboard: Tab to a node or edge, arrows move a node, Delete removes the selection.
import { s } from '../dom.js';
import { NODE_WIDTH, NODE_HEIGHT } from './graph.js';
import { outputsOf } from './node-types.js';

const MARGIN = 40;
const STEP = 10;

export function createCanvas(actions) {
  const svg = s('svg', { class: 'canvas', id: 'canvas', role: 'application',
    'aria-label': 'Workflow graph: Tab to a node or an edge; arrows move a node, Delete removes' });
  const edgeLayer = s('g', { class: 'edges' });
  const nodeLayer = s('g', { class: 'nodes' });
  const ghost = s('path', { class: 'ghost-edge', visibility: 'hidden' });
  svg.append(edgeLayer, nodeLayer, ghost);
  let view = null;
  let gesture = null;
  let last = null;

  function render(state) {
    last = state;
    if (!gesture) view = viewBox(state.graph);
    svg.setAttribute('viewBox', view.join(' '));
    const byId = new Map(state.graph.nodes.map((n) => [n.id, n]));
    edgeLayer.replaceChildren(...state.graph.edges.map((e) => drawEdge(e, byId, state)));
    nodeLayer.replaceChildren(...state.graph.nodes.map((n) => drawNode(n, state)));
    const focus = state.selection && svg.querySelector(`[data-${state.selection.kind}-id="${CSS.escape(state.selection.id)}"]`);
    if (focus && state.focus) focus.focus();
  }

  function drawNode(node, state) {
    const errors = state.errors.nodes.get(node.id) || [];
    const selected = state.selection?.kind === 'node' && state.selection.id === node.id;
    const { x, y } = node.position || { x: 0, y: 0 };
    const outputs = outputsOf(state.nodeTypes, node.type);
    const label = node.data?.label || node.id;
    const g = s('g', {
      class: ['node', selected && 'selected', errors.length && 'invalid'].filter(Boolean).join(' '),
      transform: `translate(${x} ${y})`, tabindex: 0, role: 'button', 'data-node-id': node.id,
      'aria-label': `${node.type} node ${label}${errors.length ? `, ${errors.length} problem(s)` : ''}`,
      'aria-pressed': selected ? 'true' : 'false',
    },
    s('rect', { class: 'body', width: NODE_WIDTH, height: NODE_HEIGHT, rx: 8 }),
    s('text', { class: 'title', x: 12, y: 22 }, clip(label, 20)),
    s('text', { class: 'type', x: 12, y: 42 }, node.type),
    s('circle', { class: 'port in', cx: 0, cy: NODE_HEIGHT / 2, r: 6 }),
    outputs.map((handle, i) => port(node, handle, i, outputs.length)),
    errors.map((err, i) => s('text', { class: 'node-error', x: 0, y: NODE_HEIGHT + 16 + i * 15 },
      clip(`${err.field ? `${err.field}: ` : ''}${err.message}`, 48))),
    s('title', {}, errors.map((e) => `${e.field}: ${e.message}`).join('\n') || `${node.id} (${node.type})`));
    g.addEventListener('pointerdown', (e) => startMove(e, node));
    g.addEventListener('keydown', (e) => nodeKey(e, node));
    return g;
  }

  function port(node, handle, index, count) {
    const cy = (NODE_HEIGHT * (index + 1)) / (count + 1);
    const circle = s('circle', { class: 'port out', cx: NODE_WIDTH, cy, r: 7, 'data-handle': handle,
      'data-port-of': node.id }, s('title', {}, `drag to connect ${node.id}${handle === 'default' ? '' : ` (${handle})`}`));
    circle.addEventListener('pointerdown', (e) => startConnect(e, node, handle, cy));
    if (count === 1) return circle;
    return s('g', {}, circle, s('text', { class: 'handle', x: NODE_WIDTH + 10, y: cy + 4 }, handle));
  }

  function drawEdge(edge, byId, state) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to) return s('g', {});
    const outputs = outputsOf(state.nodeTypes, from.type);
    const index = Math.max(0, outputs.indexOf(edge.sourceHandle || 'default'));
    const start = { x: from.position.x + NODE_WIDTH, y: from.position.y + (NODE_HEIGHT * (index + 1)) / (outputs.length + 1) };
    const end = { x: to.position.x, y: to.position.y + NODE_HEIGHT / 2 };
    const d = curve(start, end);
    const selected = state.selection?.kind === 'edge' && state.selection.id === edge.id;
    const invalid = state.errors.edges.has(edge.id);
    const g = s('g', { class: ['edge', selected && 'selected', invalid && 'invalid'].filter(Boolean).join(' '),
      tabindex: 0, role: 'button', 'data-edge-id': edge.id,
      'aria-label': `edge from ${edge.source}${edge.sourceHandle ? ` (${edge.sourceHandle})` : ''} to ${edge.target}` },
    s('path', { class: 'hit', d }), s('path', { class: 'line', d }));
    g.addEventListener('click', () => actions.select({ kind: 'edge', id: edge.id }));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Delete' || e.key === 'Backspace') { e.preventDefault(); actions.removeEdge(edge.id); }
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); actions.select({ kind: 'edge', id: edge.id }); }
    });
    return g;
  }

  function startMove(event, node) {
    if (event.button !== 0 || event.target.classList.contains('out')) return;
    const at = point(event);
    gesture = { kind: 'move', id: node.id, dx: at.x - node.position.x, dy: at.y - node.position.y, moved: false };
    track(event, (e) => {
      const p = point(e);
      gesture.moved = true;
      actions.move(node.id, { x: p.x - gesture.dx, y: p.y - gesture.dy }, false);
    }, () => {
      if (gesture.moved) actions.move(node.id, null, true);
      else actions.select({ kind: 'node', id: node.id });
    });
  }

  function startConnect(event, node, handle, cy) {
    if (event.button !== 0) return;
    event.stopPropagation();
    const start = { x: node.position.x + NODE_WIDTH, y: node.position.y + cy };
    gesture = { kind: 'connect' };
    track(event, (e) => {
      ghost.setAttribute('d', curve(start, point(e)));
      ghost.setAttribute('visibility', 'visible');
    }, (e) => {
      ghost.setAttribute('visibility', 'hidden');
      const target = document.elementFromPoint(e.clientX, e.clientY)?.closest('[data-node-id]');
      if (target) actions.connect(node.id, handle, target.getAttribute('data-node-id'));
    });
  }

  function track(event, onMove, onEnd) {
    event.preventDefault();
    const move = (e) => onMove(e);
    const up = (e) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      onEnd(e);
      gesture = null;
      if (last) render(last);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }

  function nodeKey(event, node) {
    const arrows = { ArrowLeft: [-STEP, 0], ArrowRight: [STEP, 0], ArrowUp: [0, -STEP], ArrowDown: [0, STEP] };
    if (arrows[event.key]) {
      event.preventDefault();
      const [dx, dy] = arrows[event.key];
      actions.move(node.id, { x: node.position.x + dx, y: node.position.y + dy }, true);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      actions.removeNode(node.id);
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      actions.select({ kind: 'node', id: node.id });
    }
  }

  /** A pointer's position in graph coordinates (where a node dropped there would be). */
  function point(event) {
    const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
    return { x: p.x, y: p.y };
  }

  return { element: svg, render, point };
}

function viewBox(graph) {
  const xs = graph.nodes.map((n) => n.position?.x ?? 0);
  const ys = graph.nodes.map((n) => n.position?.y ?? 0);
  const minX = Math.min(0, ...xs) - MARGIN;
  const minY = Math.min(0, ...ys) - MARGIN;
  const maxX = Math.max(800, ...xs.map((x) => x + NODE_WIDTH + 2 * MARGIN));
  const maxY = Math.max(440, ...ys.map((y) => y + NODE_HEIGHT + 3 * MARGIN));
  return [minX, minY, maxX - minX, maxY - minY];
}

function curve(a, b) {
  const bend = Math.max(40, Math.abs(b.x - a.x) / 2);
  return `M ${a.x} ${a.y} C ${a.x + bend} ${a.y}, ${b.x - bend} ${b.y}, ${b.x} ${b.y}`;
}

function clip(text, max) {
  const t = String(text);
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
