// The site map as it was before the vector-tile map (map.js): every parcel loaded as GeoJSON (CRS84) and drawn
// as an SVG element by Leaflet. Kept for browsers without WebGL and as the benchmark's baseline; fine for a
// site of tens of parcels, slow for thousands.
import { get, allFeatures } from './api.js';
import { t } from './i18n.js';
import { label } from './dom.js';
import { LEVEL_COLOURS, NO_STRAIN, SEGMENT_SAMPLES, strainColour, maxAbs } from './map-style.js';

/** The Leaflet map: the fallback where WebGL is missing, and the baseline of scripts/bench-webmap.sh (?renderer=leaflet). */
export class LeafletSiteMap {
  constructor(element, basemap, handlers) {
    this.handlers = handlers;
    this.map = L.map(element, { zoomControl: true, preferCanvas: false });
    L.control.scale({ imperial: false }).addTo(this.map);
    if (basemap && basemap.basemapUrl) {
      // the attribution is the operator's configuration (goafwatch.map.basemap-attribution), not user data
      L.tileLayer(basemap.basemapUrl, { attribution: basemap.basemapAttribution || '', maxZoom: 20 }).addTo(this.map);
    }
    this.groups = {
      phases: L.layerGroup().addTo(this.map), parcels: L.layerGroup().addTo(this.map),
      cables: L.layerGroup().addTo(this.map), markers: L.layerGroup().addTo(this.map),
      boreholes: L.layerGroup().addTo(this.map),
    };
    this.renderer = 'leaflet';
    this.parcelLayers = new Map(); // code → Leaflet layer
    this.parcels = [];
    this.selected = null;
  }

  /** Resolves once the parcels drawn are on screen: SVG paths are drawn when added, so after the next frame. */
  rendered() {
    return new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }

  toggle(name, on) {
    const group = this.groups[name];
    if (on) group.addTo(this.map); else group.remove();
  }

  async load(project) {
    await this.draw(project);
    await this.loadOverlays();
  }

  /** Shows the project: Leaflet needs every parcel's shape to draw anything, so the whole list comes first. */
  async draw(project) {
    this.project = project;
    await this.refreshParcels(true);
  }

  async loadOverlays() {
    await Promise.all([this.refreshPhases(), this.refreshMarkers(), this.refreshCables(), this.refreshBoreholes()]);
  }

  /** The parcel list: drawn from it, so it is there once the map is. */
  async parcelList() {
    return this.parcels;
  }

  async parcelById(id) {
    return this.parcels.find(p => p.id === id) || null;
  }

  async refreshPhases() {
    const phases = await allFeatures(`/ogcapi/collections/phases/items?projectId=${this.project.id}&limit=100`);
    this.groups.phases.clearLayers();
    for (const f of phases.filter(p => p.geometry)) {
      const outline = L.geoJSON(f, { interactive: false, style: { color: '#35506b', weight: 3, dashArray: '6 4', fill: false } });
      outline.addTo(this.groups.phases);
      L.tooltip({ permanent: true, direction: 'center', className: 'phase-label' })
        .setLatLng(outline.getBounds().getCenter())
        .setContent(label(t('phaseLabel', { n: f.properties.ordinal })))
        .addTo(this.groups.phases);
    }
  }

  async refreshParcels(fit) {
    this.parcels = await allFeatures(`/api/v1/parcels?project=${this.project.id}&limit=500`);
    this.groups.parcels.clearLayers();
    this.parcelLayers.clear();
    for (const f of this.parcels) {
      const p = f.properties;
      const layer = L.geoJSON(f, {
        style: () => ({
          className: `parcel parcel-${p.code} level-${p.flagLevel}`,
          color: p.code === this.selected ? '#000' : '#555', weight: p.code === this.selected ? 3 : 1,
          fillColor: LEVEL_COLOURS[p.flagLevel] || '#ffffff', fillOpacity: 0.55,
          dashArray: p.flagLevel === 'not_monitored' ? '3 3' : null,
        }),
      });
      layer.bindTooltip(label(`${p.code} · ${t('level.' + p.flagLevel)}`), { sticky: true });
      layer.on('click', () => this.handlers.parcel(f));
      layer.addTo(this.groups.parcels);
      this.parcelLayers.set(p.code, layer);
    }
    if (!this.drawnAt) this.rendered().then(() => { this.drawnAt = this.drawnAt || performance.now(); }); // for the benchmark
    if (fit && this.parcels.length) {
      this.map.fitBounds(L.featureGroup([...this.parcelLayers.values()]).getBounds(), { padding: [20, 20] });
    }
    const parcels = this.parcels;
    this.rendered().then(() => this.handlers.listed?.(parcels)); // search and filters after the parcels are on screen
    return this.parcels;
  }

  select(code) { // the layers hold the shapes: the parcel need not be passed
    this.selected = code;
    for (const [c, layer] of this.parcelLayers) {
      layer.setStyle({ color: c === code ? '#000' : '#555', weight: c === code ? 3 : 1 });
    }
    const layer = this.parcelLayers.get(code);
    if (layer) this.map.fitBounds(layer.getBounds(), { maxZoom: 17, padding: [40, 40] });
    return this.parcels.find(f => f.properties.code === code);
  }

  async refreshMarkers() {
    const sensors = await get(`/api/v1/projects/${this.project.id}/sensors`);
    this.groups.markers.clearLayers();
    for (const s of sensors.filter(s => s.type === 'settlement-marker')) {
      L.circleMarker([s.lat, s.lon], { radius: 5, color: '#222', weight: 1, fillColor: '#fff', fillOpacity: 1, className: `marker marker-${s.code}` })
        .bindTooltip(label(s.code))
        .on('click', () => { const f = this.parcels.find(p => p.id === s.parcelId); if (f) this.handlers.parcel(f); })
        .addTo(this.groups.markers);
    }
  }

  /** Each cable in segments coloured by the largest ground strain (fiber strain / coupling) of the latest trace. */
  async refreshCables() {
    const cables = await get(`/api/v1/projects/${this.project.id}/cables`);
    const drawn = await Promise.all(cables.features.map(async c => {
      let profile = null;
      try { profile = await get(`/api/v1/cables/${c.id}/profile`); } catch (e) { /* a cable without data is drawn grey */ }
      return { c, profile };
    }));
    this.groups.cables.clearLayers();
    for (const { c, profile } of drawn) {
      const coupling = c.properties.couplingCoefficient || 1;
      const onClick = () => this.handlers.cable(c);
      const tooltip = `${c.properties.code}`; // always given to Leaflet as label(text), never as a string
      if (c.geometry.type === 'Point') {
        const max = maxAbs(profile ? profile.samples.map(s => s.strainUe) : []);
        L.circleMarker([c.geometry.coordinates[1], c.geometry.coordinates[0]], {
          radius: 7, color: strainColour(max == null ? null : max / coupling), weight: 4, fillColor: '#fff', fillOpacity: 1,
          className: `cable cable-${c.properties.code}`,
        }).bindTooltip(label(tooltip)).on('click', onClick).addTo(this.groups.cables);
        continue;
      }
      const mapped = profile ? profile.samples.filter(s => s.lat != null) : [];
      if (mapped.length < 2) {
        L.geoJSON(c, { style: { color: NO_STRAIN, weight: 4, dashArray: '4 4', className: `cable cable-${c.properties.code}` } })
          .bindTooltip(label(tooltip)).on('click', onClick).addTo(this.groups.cables);
        continue;
      }
      for (let i = 0; i < mapped.length - 1; i += SEGMENT_SAMPLES) {
        const part = mapped.slice(i, i + SEGMENT_SAMPLES + 1);
        const max = maxAbs(part.map(s => s.strainUe));
        L.polyline(part.map(s => [s.lat, s.lon]), { color: strainColour(max / coupling), weight: 5, className: `cable cable-${c.properties.code}` })
          .bindTooltip(label(`${tooltip} · ${Math.round(max / coupling)} µε`)).on('click', onClick).addTo(this.groups.cables);
      }
    }
  }

  /** Boreholes, when the service offers them: every collar, and the surface trace of each directional hole. */
  async refreshBoreholes() {
    const collections = await get('/ogcapi/collections');
    if (!collections.collections.some(c => c.id === 'boreholes')) return;
    const scope = `projectId=${this.project.id}&limit=500`;
    const [collars, traces] = await Promise.all([allFeatures(`/ogcapi/collections/boreholes/items?${scope}`),
      allFeatures(`/ogcapi/collections/borehole-traces/items?${scope}`)]);
    document.getElementById('boreholes-toggle').hidden = collars.length === 0;
    this.groups.boreholes.clearLayers();
    for (const t of traces) {
      L.geoJSON(t, { style: { color: '#6a3d9a', weight: 2, className: 'borehole' } })
        .bindTooltip(label(t.properties.code)).addTo(this.groups.boreholes);
    }
    for (const h of collars) {
      L.geoJSON(h, { pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 3, color: '#6a3d9a', className: 'borehole' }) })
        .bindTooltip(label(h.properties.code)).addTo(this.groups.boreholes);
    }
  }
}
