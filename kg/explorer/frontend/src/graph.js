// A graph of any result with actor-like columns: one node per actor, one arrow per row,
// coloured by reaction type as `kg render` draws them, dashed when hedged.

import {el, clear} from './dom.js';
import {REACTION_STYLES, OTHER_STYLE, display} from './terms.js';

const SOURCES = ['agent', 'source', 'supporter', 'claim_by'];
const TARGETS = ['target', 'counterpart', 'object'];
const WEIGHTS = ['reactions', 'count', 'n'];

// Which columns hold the two ends, the type and the weight; null when the result has
// no pair of actor-like columns. A query's name gives the type its rows leave implicit.
export function graphShape(vars, queryName = '') {
  const has = (name) => vars.includes(name);
  let source = SOURCES.find(has) ?? null;
  let target = TARGETS.find(has) ?? null;
  if (!source && has('actor') && target) source = 'actor';
  if (source && !target && has('actor')) target = 'actor';
  if (!source || !target) return null;
  const implicit = /^who-(\w+)-whom$/.exec(queryName);
  const implied = implicit ? {condemns: 'condemns', blames: 'blames'}[implicit[1]] ?? null : null;
  return {
    source,
    target,
    type: has('type') ? 'type' : null,
    implied: implied ?? (queryName === 'top-condemnations' ? 'condemns' : null),
    weight: WEIGHTS.find(has) ?? null,
    direction: has('direction') ? 'direction' : null,
  };
}

export function graphData({vars, rows}, shape) {
  const nodes = new Map();
  const edges = [];
  const node = (term, label) => {
    if (!nodes.has(term.value)) nodes.set(term.value, {id: term.value, label: label || display(term), title: term.value});
  };
  rows.forEach((row, index) => {
    let from = row[shape.source];
    let to = row[shape.target];
    if (!from || !to || from.type !== 'uri' || to.type !== 'uri') return;
    let fromLabel = row[`${shape.source}_label`]?.value;
    let toLabel = row[`${shape.target}_label`]?.value;
    if (shape.direction && row[shape.direction]?.value === 'received') {
      [from, to, fromLabel, toLabel] = [to, from, toLabel, fromLabel];
    }
    node(from, fromLabel);
    node(to, toLabel);
    const type = row[shape.type]?.value ?? shape.implied ?? 'other';
    const style = REACTION_STYLES[type] ?? OTHER_STYLE;
    const weight = Number(row[shape.weight]?.value ?? 1);
    const hedged = row.hedged?.value === 'true';
    edges.push({
      id: index,
      from: from.value,
      to: to.value,
      type,
      arrows: 'to',
      color: {color: style.color, highlight: style.color, hover: style.color},
      dashes: hedged,
      width: 1 + Math.min(Math.log2(Number.isFinite(weight) && weight > 0 ? weight : 1), 6),
      title: `${display(from)} ${style.label} ${display(to)}${hedged ? ' (hedged)' : ''}`,
    });
  });
  return {nodes: [...nodes.values()], edges};
}

export function renderLegend(container, edges) {
  clear(container);
  const types = [...new Set(edges.map((e) => e.type))];
  for (const type of types) {
    const style = REACTION_STYLES[type] ?? OTHER_STYLE;
    const swatch = el('span', {class: 'swatch'});
    swatch.style.background = style.color;
    container.append(el('span', {class: 'legend-item'}, swatch, style.label));
  }
}

export function renderGraph(container, data, {onEdge, onNode}) {
  clear(container);
  container.dataset.nodes = String(data.nodes.length);
  container.dataset.edges = String(data.edges.length);
  if (!data.edges.length) {
    container.append(el('p', {class: 'hint', text: 'This result has no pair of actor columns (agent and target) to draw.'}));
    return null;
  }
  const vis = window.vis;
  const started = performance.now();
  delete container.dataset.stabilized;
  // Large results: no Kamada-Kawai seeding (quadratic) and straight-ish edges, whose
  // 'dynamic' curves would each add a hidden node to the simulation.
  const large = data.edges.length > 300;
  const network = new vis.Network(
    container,
    {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)},
    {
      layout: {improvedLayout: !large},
      nodes: {shape: 'dot', size: 14, color: '#4e79a7', font: {size: 14, face: 'sans-serif'}},
      edges: {smooth: large ? {type: 'continuous'} : {type: 'dynamic'}, font: {size: 0}},
      physics: {
        stabilization: {iterations: large ? 120 : 300, updateInterval: 50},
        barnesHut: {springLength: 140},
      },
      interaction: {hover: true, keyboard: {enabled: true, bindToWindow: false}, tooltipDelay: 150, hideEdgesOnDrag: large},
    },
  );
  // Timings a benchmark reads: the first drawing, then the end of the layout.
  network.once('afterDrawing', () => {
    container.dataset.drawnMs = String(Math.round(performance.now() - started));
  });
  // The layout is computed once, then physics stops: a large graph would otherwise keep
  // the simulation (and the CPU) busy, and nodes stay where the user drags them.
  network.once('stabilizationIterationsDone', () => {
    network.setOptions({physics: false});
    container.dataset.layoutMs = String(Math.round(performance.now() - started));
    container.dataset.stabilized = 'true';
  });
  network.on('click', (params) => {
    if (params.edges.length && !params.nodes.length) onEdge(params.edges[0]);
    else if (params.nodes.length) onNode(params.nodes[0]);
  });
  return network;
}
