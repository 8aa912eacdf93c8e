// The explorer's wiring: named-query picker and parameter form, editor, run, the three
// result views, and the URL that reproduces what is on screen.

import {namedQueries, namedQueryText, QueryError, rowsOf, runNamed, runSparql} from './api.js';
import {clear, el, setStatus} from './dom.js';
import {createEditor, errorLineOf} from './editor.js';
import {graphData, graphShape, renderGraph, renderLegend} from './graph.js';
import {renderTable, toCsv, download} from './table.js';
import {renderTimeline} from './timeline.js';
import {renderMap} from './map.js';
import {showBetween, showReaction} from './evidence.js';
import {showActor} from './actor.js';
import {PREFIX_BLOCK} from './terms.js';
import {readState, writeState} from './state.js';

const EXAMPLE = `${PREFIX_BLOCK}

SELECT ?reaction ?type ?agent ?target ?hedged WHERE {
  ?reaction a ?class ; dkg:agent ?agent .
  ?class dkg:jsonName ?type .
  OPTIONAL { ?reaction dkg:target ?target }
  OPTIONAL { ?reaction dkg:hedged ?hedged }
}
LIMIT 200`;

const app = {queries: new Map(), name: '', loadedText: '', results: null, view: 'table', network: null};
// A stable handle for tests and benchmarks: the drawn network (vis-network) and the rows.
window.kgExplorer = {network: null, results: () => app.results};

function byId(id) {
  return document.getElementById(id);
}

function showError(message) {
  const box = byId('query-error');
  box.hidden = !message;
  box.textContent = message || '';
  const line = message ? errorLineOf(message) : null;
  app.editor.markError(line);
}

function paramValues() {
  const values = {};
  for (const input of byId('params').querySelectorAll('input')) values[input.name] = input.value.trim();
  return values;
}

function buildForm(query, values = {}) {
  const form = clear(byId('params'));
  byId('named-description').textContent = query ? query.description : '';
  if (!query) return;
  for (const param of query.params) {
    const id = `param-${param.name}`;
    const kind = param.kind === 'date' ? 'date' : param.kind === 'integer' ? 'number' : 'text';
    const input = el('input', {
      id,
      name: param.name,
      type: kind,
      required: param.required,
      placeholder: param.default ?? (param.kind === 'actor' ? 'e.g. RUS' : ''),
      list: param.kind === 'actor' ? 'actor-codes' : null,
      'data-testid': `param-${param.name}`,
    });
    input.value = values[param.name] ?? '';
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        run();
      }
    });
    form.append(el('label', {for: id, title: param.description || ''}, `${param.name}${param.required ? ' *' : ''} (${param.kind})`), input);
  }
}

async function selectNamed(name, values = {}) {
  app.name = name;
  byId('named-query').value = name;
  buildForm(app.queries.get(name), values);
  if (name) {
    app.loadedText = await namedQueryText(name);
    app.editor.text = app.loadedText;
  } else if (!app.editor.text.trim()) {
    app.editor.text = EXAMPLE;
  }
  showError('');
}

function currentView() {
  return app.view;
}

function switchView(view) {
  app.view = view;
  for (const tab of document.querySelectorAll('[role=tab]')) tab.setAttribute('aria-selected', String(tab.dataset.view === view));
  for (const pane of document.querySelectorAll('.view')) pane.hidden = pane.dataset.view !== view;
  byId('legend').hidden = view !== 'graph';
  draw();
  saveState();
}

function saveState() {
  const named = app.name && app.editor.text === app.loadedText;
  writeState({name: named ? app.name : '', params: named ? paramValues() : {}, query: named ? '' : app.editor.text, view: app.view});
}

function openRow(row) {
  if (row.reaction && row.reaction.type === 'uri') return showReaction(row.reaction.value);
  const shape = graphShape(app.results.vars, app.name);
  if (shape && row[shape.source] && row[shape.target]) {
    return showBetween(row[shape.source].value, row[shape.target].value, row[shape.type]?.value ?? shape.implied);
  }
  return null;
}

const rowHandler = {
  accepts: (row) => Boolean((row.reaction && row.reaction.type === 'uri') || (graphShape(app.results.vars, app.name) && openRowEnds(row))),
  open: openRow,
};

function openRowEnds(row) {
  const shape = graphShape(app.results.vars, app.name);
  return row[shape.source]?.type === 'uri' && row[shape.target]?.type === 'uri';
}

function draw() {
  if (!app.results) return;
  const view = currentView();
  if (view === 'table') renderTable(byId('results'), app.results, {onRow: rowHandler, onActor: showActor});
  if (view === 'timeline') renderTimeline(byId('timeline'), app.results);
  if (view === 'map') renderMap(byId('map'), app.results);
  if (view === 'graph') {
    const shape = graphShape(app.results.vars, app.name);
    const data = shape ? graphData(app.results, shape) : {nodes: [], edges: []};
    if (app.network) app.network.destroy();
    renderLegend(byId('legend'), data.edges);
    app.network = window.kgExplorer.network = renderGraph(byId('graph'), data, {
      onEdge: (index) => openRow(app.results.rows[index]),
      onNode: (iri) => (iri.includes('/id/actor/') ? showActor(iri) : null),
    });
  }
}

async function run() {
  const named = app.name && app.editor.text === app.loadedText;
  showError('');
  setStatus('Running…');
  byId('run').disabled = true;
  const started = performance.now();
  try {
    const answer = named ? await runNamed(app.name, paramValues()) : await runSparql(app.editor.text);
    app.results = rowsOf(answer);
    if (!named) app.name = '';
    setStatus(`${app.results.rows.length} rows in ${Math.round(performance.now() - started)} ms`);
    byId('download-csv').disabled = byId('download-json').disabled = false;
    saveState();
    draw();
  } catch (error) {
    setStatus(error instanceof QueryError ? `error ${error.status}` : 'error');
    showError(error.message);
  } finally {
    byId('run').disabled = false;
  }
}

async function loadActors() {
  try {
    const {rows} = rowsOf(await runNamed('actors', {}));
    const list = byId('actor-codes');
    for (const row of rows) list.append(el('option', {value: row.code.value, label: row.label?.value ?? ''}));
  } catch {
    // Completion is a help, not a need: the form works without it.
  }
}

async function start() {
  app.editor = createEditor(byId('query-editor'), {onRun: run, onChange: () => showError('')});
  const picker = byId('named-query');
  try {
    for (const query of await namedQueries()) {
      app.queries.set(query.name, query);
      picker.append(el('option', {value: query.name, text: query.name}));
    }
  } catch (error) {
    showError(`The named queries could not be listed: ${error.message}`);
  }
  picker.addEventListener('change', () => selectNamed(picker.value));
  byId('run').addEventListener('click', run);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  for (const tab of document.querySelectorAll('[role=tab]')) tab.addEventListener('click', () => switchView(tab.dataset.view));
  byId('download-csv').addEventListener('click', () => download('results.csv', toCsv(app.results), 'text/csv'));
  byId('download-json').addEventListener('click', () =>
    download('results.json', JSON.stringify({head: {vars: app.results.vars}, results: {bindings: app.results.rows}}, null, 1), 'application/json'),
  );
  loadActors();
  const state = readState();
  if (state.name && app.queries.has(state.name)) await selectNamed(state.name, state.params);
  else {
    app.editor.text = state.query || EXAMPLE;
  }
  if (state.view !== 'table') switchView(state.view);
  if (state.name || state.query) await run();
  // Milliseconds from navigation to the first result drawn: what the benchmark reads.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

start();
