// The bearer token lives in sessionStorage (this tab only, gone when it closes), never a cookie.

const KEY = 'outrun.session';

/** {token, userId, workspaceId} or null. */
export function current() {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function signIn(token, userId, workspaceId) {
  sessionStorage.setItem(KEY, JSON.stringify({ token, userId, workspaceId }));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/** The claims of a JWT, read without verifying (the API verifies); {} if it is not one. */
export function claims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')));
  } catch {
    return {};
  }
}
