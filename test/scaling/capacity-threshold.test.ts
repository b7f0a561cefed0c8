import { Chart, Testing } from 'cdk8s';
import { AlertRule, PrometheusRule, RuleGroup, WatchkeeperError } from '../../src';
import { checkPromQL } from '../../src/entrypoints/promql';
import {
  CapacityThreshold,
  CapacityThresholdProps,
  MetricSource,
  NEEDED_REPLICAS_RECORD,
  PrometheusAdapterConfig,
  ScalingMetric,
  capacityRules,
  deployment,
  podNameRegex,
  statefulSet,
} from '../../src/scaling';
import { operand } from '../../src/scaling/capacity-alerts';
import { itWithShared, seed } from '../support/shared';
import { hpaSchemaErrors, objectsOfKind } from './support';

const apiRow: CapacityThresholdProps = {
  displayName: 'API Pods',
  name: 'rlm-api-hpa',
  scaleTargetRef: deployment('rlm-api'),
  metric: ScalingMetric.cpu(),
  scaleUp: 70,
  scaleDown: 30,
  maxReplicas: 50,
  minReplicas: 5,
};

function chart(): Chart {
  return new Chart(Testing.app(), 'rlm', { namespace: 'rlm-production' });
}

function exprs(t: CapacityThreshold): Record<string, string> {
  return Object.fromEntries(t.rules().map((r) => [r.name, r.props.expr]));
}

describe('CapacityThreshold', () => {
  it('maps every column of a table row: Scale Up -> HPA target and breach alert, Scale Down -> over-provisioned alert, Max -> maxReplicas, at-max and forecast', () => {
    const c = chart();
    const t = new CapacityThreshold(c, 'rlm-api', apiRow);
    const hpa = objectsOfKind(c, 'HorizontalPodAutoscaler')[0];
    expect(hpa.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
    ]);
    expect(hpa.spec.maxReplicas).toBe(50);
    expect(hpa.spec.minReplicas).toBe(5);
    expect(hpaSchemaErrors(hpa)).toBe('');
    const e = exprs(t);
    expect(e.RlmApiScaleUpLevelBreachedAtMax).toMatch(/\) > 70 and on \(\) \(/);
    expect(e.RlmApiOverProvisioned).toMatch(/\) < 30 and on \(\) \(.*kube_horizontalpodautoscaler_spec_min_replicas/);
    expect(e.RlmApiAtMaxReplicas).toBe(
      'max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_status_current_replicas{namespace="rlm-production",horizontalpodautoscaler="rlm-api-hpa"})' +
        ' >= max by (namespace, horizontalpodautoscaler) (kube_horizontalpodautoscaler_spec_max_replicas{namespace="rlm-production",horizontalpodautoscaler="rlm-api-hpa"})',
    );
    expect(e.RlmApiCapacityForecastAboveMax).toBe(
      `predict_linear(${NEEDED_REPLICAS_RECORD}{namespace="rlm-production",horizontalpodautoscaler="rlm-api-hpa"}[7d], 2592000) > 50`,
    );
    expect(e[NEEDED_REPLICAS_RECORD]).toMatch(/ \/ 70 \* max\(kube_horizontalpodautoscaler_status_current_replicas/);
    for (const expr of Object.values(e)) expect(checkPromQL(expr, { prometheusVersion: '2.42' })).toEqual([]);
  });

  it('moves every artifact when one number changes once', () => {
    const c = chart();
    const t = new CapacityThreshold(c, 'rlm-api', { ...apiRow, scaleUp: 75, scaleDown: 25, maxReplicas: 60 });
    const hpa = objectsOfKind(c, 'HorizontalPodAutoscaler')[0];
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(75);
    expect(hpa.spec.maxReplicas).toBe(60);
    const e = exprs(t);
    expect(e.RlmApiScaleUpLevelBreachedAtMax).toMatch(/ > 75 and/);
    expect(e.RlmApiOverProvisioned).toMatch(/ < 25 and/);
    expect(e.RlmApiCapacityForecastAboveMax).toMatch(/> 60$/);
    const atMax = t.rules().find((r): r is AlertRule => r instanceof AlertRule && r.name === 'RlmApiAtMaxReplicas');
    expect(atMax?.props.annotations?.summary).toBe('API Pods at max replicas (60) for 15m');
  });

  it("uses the cAdvisor / kube-state-metrics utilization of the workload's pods for a CPU row", () => {
    const t = new CapacityThreshold(chart(), 'rlm-api', apiRow);
    expect(t.valueQuery).toBe(
      '100 * sum(rate(container_cpu_usage_seconds_total{namespace="rlm-production",pod=~"rlm-api-[a-z0-9]+-[a-z0-9]+",container!=""}[5m]))' +
        ' / sum(kube_pod_container_resource_requests{namespace="rlm-production",pod=~"rlm-api-[a-z0-9]+-[a-z0-9]+",container!="",resource="cpu"})',
    );
  });

  it('reads a Prometheus-sourced metric through the adapter rule the HPA uses (one query, two readers)', () => {
    const c = chart();
    const adapter = new PrometheusAdapterConfig(c, 'adapter');
    const t = new CapacityThreshold(c, 'quota', {
      ...apiRow,
      displayName: 'Quota Manager',
      name: 'quota-hpa',
      scaleTargetRef: deployment('rlm-quota-manager'),
      adapter,
      unit: 'ms',
      metric: ScalingMetric.pods('rlm_api_latency_p99', {
        source: MetricSource.prometheus({ series: 'rlm_api_latency_p99', aggregation: 'max' }),
      }),
      scaleUp: 100,
      scaleDown: 20,
      maxReplicas: 10,
    });
    const rule = adapter.rules[0];
    expect(t.valueQuery).toBe(
      `avg(${rule.render({ Series: 'rlm_api_latency_p99', LabelMatchers: 'namespace="rlm-production",pod=~"rlm-quota-manager-[a-z0-9]+-[a-z0-9]+"', GroupBy: 'pod' })})`,
    );
    const breach = t
      .rules()
      .find((r): r is AlertRule => r instanceof AlertRule && r.name === 'RlmQuotaManagerScaleUpLevelBreachedAtMax');
    expect(breach?.props.annotations?.description).toMatch(
      /is \{\{ \$value \| printf "%\.0f" \}\} ms, above the scale-up level of 100 ms/,
    );
  });

  it('divides an AverageValue external metric by the current replicas; a Value one is the total', () => {
    const external = (targetType: 'Value' | 'AverageValue'): string =>
      new CapacityThreshold(chart(), 'q', {
        ...apiRow,
        name: 'q',
        adapter: new PrometheusAdapterConfig(chart(), 'a'),
        metric: ScalingMetric.external('queue', { targetType, source: MetricSource.prometheus({ series: 'queue' }) }),
        scaleUp: 100,
        scaleDown: 10,
      }).valueQuery;
    expect(external('Value')).toBe('sum(queue{namespace="rlm-production"})');
    expect(external('AverageValue')).toBe(
      'sum(queue{namespace="rlm-production"}) / max(kube_horizontalpodautoscaler_status_current_replicas{namespace="rlm-production",horizontalpodautoscaler="q"})',
    );
  });

  it('adds its rules to a given group (no PrometheusRule of its own), or makes its own', () => {
    const c = chart();
    const group = new RuleGroup('capacity');
    new PrometheusRule(c, 'capacity', { groups: [group] });
    const shared = new CapacityThreshold(c, 'rlm-api', { ...apiRow, ruleGroup: group });
    expect(shared.prometheusRule).toBeUndefined();
    expect(group.rules.map((r) => r.name)).toEqual([
      NEEDED_REPLICAS_RECORD,
      'RlmApiAtMaxReplicas',
      'RlmApiScaleUpLevelBreachedAtMax',
      'RlmApiOverProvisioned',
      'RlmApiCapacityForecastAboveMax',
    ]);
    const own = new CapacityThreshold(chart(), 'rlm-api', apiRow);
    expect(own.prometheusRule?.name).toBe('rlm-api-hpa-capacity');
  });

  it("labels every alert with the HPA's namespace and name, the given labels and a severity", () => {
    const t = new CapacityThreshold(chart(), 'rlm-api', { ...apiRow, labels: { team: 'sre' } });
    for (const r of t.rules().filter((x) => x.kind === 'alert')) {
      expect(r.props.labels).toEqual(
        expect.objectContaining({
          namespace: 'rlm-production',
          horizontalpodautoscaler: 'rlm-api-hpa',
          team: 'sre',
          severity: expect.any(String),
        }),
      );
    }
  });

  it('lets alerts be tuned or left out', () => {
    const t = new CapacityThreshold(chart(), 'rlm-api', {
      ...apiRow,
      alerts: { forecast: false, atMaxReplicas: { for: '30m', severity: 'critical' }, overProvisioned: false },
    });
    expect(t.rules().map((r) => r.name)).toEqual(['RlmApiAtMaxReplicas', 'RlmApiScaleUpLevelBreachedAtMax']);
    expect(t.rules()[0].props).toMatchObject({ for: '30m', labels: { severity: 'critical' } });
  });

  test.each<[string, Partial<CapacityThresholdProps>, RegExp]>([
    [
      'scale-down above scale-up',
      { scaleDown: 80 },
      /scaleDown: the scale-down level must be below the scale-up level \(70\) \(got 80\)/,
    ],
    ['a zero scale-up level', { scaleUp: 0 }, /scaleUp: the scale-up level must be a number greater than 0 \(got 0\)/],
    [
      'a negative scale-down level',
      { scaleDown: -1 },
      /scaleDown: the scale-down level must be a number of at least 0/,
    ],
    [
      'a fractional utilization level',
      { scaleUp: 70.5 },
      /metrics\[0\].target.averageUtilization: a utilization target must be a whole percentage/,
    ],
    ['minReplicas above Max', { minReplicas: 60 }, /minReplicas: minReplicas is greater than maxReplicas \(50\)/],
    [
      'a bad forecast horizon',
      { alerts: { forecast: { horizon: '30 days' as '30d' } } },
      /alerts.forecast.horizon: not a valid duration string/,
    ],
    ['an empty display name', { displayName: '' }, /displayName: name the resource the row is about/],
    ['an unknown unit', { unit: 'furlongs' as 'ms' }, /unit: unknown unit/],
  ])('refuses %s', (_what, change, pattern) => {
    expect(() => new CapacityThreshold(chart(), 'rlm-api', { ...apiRow, ...change })).toThrow(pattern);
    expect(() => new CapacityThreshold(chart(), 'rlm-api', { ...apiRow, ...change })).toThrow(WatchkeeperError);
  });

  it('asks for a query when the value cannot be derived (a metric served by another provider)', () => {
    expect(
      () =>
        new CapacityThreshold(chart(), 'x', {
          ...apiRow,
          metric: ScalingMetric.pods('m', { source: MetricSource.providedBy('keda') }),
        }),
    ).toThrow(/query: no query for the value of Pods metric "m" can be derived \(its source is provided by keda\)/);
    expect(
      () =>
        new CapacityThreshold(chart(), 'x', {
          ...apiRow,
          metric: ScalingMetric.pods('m', { source: MetricSource.providedBy('keda') }),
          query: 'avg(m)',
        }),
    ).not.toThrow();
  });

  it('needs a namespace for its alert selectors', () => {
    expect(() => new CapacityThreshold(Testing.chart(), 'x', apiRow)).toThrow(
      /namespace: the capacity alerts select the HPA by namespace, and none is set/,
    );
  });
});

describe('capacity rule helpers', () => {
  it('parenthesizes operands that bind looser than the operator', () => {
    expect(operand('a / b', 'comparison')).toBe('a / b');
    expect(operand('a or b', 'comparison')).toBe('(a or b)');
    expect(operand('a + b', 'multiplicative')).toBe('(a + b)');
    expect(operand('sum(a)', 'multiplicative')).toBe('sum(a)');
  });

  it('writes pod-name regexes per workload kind', () => {
    expect(podNameRegex(deployment('rlm.api'))).toBe('rlm\\.api-[a-z0-9]+-[a-z0-9]+');
    expect(podNameRegex(statefulSet('db'))).toBe('db-[0-9]+');
  });

  itWithShared("the seed's forecast_linear is not PromQL; predict_linear, which the forecast alert uses, is", () => {
    const seedQuery = /query: "(forecast_linear\([^"]*\))"/.exec(seed('002'))?.[1] as string;
    expect(seedQuery).toBe('forecast_linear(rlm_active_agents[7d], 30d)');
    // promtool 2.42's first error for it (its parser reads the unknown name as an identifier, then stumbles
    // on the argument list): "1:38: parse error: trailing commas not allowed in function call args".
    expect(
      checkPromQL(seedQuery, { prometheusVersion: '2.42' }).map((d) => `${d.line}:${d.column}: ${d.message}`),
    ).toEqual(['1:38: trailing commas not allowed in function call args']);
    const forecast = capacityRules({
      prefix: 'X',
      displayName: 'r',
      namespace: 'n',
      hpaName: 'h',
      workload: 'w',
      value: 'v',
      valueDescription: 'v',
      unit: 'count',
      scaleUp: 1,
      scaleDown: 0,
      maxReplicas: 2,
    }).find((r) => r.name === 'XCapacityForecastAboveMax');
    expect(checkPromQL(forecast?.props.expr as string, { prometheusVersion: '2.42' })).toEqual([]);
  });
});
