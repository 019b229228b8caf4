import { t, applyTexts, bindToggle, minutes } from '/web/i18n.js';

const hall = decodeURIComponent(location.pathname.split('/')[2] || '');
const params = new URLSearchParams(location.search);
if (params.get('token')) { localStorage.setItem(`siban.kiosk.${hall}`, params.get('token')); }
const token = localStorage.getItem(`siban.kiosk.${hall}`);
const $ = id => document.getElementById(id);

function showError(text) { const e = $('error'); e.textContent = text; e.hidden = !text; }

async function loadItems() {
  const hallInfo = await (await fetch(`/api/v1/halls/${encodeURIComponent(hall)}`)).json();
  $('hall-name').textContent = hallInfo.name;
  const queues = new Set(hallInfo.queues.map(q => q.code));
  const all = [];
  for (let page = 0; ; page++) {
    const batch = await (await fetch(`/api/v1/items?size=200&page=${page}`)).json();
    all.push(...batch.items);
    if (all.length >= batch.total || batch.items.length === 0) break;
  }
  const items = all.filter(i => queues.has(i.queueCode));
  const departments = [...new Set(items.map(i => i.department))].sort();
  const grid = $('departments');
  grid.innerHTML = '';
  for (const department of departments) {
    const tile = document.createElement('button');
    tile.className = 'tile';
    tile.type = 'button';
    tile.dataset.department = department;
    tile.textContent = department;
    tile.addEventListener('click', () => showItems(items.filter(i => i.department === department)));
    grid.appendChild(tile);
  }
}

function showItems(items) {
  const grid = $('items');
  grid.innerHTML = '';
  for (const item of items) {
    const tile = document.createElement('button');
    tile.className = 'tile';
    tile.type = 'button';
    tile.dataset.item = item.code;
    tile.textContent = item.name;
    tile.addEventListener('click', () => take(item.code));
    grid.appendChild(tile);
  }
  $('step-departments').hidden = true;
  $('step-items').hidden = false;
}

// One key per press: a retry after a network error re-sends the same key, so it never prints twice.
async function take(itemCode) {
  const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
  const appointment = $('appointment').value.trim();
  const body = JSON.stringify(appointment
    ? { itemCode, channel: 'APPOINTMENT', appointmentId: appointment }
    : { itemCode, channel: 'KIOSK', priority: $('priority').checked ? 'PRIORITY' : 'NORMAL' });
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const response = await fetch(`/api/v1/halls/${encodeURIComponent(hall)}/tickets`, {
        method: 'POST', body,
        headers: { 'Content-Type': 'application/json', 'Authorization': `Bearer ${token}`, 'Idempotency-Key': key }
      });
      if (response.status === 201 || response.status === 200) { showTicket(await response.json()); return; }
      const problem = await response.json().catch(() => ({}));
      if (response.status === 422 && String(problem.type).includes('quota')) { showError(t('quota')); return; }
      if (response.status === 422) { showError(t('closed')); return; }
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
  $('ticket-wait').textContent = ticket.estimatedWait && ticket.estimatedWait.p50
    ? `${minutes(ticket.estimatedWait.p50)} – ${minutes(ticket.estimatedWait.p90)}` : '—';
  const link = `${location.origin}/t/${ticket.id}`;
  $('ticket-link').textContent = link;
  $('ticket-link').href = link;
  $('qr').innerHTML = '';
  if (window.QRCode) { new window.QRCode($('qr'), { text: link, width: 160, height: 160 }); }
  $('step-items').hidden = true;
  $('step-ticket').hidden = false;
  window.__lastTicket = ticket;
}

$('back').addEventListener('click', () => { $('step-ticket').hidden = true; $('step-departments').hidden = false; });
$('to-departments').addEventListener('click', () => { $('step-items').hidden = true; $('step-departments').hidden = false; });
applyTexts();
bindToggle($('lang'));
loadItems().catch(() => showError(t('network')));
