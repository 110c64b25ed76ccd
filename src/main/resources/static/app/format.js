// Small formatting helpers shared by the panel and the alert list.
import { h } from './dom.js';
import { t, has } from './i18n.js';

export const num = (v, digits = 1) => (v == null ? '–' : Number(v).toFixed(digits));
// units as the catalogue writes them (µε for the rules' "ue"), else as given
export const unit = u => (u ? (has('unit.' + u) ? t('unit.' + u) : u) : '');
export const badge = (kind, value, text) => h('span', { class: `badge ${kind}-${value}` }, text);
