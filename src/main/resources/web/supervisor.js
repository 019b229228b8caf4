import { t, applyTexts, bindToggle, minutes } from '/web/i18n.js';
import { $, el, followStream } from '/web/dom.js';

const hall = decodeURIComponent(location.pathname.split('/')[2] || '');
let token = sessionStorage.getItem('siban.staff');
let timer = null;

const api = path => fetch(path, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' })
  .then(r => { if (r.status === 401) { showLogin(); throw new Error('login'); } return r.json(); });

function showLogin() { $('login').hidden = false; $('content').hidden = true; }

$('login').addEventListener('submit', async e => {
  e.preventDefault();
  const r = await fetch('/api/v1/auth/token', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
  if (!r.ok) { $('login-error').hidden = false; $('login-error').textContent = (await r.json()).detail; return; }
  token = (await r.json()).accessToken;
  sessionStorage.setItem('siban.staff', token);
  start();
});

function hours(seconds) {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

async function refresh() {
  const [summary, board, red, yellow, breach] = await Promise.all([
    api(`/api/v1/sla/summary?hall=${encodeURIComponent(hall)}`),
    fetch(`/api/v1/halls/${encodeURIComponent(hall)}/board`).then(r => r.json()),
    api(`/api/v1/cases?hall=${encodeURIComponent(hall)}&card=RED&size=50`),
    api(`/api/v1/cases?hall=${encodeURIComponent(hall)}&card=YELLOW&size=50`),
    api(`/api/v1/cases?hall=${encodeURIComponent(hall)}&card=LEGAL_BREACH&size=50`)]);
  $('hall-name').textContent = `${board.name} · ${t('supervision')}`;
  const rows = [[t('total'), summary.total], ...Object.entries(summary.byCategory), ...Object.entries(summary.byDepartment)];
  const counts = $('counts').tBodies[0];
  counts.replaceChildren();
  for (const [name, c] of rows) {
    const row = counts.insertRow();
    row.dataset.row = name;
    for (const v of [name, c.open, c.paused, c.yellow, c.red, c.legalBreach]) row.insertCell().textContent = v;
  }
  const max = Math.max(1, ...Object.values(summary.byCategory).map(c => c.open));
  const width = n => ({ width: `${(n / max) * 100}%` });
  $('chart').replaceChildren(...Object.entries(summary.byCategory).map(([cat, c]) =>
    el('div', { className: 'bar' }, el('span', {}, cat), el('i', { style: width(c.open) }),
      el('b', { className: 'r', style: width(c.red) }), el('b', { className: 'y', style: width(c.yellow) }))));
  const queues = $('queues').tBodies[0];
  queues.replaceChildren();
  for (const q of board.queues) {
    const row = queues.insertRow();
    row.insertCell().textContent = `${q.prefix} ${q.name}`;
    row.insertCell().textContent = q.waiting;
    row.insertCell().textContent = q.estimatedWait ? `${minutes(q.estimatedWait.p50)} – ${minutes(q.estimatedWait.p90)}` : '—';
  }
  const windows = $('windows').tBodies[0];
  windows.replaceChildren();
  for (const w of board.windows) {
    const row = windows.insertRow();
    row.dataset.window = w.number;
    row.insertCell().textContent = w.name;
    row.insertCell().textContent = t(w.status);
    row.insertCell().textContent = w.calling ? `${w.calling.number} · ${t(w.calling.status)}` : '';
  }
  const alerts = $('alerts').tBodies[0];
  alerts.replaceChildren();
  for (const c of [...breach.items, ...red.items, ...yellow.items]) {
    const row = alerts.insertRow();
    row.dataset.case = c.caseNumber;
    row.className = (c.sla.card || '').toLowerCase();
    for (const v of [c.sla.card, c.caseNumber, c.itemName, c.department, hours(c.sla.remainingWorkingSeconds)]) row.insertCell().textContent = v;
  }
}

function refreshSoon() { clearTimeout(timer); timer = setTimeout(() => refresh().catch(() => {}), 200); }

function start() {
  $('login').hidden = true;
  $('content').hidden = false;
  refresh().catch(() => {});
  // the staff stream: it carries the case cards (sla.card) the public stream does not
  const watched = new Set(['sla.card', 'queue.counters', 'ticket.called', 'window.status', 'message']);
  followStream(`/api/v1/halls/${encodeURIComponent(hall)}/stream/staff`, { Authorization: `Bearer ${token}` },
    type => { if (watched.has(type)) refreshSoon(); },
    (ok, status) => { $('link').className = ok ? 'link ok' : 'link bad'; if (status === 401) showLogin(); });
  setInterval(() => refresh().catch(() => {}), 30000);
}

applyTexts();
bindToggle($('lang'), refreshSoon);
if (token) start(); else showLogin();
