// Experiments: the list (GET /v1/experiments) and one experiment's arms and live results with intervals
// (GET /v1/experiments/{id} and /results), the results read again every five seconds.
import {h, fill, link, num, when, table, section, alertBox, problemText} from './dom.js';
import {get, seg} from './api.js';

const PERIOD_MS = 5000;

export function experiments(main, params) {
  if (params[0]) {
    return one(main, params[0]);
  }
  list(main);
  return null;
}

async function list(main) {
  const box = h('div', {id: 'experiments'}, h('p', {class: 'muted'}, 'Loading…'));
  fill(main, h('h1', {}, 'Experiments'), section('Experiments', box));
  const answer = await get('/v1/experiments');
  if (!answer.ok) {
    fill(box, alertBox(problemText(answer)));
    return;
  }
  fill(box, table('Running and stopped, by id', ['Experiment', 'Name', 'Placement', 'Arms', 'Status', 'Since'],
    answer.json.experiments.map(e => [link('/console/experiments/' + seg(e.id), e.id), e.definition.name || '—',
      e.definition.placement, e.definition.arms.map(a => a.name + ' ' + percent(a.share)).join(', '), e.status,
      when(e.createdAt)])));
}

function percent(share) {
  return num(share * 100) + ' %';
}

function one(main, id) {
  let stopped = false;
  let timer = null;
  const head = h('div', {id: 'experiment'});
  const results = h('div', {id: 'experiment-results', 'aria-live': 'polite'});
  fill(main, h('h1', {}, 'Experiment ' + id), h('p', {}, link('/console/experiments', '← All experiments')),
    head, results);
  (async () => {
    const answer = await get('/v1/experiments/' + seg(id));
    if (stopped) {
      return;
    }
    if (!answer.ok) {
      fill(head, alertBox(problemText(answer)));
      return;
    }
    const e = answer.json;
    fill(head, section('Definition', h('dl', {class: 'facts'},
      h('dt', {}, 'Name'), h('dd', {}, e.definition.name || '—'),
      h('dt', {}, 'Placement'), h('dd', {}, e.definition.placement),
      h('dt', {}, 'Status'), h('dd', {}, e.status + (e.stoppedAt ? ' at ' + when(e.stoppedAt) : '')),
      h('dt', {}, 'Attribution window'), h('dd', {}, e.definition.attributionWindow || '7d')),
    table('Arms and their share of shoppers', ['Arm', 'Share', 'Strategy'], e.definition.arms.map(a =>
      [a.name, percent(a.share), a.strategy || 'personalized']), [1])));
    tick();
  })();

  async function tick() {
    const answer = await get('/v1/experiments/' + seg(id) + '/results');
    if (stopped) {
      return;
    }
    if (!answer.ok) {
      fill(results, alertBox(problemText(answer)));
    } else {
      const r = answer.json;
      fill(results, section('Results since ' + when(r.since),
        table('Per arm, counted over every node', ['Arm', 'Shoppers', 'Lists', 'Clicks', 'CTR', 'Carts',
          'Purchases', 'Conversion', 'Revenue', 'Revenue / list'], r.arms.map(a => [a.name, num(a.shoppers),
          num(a.lists), num(a.clicks), percent(a.ctr), num(a.addToCarts), num(a.purchases),
          percent(a.conversion), num(a.revenue), num(a.revenuePerList)]), [1, 2, 3, 4, 5, 6, 7, 8, 9]),
        h('h3', {}, 'Against the baseline (' + r.method + ')'),
        table('Lift with its interval; significant when the interval leaves out no change',
          ['Arm', 'Baseline', 'Metric', 'Lift', 'Interval', 'Significant'], r.comparisons.map(c => {
            const unit = c.relative ? ' %' : ' pts';
            const scale = v => num(v * 100) + unit;
            return [c.arm, c.baseline, c.metric, scale(c.lift), scale(c.low) + ' … ' + scale(c.high),
              c.significant ? 'yes' : 'no'];
          }), [3, 4])));
    }
    timer = setTimeout(tick, PERIOD_MS);
  }

  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
