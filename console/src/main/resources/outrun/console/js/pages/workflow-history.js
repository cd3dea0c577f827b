// A workflow's versions and deployments, and rollback to an earlier deployed version.
import { h, field, replace, when } from '../dom.js';
import * as api from '../api.js';
import * as notice from '../notice.js';

export function createHistory(onRolledBack) {
  const element = h('section', { class: 'card', 'aria-labelledby': 'history-title' },
    h('h2', { id: 'history-title' }, 'Versions and deployments'));

  async function load(workflow) {
    if (!workflow.id) {
      replace(element, h('h2', { id: 'history-title' }, 'Versions and deployments'), h('p', { class: 'hint' }, 'Saved versions appear here.'));
      return;
    }
    const base = `/api/workflows/${encodeURIComponent(workflow.id)}`;
    try {
      const [versions, deployments] = await Promise.all([api.get(`${base}/versions`), api.get(`${base}/deployments`)]);
      replace(element, h('h2', { id: 'history-title' }, 'Versions and deployments'),
        h('div', { class: 'columns' }, versionTable(versions), deploymentTable(deployments)),
        rollbackForm(base, versions, workflow, onRolledBack));
    } catch (e) {
      notice.error(e);
    }
  }

  return { element, load };
}

function versionTable(versions) {
  return h('table', { class: 'list', id: 'versions' }, h('caption', {}, 'Versions'),
    h('thead', {}, h('tr', {}, ['Version', 'Saved by', 'Saved', 'Deployed'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, versions.map((v) => h('tr', {},
      h('th', { scope: 'row' }, `v${v.version}`), h('td', {}, v.savedBy || ''), h('td', {}, when(v.savedAt)),
      h('td', {}, v.deployed ? 'running now' : v.everDeployed ? 'earlier' : '')))));
}

function deploymentTable(deployments) {
  return h('table', { class: 'list', id: 'deployments' }, h('caption', {}, 'Deployments'),
    h('thead', {}, h('tr', {}, ['Version', 'Kind', 'By', 'When'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, deployments.length === 0 ? h('tr', {}, h('td', { colspan: 4 }, 'Never deployed.'))
      : deployments.map((d) => h('tr', {},
        h('th', { scope: 'row' }, `v${d.version}`), h('td', {}, d.kind), h('td', {}, d.deployedBy || ''),
        h('td', {}, when(d.deployedAt))))));
}

function rollbackForm(base, versions, workflow, onRolledBack) {
  const earlier = versions.filter((v) => v.everDeployed && v.version !== workflow.deployedVersion);
  if (earlier.length === 0) return null;
  const choice = h('select', { id: 'rollback-version' }, earlier.map((v) => h('option', { value: v.version }, `v${v.version}`)));
  return h('div', { class: 'row' }, field('Roll back to', choice),
    h('button', { type: 'button', id: 'rollback', onclick: async () => {
      try {
        onRolledBack(await api.post(`${base}/rollback`, { version: Number(choice.value) }));
        notice.info(`Rolled back: v${choice.value} runs now.`);
      } catch (e) {
        notice.error(e);
      }
    } }, 'Roll back'));
}
