import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { pathParts, showError, getJson, waitRange, openStream } from '/web/lib.js';

const [, kind, id] = pathParts();
// a closed case can be rated once (一事一评)
const CLOSED = new Set(['APPROVED', 'REJECTED', 'DELIVERED']);

// Shows the link to the rating page, carrying the key or code in its query (never in the page's text).
function rateLink(link, path, secret, name) {
  link.href = `${path}?${name}=${encodeURIComponent(secret)}`;
  link.hidden = false;
}

async function ticket() {
  let tk;
  try {
    tk = await getJson(`/api/v1/tickets/${encodeURIComponent(id)}`);
  } catch (e) { if (!e.problem) throw e; showError(e.message); return; }
  $('ticket').hidden = false;
  $('number').textContent = tk.number;
  $('status').textContent = tk.status === 'CALLED' ? t('announce', tk.number, tk.window) : t(tk.status);
  $('ahead').textContent = tk.position ? tk.position - 1 : '—';
  $('wait').textContent = waitRange(tk.estimatedWait);
  // 一次一评: a served ticket not yet rated, opened from its QR link (which carries the key)
  const key = new URLSearchParams(location.search).get('key');
  if (key && tk.status === 'DONE' && tk.rating == null) rateLink($('rate-ticket'), `/rate/ticket/${encodeURIComponent(id)}`, key, 'key');
  else $('rate-ticket').hidden = true;
  return tk;
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

// Whether a hall event can change what the ticket shows: it names the ticket's number or its queue
// (a call, a finish or a transfer there moves the line and the wait). Others of the hall are ignored.
function concerns(tk, data) {
  let event;
  try { event = JSON.parse(data); } catch (e) { return false; }
  return event.number === tk.number || event.queue === tk.queue || event.fromQueue === tk.queue;
}

applyTexts();
bindToggle($('lang'));
if (kind === 't') {
  ticket().then(first => {
    if (!first) return;
    let tk = first;
    const refetch = e => { if (concerns(tk, e.data)) ticket().then(next => { if (next) tk = next; }); };
    const source = openStream(tk.hall);
    source.onmessage = refetch;
    for (const type of ['ticket.called', 'ticket.recalled', 'queue.counters', 'ticket.finished']) source.addEventListener(type, refetch);
  });
} else {
  $('case').hidden = false;
  const code = new URLSearchParams(location.search).get('code');
  $('code-form').addEventListener('submit', e => { e.preventDefault(); lookup($('code').value); });
  if (code) { $('code').value = code; lookup(code); }
}
