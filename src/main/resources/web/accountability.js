// The supervisor board's 超时问责 part: every card the hall's cases received in the last 30 days with the
// department's explanation, or "unexplained"; red cards left unexplained past their 3 working days are
// marked. Staff explain a card in the form under the list (cause, responsible person, remedy).
import { t } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallTime } from '/web/lib.js';
import { daysBefore } from '/web/report.js';

const q = encodeURIComponent;

// session: lib.js's loginForm; hall: the board's hall; today(): the hall's service date once known;
// zone(): its calendar's time zone once known.
export function accountability(session, hall, today, zone = () => undefined) {
  const when = iso => hallTime(iso, zone());
  let explaining = null; // the row being explained: { caseId, caseNumber, card }

  // the card, and the stage that received it when it is not the case's own deadline
  const cardOf = a => (a.stage ? `${t(`c_${a.card}`)} · ${t(`stage_${a.stage}`)}` : t(`c_${a.card}`));

  function explanation(e) {
    return e ? `${e.cause} · ${t('responsible')} ${e.responsible} · ${t('remedy')} ${e.remedy}` : t('unexplained');
  }

  function open(row) {
    explaining = row;
    $('explain-case').textContent = `${row.caseNumber} · ${cardOf(row)}`;
    $('explain-error').hidden = true;
    $('explain-form').hidden = false;
    $('explain-cause').focus();
  }

  function row(a) {
    const button = el('button', { type: 'button', className: 'explain' }, t('explain'));
    button.addEventListener('click', () => open(a));
    return el('tr', { className: `${a.card.toLowerCase()}${a.unexplainedOverdue ? ' unexplained-overdue' : ''}`,
      dataset: { case: a.caseNumber, card: a.card, stage: a.stage || '', explained: String(!!a.explanation) } },
    [cardOf(a), a.caseNumber, a.itemName, a.department, when(a.at)].map(v => el('td', {}, v)),
    el('td', { className: a.explanation ? 'explained' : 'unexplained' }, explanation(a.explanation)),
    el('td', {}, button));
  }

  async function refresh() {
    const day = today();
    if (!day) return;
    const page = await session.call('GET',
      `/api/v1/accountability?hall=${q(hall)}&from=${daysBefore(day, 29)}&to=${day}&size=100`);
    $('accountability').tBodies[0].replaceChildren(...page.items.map(row));
  }

  $('explain-form').addEventListener('submit', async e => {
    e.preventDefault();
    if (!explaining) return;
    const body = { card: explaining.card, cause: $('explain-cause').value.trim(),
      responsible: $('explain-responsible').value.trim(), remedy: $('explain-remedy').value.trim() };
    if (explaining.stage) body.stage = explaining.stage; // a stage's card (a PROXY case's local pre-review)
    try {
      await session.call('POST', `/api/v1/cases/${q(explaining.caseId)}/explanations`, body);
    } catch (error) {
      $('explain-error').textContent = error.message;
      $('explain-error').hidden = false;
      return;
    }
    explaining = null;
    $('explain-form').reset();
    $('explain-form').hidden = true;
    await refresh();
  });
  $('explain-cancel').addEventListener('click', () => { explaining = null; $('explain-form').reset(); $('explain-form').hidden = true; });

  return { refresh };
}
