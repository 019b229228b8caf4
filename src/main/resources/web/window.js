import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { pathParts, hallApi, showError, getJson, loginForm, randomKey } from '/web/lib.js';

const [, , hall, windowNumber] = pathParts();
const session = loginForm('siban.clerk', { onLoggedIn: () => start(), onFailed: detail => alert(detail), onError: showError });
const call = session.call;
let current = null;
let hallInfo = null;
let itemDocuments = [];

async function loadHall() {
  hallInfo = await getJson(hallApi(hall));
  const w = hallInfo.windows.find(x => String(x.number) === windowNumber);
  $('title').textContent = `${hallInfo.name} · ${w ? w.name : windowNumber}`;
  $('window-status').textContent = w ? t(w.status) : '';
  $('transfer-queue').replaceChildren(...hallInfo.queues.map(q => el('option', { value: q.code }, `${q.prefix} ${q.name}`)));
}

async function showTicket(ticket) {
  const sameTicket = current && ticket && current.id === ticket.id;
  current = ticket;
  $('current').hidden = !ticket || ['DONE', 'NO_SHOW', 'CANCELLED', 'WAITING'].includes(ticket.status);
  if (!ticket) return;
  $('current-number').textContent = ticket.number;
  $('current-status').textContent = t(ticket.status);
  $('current-reason').textContent = ticket.reasonDetail || '';
  if (sameTicket) return; // keep the clerk's document checklist while the ticket moves on
  itemDocuments = [];
  if (ticket.itemCode) {
    const item = await getJson(`/api/v1/items/${encodeURIComponent(ticket.itemCode)}`);
    itemDocuments = item.requiredDocuments || [];
  }
  $('documents').replaceChildren(...itemDocuments.map((d, i) =>
    el('label', {}, el('input', { type: 'checkbox', dataset: { doc: i } }), ' ', d)));
}

// One key per ticket, kept for the session so a retry after a lost answer opens no second case; random,
// so nobody who knows the ticket can claim or block its case.
function caseKey(ticketId) {
  const name = `siban.case-key.${ticketId}`;
  let key = sessionStorage.getItem(name);
  if (!key) { key = randomKey(); sessionStorage.setItem(name, key); }
  return key;
}

const windowPath = hallApi(hall, `/windows/${encodeURIComponent(windowNumber)}`);
$('open').addEventListener('click', () => call('PATCH', windowPath, { status: 'OPEN' }).then(loadHall).catch(() => {}));
$('pause').addEventListener('click', () => call('PATCH', windowPath, { status: 'PAUSED' }).then(loadHall).catch(() => {}));
$('call').addEventListener('click', async () => {
  const ticket = await call('POST', `${windowPath}/call-next`).catch(() => undefined);
  if (ticket === null) { showError(t('nobodyWaiting')); return; }
  if (ticket) showTicket(ticket);
});
const act = (action, body) => call('POST', `/api/v1/tickets/${current.id}/${action}`, body).then(showTicket).catch(() => {});
$('recall').addEventListener('click', () => act('recall'));
$('noshow').addEventListener('click', () => act('no-show'));
$('start').addEventListener('click', () => act('start'));
$('transfer').addEventListener('click', () => act('transfer', { queueCode: $('transfer-queue').value }));
$('finish-done').addEventListener('click', () => act('finish', { outcome: 'COMPLETED_ON_SPOT' }));
$('finish-consult').addEventListener('click', () => act('finish', { outcome: 'CONSULTATION' }));
$('finish-missing').addEventListener('click', () => {
  const missing = [...document.querySelectorAll('#documents input')].filter(c => !c.checked).map(c => itemDocuments[+c.dataset.doc]);
  act('finish', { outcome: 'MISSING_DOCUMENTS', missingDocuments: missing });
});
$('finish-case').addEventListener('click', async () => {
  const submitted = [...document.querySelectorAll('#documents input')].filter(c => c.checked).map(c => itemDocuments[+c.dataset.doc]);
  const created = await call('POST', '/api/v1/cases', { itemCode: current.itemCode, hall, channel: 'WINDOW', ticketId: current.id,
    submittedDocuments: submitted }, { 'Idempotency-Key': caseKey(current.id) }).catch(() => null);
  if (created) {
    window.__lastCase = created;
    act('finish', { outcome: 'CASE_ACCEPTED', caseId: created.id });
  }
});

function start() {
  session.hide();
  loadHall().catch(() => {});
}

applyTexts();
bindToggle($('lang'));
if (session.token) start(); else session.show();
