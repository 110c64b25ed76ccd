// Builds the page's DOM without ever parsing HTML: every string becomes a text node, every attribute is set as an
// attribute (never an event handler), so names, comments and notes that users wrote can never become markup or script.
// The page's Content-Security-Policy forbids inline script as a second line of defence.

/** h('li', {class: 'alert', dataset: {alert: 3}, onclick: f}, 'text', childNode, [more, nodes]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'style') Object.assign(el.style, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'selected' || key === 'hidden' || key === 'checked') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  return append(el, children);
}

/** Appends children: nodes as they are, anything else as text; null, undefined and false are skipped. */
export function append(el, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces everything inside el. */
export function fill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** A span holding text, for Leaflet tooltips (a string given to Leaflet would be parsed as HTML). */
export function label(text) {
  return h('span', null, text);
}
