/*! tailor.js: Tailor's storefront snippet. No dependencies; ES2017. Served by every node at /sdk/tailor.js. */
(function (root)
{
  'use strict';

  // Every constant here is part of the documented behaviour (README "Integrate a storefront", tailor.d.ts).
  const STATES = ['pending', 'granted', 'denied'];
  const ID_KEY = 'tailor_aid'; // localStorage key and first-party cookie of the anonymous id
  const QUEUE_KEY = 'tailor_queue'; // localStorage: events not yet acknowledged by a node, oldest first
  const LIST_KEY = 'tailor_list_'; // sessionStorage: the last good answer of each placement, for fallbacks
  const ID_DAYS = 390; // the cookie's lifetime: 13 months, the longest European regulators accept
  const BATCH = 20; // events sent at once, at the latest WAIT_MS after the first
  const WAIT_MS = 1000;
  const CHUNK = 50; // events per request when the queue drains: well under keepalive's 64 KiB of bodies
  const MAX_QUEUE = 500; // the queue keeps the newest events past this
  const RETRY_MS = 1000; // first retry after a failed send, doubled up to MAX_RETRY_MS
  const MAX_RETRY_MS = 30000;
  const TIMEOUT_MS = 300; // recommend()'s default deadline
  const VISIBLE_MS = 1000; // an impression is at least half the element visible this long
  const FRESH_MS = 60000; // an event sent younger than this carries no ts: the node's clock dates it
  const PRODUCT = '[data-tailor-product]';
  const LIST = '[data-tailor-request]';
  const ID = /^[A-Za-z0-9_][A-Za-z0-9._:@+\-=~]{0,127}$/; // the API's Id pattern

  /**
   * Builds a Tailor bound to a window (the page's; tests pass one of their own).
   */
  function create(win)
  {
    const doc = win.document;
    let endpoint = null;
    let key = null;
    let state = 'pending';
    let aid = null;
    let batch = [];
    let batchTimer = 0;
    let retryTimer = 0;
    let retryMs = 0;
    let sending = false;
    let memoryQueue = []; // the queue when localStorage cannot be used
    let seen = null; // IntersectionObserver of marked products
    let added = null; // MutationObserver finding products added to the page
    const visible = new Map(); // element -> timer of a pending impression

    function read(area, name)
    {
      try
      {
        return win[area].getItem(name);
      }
      catch (e)
      {
        return null; // storage blocked or absent
      }
    }

    function write(area, name, value)
    {
      try
      {
        if (value === null)
        {
          win[area].removeItem(name);
        }
        else
        {
          win[area].setItem(name, value);
        }
        return true;
      }
      catch (e)
      {
        return false; // blocked or full: best effort
      }
    }

    function parse(text)
    {
      try
      {
        return JSON.parse(text);
      }
      catch (e)
      {
        return null;
      }
    }

    function randomId()
    {
      return Array.from(win.crypto.getRandomValues(new Uint8Array(16)), b => (b + 256).toString(16).slice(1))
        .join('');
    }

    function cookie(value, days)
    {
      if (doc)
      {
        const secure = win.location && win.location.protocol === 'https:' ? '; Secure' : '';
        doc.cookie = ID_KEY + '=' + value + '; Max-Age=' + days * 86400 + '; Path=/; SameSite=Lax' + secure;
      }
    }

    function storedId()
    {
      const fromCookie = doc && (String(doc.cookie).match(/(?:^|;\s*)tailor_aid=([^;]+)/) || [])[1];
      const id = read('localStorage', ID_KEY) || fromCookie;
      return id && ID.test(id) ? id : null;
    }

    function init(options)
    {
      const o = options || {};
      if (typeof o.endpoint !== 'string' || typeof o.key !== 'string')
      {
        throw new TypeError('Tailor.init needs {endpoint, key}');
      }
      if (endpoint === null && win.addEventListener)
      {
        win.addEventListener('pagehide', hidden);
        win.addEventListener('online', () => drain(true));
        if (doc)
        {
          doc.addEventListener('visibilitychange', () => doc.visibilityState === 'hidden' && hidden());
          doc.addEventListener('click', clicked, true);
        }
      }
      endpoint = o.endpoint.replace(/\/+$/, '');
      key = o.key;
      return consent(o.consent || state);
    }

    function consent(next)
    {
      if (STATES.indexOf(next) < 0)
      {
        throw new TypeError('consent is "pending", "granted" or "denied"');
      }
      state = next;
      if (next === 'granted')
      {
        aid = aid || storedId() || randomId();
        write('localStorage', ID_KEY, aid);
        cookie(aid, ID_DAYS);
        watch();
        drain(true); // what an earlier page left in the queue
        return state;
      }
      unwatch();
      win.clearTimeout(batchTimer);
      batchTimer = 0;
      batch = [];
      if (next === 'denied')
      {
        aid = null;
        memoryQueue = [];
        write('localStorage', ID_KEY, null);
        write('localStorage', QUEUE_KEY, null);
        cookie('', 0);
        try
        {
          const session = win.sessionStorage;
          for (let i = session.length - 1; i >= 0; i--)
          {
            if (String(session.key(i)).indexOf(LIST_KEY) === 0)
            {
              session.removeItem(session.key(i));
            }
          }
        }
        catch (e)
        {
          // no session storage: nothing kept there
        }
      }
      return state;
    }

    // Global Privacy Control: the shopper's browser asks not to be sold, shared or marketed to. Every event then
    // carries gpc: true, and the node records marketing as refused on the shopper's profile (kept when the
    // storefront links the anonymous id to a customer). Recommendations on the page are not marketing: unchanged.
    function gpc()
    {
      return Boolean(win.navigator && win.navigator.globalPrivacyControl === true);
    }

    function granted()
    {
      return state === 'granted' && endpoint !== null;
    }

    function post(path, body, keepalive, signal)
    {
      return win.fetch(endpoint + path, {
        method: 'POST',
        headers: {'Authorization': 'Bearer ' + key, 'Content-Type': 'application/json'},
        body: JSON.stringify(body),
        keepalive: keepalive,
        signal: signal,
        credentials: 'omit',
        mode: 'cors'
      });
    }

    function lastGood(placement, reason)
    {
      const answer = parse(read('sessionStorage', LIST_KEY + placement)) ||
        {requestId: null, placement: placement, items: []};
      answer.fallback = true;
      answer.fallbackReason = reason;
      return answer;
    }

    function recommend(options)
    {
      const o = options || {};
      const placement = o.placement || 'home';
      return new Promise(resolve =>
      {
        let timer = 0;
        let abort = null;
        let done = false;
        const finish = answer =>
        {
          if (!done)
          {
            done = true;
            win.clearTimeout(timer);
            resolve(answer);
          }
        };
        if (!granted())
        {
          finish(lastGood(placement, 'consent'));
          return;
        }
        const body = {anonymousId: aid, placement: placement};
        ['product', 'cart', 'k', 'category', 'exclude'].forEach(name =>
        {
          if (o[name] !== undefined && o[name] !== null)
          {
            body[name] = o[name];
          }
        });
        abort = typeof win.AbortController === 'function' ? new win.AbortController() : null;
        timer = win.setTimeout(() =>
        {
          finish(lastGood(placement, 'timeout'));
          if (abort)
          {
            abort.abort();
          }
        }, o.timeoutMs > 0 ? o.timeoutMs : TIMEOUT_MS);
        Promise.resolve()
          .then(() => post('/v1/recommendations', body, false, abort && abort.signal))
          .then(response => response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)))
          .then(answer =>
          {
            if (!done && granted())
            {
              write('sessionStorage', LIST_KEY + placement, JSON.stringify(answer));
            }
            finish(answer);
          })
          .catch(() => finish(lastGood(placement, 'error')));
      });
    }

    function track(type, fields)
    {
      if (!granted() || typeof type !== 'string')
      {
        return null;
      }
      const event = Object.assign({}, fields);
      delete event.user; // a browser key never names a customer: the node would refuse the whole batch
      event.type = type;
      event.id = event.id || randomId();
      event.anonymousId = aid;
      if (gpc())
      {
        event.gpc = true;
      }
      event.at = win.Date.now(); // queue-only: a fresh event is dated by the node, a late one by this
      batch.push(event);
      if (batch.length >= BATCH)
      {
        flush();
      }
      else if (!batchTimer)
      {
        batchTimer = win.setTimeout(flush, WAIT_MS);
      }
      return event.id;
    }

    function loadQueue()
    {
      const stored = parse(read('localStorage', QUEUE_KEY));
      return Array.isArray(stored) ? stored : memoryQueue;
    }

    function saveQueue(events)
    {
      memoryQueue = events.slice(-MAX_QUEUE);
      if (!write('localStorage', QUEUE_KEY, memoryQueue.length ? JSON.stringify(memoryQueue) : null))
      {
        write('localStorage', QUEUE_KEY, null); // full: an old copy must not come back later
      }
    }

    // Events go to the queue before they are sent, and leave it once a node has answered for them: a page closed
    // mid-send leaves them for the next page, which sends them again with the same ids (a duplicate changes nothing).
    function flush()
    {
      win.clearTimeout(batchTimer);
      batchTimer = 0;
      if (batch.length)
      {
        saveQueue(loadQueue().concat(batch));
        batch = [];
      }
      drain(false);
    }

    function drain(now)
    {
      if (now)
      {
        retryMs = 0;
        win.clearTimeout(retryTimer);
        retryTimer = 0;
      }
      if (sending || retryTimer || !granted())
      {
        return;
      }
      const chunk = loadQueue().slice(0, CHUNK);
      if (!chunk.length)
      {
        return;
      }
      sending = true;
      send(chunk).then(again =>
      {
        sending = false;
        if (again === true)
        {
          drain(false);
        }
      });
    }

    // Resolves true when the node answered for the events (stored, duplicates, or refused for good), else
    // schedules a retry after the node's Retry-After or a doubling delay.
    function send(chunk)
    {
      return post('/v1/events', chunk.map(wire), true, undefined).then(response =>
      {
        const status = response.status;
        if (status < 400 || (status < 500 && status !== 408 && status !== 429))
        {
          const ids = new Set(chunk.map(event => event.id));
          saveQueue(loadQueue().filter(event => !ids.has(event.id)));
          retryMs = 0;
          return true;
        }
        return retry(Number(response.headers.get('Retry-After')) * 1000);
      }, () => retry(0));
    }

    // A browser's clock may be minutes off, and the node refuses events more than 5 minutes ahead of its own: an
    // event sent within a minute is dated by the node when it arrives; one sent later (from the queue) carries
    // the time it happened, by this clock.
    function wire(event)
    {
      const sent = Object.assign({}, event);
      delete sent.at;
      if (sent.ts === undefined && win.Date.now() - event.at >= FRESH_MS)
      {
        sent.ts = new Date(event.at).toISOString();
      }
      return sent;
    }

    function retry(afterMs)
    {
      retryMs = Math.min(retryMs ? retryMs * 2 : RETRY_MS, MAX_RETRY_MS);
      win.clearTimeout(retryTimer);
      retryTimer = win.setTimeout(() =>
      {
        retryTimer = 0;
        drain(false);
      }, Math.max(retryMs, afterMs || 0));
      return false;
    }

    // The page goes away (or to the background): queue the batch and send the oldest queued events with keepalive,
    // which outlives the page.
    function hidden()
    {
      if (granted())
      {
        if (batch.length)
        {
          saveQueue(loadQueue().concat(batch));
          batch = [];
        }
        const chunk = loadQueue().slice(0, CHUNK);
        if (chunk.length)
        {
          send(chunk);
        }
      }
    }

    function attribution(element)
    {
      const fields = {product: element.getAttribute('data-tailor-product')};
      const list = element.closest(LIST);
      const requestId = list && list.getAttribute('data-tailor-request');
      if (requestId)
      {
        fields.requestId = requestId;
      }
      return fields;
    }

    function clicked(event)
    {
      const element = event.target && event.target.closest && event.target.closest(PRODUCT);
      if (element && granted())
      {
        track('click', attribution(element));
      }
    }

    function look(entries)
    {
      entries.forEach(entry =>
      {
        const element = entry.target;
        if (entry.isIntersecting && entry.intersectionRatio >= 0.5)
        {
          if (!visible.has(element))
          {
            visible.set(element, win.setTimeout(() =>
            {
              visible.delete(element);
              if (seen && element.isConnected)
              {
                seen.unobserve(element); // one impression per element and page
                track('impression', attribution(element));
              }
            }, VISIBLE_MS));
          }
        }
        else
        {
          win.clearTimeout(visible.get(element));
          visible.delete(element);
        }
      });
    }

    function scan(node)
    {
      if (seen && node && node.querySelectorAll)
      {
        if (node.matches && node.matches(PRODUCT))
        {
          seen.observe(node);
        }
        node.querySelectorAll(PRODUCT).forEach(element => seen.observe(element));
      }
    }

    function watch()
    {
      if (seen || !doc || typeof win.IntersectionObserver !== 'function')
      {
        return;
      }
      seen = new win.IntersectionObserver(look, {threshold: 0.5});
      if (typeof win.MutationObserver === 'function')
      {
        added = new win.MutationObserver(records => records.forEach(record => record.addedNodes.forEach(scan)));
        added.observe(doc.documentElement, {childList: true, subtree: true});
      }
      scan(doc);
    }

    function unwatch()
    {
      visible.forEach(timer => win.clearTimeout(timer));
      visible.clear();
      if (seen)
      {
        seen.disconnect();
        seen = null;
      }
      if (added)
      {
        added.disconnect();
        added = null;
      }
    }

    function render(answer, element, template)
    {
      if (!answer || !element)
      {
        return element;
      }
      const mark = (name, value) => value ? element.setAttribute(name, value) : element.removeAttribute(name);
      mark('data-tailor-request', answer.requestId);
      mark('data-tailor-fallback', answer.fallback ? answer.fallbackReason || 'true' : null);
      element.textContent = '';
      (answer.items || []).forEach((item, index) =>
      {
        let node = template ? template(item, index, answer) : null;
        if (typeof node === 'string')
        {
          const holder = doc.createElement('template');
          holder.innerHTML = node.trim();
          node = holder.content.firstElementChild;
        }
        else if (!node)
        {
          node = doc.createElement(/^(UL|OL)$/.test(element.tagName) ? 'li' : 'div');
          node.textContent = item.product;
        }
        if (node)
        {
          if (!node.hasAttribute('data-tailor-product'))
          {
            node.setAttribute('data-tailor-product', item.product);
          }
          element.appendChild(node);
        }
      });
      scan(element);
      return element;
    }

    return {
      version: '0.1.0',
      create: create,
      init: init,
      consent: consent,
      anonymousId: () => state === 'granted' ? aid : null,
      gpc: gpc,
      recommend: recommend,
      track: track,
      flush: flush,
      render: render
    };
  }

  const tailor = create(root);
  if (typeof module === 'object' && module.exports)
  {
    module.exports = tailor;
  }
  else
  {
    root.Tailor = tailor;
  }
})(typeof window !== 'undefined' ? window : globalThis);
