// The console is a client of the documented API like any other: every number it shows comes from a route
// in openapi.yaml, called with the key its user pasted (kept in sessionStorage, for this tab only).

const KEY = 'tailor.console.key';

let onUnauthorized = () => {};

/** The key of this tab, or null. */
export function key() {
  return sessionStorage.getItem(KEY);
}

/** Keeps a key for this tab; null forgets it. */
export function setKey(value) {
  if (value) {
    sessionStorage.setItem(KEY, value);
  } else {
    sessionStorage.removeItem(KEY);
  }
}

/** Called when the API answers 401 (the key was removed or is wrong). */
export function whenUnauthorized(handler) {
  onUnauthorized = handler;
}

/**
 * Calls the API: resolves {status, ok, json} for any HTTP answer; rejects only when the node cannot be reached.
 */
export async function call(method, path, body, withKey = key()) {
  const headers = {'Accept': 'application/json'};
  if (withKey) {
    headers['Authorization'] = 'Bearer ' + withKey;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined :
    (typeof body === 'string' ? body : JSON.stringify(body)), cache: 'no-store'});
  const type = response.headers.get('Content-Type') || '';
  const json = type.includes('json') ? await response.json() : null;
  if (response.status === 401 && withKey === key()) {
    onUnauthorized();
  }
  return {status: response.status, ok: response.ok, json};
}

/** GET. */
export function get(path) {
  return call('GET', path);
}

/** A path segment, escaped. */
export function seg(value) {
  return encodeURIComponent(value);
}
