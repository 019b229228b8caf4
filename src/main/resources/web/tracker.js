import { t, applyTexts, bindToggle, minutes } from '/web/i18n.js';
import { $, el } from '/web/dom.js';

const [, kind, id] = location.pathname.split('/').map(decodeURIComponent);
const error = text => { $('error').textContent = text; $('error').hidden = !text; };

async function ticket() {
  const r = await fetch(`/api/v1/tickets/${encodeURIComponent(id)}`, { cache: 'no-store' });
  if (!r.ok) { error((await r.json()).detail); return; }
  const tk = await r.json();
  $('ticket').hidden = false;
  $('number').textContent = tk.number;
  $('status').textContent = tk.status === 'CALLED' ? t('announce', tk.number, tk.window) : t(tk.status);
  $('ahead').textContent = tk.position ? tk.position - 1 : '—';
  $('wait').textContent = tk.estimatedWait && tk.estimatedWait.p50 ? `${minutes(tk.estimatedWait.p50)} – ${minutes(tk.estimatedWait.p90)}` : '—';
  return tk;
}

async function lookup(code) {
  const r = await fetch(`/api/v1/public/cases/${encodeURIComponent(id)}?code=${encodeURIComponent(code)}`);
  if (!r.ok) { error((await r.json()).detail); return; }
  error('');
  const c = await r.json();
  $('case-item').textContent = c.itemName;
  $('case-state').textContent = t(c.state);
  $('steps').replaceChildren(...c.steps.map(s => el('li', {}, `${t(s.state)} · ${new Date(s.at).toLocaleString()}`)));
}

applyTexts();
bindToggle($('lang'));
if (kind === 't') {
  ticket().then(tk => {
    if (!tk) return;
    const source = new EventSource(`/api/v1/halls/${encodeURIComponent(tk.hall)}/stream`);
    source.onmessage = () => ticket();
    for (const type of ['ticket.called', 'ticket.recalled', 'queue.counters', 'ticket.finished']) source.addEventListener(type, () => ticket());
  });
} else {
  $('case').hidden = false;
  const code = new URLSearchParams(location.search).get('code');
  $('code-form').addEventListener('submit', e => { e.preventDefault(); lookup($('code').value); });
  if (code) { $('code').value = code; lookup(code); }
}
