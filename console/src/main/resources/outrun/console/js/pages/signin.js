// Sign-in, as GET /api/console/config allows: at the OIDC issuer (authorization code with PKCE,
// oidc/oidc-signin.js), a dev token from the local stack (POST /api/dev/tokens), or a pasted bearer
// token (the fallback). Without that endpoint (an older server) the dev and paste forms are shown.
import { h, field, replace } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as notice from '../notice.js';
import * as oidc from '../oidc/oidc-signin.js';

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
    h('p', {}, 'Or paste an access token your identity provider issued for this API. ',
      'It is kept in this tab only.'),
    field('Access token', pasted),
    h('button', { type: 'submit', id: 'signin-paste' }, 'Use this token'));

  const columns = h('div', { class: 'columns' }, paste);
  replace(main, h('h1', {}, 'Sign in'), columns);
  api.get('/api/console/config', { auth: false })
    .catch(() => ({ devTokens: true, oidc: null }))
    .then((config) => {
      if (config.devTokens) columns.prepend(dev);
      if (config.oidc) columns.prepend(issuerCard(config.oidc));
    });
  return null;
}

function issuerCard(config) {
  const host = new URL(config.issuer).host;
  const button = h('button', { type: 'button', id: 'signin-oidc' }, `Sign in with ${host}`);
  button.addEventListener('click', () => {
    button.disabled = true;
    oidc.begin(config).catch((e) => {
      button.disabled = false;
      notice.error(e);
    });
  });
  return h('section', { class: 'card', 'aria-labelledby': 'oidc-title' },
    h('h2', { id: 'oidc-title' }, 'Single sign-on'),
    h('p', {}, `Sign in at ${host}; you come back here signed in, in this tab only.`),
    button);
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
      ? new api.ApiError({ ...e.problem, detail: 'This server offers no dev tokens (a production stack): sign in at its identity provider or paste a bearer token.' })
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
