import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { pathParts, showError, getJson, waitRange } from '/web/lib.js';

const [, kind, id] = pathParts();
// a closed case can be rated once (一事一评)
const CLOSED = new Set(['APPROVED', 'REJECTED', 'DELIVERED']);

// Shows the link to the rating page, carrying the key or code in its query (never in the page's text).
function rateLink(link, path, secret, name) {
  link.href = `${path}?${name}=${encodeURIComponent(secret)}`;
  link.hidden = false;
}

const key = new URLSearchParams(location.search).get('key');

// Shows a ticket's state: a GET answer or a ticket.position event (same fields: number, status,
// position or ahead, estimatedWait, window).
function show(tk) {
  $('ticket').hidden = false;
  $('number').textContent = tk.number;
  $('status').textContent = tk.status === 'CALLED' ? t('announce', tk.number, tk.window) : t(tk.status);
  const ahead = tk.ahead != null ? tk.ahead : (tk.position ? tk.position - 1 : null);
  $('ahead').textContent = tk.status === 'WAITING' && ahead != null ? ahead : '—';
  $('wait').textContent = tk.status === 'WAITING' ? waitRange(tk.estimatedWait) : '—';
  $('near').hidden = !(tk.status === 'WAITING' && tk.near);
}

// The ticket as stored; on a served ticket not yet rated, opened from its QR link (which carries the
// key), the link to rate it (一次一评).
async function ticket() {
  let tk;
  try {
    tk = await getJson(`/api/v1/tickets/${encodeURIComponent(id)}`);
  } catch (e) { if (!e.problem) throw e; showError(e.message); return; }
  show(tk);
  if (key && tk.status === 'DONE' && tk.rating == null) rateLink($('rate-ticket'), `/rate/ticket/${encodeURIComponent(id)}`, key, 'key');
  else $('rate-ticket').hidden = true;
  return tk;
}

const FINAL = { 'ticket.finished': 'DONE', 'ticket.cancelled': 'CANCELLED', 'ticket.expired': 'EXPIRED' };

// A stream refused (429, 503, or a wrong key) is opened again after this long, doubled up to a minute.
const RETRY_MS = 10000;
const OVER = new Set(['DONE', 'CANCELLED', 'EXPIRED']);

// Follows the ticket's own stream (its key in the query): the first event is its state, then its place
// as it changes, near, called. EventSource reconnects by itself with the last id (in the Last-Event-ID
// header), and the server replays what was missed; but it gives up on a refusal (any answer but a 200):
// then the ticket is shown as a GET shows it, and unless it is over the stream is opened again later
// (its first event is the current state, so nothing is lost).
function follow(retry = RETRY_MS) {
  const source = new EventSource(`/api/v1/tickets/${encodeURIComponent(id)}/events?key=${encodeURIComponent(key)}`);
  let last = {};
  let over = false;
  source.onopen = () => { retry = RETRY_MS; };
  const update = change => { last = { ...last, ...change }; show(last); showError(''); };
  const on = (type, handler) => source.addEventListener(type, e => {
    let data;
    try { data = JSON.parse(e.data); } catch (err) { return; }
    handler(data);
  });
  on('ticket.position', data => update(data));
  on('ticket.near', () => update({ near: true }));
  on('ticket.called', data => update({ status: 'CALLED', window: data.window }));
  on('ticket.recalled', data => update({ status: 'CALLED', window: data.window }));
  on('ticket.started', () => update({ status: 'SERVING' }));
  on('ticket.no_show', () => update({ status: 'NO_SHOW' }));
  // back in a line, maybe far from its head: near again only if the next place says so
  on('ticket.transferred', data => update({ status: 'WAITING', queue: data.queue, near: false }));
  on('ticket.reactivated', () => update({ status: 'WAITING', near: false }));
  for (const type of Object.keys(FINAL)) {
    on(type, data => {
      over = true;
      source.close();
      update({ ...data, status: FINAL[type] });
      if (type === 'ticket.finished') ticket();
    });
  }
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED) { showError(t('network')); return; }
    ticket().then(tk => {
      if (!over && tk && !OVER.has(tk.status)) setTimeout(() => follow(Math.min(retry * 2, 60000)), retry);
    });
  };
}

async function lookup(code) {
  $('rate-case').hidden = true;
  let c;
  try {
    c = await getJson(`/api/v1/public/cases/${encodeURIComponent(id)}?code=${encodeURIComponent(code)}`);
  } catch (e) { if (!e.problem) throw e; showError(e.message); return; }
  showError('');
  $('case-item').textContent = c.itemName;
  $('case-state').textContent = t(c.state);
  $('steps').replaceChildren(...c.steps.map(s => el('li', {}, `${t(s.state)} · ${new Date(s.at).toLocaleString()}`)));
  if (CLOSED.has(c.state) && !c.rated) rateLink($('rate-case'), `/rate/case/${encodeURIComponent(id)}`, code, 'code');
}

applyTexts();
bindToggle($('lang'));
if (kind === 't') {
  // a link without the key shows the ticket as it is; following it live takes the key
  if (key) follow();
  else ticket();
} else {
  $('case').hidden = false;
  const code = new URLSearchParams(location.search).get('code');
  $('code-form').addEventListener('submit', e => { e.preventDefault(); lookup($('code').value); });
  if (code) { $('code').value = code; lookup(code); }
}
