import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallFromPath, hallApi, getJson, loginForm, queueRows, followStream } from '/web/lib.js';

const hall = hallFromPath();
const session = loginForm('siban.staff', {
  onLoggedIn: () => start(),
  onFailed: detail => { $('login-error').hidden = false; $('login-error').textContent = detail; }
});
const api = path => session.call('GET', path);
let timer = null;

function hours(seconds) {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

async function refresh() {
  const [summary, board, red, yellow, breach] = await Promise.all([
    api(`/api/v1/sla/summary?hall=${encodeURIComponent(hall)}`),
    getJson(hallApi(hall, '/board')),
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
  queueRows($('queues').tBodies[0], board.queues);
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
  session.hide();
  refresh().catch(() => {});
  // the staff stream: it carries the case cards (sla.card) the public stream does not
  const watched = new Set(['sla.card', 'queue.counters', 'ticket.called', 'window.status', 'message']);
  followStream(hallApi(hall, '/stream/staff'), { Authorization: `Bearer ${session.token}` },
    type => { if (watched.has(type)) refreshSoon(); },
    (ok, status) => { $('link').className = ok ? 'link ok' : 'link bad'; if (status === 401) session.show(); });
  setInterval(() => refresh().catch(() => {}), 30000);
}

applyTexts();
bindToggle($('lang'), refreshSoon);
if (session.token) start(); else session.show();
