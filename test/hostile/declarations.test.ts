/**
 * Bad declarations across every module, table-driven: each error names where (construct path or value), the
 * field, the value received and the fix. docs/errors.md lists the same cases.
 */
import { Chart, Testing } from 'cdk8s';
import {
  Dashboard,
  HorizontalPodAutoscaler,
  HpaMetric,
  NotificationPolicy,
  PrometheusRule,
  Receiver,
  RuleGroup,
  Slo,
  Sli,
  ThresholdMetric,
  WatchkeeperApp,
  deployment,
} from '../../src';

/** The message of what `fn` throws, or of the synth failure it sets up. */
function failure(fn: () => WatchkeeperApp | void): string {
  try {
    const app = fn();
    if (app) app.synthesizeFiles();
  } catch (e) {
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).name).toBe('WatchkeeperError');
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

const app = (build: (chart: Chart) => void): WatchkeeperApp => {
  const a = new WatchkeeperApp();
  build(new Chart(a, 'svc', { namespace: 'prod' }));
  return a;
};

const metric = {
  metric: 'queue_depth',
  description: 'Queue depth',
  unit: 'count',
  direction: 'above',
  thresholds: { warning: 10, critical: 20 },
} as const;

const CASES: Array<[string, () => WatchkeeperApp | void, RegExp]> = [
  [
    'a construct id Kubernetes refuses',
    () => {
      new PrometheusRule(Testing.chart(), 'My_Rules');
    },
    /\[.*My_Rules\] id: .*\(got "My_Rules"\)\. Fix: .*"my-rules"/,
  ],
  [
    'an invalid PromQL expression',
    () =>
      app(
        (c) =>
          new PrometheusRule(c, 'r', { groups: [new RuleGroup('g').addAlert({ alert: 'A', expr: 'sum(rate(x))' })] }),
      ),
    /\[svc\/r\] group "g" alert "A" expr: .*range vector.*\(got "sum\(rate\(x\)\)"\)\. Fix: /,
  ],
  [
    'a bad `for`',
    () =>
      app(
        (c) =>
          new PrometheusRule(c, 'r', {
            groups: [new RuleGroup('g').addAlert({ alert: 'A', expr: 'up == 0', for: '5min' as never })],
          }),
      ),
    /alert "A" for: not a valid duration string: "5min" \(got "5min"\)\. Fix: write a duration such as "5m"/,
  ],
  [
    'an unknown template function',
    () =>
      app(
        (c) =>
          new PrometheusRule(c, 'r', {
            groups: [
              new RuleGroup('g').addAlert({
                alert: 'A',
                expr: 'up == 0',
                annotations: { summary: '{{ $value | percent }}' },
              }),
            ],
          }),
      ),
    /annotations\.summary: function "percent" not defined.*Fix: fix the Go template/,
  ],
  [
    'warning beyond critical',
    () => {
      new ThresholdMetric({ ...metric, thresholds: { warning: 30, critical: 20 } });
    },
    /\[ThresholdMetric "QueueDepth"\] thresholds\.warning: is beyond the critical level \(20\).*\(got 30\)\. Fix: /,
  ],
  [
    'a percentage over 100',
    () => {
      new ThresholdMetric({ ...metric, unit: 'percent', thresholds: { critical: 120 } });
    },
    /thresholds\.critical: a level in percent must lie between 0 and 100 \(got 120\)\. Fix: /,
  ],
  [
    'an SLO objective written as a ratio',
    () => {
      new Slo({ service: 's', name: 'n', objective: 0.999, sli: Sli.events('e_total', 't_total') });
    },
    /\[Slo "s\/n"\] objective: the objective is a percentage, not a ratio \(got 0\.999\)\. Fix: write 99\.9/,
  ],
  [
    'an SLO objective of 100%',
    () => {
      new Slo({ service: 's', name: 'n', objective: 100, sli: Sli.events('e_total', 't_total') });
    },
    /\[Slo "s\/n"\] objective: .*strictly between 0 and 100.*\(got 100\)\. Fix: /,
  ],
  [
    'minReplicas above maxReplicas',
    () => {
      new HorizontalPodAutoscaler(Testing.chart(), 'h', {
        scaleTargetRef: deployment('api'),
        minReplicas: 10,
        maxReplicas: 5,
        metrics: [HpaMetric.cpuUtilization(70)],
      });
    },
    /\[.*\/h\] minReplicas: minReplicas is greater than maxReplicas \(5\) \(got 10\)\. Fix: /,
  ],
  [
    'a non-positive HPA target',
    () => {
      new HorizontalPodAutoscaler(Testing.chart(), 'h', {
        scaleTargetRef: deployment('api'),
        maxReplicas: 5,
        metrics: [HpaMetric.cpuUtilization(0)],
      });
    },
    /metrics\[0\]\.target\.averageUtilization: .*greater than 0 \(got 0\)\. Fix: /,
  ],
  [
    'an invalid dashboard query',
    () =>
      app(
        (c) =>
          new Dashboard(c, 'd', {
            title: 'D',
            panels: [{ kind: 'stat', title: 'Broken', queries: ['rate(x) by (a)'] }],
          }),
      ),
    /dashboard "D" panel "Broken" query .*: /,
  ],
  [
    'a Slack receiver without a webhook secret',
    () => {
      Receiver.slack('s', { channel: '#x' } as never);
    },
    /\[Receiver "s"\] slack\[0\]\.apiUrl: a Secret reference is required\. Fix: /,
  ],
  [
    'an alert no route reaches',
    () =>
      app((c) => {
        new PrometheusRule(c, 'r', {
          groups: [
            new RuleGroup('g').addAlert({
              alert: 'Lost',
              expr: 'up == 0',
              labels: { severity: 'critical', team: 'nobody' },
            }),
          ],
        });
        const p = new NotificationPolicy(c, 'routing', {
          defaultReceiver: Receiver.webhook('fallback', { url: 'https://hooks.example.com/x' }),
        });
        p.addRoute({
          matchers: ['team="payments"'],
          receiver: Receiver.webhook('payments', { url: 'https://hooks.example.com/p' }),
        });
      }),
    /\[svc\/routing\] routes: alert "Lost" \{alertname="Lost", severity="critical", team="nobody"\} .*matches no route.*Fix: add a route/,
  ],
];

describe('bad declarations', () => {
  test.each(CASES)('%s: a WatchkeeperError naming where, field, value and fix', (_what, fn, pattern) => {
    expect(failure(fn)).toMatch(pattern);
  });
});
