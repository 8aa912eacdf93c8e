// How RDF terms are shown: prefixed names, actor codes, and the colours of `kg render`.

export const PREFIXES = {
  dkg: 'https://w3id.org/diplomatic-kg/ontology#',
  actor: 'https://w3id.org/diplomatic-kg/id/actor/',
  event: 'https://w3id.org/diplomatic-kg/id/event/',
  reaction: 'https://w3id.org/diplomatic-kg/id/reaction/',
  doc: 'https://w3id.org/diplomatic-kg/id/doc/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  prov: 'http://www.w3.org/ns/prov#',
  oa: 'http://www.w3.org/ns/oa#',
  sem: 'http://semanticweb.cs.vu.nl/2009/11/sem/',
  org: 'http://www.w3.org/ns/org#',
  dcterms: 'http://purl.org/dc/terms/',
  schema: 'https://schema.org/',
  wd: 'http://www.wikidata.org/entity/',
};

export const PREFIX_BLOCK = Object.entries(PREFIXES)
  .map(([name, iri]) => `PREFIX ${name}: <${iri}>`)
  .join('\n');

// The legend and colours of `kg render` (kg/render.py): hostile warm, friendly cool.
export const REACTION_STYLES = {
  condemns: {label: 'condemns', color: '#d62728'},
  blames: {label: 'blames', color: '#f28e00'},
  threatens: {label: 'threatens', color: '#7b2d8e'},
  supports: {label: 'supports', color: '#2ca02c'},
  expressesSolidarityWith: {label: 'expresses solidarity with', color: '#1f9bb4'},
  callsForCeasefire: {label: 'calls for a ceasefire', color: '#7f7f7f'},
};
export const OTHER_STYLE = {label: 'other', color: '#555555'};

export function shorten(iri) {
  for (const [name, base] of Object.entries(PREFIXES)) {
    if (iri.startsWith(base) && iri.length > base.length) return `${name}:${iri.slice(base.length)}`;
  }
  return iri;
}

export function actorCode(iri) {
  return iri && iri.startsWith(PREFIXES.actor) ? decodeURIComponent(iri.slice(PREFIXES.actor.length)) : null;
}

export function display(term) {
  if (!term) return '';
  if (term.type === 'uri') return actorCode(term.value) ?? shorten(term.value);
  return term.value;
}

// Offsets in the graph count Unicode code points (Python str indexes); JavaScript
// strings count UTF-16 units, so slicing goes through an array of code points.
export function codePointSlices(text, start, end) {
  const points = Array.from(text);
  return [points.slice(0, start).join(''), points.slice(start, end).join(''), points.slice(end).join('')];
}
