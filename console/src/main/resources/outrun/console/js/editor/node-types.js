// The node types the palette offers and their data schemas: GET /api/node-types. A server
// without that endpoint still gets a palette (the contract's types) and a clear message that
// node data is edited as raw JSON only.
import * as api from '../api.js';

const CONTRACT_TYPES = [
  ['http_request', 'HTTP request', 'action'],
  ['webhook', 'Webhook call', 'action'],
  ['transform', 'Transform', 'data'],
  ['condition', 'Condition', 'logic'],
  ['delay', 'Delay', 'flow'],
  ['ai_agent', 'AI agent', 'ai'],
  ['log', 'Log', 'action'],
  ['fail', 'Fail', 'flow'],
];

/** {nodeTypes: [...], degraded: null | "why the schemas are missing"} */
export async function loadNodeTypes() {
  try {
    const { nodeTypes } = await api.get('/api/node-types');
    if (Array.isArray(nodeTypes) && nodeTypes.length > 0) return { nodeTypes, degraded: null };
    return fallback('the server listed no node types');
  } catch (e) {
    return fallback(api.describe(e));
  }
}

function fallback(reason) {
  return {
    nodeTypes: CONTRACT_TYPES.map(([type, title, category]) => ({
      type, title, category, description: '', dataSchema: null,
      outputs: type === 'condition' ? ['true', 'false'] : ['default'],
    })),
    degraded: `Node type schemas are unavailable (GET /api/node-types: ${reason}); `
      + 'the palette shows the built-in types and node data is edited as raw JSON.',
  };
}

/** The outputs of a node of `type` (["default"] when unknown). */
export function outputsOf(nodeTypes, type) {
  return nodeTypes.find((t) => t.type === type)?.outputs || ['default'];
}
