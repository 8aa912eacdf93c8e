// The actor page: identifiers, memberships, reactions given and received, and the most
// frequent partners (support, solidarity) and opponents (condemnation, blame, threats).

import {runNamed, rowsOf} from './api.js';
import {el, clear} from './dom.js';
import {actorCode, display} from './terms.js';

const HOSTILE = new Set(['condemns', 'blames', 'threatens']);
const FRIENDLY = new Set(['supports', 'expressesSolidarityWith']);

function ranking(rows, types) {
  const counts = new Map();
  for (const row of rows) {
    if (!types.has(row.type.value) || !row.counterpart) continue;
    const name = row.counterpart_label?.value ?? display(row.counterpart);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
}

function latestDay(rows) {
  const days = rows.map((row) => row.date?.value).filter(Boolean).sort();
  return days.length ? days[days.length - 1] : new Date().toISOString().slice(0, 10);
}

// Memberships and offices with their days; those held on `day` (the actor's latest
// reaction, or today) are marked, since bloc membership changes (Finland in NATO, 2023).
function membershipList(rows, day) {
  const list = el('ul', {'data-testid': 'memberships'});
  for (const row of rows) {
    const from = row.from?.value;
    const to = row.to?.value;
    const held = (!from || from <= day) && (!to || to >= day);
    const span = from || to ? ` (${from ?? '…'} – ${to ?? 'today'})` : '';
    const organization = row.organization_label?.value ?? display(row.organization);
    const what = row.role_label ? `${organization}: ${row.role_label.value}` : organization;
    list.append(el('li', {class: held ? 'held' : 'past', text: `${what}${span}${held ? '' : ' — not on ' + day}`}));
  }
  if (!list.children.length) list.append(el('li', {class: 'hint', text: 'no membership recorded'}));
  return el('section', {}, el('h3', {text: `Memberships (held on ${day} unless marked)`}), list);
}

// Reactions made and received per month, as two rows of bars.
function overTime(rows) {
  const months = new Map();
  for (const row of rows) {
    const month = row.date?.value?.slice(0, 7);
    if (!month) continue;
    const counts = months.get(month) ?? {made: 0, received: 0};
    counts[row.direction.value] += 1;
    months.set(month, counts);
  }
  const section = el('section', {'data-testid': 'over-time'}, el('h3', {text: 'Reactions over time'}));
  if (!months.size) {
    section.append(el('p', {class: 'hint', text: 'no dated reaction'}));
    return section;
  }
  const table = el('table', {class: 'over-time'}, el('tr', {}, el('th', {text: 'month'}), el('th', {text: 'made'}), el('th', {text: 'received'})));
  for (const month of [...months.keys()].sort()) {
    const {made, received} = months.get(month);
    const bar = (n, kind) => el('td', {}, el('span', {class: `bar ${kind}`, style: null, 'data-n': String(n), text: '▮'.repeat(Math.min(n, 40)) || '·'}), ` ${n}`);
    table.append(el('tr', {'data-testid': 'month'}, el('td', {text: month}), bar(made, 'made'), bar(received, 'received')));
  }
  section.append(table);
  return section;
}

export async function showActor(iri) {
  const aside = document.getElementById('evidence');
  clear(aside);
  aside.hidden = false;
  aside.append(el('button', {type: 'button', class: 'close', 'aria-label': 'Close the actor panel', text: '×', onclick: () => (aside.hidden = true)}));
  const code = actorCode(iri);
  try {
    const [card, profile, memberships] = await Promise.all([
      runNamed('actor-card', {actor: code}),
      runNamed('actor-profile', {actor: code}),
      runNamed('actor-memberships', {actor: code}),
    ]);
    const cards = rowsOf(card).rows;
    const first = cards[0] ?? {};
    aside.append(el('h2', {'data-testid': 'actor-name', text: `${first.label?.value ?? code} (${code})`}));
    const ids = el('dl');
    const add = (label, value) => value && ids.append(el('dt', {text: label}), el('dd', {text: value}));
    add('class', first.class ? display(first.class) : null);
    add('Wikidata', first.wikidata ? display(first.wikidata) : null);
    add('ISO 3166', first.iso3?.value);
    add('CAMEO', first.cameo?.value);
    add('speaks for', first.speaks_for_label?.value);
    aside.append(ids);
    const rows = rowsOf(profile).rows;
    aside.append(overTime(rows));
    aside.append(membershipList(rowsOf(memberships).rows, latestDay(rows)));
    const made = rows.filter((row) => row.direction.value === 'made').length;
    aside.append(el('p', {'data-testid': 'actor-counts', text: `${made} reactions made, ${rows.length - made} received`}));
    for (const [title, types] of [['Partners', FRIENDLY], ['Opponents', HOSTILE]]) {
      const list = el('ol', {'data-testid': title.toLowerCase()});
      for (const [name, count] of ranking(rows, types)) list.append(el('li', {text: `${name} (${count})`}));
      aside.append(el('h3', {text: title}), list);
      if (!list.children.length) list.append(el('li', {class: 'hint', text: 'none recorded'}));
    }
  } catch (error) {
    aside.append(el('p', {class: 'error', text: error.message}));
  }
  aside.focus();
}
