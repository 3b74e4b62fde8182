// Shopper: what Tailor holds on one shopper (GET /v1/profiles/{id}/export) and what each placement would
// recommend now, explained (GET /v1/recommendations with explain=true and recordImpressions=false, so looking
// changes nothing). Erasure (DELETE /v1/profiles/{id}) and export (the same export, downloaded) ask first.
import {h, fill, link, num, when, facts, table, section, alertBox, problemText, confirmDialog} from './dom.js';
import {get, call, seg} from './api.js';
import {navigate} from './nav.js';

const KINDS = [['user', 'Customer id (user)'], ['anonymous', 'Anonymous id'], ['loyalty', 'Loyalty card']];
const PLACEMENTS = ['home', 'product', 'cart', 'email'];

export function shoppers(main, params, query) {
  const id = params[0] || '';
  const kind = KINDS.some(([k]) => k === query.get('kind')) ? query.get('kind') : 'user';
  const input = h('input', {id: 'shopper-id', name: 'id', value: id, required: true, spellcheck: 'false'});
  const select = h('select', {id: 'shopper-kind', name: 'kind'},
    KINDS.map(([k, label]) => h('option', {value: k, selected: k === kind}, label)));
  const form = h('form', {class: 'inline card', id: 'shopper-lookup', role: 'search'},
    h('label', {}, 'Look up by', select), h('label', {}, 'Id', input), h('button', {type: 'submit'}, 'Look up'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const value = input.value.trim();
    if (value) {
      navigate('/console/shoppers/' + seg(value) + (select.value === 'user' ? '' : '?kind=' + select.value));
    }
  });
  const body = h('div', {id: 'shopper'});
  fill(main, h('h1', {}, id ? 'Shopper ' + id : 'Shoppers'), form, body);
  if (id) {
    load(body, id, kind);
  } else {
    input.focus();
  }
}

function kindParam(kind) {
  return kind === 'user' ? '' : '?kind=' + kind;
}

async function load(body, id, kind) {
  fill(body, h('p', {class: 'muted'}, 'Loading…'));
  const answer = await get('/v1/profiles/' + seg(id) + '/export' + kindParam(kind));
  if (answer.status === 404) {
    fill(body, h('p', {class: 'note', id: 'shopper-missing'}, 'Tailor holds nothing on this shopper.'));
    return;
  }
  if (!answer.ok) {
    fill(body, alertBox(problemText(answer)));
    return;
  }
  const exported = answer.json;
  const profile = exported.profile || {};
  const recs = h('div', {id: 'recommendations'});
  const outcome = h('div', {'aria-live': 'polite', id: 'shopper-outcome'});
  fill(body,
    outcome,
    h('div', {class: 'grid'},
      section('Profile', summary(exported, profile), h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', id: 'export-shopper',
          onclick: () => exportProfile(exported, id)}, 'Export…'),
        h('button', {type: 'button', class: 'danger', id: 'erase-shopper',
          onclick: () => erase(body, outcome, id, kind)}, 'Erase…'))),
      section('Consent and preferences', consent(profile))),
    h('div', {class: 'grid'},
      section('Top categories', weights(profile.categories || [], 'category', 'profile-categories')),
      section('Top brands', weights(profile.brands || [], 'brand', 'profile-brands'))),
    h('div', {class: 'grid'},
      section('Recent activity', activity(profile)),
      section('Linked ids and segments', linked(exported, profile))),
    section('Live recommendations', h('p', {class: 'muted'}, 'Each placement as the shopper would get it now, ',
      'explained; asking records no impression.'), recs));
  recommendations(recs, exported, profile);
}

function summary(exported, profile) {
  const counts = Object.entries(profile.counts || {}).map(([type, count]) => type + ' ' + num(count)).join(', ');
  return facts([
    ['Customer id', exported.user || '—'],
    ['Anonymous id', exported.anonymousId || '—'],
    ['Loyalty card', exported.loyaltyId || '—'],
    ['Created', when(profile.createdAt)],
    ['Updated', when(profile.updatedAt)],
    ['Events', counts || '—'],
    ['Spend', profile.spend === undefined ? '—' : num(profile.spend)],
    ['Typical price', profile.typicalPrice === undefined ? '—' : num(profile.typicalPrice)],
  ]);
}

function consent(profile) {
  const c = profile.consent || {};
  const p = profile.preferences || {};
  const list = values => values && values.length ? values.join(', ') : '—';
  return facts([
    ['Personalization', c.personalization === false ? 'withdrawn' : 'given'],
    ['Marketing', c.gpc ? 'refused (Global Privacy Control)' : c.marketing ? 'given' : 'not given'],
    ['Liked categories', list(p.categories)],
    ['Liked brands', list(p.brands)],
    ['Sizes', list(p.sizes)],
    ['Disliked products', list(p.dislikedProducts)],
  ]);
}

function weights(entries, field, id) {
  const top = entries.slice().sort((a, b) => b.weight - a.weight).slice(0, 8);
  const max = top.reduce((m, e) => Math.max(m, e.weight), 0) || 1;
  const el = table('Weight of each ' + field + ' in the shopper\'s taste', [field === 'category' ? 'Category' :
    'Brand', 'Weight'], top.map(e => [e[field], h('span', {},
      h('span', {class: 'bar-meter', style: null, 'aria-hidden': 'true', dataset: {w: e.weight / max}}),
      num(e.weight))]), [1]);
  el.id = id;
  for (const meter of el.querySelectorAll('.bar-meter')) {
    meter.style.width = Math.round(Number(meter.dataset.w) * 80) + 'px';
  }
  return el;
}

function productLink(product) {
  return product && !product.startsWith('#') ? link('/console/products/' + seg(product), product) : product;
}

function activity(profile) {
  const log = profile.activity && profile.activity.length ? profile.activity : (profile.recent || []);
  return table('Newest first', ['When', 'What', 'Product'],
    log.slice(0, 12).map(a => [when(a.at), a.type, a.product ? productLink(a.product) : '—']));
}

function linked(exported, profile) {
  const links = exported.linkedIds || [];
  return [
    h('h3', {}, 'Linked ids'),
    links.length === 0 ? h('p', {class: 'muted'}, 'none') :
      h('ul', {class: 'chips', id: 'linked-ids'}, links.map(l => h('li', {},
        l.anonymousId ? 'anonymous ' + l.anonymousId : 'loyalty ' + l.loyaltyId))),
    h('h3', {}, 'Segments'),
    (profile.segments || []).length === 0 ? h('p', {class: 'muted'}, 'none') :
      h('ul', {class: 'chips', id: 'shopper-segments'}, profile.segments.map(s =>
        h('li', {}, link('/console/segments/' + seg(s), s)))),
  ];
}

async function recommendations(box, exported, profile) {
  let who = null;
  if (exported.user) {
    who = 'user=' + seg(exported.user);
  } else if (exported.anonymousId) {
    who = 'anonymousId=' + seg(exported.anonymousId);
  }
  if (!who) {
    fill(box, h('p', {class: 'muted'}, 'A loyalty card not linked to a customer gets no recommendations.'));
    return;
  }
  const recent = (profile.recent || []).find(r => r.product && !r.product.startsWith('#'));
  const parts = [];
  for (const placement of PLACEMENTS) {
    const needsProduct = placement === 'product';
    if (needsProduct && !recent) {
      parts.push(section('Placement ' + placement, h('p', {class: 'muted'},
        'Needs a product; the shopper has touched none.')));
      continue;
    }
    const about = (placement === 'product' || placement === 'cart') && recent ? '&product=' + seg(recent.product) : '';
    const answer = await get('/v1/recommendations?' + who + '&placement=' + placement + about +
      '&k=10&explain=true&recordImpressions=false');
    parts.push(placementCard(placement, about ? recent.product : null, answer));
  }
  fill(box, h('div', {class: 'placements'}, parts));
}

function placementCard(placement, product, answer) {
  const card = section('Placement ' + placement);
  card.id = 'placement-' + placement;
  if (!answer.ok) {
    card.appendChild(alertBox(problemText(answer)));
    return card;
  }
  const recs = answer.json;
  card.appendChild(h('p', {class: 'muted'}, 'Strategy ', h('strong', {}, recs.strategy),
    product ? [' · about ', productLink(product)] : null,
    recs.degraded ? ' · degraded (deadline passed)' : null,
    recs.experiment ? ' · experiment ' + recs.experiment.id + ', arm ' + recs.experiment.arm : null));
  card.appendChild(table('Items, best first, with why', ['#', 'Product', 'Score', 'Reasons'],
    recs.items.map((item, i) => [num(i + 1), productLink(item.product), num(item.score),
      reasons(item.reasons)]),
    [0, 2]));
  const rules = recs.rules || [];
  card.appendChild(h('p', {class: 'rules'}, h('strong', {}, 'Removed by rules: '),
    rules.length === 0 ? 'none' : rules.map(r => r.rule + ' ' + r.excluded).join(', ')));
  return card;
}

const SHOWN_REASONS = 3;

/** The strongest reasons, the rest folded away (a list can carry a dozen per item). */
function reasons(all) {
  if (all.length === 0) {
    return '—';
  }
  const item = r => h('li', {}, r.text, h('span', {class: 'muted'}, ' (' + r.code + ', ' + num(r.contribution) +
    ')'));
  return [h('ul', {class: 'reasons'}, all.slice(0, SHOWN_REASONS).map(item)),
    all.length <= SHOWN_REASONS ? null : h('details', {class: 'more'},
      h('summary', {}, (all.length - SHOWN_REASONS) + ' more'),
      h('ul', {class: 'reasons'}, all.slice(SHOWN_REASONS).map(item)))];
}

async function exportProfile(exported, id) {
  const ok = await confirmDialog('Export this shopper?', 'Downloads everything Tailor holds on ' + id +
    ' as a JSON file to this computer.', 'Download export');
  if (!ok) {
    return;
  }
  const blob = new Blob([JSON.stringify(exported, null, 2)], {type: 'application/json'});
  const a = h('a', {href: URL.createObjectURL(blob), download: 'tailor-export-' + id + '.json'});
  document.body.appendChild(a);
  a.click();
  a.remove();
}

async function erase(body, outcome, id, kind) {
  const ok = await confirmDialog('Erase this shopper?', 'Erases everything Tailor holds on ' + id +
    ' on every node: profile, linked ids, impressions, activity and segment memberships. This cannot be undone.',
    'Erase everywhere');
  if (!ok) {
    return;
  }
  const answer = await call('DELETE', '/v1/profiles/' + seg(id) + kindParam(kind));
  if (!answer.ok) {
    fill(outcome, alertBox(problemText(answer)));
    return;
  }
  const erased = answer.json.erased;
  fill(body, h('div', {class: 'note', id: 'erased', role: 'status'},
    h('strong', {}, 'Erased. '),
    'Profile: ' + (erased.profile ? 'yes' : 'no') + '; linked ids: ' + erased.linkedIds.length +
    '; impressions: ' + num(erased.impressions) + '; activity entries: ' + num(erased.activity) +
    '; segment memberships: ' + erased.segmentMemberships.length + '.'));
}
