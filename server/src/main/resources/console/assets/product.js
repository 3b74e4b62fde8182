// Product: the catalog entry (GET /v1/products/{id}) with its stock and launch time, and the item-to-item
// lists built from it (similar, bought together with lift), explained.
import {h, fill, link, num, when, facts, table, section, alertBox, problemText} from './dom.js';
import {get, seg} from './api.js';
import {navigate} from './nav.js';

export function products(main, params) {
  const id = params[0] || '';
  const input = h('input', {id: 'product-id', value: id, required: true, spellcheck: 'false'});
  const form = h('form', {class: 'inline card', id: 'product-lookup', role: 'search'},
    h('label', {}, 'Product id', input), h('button', {type: 'submit'}, 'Look up'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    if (input.value.trim()) {
      navigate('/console/products/' + seg(input.value.trim()));
    }
  });
  const body = h('div', {id: 'product'});
  fill(main, h('h1', {}, id ? 'Product ' + id : 'Products'), form, body);
  if (id) {
    load(body, id);
  } else {
    input.focus();
  }
}

async function load(body, id) {
  fill(body, h('p', {class: 'muted'}, 'Loading…'));
  const [product, stats, similar, together] = await Promise.all([
    get('/v1/products/' + seg(id)),
    get('/v1/products/' + seg(id) + '/stats'),
    get('/v1/products/' + seg(id) + '/similar?k=10&explain=true'),
    get('/v1/products/' + seg(id) + '/bought-together?k=10&explain=true')]);
  if (product.status === 404) {
    fill(body, h('p', {class: 'note', id: 'product-missing'}, 'The catalog has no product ' + id + '.'));
    return;
  }
  if (!product.ok) {
    fill(body, alertBox(problemText(product)));
    return;
  }
  const p = product.json;
  const attributes = Object.entries(p.attributes || {}).map(([k, v]) => k + ': ' +
    (Array.isArray(v) ? v.join(', ') : v)).join('; ');
  fill(body,
    section('Catalog', facts([
      ['Title', p.title || '—'],
      ['Category', p.category],
      ['Brand', p.brand || '—'],
      ['Price', num(p.price)],
      ['Stock', p.inStock === false ? 'out of stock' : 'in stock'],
      ['Launched', when(p.launchedAt)],
      ['Attributes', attributes || '—'],
      ['Sensitive', p.sensitive ? 'yes (never a signal outside its category)' : 'no'],
    ])),
    section('How it fares', stats.ok ? h('dl', {class: 'facts', id: 'product-stats'},
      h('dt', {}, 'Popularity'), h('dd', {id: 'product-popularity'}, num(stats.json.popularity) + ' (rank ' +
        num(stats.json.popularityRank) + ' of ' + num(stats.json.products) + ')'),
      h('dt', {}, 'Signals'), h('dd', {id: 'product-signals'}, num(stats.json.signals),
        h('span', {class: 'muted'}, ' (events and co-occurrences merged, ever)')),
      h('dt', {}, 'Shown, last day'), h('dd', {}, num(stats.json.shownLastDay),
        h('span', {class: 'muted'}, ' (in served lists)')),
      h('dt', {}, 'Clicked, last day'), h('dd', {}, num(stats.json.clickedLastDay)),
      h('dt', {}, 'Click-through'), h('dd', {id: 'product-ctr'}, clickThrough(stats.json)),
      h('dt', {}, 'Model built'), h('dd', {}, when(stats.json.modelBuiltAt))) :
      h('p', {class: 'muted'}, stats.status === 404 ? 'Not in this node\'s model yet.' : problemText(stats))),
    h('div', {class: 'grid'},
      list('Similar', 'similar', similar, false),
      list('Bought together', 'bought-together', together, true)));
}

// Clicks per impression of about the last day; a product shown in no list lately has none (clicks from elsewhere
// would make it look infinite).
function clickThrough(stats) {
  return stats.shownLastDay >= 1 ? num(100 * stats.clickedLastDay / stats.shownLastDay) + ' %' : '—';
}

function list(title, id, answer, withLift) {
  const card = section(title);
  card.id = id;
  if (!answer.ok) {
    card.appendChild(alertBox(problemText(answer)));
    return card;
  }
  const items = answer.json.items;
  const headers = withLift ? ['Product', 'Score', 'Lift', 'Why'] : ['Product', 'Score', 'Why'];
  card.appendChild(table(title + ', strongest first', headers, items.map(item => {
    const why = (item.reasons || []).map(r => r.text).join('; ') || '—';
    const cells = [link('/console/products/' + seg(item.product), item.product), num(item.score)];
    if (withLift) {
      cells.push(item.lift === undefined ? '—' : num(item.lift));
    }
    cells.push(why);
    return cells;
  }), withLift ? [1, 2] : [1]));
  return card;
}
