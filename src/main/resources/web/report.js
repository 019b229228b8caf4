// What the supervisor board and the public scorecard share: how a KPI reads on screen, the hall's
// dates, KPI tables, and the trend chart. The chart is SVG built node by node; text only ever goes in
// through textContent, like everything in dom.js.
import { el } from '/web/dom.js';
import { t } from '/web/i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

// A share or rate in [0, 1] as "93.5%"; '—' when it has no denominator (null).
export const percent = v => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);

// Seconds as "45 s", "12 min" or "1 h 05"; '—' when there is no value.
export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return t('minutes', Math.round(seconds / 60));
  const m = Math.round(seconds / 60);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

// A plain count, or '—'.
export const count = v => (v === null || v === undefined ? '—' : String(v));

// A number of working days with one decimal, or '—'.
export const days = v => (v === null || v === undefined ? '—' : v.toFixed(1));

// The first day of the month of a YYYY-MM-DD day, and the day n days before it.
export const monthStart = day => `${day.slice(0, 8)}01`;
export function daysBefore(day, n) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

// The query string of a KPI report: kpiQuery({ hall, from, to, groupBy: 'department' }).
export const kpiQuery = params => new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();

// Fills a table body with one row per KPI row: columns is a list of [label key, row => text]. The row's
// key values go in data-key (joined by '|') so a test or a reader can find a row.
export function kpiRows(body, rows, columns) {
  body.replaceChildren(...rows.map(row => {
    const tr = el('tr', { dataset: { key: Object.values(row.key).join('|') } });
    for (const [, value] of columns) tr.append(el('td', {}, value(row)));
    return tr;
  }));
}

// The header of such a table, from the same columns.
export const kpiHeader = (head, columns) => head.replaceChildren(el('tr', {}, ...columns.map(([label]) => el('th', {}, t(label)))));

// A line chart of shares by day: series is a list of [label key, row => share, class name]. Days
// without a value leave a gap. Built in a fixed 600 × 200 box that scales with its container.
export function trendChart(container, rows, series) {
  const width = 600, height = 200, left = 40, bottom = 20;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'trend');
  const x = i => left + (rows.length < 2 ? 0 : (i * (width - left - 10)) / (rows.length - 1));
  const y = v => 10 + (1 - v) * (height - bottom - 10);
  const node = (tag, attrs, text) => {
    const n = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
    if (text !== undefined) n.textContent = text;
    return n;
  };
  for (const level of [0, 0.5, 1]) {
    svg.append(node('line', { x1: left, x2: width - 10, y1: y(level), y2: y(level), class: 'grid' }),
      node('text', { x: 2, y: y(level) + 4, class: 'axis' }, `${level * 100}%`));
  }
  if (rows.length) {
    svg.append(node('text', { x: left, y: height - 4, class: 'axis' }, rows[0].key.day),
      node('text', { x: width - 80, y: height - 4, class: 'axis' }, rows[rows.length - 1].key.day));
  }
  for (const [label, value, className] of series) {
    let path = '';
    rows.forEach((row, i) => {
      const v = value(row);
      if (v === null || v === undefined) return;
      path += `${path && rows[i - 1] && value(rows[i - 1]) != null ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
    });
    const line = node('path', { d: path.trim() || 'M0,0', class: `series ${className}` });
    line.append(node('title', {}, t(label)));
    svg.append(line);
  }
  const legend = el('div', { className: 'legend' }, ...series.map(([label, , className]) => el('span', { className }, t(label))));
  container.replaceChildren(svg, legend);
}
