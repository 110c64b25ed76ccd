// Administration (admins only; the server refuses everyone else anyway): users, their project grants and disabling;
// API tokens, whose secret is shown once, right after creation, and never again; the project's notification channels
// with a test message that shows what the receiver answered.
import { get, post, put, del } from './api.js';
import { t, formatTime } from './i18n.js';
import { h, fill } from './dom.js';

const ROLES = ['viewer', 'engineer', 'admin'];
const TOKEN_ROLES = ['viewer', 'engineer', 'admin', 'ingest'];
const CHANNEL_KINDS = ['webhook', 'mqtt', 'dingtalk', 'wecom', 'feishu'];

/** A named field's value (form.name would be the form's own name property). */
const val = (form, name) => form.querySelector(`[name=${name}]`).value;
const options = (values, chosen, label = v => v) => values.map(v => h('option', { value: v, selected: v === chosen }, label(v)));

export class AdminView {
  constructor(app) {
    this.app = app;
  }

  async render(body) {
    this.body = body;
    this.projects = await get('/api/v1/projects');
    fill(body,
      h('section', { id: 'admin-users' }, h('h3', null, t('users'))),
      h('section', { id: 'admin-tokens' }, h('h3', null, t('tokens'))),
      h('section', { id: 'admin-channels' }, h('h3', null, t('channels'), this.app.project ? ` · ${this.app.project.code}` : '')));
    await Promise.all([this.users(), this.tokens(), this.channels()]);
  }

  async act(work, after) {
    try {
      const result = await work();
      this.app.toast(t('saved'));
      if (after) await after(result);
      return result;
    } catch (e) {
      this.app.toast(`${t('failed')}: ${e.message}`);
      return null;
    }
  }

  grantBoxes(user) {
    return h('span', { class: 'grants' }, this.projects.map(p => h('label', null,
      h('input', { type: 'checkbox', class: 'grant', value: p.id, checked: user?.projectIds?.includes(p.id) }), ' ', p.code)));
  }

  // ---- users ----------------------------------------------------------------------------------------
  async users() {
    const list = await get('/api/v1/admin/users');
    const section = this.body.querySelector('#admin-users');
    const rows = list.map(u => {
      const tr = h('tr', { dataset: { user: u.username } },
        h('td', null, u.username),
        h('td', null, h('select', { class: 'role', 'aria-label': t('role') }, options(ROLES, u.role, r => t('role_' + r)))),
        h('td', null, h('label', null, h('input', { type: 'checkbox', class: 'all-projects', checked: u.allProjects }), ' ', t('allProjects')),
          ' ', this.grantBoxes(u)),
        h('td', null, h('label', null, h('input', { type: 'checkbox', class: 'disabled', checked: u.disabled }), ' ', t('disabled'))),
        h('td', null, h('button', { type: 'button', class: 'save-user' }, t('save'))));
      tr.querySelector('.save-user').addEventListener('click', () => this.act(() => put(`/api/v1/admin/users/${encodeURIComponent(u.username)}`, {
        role: tr.querySelector('.role').value,
        allProjects: tr.querySelector('.all-projects').checked,
        disabled: tr.querySelector('.disabled').checked,
        projectIds: [...tr.querySelectorAll('.grant:checked')].map(b => Number(b.value)),
      }), () => this.users()));
      return tr;
    });
    const form = h('form', { class: 'inline new-user' },
      h('input', { name: 'username', required: true, placeholder: t('username'), autocomplete: 'off' }),
      h('select', { name: 'role', 'aria-label': t('role') }, options(ROLES, 'viewer', r => t('role_' + r))),
      this.grantBoxes(null),
      h('button', { type: 'submit' }, t('createUser')),
      h('div', { class: 'once new-password', hidden: true }));
    form.addEventListener('submit', e => {
      e.preventDefault();
      this.act(() => post('/api/v1/admin/users', {
        username: val(form, 'username').trim(), role: val(form, 'role'),
        projectIds: [...form.querySelectorAll('.grant:checked')].map(b => Number(b.value)),
      }), async created => {
        await this.users();
        const once = this.body.querySelector('#admin-users .new-password');
        fill(once, t('passwordOnce', { user: created.user.username }), ' ', h('code', { class: 'secret' }, created.password));
        once.hidden = false;
      });
    });
    fill(section, h('h3', null, t('users')),
      h('table', null, h('thead', null, h('tr', null, [t('username'), t('role'), t('projects'), '', ''].map(c => h('th', null, c)))),
        h('tbody', null, rows)),
      form);
  }

  // ---- tokens ---------------------------------------------------------------------------------------
  async tokens(secret) {
    const list = await get('/api/v1/admin/tokens');
    const section = this.body.querySelector('#admin-tokens');
    const project = id => this.projects.find(p => p.id === id)?.code ?? '';
    const rows = list.map(tk => {
      const tr = h('tr', { dataset: { token: tk.id } },
        h('td', null, tk.name), h('td', null, h('code', null, tk.prefix)), h('td', null, t('role_' + tk.role)),
        h('td', null, project(tk.projectId)), h('td', null, formatTime(tk.expiresAt)),
        h('td', { class: 'token-state' }, tk.revokedAt ? `${t('revoked')} ${formatTime(tk.revokedAt)}` : ''),
        h('td', null, tk.revokedAt ? null : h('button', { type: 'button', class: 'revoke secondary' }, t('revoke'))));
      tr.querySelector('.revoke')?.addEventListener('click', () => this.act(() => del(`/api/v1/admin/tokens/${tk.id}`), () => this.tokens()));
      return tr;
    });
    const form = h('form', { class: 'inline new-token' },
      h('input', { name: 'name', required: true, placeholder: t('tokenName'), autocomplete: 'off' }),
      h('select', { name: 'role', 'aria-label': t('role') }, options(TOKEN_ROLES, 'ingest', r => t('role_' + r))),
      h('select', { name: 'project', 'aria-label': t('projects') }, h('option', { value: '' }, '–'),
        this.projects.map(p => h('option', { value: p.id, selected: p.id === this.app.project?.id }, p.code))),
      h('label', null, t('validDays'), ' ', h('input', { name: 'days', type: 'number', min: 1, max: 3660, value: 365, class: 'days' })),
      h('button', { type: 'submit' }, t('createToken')));
    form.addEventListener('submit', e => {
      e.preventDefault();
      this.act(() => post('/api/v1/admin/tokens', {
        name: val(form, 'name').trim(), role: val(form, 'role'), validDays: Number(val(form, 'days')),
        projectId: val(form, 'project') ? Number(val(form, 'project')) : null,
      }), created => this.tokens(created.secret));
    });
    // the secret exists only in this render: the next render (or closing the view) drops it for good
    fill(section, h('h3', null, t('tokens')),
      secret ? h('div', { class: 'once new-secret' }, t('secretOnce'), ' ', h('code', { class: 'secret' }, secret)) : null,
      h('table', null, h('tbody', null, rows)), form);
  }

  // ---- notification channels ------------------------------------------------------------------------
  async channels() {
    const project = this.app.project;
    const section = this.body.querySelector('#admin-channels');
    if (!project) return;
    const list = await get(`/api/v1/projects/${project.id}/notification-channels`);
    const rows = list.map(c => {
      const tr = h('tr', { dataset: { channel: c.id } },
        h('td', null, c.name), h('td', null, c.kind), h('td', { class: 'small' }, c.url, c.topic ? ` · ${c.topic}` : ''),
        h('td', null, t('level.' + c.minLevel)), h('td', null, c.enabled ? t('enabled') : t('disabled')),
        h('td', null, h('button', { type: 'button', class: 'send-test' }, t('sendTest')), ' ',
          h('button', { type: 'button', class: 'delete-channel secondary' }, t('delete'))),
        h('td', { class: 'test-answer' }));
      tr.querySelector('.send-test').addEventListener('click', async () => {
        const cell = tr.querySelector('.test-answer');
        fill(cell, t('sending'));
        try {
          const a = await post(`/api/v1/notification-channels/${c.id}/test`);
          fill(cell, h('span', { class: a.delivered ? 'answer-ok' : 'answer-failed' }, a.delivered ? t('received') : t('notReceived')),
            ' ', h('span', { class: 'answer' }, a.answer));
        } catch (e) {
          fill(cell, h('span', { class: 'answer-failed' }, e.message));
        }
      });
      tr.querySelector('.delete-channel').addEventListener('click', () => this.act(() => del(`/api/v1/notification-channels/${c.id}`),
        () => this.channels()));
      return tr;
    });
    const form = h('form', { class: 'inline new-channel' },
      h('input', { name: 'name', required: true, placeholder: t('channelName'), autocomplete: 'off' }),
      h('select', { name: 'kind', 'aria-label': 'kind' }, options(CHANNEL_KINDS, 'webhook')),
      h('input', { name: 'url', required: true, placeholder: 'https://…', size: 40, autocomplete: 'off' }),
      h('input', { name: 'topic', placeholder: t('mqttTopic'), autocomplete: 'off' }),
      h('select', { name: 'minLevel', 'aria-label': t('minLevel') }, options(['blue', 'yellow', 'orange', 'red'], 'blue', l => t('level.' + l))),
      h('button', { type: 'submit' }, t('createChannel')),
      h('ul', { class: 'problems' }));
    form.addEventListener('submit', async e => {
      e.preventDefault();
      try {
        await post(`/api/v1/projects/${project.id}/notification-channels`, {
          name: val(form, 'name').trim(), kind: val(form, 'kind'), url: val(form, 'url').trim(),
          topic: val(form, 'topic').trim() || null, minLevel: val(form, 'minLevel'),
        });
        this.app.toast(t('saved'));
        await this.channels();
      } catch (err) {
        fill(form.querySelector('.problems'), (err.problem?.errors || [err.message]).map(m => h('li', null, m)));
      }
    });
    fill(section, h('h3', null, t('channels'), ` · ${project.code}`), h('table', null, h('tbody', null, rows)), form);
  }
}
