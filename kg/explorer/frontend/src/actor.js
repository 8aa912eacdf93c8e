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

export async function showActor(iri) {
  const aside = document.getElementById('evidence');
  clear(aside);
  aside.hidden = false;
  aside.append(el('button', {type: 'button', class: 'close', 'aria-label': 'Close the actor panel', text: '×', onclick: () => (aside.hidden = true)}));
  const code = actorCode(iri);
  try {
    const [card, profile] = await Promise.all([runNamed('actor-card', {actor: code}), runNamed('actor-profile', {actor: code})]);
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
    const members = cards.filter((row) => row.member_of).map((row) => row.member_of_label?.value ?? display(row.member_of));
    add('member of', members.join(', '));
    aside.append(ids);
    const rows = rowsOf(profile).rows;
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
