/**
 * The Multi-Tenant AIaaS Platform (seed 003_17a6ac30130628c2.txt, "Operational Runbooks") on one ServiceMonitoring:
 * a dashboard row per runbook code with its alerts (labelled with the code) on the metrics its "Dashboards to Check"
 * name; the "Alert Response Procedures" on every alert by severity; the latency SLO; the realtime HPA. routing.ts beside.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Counter,
  Gauge,
  Histogram,
  MetricSource,
  PanelSpec,
  PrometheusAdapterConfig,
  ScalingMetric,
  Panels,
  ServiceArea,
  ServiceMonitoring,
  ServiceThresholdProps,
  Sli,
  WatchkeeperError,
  catalogueOf,
  deployment,
} from '../../src';

/** The runbooks' namespace (`kubectl ... -n production`), the alerts' `system` label, the runbooks' URL. */
export const AIAAS = {
  namespace: 'production',
  system: 'aiaas',
  runbookBase: 'https://github.com/Tranbac123/multi-ai-agent/blob/main/observability/runbooks/RUNBOOKS.md',
} as const;

/** Each runbook's title and the Grafana dashboard its "Dashboards to Check" name, by code (the `runbook_code` label). */
export const RUNBOOKS = {
  TIMEOUT: { title: 'Service Timeout Handling', grafana: 'Service Latency Dashboard' },
  TOOL_DOWN: { title: 'Tool Service Failure Recovery', grafana: 'Tool Service Health Dashboard' },
  VALIDATION_FAIL: { title: 'Input Validation Failure Handling', grafana: 'Validation Error Dashboard' },
  WS_OVERLOAD: { title: 'WebSocket Overload Management', grafana: 'WebSocket Dashboard' },
} as const;
export type RunbookCode = keyof typeof RUNBOOKS;

/** A runbook's heading, `<code>: <title>`, and its GitHub anchor (lower-cased, spaces to `-`, punctuation dropped). */
export const runbookHeading = (code: RunbookCode): string => `${code}: ${RUNBOOKS[code].title}`;
export const runbookAnchor = (code: RunbookCode): string =>
  runbookHeading(code)
    .toLowerCase()
    .replace(/[^\w -]| /g, (c) => (c === ' ' ? '-' : ''));

/** The metrics the runbooks' "Dashboards to Check" name (Prometheus base units: the histogram is in seconds). */
export const AIAAS_CATALOGUE = catalogueOf(
  new Histogram({ name: 'service_latency_histogram', labels: ['service'], unit: 's' }),
  new Gauge({ name: 'tool_service_health_check', help: '1 healthy, 0 failing.' }),
  new Counter({ name: 'validation_errors_total', labels: ['service'] }),
  new Gauge({ name: 'websocket_connections_active' }),
  new Counter({ name: 'websocket_backpressure_drops' }),
);

/** What an alert of a severity carries: its priority (label and annotation) and response deadlines. */
const procedure = (priority: string, acknowledge_within: string, investigate_within: string) => ({
  labels: { priority },
  annotations: { priority, acknowledge_within, investigate_within },
});
/** "Alert Response Procedures": P0-P2 and their deadlines, by the `severity` label (the service's alertsBySeverity). */
export const RESPONSE_PROCEDURES = {
  critical: procedure('P0', '5 minutes', '10 minutes'),
  warning: procedure('P1', '15 minutes', '30 minutes'),
  info: procedure('P2', '1 hour', '2 hours'),
};

/** The runbooks' "Environment Toggles" the levels derive from, at their defaults; pass the deployed values. */
export const DEFAULT_TOGGLES = {
  timeoutThresholdMs: 5000, // TIMEOUT_THRESHOLD_MS: a P95 at the request timeout pages (P0)
  maxWebsocketConnections: 1000, // MAX_WEBSOCKET_CONNECTIONS: connections one realtime instance accepts
  backpressureThreshold: 0.8, // BACKPRESSURE_THRESHOLD: share of the limit where backpressure starts
};

/** A panel the runbook describes but no alert watches; `queries` by legend. */
const panel = (kind: PanelSpec['kind'], title: string, unit: string, queries: Record<string, string>) =>
  ({ kind, title, unit, queries: Object.entries(queries).map(([legend, expr]) => ({ expr, legend })) }) as PanelSpec;
/** A runbook's dashboard row: its threshold, alerts (named as written: `alertPrefix: ''`), the panels of other symptoms. */
type Row = Omit<ServiceArea, 'thresholds'> & { threshold?: ServiceThresholdProps };
function runbookRows(t: typeof DEFAULT_TOGGLES, namespace: string): Record<RunbookCode, Row> {
  const max = t.maxWebsocketConnections;
  return {
    // The P95 in ms as the runbook writes it; P1 at its 500 ms, P0 once the P95 reaches the timeout.
    TIMEOUT: {
      threshold: {
        alert: 'ServiceTimeout',
        metric: '1000 * histogram_quantile(0.95, sum by (service, le) (rate(service_latency_histogram_bucket[5m])))',
        description: 'P95 latency of {{ $labels.service }}',
        unit: 'ms',
        direction: 'above',
        thresholds: { warning: 500, critical: t.timeoutThresholdMs }, // "P95 > 500ms" (Symptoms)
        panel: { title: 'P95 latency by service', legend: '{{service}}' },
      },
      panels: [
        panel('heatmap', 'Latency distribution', 's', {
          '{{le}}': 'sum by (le) (rate(service_latency_histogram_bucket[$__rate_interval]))',
        }),
        panel('timeseries', 'Requests per second by service', 'reqps', {
          '{{service}}': 'sum by (service) (rate(service_latency_histogram_count[$__rate_interval]))',
        }),
      ],
    },
    // "Tool service health checks failing"; `kubectl get pods | grep tool-service`, `rollout restart`.
    TOOL_DOWN: {
      alerts: [
        {
          alert: 'ToolServiceDown',
          expr: 'tool_service_health_check == 0',
          for: '1m',
          labels: { severity: 'critical' },
          panel: { kind: 'stat', title: 'Tool service health check', unit: 'short', legend: '{{job}} {{instance}}' },
          annotations: {
            summary: 'Tool service health check failing on {{ $labels.instance }}',
            description: `tool_service_health_check of {{ $labels.job }} at {{ $labels.instance }} has reported failure for 1 minute; tool calls get 503s and circuit breakers open.`,
          },
        },
      ],
      panels: [
        panel('timeseries', 'Healthy tool service instances', 'short', {
          healthy: 'sum(tool_service_health_check)',
          reporting: 'count(tool_service_health_check)',
        }),
        ...Panels.kubernetesWorkload({ namespace, deployment: 'tool-service' }),
      ],
    },
    // "High validation error rates", "400 Bad Request errors".
    VALIDATION_FAIL: {
      threshold: {
        alert: 'ValidationFailures',
        metric: 'sum by (service) (rate(validation_errors_total[5m]))',
        description: 'Rate of requests of {{ $labels.service }} rejected by input validation (400)',
        unit: 'reqps',
        direction: 'above',
        thresholds: { info: 1 },
        for: '10m',
        panel: { title: 'Validation errors per second by service', legend: '{{service}}' },
      },
      panels: [
        panel('bargauge', 'Validation errors by service (24h)', 'short', {
          '{{service}}': 'sum by (service) (increase(validation_errors_total[24h]))',
        }),
      ],
    },
    // Backpressure from BACKPRESSURE_THRESHOLD of the limit (P1), refused at MAX_WEBSOCKET_CONNECTIONS (P0), drops.
    WS_OVERLOAD: {
      threshold: {
        alert: 'WebSocketOverload',
        metric: `websocket_connections_active / ${max}`,
        description: `WebSocket connections of {{ $labels.instance }} (share of the ${max}-connection limit)`,
        unit: 'ratio',
        direction: 'above',
        thresholds: { warning: t.backpressureThreshold },
        panel: { kind: 'gauge', title: 'Share of the connection limit', legend: '{{instance}}' },
      },
      alerts: [
        {
          alert: 'WebSocketOverload',
          expr: `websocket_connections_active >= ${max}`,
          for: '1m',
          labels: { severity: 'critical' },
          panel: { title: 'Active WebSocket connections', unit: 'short', legend: '{{instance}}' },
          annotations: {
            summary: `WebSocket connections of {{ $labels.instance }} at the ${max}-connection limit`,
            description: `{{ $labels.instance }} holds {{ $value | humanize }} WebSocket connections, the MAX_WEBSOCKET_CONNECTIONS limit of ${max}: new connections are refused.`,
          },
        },
        {
          alert: 'WebSocketBackpressureDrops',
          expr: 'increase(websocket_backpressure_drops[5m]) > 0',
          for: '5m',
          labels: { severity: 'warning' },
          panel: { title: 'Backpressure drops (5m)', unit: 'short', legend: '{{instance}}' },
          annotations: {
            summary: 'WebSocket messages dropped by backpressure on {{ $labels.instance }}',
            description: `{{ $labels.instance }} dropped {{ $value | humanize }} WebSocket messages to backpressure in the last 5 minutes.`,
          },
        },
      ],
      panels: Panels.kubernetesWorkload({ namespace, deployment: 'realtime' }),
    },
  };
}

/** Settings of the AIaaS chart. */
export interface AiaasChartProps {
  /** The runbooks' URL. @default AIAAS.runbookBase */
  readonly runbookBase?: string;
  /** Toggle values in force, where they differ from the runbooks' defaults. @default DEFAULT_TOGGLES */
  readonly toggles?: Partial<typeof DEFAULT_TOGGLES>;
  /** The namespace of the rules, dashboard and HPA. @default 'production' (the runbooks' namespace) */
  readonly namespace?: string;
}

/** The AIaaS platform's monitoring: one PrometheusRule (`aiaas-platform`), one dashboard, the realtime HPA. */
export class AiaasChart extends Chart {
  readonly service: ServiceMonitoring;

  constructor(scope: Construct, id = 'aiaas', props: AiaasChartProps = {}) {
    super(scope, id, { namespace: props.namespace ?? AIAAS.namespace });
    const toggles = { ...DEFAULT_TOGGLES, ...props.toggles };
    const max = toggles.maxWebsocketConnections;
    const where = `AiaasChart "${id}"`;
    if (!Number.isInteger(max) || max <= 0)
      throw new WatchkeeperError([
        { where, field: 'toggles.maxWebsocketConnections', value: max, message: 'not a whole number above 0' },
      ]);
    const base = props.runbookBase ?? AIAAS.runbookBase;
    this.service = new ServiceMonitoring(this, 'platform', {
      service: 'aiaas-platform',
      labels: { system: AIAAS.system },
      labelAlertsWithService: false,
      alertsBySeverity: RESPONSE_PROCEDURES,
      runbookBaseUrl: base,
      resourceLabels: { release: 'kube-prometheus-stack' }, // what the Prometheus resource's ruleSelector matches
      dashboard: { title: 'AIaaS Platform', folder: 'AIaaS', tags: ['aiaas'], metrics: AIAAS_CATALOGUE },
    }).addSlo({
      name: 'latency',
      objective: 95,
      description: '95% of requests complete within 500 ms',
      sli: Sli.latency({ histogram: 'service_latency_histogram_bucket', threshold: 0.5 }),
      labels: { runbook_code: 'TIMEOUT' },
      runbook: runbookAnchor('TIMEOUT'),
    });
    const rows = Object.entries(runbookRows(toggles, this.namespace ?? AIAAS.namespace)) as Array<[RunbookCode, Row]>;
    for (const [code, { threshold, ...row }] of rows)
      this.service.addArea(`${runbookHeading(code)} (${RUNBOOKS[code].grafana})`, {
        ...row,
        thresholds: threshold && [threshold],
        runbook: runbookAnchor(code),
        ruleGroup: `aiaas-platform-${code.toLowerCase().replace('_', '-')}`,
        labels: { runbook_code: code },
      });
    // WS_OVERLOAD scales by hand (`kubectl scale deployment realtime --replicas=5`); as an HPA: up to 5 replicas,
    // each pod holding connections up to where backpressure would start. The runbook gives no floor.
    const ws = 'websocket_connections_active';
    const connections = ScalingMetric.pods(ws, { source: MetricSource.prometheus({ series: ws }) });
    const adapter = { name: 'prometheus-adapter', namespace: 'monitoring' }; // where prometheus-adapter runs
    this.service.addAutoscaling('realtime', {
      name: 'realtime',
      scaleTargetRef: deployment('realtime'),
      maxReplicas: 5,
      metrics: [connections.target(max * toggles.backpressureThreshold)],
      adapter: new PrometheusAdapterConfig(this, adapter.name, adapter),
    });
  }
}
