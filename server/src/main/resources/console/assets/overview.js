// Overview: this node's live numbers from GET /v1/stats, read every second. Rates are differences of two
// reads over the server's clock; latency quantiles are the server's, over each route's last second. The chart
// starts from the node's own record of the last five minutes (GET /v1/stats/history, loaded when a route is
// first shown) and goes on with each new second the reads bring.
import {h, fill, num, ms, table, setRows, section, alertBox, problemText} from './dom.js';
import {get, seg} from './api.js';
import {lineChart, swatch} from './chart.js';

const WINDOW_MS = 5 * 60 * 1000;
const PERIOD_MS = 1000;
const ROUTE_NUMBERS = [1, 2, 3, 4, 5, 6, 7];

/** A chart point of one sample of the node's: its end time, and its quantiles in ms (null without requests). */
function point(sample) {
  return {t: Date.parse(sample.at), values: sample.count > 0 ?
    [sample.p50Us / 1000, sample.p99Us / 1000, sample.p999Us / 1000] : [null, null, null]};
}

export function overview(main) {
  // Per route, the node's samples oldest first; the routes whose history was asked for on this page.
  const history = new Map();
  const loaded = new Set();
  let previous = null;
  let chosen = null;
  let idleShown = null;
  let timer = null;
  let stopped = false;
  const status = h('div', {'aria-live': 'polite'});
  const tiles = h('div', {class: 'tiles', id: 'tiles'});
  const select = h('select', {id: 'chart-route', 'aria-label': 'Route shown in the chart'});
  select.addEventListener('change', () => {
    chosen = select.value;
    loadHistory(chosen);
    draw();
  });
  const chartBox = h('div', {id: 'latency-chart'});
  const routesTable = table('Per route: rate and latency over the last second, answers since start; busiest first',
    ['Route', 'req/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'answers', '4xx', '5xx'], [], ROUTE_NUMBERS);
  const routes = h('div', {id: 'routes'}, routesTable);
  const idleBox = h('div', {});
  const membersTable = table('Partitions each member holds, as this node sees the partition table',
    ['Member', 'This node', 'Partitions owned', 'Backups'], [], [2, 3]);
  const migrations = h('p', {class: 'muted'});
  const members = h('div', {id: 'members'}, membersTable, migrations);
  const errorsTable = table('Failures of background work since start, by place', ['Where', 'Failures'], [], [1]);
  const errors = h('div', {id: 'background-errors'}, errorsTable);
  fill(main,
    h('h1', {}, 'Overview'),
    h('p', {class: 'muted'}, 'This node, refreshed every second from ', h('code', {}, 'GET /v1/stats'), '.'),
    status, tiles,
    section('Latency of the last minutes', h('label', {}, 'Route ', select),
      h('ul', {class: 'legend'}, ['p50', 'p99', 'p99.9'].map((name, i) => h('li', {}, swatch(i), name))),
      chartBox),
    section('Routes', routes, idleBox),
    h('div', {class: 'grid'}, section('Grid members', members), section('Background errors', errors)));

  async function tick() {
    try {
      const answer = await get('/v1/stats');
      if (stopped) {
        return;
      }
      if (!answer.ok) {
        fill(status, alertBox(problemText(answer)));
      } else {
        status.replaceChildren();
        show(answer.json);
      }
    } catch (e) {
      if (!stopped) {
        fill(status, alertBox('The node cannot be reached: ' + e.message));
      }
    }
    if (!stopped) {
      timer = setTimeout(tick, PERIOD_MS);
    }
  }

  function show(stats) {
    const at = Date.parse(stats.at);
    const names = Object.keys(stats.routes);
    let requestsPerSecond = 0;
    let status4xx = 0;
    let status5xx = 0;
    for (const name of names) {
      const route = stats.routes[name];
      const recent = route.recent;
      requestsPerSecond += recent.seconds > 0 ? recent.count / recent.seconds : 0;
      status4xx += route.status4xx;
      status5xx += route.status5xx;
      if (recent.at !== undefined) {
        append(name, [point(recent)]);
      }
    }
    const events = stats.events.accepted + stats.events.duplicates + stats.events.rejected;
    let eventsPerSecond = null;
    if (previous && at > Date.parse(previous.at)) {
      const before = previous.events.accepted + previous.events.duplicates + previous.events.rejected;
      eventsPerSecond = (events - before) * 1000 / (at - Date.parse(previous.at));
    }
    const errorTotal = Object.values(stats.backgroundErrors).reduce((a, b) => a + b, 0);
    const local = stats.grid.members.find(m => m.local);
    fill(tiles,
      tile('requests', 'Requests / s', num(requestsPerSecond), 'all routes, last second'),
      tile('events', 'Events / s', eventsPerSecond === null ? '—' : num(eventsPerSecond),
        num(stats.events.accepted) + ' accepted in all'),
      tile('degraded', 'Degraded answers', num(stats.degraded), 'since start', stats.degraded > 0),
      tile('4xx', '4xx answers', num(status4xx), 'since start'),
      tile('5xx', '5xx answers', num(status5xx), 'since start', status5xx > 0),
      tile('members', 'Grid members', num(stats.grid.members.length),
        local ? num(local.partitionsOwned) + ' partitions here' : 'client of the grid'),
      tile('products', 'Products in model', num(stats.model.products),
        'model age ' + num(stats.model.ageSeconds) + ' s'),
      tile('errors', 'Background errors', num(errorTotal), 'since start', errorTotal > 0));
    if (chosen === null || !names.includes(chosen)) {
      chosen = names.includes('GET /v1/recommendations') ? 'GET /v1/recommendations' :
        names.slice().sort((a, b) => stats.routes[b].count - stats.routes[a].count)[0] || null;
    }
    if (select.options.length !== names.length) {
      fill(select, names.map(name => h('option', {value: name}, name)));
    }
    select.value = chosen || '';
    loadHistory(chosen);
    // Routes that have answered, busiest first; the others folded away below them.
    const active = names.filter(name => stats.routes[name].count > 0)
      .sort((a, b) => stats.routes[b].count - stats.routes[a].count);
    const idle = names.filter(name => stats.routes[name].count === 0);
    setRows(routesTable, active.map(name => {
      const route = stats.routes[name];
      const recent = route.recent;
      const quiet = recent.count === 0;
      return [h('code', {}, name), num(recent.seconds > 0 ? recent.count / recent.seconds : 0),
        quiet ? '—' : ms(recent.p50Us), quiet ? '—' : ms(recent.p99Us), quiet ? '—' : ms(recent.p999Us),
        num(route.count), num(route.status4xx), num(route.status5xx)];
    }), ROUTE_NUMBERS);
    // Each row names its route and the node's second its quantiles are of, so a reader (or a test) can find the
    // same sample in GET /v1/stats/history.
    routesTable.querySelectorAll('tbody tr').forEach((row, i) => {
      if (active[i] !== undefined) {
        row.dataset.route = active[i];
        row.dataset.at = stats.routes[active[i]].recent.at || '';
      }
    });
    // Redrawn only when the set changes, so a keyboard user's focus on it survives the refresh.
    const idleKey = idle.join('\n');
    if (idleKey !== idleShown) {
      idleShown = idleKey;
      fill(idleBox, idle.length === 0 ? null : h('details', {id: 'idle-routes'},
        h('summary', {}, idle.length + ' routes without answers yet'),
        h('ul', {class: 'chips'}, idle.map(name => h('li', {}, h('code', {}, name))))));
    }
    const hasBackups = stats.grid.members.some(m => m.backups !== undefined);
    setRows(membersTable, stats.grid.members.map(m => [m.address, m.local ? 'yes' : 'no', num(m.partitionsOwned),
      hasBackups ? num(m.backups) : 'not visible']), [2, 3]);
    fill(migrations, 'Migrations completed: ' + num(stats.grid.migrationsCompleted));
    setRows(errorsTable, Object.entries(stats.backgroundErrors).map(([where, count]) => [where, num(count)]), [1]);
    previous = stats;
    draw();
  }

  function tile(id, label, value, sub, bad) {
    return h('div', {class: 'tile' + (bad ? ' bad' : ''), id: 'tile-' + id},
      h('div', {class: 'label'}, label), h('div', {class: 'value'}, value),
      h('div', {class: 'sub'}, bad ? '⚠ ' + sub : sub));
  }

  /** Adds samples newer than the route's newest (a read within the same second repeats it), oldest first. */
  function append(name, points) {
    let series = history.get(name);
    if (!series) {
      series = [];
      history.set(name, series);
    }
    for (const p of points) {
      if (series.length === 0 || p.t > series[series.length - 1].t) {
        series.push(p);
      }
    }
    const newest = series.length ? series[series.length - 1].t : 0;
    while (series.length && newest - series[0].t > WINDOW_MS) {
      series.shift();
    }
  }

  /** The node's last five minutes of a route, once per route and page: what came before the page opened. */
  async function loadHistory(name) {
    if (!name || loaded.has(name)) {
      return;
    }
    loaded.add(name);
    try {
      const answer = await get('/v1/stats/history?route=' + seg(name) + '&seconds=' + WINDOW_MS / 1000);
      if (stopped || !answer.ok) {
        return;
      }
      const live = history.get(name) || [];
      history.set(name, []);
      append(name, answer.json.samples.map(point));
      append(name, live);
      if (name === chosen) {
        draw();
      }
    } catch (e) {
      // The node cannot be reached: the next read says so, and the chart goes on with the live seconds.
    }
  }

  function draw() {
    const series = chosen ? history.get(chosen) || [] : [];
    fill(chartBox, lineChart(series, WINDOW_MS, 'Latency of ' + (chosen || 'no route') +
      ' over the last five minutes: p50, p99 and p99.9 in milliseconds', chartBox.clientWidth));
  }

  tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
