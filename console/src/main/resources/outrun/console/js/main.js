// The console's router: #/signin, #/workflows, #/workflows/new, #/workflows/{id}.
import * as session from './session.js';
import * as notice from './notice.js';
import { renderSignIn } from './pages/signin.js';
import { renderWorkflows } from './pages/workflows.js';
import { renderWorkflow } from './pages/workflow.js';

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
  const workflow = path.match(/^\/workflows\/([^/]+)$/);
  if (path === '/signin') {
    leave = renderSignIn(main);
  } else if (workflow) {
    leave = renderWorkflow(main, decodeURIComponent(workflow[1]));
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

window.addEventListener('hashchange', route);
route();
