// What the screens share beyond building DOM nodes (that is dom.js, the one place server text becomes
// text nodes): the page's address, calls to the API, the staff login form, the wait-range format, the
// queue table and the event streams. Plain ES module, no build step; nothing here writes markup.
import { $ } from '/web/dom.js';
import { minutes } from '/web/i18n.js';

// The page's address split into its decoded parts: ['', 'board', '<hall>'], ['', 'window', '<hall>', '<n>'], ['', 't', '<id>'].
export const pathParts = () => location.pathname.split('/').map(decodeURIComponent);

// The hall a hall screen shows: the second part of its address (/board/<hall>, /kiosk/<hall>, ...).
export const hallFromPath = () => pathParts()[2] || '';

// The API address of a hall, with an optional rest: hallApi('lz-city', '/board').
export const hallApi = (hall, rest = '') => `/api/v1/halls/${encodeURIComponent(hall)}${rest}`;

// Shows the text in the page's #error box, or hides the box when there is none.
export function showError(text) {
  const box = $('error');
  box.textContent = text || '';
  box.hidden = !text;
}

// A public GET: the parsed body; a refusal rejects with the problem's detail as message and the
// problem as .problem (a network failure rejects without one).
export async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.detail), { problem: body });
  return body;
}

// An instant as the hall's clock shows it, "2026-10-14 17:00" (the zone is the hall calendar's; Chinese
// halls are on Asia/Shanghai, the default); '—' when there is none.
export function hallTime(iso, zone = 'Asia/Shanghai') {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
    minute: '2-digit' }).format(new Date(iso));
}

// A wait estimate {p50, p90} as "6 min – 15 min"; '—' when there is none yet.
export const waitRange = estimate => (estimate && estimate.p50 ? `${minutes(estimate.p50)} – ${minutes(estimate.p90)}` : '—');

// Fills a queue table's body: name with prefix, how many wait (class "waiting"), the wait range.
export function queueRows(body, queues) {
  body.replaceChildren();
  for (const q of queues) {
    const row = body.insertRow();
    row.dataset.queue = q.code;
    row.insertCell().textContent = `${q.prefix} ${q.name}`;
    const waiting = row.insertCell();
    waiting.className = 'waiting';
    waiting.textContent = q.waiting;
    row.insertCell().textContent = waitRange(q.estimatedWait);
  }
}

// The staff pages' login: the form #login (#username, #password) stands in for #content until a token
// is had; the token is kept in sessionStorage under storageKey, so it ends with the browser tab.
// onLoggedIn() after a successful login; onFailed(detail) after a refused one. call(...) is the API
// with the token: a 401 shows the form again; a refusal goes to onError(detail) and rejects with the
// detail as message, the status as .status and the problem as .problem; 204 is null.
export function loginForm(storageKey, { onLoggedIn, onFailed, onError = () => {} }) {
  const session = {
    token: sessionStorage.getItem(storageKey),
    show() { $('login').hidden = false; $('content').hidden = true; },
    hide() { $('login').hidden = true; $('content').hidden = false; },
    async call(method, path, body, headers = {}) {
      const r = await fetch(path, { method, cache: 'no-store',
        headers: { ...(method === 'GET' ? {} : { 'Content-Type': 'application/json' }), Authorization: `Bearer ${session.token}`, ...headers },
        body: body === undefined ? undefined : JSON.stringify(body) });
      if (r.status === 401) { session.show(); throw new Error('login'); }
      if (r.status === 204) return null;
      const json = await r.json().catch(() => ({ detail: `HTTP ${r.status}` }));
      if (!r.ok) { onError(json.detail); throw Object.assign(new Error(json.detail), { status: r.status, problem: json }); }
      onError('');
      return json;
    }
  };
  $('login').addEventListener('submit', async e => {
    e.preventDefault();
    const r = await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    if (!r.ok) { onFailed((await r.json()).detail); return; }
    session.token = (await r.json()).accessToken;
    sessionStorage.setItem(storageKey, session.token);
    onLoggedIn();
  });
  return session;
}

// Saves what a staff API address answers as CSV under the file name given (the token goes in the
// header, so the address itself carries no secret).
export async function downloadCsv(path, token, fileName) {
  const r = await fetch(path, { cache: 'no-store', headers: { Authorization: `Bearer ${token}`, Accept: 'text/csv' } });
  if (!r.ok) throw Object.assign(new Error(`CSV ${r.status}`), { status: r.status });
  const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await r.blob()), download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

// A random key that nobody else can derive (crypto.randomUUID needs a secure context; getRandomValues does not).
export function randomKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16).padStart(2, '0')).join('');
}

// The public stream of a hall (numbers, queues and windows; never ids), from an event id when given.
export const openStream = (hall, lastEventId) =>
  new EventSource(hallApi(hall, '/stream') + (lastEventId ? `?lastEventId=${lastEventId}` : ''));

// Follows an event stream with fetch, which (unlike EventSource) can send the Authorization header
// the staff stream needs. Reconnects after a pause from the last id seen. onEvent(type, data) for
// each event; onState(true) while connected, onState(false, status) when not. Returns a stop function.
export function followStream(url, headers, onEvent, onState = () => {}) {
  let lastId = null;
  let stopped = false;
  const dispatch = block => {
    let type = 'message', data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('id:')) lastId = line.slice(3).trim();
      else if (line.startsWith('event:')) type = line.slice(6).trim();
      else if (line.startsWith('data:')) data += line.slice(5).trim();
    }
    if (data) onEvent(type, data);
  };
  (async () => {
    while (!stopped) {
      let status = 0;
      try {
        const r = await fetch(url, { cache: 'no-store',
          headers: { ...headers, Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) } });
        status = r.status;
        if (r.ok) {
          onState(true);
          const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (let part = await reader.read(); !part.done && !stopped; part = await reader.read()) {
            buffer += part.value.replace(/\r/g, '');
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        }
      } catch (e) { /* the connection broke: try again below */ }
      onState(false, status);
      if (status === 401 || status === 403) return;
      await new Promise(resume => setTimeout(resume, 2000));
    }
  })();
  return () => { stopped = true; };
}
