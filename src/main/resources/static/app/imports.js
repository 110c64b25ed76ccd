// Imports by drag and drop or file picker: first a dry run (the server validates everything and writes nothing) shows
// what would be written, or every refused row or feature with the API's own problem details; then the import itself,
// all or nothing. Readings in CSV (sensor,time,settlementMm|elevationM|value) become the readings JSON here.
import { upload, ProblemError } from './api.js';
import { t } from './i18n.js';
import { h, fill, label } from './dom.js';
import { csvObjects } from './csv.js';
import { script, LEAFLET } from './scripts.js';

const MAX_CSV_BYTES = 10 * 1024 * 1024; // the browser reads the whole file; the server's upload limit applies anyway

/** What each kind accepts and where it goes. */
const KINDS = {
  parcels: { accept: '.geojson,.json,.zip,.gpkg', upsert: true },
  boreholes: { accept: '.csv,.xlsx', upsert: true },
  surveys: { accept: '.csv,.xlsx', upsert: false },
  qaTests: { accept: '.csv,.xlsx', upsert: true },
  readings: { accept: '.csv,.json', upsert: false },
};

const ext = name => (name.toLowerCase().match(/\.[a-z0-9]+$/) || [''])[0];

export class ImportView {
  constructor(app) {
    this.app = app;
    this.kind = 'parcels';
  }

  render(body) {
    this.body = body;
    const kind = h('select', { id: 'import-kind', 'aria-label': t('importKind') },
      Object.keys(KINDS).map(k => h('option', { value: k, selected: k === this.kind }, t('import_' + k))));
    const picker = h('input', { type: 'file', id: 'import-file', accept: KINDS[this.kind].accept });
    const drop = h('div', { id: 'import-drop', class: 'drop', tabindex: 0 }, t('dropHere'), ' ', picker);
    const upsert = h('label', { id: 'import-upsert-label', hidden: !KINDS[this.kind].upsert },
      h('input', { type: 'checkbox', id: 'import-upsert' }), ' ', t('upsert'));
    kind.addEventListener('change', () => {
      this.kind = kind.value;
      picker.accept = KINDS[this.kind].accept;
      upsert.hidden = !KINDS[this.kind].upsert;
      fill(this.body.querySelector('#import-result'));
    });
    drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', e => {
      e.preventDefault();
      drop.classList.remove('over');
      if (e.dataTransfer.files.length) this.preview(e.dataTransfer.files[0]);
    });
    picker.addEventListener('change', () => { if (picker.files.length) this.preview(picker.files[0]); });
    fill(body, h('section', null, h('h3', null, t('importTo'), ' ', this.app.project?.code ?? ''),
      h('div', { class: 'filters' }, kind, upsert), drop, h('p', { class: 'small', id: 'import-hint' }, t('importHint_' + this.kind)),
      h('div', { id: 'import-result' })));
    kind.addEventListener('change', () => { body.querySelector('#import-hint').textContent = t('importHint_' + this.kind); });
  }

  /** The request for this file: path and body; dryRun=true for the preview. */
  async request(file, dryRun) {
    const p = `/api/v1/projects/${this.app.project.id}`;
    const q = new URLSearchParams({ dryRun });
    if (KINDS[this.kind].upsert && document.getElementById('import-upsert').checked) q.set('mode', 'upsert');
    const form = () => { const f = new FormData(); f.append('file', file, file.name); return f; };
    switch (this.kind) {
      case 'parcels':
        return ['.zip', '.gpkg'].includes(ext(file.name))
          ? [`${p}/parcels/import-file?${q}`, form()]
          : [`${p}/parcels/import?${q}`, file, 'application/geo+json'];
      case 'boreholes': q.set('kind', 'register'); return [`${p}/boreholes/import?${q}`, form()];
      case 'surveys': q.set('kind', 'survey'); return [`${p}/boreholes/import?${q}`, form()];
      case 'qaTests': return [`${p}/qa-tests/import?${q}`, form()];
      default:
        return [`${p}/ingest/readings?${q}`, ext(file.name) === '.csv' ? JSON.stringify(await readingsFromCsv(file)) : file,
          'application/json'];
    }
  }

  /** Sends the file with a progress bar (the upload; the server's work after it is the "checking…" / "importing…" text). */
  async send(file, dryRun, out, label) {
    const bar = h('progress', { class: 'upload-progress', max: 100, value: 0 });
    fill(out, h('p', { class: 'small' }, `${file.name} · ${label} `, bar));
    const [path, body, type] = await this.request(file, dryRun);
    out.dataset.progress = 0;
    return upload(path, body, type, (sent, total) => {
      bar.value = Math.round(100 * sent / total);
      out.dataset.progress = bar.value; // outlives the bar: the browser tests read it
    });
  }

  async preview(file) {
    const out = this.body.querySelector('#import-result');
    try {
      const result = await this.send(file, true, out, t('checking'));
      const go = h('button', { type: 'button', id: 'import-go' }, t('importNow'));
      const map = result?.preview ? h('div', { id: 'import-map', class: 'import-map' }) : null;
      fill(out, h('div', { class: 'preview' }, h('b', null, file.name), ': ', t('wouldWrite'), ' ', counts(result)), map, go);
      go.addEventListener('click', () => this.run(file));
      if (map) await outlines(map, result.preview);
    } catch (e) {
      this.refused(out, file, e);
    }
  }

  async run(file) {
    const out = this.body.querySelector('#import-result');
    try {
      const result = await this.send(file, false, out, t('importing'));
      fill(out, h('div', { class: 'imported' }, h('b', null, file.name), ': ', t('written'), ' ', counts(result)));
      this.app.toast(t('saved'));
      await this.app.map.load(this.app.project);
    } catch (e) {
      this.refused(out, file, e);
    }
  }

  refused(out, file, e) {
    if (!(e instanceof ProblemError)) {
      fill(out, h('p', { class: 'answer-failed' }, e.message));
      return;
    }
    const p = e.problem || {};
    fill(out, h('div', { class: 'refused' }, h('b', null, file.name), ': ', h('span', { class: 'answer-failed' }, p.title || `HTTP ${e.status}`),
      h('p', { class: 'problem-detail' }, p.detail || ''),
      h('ul', { class: 'problems' }, (p.errors || []).map(err => problemItem(err, this.kind, ext(file.name))))));
  }
}

/** One refused row or feature, as the API named it (feature index, table row, or reading index / CSV line). */
function problemItem(err, kind, fileExt) {
  if (typeof err === 'string') return h('li', null, err);
  let where = '';
  if (err.index != null) where = t('featureN', { n: err.index + 1 });
  else if (err.row != null) where = t('rowN', { n: err.row });
  else if (err.line != null) where = kind === 'readings' && fileExt === '.csv' ? t('rowN', { n: err.line + 2 }) : t('readingN', { n: err.line + 1 });
  const reasons = err.reasons || [err.reason];
  return h('li', { class: 'problem' }, h('b', null, where), err.code ? ` (${err.code})` : '', ': ', reasons.join('; '));
}

/** The parcels the import would write, drawn as the service read them (SVG paths, one per parcel, named by code). */
async function outlines(element, collection) {
  await script(LEAFLET);
  const map = L.map(element, { attributionControl: false });
  const layer = L.geoJSON(collection, {
    style: f => ({ className: `preview-parcel preview-${f.properties.code}`, color: '#35506b', weight: 2, fillOpacity: 0.25 }),
  }).addTo(map);
  layer.eachLayer(l => l.bindTooltip(label(l.feature.properties.code)));
  if (collection.features.length) map.fitBounds(layer.getBounds(), { padding: [10, 10] });
}

function counts(result) {
  const parts = [];
  for (const [key, label] of [['created', 'countCreated'], ['updated', 'countUpdated'], ['boreholes', 'countBoreholes'],
    ['stations', 'countStations'], ['qaTests', 'countQaTests'], ['pointReadings', 'countReadings']]) {
    if (typeof result?.[key] === 'number') parts.push(h('span', { class: `count count-${key}` }, t(label, { n: result[key] })));
  }
  return parts.flatMap((p, i) => (i ? [' · ', p] : [p]));
}

/**
 * sensor,time,settlementMm|elevationM|value (header row first), parsed as the server parses CSV (quoted fields may hold
 * commas, quotes and line breaks); numbers stay numbers, empty cells are left out.
 */
async function readingsFromCsv(file) {
  if (file.size > MAX_CSV_BYTES) throw new Error(t('tooLarge'));
  return {
    readings: csvObjects(await file.text()).map(row => {
      const r = {};
      for (const [name, v] of Object.entries(row)) {
        if (v === '') continue;
        r[name] = name === 'sensor' || name === 'time' || Number.isNaN(Number(v)) ? v : Number(v);
      }
      return r;
    }),
  };
}
