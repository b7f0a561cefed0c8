/**
 * OctoLLM orchestrator autoscaling, from its troubleshooting playbooks (seed 001_58d29907804e4423.txt), which
 * scale by hand: `kubectl scale deployment orchestrator --replicas=3 -n octollm` (CPU exhaustion; the Compose
 * file also runs 3) and `--replicas=4` (resource contention under high latency), and call "Slow API responses
 * (>5 seconds)" on the P95 of http_request_duration_seconds the symptom of High Latency.
 *
 * As an HPA: 3 to 4 replicas, scaling to keep each pod's P95 latency at 5 s. The playbooks give no CPU level
 * (only the "CPU at 100%" symptom), so the HPA does not scale on CPU rather than on an invented number.
 */
import { Chart } from 'cdk8s';
import { HorizontalPodAutoscaler, MetricSource, PrometheusAdapterConfig, ScalingMetric, deployment } from '../../src';

/** What addOctoLlmScaling created. */
export interface OctoLlmScaling {
  readonly adapter: PrometheusAdapterConfig;
  readonly orchestrator: HorizontalPodAutoscaler;
}

/** Adds the orchestrator's HPA and the adapter rule for its latency metric to `chart`. */
export function addOctoLlmScaling(
  chart: Chart,
  options: { readonly adapter?: PrometheusAdapterConfig } = {},
): OctoLlmScaling {
  const adapter =
    options.adapter ??
    new PrometheusAdapterConfig(chart, 'prometheus-adapter', { name: 'prometheus-adapter', namespace: 'monitoring' });
  const p95Latency = ScalingMetric.pods('http_request_duration_seconds_p95', {
    source: MetricSource.prometheus({
      series: 'http_request_duration_seconds_bucket',
      // The playbook's query, per pod: histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m])).
      metricsQuery: 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (le, <<.GroupBy>>))',
    }),
  });
  const orchestrator = new HorizontalPodAutoscaler(chart, 'orchestrator', {
    name: 'orchestrator',
    namespace: chart.namespace ?? 'octollm',
    scaleTargetRef: deployment('orchestrator'),
    minReplicas: 3,
    maxReplicas: 4,
    metrics: [p95Latency.target('5')],
    adapter,
  });
  return { adapter, orchestrator };
}
