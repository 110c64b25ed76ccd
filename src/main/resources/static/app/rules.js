// Threshold rules (engineers and admins; the server checks every write): a parcel's effective rules and the scope
// each comes from (project, phase or the parcel itself), a form to create or edit a rule with the validator's
// messages beside the fields they concern, and a backtest of the draft over the stored history before saving it.
import { get, post, put, ProblemError } from './api.js';
import { t, formatTime } from './i18n.js';
import { h, fill } from './dom.js';

const METRIC_UNITS = { fiber_strain: 'ue', fiber_strain_rate: 'ue/d', settlement: 'mm', settlement_rate: 'mm/d', tilt: 'mm/m',
  curvature: '1/km', fiber_temperature: 'degC' };
const STATISTICS = ['max_abs', 'max', 'min', 'mean', 'percentile', 'length_over', 'change'];
const LEVELS = ['blue', 'yellow', 'orange', 'red'];
// the form's inputs, by the request field they fill (and the validator names in its problems)
const NUMBER_FIELDS = ['statisticParameter', 'controlValue', ...LEVELS, 'pendingEvaluations', 'hysteresisFraction'];

const unitOf = (metric, statistic) => (statistic === 'length_over' ? 'm' : METRIC_UNITS[metric]);
const num = v => (v == null ? '–' : String(Math.round(v * 1000) / 1000));

export class RulesView {
  constructor(app) {
    this.app = app;
    this.parcelId = null;
    this.editing = null; // the rule being edited, null for a new one
  }

  async render(body) {
    this.body = body;
    const parcels = this.app.map ? await this.app.map.parcelList() : []; // fetched now if the page has not yet
    if (!parcels.some(f => f.id === this.parcelId)) this.parcelId = parcels[0]?.id ?? null;
    const pick = h('select', { id: 'rules-parcel', 'aria-label': t('parcel') },
      parcels.map(f => h('option', { value: f.id, selected: f.id === this.parcelId }, f.properties.code)));
    pick.addEventListener('change', () => { this.parcelId = Number(pick.value); this.effective().catch(e => this.status(e.message)); });
    fill(body,
      h('section', null, h('h3', null, t('rulesEffective')),
        h('div', { class: 'filters' }, h('label', null, t('parcel'), ' ', pick),
          h('button', { type: 'button', id: 'rule-new', class: 'secondary' }, t('ruleNew'))),
        h('table', { class: 'rules' }, h('thead', null, h('tr', null,
          [t('ruleName'), t('ruleMeasures'), t('ruleLevels'), t('ruleWindow'), t('ruleScope'), ''].map(c => h('th', null, c)))),
        h('tbody', { id: 'rules-rows' }))),
      this.form(),
      h('section', { id: 'backtest' }, h('h3', null, t('backtestTitle')),
        h('div', { class: 'filters' },
          h('label', null, t('backtestDays'), ' ', h('input', { type: 'number', id: 'bt-days', min: 1, value: 7, class: 'short' })),
          h('button', { type: 'button', id: 'bt-run', class: 'secondary' }, t('backtestRun'))),
        h('p', { id: 'bt-summary', class: 'small' }),
        h('table', { class: 'backtest' }, h('thead', null, h('tr', null,
          [t('at'), t('parcel'), t('backtestChange'), t('level'), t('value'), t('threshold')].map(c => h('th', null, c)))),
        h('tbody', { id: 'bt-rows' }))));
    body.querySelector('#rule-new').addEventListener('click', () => this.edit(null));
    body.querySelector('#bt-run').addEventListener('click', () => this.backtest().catch(e => this.problem(e, '#bt-summary')));
    body.querySelector('#rule-save').addEventListener('click', () => this.save().catch(e => this.problem(e, '#rule-status')));
    body.querySelector('#rule-metric').addEventListener('change', () => this.showUnit());
    body.querySelector('#rule-statistic').addEventListener('change', () => this.showUnit());
    this.edit(this.editing);
    if (this.parcelId != null) await this.effective();
  }

  form() {
    const field = (name, label, input) => h('label', { class: 'field' }, h('span', null, label), input,
      h('span', { class: 'field-error', dataset: { errorFor: name } }));
    const numberInput = name => h('input', { type: 'number', step: 'any', id: `rule-${name}`, inputmode: 'decimal' });
    return h('section', { id: 'rule-editor' }, h('h3', { id: 'rule-editor-title' }),
      h('div', { class: 'rule-form' },
        field('name', t('ruleName'), h('input', { id: 'rule-name', maxlength: 200 })),
        field('scope', t('ruleScope'), h('select', { id: 'rule-scope' })),
        field('metric', t('ruleMetric'), h('select', { id: 'rule-metric' },
          Object.keys(METRIC_UNITS).map(m => h('option', { value: m }, t('metric_' + m))))),
        field('statistic', t('ruleStatistic'), h('select', { id: 'rule-statistic' },
          STATISTICS.map(s => h('option', { value: s }, t('statistic_' + s))))),
        field('statisticParameter', t('ruleParameter'), numberInput('statisticParameter')),
        field('windowSeconds', t('ruleWindowHours'), h('input', { type: 'number', step: 'any', id: 'rule-windowHours', min: 0 })),
        field('levelMode', t('ruleLevelMode'), h('select', { id: 'rule-levelMode' },
          h('option', { value: 'absolute' }, t('levelMode_absolute')), h('option', { value: 'percent' }, t('levelMode_percent')))),
        field('controlValue', t('ruleControlValue'), numberInput('controlValue')),
        LEVELS.map(l => field(l, t('level.' + l), numberInput(l))),
        h('p', { class: 'small', id: 'rule-unit' }),
        field('pendingEvaluations', t('rulePending'), numberInput('pendingEvaluations')),
        field('hysteresisFraction', t('ruleHysteresis'), numberInput('hysteresisFraction')),
        field('spikeFilter', t('ruleSpikeFilter'), h('input', { type: 'checkbox', id: 'rule-spikeFilter' })),
        field('enabled', t('ruleEnabled'), h('input', { type: 'checkbox', id: 'rule-enabled' })),
        field('description', t('ruleDescription'), h('textarea', { id: 'rule-description', class: 'wide', maxlength: 2000 }))),
      h('ul', { id: 'rule-problems', class: 'problems' }),
      h('div', { class: 'filters' }, h('button', { type: 'button', id: 'rule-save' }, t('save'))),
      h('p', { id: 'rule-status', class: 'small' }));
  }

  $(css) { return this.body.querySelector(css); }

  status(text, css = '#rule-status') { this.$(css).textContent = text; }

  parcel() { return (this.app.map?.parcels || []).find(f => f.id === this.parcelId); }

  async effective() {
    const rules = await get(`/api/v1/parcels/${this.parcelId}/effective-rules`);
    const parcel = this.parcel();
    fill(this.$('#rules-rows'), rules.map(r => h('tr', { dataset: { rule: r.id } },
      h('td', { class: 'name' }, r.name),
      h('td', null, `${t('metric_' + r.metric)} · ${t('statistic_' + r.statistic)}`),
      h('td', null, LEVELS.filter(l => r[l] != null).map(l => h('span', { class: `badge level-${l}` },
        `${num(r[l])}${r.levelMode === 'percent' ? '%' : ''}`)), ' ', r.unit),
      h('td', null, `${num(r.windowSeconds / 3600)} h`),
      h('td', { class: 'scope' }, this.scopeLabel(r, parcel)),
      h('td', null, h('button', { type: 'button', class: 'secondary edit', onclick: () => this.edit(r) }, t('ruleEdit'))))));
    if (!rules.length) this.status(t('noFlags'), '#rule-status');
    this.scopes();
  }

  /** Where a rule comes from, as the engineer reads it. */
  scopeLabel(r, parcel) {
    if (r.parcelId != null) return t('scope_parcel', { code: parcel && parcel.id === r.parcelId ? parcel.properties.code : r.parcelId });
    if (r.phaseId != null) {
      const phase = (this.app.phases || []).find(p => p.phaseId === r.phaseId);
      return t('scope_phase', { n: phase ? phase.ordinal : r.phaseId });
    }
    return t('scope_project');
  }

  scopes() {
    const select = this.$('#rule-scope');
    const chosen = select.value;
    const parcel = this.parcel();
    fill(select, h('option', { value: 'project' }, t('scope_project')),
      (this.app.phases || []).map(p => h('option', { value: `phase:${p.phaseId}` }, t('scope_phase', { n: p.ordinal }))),
      parcel ? h('option', { value: `parcel:${parcel.id}` }, t('scope_parcel', { code: parcel.properties.code })) : null,
      this.editing?.parcelId != null && this.editing.parcelId !== parcel?.id
        ? h('option', { value: `parcel:${this.editing.parcelId}` }, t('scope_parcel', { code: this.editing.parcelId })) : null);
    if ([...select.options].some(o => o.value === chosen)) select.value = chosen;
  }

  /** Fills the form with a rule (null: a new one with class I strain defaults). */
  edit(rule) {
    this.editing = rule;
    const r = rule || { name: '', metric: 'fiber_strain', statistic: 'max_abs', windowSeconds: 86400, levelMode: 'absolute',
      pendingEvaluations: 1, hysteresisFraction: 0.1, spikeFilter: true, enabled: true };
    this.$('#rule-editor-title').textContent = rule ? t('ruleEditing', { name: rule.name }) : t('ruleNew');
    this.scopes();
    this.$('#rule-scope').value = r.parcelId != null ? `parcel:${r.parcelId}` : r.phaseId != null ? `phase:${r.phaseId}` : 'project';
    this.$('#rule-name').value = r.name || '';
    this.$('#rule-metric').value = r.metric;
    this.$('#rule-statistic').value = r.statistic;
    this.$('#rule-windowHours').value = r.windowSeconds / 3600;
    this.$('#rule-levelMode').value = r.levelMode || 'absolute';
    for (const name of NUMBER_FIELDS) this.$(`#rule-${name}`).value = r[name] ?? '';
    this.$('#rule-spikeFilter').checked = r.spikeFilter !== false;
    this.$('#rule-enabled').checked = r.enabled !== false;
    this.$('#rule-description').value = r.description || '';
    this.clearProblems();
    fill(this.$('#bt-rows'));
    this.status('', '#bt-summary');
    this.showUnit();
  }

  showUnit() {
    this.$('#rule-unit').textContent = t('ruleUnit', { unit: unitOf(this.$('#rule-metric').value, this.$('#rule-statistic').value) });
  }

  /** The request body the form describes. */
  draft() {
    const [kind, id] = this.$('#rule-scope').value.split(':');
    const metric = this.$('#rule-metric').value;
    const statistic = this.$('#rule-statistic').value;
    const hours = this.$('#rule-windowHours').value.trim();
    const body = { name: this.$('#rule-name').value, metric, statistic, unit: unitOf(metric, statistic),
      windowSeconds: hours === '' ? null : Math.round(Number(hours) * 3600), levelMode: this.$('#rule-levelMode').value,
      phaseId: kind === 'phase' ? Number(id) : null, parcelId: kind === 'parcel' ? Number(id) : null,
      spikeFilter: this.$('#rule-spikeFilter').checked, enabled: this.$('#rule-enabled').checked,
      description: this.$('#rule-description').value };
    for (const name of NUMBER_FIELDS) {
      const raw = this.$(`#rule-${name}`).value.trim();
      body[name] = raw === '' ? null : Number(raw);
    }
    return body;
  }

  clearProblems() {
    this.body.querySelectorAll('.field-error').forEach(e => fill(e));
    this.body.querySelectorAll('.rule-form .invalid').forEach(e => e.classList.remove('invalid'));
    fill(this.$('#rule-problems'));
  }

  /** A refusal: each of the validator's field errors beside its field, the rest (and the detail) in the list. */
  problem(e, statusCss) {
    if (!(e instanceof ProblemError)) { this.status(e.message, statusCss); return; }
    this.clearProblems();
    this.status(e.problem?.title || e.message, statusCss);
    const rest = [];
    for (const err of e.problem?.errors || []) {
      const slot = this.body.querySelector(`.rule-form .field-error[data-error-for="${CSS.escape(err.field)}"]`);
      if (slot) {
        slot.textContent = err.reason;
        slot.parentElement.classList.add('invalid');
      } else {
        rest.push(`${err.field}: ${err.reason}`);
      }
    }
    if (!(e.problem?.errors || []).length) rest.push(e.message);
    fill(this.$('#rule-problems'), rest.map(text => h('li', null, text)));
  }

  async backtest() {
    this.clearProblems();
    fill(this.$('#bt-rows'));
    this.status(t('backtestRunning'), '#bt-summary');
    const button = this.$('#bt-run');
    button.disabled = true;
    try {
      const days = Number(this.$('#bt-days').value);
      const r = await post(`/api/v1/projects/${this.app.project.id}/rules/backtest`,
        { rule: this.draft(), ruleId: this.editing ? this.editing.id : null, days });
      fill(this.$('#bt-rows'), r.alerts.map(a => h('tr', { dataset: { parcel: a.parcelCode, level: a.level } },
        h('td', null, formatTime(a.at)), h('td', { class: 'code' }, a.parcelCode), h('td', null, t('event_' + a.change)),
        h('td', null, h('span', { class: `badge level-${a.level}` }, t('level.' + a.level))), h('td', null, num(a.value)),
        h('td', null, num(a.threshold)))));
      this.status(t('backtestSummary', { n: r.alerts.length, parcels: new Set(r.alerts.map(a => a.parcelCode)).size, days,
        cycles: r.cycles, step: Math.round(r.stepSeconds / 60), s: (r.elapsedMs / 1000).toFixed(1) }), '#bt-summary');
      this.$('#backtest').dataset.done = String(r.alerts.length);
    } finally {
      button.disabled = false;
    }
  }

  async save() {
    this.clearProblems();
    const body = this.draft();
    const saved = this.editing ? await put(`/api/v1/rules/${this.editing.id}`, body)
      : await post(`/api/v1/projects/${this.app.project.id}/rules`, body);
    this.editing = saved;
    this.$('#rule-editor-title').textContent = t('ruleEditing', { name: saved.name });
    this.status(t('ruleSaved', { id: saved.id }));
    this.app.toast(t('saved'));
    await this.effective();
  }
}
