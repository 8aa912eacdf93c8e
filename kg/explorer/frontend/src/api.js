// The page's only way out: its own server's SPARQL endpoint and named queries.

const RESULTS = 'application/sparql-results+json';

export class QueryError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

async function answer(response) {
  const text = await response.text();
  if (!response.ok) throw new QueryError(text.trim() || response.statusText, response.status);
  const type = response.headers.get('content-type') || '';
  if (type.includes('json')) return JSON.parse(text);
  return triplesAsResults(text);
}

// CONSTRUCT and DESCRIBE answer N-Triples: one row per line, three columns.
function triplesAsResults(text) {
  const bindings = [];
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(\S+)\s+(.*?)\s*\.\s*$/.exec(line);
    if (!match) continue;
    const term = (s) => (s.startsWith('<') ? {type: 'uri', value: s.slice(1, -1)} : {type: 'literal', value: s});
    bindings.push({subject: term(match[1]), predicate: term(match[2]), object: term(match[3])});
  }
  return {head: {vars: ['subject', 'predicate', 'object']}, results: {bindings}};
}

export async function runSparql(query) {
  return answer(
    await fetch('/sparql', {
      method: 'POST',
      headers: {'Content-Type': 'application/sparql-query', Accept: `${RESULTS}, application/n-triples;q=0.5`},
      body: query,
    }),
  );
}

export async function runNamed(name, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== '') search.append(key, value);
  const url = `/queries/${encodeURIComponent(name)}${search.size ? `?${search}` : ''}`;
  return answer(await fetch(url, {headers: {Accept: RESULTS}}));
}

export async function namedQueries() {
  const response = await fetch('/queries', {headers: {Accept: 'application/json'}});
  if (!response.ok) throw new QueryError(await response.text(), response.status);
  return response.json();
}

export async function namedQueryText(name) {
  const response = await fetch(`/explorer/queries/${encodeURIComponent(name)}.rq`);
  return response.ok ? response.text() : '';
}

// Rows as plain objects: {var: {type, value, datatype}}; ASK gives one row {boolean}.
export function rowsOf(results) {
  if ('boolean' in results) return {vars: ['boolean'], rows: [{boolean: {type: 'literal', value: String(results.boolean)}}]};
  return {vars: results.head.vars, rows: results.results.bindings};
}
