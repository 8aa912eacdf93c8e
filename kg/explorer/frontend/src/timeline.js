// A timeline of any result with a date column: one mark per row on a time axis, stacked
// by day and coloured by reaction type.

import {clear, el} from './dom.js';
import {REACTION_STYLES, OTHER_STYLE} from './terms.js';

const SVG = 'http://www.w3.org/2000/svg';
const DATE = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/;

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

export function dateColumn({vars, rows}) {
  const preferred = ['date', 'day', 'occurred', 'year', 'time'];
  const candidates = [...preferred.filter((v) => vars.includes(v)), ...vars.filter((v) => !preferred.includes(v))];
  return candidates.find((name) => rows.some((row) => row[name] && row[name].type === 'literal' && DATE.test(row[name].value))) ?? null;
}

function dayOf(value) {
  const [, year, month = '01', day = '01'] = DATE.exec(value);
  return Date.UTC(Number(year), Number(month) - 1, Number(day));
}

export function renderTimeline(container, results) {
  clear(container);
  const column = dateColumn(results);
  if (!column) {
    container.append(el('p', {class: 'hint', text: 'This result has no date column to put on a timeline.'}));
    container.dataset.marks = '0';
    return;
  }
  const dated = results.rows.filter((row) => row[column] && DATE.test(row[column].value));
  const days = dated.map((row) => dayOf(row[column].value));
  const [first, last] = [Math.min(...days), Math.max(...days)];
  const span = Math.max(last - first, 86_400_000);
  const [width, height, margin] = [900, 220, 30];
  const x = (day) => margin + ((day - first) / span) * (width - 2 * margin);
  const chart = svg('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `timeline of ${column}`, class: 'timeline'});
  chart.append(svg('line', {x1: margin, x2: width - margin, y1: height - margin, y2: height - margin, class: 'axis'}));
  for (const day of [first, last]) {
    const label = svg('text', {x: x(day), y: height - 8, 'text-anchor': 'middle', class: 'tick'});
    label.textContent = new Date(day).toISOString().slice(0, 10);
    chart.append(label);
  }
  const stacks = new Map();
  dated.forEach((row, index) => {
    const day = days[index];
    const level = stacks.get(day) ?? 0;
    stacks.set(day, level + 1);
    const style = REACTION_STYLES[row.type?.value] ?? OTHER_STYLE;
    const mark = svg('circle', {cx: x(day), cy: height - margin - 8 - level * 12, r: 5, fill: style.color, class: 'mark'});
    const title = svg('title');
    title.textContent = `${row[column].value} ${row.type?.value ?? ''}`.trim();
    mark.append(title);
    chart.append(mark);
  });
  container.dataset.marks = String(dated.length);
  container.append(el('p', {class: 'count', text: `${dated.length} dated row${dated.length === 1 ? '' : 's'} by ${column}`}), chart);
}
