// Acceptance of a phase: the project's criteria, the verdict of the phase and of each parcel with its evidence
// criterion by criterion, the decisions on record and, for admins, the form that records the panel's decision. Accepting
// against the verdict needs the explicit override and its reason; the server checks both and its refusal is shown
// where the form is. Reports of the phase are in reports.js.
import { get, post } from './api.js';
import { t, formatTime, message } from './i18n.js';
import { h, fill } from './dom.js';
import { num, unit, badge } from './format.js';
import { ReportList } from './reports.js';

const RANK = { viewer: 1, engineer: 2, admin: 3 };
const CRITERIA = ['minQaPassRate', 'minQaTests', 'minCoreStrengthMpa', 'maxReinjectionShare', 'maxFluidLoss', 'minWaveVelocityMs',
  'minGroutTakeM3PerMu', 'minObservationDays', 'stabilityMonths', 'maxSettlementMm', 'maxSettlementRateMmPerDay', 'maxGroundStrainUe',
  'noOpenOrangeRedAlerts', 'maxTiltMmPerM', 'maxCurvaturePerKm', 'neighbourDistanceM'];

const verdictBadge = v => badge('verdict', v, t(v));

export class AcceptanceView {
  constructor(app) {
    this.app = app;
    this.phaseId = null;
  }

  rank() { return RANK[this.app.session.role] || 0; }

  async render(body) {
    this.body = body;
    const phases = this.app.phases || [];
    if (!phases.some(p => p.phaseId === this.phaseId)) this.phaseId = phases[0]?.phaseId ?? null;
    const phase = h('select', { id: 'acc-phase', 'aria-label': t('phase') },
      phases.map(p => h('option', { value: p.phaseId, selected: p.phaseId === this.phaseId }, t('phaseLabel', { n: p.ordinal }))));
    phase.addEventListener('change', () => { this.phaseId = Number(phase.value); this.render(body); });
    fill(body, h('div', { class: 'filters' }, phase),
      h('section', null, h('h3', null, t('accCriteria')), h('dl', { id: 'acc-criteria', class: 'criteria' })),
      h('section', null, h('h3', null, t('accVerdicts'), ' ', h('span', { id: 'acc-phase-verdict' })),
        h('p', { id: 'acc-summary', class: 'small' }),
        h('table', { class: 'acceptance-table' }, h('thead', null, h('tr', null,
          [t('parcel'), t('status'), t('accVerdict'), t('accEvidence')].map(c => h('th', null, c)))), h('tbody', { id: 'acc-parcels' }))),
      this.rank() >= RANK.admin ? this.form() : null,
      h('section', null, h('h3', null, t('accDecisions')), h('ul', { id: 'acc-decisions', class: 'decisions' })),
      h('section', { id: 'acc-reports' }));
    if (this.phaseId == null) return;
    await Promise.all([this.criteria(), this.verdicts(), this.decisions(),
      new ReportList(this.app, this.phaseId, this.rank() >= RANK.engineer).render(body.querySelector('#acc-reports'))]);
  }

  async criteria() {
    const c = await get(`/api/v1/projects/${this.app.project.id}/acceptance-criteria`);
    fill(this.body.querySelector('#acc-criteria'), CRITERIA.map(k => [h('dt', null, t('ac_' + k)),
      h('dd', { dataset: { criterion: k } }, typeof c[k] === 'boolean' ? t(c[k] ? 'yes' : 'no') : String(c[k] ?? '–'))]));
  }

  async verdicts() {
    const a = await get(`/api/v1/phases/${this.phaseId}/acceptance`);
    this.parcels = a.parcels;
    this.phaseVerdict = a.verdict;
    fill(this.body.querySelector('#acc-phase-verdict'), verdictBadge(a.verdict));
    this.body.querySelector('#acc-summary').textContent = t('accSummary', { meets: num(a.meetsMu, 1), total: num(a.totalMu, 1),
      n: a.parcelCount, from: formatTime(a.windowFrom), to: formatTime(a.windowTo) });
    fill(this.body.querySelector('#acc-parcels'), a.parcels.map(p => h('tr', { dataset: { parcel: p.code, verdict: p.verdict } },
      h('td', { class: 'code' }, p.code), h('td', { class: 'parcel-status' }, t('status.' + p.status)),
      h('td', null, verdictBadge(p.verdict)),
      h('td', null, h('ul', { class: 'evidence' }, p.criteria.map(c => h('li', { dataset: { criterion: c.criterion } },
        verdictBadge(c.verdict), ' ', t(c.criterion), ' ',
        h('span', { class: 'small' }, c.value != null ? `${num(c.value, 3)} ${unit(c.unit)} · ` : '',
          c.limit != null ? `${t('threshold')} ${num(c.limit, 3)} · ` : '', message(c.message, c.args, c.detail)))))))));
    this.choices();
  }

  async decisions() {
    const list = await get(`/api/v1/phases/${this.phaseId}/acceptance-decisions`);
    fill(this.body.querySelector('#acc-decisions'), list.length ? list.map(d => h('li', { dataset: { decision: d.id } },
      h('b', null, d.parcel ?? t('phase')), ' ', badge('decision', d.decision, t('decision_' + d.decision)), ' ',
      t('accOnVerdict'), ' ', verdictBadge(d.verdict), ` · ${d.decidedBy} · ${formatTime(d.decidedAt)}`,
      h('div', { class: 'small decision-comment' }, d.comment),
      d.overrideReason ? h('div', { class: 'small override-reason' }, `${t('accOverrideReason')}: ${d.overrideReason}`) : null))
      : h('li', { class: 'small' }, t('accNoDecisions')));
  }

  /** The decision form (admins only; the server refuses everyone else anyway). */
  form() {
    const el = h('section', { id: 'acc-decide' }, h('h3', null, t('accDecide')),
      h('div', { class: 'filters' },
        h('select', { id: 'acc-target', 'aria-label': t('parcel') }),
        h('select', { id: 'acc-decision', 'aria-label': t('accDecision') },
          h('option', { value: 'accepted' }, t('decision_accepted')), h('option', { value: 'rejected' }, t('decision_rejected'))),
        h('span', { id: 'acc-target-verdict' })),
      h('textarea', { id: 'acc-comment', class: 'wide', placeholder: t('accCommentPlaceholder'), 'aria-label': t('comment') }),
      h('div', { id: 'acc-override-box', hidden: true },
        h('label', null, h('input', { type: 'checkbox', id: 'acc-override' }), ' ', t('accOverride')),
        h('textarea', { id: 'acc-override-reason', class: 'wide', placeholder: t('accOverrideReason'), 'aria-label': t('accOverrideReason') })),
      h('div', { class: 'filters' }, h('button', { type: 'button', id: 'acc-record' }, t('accRecord'))),
      h('ul', { id: 'acc-problem', class: 'problems', hidden: true }),
      h('p', { id: 'acc-status', class: 'small' }));
    el.querySelector('#acc-target').addEventListener('change', () => this.against());
    el.querySelector('#acc-decision').addEventListener('change', () => this.against());
    el.querySelector('#acc-record').addEventListener('click', () => this.record());
    return el;
  }

  /** Parcels still open for a decision (under monitoring), and the phase itself. */
  choices() {
    const select = this.body.querySelector('#acc-target');
    if (!select) return;
    fill(select, this.parcels.filter(p => p.status === 'monitoring').map(p => h('option', { value: `parcel:${p.parcelId}` }, p.code)),
      h('option', { value: `phase:${this.phaseId}` }, t('accWholePhase')));
    this.against();
  }

  verdictOf(target) {
    const [kind, id] = target.split(':');
    if (kind === 'phase') return this.phaseVerdict;
    return this.parcels.find(p => String(p.parcelId) === id)?.verdict ?? null;
  }

  /** Shows the override fields when the chosen decision goes against the chosen target's verdict. */
  against() {
    const target = this.body.querySelector('#acc-target').value;
    const verdict = target ? this.verdictOf(target) : null;
    fill(this.body.querySelector('#acc-target-verdict'), verdict ? verdictBadge(verdict) : null);
    const against = verdict != null && verdict !== 'meets' && this.body.querySelector('#acc-decision').value === 'accepted';
    this.body.querySelector('#acc-override-box').hidden = !against;
    if (!against) this.body.querySelector('#acc-override').checked = false;
  }

  async record() {
    const target = this.body.querySelector('#acc-target').value;
    if (!target) return;
    const [kind, id] = target.split(':');
    const problem = this.body.querySelector('#acc-problem');
    problem.hidden = true;
    const button = this.body.querySelector('#acc-record');
    button.disabled = true;
    try {
      const r = await post(`/api/v1/${kind === 'phase' ? 'phases' : 'parcels'}/${id}/acceptance-decision`, {
        decision: this.body.querySelector('#acc-decision').value,
        comment: this.body.querySelector('#acc-comment').value,
        overrideVerdict: this.body.querySelector('#acc-override').checked,
        overrideReason: this.body.querySelector('#acc-override-reason').value,
      });
      this.app.toast(t('saved'));
      await this.render(this.body);
      this.body.querySelector('#acc-status').textContent = t('accRecorded', { id: r.id });
    } catch (e) {
      // the API's problem (422 missing comment or reason, 409 against the verdict or already decided) where the form is
      fill(problem, h('li', { dataset: { status: e.status ?? '' } }, e.problem?.title ? `${e.problem.title}: ` : '', e.message));
      problem.hidden = false;
    } finally {
      button.disabled = false;
    }
  }
}
