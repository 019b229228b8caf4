// The public scorecard (晒成绩单) for a hall TV or the portal: aggregates only, from the public API.
import { t, applyTexts, bindToggle } from '/web/i18n.js';
import { $, el } from '/web/dom.js';
import { hallFromPath, getJson, showError } from '/web/lib.js';
import { percent, duration, count, kpiRows, kpiHeader } from '/web/report.js';

const hall = hallFromPath();
const month = new URLSearchParams(location.search).get('month');
const CATEGORIES = ['IMMEDIATE', 'SAME_DAY', 'TIME_LIMITED', 'PROXY'];
const COLUMNS = [['department', d => d.key.department], ['items', d => count(d.items)], ['closed', d => count(d.casesClosed)],
  ['onTimeRate', d => percent(d.onTimeRate)], ['speedUpRate', d => percent(d.speedUpRate)],
  ['satisfiedShare', d => percent(d.satisfiedShare)]];
const tile = (key, label, value) => el('div', { className: 'tile', dataset: { kpi: key } }, el('span', { className: 'label' }, label), el('b', {}, value));

async function refresh() {
  try {
    const card = await getJson(`/api/v1/public/halls/${encodeURIComponent(hall)}/scorecard${month ? `?month=${encodeURIComponent(month)}` : ''}`);
    showError('');
    $('hall-name').textContent = card.hallName || card.hall;
    $('month').textContent = card.month;
    $('lists').replaceChildren(...CATEGORIES.map(c => tile(c, t(c), count(card.lists[c]))));
    $('tickets').replaceChildren(tile('issued', t('issued'), count(card.tickets.issued)),
      tile('waitP50', t('waitP50'), duration(card.tickets.waitP50Seconds)),
      tile('servedWithin15MinShare', t('servedWithin15MinShare'), percent(card.tickets.servedWithin15MinShare)));
    kpiHeader($('departments').tHead, COLUMNS);
    kpiRows($('departments').tBodies[0], card.departments.map(d => ({ ...d, key: { department: d.department } })), COLUMNS);
  } catch (e) {
    showError(e.message || t('network'));
  }
}

applyTexts();
bindToggle($('lang'), refresh);
refresh();
setInterval(refresh, 300000);
