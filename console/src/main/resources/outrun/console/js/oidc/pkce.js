// The authorization code flow with PKCE (RFC 7636), its pure parts: random values, the S256
// challenge, the authorization URL, the token request's form, and the check of the redirect back.

/** Bytes as base64url without padding. */
export function base64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value from crypto.getRandomValues: 32 bytes make a 43-character code_verifier. */
export function randomValue(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** code_challenge = BASE64URL(SHA-256(code_verifier)), method S256. */
export async function challenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** Where the browser goes to sign in. */
export function authorizeUrl(endpoint, { clientId, redirectUri, scopes, codeChallenge, state }) {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', scopes);
  url.searchParams.set('code_challenge', codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', state);
  return url.toString();
}

/** The token request's body (application/x-www-form-urlencoded). */
export function tokenForm({ code, redirectUri, clientId, verifier }) {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: clientId,
    code_verifier: verifier,
  });
}

/** Whether the address is the issuer's redirect back (a code or an error, with a state). */
export function isCallback(params) {
  return params.has('state') && (params.has('code') || params.has('error'));
}

/**
 * The redirect back, checked: {code} when its state is the one this tab sent, else {refused}
 * saying why (no sign-in started here, another state, or the issuer's error).
 */
export function checkCallback(params, expectedState) {
  if (!expectedState) return { refused: 'No sign-in was started in this tab: sign in again.' };
  if (params.get('state') !== expectedState) {
    return { refused: 'The sign-in answer does not match the one this tab started: sign in again.' };
  }
  if (params.has('error')) {
    const why = params.get('error_description') || params.get('error');
    return { refused: `The identity provider refused the sign-in: ${why}` };
  }
  const code = params.get('code');
  return code ? { code } : { refused: 'The identity provider sent no code: sign in again.' };
}
