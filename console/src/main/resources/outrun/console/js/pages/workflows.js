// The workflows list: status, version, deployed version, last run and success rate
// (GET /api/workflows, then GET /api/workflows/{id}/stats for each).
import { h, replace, when } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';

export function renderWorkflows(main) {
  const body = h('tbody', {});
  replace(main,
    h('div', { class: 'heading' }, h('h1', {}, 'Workflows'),
      h('a', { class: 'button', href: '#/workflows/new', id: 'new-workflow' }, 'New workflow')),
    h('table', { class: 'list', id: 'workflows' },
      h('caption', { class: 'sr-only' }, 'Workflows of this workspace, newest first'),
      h('thead', {}, h('tr', {}, ['Name', 'Status', 'Version', 'Deployed', 'Last run', 'Success rate']
        .map((t) => h('th', { scope: 'col' }, t)))),
      body));
  load(body);
  return null;
}

async function load(body) {
  try {
    const workflows = await api.get('/api/workflows?limit=100');
    if (workflows.length === 0) {
      replace(body, h('tr', {}, h('td', { colspan: 6 }, 'No workflows yet: create one.')));
      return;
    }
    replace(body, workflows.map((wf) => row(wf)));
  } catch (e) {
    notice.error(e);
  }
}

function row(wf) {
  const last = h('td', {}, '…');
  const rate = h('td', {}, '…');
  api.get(`/api/workflows/${encodeURIComponent(wf.id)}/stats`).then((stats) => {
    last.textContent = when(stats.lastRunAt);
    rate.textContent = stats.totalRuns
      ? `${Math.round((100 * stats.successfulRuns) / stats.totalRuns)}% of ${stats.totalRuns}`
      : 'no runs';
  }).catch((e) => {
    last.textContent = '?';
    rate.textContent = api.describe(e);
  });
  return h('tr', { 'data-workflow': wf.id },
    h('th', { scope: 'row' }, h('a', { href: `#/workflows/${encodeURIComponent(wf.id)}` }, wf.name)),
    h('td', {}, h('span', { class: `status ${wf.status}` }, wf.status)),
    h('td', {}, `v${wf.version}`),
    h('td', {}, wf.deployedVersion ? `v${wf.deployedVersion}` : '—'),
    last, rate);
}
