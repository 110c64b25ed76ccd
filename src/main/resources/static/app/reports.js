// The reports of a phase: listed newest first with download links; engineers and admins generate one (the API answers
// when the report is stored, so the page shows its busy state until then); anyone who sees the phase can verify a copy,
// either a listed report (its stored bytes are fetched and checked again) or a file from disk, and sees the API's answer.
import { get, post, upload } from './api.js';
import { t, lang, formatTime } from './i18n.js';
import { h, fill } from './dom.js';
import { badge } from './format.js';

const FORMATS = ['pdf', 'json', 'xlsx', 'csv'];

export class ReportList {
  constructor(app, phaseId, canGenerate) {
    this.app = app;
    this.phaseId = phaseId;
    this.canGenerate = canGenerate;
  }

  async render(section) {
    this.section = section;
    const file = h('input', { type: 'file', id: 'rep-verify-file', 'aria-label': t('repVerifyFile') });
    file.addEventListener('change', () => { if (file.files[0]) this.verify(file.files[0], this.section.querySelector('#rep-verify-file-result')); });
    fill(section, h('h3', null, t('repTitle')),
      this.canGenerate ? h('div', { class: 'filters' },
        h('select', { id: 'rep-format', 'aria-label': t('repFormat') }, FORMATS.map(f => h('option', { value: f }, f.toUpperCase()))),
        h('button', { type: 'button', id: 'rep-generate' }, t('repGenerate')),
        h('span', { id: 'rep-progress', hidden: true }, h('progress', { 'aria-label': t('generating') }), ' ', t('generating'))) : null,
      h('ul', { id: 'rep-problem', class: 'problems', hidden: true }),
      h('ul', { id: 'rep-list', class: 'reports' }),
      h('div', { class: 'filters' }, h('label', null, t('repVerifyFile'), ' ', file), h('span', { id: 'rep-verify-file-result', class: 'verify-result' })));
    section.querySelector('#rep-generate')?.addEventListener('click', () => this.generate());
    await this.list();
  }

  async list() {
    const reports = await get(`/api/v1/phases/${this.phaseId}/reports`);
    fill(this.section.querySelector('#rep-list'), reports.length ? reports.map(r => {
      const li = h('li', { dataset: { report: r.id } },
        h('b', null, `#${r.id}`), ` ${r.format.toUpperCase()} · ${r.language} · ${formatTime(r.generatedAt)} · `,
        badge('verdict', r.verdict, t(r.verdict)), ` · ${Math.max(1, Math.round(r.sizeBytes / 1024))} KiB · `,
        h('a', { href: `/api/v1/reports/${r.id}/content`, download: '', class: 'download' }, t('repDownload')), ' ',
        h('button', { type: 'button', class: 'secondary verify' }, t('repVerify')),
        h('div', { class: 'small sha' }, `SHA-256 ${r.sha256}`),
        h('div', { class: 'verify-result' }));
      li.querySelector('.verify').addEventListener('click', () => this.verifyStored(li, r.id));
      return li;
    }) : h('li', { class: 'small' }, t('repNone')));
  }

  /** Generates a report in the page's language; the button stays busy until the API has stored it. */
  async generate() {
    const button = this.section.querySelector('#rep-generate');
    const progress = this.section.querySelector('#rep-progress');
    const problem = this.section.querySelector('#rep-problem');
    button.disabled = true;
    progress.hidden = false;
    problem.hidden = true;
    try {
      const format = this.section.querySelector('#rep-format').value;
      const r = await post(`/api/v1/phases/${this.phaseId}/reports?format=${encodeURIComponent(format)}&language=${lang()}`);
      await this.list();
      this.app.toast(t('repGenerated', { id: r.id }));
    } catch (e) {
      fill(problem, h('li', null, e.message));
      problem.hidden = false;
    } finally {
      button.disabled = false;
      progress.hidden = true;
    }
  }

  /** Fetches the stored bytes of a listed report and has the API check them again. */
  async verifyStored(li, id) {
    const out = li.querySelector('.verify-result');
    fill(out, t('repVerifying'));
    try {
      const r = await fetch(`/api/v1/reports/${id}/content`, { credentials: 'same-origin' });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      await this.verify(await r.blob(), out);
    } catch (e) {
      fill(out, h('span', { class: 'warn' }, `${t('failed')}: ${e.message}`));
    }
  }

  async verify(blob, out) {
    fill(out, t('repVerifying'));
    try {
      const v = await upload(`/api/v1/reports/verify?project=${this.app.project.id}`, blob, blob.type || 'application/octet-stream');
      fill(out, v.matches
        ? h('span', { class: 'verified', dataset: { sha256: v.sha256 } }, '✓ ', t('repMatches', { ids: v.reports.map(r => `#${r.id}`).join(', ') }))
        : h('span', { class: 'warn not-verified', dataset: { sha256: v.sha256 } }, '✗ ', t('repNoMatch')),
      h('div', { class: 'small' }, `SHA-256 ${v.sha256}`));
    } catch (e) {
      fill(out, h('span', { class: 'warn' }, `${t('failed')}: ${e.message}`));
    }
  }
}
