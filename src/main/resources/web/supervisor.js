import { t, lang, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallFromPath, hallApi, getJson, loginForm, queueRows, followStream, downloadCsv } from '/web/lib.js';
import { percent, duration, count, monthStart, daysBefore, kpiQuery, kpiRows, kpiHeader, trendChart } from '/web/report.js';
import { rectifications } from '/web/rectifications.js';
import { accountability } from '/web/accountability.js';

const hall = hallFromPath();
const session = loginForm('siban.staff', {
  onLoggedIn: () => start(),
  onFailed: detail => { $('login-error').hidden = false; $('login-error').textContent = detail; }
});
const api = path => session.call('GET', path);
const kpis = params => api(`/api/v1/reports/kpis?${kpiQuery({ hall, ...params })}`);
let timer = null;
let today = null;
let summary = { byWindow: [] };
let zone; // the hall calendar's time zone, for the times the worklist and the register show
const worklist = rectifications(session, hall, () => zone);
const register = accountability(session, hall, () => today, () => zone);

function hours(seconds) {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  return `${sign}${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
}

// The tiles: each KPI for today and for this month.
const TILES = [
  ['completionRate', k => percent(k.cases.completionRate)],
  ['onTimeRate', k => percent(k.cases.onTimeRate)],
  ['speedUpRate', k => percent(k.cases.speedUpRate)],
  ['satisfiedShare', k => percent(k.ratings.satisfiedShare)],
  ['servedWithin15MinShare', k => percent(k.tickets.servedWithin15MinShare)],
  ['waitP90', k => duration(k.tickets.waitP90Seconds)]];

// red cards of the cases taken in at a window, from the live summary (byWindow is a list: numbers repeat across halls)
const windowRed = row => count((summary.byWindow || []).find(w => w.hall === hall && String(w.window) === row.key.window)?.red);
const COLUMNS = {
  department: [['department', r => r.key.department], ['accepted', r => count(r.cases.accepted)], ['closed', r => count(r.cases.closed)],
    ['onTimeRate', r => percent(r.cases.onTimeRate)], ['speedUpRate', r => percent(r.cases.speedUpRate)],
    ['served', r => count(r.tickets.served)], ['serviceP50', r => duration(r.tickets.serviceP50Seconds)],
    ['satisfiedShare', r => percent(r.ratings.satisfiedShare)], ['redCards', r => count(r.cases.red)]],
  window: [['window', r => (r.key.window == null ? '—' : String(r.key.window))], ['served', r => count(r.tickets.served)],
    ['serviceP50', r => duration(r.tickets.serviceP50Seconds)], ['utilisation', r => percent(r.windows.utilisation)],
    ['satisfiedShare', r => percent(r.ratings.satisfiedShare)], ['redCards', windowRed]],
  channel: [['channel', r => t(r.key.channel)], ['issued', r => count(r.tickets.issued)], ['accepted', r => count(r.cases.accepted)],
    ['closed', r => count(r.cases.closed)], ['onTimeRate', r => percent(r.cases.onTimeRate)],
    ['speedUpRate', r => percent(r.cases.speedUpRate)], ['satisfiedShare', r => percent(r.ratings.satisfiedShare)]]
};
const monthOf = group => ({ from: monthStart(today), to: today, groupBy: group });

async function refreshLive() {
  const [live, board, red, yellow, breach] = await Promise.all([
    api(`/api/v1/sla/summary?hall=${encodeURIComponent(hall)}`),
    getJson(hallApi(hall, '/board')),
    api(`/api/v1/cases?hall=${encodeURIComponent(hall)}&card=RED&size=50`),
    api(`/api/v1/cases?hall=${encodeURIComponent(hall)}&card=YELLOW&size=50`),
    api(`/api/v1/cases?hall=${encodeURIComponent(hall)}&card=LEGAL_BREACH&size=50`)]);
  summary = live;
  today = board.serviceDate;
  $('hall-name').textContent = `${board.name} · ${t('supervision')}`;
  const rows = [[t('total'), live.total], ...Object.entries(live.byCategory).map(([cat, c]) => [cat, c, t(cat)]),
    ...Object.entries(live.byDepartment)];
  const counts = $('counts').tBodies[0];
  counts.replaceChildren();
  for (const [name, c, label] of rows) {
    const row = counts.insertRow();
    row.dataset.row = name;
    for (const v of [label ?? name, c.open, c.paused, c.yellow, c.red, c.legalBreach]) row.insertCell().textContent = v;
  }
  const max = Math.max(1, ...Object.values(live.byCategory).map(c => c.open));
  const width = n => ({ width: `${(n / max) * 100}%` });
  $('chart').replaceChildren(...Object.entries(live.byCategory).map(([cat, c]) =>
    el('div', { className: 'bar' }, el('span', {}, t(cat)), el('i', { style: width(c.open) }),
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

async function refreshKpis() {
  if (!today) return;
  const [day, month, trend, ...groups] = await Promise.all([
    kpis({ from: today, to: today }), kpis({ from: monthStart(today), to: today }),
    kpis({ from: daysBefore(today, 29), to: today, groupBy: 'day' }),
    ...Object.keys(COLUMNS).map(group => kpis(monthOf(group)))]);
  $('period').textContent = `${monthStart(today).slice(0, 7)} · ${today}`;
  $('tiles').replaceChildren(...TILES.map(([label, value]) => el('div', { className: 'tile', dataset: { kpi: label } },
    el('span', { className: 'label' }, t(label)),
    el('b', { className: 'today', dataset: { period: 'today' } }, value(day.total)),
    el('small', {}, t('today')),
    el('b', { className: 'month', dataset: { period: 'month' } }, value(month.total)),
    el('small', {}, t('thisMonth')))));
  trendChart($('trend'), trend.rows, [['onTimeRate', r => r.cases.onTimeRate, 'on-time'],
    ['servedWithin15MinShare', r => r.tickets.servedWithin15MinShare, 'wait'],
    ['satisfiedShare', r => r.ratings.satisfiedShare, 'satisfied']]);
  Object.keys(COLUMNS).forEach((group, i) => {
    const table = $(`by-${group}`);
    kpiHeader(table.tHead, COLUMNS[group]);
    kpiRows(table.tBodies[0], groups[i].rows, COLUMNS[group]);
  });
}

// The coverage alarm of the hall's calendar (from 1 November, next year's holidays not yet official)
const COVERAGE = {
  zh: year => `${year} 年节假日安排（国务院办公厅通知）尚未导入：跨入 ${year} 年的办理时限暂按法定节假日计算（不含调休），导入后将自动重新计算。`,
  en: year => `The ${year} holiday arrangement (the State Council's notice) is not loaded yet: deadlines that run into ${year} `
    + 'are provisional (statutory holidays only, no make-up working days) and are re-timed once it is loaded.'
};
async function refreshCalendar() {
  const { calendarId } = await getJson(hallApi(hall));
  const calendar = await getJson(`/api/v1/calendars/${encodeURIComponent(calendarId)}`);
  zone = calendar.timezone || zone;
  const warning = (calendar.warnings || []).find(w => w.code === 'next-year-not-official');
  const banner = $('calendar-warning');
  banner.textContent = warning ? COVERAGE[lang](warning.year) : '';
  banner.dataset.year = warning ? String(warning.year) : '';
  banner.hidden = !warning;
}

// 好差评 and 超时问责: the worklist, its counters and the register (the register once the hall's day is known)
const refreshFeedback = () => Promise.all([worklist.refresh(), register.refresh()]);
const refresh = () => Promise.all([refreshLive().then(() => Promise.all([refreshKpis(), register.refresh()])), refreshCalendar(),
  worklist.refresh()]);
function refreshSoon() { clearTimeout(timer); timer = setTimeout(() => refreshLive().catch(() => {}), 200); }
const FEEDBACK = new Set(['rating.bad', 'rectification.moved', 'rectification.card', 'case.explained', 'sla.card']);
let feedbackTimer = null;
function refreshFeedbackSoon() { clearTimeout(feedbackTimer); feedbackTimer = setTimeout(() => refreshFeedback().catch(() => {}), 200); }

function start() {
  session.hide();
  refresh().catch(() => {});
  // the staff stream: it carries the case cards (sla.card) the public stream does not
  const watched = new Set(['sla.card', 'queue.counters', 'ticket.called', 'window.status', 'message']);
  followStream(hallApi(hall, '/stream/staff'), { Authorization: `Bearer ${session.token}` },
    type => { if (watched.has(type)) refreshSoon(); if (FEEDBACK.has(type)) refreshFeedbackSoon(); },
    (ok, status) => { $('link').className = ok ? 'link ok' : 'link bad'; if (status === 401) session.show(); });
  setInterval(() => refresh().catch(() => {}), 60000);
}

for (const group of Object.keys(COLUMNS)) {
  $(`csv-${group}`).addEventListener('click', () => {
    if (!today) return; // the first refresh has not said which day it is yet
    downloadCsv(`/api/v1/reports/kpis?${kpiQuery({ hall, ...monthOf(group) })}`, session.token,
      `kpis-${hall}-${group}-${monthStart(today).slice(0, 7)}.csv`).catch(e => { if (e.status === 401) session.show(); });
  });
}
applyTexts();
bindToggle($('lang'), () => refresh().catch(() => {}));
if (session.token) start(); else session.show();
