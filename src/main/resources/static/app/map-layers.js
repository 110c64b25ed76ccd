// The MapLibre style of the site map: the operator's basemap, then the layers drawn from the service's vector tiles
// (source "site": source layers parcels, cables, markers) and the small GeoJSON overlays, bottom first.
import { LEVEL_COLOURS, NO_STRAIN } from './map-style.js';

export const SITE = 'site';
const UNMONITORED_DASHED_FROM = 14;

/** The flag colour of a parcel: its live level (feature-state) once known, else the level the tile was made with. */
const LEVEL_EXPRESSION = ['coalesce', ['feature-state', 'level'], ['get', 'flagLevel']];
const FILL_COLOUR = ['match', LEVEL_EXPRESSION, ...Object.entries(LEVEL_COLOURS).flat(), '#ffffff'];

/** An empty style with the operator's basemap, if one is configured (goafwatch.map.basemap-url). */
export function baseStyle(basemap) {
  const style = { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ec' } }] };
  if (basemap && basemap.basemapUrl) {
    // Leaflet's {s} picks one of a, b, c; MapLibre takes the list of URLs instead
    const urls = basemap.basemapUrl.includes('{s}') ? ['a', 'b', 'c'].map(s => basemap.basemapUrl.replace('{s}', s)) : [basemap.basemapUrl];
    style.sources.basemap = { type: 'raster', tiles: urls, tileSize: 256, maxzoom: 20, attribution: basemap.basemapAttribution || '' };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  }
  return style;
}

/** The layers drawn over the basemap, bottom first. */
export function siteLayers() {
  const tiles = (id, sourceLayer, type, paint, extra) => ({ id, type, source: SITE, 'source-layer': sourceLayer, paint, ...extra });
  const isLine = ['==', ['geometry-type'], 'LineString'];
  const isPoint = ['==', ['geometry-type'], 'Point'];
  return [
    // no antialiasing pass: the outline layers below draw the edges
    tiles('parcels-fill', 'parcels', 'fill', { 'fill-color': FILL_COLOUR, 'fill-opacity': 0.55, 'fill-antialias': false }),
    // one outline a parcel: solid, or dashed for a parcel not monitored (as the Leaflet page draws them)
    tiles('parcels-line', 'parcels', 'line', { 'line-color': '#555', 'line-width': 1 }, { filter: ['!=', ['get', 'flagLevel'], 'not_monitored'] }),
    // dashed from zoom 14, where a parcel's side is long enough to show dashes; solid further out, where 5,000 dashed
    // outlines cost half of a frame drawn on the CPU (scripts/bench-webmap.sh) and their white fill marks them anyway
    tiles('parcels-unmonitored-far', 'parcels', 'line', { 'line-color': '#555', 'line-width': 1 },
      { filter: ['==', ['get', 'flagLevel'], 'not_monitored'], maxzoom: UNMONITORED_DASHED_FROM }),
    tiles('parcels-unmonitored', 'parcels', 'line', { 'line-color': '#555', 'line-width': 1.5, 'line-dasharray': [3, 3] },
      { filter: ['==', ['get', 'flagLevel'], 'not_monitored'], minzoom: UNMONITORED_DASHED_FROM }),
    tiles('parcels-selected', 'parcels', 'line', { 'line-color': '#000', 'line-width': 3 }, { filter: ['==', ['get', 'code'], ''] }),
    { id: 'phases', type: 'line', source: 'phases', paint: { 'line-color': '#35506b', 'line-width': 3, 'line-dasharray': [2, 1.3] } },
    { id: 'borehole-traces', type: 'line', source: 'borehole-traces', paint: { 'line-color': '#6a3d9a', 'line-width': 2 } },
    { id: 'borehole-collars', type: 'circle', source: 'borehole-collars',
      paint: { 'circle-radius': 3, 'circle-color': '#6a3d9a', 'circle-opacity': 0.2, 'circle-stroke-color': '#6a3d9a', 'circle-stroke-width': 2 } },
    // every cable from the tiles, grey and dashed; the strain colours of those with data are drawn over it
    tiles('cables-line', 'cables', 'line', { 'line-color': NO_STRAIN, 'line-width': 4, 'line-dasharray': [1, 1] }, { filter: isLine }),
    tiles('cables-point', 'cables', 'circle', { 'circle-radius': 7, 'circle-color': '#fff', 'circle-stroke-color': NO_STRAIN,
      'circle-stroke-width': 4 }, { filter: isPoint }),
    { id: 'cable-strain-line', type: 'line', source: 'cable-strain', filter: isLine, paint: { 'line-color': ['get', 'colour'], 'line-width': 5 } },
    { id: 'cable-strain-point', type: 'circle', source: 'cable-strain', filter: isPoint,
      paint: { 'circle-radius': 7, 'circle-color': '#fff', 'circle-stroke-color': ['get', 'colour'], 'circle-stroke-width': 4 } },
    tiles('markers', 'markers', 'circle', { 'circle-radius': 5, 'circle-color': '#fff', 'circle-stroke-color': '#222', 'circle-stroke-width': 1 },
      { filter: ['==', ['get', 'sensorType'], 'settlement-marker'] }),
  ];
}
