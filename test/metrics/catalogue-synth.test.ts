import * as path from 'path';
import { Chart } from 'cdk8s';
import {
  Counter,
  Dashboard,
  Gauge,
  Histogram,
  PrometheusRule,
  RuleGroup,
  Sli,
  Slo,
  SloRules,
  ThresholdMetric,
  WatchkeeperApp,
  WatchkeeperError,
  catalogueOf,
} from '../../src';
import { tempDir } from '../support/synth';

const requests = new Counter<'code' | 'method'>({ name: 'http_requests_total', labels: ['code', 'method'] });
const inflight = new Gauge({ name: 'http_requests_in_flight', labels: [] });
const latency = new Histogram<'method'>({ name: 'http_request_duration_seconds', labels: ['method'] });
const catalogue = catalogueOf(requests, inflight, latency);

/** The problems synth reports, formatted (empty when it succeeds). */
function synthProblems(
  build: (chart: Chart) => void,
  metrics: ConstructorParameters<typeof WatchkeeperApp>[0] = { metrics: catalogue },
): string[] {
  const app = new WatchkeeperApp(metrics);
  build(new Chart(app, 'svc'));
  try {
    app.synthTo(path.join(tempDir(), 'dist'));
    return [];
  } catch (e) {
    if (!(e instanceof WatchkeeperError)) throw e;
    return e.message
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.startsWith('['));
  }
}

const alerts = (chart: Chart, ...rules: Array<{ alert: string; expr: string }>): PrometheusRule =>
  new PrometheusRule(chart, 'alerts', {
    groups: [
      rules.reduce(
        (g, r) =>
          g.addAlert({ ...r, labels: { severity: 'warning' }, annotations: { summary: 's', description: 'd' } }),
        new RuleGroup('svc'),
      ),
    ],
  });

describe("synth checks selectors against the app's metric catalogue", () => {
  it('an unknown metric in a raw alert expression fails synth with the closest known metric', () => {
    const problems = synthProblems((c) =>
      alerts(c, { alert: 'Errors', expr: 'sum(rate(http_request_total{code="500"}[5m])) > 1' }),
    );
    expect(problems).toEqual([
      '[svc/alerts] group "svc" alert "Errors" expr: unknown metric "http_request_total": the metric catalogue covers "http_*" and does not declare it, in http_request_total{code="500"} (got "sum(rate(http_request_total{code=\\"500\\"}[5m])) > 1"). Fix: did you mean "http_requests_total"?',
    ]);
  });

  it("a typo'd label in an SLI fails synth, naming the SLO field and the label it meant", () => {
    const problems = synthProblems((c) => {
      new SloRules(c, 'slos', {
        slos: [
          new Slo({
            service: 'api',
            name: 'availability',
            objective: 99.9,
            sli: Sli.events('http_requests_total{cdoe=~"5.."}', 'http_requests_total'),
          }),
        ],
      });
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      '[svc/slos] slo "api/availability" sli.errors: http_requests_total has no label "cdoe": the catalogue declares "code", "method" on http_requests_total',
    );
    expect(problems[0]).toContain('Fix: did you mean "code"?');
  });

  it('rate() on a gauge and histogram_quantile() on a non-bucket series are errors', () => {
    const problems = synthProblems((c) =>
      alerts(
        c,
        { alert: 'A', expr: 'rate(http_requests_in_flight[5m]) > 1' },
        {
          alert: 'B',
          expr: 'histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_count[5m]))) > 1',
        },
      ),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /alert "A" expr: rate\(\) on "http_requests_in_flight", a gauge: rate\(\) is for counters/,
    );
    expect(problems[1]).toMatch(
      /alert "B" expr: histogram_quantile\(\) over "http_request_duration_seconds_count".*Fix: use http_request_duration_seconds_bucket/,
    );
  });

  it('threshold queries and dashboard panel queries are checked too', () => {
    const problems = synthProblems((c) => {
      const t = new ThresholdMetric({
        metric: 'sum(http_requests_in_flight{handlr="/"})',
        description: 'In flight',
        unit: 'count',
        direction: 'above',
        thresholds: { warning: 10, critical: 20 },
      });
      new PrometheusRule(c, 'thresholds', { groups: [new RuleGroup('t').add(t)] });
      new Dashboard(c, 'dash', {
        title: 'D',
        panels: [
          {
            kind: 'timeseries',
            title: 'Latency',
            queries: [
              'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{methd="GET"}[$__rate_interval])))',
            ],
            unit: 's',
          },
        ],
      });
    });
    expect(problems.some((p) => p.startsWith('[svc/thresholds]') && p.includes('has no label "handlr"'))).toBe(true);
    expect(
      problems.some(
        (p) => p.startsWith('[svc/dash] panels[0] "Latency" targets[0].expr') && p.includes('did you mean "method"'),
      ),
    ).toBe(true);
  });

  it("metrics the catalogue does not cover, the app's recorded series and Prometheus's own series are no errors", () => {
    const problems = synthProblems(
      (c) =>
        new PrometheusRule(c, 'rules', {
          groups: [
            new RuleGroup('r')
              .addRecording({
                record: 'job:http_requests:rate5m',
                expr: 'sum by (job) (rate(http_requests_total[5m]))',
              })
              .addAlert({
                alert: 'Down',
                expr: 'up == 0 or absent(kube_pod_info) or job:http_requests:rate5m > 5 or node_load1 > 4',
                labels: { severity: 'warning' },
                annotations: { summary: 's', description: 'd' },
              }),
          ],
        }),
    );
    expect(problems).toEqual([]);
  });

  it('a catalogue with explicit namespaces covers only those prefixes', () => {
    const build = (c: Chart): PrometheusRule => alerts(c, { alert: 'X', expr: 'http_request_total > 1' });
    expect(synthProblems(build, { metrics: { metrics: catalogue, namespaces: [] } })).toEqual([]);
    expect(synthProblems(build, { metrics: { metrics: catalogue, namespaces: ['http_'] } })).toHaveLength(1);
  });

  it('without a catalogue nothing is checked', () => {
    expect(synthProblems((c) => alerts(c, { alert: 'X', expr: 'http_request_total{cdoe="1"} > 1' }), {})).toEqual([]);
  });

  it('queries built from metric values are accepted where expressions are', () => {
    const problems = synthProblems((c) => {
      new PrometheusRule(c, 'alerts', {
        groups: [
          new RuleGroup('svc')
            .addAlert({
              alert: 'Errors',
              expr: requests.errorRatio({ code: '500' }, '5m').compare('>', 0.01),
              labels: { severity: 'warning' },
              annotations: { summary: 's', description: 'd' },
            })
            .addRecording({
              record: 'job:http_request_duration_seconds:p99',
              expr: latency.quantile(0.99, '5m', { by: ['job'] }),
            }),
        ],
      });
      const t = new ThresholdMetric({
        metric: latency.quantile(0.99, '5m'),
        description: 'P99',
        unit: 's',
        direction: 'above',
        thresholds: { warning: 1, critical: 2 },
      });
      new PrometheusRule(c, 'thresholds', { groups: [new RuleGroup('t').add(t)] });
      new SloRules(c, 'slos', {
        slos: [
          new Slo({
            service: 'api',
            name: 'availability',
            objective: 99.9,
            sli: Sli.events(requests.select({ code: '500' }), requests.select()),
          }),
          new Slo({
            service: 'api',
            name: 'latency',
            objective: 99,
            sli: Sli.latency({ histogram: latency.buckets({ method: 'GET' }), threshold: 0.5 }),
          }),
        ],
      });
    });
    expect(problems).toEqual([]);
  });

  it('a matcher on an undeclared label of a metric value fails synth, listing the declared labels and the closest', () => {
    const problems = synthProblems((c) => {
      const loose = requests as unknown as Counter<string>;
      alerts(c, { alert: 'E', expr: loose.rate('5m', { where: { mehtod: 'GET' } }).compare('>', 1).expr });
    });
    expect(problems).toEqual([
      '[metric http_requests_total] matcher mehtod: http_requests_total has no label "mehtod"; it declares "code", "method" (plus the scrape labels job, instance, namespace, pod) (got "mehtod"). Fix: did you mean "method"?',
    ]);
  });
});
