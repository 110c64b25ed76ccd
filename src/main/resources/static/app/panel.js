// The side panel: a parcel's facts, flags, alerts and charts; a cable's profile over time; the alert list (alerts.js).
import { get, post } from './api.js';
import { t, formatTime, lang, message } from './i18n.js';
import { timeChart, profileChart } from './charts.js';
import { maxAbs } from './map.js';
import { h, fill } from './dom.js';
import { num, unit, badge } from './format.js';
import { AlertList } from './alerts.js';
const DAY = 86400000;

export class Panel {
  constructor(app) {
    this.app = app;
    this.days = 7;
    document.querySelectorAll('.tabs [data-tab]').forEach(b => b.addEventListener('click', () => this.show(b.dataset.tab)));
    document.getElementById('panel-toggle').addEventListener('click', () => document.getElementById('panel').classList.toggle('collapsed'));
    this.alerts = new AlertList(app, this);
  }

  show(tab) {
    document.querySelectorAll('.tabs [data-tab]').forEach(b => b.classList.toggle('active', b.dataset.tab === tab));
    document.querySelectorAll('.tab').forEach(d => { d.hidden = d.id !== 'tab-' + tab; });
    document.getElementById('panel').classList.remove('collapsed');
    this.tab = tab;
  }

  canWrite() { return this.app.session.role === 'engineer' || this.app.session.role === 'admin'; }

  // ---- parcel -------------------------------------------------------------------------------------
  async openParcel(feature) {
    // an entry of the map's parcel list only names the parcel: the panel shows the whole one (status, area, shape to frame)
    let whole = feature;
    if (feature.listed) {
      try {
        whole = await get(`/api/v1/parcels/${feature.id}`);
      } catch (e) {
        this.app.toast(`${t('failed')}: ${e.message}`); // deleted meanwhile, say
        return;
      }
    }
    this.parcel = whole;
    this.app.map.select(whole.properties.code, whole);
    this.show('parcel');
    await this.renderParcel();
  }

  async renderParcel() {
    const f = this.parcel;
    if (!f) return;
    const p = f.properties;
    const [flags, alerts, rules] = await Promise.all([
      get(`/api/v1/parcels/${f.id}/flags`),
      get(`/api/v1/alerts?parcel=${f.id}&state=open`),
      get(`/api/v1/parcels/${f.id}/effective-rules`),
    ]);
    const el = document.getElementById('tab-parcel');
    const kept = this.alerts.keep(el); // live redraws keep an open history and a half-written comment (AlertList)
    const kv = (name, value, cls) => [h('dt', null, t(name)), h('dd', { class: cls }, value)];
    fill(el,
      h('h3', { class: 'parcel-code' }, p.code),
      h('dl', { class: 'kv' },
        kv('phase', t('phaseLabel', { n: p.phase })),
        kv('status', t('status.' + p.status), 'parcel-status'),
        kv('area', `${num(p.areaMu, 2)} ${t('mu')}`, 'parcel-mu'),
        kv('landUse', p.landUse),
        kv('flagLevel', badge('level', flags.level, t('level.' + flags.level)))),
      h('h4', null, t('flags')),
      h('ul', { class: 'flags' }, flags.flags.length ? flags.flags.map(flagItem) : h('li', { class: 'small' }, t('noFlags'))),
      h('h4', null, t('openAlerts')),
      h('ul', { class: 'alerts parcel-alerts' }, alerts.alerts.length ? alerts.alerts.map(a => this.alerts.item(a))
        : h('li', { class: 'small' }, t('noAlerts'))),
      h('h4', null, t('acceptance'), ' ', h('span', { class: 'acceptance-verdict' })),
      h('ul', { class: 'flags acceptance' }),
      this.canWrite() ? h('button', { type: 'button', class: 'action phase-report' }, t('phaseReport')) : null,
      h('label', null, t('window'), ' ', h('select', { class: 'days' },
        [1, 7, 30, 90, 365].map(d => h('option', { value: d, selected: d === this.days }, `${d} ${t('days')}`)))),
      h('h4', null, t('strainHistory')), h('p', { class: 'small worst' }), h('div', { class: 'chart chart-strain' }),
      h('h4', null, t('settlementChart')), h('p', { class: 'small markers-note' }), h('div', { class: 'chart chart-settlement' }));
    this.alerts.bind(el, () => this.renderParcel());
    this.alerts.restore(el, kept);
    el.querySelector('.days').addEventListener('change', e => { this.days = Number(e.target.value); this.renderParcel(); });
    el.querySelector('.phase-report')?.addEventListener('click', () => this.phaseReport(p.phaseId));
    const to = new Date();
    const from = new Date(to - this.days * DAY);
    await Promise.all([this.strainChart(el, f, flags, rules, from, to), this.settlementChart(el, f, rules, from, to),
      this.acceptance(el, f)]);
  }

  /** Generates and stores the phase's report in the page's language, then opens the stored PDF. */
  async phaseReport(phaseId) {
    this.app.toast(t('generating'));
    try {
      const r = await post(`/api/v1/phases/${phaseId}/reports?format=pdf&language=${lang()}`);
      window.open(`/api/v1/reports/${r.id}/content`, '_blank');
    } catch (e) {
      this.app.toast(`${t('failed')}: ${e.message}`);
    }
  }

  /** The parcel's acceptance verdict, criterion by criterion (the decision itself is the panel's, recorded by an admin). */
  async acceptance(el, f) {
    const v = await get(`/api/v1/parcels/${f.id}/acceptance`);
    const verdict = value => badge('verdict', value, t(value));
    fill(el.querySelector('.acceptance-verdict'), verdict(v.verdict));
    fill(el.querySelector('.acceptance'), v.criteria.map(c => h('li', null, verdict(c.verdict), ' ', t(c.criterion),
      h('div', { class: 'small' }, c.value != null ? `${num(c.value, 3)} ${c.unit ?? ''} · ` : '',
        `${t('threshold')} ${num(c.limit, 3)} · ${message(c.message, c.args, c.detail)}`))));
  }

  async strainChart(el, f, flags, rules, from, to) {
    const target = el.querySelector('.chart-strain');
    const worst = await worstPosition(f, flags);
    if (!worst) {
      el.querySelector('.worst').textContent = t('noData');
      await timeChart(target, t('groundStrain'), []);
      return;
    }
    const cable = await get(`/api/v1/cables/${worst.cableId}`);
    const coupling = cable.properties.couplingCoefficient || 1;
    const h = await get(`/api/v1/cables/${worst.cableId}/history?distance=${worst.distanceM}&from=${from.toISOString()}&to=${to.toISOString()}&points=300`);
    el.querySelector('.worst').textContent = t('worstAt', { cable: cable.properties.code, d: num(worst.distanceM, 1) });
    const thresholds = thresholdsOf(rules, r => r.metric === 'fiber_strain' && r.statistic === 'max_abs');
    await timeChart(target, t('groundStrain'), [
      { name: 'max', points: h.buckets.map(b => [b.start, b.maxUe / coupling]) },
      { name: 'mean', points: h.buckets.map(b => [b.start, b.meanUe / coupling]) },
      { name: 'min', points: h.buckets.map(b => [b.start, b.minUe / coupling]) },
    ], thresholds, true);
  }

  async settlementChart(el, f, rules, from, to) {
    const markers = this.app.sensors.filter(s => s.parcelId === f.id && s.type === 'settlement-marker');
    el.querySelector('.markers-note').textContent = markers.length ? t('markerCount', { n: markers.length }) : t('noData');
    const series = await Promise.all(markers.slice(0, 8).map(async m => {
      const s = await get(`/api/v1/sensors/${m.id}/settlement?from=${from.toISOString()}&to=${to.toISOString()}`);
      return { name: m.code, points: s.readings.map(r => [r.time, r.settlementMm]) };
    }));
    await timeChart(el.querySelector('.chart-settlement'), t('settlementMm'), series,
      thresholdsOf(rules, r => r.metric === 'settlement' && r.statistic === 'max'));
  }

  // ---- cable --------------------------------------------------------------------------------------
  async openCable(feature) {
    this.show('cable');
    const cable = await get(`/api/v1/cables/${feature.id}`);
    const c = cable.properties;
    const el = document.getElementById('tab-cable');
    const now = Date.now();
    const kv = (name, value) => [h('dt', null, t(name)), h('dd', null, value)];
    fill(el,
      h('h3', { class: 'cable-code' }, c.code),
      h('dl', { class: 'kv' }, kv('installation', c.installation), kv('fiberLength', `${num(c.fiberLengthM, 1)} m`),
        kv('coupling', num(c.couplingCoefficient, 2))),
      h('label', null, t('profileAt'), ' ', h('b', { class: 'slider-time' })),
      h('input', { type: 'range', class: 'slider', min: -7 * 24, max: 0, step: 1, value: 0 }),
      h('p', { class: 'small trace-time' }),
      h('div', { class: 'chart chart-profile' }));
    const parcels = (c.intervals || []).filter(i => i.parcelCode)
      .map(i => ({ code: i.parcelCode, from: i.chainageFromM, to: i.chainageToM }));
    const slider = el.querySelector('.slider');
    let pending = null;
    const draw = async () => {
      const at = new Date(now + Number(slider.value) * 3600000);
      el.querySelector('.slider-time').textContent = formatTime(at.toISOString());
      const profile = await get(`/api/v1/cables/${feature.id}/profile?time=${at.toISOString()}`);
      el.querySelector('.trace-time').textContent = profile.traceTime ? `${t('traceTime')}: ${formatTime(profile.traceTime)}` : t('noData');
      await profileChart(el.querySelector('.chart-profile'), profile.samples, parcels);
    };
    slider.addEventListener('input', () => { clearTimeout(pending); pending = setTimeout(draw, 150); });
    this.cable = feature;
    this.redrawCable = draw;
    await draw();
  }

  // ---- alerts (alerts.js) ---------------------------------------------------------------------------
  refreshAlerts() { return this.alerts.refresh(); }
}

function flagItem(f) {
  const level = f.level || f.status;
  const e = f.evidence || {};
  const where = e.cable ? `${t('cable')} ${e.cable} ${e.chainageM != null ? `${t('at')} ${num(e.chainageM, 1)} m` : ''}`
    : (e.markers && e.markers.length ? e.markers.join(', ') : '');
  return h('li', { class: 'flag' }, badge('level', level, t('level.' + level)), ' ', f.rule,
    f.value != null ? h('div', { class: 'small' }, `${t('value')} ${num(f.value, 2)} ${unit(f.unit)}`,
      f.threshold != null ? ` · ${t('threshold')} ${num(f.threshold, 2)}` : '',
      where ? ` · ${t('evidence')}: ${where}` : '', e.time ? ` · ${formatTime(e.time)}` : '',
      f.since ? ` · ${t('since')} ${formatTime(f.since)}` : '') : null,
    // a level resting on a single trace: shown, not raised, until a second trace or the spatial test confirms it
    f.unconfirmed ? h('div', { class: 'small unconfirmed' }, badge('level', f.unconfirmed.level, t('level.' + f.unconfirmed.level)), ' ',
      t('unconfirmed'), ` · ${t('value')} ${num(f.unconfirmed.value, 2)} ${unit(f.unit)}`) : null,
    // never reported yet: neither ok nor no data until the no-data age has passed since monitoring began
    f.awaiting ? h('div', { class: 'small awaiting' },
      t('awaitingFirst', { since: formatTime(f.awaiting.since), from: formatTime(f.awaiting.noDataFrom) })) : null);
}

/** Threshold values per level of the matching rules, in the rule's unit (percent rules scale their control value). */
function thresholdsOf(rules, match) {
  const rule = rules.find(match);
  if (!rule) return [];
  return ['yellow', 'orange', 'red', 'blue'].filter(l => rule[l] != null).map(level => ({
    level, value: rule.levelMode === 'percent' ? rule.controlValue * rule[level] / 100 : rule[level],
  }));
}

/** The fiber position behind the parcel's strain flag, else the largest |strain| inside the parcel in the latest trace. */
async function worstPosition(f, flags) {
  const flagged = flags.flags.find(x => x.metric === 'fiber_strain' && x.evidence && x.evidence.cableId && x.evidence.distanceM != null);
  if (flagged) return { cableId: flagged.evidence.cableId, distanceM: flagged.evidence.distanceM };
  const strain = await get(`/api/v1/parcels/${f.id}/strain`);
  let best = null;
  for (const c of strain.cables) {
    const profile = await get(`/api/v1/cables/${c.cableId}/profile`);
    const inside = profile.samples.filter(s => c.fiberIntervalsM.some(([a, b]) => s.distanceM >= a && s.distanceM <= b));
    const worst = maxAbs(inside.map(s => s.strainUe));
    if (worst == null) continue;
    const sample = inside.find(s => s.strainUe === worst);
    if (!best || Math.abs(worst) > Math.abs(best.value)) best = { cableId: c.cableId, distanceM: sample.distanceM, value: worst };
  }
  return best;
}
