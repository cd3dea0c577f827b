// The console's router: #/signin, #/workflows, #/workflows/new, #/workflows/{id} and its
// /triggers, /triggers/{triggerId} and /stats, #/runs (?filters) and #/runs/{id}.
import * as session from './session.js';
import * as notice from './notice.js';
import { renderSignIn } from './pages/signin.js';
import { renderWorkflows } from './pages/workflows.js';
import { renderWorkflow } from './pages/workflow.js';
import { renderTriggers } from './pages/triggers.js';
import { renderTrigger } from './pages/trigger.js';
import { renderStats } from './pages/stats.js';
import { renderRuns } from './pages/runs.js';
import { renderRun } from './pages/run.js';
import { isCallback } from './oidc/pkce.js';
import { complete } from './oidc/oidc-signin.js';

const ROUTES = [
  [/^\/workflows\/([^/]+)\/triggers\/([^/]+)$/, (main, [id, trigger]) => renderTrigger(main, id, trigger)],
  [/^\/workflows\/([^/]+)\/triggers$/, (main, [id]) => renderTriggers(main, id)],
  [/^\/workflows\/([^/]+)\/stats$/, (main, [id]) => renderStats(main, id)],
  [/^\/workflows\/([^/]+)$/, (main, [id]) => renderWorkflow(main, id)],
  [/^\/runs\/([^/]+)$/, (main, [id]) => renderRun(main, id)],
  [/^\/runs$/, (main, _, query) => renderRuns(main, query)],
];

const main = document.getElementById('main');
let leave = null; // the current page's clean-up (stops streams and timers)

function route() {
  if (leave) leave();
  leave = null;
  notice.clear();
  const path = location.hash.replace(/^#/, '') || '/workflows';
  const who = session.current();
  showWho(who);
  if (!who && path !== '/signin') {
    location.hash = '#/signin';
    return;
  }
  const [target, search] = path.split('?');
  const found = ROUTES.map(([pattern, render]) => [target.match(pattern), render]).find(([m]) => m);
  if (target === '/signin') {
    leave = renderSignIn(main);
  } else if (found) {
    const [match, render] = found;
    leave = render(main, match.slice(1).map(decodeURIComponent), new URLSearchParams(search || ''));
  } else {
    leave = renderWorkflows(main);
  }
  main.focus();
}

function showWho(who) {
  document.getElementById('who').textContent = who ? `${who.userId} · ${who.workspaceId}` : '';
  document.getElementById('sign-out').hidden = !who;
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  location.hash = '#/signin';
});

window.addEventListener('outrun:unauthorized', () => {
  session.signOut();
  showWho(null);
  notice.info('Your token was refused or has expired: sign in again.');
});

/**
 * Back from the OIDC issuer (?code=…&state=…): the code is exchanged and removed from the address
 * (and from history) before any page is drawn.
 */
async function start() {
  const params = new URLSearchParams(location.search);
  let failure = null;
  if (isCallback(params)) {
    try {
      await complete(params);
    } catch (e) {
      failure = e;
    }
    history.replaceState(null, '', location.pathname + (failure ? '#/signin' : '#/workflows'));
  }
  window.addEventListener('hashchange', route);
  route();
  if (failure) notice.error(failure);
}

start();
