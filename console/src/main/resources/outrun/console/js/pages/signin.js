// Sign-in: a dev token from the local stack (POST /api/dev/tokens), or a pasted bearer token
// (production: an access token from the OIDC issuer; console/README.md says how to get one).
import { h, field, replace } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as notice from '../notice.js';

export function renderSignIn(main) {
  const user = h('input', { id: 'signin-user', name: 'userId', required: true, value: 'u1', autocomplete: 'username' });
  const workspace = h('input', { id: 'signin-workspace', name: 'workspaceId', required: true, value: 'ws-1' });
  const role = h('select', { id: 'signin-role', name: 'role' },
    ['admin', 'editor', 'viewer'].map((r) => h('option', { value: r }, r)));
  const pasted = h('textarea', { id: 'signin-token', name: 'token', rows: 3, spellcheck: 'false' });

  const dev = h('form', { class: 'card', 'aria-labelledby': 'dev-title', onsubmit: (e) => devToken(e, user, workspace, role) },
    h('h2', { id: 'dev-title' }, 'Local stack: a dev token'),
    h('p', {}, 'For ./outrun up: pick a workspace and a user; the stack signs a 12-hour token.'),
    field('User', user), field('Workspace', workspace), field('Role', role),
    h('button', { type: 'submit', id: 'signin-dev' }, 'Sign in with a dev token'));

  const paste = h('form', { class: 'card', 'aria-labelledby': 'paste-title', onsubmit: (e) => pastedToken(e, pasted) },
    h('h2', { id: 'paste-title' }, 'Bearer token'),
    h('p', {}, 'Production: paste an access token your identity provider issued for this API ',
      '(OIDC authorization code with PKCE against the configured issuer). It is kept in this tab only.'),
    field('Access token', pasted),
    h('button', { type: 'submit', id: 'signin-paste' }, 'Use this token'));

  replace(main, h('h1', {}, 'Sign in'), h('div', { class: 'columns' }, dev, paste));
  return null;
}

async function devToken(event, user, workspace, role) {
  event.preventDefault();
  const body = { userId: user.value.trim(), workspaceId: workspace.value.trim() };
  if (role.value !== 'admin') body.role = role.value; // older stacks know only the admin default
  try {
    const { token } = await api.post('/api/dev/tokens', body, { auth: false });
    session.signIn(token, body.userId, body.workspaceId);
    location.hash = '#/workflows';
  } catch (e) {
    notice.error(e.status === 401 || e.status === 404
      ? new api.ApiError({ ...e.problem, detail: 'This server offers no dev tokens (a production stack): paste a bearer token.' })
      : e);
  }
}

function pastedToken(event, pasted) {
  event.preventDefault();
  const token = pasted.value.trim().replace(/^Bearer\s+/i, '');
  if (!token) {
    notice.info('Paste a token first.');
    return;
  }
  const claims = session.claims(token);
  session.signIn(token, claims.sub || 'unknown user', claims.workspaceId || 'unknown workspace');
  location.hash = '#/workflows';
}
