// The citizen's rating page (好差评): /rate/ticket/<id>?key= for a window visit, /rate/case/<number>?code=
// for a case. The key or code stays in the address's query: it is sent to the API (the ticket's key as
// the X-Ticket-Key header, the case's code as the API asks) and never written into the page. Nothing
// here shows who served: the public answers do not carry it.
import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { pathParts, showError, getJson } from '/web/lib.js';

const [, , kind, id] = pathParts();
const query = new URLSearchParams(location.search);
const DIMENSIONS = ['attitude', 'efficiency', 'quality', 'integrity'];

// What is being rated, from the public answers (a function, so the language toggle can say it again):
// the ticket's number, or the case's number and item.
async function subject() {
  if (kind === 'ticket') {
    const tk = await getJson(`/api/v1/tickets/${encodeURIComponent(id)}`);
    return () => t('ratingTicket', tk.number);
  }
  const c = await getJson(`/api/v1/public/cases/${encodeURIComponent(id)}?code=${encodeURIComponent(query.get('code') || '')}`);
  return () => `${c.caseNumber} · ${c.itemName}`;
}

// The body the API takes: the score, the dimensions chosen (none: left out) and the comment if any.
function rating(form) {
  const body = { score: Number(form.elements.score.value) };
  const dimensions = Object.fromEntries(DIMENSIONS.filter(d => form.elements[d].value).map(d => [d, Number(form.elements[d].value)]));
  if (Object.keys(dimensions).length) body.dimensions = dimensions;
  const comment = $('comment').value.trim();
  if (comment) body.comment = comment;
  return body;
}

function send(body) {
  const headers = { 'Content-Type': 'application/json' };
  let path;
  if (kind === 'ticket') {
    path = `/api/v1/tickets/${encodeURIComponent(id)}/rating`;
    headers['X-Ticket-Key'] = query.get('key') || '';
  } else {
    path = `/api/v1/public/cases/${encodeURIComponent(id)}/rating?code=${encodeURIComponent(query.get('code') || '')}`;
  }
  return fetch(path, { method: 'POST', cache: 'no-store', headers, body: JSON.stringify(body) });
}

async function submit(event) {
  event.preventDefault();
  const form = $('rating-form');
  if (!form.elements.score.value) { showError(t('chooseScore')); return; }
  $('send').disabled = true;
  try {
    const r = await send(rating(form));
    if (r.ok) {
      showError('');
      form.hidden = true;
      $('thanks').hidden = false;
      return;
    }
    const problem = await r.json().catch(() => ({}));
    showError(problem.detail || problem.title || String(r.status));
  } catch (e) {
    showError(t('network'));
  } finally {
    $('send').disabled = false;
  }
}

for (const d of DIMENSIONS) {
  $('rating-form').elements[d].append(el('option', { value: '' }, '—'), ...[5, 4, 3, 2, 1].map(n => el('option', { value: String(n) }, String(n))));
}
$('comment').addEventListener('input', () => { $('comment-count').textContent = `${$('comment').value.length} / 500`; });
$('rating-form').addEventListener('submit', submit);
applyTexts();
let describe = () => '';
bindToggle($('lang'), () => { $('subject').textContent = describe(); });
subject().then(said => {
  describe = said;
  $('subject').textContent = describe();
  $('rating-form').hidden = false;
}).catch(e => showError(e.problem ? e.message : t('network')));
