import { Chart, Testing } from 'cdk8s';
import { checkPromQL } from '../../src/entrypoints/promql';
import {
  HpaMetric,
  KedaScaledObject,
  KedaScaledObjectProps,
  MetricSource,
  ScalingMetric,
  deployment,
} from '../../src/scaling';
import { objectsOfKind } from './support';

const props: KedaScaledObjectProps = {
  name: 'rlm-api',
  scaleTargetRef: deployment('rlm-api'),
  minReplicaCount: 5,
  maxReplicaCount: 50,
  serverAddress: 'http://prometheus-operated.monitoring.svc:9090',
  metrics: [
    HpaMetric.cpuUtilization(70),
    ScalingMetric.pods('rlm_active_agents', {
      source: MetricSource.prometheus({ series: 'rlm_active_agents' }),
    }).target('10'),
    ScalingMetric.external('rlm_queue_depth', {
      targetType: 'Value',
      source: MetricSource.prometheus({ series: 'rlm_queue_depth' }),
    }).target(100),
  ],
  behavior: {
    scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
  },
};

function scaledObject(p: Partial<KedaScaledObjectProps> = {}): Record<string, any> {
  const chart = new Chart(Testing.app(), 'rlm', { namespace: 'rlm-production' });
  new KedaScaledObject(chart, 'keda', { ...props, ...p });
  return objectsOfKind(chart, 'ScaledObject')[0];
}

describe('KedaScaledObject', () => {
  it('turns the HPA declarations into KEDA triggers: cpu, and prometheus queries from the adapter rules', () => {
    const so = scaledObject();
    expect(so.apiVersion).toBe('keda.sh/v1alpha1');
    expect(so.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'rlm-api' },
      minReplicaCount: 5,
      maxReplicaCount: 50,
      advanced: {
        horizontalPodAutoscalerConfig: {
          behavior: {
            scaleDown: {
              stabilizationWindowSeconds: 300,
              policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }],
            },
          },
        },
      },
      triggers: [
        { type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } },
        {
          type: 'prometheus',
          name: 'rlm_active_agents',
          metricType: 'AverageValue',
          metadata: {
            serverAddress: props.serverAddress,
            threshold: '10',
            query:
              'sum(sum(rlm_active_agents{namespace="rlm-production",pod=~"rlm-api-[a-z0-9]+-[a-z0-9]+"}) by (pod))',
          },
        },
        {
          type: 'prometheus',
          name: 'rlm_queue_depth',
          metricType: 'Value',
          metadata: {
            serverAddress: props.serverAddress,
            threshold: '100',
            query: 'sum(rlm_queue_depth{namespace="rlm-production"})',
          },
        },
      ],
    });
    for (const t of so.spec.triggers.filter((x: any) => x.type === 'prometheus'))
      expect(checkPromQL(t.metadata.query)).toEqual([]);
  });

  it('refuses a metric KEDA cannot query, and bad counts', () => {
    expect(() =>
      scaledObject({ metrics: [ScalingMetric.pods('x', { source: MetricSource.providedBy('datadog') }).target(1)] }),
    ).toThrow(
      /metrics\[0\].source: KEDA's prometheus trigger needs the metric's Prometheus series; "x" has a source provided by datadog/,
    );
    expect(() => scaledObject({ minReplicaCount: 60 })).toThrow(
      /minReplicaCount: minReplicaCount is greater than maxReplicaCount \(50\)/,
    );
    expect(() => scaledObject({ serverAddress: 'prometheus:9090' })).toThrow(/serverAddress: not an http\(s\) URL/);
  });
});
