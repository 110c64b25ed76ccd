// The workbench's full-page views (import, levelling, administration) over the map. A view's button shows only for
// the roles that may use it; the server checks every action again. Closing a view empties it, so a secret shown
// once (a new token, a generated password) does not survive it.
import { t } from './i18n.js';
import { fill } from './dom.js';

const RANK = { viewer: 1, engineer: 2, admin: 3 };

export class Views {
  /** @param views name → object with render(bodyElement) */
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.current = null;
    const rank = RANK[app.session.role] || 0;
    document.querySelectorAll('[data-view]').forEach(b => {
      b.hidden = rank < (RANK[b.dataset.role] || 99);
      b.addEventListener('click', () => this.open(b.dataset.view));
    });
    document.getElementById('view-close').addEventListener('click', () => this.close());
  }

  async open(name) {
    this.current = name;
    document.getElementById('view').hidden = false;
    document.getElementById('view-title').textContent = t('view_' + name);
    document.querySelectorAll('[data-view]').forEach(b => b.classList.toggle('active', b.dataset.view === name));
    const body = document.getElementById('view-body');
    fill(body);
    try {
      await this.views[name].render(body);
    } catch (e) {
      console.warn(e);
      this.app.toast(`${t('failed')}: ${e.message}`);
    }
    body.dataset.ready = name;
  }

  close() {
    this.current = null;
    document.getElementById('view').hidden = true;
    fill(document.getElementById('view-body'));
    delete document.getElementById('view-body').dataset.ready;
  }

  /** Re-renders the open view (after a language or project change). */
  async refresh() {
    if (this.current) await this.open(this.current);
  }
}
