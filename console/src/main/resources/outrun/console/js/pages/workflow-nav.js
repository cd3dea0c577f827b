// The links between a workflow's pages: its editor, triggers, runs and stats.
import { h } from '../dom.js';

export function workflowNav(workflowId, current) {
  const id = encodeURIComponent(workflowId);
  const links = [
    ['editor', 'Editor', `#/workflows/${id}`],
    ['triggers', 'Triggers', `#/workflows/${id}/triggers`],
    ['runs', 'Runs', `#/runs?workflowId=${id}`],
    ['stats', 'Stats', `#/workflows/${id}/stats`],
  ];
  return h('nav', { class: 'subnav', 'aria-label': 'This workflow' }, links.map(([key, text, href]) =>
    h('a', { href, 'aria-current': key === current ? 'page' : undefined }, text)));
}
