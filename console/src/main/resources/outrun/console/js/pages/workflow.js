// The workflow page: the graph editor (palette, canvas, selection panel), save (the next
// version), deploy (the gate's reasons shown, field errors on the nodes they name), pause,
// resume, undeploy, a test run, and the versions and deployments with rollback.
import { h, field, replace } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';
import * as graphs from '../editor/graph.js';
import { createCanvas } from '../editor/canvas.js';
import { createPalette } from '../editor/palette.js';
import { nodePanel } from '../editor/node-panel.js';
import { loadNodeTypes } from '../editor/node-types.js';
import { createRunPanel } from '../runs/run-panel.js';
import { createHistory } from './workflow-history.js';
import { problemBox, showProblem as showProblemBox } from '../problem-view.js';
import { workflowNav } from './workflow-nav.js';

const LIFECYCLE = [
  ['pause', 'Pause', (s) => s === 'active'],
  ['resume', 'Resume', (s) => s === 'paused'],
  ['undeploy', 'Undeploy', (s) => s === 'active' || s === 'paused'],
];

export function renderWorkflow(main, id) {
  const state = {
    workflow: { id: id === 'new' ? null : id, name: 'Untitled workflow', status: 'draft', version: 0, settings: {} },
    graph: { nodes: [], edges: [] }, selection: null, errors: graphs.errorsByTarget([]),
    nodeTypes: [], dirty: false, focus: false,
  };
  const ui = layout(state);
  replace(main, ui.root);
  const canvas = createCanvas(editing(state, ui, () => canvas));
  ui.canvasSlot.append(canvas.element);
  const runs = createRunPanel(() => state.workflow.id);
  const history = createHistory((wf) => { adopt(state, wf); ui.refresh(); history.load(state.workflow); });
  ui.below.append(runs.element, history.element);
  ui.refresh = () => refresh(state, ui, canvas);
  ui.save = () => save(state, ui, history);
  ui.deploy = () => deploy(state, ui, history);
  ui.lifecycle = (action) => lifecycle(state, ui, history, action);
  start(state, ui, canvas, history);
  return () => runs.close();
}

async function start(state, ui, canvas, history) {
  const types = await loadNodeTypes();
  state.nodeTypes = types.nodeTypes;
  if (types.degraded) ui.degraded.textContent = types.degraded;
  ui.degraded.hidden = !types.degraded;
  ui.paletteSlot.append(createPalette(types.nodeTypes, {
    dropAt: (type, event) => {
      const box = canvas.element.getBoundingClientRect();
      if (event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom) return;
      const at = canvas.point(event);
      addNode(state, ui, type, { x: at.x - graphs.NODE_WIDTH / 2, y: at.y - graphs.NODE_HEIGHT / 2 });
    },
    add: (type) => addNode(state, ui, type, graphs.freeSpot(state.graph)),
  }));
  if (state.workflow.id) {
    try {
      adopt(state, await api.get(`/api/workflows/${encodeURIComponent(state.workflow.id)}`));
    } catch (e) {
      notice.error(e);
    }
  }
  ui.refresh();
  history.load(state.workflow);
}

function addNode(state, ui, type, position) {
  const { graph, node } = graphs.addNode(state.graph, type, position);
  change(state, graph);
  state.selection = { kind: 'node', id: node.id };
  state.focus = true;
  ui.refresh();
}

/** What the canvas and the panel may do to the graph. */
function editing(state, ui, canvas) {
  const redraw = () => ui.refresh();
  return {
    select: (selection) => { state.selection = selection; state.focus = true; redraw(); },
    move: (nodeId, position, done) => {
      if (position) change(state, graphs.moveNode(state.graph, nodeId, position));
      if (done) redraw(); else canvas().render(state);
    },
    connect: (source, handle, target) => {
      const { graph, refused } = graphs.connect(state.graph, source, target, handle);
      if (refused) notice.info(refused); else change(state, graph);
      redraw();
    },
    removeEdge: (edgeId) => { change(state, graphs.removeEdge(state.graph, edgeId)); state.selection = null; redraw(); },
    removeNode: (nodeId) => { change(state, graphs.removeNode(state.graph, nodeId)); state.selection = null; redraw(); },
    updateNode: (nodeId, changes) => { change(state, graphs.updateNode(state.graph, nodeId, changes)); redraw(); },
  };
}

function change(state, graph) {
  state.graph = graph;
  state.dirty = true;
}

function adopt(state, wf) {
  state.workflow = { id: wf.id, name: wf.name, status: wf.status, version: wf.version,
    deployedVersion: wf.deployedVersion, settings: wf.settings || {} };
  state.graph = { nodes: wf.nodes || [], edges: wf.edges || [] };
  state.dirty = false;
}

async function save(state, ui, history) {
  const wf = state.workflow;
  const body = { name: wf.name.trim(), nodes: state.graph.nodes, edges: state.graph.edges, settings: wf.settings };
  try {
    const saved = wf.id
      ? await api.put(`/api/workflows/${encodeURIComponent(wf.id)}`, { ...body, version: wf.version })
      : await api.post('/api/workflows', body);
    showProblem(state, ui, null);
    if (!wf.id) {
      location.replace(`#/workflows/${encodeURIComponent(saved.id)}`);
      return;
    }
    adopt(state, saved);
    ui.refresh();
    notice.info(`Saved as version ${saved.version}.`);
    history.load(state.workflow);
  } catch (e) {
    showProblem(state, ui, e);
  }
}

async function deploy(state, ui, history) {
  if (state.dirty || !state.workflow.id) {
    notice.info('Save your changes first: deploy runs the saved version.');
    return;
  }
  try {
    adopt(state, await api.post(`/api/workflows/${encodeURIComponent(state.workflow.id)}/deploy`));
    showProblem(state, ui, null);
    notice.info(`Deployed: version ${state.workflow.deployedVersion} runs now.`);
    history.load(state.workflow);
  } catch (e) {
    showProblem(state, ui, e);
  }
}

async function lifecycle(state, ui, history, action) {
  try {
    adopt(state, await api.post(`/api/workflows/${encodeURIComponent(state.workflow.id)}/${action}`));
    showProblem(state, ui, null);
    history.load(state.workflow);
  } catch (e) {
    showProblem(state, ui, e);
  }
}

/** The API's refusal in the problems box, and its field errors on the nodes and edges they name. */
function showProblem(state, ui, error) {
  state.errors = graphs.errorsByTarget(error?.errors || []);
  showProblemBox(ui.problems, error);
  if (!error?.problem && error) notice.error(error);
  ui.refresh();
}

function refresh(state, ui, canvas) {
  const wf = state.workflow;
  if (document.activeElement !== ui.name) ui.name.value = wf.name;
  ui.status.textContent = wf.status;
  ui.status.className = `status ${wf.status}`;
  ui.version.textContent = wf.id ? `v${wf.version}${wf.deployedVersion ? `, v${wf.deployedVersion} deployed` : ''}${state.dirty ? ', unsaved changes' : ''}` : 'not saved yet';
  for (const [action, , allowed] of LIFECYCLE) ui.buttons[action].disabled = !wf.id || !allowed(wf.status);
  ui.buttons.deploy.disabled = wf.status === 'archived';
  canvas.render(state);
  const focused = document.activeElement?.id;
  ui.panelSlot.replaceChildren(nodePanel(state, editing(state, ui, () => canvas)));
  if (focused && ui.panelSlot.querySelector(`#${CSS.escape(focused)}`)) document.getElementById(focused).focus();
  state.focus = false;
}

function layout(state) {
  const ui = {};
  ui.name = h('input', { id: 'workflow-name', value: state.workflow.name, required: true,
    oninput: (e) => { state.workflow.name = e.target.value; state.dirty = true; } });
  ui.status = h('span', { id: 'workflow-status' });
  ui.version = h('span', { id: 'workflow-version', class: 'hint' });
  ui.buttons = {
    save: h('button', { type: 'button', id: 'save', class: 'primary', onclick: () => ui.save() }, 'Save'),
    deploy: h('button', { type: 'button', id: 'deploy', onclick: () => ui.deploy() }, 'Deploy'),
  };
  for (const [action, title] of LIFECYCLE) {
    ui.buttons[action] = h('button', { type: 'button', id: action, onclick: () => ui.lifecycle(action) }, title);
  }
  ui.degraded = h('p', { class: 'degraded', id: 'node-types-degraded', role: 'status', hidden: true });
  ui.problems = problemBox('problems');
  ui.paletteSlot = h('div', { class: 'palette-slot' });
  ui.canvasSlot = h('div', { class: 'canvas-slot' });
  ui.panelSlot = h('div', { class: 'panel-slot' });
  ui.below = h('div', { class: 'below' });
  ui.root = h('div', { class: 'workflow-page' },
    h('div', { class: 'heading' }, h('h1', {}, h('a', { href: '#/workflows' }, 'Workflows'), ' / ', field('Name', ui.name)),
      ui.status, ui.version, state.workflow.id ? workflowNav(state.workflow.id, 'editor') : null),
    h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Workflow actions' }, Object.values(ui.buttons)),
    ui.degraded, ui.problems,
    h('div', { class: 'editor' }, ui.paletteSlot, ui.canvasSlot, ui.panelSlot),
    ui.below);
  return ui;
}
