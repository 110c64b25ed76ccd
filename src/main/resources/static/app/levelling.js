// Levelling entry for the field (tablet): the phase's settlement markers in route order with the last value beside
// each; the entered values are checked against each marker's history before saving (a change far beyond what the
// marker has done is flagged, and saving it needs a deliberate second confirmation); then saved as readings.
import { get, post } from './api.js';
import { t, formatTime } from './i18n.js';
import { h, fill } from './dom.js';

const pad = n => String(n).padStart(2, '0');
const localNow = () => { const d = new Date(); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`; };
const fmt = (v, digits) => (v == null ? '–' : Number(v).toFixed(digits));

export class LevellingView {
  constructor(app) {
    this.app = app;
    this.phaseId = null;
  }

  async render(body) {
    this.body = body;
    const phases = this.app.phases || [];
    if (!phases.some(p => p.phaseId === this.phaseId)) this.phaseId = phases[0]?.phaseId ?? null;
    const phase = h('select', { id: 'lev-phase', 'aria-label': t('phase') },
      phases.map(p => h('option', { value: p.phaseId, selected: p.phaseId === this.phaseId }, t('phaseLabel', { n: p.ordinal }))));
    phase.addEventListener('change', () => { this.phaseId = Number(phase.value); this.render(body); });
    fill(body, h('section', null,
      h('div', { class: 'filters' }, phase,
        h('label', null, t('observedAt'), ' ', h('input', { type: 'datetime-local', id: 'lev-time', value: localNow() })),
        h('select', { id: 'lev-quantity', 'aria-label': t('quantity') },
          h('option', { value: 'settlementMm' }, t('settlementMm')), h('option', { value: 'elevationM' }, t('elevationM')))),
      h('table', { class: 'levelling' }, h('thead', null, h('tr', null,
        [t('marker'), t('parcel'), t('lastValue'), t('newValue'), ''].map(c => h('th', null, c)))), h('tbody', { id: 'lev-rows' })),
      h('div', { class: 'filters' },
        h('button', { type: 'button', id: 'lev-check', class: 'secondary' }, t('check')),
        h('button', { type: 'button', id: 'lev-save' }, t('save')),
        h('label', { id: 'lev-confirm-label', hidden: true }, h('input', { type: 'checkbox', id: 'lev-confirm' }), ' ', t('saveDespite'))),
      h('p', { id: 'lev-status', class: 'small' })));
    body.querySelector('#lev-check').addEventListener('click', () => this.check().catch(e => this.status(e.message)));
    body.querySelector('#lev-save').addEventListener('click', () => this.save().catch(e => this.status(e.message)));
    if (this.phaseId != null) await this.rows();
  }

  status(text) { this.body.querySelector('#lev-status').textContent = text; }

  async rows() {
    const sheet = await get(`/api/v1/phases/${this.phaseId}/levelling-sheet`);
    fill(this.body.querySelector('#lev-rows'), sheet.markers.map(m => h('tr', { dataset: { marker: m.code } },
      h('td', { class: 'code' }, m.code), h('td', null, m.parcelCode),
      h('td', { class: 'last' }, m.lastSettlementMm == null ? t('noReading') : `${fmt(m.lastSettlementMm, 1)} mm`,
        m.lastTime ? h('div', { class: 'small' }, formatTime(m.lastTime)) : null),
      h('td', null, h('input', { type: 'number', step: 'any', inputmode: 'decimal', class: 'value', 'aria-label': m.code })),
      h('td', { class: 'warning' }))));
    if (!sheet.markers.length) this.status(t('noMarkers'));
  }

  entries() {
    const quantity = this.body.querySelector('#lev-quantity').value;
    return [...this.body.querySelectorAll('#lev-rows tr')]
      .map(tr => ({ sensor: tr.dataset.marker, raw: tr.querySelector('.value').value.trim() }))
      .filter(e => e.raw !== '')
      .map(e => ({ sensor: e.sensor, [quantity]: Number(e.raw) }));
  }

  time() { return new Date(this.body.querySelector('#lev-time').value).toISOString(); }

  /** Shows a warning beside each implausible value; returns how many there are. */
  async check() {
    const readings = this.entries();
    this.body.querySelectorAll('#lev-rows .warning').forEach(td => fill(td));
    if (!readings.length) { this.status(t('nothingEntered')); return 0; }
    const r = await post(`/api/v1/phases/${this.phaseId}/levelling-sheet/check`, { time: this.time(), readings });
    for (const c of r.readings) {
      const td = this.body.querySelector(`#lev-rows tr[data-marker="${CSS.escape(c.sensor)}"] .warning`);
      const v = c.verdict;
      if (!v.plausible) {
        fill(td, h('span', { class: 'warn implausible' }, t('implausible', { jump: fmt(v.jumpMm, 1), allowed: fmt(v.allowedMm, 1), days: fmt(v.days, 0) })));
      } else if (!v.judged) {
        fill(td, h('span', { class: 'small not-judged' }, t('notJudged')));
      } else {
        fill(td, h('span', { class: 'small plausible' }, `Δ ${fmt(v.jumpMm, 1)} mm ✓`));
      }
    }
    this.body.querySelector('#lev-confirm-label').hidden = r.implausible === 0;
    if (r.implausible === 0) this.body.querySelector('#lev-confirm').checked = false;
    this.status(r.implausible ? t('implausibleCount', { n: r.implausible }) : t('allPlausible'));
    return r.implausible;
  }

  async save() {
    const confirmed = this.body.querySelector('#lev-confirm').checked;
    const implausible = await this.check();
    const readings = this.entries();
    if (!readings.length || (implausible && !confirmed)) return;
    const time = this.time();
    const r = await post(`/api/v1/projects/${this.app.project.id}/ingest/readings`, { readings: readings.map(e => ({ ...e, time })) });
    this.body.querySelectorAll('#lev-rows .value').forEach(i => { i.value = ''; });
    this.body.querySelector('#lev-confirm-label').hidden = true;
    this.body.querySelector('#lev-confirm').checked = false;
    this.status(t('levellingSaved', { n: r.pointReadings }));
    this.app.toast(t('saved'));
  }
}
