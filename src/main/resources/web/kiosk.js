import { t, lang, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallFromPath, hallApi, showError, getJson, waitRange, randomKey } from '/web/lib.js';

// The kiosk's device token lives only on the device: it is had once for a one-time pairing code and
// kept in localStorage, never in the page's address.
const hall = hallFromPath();
const tokenKey = hall => `siban.kiosk.${hall}`;
let token = localStorage.getItem(tokenKey(hall));

function showStep(step) {
  for (const id of ['step-pairing', 'step-departments', 'step-items', 'step-appointment', 'step-ticket', 'step-closed']) $(id).hidden = id !== step;
}

// Outside the hall's service hours the kiosk says so and when it opens next, and looks again every minute.
const CLOSED = {
  zh: { title: '当前不在取号时间', next: when => `下次开放：${when}`, none: '暂无开放安排',
        when: (y, m, d, w, time) => `${+m}月${+d}日（周${'日一二三四五六'[w]}）${time}` },
  en: { title: 'The hall is not issuing numbers now', next: when => `Opens next: ${when}`, none: 'No opening scheduled yet',
        when: (y, m, d, w, time) => `${['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][w]} ${y}-${m}-${d} ${time}` }
};
let closedNext = null;
let recheck = null;

function showClosed(nextOpening) {
  closedNext = nextOpening || null;
  showError('');
  closedTexts();
  showStep('step-closed');
  clearTimeout(recheck);
  recheck = setTimeout(() => getJson(hallApi(hall)).then(h => (h.openNow === false ? showClosed(h.nextOpening) : start()))
    .catch(() => showClosed(closedNext)), 60_000);
}

// The next opening read as written ("2026-12-07T09:00:00+08:00"): the hall's own date and time, whatever the device's zone.
function closedTexts() {
  const text = CLOSED[lang];
  $('closed-title').textContent = text.title;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(closedNext || '');
  $('closed-next').textContent = m
    ? text.next(text.when(m[1], m[2], m[3], new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay(), m[4])) : text.none;
}

function showPairing(message) {
  token = null;
  localStorage.removeItem(tokenKey(hall));
  showStep('step-pairing');
  showError(message);
  $('pair-code').focus();
}

$('pair-form').addEventListener('submit', async e => {
  e.preventDefault();
  const code = $('pair-code').value.trim();
  if (!code) return;
  let response;
  try {
    response = await fetch('/api/v1/devices/pair', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code }) });
  } catch (err) { showError(t('network')); return; }
  if (response.status === 429) { showError(t('pairTooMany')); return; }
  if (!response.ok) { showError(t('pairFailed')); return; }
  const paired = await response.json();
  if (paired.role !== 'kiosk') { showError(t('pairNotKiosk')); return; }
  localStorage.setItem(tokenKey(paired.hall), paired.token);
  $('pair-code').value = '';
  if (paired.hall !== hall) { location.assign(`/kiosk/${encodeURIComponent(paired.hall)}`); return; }
  token = paired.token;
  start();
});

async function loadItems() {
  const hallInfo = await getJson(hallApi(hall));
  $('hall-name').textContent = hallInfo.name;
  if (hallInfo.openNow === false) showClosed(hallInfo.nextOpening);
  const queues = new Set(hallInfo.queues.map(q => q.code));
  const all = [];
  for (let page = 0; ; page++) {
    const batch = await getJson(`/api/v1/items?size=200&page=${page}`);
    all.push(...batch.items);
    if (all.length >= batch.total || batch.items.length === 0) break;
  }
  const items = all.filter(i => queues.has(i.queueCode));
  const departments = [...new Set(items.map(i => i.department))].sort();
  $('departments').replaceChildren(...departments.map(department => {
    const tile = el('button', { className: 'tile', type: 'button', dataset: { department } }, department);
    tile.addEventListener('click', () => showItems(items.filter(i => i.department === department)));
    return tile;
  }));
}

function showItems(items) {
  $('items').replaceChildren(...items.map(item => {
    const tile = el('button', { className: 'tile', type: 'button', dataset: { item: item.code } }, item.name);
    tile.addEventListener('click', () => take(item.code));
    return tile;
  }));
  showStep('step-items');
}

// One key per press: a retry after a network error re-sends the same key, so it never prints twice.
// Priority is not offered here: a clerk grants it at the window.
function take(itemCode) {
  return post({ itemCode, channel: 'KIOSK' }, problem => {
    if (String(problem.type).includes('quota')) { showError(t('quota')); return; }
    showError(t('closed'));
  });
}

// 预约取号: the booking's code (typed, or a QR scanner typing it and pressing Enter) checks it in and gives
// its APPOINTMENT ticket; outside its check-in window the citizen is offered an ordinary ticket instead.
function showAppointment() {
  showError('');
  $('appointment-code').value = '';
  $('appointment-message').hidden = true;
  $('appointment-ordinary').hidden = true;
  showStep('step-appointment');
  $('appointment-code').focus();
}

function appointmentRefused(text, offerOrdinary) {
  $('appointment-message').textContent = text;
  $('appointment-message').hidden = false;
  $('appointment-ordinary').hidden = !offerOrdinary;
  $('appointment-code').select();
}

$('appointment-form').addEventListener('submit', e => {
  e.preventDefault();
  const appointmentCode = $('appointment-code').value.trim();
  if (!appointmentCode) return;
  post({ channel: 'APPOINTMENT', appointmentCode }, problem => {
    const type = String(problem.type);
    // the window as the hall's clock reads it ("08:30"), from the problem: the minutes are configurable
    const clock = at => String(at ?? '').slice(11, 16);
    if (type.endsWith('/appointment-window')) { appointmentRefused(t('appointmentWindow', clock(problem.checkInOpens), clock(problem.checkInCloses)), true); return; }
    if (type.endsWith('/appointment-unknown')) { appointmentRefused(t('appointmentUnknown'), false); return; }
    // any other refusal (a pending ticket, a queue or quota) is told as the service words it
    appointmentRefused(problem.detail || t('appointmentUnknown'), false);
  });
});

// Sends one ticket request with its own key, retrying network failures with the same key; a 422 other than
// the hall being closed goes to refused() with the problem.
async function post(order, refused) {
  const key = randomKey();
  const body = JSON.stringify(order);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const response = await fetch(hallApi(hall, '/tickets'), {
        method: 'POST', body,
        headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${token}`, 'Idempotency-Key': key }
      });
      if (response.status === 201 || response.status === 200) { showTicket(await response.json()); return; }
      if (response.status === 401) { showPairing(t('unpaired')); return; }
      const problem = await response.json().catch(() => ({}));
      if (response.status === 422 && String(problem.type).endsWith('/hall-closed')) { showClosed(problem.nextOpening); return; }
      if (response.status === 422) { refused(problem); return; }
      if (response.status < 500) { showError(problem.detail || response.statusText); return; }
    } catch (e) { /* network: retry with the same key */ }
    showError(t('network'));
    await new Promise(r => setTimeout(r, 1000 * (attempt + 1)));
  }
}

function showTicket(ticket) {
  showError('');
  $('ticket-number').textContent = ticket.number;
  $('ticket-ahead').textContent = Math.max(0, (ticket.position || 1) - 1);
  $('ticket-wait').textContent = waitRange(ticket.estimatedWait);
  // the ticket's own link, with its key: whoever holds the printed ticket may follow and cancel it
  const link = `${location.origin}${ticket.trackUrl}`;
  $('ticket-link').textContent = link;
  $('ticket-link').href = link;
  $('qr').replaceChildren();
  if (window.QRCode) { new window.QRCode($('qr'), { text: link, width: 160, height: 160 }); }
  showStep('step-ticket');
  window.__lastTicket = ticket;
}

function start() {
  showError('');
  showStep('step-departments');
  loadItems().catch(() => showError(t('network')));
}

$('back').addEventListener('click', () => showStep('step-departments'));
$('appointment-start').addEventListener('click', showAppointment);
$('appointment-back').addEventListener('click', () => showStep('step-departments'));
$('appointment-ordinary').addEventListener('click', () => showStep('step-departments'));
$('to-departments').addEventListener('click', () => showStep('step-departments'));
applyTexts();
bindToggle($('lang'), closedTexts);
if (token) {
  start();
} else {
  showPairing();
  getJson(hallApi(hall)).then(h => { $('hall-name').textContent = h.name; }).catch(() => {});
}
