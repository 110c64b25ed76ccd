// The alert list: filters (state, level, kind, phase, parcel), bulk acknowledgement with one comment, each alert's
// history; real alerts first, then silent sensors as one compact summary (sensor, silent since / until, parcels) —
// a silent cable starves many parcels and rules, and forty no-data lines must not bury four real alerts;
// also the alert items of a parcel's panel. Acknowledging controls only for roles that may write.
import { get, post } from './api.js';
import { t, formatTime } from './i18n.js';
import { h, fill } from './dom.js';
import { num, unit, badge } from './format.js';

export class AlertList {
  constructor(app, panel) {
    this.app = app;
    this.panel = panel;
    ['alert-level', 'alert-phase', 'alert-state', 'alert-kind', 'alert-parcel']
      .forEach(id => document.getElementById(id).addEventListener('change', () => this.refresh()));
    document.getElementById('alert-select-all').addEventListener('change', e => document.querySelectorAll('#alert-list .pick')
      .forEach(box => { box.checked = e.target.checked; }));
    document.getElementById('bulk-ack').addEventListener('click', () => this.bulkAcknowledge());
  }

  async refresh() {
    const project = this.app.project;
    if (!project) return;
    const q = new URLSearchParams({ project: project.id, limit: 200 });
    for (const [id, name] of [['alert-level', 'level'], ['alert-phase', 'phase'], ['alert-state', 'state'], ['alert-kind', 'kind'],
      ['alert-parcel', 'parcel']]) {
      const v = document.getElementById(id).value;
      if (v) q.set(name, v);
    }
    // filters changed in quick succession send overlapping requests that may answer out of order: the last one asked wins
    const asked = this.asked = (this.asked || 0) + 1;
    const list = await get(`/api/v1/alerts?${q}`);
    if (asked !== this.asked) return;
    const ul = document.getElementById('alert-list');
    // the list is redrawn whenever any alert of the project changes (live events): what the user had open, typed or
    // ticked must survive that, or a history being read closes and a comment being written is lost
    const kept = this.keep(ul);
    const real = list.alerts.filter(a => a.kind !== 'no_data');
    const silent = list.noData || [];
    const raisedNoData = new Set(list.alerts.filter(a => a.kind === 'no_data' && a.state === 'raised').map(a => a.id));
    fill(ul, real.map(a => this.item(a, true)), silent.length ? this.noDataSummary(silent, raisedNoData) : null,
      real.length || silent.length ? null : h('li', { class: 'small' }, t('noAlerts')));
    document.getElementById('alert-select-all').checked = false;
    document.getElementById('alert-bulk').hidden = !this.panel.canWrite() || !list.alerts.some(a => a.state === 'raised');
    ul.querySelectorAll('li[data-parcel]').forEach(li => li.addEventListener('click', e => {
      if (e.target.closest('button, textarea, input, .history')) return;
      this.app.map.parcelById(Number(li.dataset.parcel)).then(f => { if (f) this.panel.openParcel(f); });
    }));
    this.bind(ul, () => this.refresh());
    await this.restore(ul, kept);
  }

  /** What the user has open, typed or ticked in the alert items under root (by alert id), for restore after a redraw. */
  keep(root) {
    const state = { open: new Set(), comments: new Map(), picked: new Set() };
    root.querySelectorAll('li[data-alert]').forEach(li => {
      const id = li.dataset.alert;
      const box = li.querySelector('.history');
      if (box && !box.hidden) state.open.add(id);
      const text = li.querySelector('.ack-comment')?.value;
      if (text) state.comments.set(id, text);
    });
    root.querySelectorAll('.pick:checked').forEach(pick => state.picked.add(pick.value));
    return state;
  }

  /** Puts back what keep() kept, for the alerts still listed; open histories are read again (they may have grown). */
  async restore(ul, kept) {
    const reopened = [];
    ul.querySelectorAll('li[data-alert]').forEach(li => {
      const id = li.dataset.alert;
      const text = li.querySelector('.ack-comment');
      if (text && kept.comments.has(id)) text.value = kept.comments.get(id);
      const pick = li.querySelector('.pick');
      if (pick && kept.picked.has(id)) pick.checked = true;
      if (kept.open.has(id)) reopened.push(this.toggleHistory(li).catch(e => this.app.toast(e.message)));
    });
    ul.querySelectorAll('li[data-no-data-alert] .pick').forEach(pick => { if (kept.picked.has(pick.value)) pick.checked = true; });
    await Promise.all(reopened);
  }

  /** Acknowledges the ticked alerts with one comment, all or nothing (the server checks each alert's project). */
  async bulkAcknowledge() {
    const ids = [...document.querySelectorAll('#alert-list .pick:checked')].map(box => Number(box.value));
    const comment = document.getElementById('bulk-comment').value.trim();
    if (!ids.length || !comment) {
      this.app.toast(t(ids.length ? 'commentRequired' : 'noneSelected'));
      return;
    }
    try {
      const r = await post('/api/v1/alerts/bulk-acknowledge', { ids, comment });
      document.getElementById('bulk-comment').value = '';
      this.app.toast(t('acknowledgedCount', { n: r.acknowledged }));
    } catch (e) {
      this.app.toast(`${t('failed')}: ${e.message}`);
    }
    await this.refresh();
  }

  /** The alert's history, newest last: raised, escalated, acknowledged, comments, cleared. */
  async toggleHistory(li) {
    const box = li.querySelector('.history');
    if (!box.hidden) { box.hidden = true; return; }
    const a = await get(`/api/v1/alerts/${li.dataset.alert}`);
    fill(box, (a.events || []).map(e => h('li', { class: 'event', dataset: { kind: e.kind } },
      h('b', null, t('event_' + e.kind)), ' ', formatTime(e.at),
      e.level ? [' ', badge('level', e.level, t('level.' + e.level))] : null,
      e.value != null ? ` ${num(e.value, 2)}` : '', e.actor ? ` · ${e.actor}` : '',
      e.comment ? h('div', { class: 'small event-comment' }, e.comment) : null)));
    box.hidden = false;
  }

  /**
   * The silent sensors in one block: per sensor its code, silent since (its last reading) and until (data back, or
   * still silent), and the parcels it starved; a raised one can be ticked for the bulk acknowledgement.
   */
  noDataSummary(silent, raisedNoData) {
    const write = this.panel.canWrite();
    return h('li', { class: 'no-data-summary' },
      h('b', null, t('noDataSummary', { n: silent.length })),
      h('ul', { class: 'no-data-sensors' }, silent.map(s => h('li', { class: `no-data-sensor state-${s.state}`, dataset: { noDataAlert: s.alertId } },
        write && raisedNoData.has(s.alertId) ? h('input', { type: 'checkbox', class: 'pick', value: s.alertId, 'aria-label': t('select') }) : null,
        badge('level', 'no_data', t('kind_no_data')), ' ',
        h('b', { class: 'sensor-code' }, s.sensorCode || (s.parcels || []).join(', ')),
        s.sensorKind ? ` (${t('sensor_' + s.sensorKind)})` : '',
        h('div', { class: 'small silent-span' }, `${t('silentSince')} ${formatTime(s.silentFrom)} · `,
          s.silentTo ? `${t('silentUntil')} ${formatTime(s.silentTo)}` : t('stillSilent')),
        h('div', { class: 'small silent-parcels' }, `${t('parcelsAffected')}: ${(s.parcels || []).join(', ')}`)))));
  }

  item(a, pickable = false) {
    const level = a.kind === 'no_data' ? 'no_data' : a.level;
    const name = a.kind === 'no_data' ? t('kind_no_data') : t('level.' + a.level);
    const write = this.panel.canWrite() && a.state !== 'cleared';
    return h('li', { class: `alert state-${a.state}`, dataset: { alert: a.id, parcel: a.parcelId } },
      pickable && write && a.state === 'raised' ? h('input', { type: 'checkbox', class: 'pick', value: a.id, 'aria-label': t('select') }) : null,
      badge('level', level, name), ' ', h('b', null, a.parcelCode), ' ', a.ruleName,
      a.value != null ? ` · ${num(a.value, 2)} ${unit(a.unit)} (${t('threshold')} ${num(a.threshold, 2)})` : '',
      h('div', { class: 'small' }, `${t('raised')} ${formatTime(a.raisedAt)} · `, h('span', { class: 'alert-state' }, t(a.state)),
        a.acknowledgedBy ? ` ${t('by')} ${a.acknowledgedBy} ${formatTime(a.acknowledgedAt)}` : ''),
      write ? h('textarea', { class: 'ack-comment', placeholder: t('commentPlaceholder') }) : null,
      write && a.state === 'raised' ? h('button', { type: 'button', class: 'ack' }, t('acknowledge')) : null,
      write ? h('button', { type: 'button', class: 'add-comment' }, t('addComment')) : null,
      h('button', { type: 'button', class: 'show-history' }, t('history')),
      h('ul', { class: 'history', hidden: true }));
  }

  /** Acknowledge, comment and history buttons of the alert items under root; after() redraws what holds them. */
  bind(root, after) {
    root.querySelectorAll('li[data-alert]').forEach(li => {
      const id = li.dataset.alert;
      const comment = () => li.querySelector('.ack-comment')?.value?.trim() || null;
      const act = async (path, body) => {
        try {
          await post(`/api/v1/alerts/${id}/${path}`, body);
          const text = li.querySelector('.ack-comment');
          if (text) text.value = ''; // sent: not kept through the redraw
          this.app.toast(t('saved'));
          await after();
          if (root.id !== 'alert-list') await this.refresh();
        } catch (e) {
          this.app.toast(`${t('failed')}: ${e.message}`);
        }
      };
      li.querySelector('.ack')?.addEventListener('click', () => act('acknowledge', { comment: comment() }));
      li.querySelector('.add-comment')?.addEventListener('click', () => { if (comment()) act('comments', { comment: comment() }); });
      li.querySelector('.show-history')?.addEventListener('click', () => this.toggleHistory(li).catch(e => this.app.toast(e.message)));
    });
  }
}
