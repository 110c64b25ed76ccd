// Fetch wrapper: the browser session cookie authenticates, writes carry the CSRF header, and problem
// responses (RFC 9457) become errors that name what went wrong.
let csrf = null;

export function useCsrf(token) { csrf = token; }

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function send(method, path, body, raw) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (raw?.type) headers['Content-Type'] = raw.type;
  if (method !== 'GET' && csrf) headers[csrf.header] = csrf.token;
  const payload = raw ? raw.body : (body === undefined ? undefined : JSON.stringify(body));
  const r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (r.status === 401) {
    location.href = '/login';
    throw new ProblemError(401, null);
  }
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (!r.ok) throw new ProblemError(r.status, json);
  return json;
}

export const get = path => send('GET', path);
export const post = (path, body) => send('POST', path, body ?? {});
export const put = (path, body) => send('PUT', path, body);
export const del = path => send('DELETE', path);
/** Posts a file as it is (type: its media type) or a FormData (type omitted: the browser sets the multipart boundary). */
export const upload = (path, body, type) => send('POST', path, null, { body, type });

/** Every feature of a paged GeoJSON endpoint, following its "next" links. */
export async function allFeatures(path) {
  const features = [];
  let next = path;
  while (next) {
    const page = await get(next);
    features.push(...page.features);
    const link = (page.links || []).find(l => l.rel === 'next');
    next = link ? new URL(link.href, location.href).pathname + new URL(link.href, location.href).search : null;
  }
  return features;
}
