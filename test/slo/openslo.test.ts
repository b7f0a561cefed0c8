import * as fs from 'fs';
import * as path from 'path';
import { WatchkeeperError } from '../../src/core';
import { readOpenSlo, sloRuleGroups } from '../../src/slo';
import { toYaml } from '../../src/core';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { tempDir } from '../support/synth';

const FILE = `
apiVersion: openslo/v1
kind: Service
metadata:
  name: checkout
spec:
  description: The checkout API
---
apiVersion: openslo/v1
kind: DataSource
metadata:
  name: prometheus
spec:
  type: Prometheus
  connectionDetails:
    url: http://prometheus:9090
---
apiVersion: openslo/v1
kind: SLI
metadata:
  name: checkout-good-requests
  displayName: Good checkout requests
spec:
  description: Requests answered without a 5xx
  ratioMetric:
    counter: true
    good:
      metricSource:
        metricSourceRef: prometheus
        spec:
          query: sum by (code) (rate(http_requests_total{job="checkout", code!~"5.."}[{{.window}}]))
    total:
      metricSource:
        metricSourceRef: prometheus
        spec:
          query: http_requests_total{job="checkout"}
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
  labels:
    team: payments
spec:
  service: checkout
  indicatorRef: checkout-good-requests
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Checkout availability
      target: 0.999
`;

const slo = (spec: string, extra = ''): string => `${extra}
apiVersion: openslo/v1
kind: SLO
metadata:
  name: s
spec:
  service: svc
${spec.replace(/^/gm, '  ')}
`;

const inline = (indicator: string): string => `indicator:
  metadata:
    name: i
  spec:
${indicator.replace(/^/gm, '    ')}`;

const badTotal = `ratioMetric:
  counter: true
  bad:
    metricSource:
      type: Prometheus
      spec:
        query: rlm_errors
  total:
    metricSource:
      type: Prometheus
      spec:
        query: rlm_requests`;

const base = (objective = 'target: 0.999', window = '30d', method = 'Occurrences', indicator = badTotal): string =>
  `${inline(indicator)}\ntimeWindow:\n  - duration: ${window}\n    isRolling: true\nbudgetingMethod: ${method}\nobjectives:\n  - ${objective}`;

/** The problems readOpenSlo throws, as `where | field: message`. */
function problems(text: string): string[] {
  try {
    readOpenSlo([{ source: 'slo.yaml', text }]);
  } catch (e) {
    if (e instanceof WatchkeeperError) return e.problems.map((p) => `${p.where} | ${p.field}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('readOpenSlo', () => {
  it('reads an SLO with a referenced SLI, a DataSource, a rolling window and a target ratio', () => {
    const [s] = readOpenSlo([{ source: 'checkout.yaml', text: FILE }]);
    expect(s.props).toMatchObject({
      service: 'checkout',
      name: 'availability',
      objective: 99.9,
      window: '28d',
      description: 'Requests answered without a 5xx',
      labels: { team: 'payments' },
    });
    expect(s.props.sli).toEqual({
      kind: 'good-total',
      good: 'sum by (code) (rate(http_requests_total{job="checkout", code!~"5.."}[$window]))',
      total: 'http_requests_total{job="checkout"}',
    });
    expect(s.errorBudget).toBe('0.001');
    expect(s.tiers.map((t) => t.factor)).toEqual(['13.44', '5.6', '2.8', '0.9333']);
  });

  it('reads inline indicators: bad/total as events, targetPercent, weeks', () => {
    const [s] = readOpenSlo(slo(base('targetPercent: 99.95', '4w')));
    expect(s.props).toMatchObject({
      objective: 99.95,
      window: '28d',
      sli: { kind: 'events', errors: 'rlm_errors', total: 'rlm_requests' },
    });
    expect(s.errorBudget).toBe('0.0005');
  });

  it("reads raw ratios (failure as is, success inverted) and threshold metrics (bad when the objective's op fails)", () => {
    const raw = (type: string): string =>
      `ratioMetric:\n  rawType: ${type}\n  raw:\n    metricSource:\n      type: Prometheus\n      spec:\n        query: job:error_ratio:rate5m`;
    expect(readOpenSlo(slo(base(undefined, undefined, undefined, raw('failure'))))[0].props.sli).toEqual({
      kind: 'error-ratio',
      expr: 'job:error_ratio:rate5m',
    });
    expect(readOpenSlo(slo(base(undefined, undefined, undefined, raw('success'))))[0].props.sli).toEqual({
      kind: 'error-ratio',
      expr: '1 - (job:error_ratio:rate5m)',
    });
    const threshold =
      'thresholdMetric:\n  metricSource:\n    type: Prometheus\n    spec:\n      query: histogram_quantile(0.99, sum by (le) (rate(rlm_api_latency_bucket[5m])))';
    const [t] = readOpenSlo(slo(base('target: 0.99\n    op: lte\n    value: 0.1', undefined, undefined, threshold)));
    expect(t.props.sli).toEqual({
      kind: 'error-ratio',
      expr: '(histogram_quantile(0.99, sum by (le) (rate(rlm_api_latency_bucket[5m])))) > bool 0.1',
    });
  });

  it('names every unsupported field and its document', () => {
    const doc = 'slo.yaml document 1 (SLO "s")';
    expect(problems(slo(base(undefined, undefined, 'Timeslices')))).toEqual([
      `${doc} | spec.budgetingMethod: only Occurrences budgeting is supported (good events over all events)`,
    ]);
    expect(problems(slo(`${base()}\nfoo: 1`))).toEqual([`${doc} | spec.foo: "foo" is not supported here`]);
    expect(problems(slo(base('target: 0.99\n    timeSliceTarget: 0.9')))).toEqual([
      `${doc} | spec.objectives[0].timeSliceTarget: "timeSliceTarget" is not supported here`,
    ]);
    expect(problems(slo(`${base()}\nalertPolicies: [fast-burn]`))).toEqual([
      `${doc} | spec.alertPolicies: alert policies are not supported: alerts come from the multi-window multi-burn-rate tiers`,
    ]);
    expect(problems(slo(base(undefined, '1M')))).toEqual([
      `${doc} | spec.timeWindow[0].duration: the window must be a whole number of days or weeks`,
    ]);
    expect(
      problems(
        slo(
          base().replace(
            'isRolling: true',
            'isRolling: false\n    calendar: { startTime: "2024-01-01 00:00:00", timeZone: UTC }',
          ),
        ),
      ),
    ).toEqual([
      `${doc} | spec.timeWindow[0].isRolling: only rolling windows are supported (calendar-aligned windows are not)`,
    ]);
    expect(problems(slo(base(undefined, undefined, undefined, badTotal.replace(/Prometheus/g, 'Datadog'))))).toEqual([
      `${doc} | spec.indicator.spec.ratioMetric.total.metricSource.type: only Prometheus metric sources are supported`,
      `${doc} | spec.indicator.spec.ratioMetric.bad.metricSource.type: only Prometheus metric sources are supported`,
    ]);
    expect(
      problems(slo(base(undefined, undefined, undefined, badTotal.replace('counter: true', 'counter: false')))),
    ).toEqual([
      `${doc} | spec.indicator.spec.ratioMetric.counter: only counters are supported for good/bad/total (rates are taken over each window)`,
    ]);
    expect(problems(slo(base('target: 0.99\n  - target: 0.9')))).toEqual([
      `${doc} | spec.objectives: exactly one objective is supported`,
    ]);
    expect(problems(slo(base('target: 99.9')))).toEqual([
      `${doc} | spec.objectives[0].target: target must lie in (0, 1), targetPercent in (0, 100)`,
    ]);
    expect(problems(slo(base()).replace('openslo/v1', 'openslo/v1alpha'))).toEqual([
      'slo.yaml document 1 (SLO "s") | apiVersion: only openslo/v1 is supported',
    ]);
    expect(problems('apiVersion: openslo/v1\nkind: AlertPolicy\nmetadata:\n  name: fast-burn\nspec: {}')).toEqual([
      'slo.yaml document 1 (AlertPolicy "fast-burn") | kind: kind "AlertPolicy" is not supported',
    ]);
  });

  it("passes Slo's own checks on, with the document: a counter query without {{.window}} that is not a selector", () => {
    const q = badTotal.replace('query: rlm_errors', 'query: sum(rlm_errors)');
    expect(problems(slo(base(undefined, undefined, undefined, q)))).toEqual([
      'slo.yaml document 1 (SLO "s") | (as Slo) sli.errors: expected a plain selector such as http_requests_total{job="api"}; an expression must put $window where the range goes',
    ]);
  });

  it('reports every problem of every document at once', () => {
    expect(
      problems(`${slo(base(undefined, undefined, 'Timeslices'))}\n---\n${slo(base(undefined, '1M'))}`),
    ).toHaveLength(2);
  });

  itWithPromtool('the SLOs it reads produce rules promtool accepts', () => {
    const slos = [
      ...readOpenSlo([{ source: 'checkout.yaml', text: FILE }]),
      ...readOpenSlo(slo(base('targetPercent: 99.5'))),
    ];
    const file = path.join(tempDir(), 'openslo.rules.yaml');
    fs.writeFileSync(file, toYaml({ groups: sloRuleGroups(slos).map((g) => g.toRuleFile()) }));
    const r = runPromtool(['check', 'rules', file]);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });
});
