// The site map, drawn by MapLibre GL JS (WebGL) from the service's own vector tiles: parcels coloured by flag level,
// cables and settlement markers come from the dataset tiles named by the TileJSON (/ogcapi/tiles/WebMercatorQuad),
// so a site of thousands of parcels loads only the tiles in view. Flag levels change live without reloading
// tiles first: each parcel's level is feature-state, set from the parcel list (properties only) on every change.
// The first render waits only for the style, the TileJSON and the tiles in view. The parcel list (search, filters) is
// one compact request sent with the TileJSON and taken in at an idle moment (while the worker cuts the tiles, or just
// after the first render); the overlays are fetched after that render, so a province-size site draws at once.
// Cable strain colours, phases and boreholes are small GeoJSON overlays, as before.
import * as maplibregl from '/vendor/maplibre-gl/maplibre-gl.mjs';
import { get, allFeatures } from './api.js';
import { t } from './i18n.js';
import { h, label } from './dom.js';
import { SEGMENT_SAMPLES, strainColour, maxAbs } from './map-style.js';
import { SITE, baseStyle, siteLayers } from './map-layers.js';

export { LEVEL_COLOURS, STRAIN_CLASSES, strainColour, maxAbs } from './map-style.js';

const PARCEL = { source: SITE, sourceLayer: 'parcels' };
const GROUPS = {
  phases: ['phases'],
  parcels: ['parcels-fill', 'parcels-line', 'parcels-unmonitored-far', 'parcels-unmonitored', 'parcels-selected'],
  cables: ['cables-line', 'cables-point', 'cable-strain-line', 'cable-strain-point'],
  markers: ['markers'],
  boreholes: ['borehole-traces', 'borehole-collars'],
};
const LINE_TOLERANCE_PX = 4; // a click this close to a cable or marker hits it

let webgl = null;

/** True when the browser can give MapLibre a WebGL 2 context (MapLibre 6 needs it); asked once, a context is costly. */
export function webglAvailable() {
  if (webgl === null) {
    try {
      webgl = !!document.createElement('canvas').getContext('webgl2');
    } catch (e) {
      webgl = false;
    }
  }
  return webgl;
}

/** Starts MapLibre's worker (fetching and parsing its script) while the page still waits for its session. */
export function prewarm() {
  maplibregl.prewarm();
}

export class SiteMap {
  constructor(element, basemap, handlers) {
    this.handlers = handlers;
    this.renderer = 'maplibre';
    this.parcels = []; // the parcel list once taken in (entries of listEntry()), empty until then
    this.listed = null; // the promise of that list
    this.cables = [];
    this.selected = null;
    this.hidden = new Set();
    this.phaseLabels = [];
    this.marks = { map: performance.now() }; // steps of the first render (read by scripts/bench-webmap.sh)
    this.map = new maplibregl.Map({ container: element, style: baseStyle(basemap), center: [0, 0], zoom: 1, maxZoom: 22,
      attributionControl: { compact: true }, fadeDuration: 0 });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left'); // where Leaflet had it: the tablet legend is top-right
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.styled = new Promise(resolve => this.map.once('load', () => { this.marks.styled = performance.now(); resolve(); }));
    this.map.on('data', e => {
      if (e.sourceId !== SITE || !e.tile || this.drawnAt != null) return;
      this.marks.firstTile ??= performance.now();
      this.marks.lastTile = performance.now();
    });
    this.hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'map-tooltip', offset: 8 });
    this.map.on('click', e => this.click(e.point));
    this.map.on('mousemove', e => this.hovering(e));
    this.map.on('mouseout', () => this.hover.remove());
  }

  /** Resolves once every tile in view is loaded and drawn (the map is idle). */
  rendered() {
    return new Promise(resolve => {
      if (this.map.loaded() && this.map.areTilesLoaded() && !this.map.isMoving()) resolve(); else this.map.once('idle', resolve);
    });
  }

  toggle(name, on) {
    if (on) this.hidden.delete(name); else this.hidden.add(name);
    for (const id of GROUPS[name]) {
      if (this.map.getLayer(id)) this.map.setLayoutProperty(id, 'visibility', on ? 'visible' : 'none');
    }
    if (name === 'phases') this.phaseLabels.forEach(m => { m.getElement().hidden = !on; });
  }

  /** Draws the project and loads everything else on the map; after an import, for instance. */
  async load(project) {
    await this.draw(project); // lists the parcels again too
    await this.loadOverlays();
  }

  /**
   * Shows the project: its vector tiles as one source, the view fitted to its bounds. Resolves once the tiles in view
   * are drawn, having fetched nothing but the TileJSON and those tiles, and asked for the parcel list: its one request
   * goes now, alongside (the tiles come through MapLibre's worker), and is taken in when the page is idle.
   */
  async draw(project) {
    this.project = project;
    this.projectLoaded = false;
    this.parcels = [];
    let firstRender;
    this.listParcels(false, new Promise(resolve => { firstRender = resolve; })).catch(e => console.warn(e));
    try {
      await this.show(project);
    } finally {
      firstRender();
    }
  }

  async show(project) {
    const tileJsonAsked = get(`/ogcapi/tiles/WebMercatorQuad/tilejson.json?projectId=${project.id}`); // while the style loads
    tileJsonAsked.catch(() => {}); // handled below, once the style is in
    await this.styled;
    const tileJson = await tileJsonAsked;
    if (this.project !== project) return; // another project was chosen meanwhile
    this.marks.tileJson = performance.now();
    this.clearProject();
    this.map.addSource(SITE, {
      type: 'vector', tiles: tileJson.tiles.map(sameOrigin), minzoom: tileJson.minzoom, maxzoom: tileJson.maxzoom,
      bounds: tileJson.bounds,
    });
    for (const name of ['cable-strain', 'phases', 'borehole-traces', 'borehole-collars']) {
      this.map.addSource(name, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    }
    siteLayers().forEach(layer => this.map.addLayer(layer));
    this.drawnAt = null; // when the tiles in view were first drawn (performance.now(), read by scripts/bench-webmap.sh)
    const drawn = new Promise(resolve => {
      const firstDraw = () => {
        if (!this.map.areTilesLoaded()) {
          this.map.once('idle', firstDraw);
          return;
        }
        this.drawnAt = performance.now();
        resolve();
      };
      this.map.once('idle', firstDraw);
    });
    Object.keys(GROUPS).filter(g => this.hidden.has(g)).forEach(g => this.toggle(g, false));
    if (tileJson.center) {
      const [w, s, e, n] = tileJson.bounds;
      this.map.fitBounds([[w, s], [e, n]], { padding: 20, animate: false, maxZoom: 18 });
    }
    await drawn;
  }

  /** Phases, cable strain colours, boreholes and the marker list: after the first render. */
  async loadOverlays() {
    await Promise.all([this.refreshPhases(), this.refreshMarkers(), this.refreshCables(), this.refreshBoreholes()]);
    this.projectLoaded = true;
  }

  clearProject() {
    for (const layer of siteLayers()) if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
    for (const source of [SITE, 'cable-strain', 'phases', 'borehole-traces', 'borehole-collars']) {
      if (this.map.getSource(source)) this.map.removeSource(source);
    }
    this.phaseLabels.forEach(m => m.remove());
    this.phaseLabels = [];
  }

  async refreshPhases() {
    const phases = (await allFeatures(`/ogcapi/collections/phases/items?projectId=${this.project.id}&limit=100`)).filter(p => p.geometry);
    this.map.getSource('phases').setData({ type: 'FeatureCollection', features: phases });
    this.phaseLabels.forEach(m => m.remove());
    // HTML labels: a symbol layer would need a glyph server, and the page loads nothing from elsewhere
    this.phaseLabels = phases.map(f => new maplibregl.Marker({ element: h('div', { class: 'phase-label' }, t('phaseLabel', { n: f.properties.ordinal })) })
      .setLngLat(centre(f.geometry)).addTo(this.map));
    this.phaseLabels.forEach(m => { m.getElement().hidden = this.hidden.has('phases'); });
  }

  /** The parcel list (search, filters, the rules view): asked for with the tiles, so usually there or under way. */
  parcelList() {
    return this.listed || this.listParcels(false);
  }

  /** A parcel clicked or named by id: from the list when it is there, else fetched alone (the list may not be yet). */
  async parcelById(id) {
    const listed = this.parcels.find(p => p.id === id);
    if (listed) return listed;
    try {
      const f = await get(`/api/v1/parcels/${id}`);
      return f.properties.projectId === this.project.id ? f : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * After a change: the parcel list again (properties only: the shapes come in the tiles); each parcel's flag level
   * becomes its feature-state, which recolours it at once. The tiles are then reloaded in the background so an edited
   * or added shape shows too; the feature-state outlives the reload.
   */
  async refreshParcels(fit) {
    const parcels = await this.listParcels(true);
    if (fit) await this.fitParcels();
    return parcels;
  }

  /**
   * The parcel list for search, panels and filters, one compact request (no shapes: they come in the tiles).
   * reloadTiles false for the first list of a project, asked for with its TileJSON (rendered: the first render): taken
   * in at the first idle moment once in (the main thread mostly waits while the worker cuts the tiles), or a task after
   * the first render if that comes sooner; its levels are the fresh tiles' own, set as feature-state after that render.
   */
  listParcels(reloadTiles, rendered = Promise.resolve()) {
    const project = this.project;
    const asked = get(`/api/v1/projects/${project.id}/parcel-list`);
    const later = (fn, list) => new Promise(resolve => fn(() => resolve(list)));
    const takeIn = reloadTiles ? asked : Promise.race([asked.then(list => later(idle, list)),
      Promise.all([asked, rendered]).then(([list]) => later(setTimeout, list))]);
    const listed = this.listed = takeIn.then(list => {
      if (this.project !== project || this.listed !== listed) return this.listed || []; // a newer project or list took over
      const parcels = list.parcels.map(p => listEntry(p, project.id));
      this.parcels = parcels;
      this.handlers.listed?.(parcels);
      const levels = () => {
        if (this.listed !== listed || !this.map.getSource(SITE)) return; // a newer list set them, or the project failed to show
        for (const f of parcels) this.map.setFeatureState({ ...PARCEL, id: f.id }, { level: f.properties.flagLevel });
      };
      if (reloadTiles) {
        levels(); // a change: recoloured at once, the shapes follow with the tiles
        this.reloadTiles();
      } else {
        // the first list: the tiles carry the same levels, so the states (which every redraw of thousands of parcels
        // then applies) wait for the first render and an idle moment rather than hold back the tiles or the overlays
        rendered.then(() => idle(levels));
      }
      return parcels;
    });
    listed.catch(() => { if (this.listed === listed) this.listed = null; }); // asked again on next use
    return listed;
  }

  async fitParcels() {
    const tileJson = await get(`/ogcapi/tiles/WebMercatorQuad/tilejson.json?projectId=${this.project.id}`);
    const [w, s, e, n] = tileJson.bounds;
    this.map.fitBounds([[w, s], [e, n]], { padding: 20, animate: false, maxZoom: 18 });
  }

  /** Outlines the parcel and frames it; feature: the parcel, from the list (no shape) or fetched alone (with its shape). */
  select(code, feature) {
    this.selected = code;
    this.map.setFilter('parcels-selected', ['==', ['get', 'code'], code ?? '']);
    const f = feature || this.parcels.find(p => p.properties.code === code);
    if (!f) return f;
    const frame = geometry => {
      if (this.selected === code && geometry) this.map.fitBounds(bounds(geometry), { maxZoom: 17, padding: 40, animate: false });
    };
    // the list has no shapes: ask for this one parcel's, to frame it
    if (f.geometry) frame(f.geometry); else get(`/api/v1/parcels/${f.id}`).then(full => frame(full.geometry)).catch(e => console.warn(e));
    return f;
  }

  async refreshMarkers() {
    // the markers are drawn from the tiles; the list only maps a click to its parcel
    const sensors = await get(`/api/v1/projects/${this.project.id}/sensors`);
    this.markers = new Map(sensors.map(s => [s.code, s]));
    this.reloadTiles();
  }

  /** After a change, not while the project loads (its tiles are fresh): fetch the tiles in view again. */
  reloadTiles() {
    const source = this.map.getSource(SITE);
    if (this.projectLoaded && source) source.setTiles(source.tiles);
  }

  /** Each cable in segments coloured by the largest ground strain (fiber strain / coupling) of the latest trace. */
  async refreshCables() {
    const cables = await get(`/api/v1/projects/${this.project.id}/cables`);
    const drawn = await Promise.all(cables.features.map(async c => {
      let profile = null;
      try { profile = await get(`/api/v1/cables/${c.id}/profile`); } catch (e) { /* a cable without data stays grey */ }
      return { c, profile };
    }));
    this.cables = cables.features;
    const features = [];
    for (const { c, profile } of drawn) {
      const coupling = c.properties.couplingCoefficient || 1;
      const code = c.properties.code;
      if (c.geometry.type === 'Point') {
        const max = maxAbs(profile ? profile.samples.map(s => s.strainUe) : []);
        features.push(feature(c.geometry, { code, colour: strainColour(max == null ? null : max / coupling) }));
        continue;
      }
      const mapped = profile ? profile.samples.filter(s => s.lat != null) : [];
      for (let i = 0; i + 1 < mapped.length; i += SEGMENT_SAMPLES) {
        const part = mapped.slice(i, i + SEGMENT_SAMPLES + 1);
        const max = maxAbs(part.map(s => s.strainUe));
        features.push(feature({ type: 'LineString', coordinates: part.map(s => [s.lon, s.lat]) },
          { code, colour: strainColour(max / coupling), strainUe: Math.round(max / coupling) }));
      }
    }
    this.map.getSource('cable-strain').setData({ type: 'FeatureCollection', features });
  }

  /** Boreholes, when the service offers them: every collar, and the surface trace of each directional hole. */
  async refreshBoreholes() {
    const collections = await get('/ogcapi/collections');
    if (!collections.collections.some(c => c.id === 'boreholes')) return;
    const scope = `projectId=${this.project.id}&limit=500`;
    const [collars, traces] = await Promise.all([allFeatures(`/ogcapi/collections/boreholes/items?${scope}`),
      allFeatures(`/ogcapi/collections/borehole-traces/items?${scope}`)]);
    document.getElementById('boreholes-toggle').hidden = collars.length === 0;
    this.map.getSource('borehole-traces').setData({ type: 'FeatureCollection', features: traces });
    this.map.getSource('borehole-collars').setData({ type: 'FeatureCollection', features: collars });
  }

  /** What is drawn at a screen point, topmost first: a marker, a cable, then a parcel; null where nothing is. */
  hit(point) {
    const near = [[point.x - LINE_TOLERANCE_PX, point.y - LINE_TOLERANCE_PX], [point.x + LINE_TOLERANCE_PX, point.y + LINE_TOLERANCE_PX]];
    const visible = ids => ids.filter(id => this.map.getLayer(id) && this.map.getLayoutProperty(id, 'visibility') !== 'none');
    const [marker] = this.map.queryRenderedFeatures(near, { layers: visible(GROUPS.markers) });
    if (marker) return { kind: 'marker', code: marker.properties.code, parcelId: marker.properties.parcelId };
    const [cable] = this.map.queryRenderedFeatures(near, { layers: visible(GROUPS.cables) });
    if (cable) return { kind: 'cable', code: cable.properties.code, strainUe: cable.properties.strainUe };
    const [hole] = this.map.queryRenderedFeatures(near, { layers: visible(GROUPS.boreholes) });
    if (hole) return { kind: 'borehole', code: hole.properties.code };
    const [parcel] = this.map.queryRenderedFeatures(point, { layers: visible(['parcels-fill']) });
    if (parcel) return { kind: 'parcel', id: parcel.id, code: parcel.properties.code, level: parcel.state.level || parcel.properties.flagLevel };
    return null;
  }

  click(point) {
    const found = this.hit(point);
    if (!found || found.kind === 'borehole') return; // boreholes have no panel
    if (found.kind === 'cable') {
      const c = this.cables.find(x => x.properties.code === found.code);
      if (c) this.handlers.cable(c);
      return;
    }
    const parcelId = found.kind === 'marker' ? found.parcelId : found.id;
    this.parcelById(parcelId).then(f => { if (f) this.handlers.parcel(f); });
  }

  hovering(e) {
    const found = this.hit(e.point);
    this.map.getCanvas().style.cursor = found && found.kind !== 'borehole' ? 'pointer' : '';
    if (!found) {
      this.hover.remove();
      return;
    }
    const text = found.kind === 'parcel' ? `${found.code} · ${t('level.' + found.level)}`
      : found.kind === 'cable' && found.strainUe != null ? `${found.code} · ${found.strainUe} µε` : found.code;
    this.hover.setLngLat(e.lngLat).setDOMContent(label(text)).addTo(this.map);
  }
}

/** The page and its tiles are one origin: the TileJSON's absolute URL (the service's public base) made relative. */
function sameOrigin(url) {
  const u = new URL(url, location.href);
  return decodeURI(u.pathname) + u.search.replace(/%7B/gi, '{').replace(/%7D/gi, '}');
}

/** Runs fn when the page is idle (within 1 s), or after a task where the browser has no idle callbacks. */
function idle(fn) {
  if (window.requestIdleCallback) requestIdleCallback(() => fn(), { timeout: 1000 }); else setTimeout(fn);
}

/**
 * An entry of the compact parcel list as a feature without shape: id and code for search and filters, the flag level;
 * `listed` tells the panel to fetch the whole parcel (status, area, shape) before showing it.
 */
function listEntry(p, projectId) {
  return { type: 'Feature', id: p.id, listed: true,
    properties: { code: p.code, name: p.name, projectId, phaseId: p.phaseId, phase: p.phase, flagLevel: p.flagLevel } };
}

function feature(geometry, properties) {
  return { type: 'Feature', geometry, properties };
}

function positions(geometry) {
  const out = [];
  const walk = c => (typeof c[0] === 'number' ? out.push(c) : c.forEach(walk));
  walk(geometry.coordinates);
  return out;
}

function bounds(geometry) {
  const ps = positions(geometry);
  const xs = ps.map(p => p[0]);
  const ys = ps.map(p => p[1]);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}

function centre(geometry) {
  const [[w, s], [e, n]] = bounds(geometry);
  return [(w + e) / 2, (s + n) / 2];
}
