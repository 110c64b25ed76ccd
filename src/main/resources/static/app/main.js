// Boot: who is signed in, which projects they see, then the map, the panel and live updates.
import { get, useCsrf } from './api.js';
import { t, apply, lang, setLanguage, loadCatalogue } from './i18n.js';
import { SiteMap, LEVEL_COLOURS, STRAIN_CLASSES, webglAvailable, prewarm } from './map.js';
import { LeafletSiteMap } from './map-leaflet.js';
import { Panel } from './panel.js';
import { h, fill } from './dom.js';
import { Views } from './views.js';
import { AdminView } from './admin.js';
import { ImportView } from './imports.js';
import { LevellingView } from './levelling.js';
import { AcceptanceView } from './acceptance.js';
import { RulesView } from './rules.js';
import { script, ECHARTS, LEAFLET } from './scripts.js';

const app = {
  marks: { modules: performance.now() }, // when the page's code began to run (read by scripts/bench-webmap.sh)
  session: null, project: null, sensors: [], map: null, panel: null, events: null,
  toast(message) {
    const el = document.getElementById('toast');
    el.textContent = message;
    el.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { el.hidden = true; }, 3000);
  },
};
window.goafwatch = app; // for the browser tests and the console

const swatch = colour => h('span', { class: 'swatch', style: { background: colour } });

function legend() {
  fill(document.getElementById('level-swatches'), ['red', 'orange', 'yellow', 'blue', 'ok', 'no_data', 'unknown', 'not_monitored']
    .map(l => h('div', null, swatch(LEVEL_COLOURS[l]), t('level.' + l))));
  let lower = 0;
  fill(document.getElementById('strain-swatches'), h('div', { class: 'small' }, t('strainLegend')), STRAIN_CLASSES.map(([limit, colour]) => {
    const text = limit === Infinity ? `> ${lower}` : `${lower}–${limit}`;
    lower = limit;
    return h('div', null, swatch(colour), text);
  }));
}

function phaseOptions() {
  const select = document.getElementById('alert-phase');
  const chosen = select.value;
  fill(select, h('option', { value: '' }, t('allPhases')),
    (app.phases || []).map(p => h('option', { value: p.phaseId }, t('phaseLabel', { n: p.ordinal }))));
  select.value = chosen;
}

/** The alert filter's parcels: refilled only when the list (or the language) changes, as a site has thousands. */
function parcelOptions() {
  const parcels = document.getElementById('alert-parcel');
  const picked = parcels.value;
  fill(parcels, h('option', { value: '' }, t('allParcels')),
    (app.map?.parcels || []).map(f => h('option', { value: f.id }, f.properties.code)));
  parcels.value = picked;
}

function translate() {
  apply();
  legend();
  phaseOptions();
  parcelOptions();
  document.getElementById('lang').textContent = lang() === 'zh' ? 'English' : '中文';
}

/**
 * The map is drawn first, from nothing but the style, the TileJSON and the tiles in view; the parcel list for search and
 * filters is asked for alongside (one compact request) and filled in at an idle moment (usually while the tiles are cut,
 * else just after the first render); then the overlays, sensors, phases and alerts (the page is ready).
 */
async function openProject(project) {
  app.project = project;
  app.listedAt = null;
  delete document.body.dataset.listed;
  localStorage.setItem('goafwatch.project', project.id);
  fill(document.getElementById('parcel-codes'));
  fill(document.getElementById('alert-parcel'), h('option', { value: '' }, t('allParcels')));
  phaseOptions();
  await app.map.draw(project);
  if (app.project !== project) return; // another project was chosen meanwhile
  const [sensors, phases] = await Promise.all([get(`/api/v1/projects/${project.id}/sensors`), get(`/api/v1/projects/${project.id}/phases`),
    app.map.loadOverlays(), app.panel.refreshAlerts(), echartsLoaded()]);
  if (app.project !== project) return;
  app.sensors = sensors;
  app.phases = phases;
  phaseOptions();
  listen(project);
  if (app.views) await app.views.refresh();
  document.body.dataset.ready = 'true';
  app.readyAt = performance.now(); // read by scripts/bench-webmap.sh
  app.map.parcelList().catch(e => console.warn(e)); // asked for by draw: fills the search list through showParcelList once in
}

/** The panel's charts need ECharts: loaded before the page is ready; if it fails, a chart asks for it again. */
function echartsLoaded() {
  return script(ECHARTS).catch(e => console.warn(e));
}

/** The parcel list arrived or changed: the search suggestions and the alert filter's parcels. */
function showParcelList(parcels) {
  fill(document.getElementById('parcel-codes'), parcels.map(f => h('option', { value: f.properties.code })));
  parcelOptions();
  if (!app.listedAt) app.listedAt = performance.now(); // read by scripts/bench-webmap.sh
  document.body.dataset.listed = 'true';
}

/**
 * Server-Sent Events: layer versions changed → refetch parcels and alerts; new data → recolour cables. Events sent while
 * no stream was open (a replica died, the balancer had no replica) are not replayed: when a stream opens again the page
 * redraws the cables, and compares the first 'layers' event with the versions it had seen.
 */
function listen(project, seen = null, interrupted = false) {
  if (app.events) app.events.close();
  clearTimeout(app.reopenTimer);
  const live = document.getElementById('live');
  const es = new EventSource(`/api/v1/projects/${project.id}/live`);
  let versions = seen;
  es.addEventListener('open', () => {
    live.classList.add('on');
    if (interrupted) app.map.refreshCables();
    interrupted = false;
  });
  es.addEventListener('error', () => {
    live.classList.remove('on');
    interrupted = true;
    // the browser reconnects by itself after a broken connection, but gives up for good on an error status (a 503
    // while no replica is up): then this page opens a new stream after a pause
    if (es.readyState === EventSource.CLOSED && app.events === es) {
      app.reopenTimer = setTimeout(() => listen(project, versions, true), 5000);
    }
  });
  es.addEventListener('layers', async e => {
    const next = JSON.parse(e.data);
    if (versions && (next.parcels !== versions.parcels || next.alerts !== versions.alerts)) {
      await app.map.refreshParcels(false);
      await app.panel.refreshAlerts();
      if (app.panel.tab === 'parcel') await app.panel.renderParcel();
    }
    if (versions && next.cables !== versions.cables) await app.map.refreshCables();
    if (versions && next.boreholes !== versions.boreholes) await app.map.refreshBoreholes();
    if (versions && next.markers !== versions.markers) {
      app.sensors = await get(`/api/v1/projects/${project.id}/sensors`);
      await app.map.refreshMarkers();
    }
    versions = next;
  });
  es.addEventListener('data', async () => {
    clearTimeout(app.dataTimer); // a burst of batches redraws once
    app.dataTimer = setTimeout(() => app.map.refreshCables(), 2000);
  });
  app.events = es;
}

/**
 * The vector-tile map (MapLibre, WebGL). Without WebGL the page says so and draws the Leaflet map instead, which
 * loads every parcel and is slow for a large site but keeps the page usable; ?renderer=leaflet asks for it
 * (the baseline of scripts/bench-webmap.sh).
 */
const leafletAsked = () => new URLSearchParams(location.search).get('renderer') === 'leaflet';

async function siteMap(handlers) {
  if (!leafletAsked() && webglAvailable()) return new SiteMap('map', app.session.map, handlers);
  await script(LEAFLET);
  if (!leafletAsked()) {
    const notice = document.getElementById('map-notice');
    notice.hidden = false;
    notice.dataset.i18n = 'noWebgl';
    apply();
  }
  return new LeafletSiteMap('map', app.session.map, handlers);
}

async function boot() {
  translate();
  if (!leafletAsked() && webglAvailable()) prewarm();
  // the session, the messages and the project list at once: none needs another
  const [session, , projects] = await Promise.all([get('/api/v1/session'), loadCatalogue(), get('/api/v1/projects')]);
  app.session = session;
  app.marks.session = performance.now();
  useCsrf(app.session.csrf);
  translate();
  document.getElementById('logout-csrf').value = app.session.csrf ? app.session.csrf.token : '';
  document.getElementById('user').textContent = `${app.session.username} (${app.session.role})`;
  app.map = await siteMap({ parcel: f => app.panel.openParcel(f), cable: c => app.panel.openCable(c), listed: showParcelList });
  app.panel = new Panel(app);
  app.views = new Views(app, { admin: new AdminView(app), import: new ImportView(app), levelling: new LevellingView(app),
    acceptance: new AcceptanceView(app), rules: new RulesView(app) });
  document.querySelectorAll('[data-layer]').forEach(box => box.addEventListener('change', () => app.map.toggle(box.dataset.layer, box.checked)));
  document.getElementById('lang').addEventListener('click', async () => {
    setLanguage(lang() === 'zh' ? 'en' : 'zh');
    translate();
    await app.views.refresh();
    if (app.project) {
      await app.map.refreshPhases();
      await app.map.refreshParcels(false);
      await app.panel.refreshAlerts();
      if (app.panel.tab === 'parcel') await app.panel.renderParcel();
    }
  });
  const search = document.getElementById('search');
  search.addEventListener('focus', () => { if (app.project) app.map.parcelList().catch(e => console.warn(e)); });
  search.addEventListener('change', async e => {
    const code = e.target.value.trim();
    if (!code || !app.project) return;
    let parcels = [];
    try {
      parcels = await app.map.parcelList(); // at once if the list is there; else it is fetched now
    } catch (err) {
      app.toast(`${t('failed')}: ${err.message}`);
      return;
    }
    const f = parcels.find(p => p.properties.code.toLowerCase() === code.toLowerCase());
    if (f) app.panel.openParcel(f); else app.toast(`${t('notFound')} ${code}`);
  });
  const select = document.getElementById('project');
  fill(select, projects.map(p => h('option', { value: p.id }, `${p.code} · ${p.name}`)));
  select.addEventListener('change', () => openProject(projects.find(p => p.id === Number(select.value))));
  // a link from a notification (?project=ID&parcel=ID) opens that parcel; otherwise the remembered project
  const linked = new URLSearchParams(location.search);
  const named = projects.find(p => String(p.id) === linked.get('project'));
  const remembered = projects.find(p => String(p.id) === localStorage.getItem('goafwatch.project'));
  const first = named || remembered || projects[0];
  if (first) {
    select.value = first.id;
    await openProject(first);
    const parcel = named && linked.get('parcel') && await app.map.parcelById(Number(linked.get('parcel')));
    if (parcel) app.panel.openParcel(parcel);
  } else {
    await echartsLoaded();
    document.body.dataset.ready = 'true';
  }
}

boot().catch(e => { console.warn(e); app.toast(e.message); });
