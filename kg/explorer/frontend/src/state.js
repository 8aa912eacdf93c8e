// The view lives in the URL's fragment, so a link reproduces it:
// #name=who-blames-whom&p.agent=RUS&view=graph, or #query=SELECT…&view=table.

export function readState() {
  const params = new URLSearchParams(location.hash.slice(1));
  const state = {name: params.get('name') || '', query: params.get('query') || '', view: params.get('view') || 'table', params: {}};
  for (const [key, value] of params) if (key.startsWith('p.')) state.params[key.slice(2)] = value;
  return state;
}

export function writeState(state) {
  const params = new URLSearchParams();
  if (state.name) params.set('name', state.name);
  for (const [key, value] of Object.entries(state.params || {})) if (value !== '') params.set(`p.${key}`, value);
  if (state.query) params.set('query', state.query);
  if (state.view && state.view !== 'table') params.set('view', state.view);
  const hash = `#${params}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}
