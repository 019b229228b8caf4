import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallFromPath, hallApi, getJson, queueRows, openStream } from '/web/lib.js';

const hall = hallFromPath();
let board = null;
let lastEventId = null;
let source = null;
let refreshTimer = null;
const recent = [];

// Every announcement ever queued, in order: what the hall hears (and what tests read).
window.__announcements = [];
const speech = [];
let speaking = false;

function announce(number, windowNumber) {
  const text = t('announce', number, windowNumber);
  window.__announcements.push(text);
  speech.push(text);
  speakNext();
}

function speakNext() {
  if (speaking || speech.length === 0) return;
  speaking = true;
  const text = speech.shift();
  const done = () => { if (speaking) { speaking = false; speakNext(); } };
  try {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang === 'en' ? 'en-US' : 'zh-CN';
    utterance.rate = 0.9;
    utterance.onend = done;
    utterance.onerror = done;
    window.speechSynthesis.speak(utterance);
  } catch (e) { /* no speech engine: the text is still shown */ }
  setTimeout(done, 8000); // never let one stuck utterance block the queue
}

function render() {
  if (!board) return;
  $('hall-name').textContent = board.name;
  const windows = $('windows').tBodies[0];
  windows.replaceChildren();
  for (const w of board.windows) {
    const row = windows.insertRow();
    row.dataset.window = w.number;
    row.insertCell().textContent = w.name;
    const calling = row.insertCell();
    calling.className = 'calling';
    calling.textContent = w.calling && (w.calling.status === 'CALLED' || w.calling.status === 'SERVING') ? w.calling.number : '';
    row.insertCell().textContent = t(w.status);
  }
  queueRows($('queues').tBodies[0], board.queues);
  $('recent').replaceChildren(...recent.map(r => el('li', {}, `${r.number} → ${r.window}`)));
}

async function refresh() {
  board = await getJson(hallApi(hall, '/board'));
  // the stream continues from the snapshot, so nothing falls between the two
  if (lastEventId === null && board.lastEventId >= 0) {
    lastEventId = String(board.lastEventId);
  }
  render();
}

function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), 250);
}

function showCall(number, windowNumber) {
  $('latest-number').textContent = number;
  $('latest-window').textContent = `${t('window')} ${windowNumber}`;
  const latest = document.querySelector('.latest');
  latest.classList.remove('flash');
  void latest.offsetWidth;
  latest.classList.add('flash');
  recent.unshift({ number, window: windowNumber });
  recent.length = Math.min(recent.length, 8);
}

function connect() {
  source = openStream(hall, lastEventId);
  const seen = e => { lastEventId = e.lastEventId || lastEventId; window.__lastEventId = lastEventId; };
  for (const type of ['ticket.issued', 'ticket.cancelled', 'ticket.no_show', 'ticket.started', 'ticket.finished',
                      'ticket.transferred', 'ticket.reactivated', 'ticket.expired', 'queue.counters', 'window.status']) {
    source.addEventListener(type, e => { seen(e); refreshSoon(); });
  }
  source.addEventListener('ticket.called', e => {
    seen(e);
    const data = JSON.parse(e.data);
    showCall(data.number, data.window);
    announce(data.number, data.window);
    refreshSoon();
  });
  source.addEventListener('ticket.recalled', e => {
    seen(e);
    const data = JSON.parse(e.data);
    showCall(data.number, data.window);
    announce(data.number, data.window);
  });
  source.onopen = () => { $('link').className = 'link ok'; refreshSoon(); };
  source.onerror = () => {
    $('link').className = 'link bad';
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(connect, 2000); // the browser gave up: reconnect from the last id we saw
    }
  };
}

// For tests: drop the stream as a server restart would, and come back from the last id seen.
window.__dropStream = () => { source.close(); $('link').className = 'link bad'; setTimeout(connect, 1500); };

setInterval(() => { $('clock').textContent = new Date().toLocaleTimeString(); }, 1000);
applyTexts();
bindToggle($('lang'), render);
refresh().catch(() => {}).finally(connect);
