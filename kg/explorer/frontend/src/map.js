// A map of any result with coordinates: country outlines from Natural Earth (world-atlas,
// bundled: no tile server, no request) in an equirectangular projection, one mark per row.

import {feature} from 'topojson-client';
import countries from 'world-atlas/countries-110m.json';
import {clear, el} from './dom.js';
import {REACTION_STYLES, OTHER_STYLE, display} from './terms.js';

const SVG = 'http://www.w3.org/2000/svg';
const [WIDTH, HEIGHT] = [960, 480];
const LATITUDE = /(^|_)(lat|latitude)$/;
const LONGITUDE = /(^|_)(long|lon|lng|longitude)$/;

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  return node;
}

const project = ([lon, lat]) => [((lon + 180) / 360) * WIDTH, ((90 - lat) / 180) * HEIGHT];

export function coordinateColumns(vars) {
  const lat = vars.find((name) => LATITUDE.test(name));
  const lon = vars.find((name) => LONGITUDE.test(name));
  return lat && lon ? {lat, lon} : null;
}

let outlines = null;
function countryPaths() {
  // Drawn once: 177 countries at 1:110m, about 100 kB of TopoJSON.
  if (outlines) return outlines;
  outlines = [];
  for (const country of feature(countries, countries.objects.countries).features) {
    const polygons = country.geometry?.type === 'Polygon' ? [country.geometry.coordinates] : country.geometry?.coordinates ?? [];
    let d = '';
    for (const polygon of polygons) {
      for (const ring of polygon) d += `M${ring.map((point) => project(point).map((v) => v.toFixed(1)).join(',')).join('L')}Z`;
    }
    outlines.push({name: country.properties.name, d});
  }
  return outlines;
}

export function renderMap(container, {vars, rows}) {
  clear(container);
  const columns = coordinateColumns(vars);
  const points = columns
    ? rows
        .map((row) => ({row, lat: Number(row[columns.lat]?.value), lon: Number(row[columns.lon]?.value)}))
        .filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180)
    : [];
  container.dataset.marks = String(points.length);
  if (!points.length) {
    container.append(el('p', {class: 'hint', text: 'This result has no coordinate columns (lat and long) to put on a map.'}));
    return;
  }
  // Framed on the marks, with a margin, so a region's events are not specks on a planisphere.
  const xy = points.map((p) => project([p.lon, p.lat]));
  const xs = xy.map(([x]) => x);
  const ys = xy.map(([, y]) => y);
  const pad = 40;
  const [x0, x1] = [Math.max(Math.min(...xs) - pad, 0), Math.min(Math.max(...xs) + pad, WIDTH)];
  const [y0, y1] = [Math.max(Math.min(...ys) - pad / 2, 0), Math.min(Math.max(...ys) + pad / 2, HEIGHT)];
  const chart = svg('svg', {viewBox: `${x0} ${y0} ${x1 - x0} ${y1 - y0}`, role: 'img', 'aria-label': 'map of the results', class: 'map'});
  for (const {name, d} of countryPaths()) {
    const path = svg('path', {d, class: 'country'});
    const title = svg('title');
    title.textContent = name;
    path.append(title);
    chart.append(path);
  }
  const radius = Math.max((x1 - x0) / 160, 0.8);
  points.forEach(({row}, index) => {
    const style = REACTION_STYLES[row.type?.value] ?? OTHER_STYLE;
    const mark = svg('circle', {cx: xy[index][0], cy: xy[index][1], r: radius, fill: style === OTHER_STYLE ? '#c0392b' : style.color, class: 'mark'});
    const title = svg('title');
    title.textContent = vars.filter((name) => name !== columns.lat && name !== columns.lon && row[name]).map((name) => `${name}: ${display(row[name])}`).join('\n');
    mark.append(title);
    chart.append(mark);
  });
  container.append(el('p', {class: 'count', text: `${points.length} row${points.length === 1 ? '' : 's'} with coordinates`}), chart);
}
