// The workflow graph as the editor changes it: plain functions over {nodes, edges}, each
// returning a new graph (or the same one when nothing changes). No DOM here.

export const NODE_WIDTH = 170;
export const NODE_HEIGHT = 56;

/** A fresh id for a node of `type`: its type with a number, unique in the graph. */
export function nextNodeId(graph, type) {
  const base = type.replace(/[^A-Za-z0-9]+/g, '_');
  const taken = new Set(graph.nodes.map((n) => n.id));
  let n = 1;
  while (taken.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}

export function addNode(graph, type, position, data = {}) {
  const node = { id: nextNodeId(graph, type), type, position: round(position), data };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, node };
}

/** A free spot for a node added from the keyboard: right of the rightmost node. */
export function freeSpot(graph) {
  if (graph.nodes.length === 0) return { x: 40, y: 40 };
  const right = Math.max(...graph.nodes.map((n) => n.position?.x ?? 0));
  const top = Math.min(...graph.nodes.map((n) => n.position?.y ?? 0));
  return { x: right + NODE_WIDTH + 60, y: top };
}

export function moveNode(graph, id, position) {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (n.id === id ? { ...n, position: round(position) } : n)),
  };
}

export function updateNode(graph, id, changes) {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, ...changes } : n)) };
}

export function removeNode(graph, id) {
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => n.id !== id),
    edges: graph.edges.filter((e) => e.source !== id && e.target !== id),
  };
}

/**
 * An edge from `source` (its output `handle`, null for the only one) to `target`; refused
 * (returns {graph, refused}) for a loop onto itself or an edge that already exists.
 */
export function connect(graph, source, target, handle) {
  if (source === target) return { graph, refused: 'A node cannot connect to itself.' };
  const sourceHandle = handle && handle !== 'default' ? handle : undefined;
  if (graph.edges.some((e) => e.source === source && e.target === target
      && (e.sourceHandle || undefined) === sourceHandle)) {
    return { graph, refused: `${source} already connects to ${target}.` };
  }
  const id = ['e', source, sourceHandle, target].filter(Boolean).join('_');
  const edge = { id, source, target, ...(sourceHandle ? { sourceHandle } : {}) };
  return { graph: { ...graph, edges: [...graph.edges, edge] }, edge };
}

export function removeEdge(graph, id) {
  return { ...graph, edges: graph.edges.filter((e) => e.id !== id) };
}

/**
 * The API's field errors by what they name: nodes[ID]... to that node, edges[ID]... to that
 * edge, anything else to the workflow.
 */
export function errorsByTarget(errors) {
  const nodes = new Map();
  const edges = new Map();
  const other = [];
  for (const error of errors || []) {
    const match = /^(nodes|edges)\[([^\]]+)\](?:\.(.*))?$/.exec(error.field || '');
    if (!match) {
      other.push(error);
      continue;
    }
    const into = match[1] === 'nodes' ? nodes : edges;
    const list = into.get(match[2]) || [];
    list.push({ field: match[3] || '', message: error.message });
    into.set(match[2], list);
  }
  return { nodes, edges, other };
}

function round(position) {
  return { x: Math.round(position.x), y: Math.round(position.y) };
}
