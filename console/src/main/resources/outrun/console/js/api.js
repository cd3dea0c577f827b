// Every call to the API: same origin, the bearer token, JSON in and out. A failure is an
// ApiError carrying the RFC 9457 problem the API answered (or one made up for a network error).
import * as session from './session.js';

export class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.problem = problem;
    this.status = problem.status;
  }

  /** The problem's field errors: [{field, message}]. */
  get errors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

/** Sends a request; resolves to {status, headers, body} or rejects with an ApiError. */
export async function call(method, path, body, { auth = true, signal } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const who = session.current();
  if (auth && who) headers.Authorization = `Bearer ${who.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method, headers, signal, credentials: 'omit', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, title: 'Network error', detail: `The API did not answer: ${e.message}` });
  }
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const problem = parsed && typeof parsed === 'object'
      ? parsed
      : { status: response.status, title: response.statusText, detail: text || `HTTP ${response.status}` };
    problem.status ??= response.status;
    if (response.status === 401 && auth) window.dispatchEvent(new CustomEvent('outrun:unauthorized'));
    throw new ApiError(problem);
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

export const get = (path, options) => call('GET', path, undefined, options).then((r) => r.body);
export const post = (path, body, options) => call('POST', path, body, options).then((r) => r.body);
export const put = (path, body, options) => call('PUT', path, body, options).then((r) => r.body);
export const patch = (path, body, options) => call('PATCH', path, body, options).then((r) => r.body);
export const del = (path, options) => call('DELETE', path, undefined, options).then((r) => r.body);

/** A path with its query: the entries whose value is empty are left out, arrays repeat the key. */
export function withQuery(path, query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query || {})) {
    for (const v of [value].flat()) if (v !== undefined && v !== null && v !== '') params.append(key, v);
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A problem as one line: "Title (status): detail". */
export function describe(error) {
  if (!(error instanceof ApiError)) return String(error && error.message ? error.message : error);
  const p = error.problem;
  const head = p.title ? `${p.title} (${p.status})` : `HTTP ${p.status}`;
  return p.detail ? `${head}: ${p.detail}` : head;
}
