// Results as a sortable table, and as CSV or JSON to download.

import {el, clear} from './dom.js';
import {display} from './terms.js';

function sortKey(term) {
  if (!term) return [2, ''];
  const number = Number(term.value);
  if (term.type === 'literal' && term.value !== '' && Number.isFinite(number)) return [0, number];
  return [1, display(term).toLowerCase()];
}

function compare(a, b) {
  const [ka, kb] = [sortKey(a), sortKey(b)];
  if (ka[0] !== kb[0]) return ka[0] - kb[0];
  return ka[1] < kb[1] ? -1 : ka[1] > kb[1] ? 1 : 0;
}

export function renderTable(container, {vars, rows}, {onRow, onActor}) {
  clear(container);
  let order = rows.map((_, i) => i);
  let sorted = {column: null, descending: false};
  const body = el('tbody');
  const head = el('tr');
  const table = el('table', {class: 'results-table'}, el('thead', {}, head), body);

  const fill = () => {
    clear(body);
    for (const index of order) {
      const row = rows[index];
      const tr = el('tr', {'data-testid': 'row', dataset: {index: String(index)}});
      for (const name of vars) {
        const term = row[name];
        const text = display(term);
        let cell = text;
        if (term && term.type === 'uri' && text !== term.value && term.value.includes('/id/actor/')) {
          cell = el('button', {type: 'button', class: 'link', title: term.value, text, onclick: (e) => (e.stopPropagation(), onActor(term.value))});
        } else if (term && (term.type === 'uri' || text.length > 40)) {
          cell = el('span', {title: term.value, text});
        }
        tr.append(el('td', {}, cell));
      }
      if (onRow.accepts(row)) {
        tr.classList.add('clickable');
        tr.tabIndex = 0;
        tr.addEventListener('click', () => onRow.open(row));
        tr.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') onRow.open(row);
        });
      }
      body.append(tr);
    }
  };

  for (const name of vars) {
    const button = el('button', {type: 'button', class: 'sort', text: name});
    button.addEventListener('click', () => {
      sorted = {column: name, descending: sorted.column === name ? !sorted.descending : false};
      order = rows.map((_, i) => i).sort((a, b) => compare(rows[a][name], rows[b][name]) * (sorted.descending ? -1 : 1));
      for (const th of head.children) th.removeAttribute('aria-sort');
      button.parentElement.setAttribute('aria-sort', sorted.descending ? 'descending' : 'ascending');
      fill();
    });
    head.append(el('th', {scope: 'col'}, button));
  }
  fill();
  container.append(el('p', {class: 'count', text: `${rows.length} row${rows.length === 1 ? '' : 's'}`}), table);
}

function csvField(value) {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function toCsv({vars, rows}) {
  const lines = [vars.map(csvField).join(',')];
  for (const row of rows) lines.push(vars.map((name) => csvField(row[name] ? row[name].value : '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = el('a', {href: url, download: name});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
