// The console's shell: asks for a key when the node has keys, routes on the address (history API), and
// mounts one page at a time. A page is a function (main, params, query) returning an optional cleanup.
import {h, fill, alertBox} from './dom.js';
import * as api from './api.js';
import {overview} from './overview.js';
import {shoppers} from './shopper.js';
import {products} from './product.js';
import {segments} from './segments.js';
import {experiments} from './experiments.js';

const BASE = '/console/';
const PAGES = {'': overview, 'shoppers': shoppers, 'products': products, 'segments': segments,
  'experiments': experiments};

let cleanup = null;
let keysRequired = false;

function main() {
  return document.getElementById('main');
}

/** Shows the page the address names. */
function render() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const rest = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '';
  const parts = rest.split('/').filter(p => p.length > 0).map(decodeURIComponent);
  const name = parts.length === 0 ? '' : parts[0];
  for (const a of document.querySelectorAll('[data-nav]')) {
    const current = (a.dataset.nav === 'overview' ? '' : a.dataset.nav) === name;
    if (current) {
      a.setAttribute('aria-current', 'page');
    } else {
      a.removeAttribute('aria-current');
    }
  }
  const page = PAGES[name];
  const el = main();
  if (!page) {
    fill(el, h('h1', {}, 'Not found'), h('p', {}, 'The console has no page ' + location.pathname + '.'));
    return;
  }
  el.replaceChildren();
  cleanup = page(el, parts.slice(1), new URLSearchParams(location.search)) || null;
}


function login(message) {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const input = h('input', {id: 'api-key', type: 'password', autocomplete: 'off', required: true,
    spellcheck: 'false', 'aria-describedby': 'key-help'});
  const status = h('div', {'aria-live': 'polite'}, message ? alertBox(message) : null);
  const form = h('form', {class: 'card login', id: 'login'},
    h('h1', {}, 'Sign in'),
    h('p', {id: 'key-help'}, 'This node has API keys. Paste a key with the ', h('code', {}, 'admin'),
      ' scope (and the scopes of the pages you use, such as ', h('code', {}, 'profiles:read'),
      '). It is kept for this tab only.'),
    h('label', {for: 'api-key'}, 'API key'), input,
    h('button', {type: 'submit'}, 'Sign in'), status);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const candidate = input.value.trim();
    const answer = await api.call('GET', '/v1/stats', undefined, candidate);
    if (answer.status === 200) {
      api.setKey(candidate);
      showMode();
      render();
    } else if (answer.status === 403) {
      fill(status, alertBox('This key lacks the admin scope.'));
    } else {
      fill(status, alertBox('This key is not valid here (HTTP ' + answer.status + ').'));
    }
  });
  fill(main(), form);
  input.focus();
}

function showMode() {
  const mode = document.getElementById('mode');
  if (!keysRequired) {
    fill(mode, 'development mode: no keys');
    return;
  }
  fill(mode, h('button', {type: 'button', class: 'secondary', id: 'sign-out', onclick: () => {
    api.setKey(null);
    sessionStorage.clear();
    login();
  }}, 'Sign out'));
}

async function start() {
  document.addEventListener('click', event => {
    const a = event.target.closest('a[data-link]');
    if (a && a.origin === location.origin && event.button === 0 && !event.metaKey && !event.ctrlKey &&
        !event.shiftKey) {
      event.preventDefault();
      navigate(a.getAttribute('href'));
    }
  });
  window.addEventListener('popstate', render);
  window.addEventListener('console:navigate', () => {
    render();
    main().focus();
  });
  // The shell's own answer says whether the node has keys, so no request is made to fail on purpose.
  const shell = await fetch(BASE, {cache: 'no-store'});
  keysRequired = shell.headers.get('Tailor-Api-Keys') === 'required';
  api.whenUnauthorized(() => {
    api.setKey(null);
    login('The key was refused; paste it again or another one.');
  });
  if (keysRequired && !api.key()) {
    login();
    return;
  }
  showMode();
  render();
}

start();
