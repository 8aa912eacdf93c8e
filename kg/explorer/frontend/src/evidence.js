// The evidence panel: the sentence behind an edge or a row. The article's text with the
// quote highlighted at its exact offsets, who said it, hedged or not, the source and the
// event's competing accounts.

import {runNamed, rowsOf} from './api.js';
import {el, clear} from './dom.js';
import {actorCode, display, REACTION_STYLES, OTHER_STYLE} from './terms.js';

function panel() {
  const aside = document.getElementById('evidence');
  clear(aside);
  aside.hidden = false;
  aside.append(
    el('button', {type: 'button', class: 'close', 'aria-label': 'Close the evidence panel', text: '×', onclick: () => (aside.hidden = true)}),
  );
  return aside;
}

function field(label, value) {
  return value === null || value === undefined || value === '' ? null : el('div', {class: 'field'}, el('dt', {text: label}), el('dd', {text: value}));
}

function article(text, spans) {
  // Each quoted span marked in place; spans arrive sorted by start.
  const body = el('div', {class: 'article', 'data-testid': 'article'});
  let cursor = 0;
  const points = Array.from(text);
  for (const {start, end} of spans) {
    if (start < cursor || end > points.length) continue;
    body.append(points.slice(cursor, start).join(''));
    body.append(el('mark', {'data-testid': 'quote', 'data-start': String(start), 'data-end': String(end), text: points.slice(start, end).join('')}));
    cursor = end;
  }
  body.append(points.slice(cursor).join(''));
  return body;
}

async function competingAccounts(event) {
  // Every account of the event side by side: who is said to have carried it out, and
  // each casualty figure, each with who gives it (none: the reporting document).
  const box = el('section', {class: 'accounts', 'data-testid': 'accounts'}, el('h3', {text: 'Accounts of the event'}));
  try {
    const {rows} = rowsOf(await runNamed('competing-accounts', {event}));
    const seen = new Set();
    const list = el('ul');
    for (const row of rows) {
      if (seen.has(row.account.value)) continue; // one line per account, not per quote
      seen.add(row.account.value);
      const by = row.according_to ? ` according to ${row.according_to_label?.value ?? display(row.according_to)}` : ' (the document)';
      const hedged = row.hedged?.value === 'true' ? ', hedged' : '';
      if (row.kind.value === 'attribution') {
        list.append(el('li', {text: `carried out by ${display(row.perpetrator)}${hedged}${by}`}));
      } else {
        const range = row.max ? (row.max.value === row.min.value ? row.min.value : `${row.min.value}–${row.max.value}`) : `at least ${row.min.value}`;
        const quoted = row.quoted_as ? ` (“${row.quoted_as.value}”)` : '';
        list.append(el('li', {text: `${row.kind.value.replace('_', ' ')}: ${range}${quoted}${by}`}));
      }
    }
    if (!list.children.length) list.append(el('li', {text: 'no attribution or figure recorded'}));
    box.append(list);
  } catch (error) {
    box.append(el('p', {class: 'error', text: error.message}));
  }
  return box;
}

export async function showReaction(reaction) {
  const aside = panel();
  aside.append(el('p', {class: 'hint', text: 'Loading the evidence…'}));
  let rows;
  try {
    rows = rowsOf(await runNamed('reaction-evidence', {reaction})).rows;
  } catch (error) {
    aside.lastChild.replaceWith(el('p', {class: 'error', text: error.message}));
    return;
  }
  aside.lastChild.remove();
  if (!rows.length) {
    aside.append(el('p', {text: 'No evidence found for this reaction.'}));
    return;
  }
  const first = rows[0];
  const style = REACTION_STYLES[first.type.value] ?? OTHER_STYLE;
  const who = first.agent_label?.value ?? display(first.agent);
  const whom = first.target ? first.target_label?.value ?? display(first.target) : null;
  aside.append(el('h2', {text: `${who} ${style.label}${whom ? ` ${whom}` : ''}`}));
  const hedged = first.hedged ? (first.hedged.value === 'true' ? 'yes' : 'no') : 'unknown';
  aside.append(
    el(
      'dl',
      {},
      field('speaker', first.speaker_label?.value),
      field('hedged', hedged),
      field('according to', first.according_to_label?.value),
      field('event', first.event_label?.value),
      field('source', first.doc_id?.value ?? display(first.doc)),
      field('reading', first.reading?.value),
    ),
  );
  const text = first.text?.value;
  const spans = rows.filter((row) => row.start && row.end).map((row) => ({start: Number(row.start.value), end: Number(row.end.value)}));
  if (text) {
    aside.append(article(text, spans));
    aside.querySelector('mark')?.scrollIntoView({block: 'center'});
  }
  else for (const row of rows) if (row.quote) aside.append(el('blockquote', {text: row.quote.value}));
  if (first.event) aside.append(await competingAccounts(first.event.value));
  aside.focus();
}

// An edge of an aggregated result (who condemns whom): the reactions it stands for.
export async function showBetween(agent, target, type) {
  const aside = panel();
  const params = {agent: actorCode(agent), target: actorCode(target)};
  if (type && type !== 'other') params.type = type;
  aside.append(el('h2', {text: `${params.agent} → ${params.target}`}));
  try {
    const {rows} = rowsOf(await runNamed('reactions-between', params));
    const list = el('ul', {class: 'between'});
    for (const row of rows) {
      const label = `${row.type.value}: ${row.quote ? `“${row.quote.value}”` : display(row.reaction)} (${row.doc_id?.value ?? ''})`;
      list.append(el('li', {}, el('button', {type: 'button', class: 'link', text: label, onclick: () => showReaction(row.reaction.value)})));
    }
    aside.append(list);
    if (rows.length === 1) await showReaction(rows[0].reaction.value);
  } catch (error) {
    aside.append(el('p', {class: 'error', text: error.message}));
  }
  aside.focus();
}
