// Segments: the list (GET /v1/segments) with each one's live member count (GET /v1/segments/{id}), and an
// editor of one definition as JSON: preview (POST /v1/segments/preview, nothing stored), save
// (PUT /v1/segments/{id}) and delete. The API's errors are shown with the JSON pointer of the wrong part and
// the value found there.
import {h, fill, link, num, when, table, section, alertBox, problemText, confirmDialog} from './dom.js';
import {get, call, seg} from './api.js';
import {navigate} from './nav.js';

const TEMPLATE = {
  name: 'Bought in the last 30 days',
  purpose: 'personalization',
  rule: {window: '30d', type: 'purchase', count: {gte: 1}},
};

export function segments(main, params, query) {
  if (params[0]) {
    editor(main, params[0], query.has('new'));
  } else {
    list(main);
  }
}

async function list(main) {
  const input = h('input', {id: 'new-segment-id', required: true, spellcheck: 'false',
    pattern: '[A-Za-z0-9_][A-Za-z0-9._:@+=~-]{0,127}'});
  const form = h('form', {class: 'inline card', id: 'new-segment'},
    h('label', {}, 'New segment id', input), h('button', {type: 'submit'}, 'Define…'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    navigate('/console/segments/' + seg(input.value.trim()) + '?new');
  });
  const box = h('div', {id: 'segments'}, h('p', {class: 'muted'}, 'Loading…'));
  fill(main, h('h1', {}, 'Segments'), form, section('Segments', box));
  const answer = await get('/v1/segments');
  if (!answer.ok) {
    fill(box, alertBox(problemText(answer)));
    return;
  }
  const all = answer.json.segments;
  const counts = all.map(s => h('span', {class: 'count', dataset: {segment: s.id}}, '…'));
  fill(box, table('Members are counted now, over every profile', ['Segment', 'Name', 'Purpose', 'Members',
    'Updated'], all.map((s, i) => [link('/console/segments/' + seg(s.id), s.id), s.definition.name || '—',
    s.definition.purpose || 'marketing', counts[i], when(s.updatedAt)]), [3]));
  await Promise.all(all.map(async (s, i) => {
    const one = await get('/v1/segments/' + seg(s.id));
    fill(counts[i], one.ok ? num(one.json.members) : problemText(one));
  }));
}

function valueAt(text, pointer) {
  try {
    let node = JSON.parse(text);
    for (const token of pointer.split('/').slice(1)) {
      const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !(key in node)) {
        return undefined;
      }
      node = node[key];
    }
    return node;
  } catch (e) {
    return undefined;
  }
}

async function editor(main, id, isNew) {
  const heading = h('h1', {}, 'Segment ' + id);
  const facts = h('div', {id: 'segment-facts'});
  const textarea = h('textarea', {id: 'segment-json', spellcheck: 'false', 'aria-label': 'Segment definition (JSON)',
    'aria-describedby': 'segment-error'});
  const error = h('div', {id: 'segment-error', 'aria-live': 'polite'});
  const preview = h('div', {id: 'segment-preview', 'aria-live': 'polite'});
  const saveButton = h('button', {type: 'button', id: 'save-segment', onclick: save}, 'Save');
  fill(main, heading, h('p', {}, link('/console/segments', '← All segments')), facts,
    section('Definition',
      h('p', {class: 'muted'}, 'A rule over profiles and their recent activity, as ', h('code', {},
        'PUT /v1/segments/{id}'), ' takes it.'),
      textarea, error,
      h('div', {class: 'actions'},
        h('button', {type: 'button', class: 'secondary', id: 'preview-segment', onclick: runPreview},
          'Preview members'),
        saveButton,
        isNew ? null : h('button', {type: 'button', class: 'danger', id: 'delete-segment', onclick: remove},
          'Delete…'))),
    section('Preview', preview));
  fill(preview, h('p', {class: 'muted'}, 'Preview to see who the definition holds now, before saving.'));
  if (isNew) {
    textarea.value = JSON.stringify(TEMPLATE, null, 2);
    fill(facts, h('p', {class: 'note'}, 'A new segment: nothing is stored until you save.'));
  } else {
    const answer = await get('/v1/segments/' + seg(id));
    if (answer.status === 404) {
      textarea.value = JSON.stringify(TEMPLATE, null, 2);
      fill(facts, h('p', {class: 'note'}, 'No segment ' + id + ' yet: define it below.'));
    } else if (!answer.ok) {
      fill(facts, alertBox(problemText(answer)));
    } else {
      textarea.value = JSON.stringify(answer.json.definition, null, 2);
      showFacts(answer.json);
    }
  }

  function showFacts(segment) {
    fill(facts, section('Now', h('dl', {class: 'facts'},
      h('dt', {}, 'Members'), h('dd', {id: 'segment-members'}, segment.members === undefined ? '—' :
        num(segment.members)),
      h('dt', {}, 'Version'), h('dd', {}, num(segment.version)),
      h('dt', {}, 'Updated'), h('dd', {}, when(segment.updatedAt)),
      h('dt', {}, 'Counted'), h('dd', {}, when(segment.countedAt)))));
  }

  function showProblem(answer) {
    const body = answer.json || {};
    const pointer = body.field;
    const value = pointer ? valueAt(textarea.value, pointer) : undefined;
    textarea.setAttribute('aria-invalid', 'true');
    fill(error, h('div', {class: 'alert', role: 'alert'},
      pointer ? [h('strong', {}, 'At '), h('code', {class: 'pointer-error'}, pointer), ': '] : null,
      body.detail || problemText(answer),
      value === undefined ? null : [h('br'), 'Found there: ', h('code', {}, JSON.stringify(value))]));
  }

  function clearProblem() {
    textarea.removeAttribute('aria-invalid');
    error.replaceChildren();
  }

  async function runPreview() {
    clearProblem();
    const answer = await call('POST', '/v1/segments/preview', textarea.value);
    if (!answer.ok) {
      showProblem(answer);
      return;
    }
    const members = answer.json.members.map(m => m.user ? link('/console/shoppers/' + seg(m.user), m.user) :
      m.anonymousId ? link('/console/shoppers/' + seg(m.anonymousId) + '?kind=anonymous', m.anonymousId) :
        link('/console/shoppers/' + seg(m.loyaltyId) + '?kind=loyalty', m.loyaltyId));
    fill(preview, h('p', {}, h('strong', {id: 'preview-count'}, num(answer.json.count)),
      ' shoppers would be members now (' + when(answer.json.countedAt) + ').'),
      members.length === 0 ? null : [h('h3', {}, 'First members'),
        h('ul', {class: 'chips', id: 'preview-members'}, members.map(m => h('li', {}, m)))]);
  }

  async function save() {
    clearProblem();
    const answer = await call('PUT', '/v1/segments/' + seg(id), textarea.value);
    if (!answer.ok) {
      showProblem(answer);
      return;
    }
    fill(error, h('p', {class: 'note', role: 'status', id: 'segment-saved'},
      answer.status === 201 ? 'Defined.' : 'Saved (version ' + answer.json.version + ').'));
    if (isNew) {
      history.replaceState(null, '', '/console/segments/' + seg(id));
      isNew = false;
    }
    const counted = await get('/v1/segments/' + seg(id));
    if (counted.ok) {
      showFacts(counted.json);
    }
  }

  async function remove() {
    const ok = await confirmDialog('Delete segment ' + id + '?', 'Its members keep their profiles; the segment ' +
      'stops pinning and blocking products for them.', 'Delete segment');
    if (!ok) {
      return;
    }
    const answer = await call('DELETE', '/v1/segments/' + seg(id));
    if (!answer.ok) {
      showProblem(answer);
      return;
    }
    navigate('/console/segments');
  }
}
