// Builds the explorer into ../static: one script, and the licences of what it bundles.
// Run `npm ci && node build.mjs` here after changing src/ (the Makefile's `explorer`).
import {build} from 'esbuild';
import {readFileSync, writeFileSync, readdirSync, existsSync} from 'node:fs';
import {join} from 'node:path';

// `node build.mjs --out DIR` builds elsewhere: the test that the committed files are fresh.
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? process.argv[outFlag + 1] : new URL('../static/', import.meta.url).pathname;
const result = await build({
  entryPoints: [new URL('src/main.js', import.meta.url).pathname],
  absWorkingDir: new URL('.', import.meta.url).pathname,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2020'],
  outfile: join(out, 'explorer.js'),
  metafile: true,
  legalComments: 'none',
});

// Each bundled package once, with its licence text.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const sections = ['The explorer bundles these packages from the npm registry (kg/explorer/frontend/package-lock.json pins them).', ''];
for (const name of [...packages].sort()) {
  const dir = join(new URL('.', import.meta.url).pathname, 'node_modules', name);
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  sections.push(`=== ${name} ${meta.version} (${meta.license})`, file ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file shipped)', '');
}
const vis = new URL('../../templates/VIS-NETWORK-LICENSE.txt', import.meta.url).pathname;
if (existsSync(vis)) sections.push('=== vis-network (served from kg/templates/vis-network.min.js)', readFileSync(vis, 'utf8').trim(), '');
writeFileSync(join(out, 'LICENSES.txt'), sections.join('\n'));
console.log(`explorer.js: ${readFileSync(join(out, 'explorer.js')).length} bytes; ${packages.size} packages`);
