/**
 * AIaaS realtime (WebSocket) service autoscaling, from the operational runbooks (seed 003_17a6ac30130628c2.txt).
 * WS_OVERLOAD scales by hand (`kubectl scale deployment realtime --replicas=5 -n production`); its environment
 * toggles say a pod takes MAX_WEBSOCKET_CONNECTIONS=1000 connections and applies backpressure at
 * BACKPRESSURE_THRESHOLD=0.8 of that; Prometheus has `websocket_connections_active`.
 *
 * As an HPA: up to 5 replicas (the runbook's overload response), scaling so each pod holds 800 connections
 * (0.8 x 1000), the point where backpressure would start dropping messages. The runbook gives no floor, so
 * minReplicas is left to Kubernetes' default.
 */
import { Chart } from 'cdk8s';
import { HorizontalPodAutoscaler, MetricSource, PrometheusAdapterConfig, ScalingMetric, deployment } from '../../src';

/** The runbook's environment toggles the target is computed from. */
export const REALTIME_LIMITS = { maxWebsocketConnections: 1000, backpressureThreshold: 0.8 } as const;

/** What addAiaasScaling created. */
export interface AiaasScaling {
  readonly adapter: PrometheusAdapterConfig;
  readonly realtime: HorizontalPodAutoscaler;
}

/** Adds the realtime service's HPA and the adapter rule for its connections metric to `chart`. */
export function addAiaasScaling(
  chart: Chart,
  options: { readonly adapter?: PrometheusAdapterConfig } = {},
): AiaasScaling {
  const adapter =
    options.adapter ??
    new PrometheusAdapterConfig(chart, 'prometheus-adapter', { name: 'prometheus-adapter', namespace: 'monitoring' });
  const connectionsPerPod = REALTIME_LIMITS.maxWebsocketConnections * REALTIME_LIMITS.backpressureThreshold;
  const realtime = new HorizontalPodAutoscaler(chart, 'realtime', {
    name: 'realtime',
    namespace: chart.namespace ?? 'production',
    scaleTargetRef: deployment('realtime'),
    maxReplicas: 5,
    metrics: [
      ScalingMetric.pods('websocket_connections_active', {
        source: MetricSource.prometheus({ series: 'websocket_connections_active' }),
      }).target(connectionsPerPod),
    ],
    adapter,
  });
  return { adapter, realtime };
}
