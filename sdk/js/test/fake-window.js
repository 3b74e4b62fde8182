'use strict';
// A window for tailor.js under node --test: a clock moved by hand, storages that can be shared between "visits"
// or made to throw, a fetch that records requests and answers as the test says, and events fired by hand.
// No DOM: rendering and attribution are tested in a real browser (TailorJsBrowserTest).

class FakeStorage
{
  constructor(blocked)
  {
    this.map = new Map();
    this.blocked = blocked;
  }

  get length()
  {
    return this.map.size;
  }

  key(i)
  {
    const keys = Array.from(this.map.keys());
    return i < keys.length ? keys[i] : null;
  }

  getItem(name)
  {
    if (this.blocked)
    {
      throw new Error('SecurityError');
    }
    return this.map.has(name) ? this.map.get(name) : null;
  }

  setItem(name, value)
  {
    if (this.blocked)
    {
      throw new Error('SecurityError');
    }
    this.map.set(name, String(value));
  }

  removeItem(name)
  {
    this.map.delete(name);
  }
}

function answer(status, body, headers)
{
  return new Response(body === undefined ? null : JSON.stringify(body), {status: status, headers: headers || {}});
}

/**
 * A fake window. Options: localStorage/sessionStorage (to share between visits), blocked (storage throws),
 * gpc (navigator.globalPrivacyControl), respond(request) -> Promise of a Response (default: events 200).
 */
const EPOCH_MS = Date.UTC(2026, 11, 5, 10, 0, 0);

function fakeWindow(options)
{
  const o = options || {};
  let now = 0;
  let nextTimer = 1;
  const timers = new Map();
  const listeners = {};
  const requests = [];
  const cookies = o.cookies || new Map();
  const win = {
    crypto: require('node:crypto').webcrypto,
    Date: {now: () => EPOCH_MS + now},
    AbortController: globalThis.AbortController,
    navigator: {globalPrivacyControl: o.gpc},
    location: {protocol: 'https:'},
    localStorage: o.localStorage || new FakeStorage(o.blocked),
    sessionStorage: o.sessionStorage || new FakeStorage(o.blocked),
    respond: o.respond || (request => Promise.resolve(request.url.endsWith('/v1/events') ?
      answer(200, {accepted: request.body.length, duplicates: 0, rejected: []}) :
      answer(200, {requestId: 'r-' + requests.length, placement: request.body.placement, items: []}))),
    setTimeout(fn, ms)
    {
      const id = nextTimer++;
      timers.set(id, {at: now + (ms || 0), fn: fn});
      return id;
    },
    clearTimeout(id)
    {
      timers.delete(id);
    },
    addEventListener(type, fn)
    {
      (listeners[type] = listeners[type] || []).push(fn);
    },
    fetch(url, init)
    {
      const request = {url: url, init: init, body: JSON.parse(init.body), at: now};
      requests.push(request);
      return new Promise((resolve, reject) =>
      {
        if (init.signal)
        {
          init.signal.addEventListener('abort', () => reject(new Error('AbortError')));
        }
        win.respond(request).then(resolve, reject);
      });
    },
    document: {
      visibilityState: 'visible',
      addEventListener(type, fn)
      {
        (listeners['document:' + type] = listeners['document:' + type] || []).push(fn);
      },
      get cookie()
      {
        return Array.from(cookies, ([name, value]) => name + '=' + value).join('; ');
      },
      set cookie(text)
      {
        const [pair] = text.split(';');
        const [name, value] = pair.split('=');
        if (/Max-Age=0(;|$)/.test(text))
        {
          cookies.delete(name);
        }
        else
        {
          cookies.set(name, value);
        }
        win.cookieWrites.push(text);
      }
    },
    cookieWrites: [],
    cookies: cookies,
    requests: requests,
    events()
    {
      return requests.filter(r => r.url.endsWith('/v1/events'));
    },
    fire(type)
    {
      (listeners[type] || []).forEach(fn => fn({type: type}));
    },
    now()
    {
      return now;
    },
    /** Moves the clock, running due timers in order and letting promises settle after each. */
    async advance(ms)
    {
      const until = now + ms;
      await settle();
      for (;;)
      {
        let due = null;
        for (const [id, timer] of timers)
        {
          if (timer.at <= until && (due === null || timer.at < timers.get(due).at))
          {
            due = id;
          }
        }
        if (due === null)
        {
          break;
        }
        const timer = timers.get(due);
        timers.delete(due);
        now = timer.at;
        timer.fn();
        await settle();
      }
      now = until;
    }
  };
  return win;
}

async function settle()
{
  for (let i = 0; i < 20; i++)
  {
    await new Promise(resolve => setImmediate(resolve));
  }
}

module.exports = {fakeWindow, FakeStorage, answer, settle, EPOCH_MS};
