// Small formatting helpers shared by the panel and the alert list.
import { h } from './dom.js';

const UNITS = { ue: 'µε', 'mm/d': 'mm/d', mm: 'mm', 'mm/m': 'mm/m', m: 'm' };

export const num = (v, digits = 1) => (v == null ? '–' : Number(v).toFixed(digits));
export const unit = u => UNITS[u] || u || '';
export const badge = (kind, value, text) => h('span', { class: `badge ${kind}-${value}` }, text);
