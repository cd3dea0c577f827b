// Signing in at the OIDC issuer: discovery, the redirect to its authorization endpoint, and on the
// way back the code exchanged for an access token, kept as the dev token is (session.js). The
// code_verifier and state wait in sessionStorage (this tab) while the browser is at the issuer.
import * as pkce from './pkce.js';
import * as session from '../session.js';

const KEY = 'outrun.oidc.pending';

/** The console's own address, without query or hash: the redirect URI registered at the issuer. */
export function redirectUri() {
  return location.origin + location.pathname;
}

/** The issuer's endpoints from its /.well-known/openid-configuration. */
export async function discover(issuer) {
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`The identity provider's configuration could not be read (HTTP ${response.status}).`);
  const meta = await response.json();
  if (typeof meta.authorization_endpoint !== 'string' || typeof meta.token_endpoint !== 'string') {
    throw new Error("The identity provider's configuration names no authorization or token endpoint.");
  }
  return meta;
}

/** Leaves for the issuer's sign-in page; the browser comes back to redirectUri() with a code. */
export async function begin(oidc) {
  const meta = await discover(oidc.issuer);
  const verifier = pkce.randomValue(32);
  const state = pkce.randomValue(16);
  sessionStorage.setItem(KEY, JSON.stringify({
    verifier, state, clientId: oidc.clientId, redirectUri: redirectUri(), tokenEndpoint: meta.token_endpoint,
  }));
  location.assign(pkce.authorizeUrl(meta.authorization_endpoint, {
    clientId: oidc.clientId, redirectUri: redirectUri(), scopes: oidc.scopes,
    codeChallenge: await pkce.challenge(verifier), state,
  }));
}

/** On the way back: checks the state, exchanges the code, signs this tab in. Throws why not. */
export async function complete(params) {
  const pending = readPending();
  sessionStorage.removeItem(KEY); // a code and its verifier are used once
  const checked = pkce.checkCallback(params, pending && pending.state);
  if (checked.refused) throw new Error(checked.refused);
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: pkce.tokenForm({ code: checked.code, redirectUri: pending.redirectUri, clientId: pending.clientId, verifier: pending.verifier }),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok || typeof answer.access_token !== 'string') {
    const why = answer.error_description || answer.error || `HTTP ${response.status}`;
    throw new Error(`The identity provider issued no token: ${why}`);
  }
  const claims = session.claims(answer.access_token);
  session.signIn(answer.access_token, claims.sub || 'unknown user', claims.workspaceId || 'unknown workspace');
}

function readPending() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}
