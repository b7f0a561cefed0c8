/**
 * The capacity alerts against real Prometheus rule evaluation (`promtool test rules`): each alert fires on the
 * series kube-state-metrics, cAdvisor and the apps expose, at the time its `for` says, with its text rendered.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { WatchkeeperApp } from '../../src';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { synthToTemp } from '../support/synth';

const NS = 'rlm-production';
const ksm = (metric: string, hpa: string): string =>
  `${metric}{job="kube-state-metrics",namespace="${NS}",horizontalpodautoscaler="${hpa}"}`;
const replicas = (
  hpa: string,
  current: string,
  max: string,
  min: string,
): Array<{ series: string; values: string }> => [
  { series: ksm('kube_horizontalpodautoscaler_status_current_replicas', hpa), values: current },
  { series: ksm('kube_horizontalpodautoscaler_spec_max_replicas', hpa), values: max },
  { series: ksm('kube_horizontalpodautoscaler_spec_min_replicas', hpa), values: min },
];
/** CPU of one rlm-api pod: a counter rising `perMinute` core-seconds a minute, 1 core requested. */
const apiCpu = (perMinute: number, samples: number): Array<{ series: string; values: string }> => [
  {
    series: `container_cpu_usage_seconds_total{namespace="${NS}",pod="rlm-api-5d8c7b9f4-x2k9p",container="api"}`,
    values: `0+${perMinute}x${samples}`,
  },
  // A pod of another workload with a similar name must not count.
  {
    series: `container_cpu_usage_seconds_total{namespace="${NS}",pod="rlm-api-gw-5d8c7b9f4-x2k9p",container="gw"}`,
    values: `0+60x${samples}`,
  },
  {
    series: `kube_pod_container_resource_requests{namespace="${NS}",pod="rlm-api-5d8c7b9f4-x2k9p",container="api",resource="cpu"}`,
    values: `1x${samples}`,
  },
];

describe('capacity alerts under promtool test rules', () => {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  const dist = synthToTemp(app);
  // The capacity group of the service's rule file, as a rule file of its own.
  const group = parse(fs.readFileSync(path.join(dist, 'rules', 'rlm-hypervisor.rules.yaml'), 'utf8')).groups.find(
    (g: { name: string }) => g.name === 'rlm-hypervisor-capacity',
  );
  const ruleFile = path.join(dist, '..', 'capacity.rules.yaml');
  fs.writeFileSync(ruleFile, stringify({ groups: [group] }));
  const rules: Array<Record<string, any>> = group.rules;

  /** The labels and annotations an alert fires with, `$value` rendered as `value`. */
  const fired = (alert: string, value: string): Record<string, unknown> => {
    const rule = rules.find((r) => r.alert === alert) as Record<string, any>;
    const annotations = Object.fromEntries(
      Object.entries(rule.annotations as Record<string, string>).map(([k, v]) => [
        k,
        v.replace(/\{\{ \$value[^}]*\}\}/g, value),
      ]),
    );
    return { exp_labels: rule.labels, exp_annotations: annotations };
  };

  /** Runs promtool test rules; `withoutAnnotations` names alerts tested on their labels only (a copy of the file). */
  const runTests = (tests: unknown[], withoutAnnotations: string[] = []): { status: number; output: string } => {
    const id = Math.random().toString(36).slice(2);
    let rulesPath = ruleFile;
    if (withoutAnnotations.length > 0) {
      rulesPath = path.join(dist, '..', `capacity-rules-${id}.yaml`);
      const stripped = rules.map((r) => (withoutAnnotations.includes(r.alert) ? { ...r, annotations: undefined } : r));
      fs.writeFileSync(rulesPath, stringify({ groups: [{ name: 'rlm-capacity', rules: stripped }] }));
    }
    const file = path.join(dist, '..', `capacity-test-${id}.yaml`);
    fs.writeFileSync(file, stringify({ rule_files: [rulesPath], evaluation_interval: '1m', tests }));
    return runPromtool(['test', 'rules', file]);
  };

  itWithPromtool('at max replicas fires after exactly 15m, not before, and not one replica short of max', () => {
    const r = runTests([
      {
        interval: '1m',
        input_series: replicas('rlm-api-hpa', '50x30', '50x30', '5x30'),
        alert_rule_test: [
          { eval_time: '14m', alertname: 'RlmApiAtMaxReplicas', exp_alerts: [] },
          { eval_time: '15m', alertname: 'RlmApiAtMaxReplicas', exp_alerts: [fired('RlmApiAtMaxReplicas', '50')] },
          { eval_time: '25m', alertname: 'RlmApiAtMaxReplicas', exp_alerts: [fired('RlmApiAtMaxReplicas', '50')] },
        ],
      },
      {
        interval: '1m',
        input_series: replicas('rlm-api-hpa', '49x30', '50x30', '5x30'),
        alert_rule_test: [{ eval_time: '25m', alertname: 'RlmApiAtMaxReplicas', exp_alerts: [] }],
      },
    ]);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  itWithPromtool('the promtool test can fail (an alert expected at 14m is reported missing)', () => {
    const r = runTests([
      {
        interval: '1m',
        input_series: replicas('rlm-api-hpa', '50x30', '50x30', '5x30'),
        alert_rule_test: [
          { eval_time: '14m', alertname: 'RlmApiAtMaxReplicas', exp_alerts: [fired('RlmApiAtMaxReplicas', '50')] },
        ],
      },
    ]);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/FAILED/);
  });

  itWithPromtool(
    'CPU above 70% at max replicas fires the breach alert (cAdvisor usage / kube-state-metrics requests)',
    () => {
      const r = runTests([
        {
          interval: '1m',
          input_series: [...replicas('rlm-api-hpa', '50x20', '50x20', '5x20'), ...apiCpu(54, 20)],
          alert_rule_test: [
            { eval_time: '5m', alertname: 'RlmApiScaleUpLevelBreachedAtMax', exp_alerts: [] },
            {
              eval_time: '10m',
              alertname: 'RlmApiScaleUpLevelBreachedAtMax',
              exp_alerts: [fired('RlmApiScaleUpLevelBreachedAtMax', '90.00')],
            },
          ],
        },
      ]);
      expect(r.output).toMatch(/SUCCESS/);
      expect(r.status).toBe(0);
    },
  );

  itWithPromtool(
    'CPU below 30% for an hour above min replicas fires over-provisioned; at min replicas it does not',
    () => {
      const r = runTests([
        {
          interval: '1m',
          input_series: [...replicas('rlm-api-hpa', '20x90', '50x90', '5x90'), ...apiCpu(12, 90)],
          alert_rule_test: [
            { eval_time: '50m', alertname: 'RlmApiOverProvisioned', exp_alerts: [] },
            {
              eval_time: '70m',
              alertname: 'RlmApiOverProvisioned',
              exp_alerts: [fired('RlmApiOverProvisioned', '20.00')],
            },
          ],
        },
        {
          interval: '1m',
          input_series: [...replicas('rlm-api-hpa', '5x90', '50x90', '5x90'), ...apiCpu(12, 90)],
          alert_rule_test: [{ eval_time: '70m', alertname: 'RlmApiOverProvisioned', exp_alerts: [] }],
        },
      ]);
      expect(r.output).toMatch(/SUCCESS/);
      expect(r.status).toBe(0);
    },
  );

  itWithPromtool(
    'OOLONG: queue depth above 100 at 100 replicas fires the breach alert (external metric summed)',
    () => {
      const r = runTests([
        {
          interval: '1m',
          input_series: [
            ...replicas('rlm-oolong-hpa', '100x20', '100x20', '1x20'),
            {
              series: `rlm_queue_depth{namespace="${NS}",pod="rlm-api-5d8c7b9f4-x2k9p",queue="tasks"}`,
              values: '90x20',
            },
            {
              series: `rlm_queue_depth{namespace="${NS}",pod="rlm-api-5d8c7b9f4-abcde",queue="tasks"}`,
              values: '60x20',
            },
            { series: `rlm_queue_depth{namespace="other",pod="x",queue="tasks"}`, values: '1000x20' },
          ],
          alert_rule_test: [
            {
              eval_time: '10m',
              alertname: 'RlmOolongScaleUpLevelBreachedAtMax',
              exp_alerts: [fired('RlmOolongScaleUpLevelBreachedAtMax', '150')],
            },
          ],
        },
      ]);
      expect(r.output).toMatch(/SUCCESS/);
      expect(r.status).toBe(0);
    },
  );

  itWithPromtool("Quota Manager: per-pod P99 (max over a pod's series) averaged over pods, as the HPA reads it", () => {
    const pod = (name: string, endpoint: string, v: number): { series: string; values: string } => ({
      series: `rlm_api_latency_p99{namespace="${NS}",pod="${name}",endpoint="${endpoint}"}`,
      values: `${v}x20`,
    });
    const r = runTests([
      {
        interval: '1m',
        input_series: [
          ...replicas('rlm-quota-manager-hpa', '10x20', '10x20', '1x20'),
          pod('rlm-quota-manager-6f7d8c9b5-abcde', '/quota', 120),
          pod('rlm-quota-manager-6f7d8c9b5-abcde', '/usage', 80),
          pod('rlm-quota-manager-6f7d8c9b5-fghij', '/quota', 140),
          pod('rlm-api-5d8c7b9f4-x2k9p', '/tasks', 900),
        ],
        alert_rule_test: [
          {
            eval_time: '10m',
            alertname: 'RlmQuotaManagerScaleUpLevelBreachedAtMax',
            exp_alerts: [fired('RlmQuotaManagerScaleUpLevelBreachedAtMax', '130')],
          },
        ],
      },
    ]);
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  itWithPromtool('the 30-day forecast fires when the replicas needed grow past max', () => {
    // The forecast's value depends on rate()'s extrapolation over the first minutes, so it is tested on labels.
    const { exp_labels: labels } = fired('RlmApiCapacityForecastAboveMax', '') as {
      exp_labels: Record<string, string>;
    };
    const r = runTests(
      [
        {
          interval: '1m',
          // Replicas grow by one a minute with CPU steady at the 70% target: the load needs as many replicas as run.
          input_series: [...replicas('rlm-api-hpa', '10+1x120', '50x120', '5x120'), ...apiCpu(42, 120)],
          alert_rule_test: [
            { eval_time: '30m', alertname: 'RlmApiCapacityForecastAboveMax', exp_alerts: [] },
            { eval_time: '90m', alertname: 'RlmApiCapacityForecastAboveMax', exp_alerts: [{ exp_labels: labels }] },
          ],
          promql_expr_test: [
            {
              expr: `namespace_horizontalpodautoscaler:needed_replicas:estimate{horizontalpodautoscaler="rlm-api-hpa"}`,
              eval_time: '90m',
              exp_samples: [
                {
                  labels: `namespace_horizontalpodautoscaler:needed_replicas:estimate{horizontalpodautoscaler="rlm-api-hpa",namespace="${NS}"}`,
                  value: 100,
                },
              ],
            },
          ],
        },
      ],
      ['RlmApiCapacityForecastAboveMax'],
    );
    expect(r.output).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });
});
