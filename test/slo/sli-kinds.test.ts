/**
 * Each SLI kind under promtool: good/total (including a service that never succeeds), latency from a
 * classic histogram, a raw error ratio with NaN gaps, and grouping labels (one SLO series per value set).
 */
import { Rational, Slo, Sli } from '../../src/slo';
import { itWithPromtool } from '../support/promtool';
import {
  Counters,
  alertChecks,
  approxCheck,
  burnAt,
  counters,
  expectedAlert,
  promtoolTest,
  seriesValues,
  tierState,
  writePromtoolTest,
} from './promtool-harness';

function expectPass(slo: Slo, tests: Parameters<typeof writePromtoolTest>[1]): void {
  const r = promtoolTest(writePromtoolTest(slo.ruleGroups(), tests));
  expect(r.output).not.toMatch(/FAILED/);
  expect(r.ok).toBe(true);
}

const good = (c: Counters): Rational[] => c.total.map((t, i) => t.sub(c.errors[i]));
const labels = (service: string, name: string, extra = ''): string => `{${extra}service="${service}", slo="${name}"}`;

describe('SLI kinds under promtool', () => {
  itWithPromtool('good/total: the 1h/5m page opens at 44m for burn 20, exactly as for events', () => {
    const slo = new Slo({
      service: 'shop',
      name: 'checkout',
      objective: 99.9,
      sli: Sli.goodTotal('http_requests_total{code!~"5.."}', 'http_requests_total'),
    });
    const c = counters(
      [
        { minutes: 60, burn: 0.001 },
        { minutes: 60, burn: 20 },
      ],
      slo.errorBudget,
    );
    const l = labels('shop', 'checkout');
    const pageFast = slo.tiers.find((t) => t.id === 'pageFast')!;
    expect([tierState(c, pageFast, 103, slo.errorBudget), tierState(c, pageFast, 104, slo.errorBudget)]).toEqual([
      false,
      true,
    ]);
    expectPass(slo, [
      {
        name: 'good/total step to 20',
        interval: '1m',
        input_series: [
          { series: 'http_requests_total{code="200"}', values: seriesValues(good(c)) },
          { series: 'http_requests_total{code="500"}', values: seriesValues(c.errors) },
        ],
        alert_rule_test: alertChecks(slo, c, [60, 103, 104, 120]),
        promql_expr_test: [
          approxCheck(`slo:burn_rate:rate1h${l}`, 120, [
            { labels: l, value: burnAt(c, '1h', 120, slo.errorBudget) as Rational },
          ]),
        ],
      },
    ]);
  });

  itWithPromtool('good/total: a service whose good counter has no series at all (nothing ever succeeded) pages', () => {
    const slo = new Slo({
      service: 'shop',
      name: 'checkout',
      objective: 99.9,
      sli: Sli.goodTotal('http_requests_total{code!~"5.."}', 'http_requests_total'),
    });
    const pageFast = slo.tiers.find((t) => t.id === 'pageFast')!;
    const pageSlow = slo.tiers.find((t) => t.id === 'pageSlow')!;
    const l = labels('shop', 'checkout');
    expectPass(slo, [
      {
        name: 'only errors',
        interval: '1m',
        input_series: [{ series: 'http_requests_total{code="500"}', values: '0+100x30' }],
        alert_rule_test: [
          { eval_time: '0m', alertname: slo.alertName, exp_alerts: [] },
          // Burn 1000 everywhere: both pages at the first evaluation with two samples; the tickets too.
          { eval_time: '1m', alertname: slo.alertName, exp_alerts: slo.tiers.map((t) => expectedAlert(slo, t)) },
        ],
        promql_expr_test: [approxCheck(`slo:burn_rate:rate5m${l}`, 10, [{ labels: l, value: 1000 }])],
      },
    ]);
    expect([pageFast.factor, pageSlow.factor]).toEqual(['14.4', '6']);
  });

  itWithPromtool('latency: requests slower than the le="0.1" bucket are the errors', () => {
    const slo = new Slo({
      service: 'rlm',
      name: 'latency',
      objective: 99,
      sli: Sli.latency({ histogram: 'rlm_api_latency_bucket{job="api"}', threshold: 0.1 }),
    });
    // 99% objective: burn 20 is 20% of requests slower than 100 ms.
    const c = counters(
      [
        { minutes: 60, burn: 0.01 },
        { minutes: 60, burn: 20 },
      ],
      slo.errorBudget,
    );
    const l = labels('rlm', 'latency');
    const pageFast = slo.tiers.find((t) => t.id === 'pageFast')!;
    expect([tierState(c, pageFast, 103, slo.errorBudget), tierState(c, pageFast, 104, slo.errorBudget)]).toEqual([
      false,
      true,
    ]);
    expectPass(slo, [
      {
        name: 'latency step',
        interval: '1m',
        input_series: [
          {
            series: 'rlm_api_latency_bucket{job="api", le="0.05"}',
            values: seriesValues(good(c).map((g) => g.div(2))),
          },
          { series: 'rlm_api_latency_bucket{job="api", le="0.1"}', values: seriesValues(good(c)) },
          { series: 'rlm_api_latency_bucket{job="api", le="+Inf"}', values: seriesValues(c.total) },
        ],
        alert_rule_test: alertChecks(slo, c, [60, 103, 104, 120]),
        promql_expr_test: [
          approxCheck(`slo:burn_rate:rate1h${l}`, 120, [
            { labels: l, value: burnAt(c, '1h', 120, slo.errorBudget) as Rational },
          ]),
        ],
      },
    ]);
  });

  itWithPromtool('error ratio: NaN samples (0/0 upstream) are dropped, so windows average only real values', () => {
    const slo = new Slo({
      service: 'rlm',
      name: 'tasks',
      objective: 99.5,
      sli: Sli.errorRatio('1 - rlm_task_success_rate / 100'),
    });
    const l = labels('rlm', 'tasks');
    // 99.9% success = error ratio 0.001 = burn 0.2 of a 0.005 budget, with ten NaN minutes in the middle.
    expectPass(slo, [
      {
        name: 'ratio with NaN',
        interval: '1m',
        input_series: [
          {
            series: 'rlm_task_success_rate{instance="a"}',
            values: `99.9x60 ${Array(10).fill('NaN').join(' ')} 99.9x60`,
          },
        ],
        alert_rule_test: [0, 65, 130].map((t) => ({ eval_time: `${t}m`, alertname: slo.alertName, exp_alerts: [] })),
        promql_expr_test: [
          { expr: `slo:sli_error:ratio${l}`, eval_time: '65m', exp_samples: [] },
          approxCheck(`slo:burn_rate:rate1h${l}`, 100, [{ labels: l, value: 0.2 }]),
          approxCheck(`slo:burn_rate:rate30d${l}`, 130, [{ labels: l, value: 0.2 }]),
        ],
      },
    ]);
  });

  itWithPromtool('grouping: one set of series per endpoint, and only the burning endpoint pages', () => {
    const slo = new Slo({
      service: 'shop',
      name: 'api',
      objective: 99.9,
      groupBy: ['endpoint'],
      sli: Sli.events('errors_total', 'requests_total'),
    });
    const burning = counters(
      [
        { minutes: 60, burn: 0.001 },
        { minutes: 60, burn: 20 },
      ],
      slo.errorBudget,
    );
    const calm = counters([{ minutes: 120, burn: 0.5 }], slo.errorBudget);
    const la = labels('shop', 'api', 'endpoint="/a", ');
    const lb = labels('shop', 'api', 'endpoint="/b", ');
    expectPass(slo, [
      {
        name: 'two endpoints',
        interval: '1m',
        input_series: [
          {
            series: 'requests_total{endpoint="/a", instance="1"}',
            values: seriesValues(burning.total.map((v) => v.div(2))),
          },
          {
            series: 'requests_total{endpoint="/a", instance="2"}',
            values: seriesValues(burning.total.map((v) => v.div(2))),
          },
          { series: 'errors_total{endpoint="/a", instance="1"}', values: seriesValues(burning.errors) },
          { series: 'requests_total{endpoint="/b", instance="1"}', values: seriesValues(calm.total) },
          { series: 'errors_total{endpoint="/b", instance="1"}', values: seriesValues(calm.errors) },
        ],
        alert_rule_test: alertChecks(
          slo,
          [
            { labels: { endpoint: '/a' }, counters: burning },
            { labels: { endpoint: '/b' }, counters: calm },
          ],
          [60, 63, 64, 103, 104, 120],
        ),
        promql_expr_test: [
          approxCheck(`slo:burn_rate:rate30d${la}`, 120, [
            { labels: la, value: burnAt(burning, '30d', 120, slo.errorBudget) as Rational },
          ]),
          approxCheck(`slo:burn_rate:rate30d${lb}`, 120, [{ labels: lb, value: 0.5 }]),
        ],
      },
    ]);
  });
});
