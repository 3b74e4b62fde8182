// Small DOM helpers. Text from the API is only ever set as text (never parsed as HTML).

/**
 * Makes an element: h('a', {href: '/x', class: 'y'}, 'text', child, [more children]).
 * Attributes starting with "on" are event listeners; null/undefined/false children are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Replaces the children of an element. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link to a console page, followed without reloading. */
export function link(href, ...children) {
  return h('a', {href, 'data-link': true}, ...children);
}

/** A number for reading: integers grouped, others to a few significant digits. */
export function num(value, digits = 3) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '—';
  }
  if (Number.isInteger(value)) {
    return value.toLocaleString('en');
  }
  const abs = Math.abs(value);
  if (abs >= 1000) {
    return Math.round(value).toLocaleString('en');
  }
  return Number(value.toPrecision(digits)).toString();
}

/** Microseconds as milliseconds, e.g. 812.3 -> "0.812". */
export function ms(us) {
  return us === null || us === undefined ? '—' : num(us / 1000);
}

/** An ISO time as "2026-12-05 02:40:11 UTC", or a dash. */
export function when(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', ' UTC') : '—';
}

/** A definition list from [term, value] pairs. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/** A table: headers, then rows of cells (text or nodes); numeric columns right-aligned by index. */
export function table(caption, headers, rows, numeric = []) {
  const region = h('div', {class: 'scroll', role: 'region', 'aria-label': caption, tabindex: 0},
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((title, i) =>
        h('th', {scope: 'col', class: numeric.includes(i) ? 'n' : null}, title)))),
      h('tbody', {})));
  setRows(region, rows, numeric);
  return region;
}

/** Replaces the rows of a table made by {@link table}, leaving the rest (and the focus on it) in place. */
export function setRows(region, rows, numeric = []) {
  const body = region.querySelector('tbody');
  const columns = region.querySelectorAll('thead th').length;
  fill(body, rows.length === 0 ?
    h('tr', {}, h('td', {colspan: columns, class: 'muted'}, 'none')) :
    rows.map(row => h('tr', {}, row.map((cell, i) => h('td', {class: numeric.includes(i) ? 'n' : null}, cell)))));
  return region;
}

/** A section with a heading. */
export function section(title, ...children) {
  return h('section', {class: 'card'}, h('h2', {}, title), ...children);
}

/** A problem+json answer, or any failed answer, as a message. */
export function problemText(answer) {
  const body = answer.json || {};
  const detail = body.detail || body.title || ('HTTP ' + answer.status);
  return body.field ? detail + ' (at ' + body.field + ')' : detail;
}

/** An alert box with a message. */
export function alertBox(message) {
  return h('p', {class: 'alert', role: 'alert'}, message);
}

/**
 * Asks for confirmation in a modal dialog; resolves true when confirmed.
 */
export function confirmDialog(title, text, action) {
  return new Promise(resolve => {
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-title'},
      h('h2', {id: 'confirm-title'}, title),
      h('p', {}, text),
      h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', id: 'confirm-cancel',
          onclick: () => dialog.close('cancel')}, 'Cancel'),
        h('button', {type: 'button', class: 'danger', id: 'confirm-ok',
          onclick: () => dialog.close('ok')}, action)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    dialog.querySelector('#confirm-cancel').focus();
  });
}
