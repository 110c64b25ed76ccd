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

async function send(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers[csrf.header] = csrf.token;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
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
/**
 * Posts a file as it is (type: its media type) or a FormData (type omitted: the browser sets the multipart boundary).
 * XMLHttpRequest rather than fetch, because only it reports upload progress: onProgress(sentBytes, totalBytes).
 */
export function upload(path, body, type, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (type) xhr.setRequestHeader('Content-Type', type);
    if (csrf) xhr.setRequestHeader(csrf.header, csrf.token);
    if (onProgress) xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('error', () => reject(new Error(`${path}: network error`)));
    xhr.addEventListener('load', () => {
      if (xhr.status === 401) {
        location.href = '/login';
        reject(new ProblemError(401, null));
        return;
      }
      let json = null;
      try { json = xhr.responseText ? JSON.parse(xhr.responseText) : null; } catch (e) { json = { detail: xhr.responseText.slice(0, 300) }; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json); else reject(new ProblemError(xhr.status, json));
    });
    xhr.send(body);
  });
}

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
