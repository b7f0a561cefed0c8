/**
 * The Multi-Tenant AIaaS Platform (seed 003_17a6ac30130628c2.txt, "Operational Runbooks") on one ServiceMonitoring:
 * an alert per runbook code (TIMEOUT, TOOL_DOWN, VALIDATION_FAIL, WS_OVERLOAD) on the Prometheus metric its
 * "Dashboards to Check" names, the platform latency SLO, the realtime HPA; dashboards.ts and routing.ts beside.
 *
 * The alerts stay RuleGroups added to the service's rules: the platform's metrics carry their own `service`
 * label (the microservice), which the facade's `service` label would overwrite, and each severity carries the
 * response procedure's priority and deadlines (withPriority), which the facade has no hook for.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AlertRule,
  Counter,
  Gauge,
  Histogram,
  HorizontalPodAutoscaler,
  MetricSource,
  PrometheusAdapterConfig,
  RuleGroup,
  ScalingMetric,
  ServiceMonitoring,
  ServiceSloProps,
  Sli,
  Slo,
  ThresholdMetric,
  ThresholdMetricProps,
  WatchkeeperError,
  catalogueOf,
  deployment,
  mapAlerts,
} from '../../src';
import { addAiaasDashboards } from './dashboards';

export { addAiaasDashboards, RUNBOOK_TITLES } from './dashboards';
export type { AiaasDashboards, AiaasDashboardsProps } from './dashboards';

export const AIAAS = {
  /** The namespace of every `kubectl ... -n production` in the runbooks. */
  namespace: 'production',
  /** The `system` label of every alert (not `service`: the metrics' `service` label names the microservice). */
  system: 'aiaas',
  /** observability/runbooks/RUNBOOKS.md of the platform's repository; alerts link `<runbookBase>#<anchor>`. */
  runbookBase: 'https://github.com/Tranbac123/multi-ai-agent/blob/main/observability/runbooks/RUNBOOKS.md',
} as const;

/** The URL of a runbook section, by its GitHub heading anchor. */
export const runbookUrl = (anchor: string, base: string = AIAAS.runbookBase): string => `${base}#${anchor}`;

/** The runbook codes: every alert carries one as its `runbook_code` label. */
export type RunbookCode = 'TIMEOUT' | 'TOOL_DOWN' | 'VALIDATION_FAIL' | 'WS_OVERLOAD';

/** The runbooks' sections, by code: the GitHub anchors of their headings. */
export const RUNBOOK_ANCHORS: Readonly<Record<RunbookCode, string>> = {
  TIMEOUT: 'timeout-service-timeout-handling',
  TOOL_DOWN: 'tool_down-tool-service-failure-recovery',
  VALIDATION_FAIL: 'validation_fail-input-validation-failure-handling',
  WS_OVERLOAD: 'ws_overload-websocket-overload-management',
};

/** The metrics the runbooks' "Dashboards to Check" name (Prometheus base units: the histogram is in seconds). */
export const AIAAS_METRICS = {
  latency: new Histogram<'service'>({ name: 'service_latency_histogram', labels: ['service'], unit: 's' }),
  toolHealth: new Gauge({ name: 'tool_service_health_check', help: '1 healthy, 0 failing.' }),
  validationErrors: new Counter<'service'>({ name: 'validation_errors_total', labels: ['service'] }),
  wsConnections: new Gauge({ name: 'websocket_connections_active' }),
  wsDrops: new Counter({ name: 'websocket_backpressure_drops' }),
};
export const AIAAS_CATALOGUE = catalogueOf(...Object.values(AIAAS_METRICS));

/** "Alert Response Procedures": P0-P2 and their deadlines, by the `severity` label. */
export const PRIORITIES = {
  critical: {
    priority: 'P0',
    acknowledgeWithin: '5 minutes',
    investigateWithin: '10 minutes',
    anchor: 'critical-alerts-p0',
  },
  warning: {
    priority: 'P1',
    acknowledgeWithin: '15 minutes',
    investigateWithin: '30 minutes',
    anchor: 'warning-alerts-p1',
  },
  info: { priority: 'P2', acknowledgeWithin: '1 hour', investigateWithin: '2 hours', anchor: 'info-alerts-p2' },
} as const;
export type AiaasSeverity = keyof typeof PRIORITIES;

/** The annotations an alert of this severity carries: its priority and response deadlines. */
export function responseAnnotations(severity: AiaasSeverity): Record<string, string> {
  const p = PRIORITIES[severity];
  return { priority: p.priority, acknowledge_within: p.acknowledgeWithin, investigate_within: p.investigateWithin };
}

/** Adds the severity's `priority` label and response annotations. @throws WatchkeeperError on another severity */
export function withPriority(rule: AlertRule): AlertRule {
  const severity = rule.props.labels?.severity ?? '';
  if (!Object.prototype.hasOwnProperty.call(PRIORITIES, severity)) {
    throw new WatchkeeperError([
      {
        where: `alert "${rule.name}"`,
        field: 'labels.severity',
        value: severity,
        message: 'the AIaaS response procedures define critical (P0), warning (P1) and info (P2) alerts only',
        fix: `use one of ${Object.keys(PRIORITIES).join(', ')}`,
      },
    ]);
  }
  const s = severity as AiaasSeverity;
  return rule.with({ labels: { priority: PRIORITIES[s].priority }, annotations: responseAnnotations(s) });
}

/** The runbooks' "Environment Toggles" the levels derive from; pass the deployed values and the levels follow. */
export interface AiaasToggles {
  /** TIMEOUT_THRESHOLD_MS: a P95 at the request timeout pages (P0). @default 5000 */
  readonly timeoutThresholdMs: number;
  /** MAX_WEBSOCKET_CONNECTIONS: connections one realtime instance accepts. @default 1000 */
  readonly maxWebsocketConnections: number;
  /** BACKPRESSURE_THRESHOLD: share of the connection limit where backpressure starts. @default 0.8 */
  readonly backpressureThreshold: number;
}
export const DEFAULT_TOGGLES: AiaasToggles = {
  timeoutThresholdMs: 5000,
  maxWebsocketConnections: 1000,
  backpressureThreshold: 0.8,
};

/** "High latency metrics (P95 > 500ms)" (TIMEOUT: Symptoms). */
export const P95_LATENCY_WARNING_MS = 500;

/** Settings of the AIaaS alerts. */
export interface AiaasAlertsProps {
  /** The runbooks' URL. @default AIAAS.runbookBase */
  readonly runbookBase?: string;
  /** Toggle values in force, where they differ from the runbooks' defaults. @default DEFAULT_TOGGLES */
  readonly toggles?: Partial<AiaasToggles>;
}

/** One rule group per runbook, in the runbooks' order. */
export function aiaasAlertGroups(props: AiaasAlertsProps = {}): RuleGroup[] {
  const {
    maxWebsocketConnections: maxWs,
    backpressureThreshold,
    timeoutThresholdMs,
  } = {
    ...DEFAULT_TOGGLES,
    ...props.toggles,
  };
  if (!Number.isInteger(maxWs) || maxWs <= 0) {
    throw new WatchkeeperError([
      {
        where: 'aiaasAlertGroups',
        field: 'toggles.maxWebsocketConnections',
        value: maxWs,
        message: 'the connection limit must be a whole number above 0',
        fix: 'pass MAX_WEBSOCKET_CONNECTIONS as deployed, e.g. 2000',
      },
    ]);
  }
  const link = (code: RunbookCode): string => runbookUrl(RUNBOOK_ANCHORS[code], props.runbookBase);
  const labels = (code: RunbookCode) => ({ system: AIAAS.system, runbook_code: code });
  const metric = (code: RunbookCode, p: Omit<ThresholdMetricProps, 'labels' | 'runbookUrl'>) =>
    mapAlerts(new ThresholdMetric({ ...p, labels: labels(code), runbookUrl: link(code) }), withPriority);
  const alert = (code: RunbookCode, severity: AiaasSeverity, alert: string, p: Record<string, string>) =>
    withPriority(
      new AlertRule({
        alert,
        expr: p.expr,
        for: p.for as '1m' | '5m',
        labels: { severity, ...labels(code) },
        annotations: { summary: p.summary, description: p.description, runbook_url: link(code) },
      }),
    );
  return [
    // TIMEOUT: the P95 in ms as the runbook writes it; P1 at its 500 ms, P0 once the P95 reaches the timeout.
    new RuleGroup('aiaas-timeout').add(
      metric('TIMEOUT', {
        alert: 'ServiceTimeout',
        metric: '1000 * histogram_quantile(0.95, sum by (service, le) (rate(service_latency_histogram_bucket[5m])))',
        description: 'P95 latency of {{ $labels.service }}',
        unit: 'ms',
        direction: 'above',
        thresholds: { warning: P95_LATENCY_WARNING_MS, critical: timeoutThresholdMs },
      }),
    ),
    // TOOL_DOWN: "Tool service health checks failing".
    new RuleGroup('aiaas-tool-down').add(
      alert('TOOL_DOWN', 'critical', 'ToolServiceDown', {
        expr: 'tool_service_health_check == 0',
        for: '1m',
        summary: 'Tool service health check failing on {{ $labels.instance }}',
        description:
          'tool_service_health_check of {{ $labels.job }} at {{ $labels.instance }} has reported failure for 1 minute; tool calls get 503s and circuit breakers open.',
      }),
    ),
    // VALIDATION_FAIL: "High validation error rates", "400 Bad Request errors".
    new RuleGroup('aiaas-validation').add(
      metric('VALIDATION_FAIL', {
        alert: 'ValidationFailures',
        metric: 'sum by (service) (rate(validation_errors_total[5m]))',
        description: 'Rate of requests of {{ $labels.service }} rejected by input validation (400)',
        unit: 'reqps',
        direction: 'above',
        thresholds: { info: 1 },
        for: '10m',
      }),
    ),
    // WS_OVERLOAD: backpressure from BACKPRESSURE_THRESHOLD of the limit (P1), refused at the limit (P0).
    new RuleGroup('aiaas-ws-overload').add(
      metric('WS_OVERLOAD', {
        alert: 'WebSocketOverload',
        metric: `websocket_connections_active / ${maxWs}`,
        description: `WebSocket connections of {{ $labels.instance }} (share of the ${maxWs}-connection limit)`,
        unit: 'ratio',
        direction: 'above',
        thresholds: { warning: backpressureThreshold },
      }),
      alert('WS_OVERLOAD', 'critical', 'WebSocketOverload', {
        expr: `websocket_connections_active >= ${maxWs}`,
        for: '1m',
        summary: `WebSocket connections of {{ $labels.instance }} at the ${maxWs}-connection limit`,
        description: `{{ $labels.instance }} holds {{ $value | humanize }} WebSocket connections, the MAX_WEBSOCKET_CONNECTIONS limit of ${maxWs}: new connections are refused.`,
      }),
      alert('WS_OVERLOAD', 'warning', 'WebSocketBackpressureDrops', {
        expr: 'increase(websocket_backpressure_drops[5m]) > 0',
        for: '5m',
        summary: 'WebSocket messages dropped by backpressure on {{ $labels.instance }}',
        description:
          '{{ $labels.instance }} dropped {{ $value | humanize }} WebSocket messages to backpressure in the last 5 minutes.',
      }),
    ),
  ];
}

/** The platform's latency SLO ("P95 > 500ms" of TIMEOUT): 95% of requests within 500 ms, across services. */
export const LATENCY_SLO: ServiceSloProps = {
  name: 'latency',
  objective: 95,
  description: '95% of requests complete within 500 ms',
  sli: Sli.latency({ histogram: 'service_latency_histogram_bucket', threshold: 0.5 }),
  labels: { runbook_code: 'TIMEOUT' },
  runbook: RUNBOOK_ANCHORS.TIMEOUT,
};

/** The SLOs as values (the dashboards draw them). */
export function aiaasSlos(runbookBase: string = AIAAS.runbookBase): Slo[] {
  const { runbook, ...props } = LATENCY_SLO;
  return [
    new Slo({
      ...props,
      service: 'aiaas-platform',
      labels: { system: AIAAS.system, ...props.labels },
      alerting: { runbookUrl: runbookUrl(runbook ?? '', runbookBase) },
    }),
  ];
}

/**
 * WS_OVERLOAD scales by hand (`kubectl scale deployment realtime --replicas=5`); as an HPA: up to 5 replicas,
 * each pod holding 800 connections (BACKPRESSURE_THRESHOLD 0.8 x MAX_WEBSOCKET_CONNECTIONS 1000), where
 * backpressure would start. The runbook gives no floor.
 */
export function addAiaasScaling(chart: Chart, options: { readonly adapter?: PrometheusAdapterConfig } = {}) {
  const adapter =
    options.adapter ??
    new PrometheusAdapterConfig(chart, 'prometheus-adapter', { name: 'prometheus-adapter', namespace: 'monitoring' });
  const connections = ScalingMetric.pods('websocket_connections_active', {
    source: MetricSource.prometheus({ series: 'websocket_connections_active' }),
  });
  const realtime = new HorizontalPodAutoscaler(chart, 'realtime', {
    name: 'realtime',
    namespace: chart.namespace ?? AIAAS.namespace,
    scaleTargetRef: deployment('realtime'),
    maxReplicas: 5,
    metrics: [connections.target(DEFAULT_TOGGLES.maxWebsocketConnections * DEFAULT_TOGGLES.backpressureThreshold)],
    adapter,
  });
  return { adapter, realtime };
}

/** Settings of the AIaaS chart. */
export interface AiaasChartProps extends AiaasAlertsProps {
  /** The namespace of the rules and dashboards. @default 'production' (the runbooks' namespace) */
  readonly namespace?: string;
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** The AIaaS platform's monitoring: one PrometheusRule (`aiaas-platform`), the runbooks' dashboards, the HPA. */
export class AiaasChart extends Chart {
  readonly service: ServiceMonitoring;

  constructor(scope: Construct, id = 'aiaas', props: AiaasChartProps = {}) {
    const namespace = props.namespace ?? AIAAS.namespace;
    super(scope, id, { namespace });
    this.service = new ServiceMonitoring(this, 'platform', {
      service: 'aiaas-platform',
      labels: { system: AIAAS.system },
      runbookBaseUrl: props.runbookBase ?? AIAAS.runbookBase,
      resourceLabels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
      dashboard: false, // the runbooks' four dashboards (dashboards.ts)
    }).addSlo(LATENCY_SLO);
    this.service.rules.addGroups(...aiaasAlertGroups(props));
    addAiaasScaling(this);
    addAiaasDashboards(this, { namespace, runbookBase: props.runbookBase, toggles: props.toggles });
  }
}
