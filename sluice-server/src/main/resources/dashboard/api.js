// The dashboard's only way to the server: the HTTP API (docs/http-api.md) with the visitor's key as
// a bearer token. No cookie is ever sent (credentials: 'omit'), so there is nothing to forge.

const STORE = 'sluice.key';
let rights = null;
let asking = null;

/** An error answer of the API: {error: {code, message, details}}. */
export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error || {};
    super(e.message || `the server answered ${status}`);
    this.status = status;
    this.code = e.code || 'http_' + status;
    this.details = e.details || {};
  }
}

function authHeaders(extra = {}) {
  const key = sessionStorage.getItem(STORE);
  return key ? {...extra, Authorization: 'Bearer ' + key} : extra;
}

export function hasKey() {
  return sessionStorage.getItem(STORE) !== null;
}

export function forgetKey() {
  sessionStorage.removeItem(STORE);
  rights = null;
}

/** Shows the key dialog; resolves once a key is entered. One dialog at a time, whoever asks. */
export function askForKey(reason) {
  if (asking) return asking;
  const dialog = document.getElementById('key-dialog');
  const form = document.getElementById('key-form');
  const input = document.getElementById('key-input');
  document.getElementById('key-reason').textContent = reason;
  input.value = '';
  asking = new Promise(resolve => {
    form.onsubmit = event => {
      event.preventDefault();
      sessionStorage.setItem(STORE, input.value.trim());
      rights = null;
      dialog.close();
      asking = null;
      resolve();
    };
  });
  dialog.oncancel = event => event.preventDefault();
  dialog.showModal();
  input.focus();
  return asking;
}

async function refused(answer) {
  const body = await answer.json().catch(() => null);
  const reason = body && body.error && body.error.details && body.error.details.reason;
  sessionStorage.removeItem(STORE);
  await askForKey(reason === 'missing' || !reason ? 'This server asks for an API key.'
    : `The key was refused (${reason}). Enter another one.`);
}

/** fetch with the key; asks for a key on 401 and tries again; throws ApiError on any other error status. */
export async function send(method, path, {body, type, signal, headers} = {}) {
  for (;;) {
    const answer = await fetch(path, {method, body, signal, credentials: 'omit', cache: 'no-store',
      headers: authHeaders({...(type ? {'Content-Type': type} : {}), ...(headers || {})})});
    if (answer.status === 401) { await refused(answer); continue; }
    if (!answer.ok) throw new ApiError(answer.status, await answer.json().catch(() => null));
    return answer;
  }
}

export async function json(method, path, body) {
  const answer = await send(method, path, body === undefined ? {}
    : {body: JSON.stringify(body), type: 'application/json'});
  return answer.status === 204 ? null : answer.json();
}

export const get = path => json('GET', path);

/** The key's own scopes and collections (GET /v1/keys/self), read once per key. */
export async function myRights() {
  if (!rights) rights = await get('/v1/keys/self');
  return rights;
}

/** Whether the key holds a scope; the page hides what it may not do. */
export function can(scope) {
  return !!rights && (rights.scopes.includes('*') || rights.scopes.includes(scope));
}

/** Hides every element under root whose data-needs names a scope the key lacks. */
export function applyRights(root) {
  for (const el of root.querySelectorAll('[data-needs]')) el.hidden = !can(el.dataset.needs);
}

/**
 * Follows a server-sent event stream (GET, with the key, which EventSource cannot send): calls
 * onEvent(type, data, id) per event, reconnects with Last-Event-ID after a lost connection, stops
 * after an `end` event or when signal aborts.
 */
export async function follow(path, onEvent, signal) {
  let lastId = null;
  let wait = 500;
  while (!signal.aborted) {
    try {
      const answer = await send('GET', path, {signal, headers: lastId ? {'Last-Event-ID': lastId} : {}});
      wait = 500;
      const ended = await readEvents(answer.body, (type, data, id) => {
        if (id) lastId = id;
        onEvent(type, data, id);
      });
      if (ended) return;
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && e.status !== 503) throw e;
    }
    await new Promise(resolve => setTimeout(resolve, wait));
    wait = Math.min(wait * 2, 10000);
  }
}

async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = {type: 'message', data: [], id: null};
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return false;
    buffer += value;
    let nl;
    while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer[nl] === '\r' && buffer[nl + 1] === '\n' ? 2 : 1));
      if (line === '') {
        if (event.data.length) {
          dispatch(event.type, JSON.parse(event.data.join('\n')), event.id);
          if (event.type === 'end') { reader.cancel(); return true; }
        }
        event = {type: 'message', data: [], id: null};
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = val;
        else if (field === 'data') event.data.push(val);
        else if (field === 'id') event.id = val;
      }
    }
  }
}

/**
 * Sends a File (or Blob) as the raw body with XMLHttpRequest, which streams it from disk and reports
 * upload progress: onProgress(sentBytes, totalBytes). Resolves with the parsed answer.
 */
export function upload(path, file, type, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = false;
    for (const [name, value] of Object.entries(authHeaders({'Content-Type': type}))) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = e => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { /* not JSON */ }
      if (xhr.status === 401) {
        sessionStorage.removeItem(STORE);
        askForKey('This server asks for an API key.').then(() =>
          upload(path, file, type, onProgress, signal).then(resolve, reject));
      } else if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new Error('the upload broke off (network error)'));
    xhr.onabort = () => reject(new Error('the upload was stopped'));
    if (signal) signal.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

/** Downloads an answer to a file, with the key (a plain link could not send it). */
export async function download(path, fileName) {
  const answer = await send('GET', path);
  const url = URL.createObjectURL(await answer.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

/** The media type to send a file as: by its name, else raw bytes whose format file_name gives. */
export function mediaType(name) {
  const n = name.toLowerCase();
  if (n.endsWith('.gz')) return 'application/gzip';
  if (n.endsWith('.csv')) return 'text/csv';
  if (n.endsWith('.tsv') || n.endsWith('.tab')) return 'text/tab-separated-values';
  if (n.endsWith('.jsonl') || n.endsWith('.ndjson')) return 'application/x-ndjson';
  if (n.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}
