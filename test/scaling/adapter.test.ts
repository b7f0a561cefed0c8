import { parse } from 'yaml';
import { Testing } from 'cdk8s';
import { checkPromQL } from '../../src/entrypoints/promql';
import {
  AdapterRule,
  AdapterRuleProps,
  HorizontalPodAutoscaler,
  MetricSource,
  PrometheusAdapterConfig,
  ScalingMetric,
  deployment,
  fillMetricsQuery,
} from '../../src/scaling';
import { appAndChart, objectsOfKind } from './support';

const good: AdapterRuleProps = {
  api: 'custom',
  seriesQuery: 'rlm_active_agents{namespace!="",pod!=""}',
  resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
  nameMatches: '^rlm_active_agents$',
  nameAs: 'rlm_active_agents',
  metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
};
const problems = (change: Partial<AdapterRuleProps>): string[] =>
  new AdapterRule({ ...good, ...change }).check('adapter', 'rules[0]').map((p) => `${p.field}: ${p.message}`);

describe('AdapterRule', () => {
  it("accepts a well-formed rule and renders it in the adapter docs' field order", () => {
    expect(problems({})).toEqual([]);
    expect(Object.keys(new AdapterRule(good).toConfig())).toEqual(['seriesQuery', 'resources', 'name', 'metricsQuery']);
  });

  it('fills the template as the adapter does', () => {
    const rule = new AdapterRule(good);
    expect(
      rule.render({ Series: 'rlm_active_agents', LabelMatchers: 'namespace="a",pod=~"p1|p2"', GroupBy: 'pod' }),
    ).toBe('sum(rlm_active_agents{namespace="a",pod=~"p1|p2"}) by (pod)');
  });

  it('computes the exposed name as the adapter does (name.matches expanded into name.as)', () => {
    const rule = new AdapterRule({
      ...good,
      seriesQuery: 'http_requests_total{namespace!="",pod!=""}',
      nameMatches: '^(.*)_total$',
      nameAs: '${1}_per_second',
    });
    expect(rule.metricName).toBe('http_requests_per_second');
    expect(rule.exposedNameFor('other_metric')).toBeUndefined();
  });

  test.each<[string, Partial<AdapterRuleProps>, RegExp]>([
    ['an invalid series query', { seriesQuery: 'rlm_active_agents{namespace!=""' }, /seriesQuery: /],
    [
      'a series query that is not a selector',
      { seriesQuery: 'sum(rlm_active_agents)' },
      /seriesQuery: a series query must be a plain series selector/,
    ],
    [
      'a series query with a range',
      { seriesQuery: 'rlm_active_agents[5m]' },
      /seriesQuery: a series query must be a plain series selector/,
    ],
    [
      'a metrics query that is not PromQL once filled',
      { metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>} by (<<.GroupBy>>)' },
      /metricsQuery: unexpected <by> \(at 1:\d+ of the filled-in query sum\(rlm_active_agents\{namespace="sample-namespace",pod=~"sample-1\|sample-2"\} by \(pod\)\)/,
    ],
    [
      'a metrics query with a type error',
      { metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>})) by (<<.GroupBy>>)' },
      /metricsQuery: expected type range vector in call to function "rate"/,
    ],
    [
      'an unknown template field',
      { metricsQuery: 'sum(<<.Metric>>{<<.LabelMatchers>>})' },
      /metricsQuery: unknown template field ".Metric"/,
    ],
    [
      'a template action that cannot be checked',
      { metricsQuery: 'sum(<<range .GroupBySlice>>x<<end>>{<<.LabelMatchers>>})' },
      /metricsQuery: template action "<<range .GroupBySlice>>" cannot be checked here/,
    ],
    [
      'a query ignoring the label matchers',
      { metricsQuery: 'sum(<<.Series>>) by (<<.GroupBy>>)' },
      /metricsQuery: the query ignores <<.LabelMatchers>>/,
    ],
    ['a name pattern that is not RE2', { nameMatches: '^(?=rlm)' }, /name.matches: not a Go regexp/],
    [
      'a name pattern not matching the series',
      { nameMatches: '^other$' },
      /name.matches: does not match the series "rlm_active_agents", so the adapter exposes nothing/,
    ],
    ['an exposed name with a slash', { nameAs: 'rlm/agents' }, /name.as: the exposed metric name must be non-empty/],
    [
      'a custom rule not naming objects',
      { resources: {} },
      /resources: a custom-metrics rule must say which labels name Kubernetes objects/,
    ],
    [
      'a bad override label',
      { resources: { overrides: { 'pod-name': { resource: 'pod' } } } },
      /resources.overrides.pod-name: not a Prometheus label name/,
    ],
    [
      'namespaced on a custom rule',
      { resources: { ...good.resources, namespaced: false } },
      /resources.namespaced: namespaced applies to external rules only/,
    ],
  ])('reports %s', (_what, change, pattern) => {
    expect(problems(change).join('\n')).toMatch(pattern);
  });

  it('checks the filled-in query with checkPromQL: the same text Prometheus would get', () => {
    const filled = fillMetricsQuery(good.metricsQuery, { Series: 'x', LabelMatchers: 'namespace="a"', GroupBy: 'pod' });
    expect(filled).toEqual({ text: 'sum(x{namespace="a"}) by (pod)', errors: [] });
    expect(checkPromQL(filled.text)).toEqual([]);
  });
});

describe('the adapter rule a ScalingMetric contributes', () => {
  it('pods metric: namespace and pod labels, summed per pod', () => {
    const rule = ScalingMetric.pods('rlm_active_agents', {
      source: MetricSource.prometheus({ series: 'rlm_active_agents' }),
    }).adapterRule() as AdapterRule;
    expect(rule.toConfig()).toEqual({
      seriesQuery: 'rlm_active_agents{namespace!="",pod!=""}',
      resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
      name: { matches: '^rlm_active_agents$', as: 'rlm_active_agents' },
      metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
    });
    expect(rule.check('a', 'rules[0]')).toEqual([]);
  });

  it("object metric: the described object's label and group-resource; counters through rate()", () => {
    const rule = ScalingMetric.object('requests_per_second', {
      describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
      source: MetricSource.prometheus({
        series: 'nginx_ingress_controller_requests',
        rate: '2m',
        namespaceLabel: 'exported_namespace',
      }),
    }).adapterRule() as AdapterRule;
    expect(rule.toConfig()).toEqual({
      seriesQuery: 'nginx_ingress_controller_requests{exported_namespace!="",ingress!=""}',
      resources: {
        overrides: {
          exported_namespace: { resource: 'namespace' },
          ingress: { group: 'networking.k8s.io', resource: 'ingress' },
        },
      },
      name: { matches: '^nginx_ingress_controller_requests$', as: 'requests_per_second' },
      metricsQuery: 'sum(rate(<<.Series>>{<<.LabelMatchers>>}[2m])) by (<<.GroupBy>>)',
    });
    expect(rule.check('a', 'rules[0]')).toEqual([]);
  });

  it("external metric: an externalRules entry scoped to the HPA's namespace, or not", () => {
    const namespaced = ScalingMetric.external('queue_depth', {
      source: MetricSource.prometheus({ series: 'queue_depth' }),
    }).adapterRule() as AdapterRule;
    expect(namespaced.props.api).toBe('external');
    expect(namespaced.toConfig()).toEqual({
      seriesQuery: 'queue_depth{namespace!=""}',
      resources: { overrides: { namespace: { resource: 'namespace' } } },
      name: { matches: '^queue_depth$', as: 'queue_depth' },
      metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>})',
    });
    const global = ScalingMetric.external('queue_depth', {
      source: MetricSource.prometheus({ series: 'queue_depth', namespaced: false, aggregation: 'max' }),
    }).adapterRule() as AdapterRule;
    expect(global.toConfig()).toMatchObject({
      seriesQuery: 'queue_depth',
      resources: { namespaced: false },
      metricsQuery: 'max(<<.Series>>{<<.LabelMatchers>>})',
    });
    expect(global.check('a', 'externalRules[0]')).toEqual([]);
  });

  it('a resource metric or a provided metric contributes none', () => {
    expect(ScalingMetric.cpu().adapterRule()).toBeUndefined();
    expect(ScalingMetric.pods('x', { source: MetricSource.providedBy('keda') }).adapterRule()).toBeUndefined();
  });
});

describe('PrometheusAdapterConfig', () => {
  const agentsHpa = (
    chart: ReturnType<typeof Testing.chart>,
    id: string,
    adapter: PrometheusAdapterConfig,
    metricsQuery?: string,
  ): HorizontalPodAutoscaler =>
    new HorizontalPodAutoscaler(chart, id, {
      name: id,
      scaleTargetRef: deployment(id),
      maxReplicas: 5,
      adapter,
      metrics: [
        ScalingMetric.pods('agents', { source: MetricSource.prometheus({ series: 'agents', metricsQuery }) }).target(
          10,
        ),
      ],
    });

  it('is a ConfigMap with config.yaml; rules from HPAs added after construction land; identical rules once', () => {
    const chart = Testing.chart();
    const adapter = new PrometheusAdapterConfig(chart, 'adapter', {
      name: 'prometheus-adapter',
      namespace: 'monitoring',
    });
    agentsHpa(chart, 'a', adapter);
    agentsHpa(chart, 'b', adapter);
    new HorizontalPodAutoscaler(chart, 'c', {
      name: 'c',
      scaleTargetRef: deployment('c'),
      maxReplicas: 5,
      adapter,
      metrics: [ScalingMetric.external('queue', { source: MetricSource.prometheus({ series: 'queue' }) }).target(10)],
    });
    const [cm] = objectsOfKind(chart, 'ConfigMap');
    expect(cm.metadata).toEqual({ name: 'prometheus-adapter', namespace: 'monitoring' });
    const config = parse(cm.data['config.yaml']);
    expect(Object.keys(config)).toEqual(['rules', 'externalRules']);
    expect(config.rules.map((r: any) => r.name.as)).toEqual(['agents']);
    expect(config.externalRules.map((r: any) => r.name.as)).toEqual(['queue']);
  });

  it('refuses two different rules exposing the same name, at synth', () => {
    const { app, chart } = appAndChart();
    const adapter = new PrometheusAdapterConfig(chart, 'adapter');
    agentsHpa(chart, 'a', adapter);
    agentsHpa(chart, 'b', adapter, 'max(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)');
    expect(() => app.synthesizeFiles()).toThrow(
      /\[test\/adapter\] rules \(agents\): two different rules expose "agents"/,
    );
  });

  it('checks every rule at synth (a bad metricsQuery fails with the construct path)', () => {
    const { app, chart } = appAndChart();
    const adapter = new PrometheusAdapterConfig(chart, 'adapter');
    agentsHpa(chart, 'a', adapter, 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>');
    expect(() => app.synthesizeFiles()).toThrow(/\[test\/adapter\] rules\[0\] \(agents\).metricsQuery: /);
  });

  it('an empty adapter config fails synth', () => {
    const { app, chart } = appAndChart();
    new PrometheusAdapterConfig(chart, 'adapter');
    expect(() => app.synthesizeFiles()).toThrow(/rules: the adapter config has no rules/);
  });

  it('refuses a bad name or namespace in the constructor', () => {
    expect(() => new PrometheusAdapterConfig(Testing.chart(), 'adapter', { name: 'Adapter' })).toThrow(
      /name: not a DNS-1123 subdomain \(got "Adapter"\)/,
    );
    expect(() => new PrometheusAdapterConfig(Testing.chart(), 'adapter', { namespace: 'mon_itoring' })).toThrow(
      /namespace: not a DNS-1123 label/,
    );
  });
});
