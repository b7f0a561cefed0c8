import { ApiObject, Chart, Testing } from 'cdk8s';
import { WatchkeeperError } from '../../src';
import {
  AdapterRule,
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerProps,
  HpaMetric,
  MetricSource,
  PrometheusAdapterConfig,
  ScalingMetric,
  deployment,
  statefulSet,
} from '../../src/scaling';
import { appAndChart, hpaSchemaErrors, objectsOfKind } from './support';

const base: HorizontalPodAutoscalerProps = {
  name: 'api',
  scaleTargetRef: deployment('api'),
  minReplicas: 2,
  maxReplicas: 10,
  metrics: [HpaMetric.cpuUtilization(70)],
};

function hpaManifest(props: Partial<HorizontalPodAutoscalerProps>): Record<string, any> {
  const chart = Testing.chart();
  new HorizontalPodAutoscaler(chart, 'hpa', { ...base, ...props });
  return objectsOfKind(chart, 'HorizontalPodAutoscaler')[0];
}

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WatchkeeperError);
    return (e as Error).message;
  }
  throw new Error('expected a WatchkeeperError');
}

/** The synth-time validation messages of an app. */
function synthErrors(build: (chart: Chart) => void): string {
  const { app, chart } = appAndChart('shop');
  build(chart);
  try {
    app.synthesizeFiles();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}

describe('HorizontalPodAutoscaler', () => {
  it('synthesizes autoscaling/v2 through the generated k8s class, with exactly the fields given', () => {
    expect(hpaManifest({ namespace: 'shop' })).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'api', namespace: 'shop' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        ],
      },
    });
  });

  it('adds no behavior and no selectPolicy of its own; leaves minReplicas out when not given', () => {
    const m = hpaManifest({
      minReplicas: undefined,
      behavior: { scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } },
    });
    expect(m.spec.behavior).toEqual({ scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } });
    expect('minReplicas' in m.spec).toBe(false);
  });

  it('writes every metric kind and target type, quantities as strings', () => {
    const provided = MetricSource.providedBy('keda');
    const m = hpaManifest({
      metrics: [
        ScalingMetric.memory({ targetType: 'AverageValue' }).target('512Mi'),
        ScalingMetric.cpu({ container: 'app' }).target(60),
        ScalingMetric.pods('requests_per_second', { source: provided, selector: { verb: 'GET' } }).target(10),
        ScalingMetric.object('requests_per_second', {
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
          source: provided,
        }).target('2k'),
        ScalingMetric.object('queue_messages', {
          describedObject: { apiVersion: 'v1', kind: 'Service', name: 'queue' },
          targetType: 'AverageValue',
          source: provided,
        }).target('30'),
        ScalingMetric.external('queue_depth', { source: provided }).target('0.5'),
        ScalingMetric.external('queue_age_seconds', { targetType: 'Value', source: provided }).target(120),
      ],
    });
    expect(m.spec.metrics).toEqual([
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '512Mi' } } },
      {
        type: 'ContainerResource',
        containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 60 } },
      },
      {
        type: 'Pods',
        pods: {
          metric: { name: 'requests_per_second', selector: { matchLabels: { verb: 'GET' } } },
          target: { type: 'AverageValue', averageValue: '10' },
        },
      },
      {
        type: 'Object',
        object: {
          describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main' },
          metric: { name: 'requests_per_second' },
          target: { type: 'Value', value: '2k' },
        },
      },
      {
        type: 'Object',
        object: {
          describedObject: { apiVersion: 'v1', kind: 'Service', name: 'queue' },
          metric: { name: 'queue_messages' },
          target: { type: 'AverageValue', averageValue: '30' },
        },
      },
      {
        type: 'External',
        external: { metric: { name: 'queue_depth' }, target: { type: 'AverageValue', averageValue: '0.5' } },
      },
      {
        type: 'External',
        external: { metric: { name: 'queue_age_seconds' }, target: { type: 'Value', value: '120' } },
      },
    ]);
    expect(hpaSchemaErrors(m)).toBe('');
  });

  it('targets a workload outside the app by kind and name, or an ApiObject in it', () => {
    expect(hpaManifest({ scaleTargetRef: statefulSet('db') }).spec.scaleTargetRef).toEqual({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'db',
    });
    const chart = Testing.chart();
    const rollout = new ApiObject(chart, 'rollout', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'web' },
    });
    new HorizontalPodAutoscaler(chart, 'hpa', { ...base, scaleTargetRef: rollout });
    expect(objectsOfKind(chart, 'HorizontalPodAutoscaler')[0].spec.scaleTargetRef).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Rollout',
      name: 'web',
    });
  });

  it('lands metrics added after construction', () => {
    const chart = Testing.chart();
    const hpa = new HorizontalPodAutoscaler(chart, 'hpa', base);
    hpa.addMetric(HpaMetric.memoryUtilization(80));
    expect(objectsOfKind(chart, 'HorizontalPodAutoscaler')[0].spec.metrics.map((m: any) => m.resource.name)).toEqual([
      'cpu',
      'memory',
    ]);
    expect(() => hpa.addMetric(HpaMetric.memoryUtilization(90))).toThrow(
      /metrics\[2\]: the same metric as metrics\[1\]/,
    );
  });

  it("takes the chart's namespace and names itself after its path by default", () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const hpa = new HorizontalPodAutoscaler(chart, 'api', { ...base, name: undefined });
    expect(hpa.name).toBe('shop-api');
    expect(hpa.namespace).toBe('shop');
    expect(objectsOfKind(chart, 'HorizontalPodAutoscaler')[0].metadata).toEqual({
      name: 'shop-api',
      namespace: 'shop',
    });
  });

  describe('bad input: a clear error naming the construct, field, value and fix', () => {
    test.each<[string, Partial<HorizontalPodAutoscalerProps>, RegExp]>([
      ['minReplicas 0', { minReplicas: 0 }, /minReplicas: minReplicas must be a whole number of at least 1 \(got 0\)/],
      [
        'minReplicas above maxReplicas',
        { minReplicas: 20, maxReplicas: 10 },
        /minReplicas: minReplicas is greater than maxReplicas \(10\) \(got 20\). Fix: lower minReplicas to 10/,
      ],
      [
        'fractional maxReplicas',
        { maxReplicas: 2.5 },
        /maxReplicas: maxReplicas must be a whole number of at least 1 \(got 2.5\)/,
      ],
      [
        'a zero utilization target',
        { metrics: [HpaMetric.cpuUtilization(0)] },
        /metrics\[0\].target.averageUtilization: a utilization target must be a whole percentage greater than 0 \(got 0\)/,
      ],
      [
        'a negative average value',
        { metrics: [ScalingMetric.pods('x', { source: MetricSource.providedBy('keda') }).target('-1')] },
        /metrics\[0\].target.averageValue: the target must be greater than 0 \(got "-1"\)/,
      ],
      [
        'a zero value',
        {
          metrics: [
            ScalingMetric.external('x', { targetType: 'Value', source: MetricSource.providedBy('keda') }).target(0),
          ],
        },
        /metrics\[0\].target.value: the target must be greater than 0/,
      ],
      [
        'a quantity that is not one',
        { metrics: [ScalingMetric.pods('x', { source: MetricSource.providedBy('keda') }).target('ten')] },
        /target.averageValue: not a Kubernetes quantity \(got "ten"\)/,
      ],
      [
        'a policy period of 0',
        { behavior: { scaleUp: { policies: [{ type: 'Percent', value: 100, periodSeconds: 0 }] } } },
        /behavior.scaleUp.policies\[0\].periodSeconds: a policy period must be a whole number of seconds from 1 to 1800 \(got 0\)/,
      ],
      [
        'a policy period above 1800',
        { behavior: { scaleDown: { policies: [{ type: 'Pods', value: 1, periodSeconds: 1801 }] } } },
        /behavior.scaleDown.policies\[0\].periodSeconds: .* from 1 to 1800 \(got 1801\)/,
      ],
      [
        'a stabilization window above 3600',
        { behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } },
        /behavior.scaleDown.stabilizationWindowSeconds: the stabilization window must be a whole number of seconds from 0 to 3600 \(got 3601\)/,
      ],
      [
        'a negative stabilization window',
        { behavior: { scaleUp: { stabilizationWindowSeconds: -1 } } },
        /stabilizationWindowSeconds: .* \(got -1\)/,
      ],
      [
        'a zero policy value',
        { behavior: { scaleUp: { policies: [{ type: 'Pods', value: 0, periodSeconds: 60 }] } } },
        /policies\[0\].value: a policy value must be a whole number greater than 0/,
      ],
      [
        'an unknown policy type',
        { behavior: { scaleUp: { policies: [{ type: 'Replicas' as 'Pods', value: 1, periodSeconds: 60 }] } } },
        /policies\[0\].type: a policy type is "Pods" or "Percent"/,
      ],
      [
        'an unknown selectPolicy',
        { behavior: { scaleUp: { selectPolicy: 'Maximum' as 'Max' } } },
        /selectPolicy: selectPolicy must be "Max", "Min" or "Disabled"/,
      ],
      [
        'an empty policy list',
        { behavior: { scaleUp: { policies: [] } } },
        /behavior.scaleUp.policies: an empty policy list/,
      ],
      ['a name that is not DNS-1123', { name: 'API_hpa' }, /name: not a DNS-1123 subdomain \(got "API_hpa"\)/],
      ['a namespace that is not DNS-1123', { namespace: 'Prod' }, /namespace: not a DNS-1123 label \(got "Prod"\)/],
      [
        'a target name that is not DNS-1123',
        { scaleTargetRef: deployment('rlm_api') },
        /scaleTargetRef.name: not a DNS-1123 subdomain \(got "rlm_api"\)/,
      ],
      [
        'a target without kind',
        { scaleTargetRef: { apiVersion: 'apps/v1', kind: '', name: 'x' } },
        /scaleTargetRef.kind: not a Kubernetes kind/,
      ],
      [
        'a bad apiVersion',
        { scaleTargetRef: { apiVersion: 'apps/1', kind: 'Deployment', name: 'x' } },
        /scaleTargetRef.apiVersion: not an API version \(got "apps\/1"\)/,
      ],
      ['no metrics', { metrics: [] }, /metrics: no metrics: Kubernetes would silently scale on 80% CPU/],
      [
        'the same metric twice',
        { metrics: [HpaMetric.cpuUtilization(70), HpaMetric.cpuUtilization(80)] },
        /metrics\[1\]: the same metric as metrics\[0\]/,
      ],
      [
        'a source series that is not a metric name',
        { metrics: [ScalingMetric.pods('x', { source: MetricSource.prometheus({ series: 'bad name' }) }).target(1)] },
        /metrics\[0\].source.series: not a Prometheus metric name \(got "bad name"\)/,
      ],
      [
        'a metric name with a slash',
        { metrics: [ScalingMetric.pods('a/b', { source: MetricSource.providedBy('keda') }).target(1)] },
        /metrics\[0\].name: a metric name must be non-empty, without "\/"/,
      ],
      [
        'a provider without a name',
        { metrics: [ScalingMetric.pods('x', { source: MetricSource.providedBy(' ') }).target(1)] },
        /metrics\[0\].source: name what provides the metric/,
      ],
      [
        'a bad selector label',
        {
          metrics: [
            ScalingMetric.pods('x', {
              selector: { 'app.kubernetes.io/name': 'x' },
              source: MetricSource.providedBy('keda'),
            }).target(1),
          ],
        },
        /selector.app.kubernetes.io\/name: not a label name/,
      ],
    ])('refuses %s', (_what, change, pattern) => {
      const message = thrown(() => {
        const chart = Testing.chart();
        new HorizontalPodAutoscaler(chart, 'hpa', { ...base, ...change });
      });
      expect(message).toMatch(pattern);
      expect(message).toMatch(/\[test\/hpa\]/);
    });

    it('reports every problem at once', () => {
      const message = thrown(
        () =>
          new HorizontalPodAutoscaler(Testing.chart(), 'hpa', { ...base, minReplicas: 0, maxReplicas: 0, name: 'X' }),
      );
      expect(message).toMatch(/3 problems/);
    });
  });

  describe('custom metrics must be served', () => {
    const agents = (source?: MetricSource): HpaMetric => ScalingMetric.pods('active_agents', { source }).target('10');

    it('a custom metric with no source fails synthesis, naming the metric', () => {
      const message = synthErrors(
        (chart) => new HorizontalPodAutoscaler(chart, 'api', { ...base, metrics: [agents()] }),
      );
      expect(message).toMatch(
        /\[test\/api\] metrics\[0\] \(Pods "active_agents"\).source: a custom metric with no source: nothing serves "active_agents" through the custom metrics API/,
      );
    });

    it('a Prometheus-sourced metric whose rule is in no adapter config fails synthesis', () => {
      const message = synthErrors(
        (chart) =>
          new HorizontalPodAutoscaler(chart, 'api', {
            ...base,
            metrics: [agents(MetricSource.prometheus({ series: 'active_agents' }))],
          }),
      );
      expect(message).toMatch(
        /no PrometheusAdapterConfig in the app holds this metric's adapter rule.*Fix: pass adapter/,
      );
    });

    it('passes with the adapter given, with adapter.add(hpa), with a hand-written rule, or with a named provider', () => {
      expect(
        synthErrors((chart) => {
          const adapter = new PrometheusAdapterConfig(chart, 'adapter');
          new HorizontalPodAutoscaler(chart, 'api', {
            ...base,
            metrics: [agents(MetricSource.prometheus({ series: 'active_agents' }))],
            adapter,
          });
        }),
      ).toBe('');
      expect(
        synthErrors((chart) => {
          const adapter = new PrometheusAdapterConfig(chart, 'adapter');
          adapter.add(
            new HorizontalPodAutoscaler(chart, 'api', {
              ...base,
              metrics: [agents(MetricSource.prometheus({ series: 'active_agents' }))],
            }),
          );
        }),
      ).toBe('');
      expect(
        synthErrors((chart) => {
          new PrometheusAdapterConfig(chart, 'adapter', {
            rules: [
              new AdapterRule({
                api: 'custom',
                seriesQuery: '{__name__=~"^active_.*",namespace!="",pod!=""}',
                nameMatches: '^(.*)$',
                nameAs: '${1}',
                resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
                metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
              }),
            ],
          });
          new HorizontalPodAutoscaler(chart, 'api', {
            ...base,
            metrics: [ScalingMetric.pods('active_agents').target(10)],
          });
        }),
      ).toMatch(/nothing serves "active_agents"/); // a pattern rule's exposed names are only known from the live series
      expect(
        synthErrors((chart) => {
          new PrometheusAdapterConfig(chart, 'adapter', {
            rules: [
              new AdapterRule({
                api: 'custom',
                seriesQuery: 'active_agents{namespace!="",pod!=""}',
                nameAs: 'active_agents',
                resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
                metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
              }),
            ],
          });
          new HorizontalPodAutoscaler(chart, 'api', {
            ...base,
            metrics: [ScalingMetric.pods('active_agents').target(10)],
          });
        }),
      ).toBe('');
      expect(
        synthErrors(
          (chart) =>
            new HorizontalPodAutoscaler(chart, 'api', {
              ...base,
              metrics: [agents(MetricSource.providedBy('datadog-cluster-agent'))],
            }),
        ),
      ).toBe('');
    });

    it('an external metric is looked up among externalRules, not rules', () => {
      const message = synthErrors((chart) => {
        const adapter = new PrometheusAdapterConfig(chart, 'adapter');
        new HorizontalPodAutoscaler(chart, 'other', {
          ...base,
          name: 'other',
          metrics: [agents(MetricSource.prometheus({ series: 'active_agents' }))],
          adapter,
        });
        new HorizontalPodAutoscaler(chart, 'api', {
          ...base,
          metrics: [ScalingMetric.external('active_agents').target(10)],
        });
      });
      expect(message).toMatch(/\[test\/api\].*nothing serves "active_agents" through the external metrics API/);
    });
  });
});
