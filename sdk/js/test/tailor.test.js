'use strict';
// Unit tests of tailor.js under node --test (no npm packages): consent gating, the anonymous id, batching, the
// offline queue and its retries, recommendations with a deadline and a fallback. Run: node --test test/
// TAILOR_JS names another build of the file to test (the build runs them on the minified one too).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const Tailor = require(process.env.TAILOR_JS ? path.resolve(process.env.TAILOR_JS) : '../src/tailor.js');
const {fakeWindow, FakeStorage, answer, settle, EPOCH_MS} = require('./fake-window.js');

const ENDPOINT = 'https://tailor.example.com';
const KEY = 'tlr_pk_test';

function start(win, consent)
{
  const tailor = Tailor.create(win);
  tailor.init({endpoint: ENDPOINT + '/', key: KEY, consent: consent});
  return tailor;
}

function never()
{
  return new Promise(() => {});
}

test('pending consent sends nothing and stores nothing', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'pending');

  assert.equal(tailor.track('view', {product: 'p-1'}), null);
  const answer = await tailor.recommend({placement: 'home'});
  win.fire('pagehide');
  await win.advance(5000);

  assert.equal(win.requests.length, 0);
  assert.equal(win.localStorage.length, 0);
  assert.equal(win.sessionStorage.length, 0);
  assert.equal(win.cookieWrites.length, 0);
  assert.equal(tailor.anonymousId(), null);
  assert.deepEqual(answer, {requestId: null, placement: 'home', items: [], fallback: true, fallbackReason: 'consent'});
});

test('init keeps a consent given before it unless it names one', () =>
{
  const tailor = Tailor.create(fakeWindow());
  tailor.consent('granted');

  assert.equal(tailor.init({endpoint: ENDPOINT, key: KEY}), 'granted');
  assert.equal(tailor.init({endpoint: ENDPOINT, key: KEY, consent: 'denied'}), 'denied');
});

test('consent without init is refused for an unknown state', () =>
{
  const tailor = Tailor.create(fakeWindow());

  assert.throws(() => tailor.consent('yes'), TypeError);
  assert.throws(() => tailor.init({key: KEY}), TypeError);
});

test('granted consent creates an anonymous id kept in localStorage and a first-party cookie across visits', async () =>
{
  const localStorage = new FakeStorage();
  const cookies = new Map();
  const first = start(fakeWindow({localStorage, cookies}), 'pending');

  assert.equal(first.anonymousId(), null);
  first.consent('granted');
  const id = first.anonymousId();
  const nextVisit = start(fakeWindow({localStorage, cookies}), 'granted');
  const cookieOnly = start(fakeWindow({cookies}), 'granted');

  assert.match(id, /^[0-9a-f]{32}$/);
  assert.equal(localStorage.getItem('tailor_aid'), id);
  assert.equal(cookies.get('tailor_aid'), id);
  assert.equal(nextVisit.anonymousId(), id);
  assert.equal(cookieOnly.anonymousId(), id);
});

test('the cookie is first-party, Lax, Secure on https, for 13 months', () =>
{
  const win = fakeWindow();
  start(win, 'granted');

  assert.match(win.cookieWrites[0], /^tailor_aid=[0-9a-f]{32}; Max-Age=33696000; Path=\/; SameSite=Lax; Secure$/);
});

test('denied consent forgets the id, the queue and the kept lists', async () =>
{
  const win = fakeWindow({respond: () => Promise.reject(new TypeError('offline'))});
  const tailor = start(win, 'granted');
  tailor.track('view', {product: 'p-1'});
  tailor.flush();
  await settle();
  win.sessionStorage.setItem('tailor_list_home', '{"requestId":"r","items":[]}');

  tailor.consent('denied');

  assert.equal(tailor.anonymousId(), null);
  assert.equal(win.localStorage.length, 0);
  assert.equal(win.sessionStorage.length, 0);
  assert.equal(win.cookies.has('tailor_aid'), false);
  assert.equal(tailor.track('view', {product: 'p-2'}), null);
});

test('a new consent after denial makes a new id', () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');
  const before = tailor.anonymousId();

  tailor.consent('denied');
  tailor.consent('granted');

  assert.notEqual(tailor.anonymousId(), before);
});

test('events are batched: sent after 1 s, with the key, keepalive, each with its own id', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');

  const ids = [tailor.track('view', {product: 'p-1'}), tailor.track('add_to_cart', {product: 'p-2'})];
  await win.advance(999);
  assert.equal(win.events().length, 0);
  await win.advance(1);

  const sent = win.events();
  assert.equal(sent.length, 1);
  assert.equal(sent[0].url, ENDPOINT + '/v1/events');
  assert.equal(sent[0].init.method, 'POST');
  assert.equal(sent[0].init.keepalive, true);
  assert.equal(sent[0].init.credentials, 'omit');
  assert.equal(sent[0].init.headers.Authorization, 'Bearer ' + KEY);
  assert.equal(sent[0].init.headers['Content-Type'], 'application/json');
  assert.deepEqual(sent[0].body.map(e => e.id), ids);
  assert.equal(new Set(ids).size, 2);
  assert.deepEqual(sent[0].body.map(e => e.type), ['view', 'add_to_cart']);
  assert.ok(sent[0].body.every(e => e.anonymousId === tailor.anonymousId()));
  assert.ok(sent[0].body.every(e => !('ts' in e) && !('at' in e)), 'a fresh event is dated by the node');
  assert.equal(win.localStorage.getItem('tailor_queue'), null);
});

test('an event sent a minute or more after it happened carries its time', async () =>
{
  let up = false;
  const win = fakeWindow({respond: () => up ? Promise.resolve(answer(200, {accepted: 1, duplicates: 0, rejected: []})) :
    Promise.reject(new TypeError('offline'))});
  const tailor = start(win, 'granted');
  tailor.track('view', {product: 'p-1'});
  tailor.track('view', {product: 'p-2', ts: '2026-12-01T00:00:00Z'});
  await win.advance(1000);
  const early = win.events()[0].body;

  await win.advance(60000);
  up = true;
  win.fire('online');
  await settle();

  const late = win.events()[win.events().length - 1].body;
  assert.equal(early[0].ts, undefined);
  assert.equal(late[0].ts, new Date(EPOCH_MS).toISOString());
  assert.equal(late[1].ts, '2026-12-01T00:00:00Z');
  assert.ok(late.every(e => !('at' in e)));
});

test('twenty events go at once', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');

  for (let i = 0; i < 20; i++)
  {
    tailor.track('view', {product: 'p-' + i});
  }
  await settle();

  assert.equal(win.events().length, 1);
  assert.equal(win.events()[0].body.length, 20);
  assert.equal(win.events()[0].at, 0);
});

test('a browser key never names a customer: user is dropped; a caller id is kept', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');

  tailor.track('purchase', {user: 'alice', id: 'order-17', product: 'p-1', value: 20});
  await win.advance(1000);

  const event = win.events()[0].body[0];
  assert.equal(event.user, undefined);
  assert.equal(event.id, 'order-17');
  assert.equal(event.value, 20);
});

test('a failed send is retried with the same ids until the node answers, then the queue is empty', async () =>
{
  let up = false;
  const win = fakeWindow({respond: request => up ?
    Promise.resolve(answer(200, {accepted: request.body.length, duplicates: 0, rejected: []})) :
    Promise.reject(new TypeError('Failed to fetch'))});
  const tailor = start(win, 'granted');
  const id = tailor.track('view', {product: 'p-1'});

  await win.advance(1000);
  assert.equal(win.events().length, 1);
  assert.deepEqual(JSON.parse(win.localStorage.getItem('tailor_queue')).map(e => e.id), [id]);
  await win.advance(1000 + 2000 + 4000);
  const whileDown = win.events().length;
  up = true;
  await win.advance(8000);

  assert.equal(whileDown, 4);
  const sent = win.events();
  assert.equal(sent.length, 5);
  assert.ok(sent.every(r => r.body.length === 1 && r.body[0].id === id));
  assert.equal(win.localStorage.getItem('tailor_queue'), null);
});

test('a 503 is retried no sooner than its Retry-After', async () =>
{
  let calls = 0;
  const win = fakeWindow({respond: () => Promise.resolve(++calls === 1 ?
    answer(503, {title: 'Overloaded'}, {'Retry-After': '5'}) : answer(200, {accepted: 1, duplicates: 0, rejected: []}))});
  const tailor = start(win, 'granted');
  tailor.track('view', {product: 'p-1'});

  await win.advance(1000 + 4999);
  assert.equal(win.events().length, 1);
  await win.advance(1);

  assert.equal(win.events().length, 2);
  assert.equal(win.events()[1].at, 6000);
});

test('events a node refuses for good (4xx other than 408 and 429) are not resent', async () =>
{
  const win = fakeWindow({respond: () => Promise.resolve(answer(400, {title: 'Invalid event'}))});
  const tailor = start(win, 'granted');
  tailor.track('rating', {product: 'p-1'});

  await win.advance(60000);

  assert.equal(win.events().length, 1);
  assert.equal(win.localStorage.getItem('tailor_queue'), null);
});

test('the offline queue is bounded and keeps the newest events', async () =>
{
  const win = fakeWindow({respond: () => Promise.reject(new TypeError('offline'))});
  const tailor = start(win, 'granted');

  for (let i = 0; i < 620; i++)
  {
    tailor.track('view', {product: 'p-' + i});
  }
  tailor.flush();
  await settle();

  const queue = JSON.parse(win.localStorage.getItem('tailor_queue'));
  assert.equal(queue.length, 500);
  assert.equal(queue[0].product, 'p-120');
  assert.equal(queue[499].product, 'p-619');
});

test('a later page delivers what an earlier one queued, in chunks of 50, each event once', async () =>
{
  const localStorage = new FakeStorage();
  const cookies = new Map();
  const offline = fakeWindow({localStorage, cookies, respond: () => Promise.reject(new TypeError('offline'))});
  const first = start(offline, 'granted');
  const ids = [];
  for (let i = 0; i < 70; i++)
  {
    ids.push(first.track('view', {product: 'p-' + i}));
  }
  first.flush();
  await settle();

  const online = fakeWindow({localStorage, cookies});
  start(online, 'granted');
  await settle();

  const sent = online.events().flatMap(r => r.body.map(e => e.id));
  assert.deepEqual(online.events().map(r => r.body.length), [50, 20]);
  assert.deepEqual(sent, ids);
  assert.equal(localStorage.getItem('tailor_queue'), null);
});

test('the queue waits for consent on the next page', async () =>
{
  const localStorage = new FakeStorage();
  const offline = fakeWindow({localStorage, respond: () => Promise.reject(new TypeError('offline'))});
  start(offline, 'granted').track('view', {product: 'p-1'});
  offline.fire('pagehide');
  await settle();

  const next = fakeWindow({localStorage});
  const tailor = start(next, 'pending');
  await next.advance(60000);
  assert.equal(next.requests.length, 0);
  tailor.consent('granted');
  await settle();

  assert.equal(next.events().length, 1);
});

test('pagehide sends the batch at once with keepalive', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');
  tailor.track('click', {product: 'p-1', requestId: 'r-1'});

  win.fire('pagehide');
  await settle();

  assert.equal(win.events().length, 1);
  assert.equal(win.events()[0].init.keepalive, true);
  assert.equal(win.events()[0].body[0].requestId, 'r-1');
});

test('a tab going to the background sends the batch at once', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');
  tailor.track('view', {product: 'p-1'});

  win.document.visibilityState = 'hidden';
  win.fire('document:visibilitychange');
  await settle();

  assert.equal(win.events().length, 1);
  assert.equal(win.events()[0].at, 0);
});

test('going online retries at once', async () =>
{
  let up = false;
  const win = fakeWindow({respond: () => up ? Promise.resolve(answer(200, {accepted: 1, duplicates: 0, rejected: []})) :
    Promise.reject(new TypeError('offline'))});
  const tailor = start(win, 'granted');
  tailor.track('view', {product: 'p-1'});
  await win.advance(1000);

  up = true;
  win.fire('online');
  await settle();

  assert.equal(win.events().length, 2);
  assert.equal(win.localStorage.getItem('tailor_queue'), null);
});

test('without storage the events still go, from memory', async () =>
{
  const win = fakeWindow({blocked: true});
  const tailor = start(win, 'granted');

  tailor.track('view', {product: 'p-1'});
  await win.advance(1000);

  assert.equal(win.events().length, 1);
  assert.match(tailor.anonymousId(), /^[0-9a-f]{32}$/);
});

test('recommend posts the query for the anonymous id and keeps the answer in the tab', async () =>
{
  const win = fakeWindow();
  const tailor = start(win, 'granted');

  const got = await tailor.recommend({placement: 'cart', cart: ['p-1'], k: 4, product: undefined});

  const request = win.requests[0];
  assert.equal(request.url, ENDPOINT + '/v1/recommendations');
  assert.deepEqual(request.body, {anonymousId: tailor.anonymousId(), placement: 'cart', cart: ['p-1'], k: 4});
  assert.equal(request.init.keepalive, false);
  assert.equal(got.requestId, 'r-1');
  assert.equal(got.fallback, undefined);
  assert.equal(JSON.parse(win.sessionStorage.getItem('tailor_list_cart')).requestId, 'r-1');
});

test('past 300 ms recommend resolves with the last good list of the placement, marked', async () =>
{
  let slow = false;
  const win = fakeWindow({respond: request => slow ? never() :
    Promise.resolve(answer(200, {requestId: 'good', placement: request.body.placement, items: [{product: 'p-9'}]}))});
  const tailor = start(win, 'granted');
  await tailor.recommend({placement: 'home'});
  slow = true;

  let result = null;
  tailor.recommend({placement: 'home'}).then(a => result = a);
  await win.advance(299);
  assert.equal(result, null);
  await win.advance(1);

  assert.equal(result.requestId, 'good');
  assert.deepEqual(result.items, [{product: 'p-9'}]);
  assert.equal(result.fallback, true);
  assert.equal(result.fallbackReason, 'timeout');
  assert.equal(win.requests[1].init.signal.aborted, true);
});

test('recommend honours its own timeout and never rejects on errors', async () =>
{
  const win = fakeWindow({respond: () => never()});
  const tailor = start(win, 'granted');
  let late = null;
  tailor.recommend({placement: 'product', product: 'p-1', timeoutMs: 50}).then(a => late = a);
  await win.advance(50);

  const failing = fakeWindow({respond: () => Promise.resolve(answer(500, {title: 'x'}))});
  const refused = await start(failing, 'granted').recommend({placement: 'product', product: 'p-1'});
  const throwing = fakeWindow();
  throwing.fetch = () =>
  {
    throw new TypeError('blocked by an extension');
  };
  const thrown = await start(throwing, 'granted').recommend({});

  assert.deepEqual(late, {requestId: null, placement: 'product', items: [], fallback: true, fallbackReason: 'timeout'});
  assert.equal(refused.fallbackReason, 'error');
  assert.equal(thrown.fallbackReason, 'error');
  assert.equal(thrown.placement, 'home');
});

test('globalPrivacyControl is reported', () =>
{
  assert.equal(Tailor.create(fakeWindow({gpc: true})).gpc(), true);
  assert.equal(Tailor.create(fakeWindow({})).gpc(), false);
});

test('with globalPrivacyControl on every event tells the node (gpc: true); without it none does', async () =>
{
  const signalled = fakeWindow({gpc: true});
  const plain = fakeWindow({});
  start(signalled, 'granted').track('view', {product: 'p-1'});
  start(plain, 'granted').track('view', {product: 'p-1'});
  await signalled.advance(1000);
  await plain.advance(1000);

  assert.equal(signalled.requests.length, 1);
  assert.deepEqual(signalled.requests[0].body.map(event => event.gpc), [true]);
  assert.equal(plain.requests.length, 1);
  assert.equal('gpc' in plain.requests[0].body[0], false);
});
