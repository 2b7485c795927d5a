// The JSON API of `refract serve` (docs/openapi.json) as the app uses it: the session cookie is
// HttpOnly and sent by the browser; unsafe methods carry the session's CSRF token
// (X-CSRF-Token), learnt at sign-in or from GET /api/v1/me after a reload. Errors become
// ApiError with the server's code, message and field details [{path, rule}].

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message || `request failed (${status})`);
    this.status = status;
    this.code = error?.code || '';
    this.details = error?.details || [];
  }
}

let csrfToken = '';

async function request(method, path, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) init.headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw new ApiError(response.status, parsed?.error);
  return { body: parsed, etag: response.headers.get('ETag') };
}

export const api = {
  async get(path) {
    return (await request('GET', path)).body;
  },
  // `version` becomes If-Match (every change names the version it edits).
  async send(method, path, body, { version, reason } = {}) {
    const headers = {};
    if (version !== undefined) headers['If-Match'] = `"${version}"`;
    if (reason) headers['X-Change-Reason'] = reason;
    return (await request(method, path, body, headers)).body;
  },
  async signIn(username, password) {
    const body = (await request('POST', '/api/v1/session', { username, password })).body;
    csrfToken = body.csrf_token || '';
    return body.user;
  },
  async signOut() {
    try {
      await request('DELETE', '/api/v1/session');
    } finally {
      csrfToken = '';
    }
  },
  // The signed-in user, or null.
  async me() {
    try {
      const user = await this.get('/api/v1/me');
      csrfToken = user.csrf_token || csrfToken;
      return user;
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  },
};
