// The supervisor board's 差评整改 part: the worklist of rectifications (soonest due first, overdue ones
// marked, the rating and the steps, the moves inline with a note and If-Match) and the live counters
// of the hall. A move refused as stale (412, or 409 with the version moved meanwhile) reloads that item
// and says so; a note being typed survives the redraws that events cause. Server text goes in through dom.js only.
import { t } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallTime } from '/web/lib.js';

// The moves a state offers (API.md), in the order shown; an answer that lists its actions (what this
// caller may do now) narrows them. The server still decides, and answers 409 to a wrong one.
const MOVES = { OPEN: ['CONTACT', 'APPEAL'], CONTACTED: ['RECTIFY', 'APPEAL'], RECTIFIED: ['CLOSE'], APPEALED: ['EXCLUDE', 'UPHOLD'] };
const movesOf = r => (MOVES[r.state] || []).filter(action => !Array.isArray(r.actions) || r.actions.includes(action));
const DIMENSIONS = ['attitude', 'efficiency', 'quality', 'integrity'];

const q = encodeURIComponent;

// session: lib.js's loginForm; hall: the board's hall; zone(): its calendar's time zone once known. Returns { refresh }.
export function rectifications(session, hall, zone = () => undefined) {
  const when = iso => hallTime(iso, zone());
  const notes = new Map(); // id → the note being typed
  const messages = new Map(); // id → what the last move answered, shown on the item
  let items = [];

  function rating(r) {
    const g = r.rating || {};
    const dims = DIMENSIONS.filter(d => g.dimensions && g.dimensions[d] != null).map(d => `${t(d)} ${g.dimensions[d]}`);
    return el('div', { className: 'rating' },
      el('b', { className: 'score' }, `${g.score} · ${t(`score${g.score}`)}`), ' ',
      el('span', {}, [t(g.subject), g.ticketNumber || g.caseNumber, g.itemName, g.department].filter(Boolean).join(' · ')),
      el('div', { className: 'who' }, [g.window ? `${t('window')} ${g.window}` : null, g.clerk ? `${t('clerk')} ${g.clerk}` : null,
        when(g.ratedAt)].filter(Boolean).join(' · ')),
      dims.length ? el('div', { className: 'dims' }, dims.join(' · ')) : null,
      g.comment ? el('blockquote', {}, g.comment) : null);
  }

  function item(r) {
    const overdue = r.contactOverdue || r.rectifyOverdue;
    const note = el('input', { className: 'note', maxLength: 1000, placeholder: t('note'), value: notes.get(r.id) || '' });
    note.addEventListener('input', () => notes.set(r.id, note.value));
    const message = messages.get(r.id);
    return el('article', { className: `rect ${(r.card || '').toLowerCase()}${overdue ? ' overdue' : ''}`,
      dataset: { rectification: r.id, version: String(r.version), state: r.state } },
    el('header', {}, el('b', { className: 'card' }, t(`c_${r.card}`)), ' ', el('span', { className: 'state' }, t(`r_${r.state}`)),
      ' ', el('span', {}, r.department), overdue ? el('b', { className: 'overdue-flag' }, ` ${t('overdue')}`) : null),
    rating(r),
    el('div', { className: 'dues' },
      el('span', { className: r.contactOverdue ? 'due late' : 'due' }, `${t('contactDue')} ${when(r.contactDue)}`), ' ',
      el('span', { className: r.rectifyOverdue ? 'due late' : 'due' }, `${t('rectifyDue')} ${when(r.rectifyDue)}`)),
    el('ol', { className: 'steps' }, (r.steps || []).map(s =>
      el('li', {}, [when(s.at), s.actor, t(`a_${s.action}`), s.from ? `${t(`r_${s.from}`)} → ${t(`r_${s.to}`)}` : t(`r_${s.to}`), s.note]
        .filter(Boolean).join(' · ')))),
    movesOf(r).length ? el('div', { className: 'moves' }, note,
      movesOf(r).map(action => {
        const button = el('button', { type: 'button', className: 'move', dataset: { action } }, t(`a_${action}`));
        button.addEventListener('click', () => move(r.id, action, button));
        return button;
      })) : null,
    message ? el('div', { className: 'message', role: 'status' }, message) : null);
  }

  function draw() {
    const list = $('rectifications');
    // a note being typed keeps its focus and caret across the redraw
    const typing = document.activeElement && document.activeElement.classList.contains('note') ? document.activeElement : null;
    const typedIn = typing && typing.closest('[data-rectification]').dataset.rectification;
    list.replaceChildren(...(items.length ? items.map(item) : [el('p', { className: 'empty' }, t('noRectifications'))]));
    const again = typedIn && [...list.querySelectorAll('[data-rectification]')].find(a => a.dataset.rectification === typedIn);
    const note = again && again.querySelector('.note');
    if (note) { note.focus(); note.setSelectionRange(typing.selectionStart, typing.selectionEnd); }
    list.dataset.draws = String(Number(list.dataset.draws || 0) + 1); // how many times it was drawn (tests wait on it)
  }

  const replace = next => { items = items.map(r => (r.id === next.id ? next : r)); };

  // The version sent is the one the item was drawn with (its data-version): what the supervisor saw.
  async function move(id, action, button) {
    const version = button.closest('[data-rectification]').dataset.version;
    messages.delete(id);
    try {
      replace(await session.call('POST', `/api/v1/rectifications/${q(id)}/transitions`, { action, note: notes.get(id) || '' },
        { 'If-Match': `"${version}"` }));
      notes.delete(id);
    } catch (e) {
      if (e.status === 412 || e.status === 409) {
        // stale (412; a 409 too when the version moved meanwhile) or the wrong state: read it again either way
        const fresh = await session.call('GET', `/api/v1/rectifications/${q(id)}`);
        replace(fresh);
        messages.set(id, e.status === 412 || String(fresh.version) !== version ? t('stale') : e.message);
      } else if (e.status) {
        messages.set(id, e.message);
      }
    }
    draw();
  }

  async function counters() {
    const { halls } = await session.call('GET', `/api/v1/rectifications/summary?hall=${q(hall)}`);
    const body = $('rect-counts').tBodies[0];
    body.replaceChildren(...halls.map(h => el('tr', { dataset: { hall: h.hall } },
      [h.hall, h.open, h.contactOverdue, h.overdue ?? '—', h.yellow, h.red]
        .map((v, i) => el('td', { className: (i === 2 || i === 3) && v > 0 ? 'late' : '' }, String(v))))));
  }

  async function refresh() {
    const [page] = await Promise.all([session.call('GET', `/api/v1/rectifications?hall=${q(hall)}&size=50`), counters()]);
    items = page.items;
    draw();
  }

  return { refresh, redraw: draw };
}
