/**
 * SmartCloudOps API autoscaling, from its production troubleshooting guide (seed 004_78bffc72f6f6c34a.txt),
 * which scales by hand: `kubectl scale deployment smartcloudops-api --replicas=5 -n smartcloudops` when pods
 * are resource constrained and `--replicas=10` for "API response times > 2 seconds", measured as
 * histogram_quantile(0.95, rate(flask_request_duration_seconds_bucket[5m])).
 *
 * As an HPA: up to 10 replicas (the guide's largest scale-out), scaling to keep each pod's P95 response time
 * at 2 s. The guide gives no floor (5 is a scale-up, not a baseline), so minReplicas is left to Kubernetes'
 * default, and no CPU level, so the HPA does not scale on CPU.
 */
import { Chart } from 'cdk8s';
import { HorizontalPodAutoscaler, MetricSource, PrometheusAdapterConfig, ScalingMetric, deployment } from '../../src';

/** What addSmartCloudOpsScaling created. */
export interface SmartCloudOpsScaling {
  readonly adapter: PrometheusAdapterConfig;
  readonly api: HorizontalPodAutoscaler;
}

/** Adds smartcloudops-api's HPA and the adapter rule for its latency metric to `chart`. */
export function addSmartCloudOpsScaling(
  chart: Chart,
  options: { readonly adapter?: PrometheusAdapterConfig } = {},
): SmartCloudOpsScaling {
  // The guide runs Prometheus in smartcloudops-monitoring (`kubectl get pods -n smartcloudops-monitoring -l
  // app.kubernetes.io/name=prometheus`); prometheus-adapter goes beside it.
  const adapter =
    options.adapter ??
    new PrometheusAdapterConfig(chart, 'prometheus-adapter', {
      name: 'prometheus-adapter',
      namespace: 'smartcloudops-monitoring',
    });
  const p95ResponseTime = ScalingMetric.pods('flask_request_duration_seconds_p95', {
    source: MetricSource.prometheus({
      series: 'flask_request_duration_seconds_bucket',
      metricsQuery: 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (le, <<.GroupBy>>))',
    }),
  });
  const api = new HorizontalPodAutoscaler(chart, 'smartcloudops-api', {
    name: 'smartcloudops-api',
    // The API runs in smartcloudops (the chart's namespace is the monitoring one); an HPA lives beside its target.
    namespace: 'smartcloudops',
    scaleTargetRef: deployment('smartcloudops-api'),
    maxReplicas: 10,
    metrics: [p95ResponseTime.target('2')],
    adapter,
  });
  return { adapter, api };
}
