/**
 * One alert per runbook of the AIaaS "Operational Runbooks" (seed 003_17a6ac30130628c2.txt), on the Prometheus
 * metric the runbook's "Dashboards to Check" names, with the runbook code as a label and the severity's
 * response times (Alert Response Procedures) as annotations.
 */
import {
  AlertRule,
  IRuleSource,
  RuleGroup,
  ThresholdMetric,
  ThresholdMetricProps,
  WatchkeeperError,
  mapAlerts,
} from '../../src';
import { AIAAS, RunbookCode, runbookUrl, withPriority } from './common';

/**
 * The defaults of the runbooks' "Environment Toggles" that the alert levels derive from. When the team applies
 * a runbook's advice (e.g. MAX_WEBSOCKET_CONNECTIONS 1000 -> 2000), pass the new value and the levels follow.
 */
export interface AiaasToggles {
  /** TIMEOUT_THRESHOLD_MS: requests slower than this time out. P95 at this level pages (P0). @default 5000 */
  readonly timeoutThresholdMs: number;
  /** MAX_WEBSOCKET_CONNECTIONS: connections one realtime instance accepts. @default 1000 */
  readonly maxWebsocketConnections: number;
  /** BACKPRESSURE_THRESHOLD: share of the connection limit where backpressure starts. @default 0.8 */
  readonly backpressureThreshold: number;
}

/** The toggles as the runbooks ship them. */
export const DEFAULT_TOGGLES: AiaasToggles = {
  timeoutThresholdMs: 5000,
  maxWebsocketConnections: 1000,
  backpressureThreshold: 0.8,
};

/** Settings of the AIaaS alerts. */
export interface AiaasAlertsProps {
  /** The runbooks' URL; alerts link `<runbookBase>#<anchor>`. @default AIAAS.runbookBase */
  readonly runbookBase?: string;
  /** Toggle values in force, where they differ from the runbooks' defaults. @default DEFAULT_TOGGLES */
  readonly toggles?: Partial<AiaasToggles>;
}

/** The runbooks' sections, by code: the GitHub anchors of their headings. */
export const RUNBOOK_ANCHORS: Readonly<Record<RunbookCode, string>> = {
  TIMEOUT: 'timeout-service-timeout-handling',
  TOOL_DOWN: 'tool_down-tool-service-failure-recovery',
  VALIDATION_FAIL: 'validation_fail-input-validation-failure-handling',
  WS_OVERLOAD: 'ws_overload-websocket-overload-management',
};

/** "High latency metrics (P95 > 500ms)" (TIMEOUT: Symptoms). */
export const P95_LATENCY_WARNING_MS = 500;

/** One rule group per runbook, in the runbooks' order. */
export function aiaasAlertGroups(props: AiaasAlertsProps = {}): RuleGroup[] {
  const toggles = { ...DEFAULT_TOGGLES, ...props.toggles };
  if (!Number.isInteger(toggles.maxWebsocketConnections) || toggles.maxWebsocketConnections <= 0) {
    throw new WatchkeeperError([
      {
        where: 'aiaasAlertGroups',
        field: 'toggles.maxWebsocketConnections',
        value: toggles.maxWebsocketConnections,
        message: 'the connection limit must be a whole number above 0',
        fix: 'pass MAX_WEBSOCKET_CONNECTIONS as deployed, e.g. 2000',
      },
    ]);
  }
  const link = (code: RunbookCode): string => runbookUrl(RUNBOOK_ANCHORS[code], props.runbookBase);
  const labels = (code: RunbookCode): Record<string, string> => ({ system: AIAAS.system, runbook_code: code });
  const metric = (code: RunbookCode, p: Omit<ThresholdMetricProps, 'labels' | 'runbookUrl'>): IRuleSource =>
    mapAlerts(new ThresholdMetric({ ...p, labels: labels(code), runbookUrl: link(code) }), withPriority);
  const alert = (
    code: RunbookCode,
    severity: string,
    p: { alert: string; expr: string; for: '1m' | '5m'; summary: string; description: string },
  ): AlertRule =>
    withPriority(
      new AlertRule({
        alert: p.alert,
        expr: p.expr,
        for: p.for,
        labels: { severity, ...labels(code) },
        annotations: { summary: p.summary, description: p.description, runbook_url: link(code) },
      }),
    );
  const { maxWebsocketConnections: maxWs, backpressureThreshold } = toggles;

  return [
    // TIMEOUT: P95 of service_latency_histogram (seconds, the Prometheus base unit) shown in ms as the runbook
    // writes it. P1 at the runbook's 500 ms; P0 once the P95 reaches the timeout itself.
    new RuleGroup('aiaas-timeout').add(
      metric('TIMEOUT', {
        alert: 'ServiceTimeout',
        metric: '1000 * histogram_quantile(0.95, sum by (service, le) (rate(service_latency_histogram_bucket[5m])))',
        description: 'P95 latency of {{ $labels.service }}',
        unit: 'ms',
        direction: 'above',
        thresholds: { warning: P95_LATENCY_WARNING_MS, critical: toggles.timeoutThresholdMs },
      }),
    ),

    // TOOL_DOWN: "Tool service health checks failing" on tool_service_health_check (1 healthy, 0 failing).
    new RuleGroup('aiaas-tool-down').add(
      alert('TOOL_DOWN', 'critical', {
        alert: 'ToolServiceDown',
        expr: 'tool_service_health_check == 0',
        for: '1m',
        summary: 'Tool service health check failing on {{ $labels.instance }}',
        description:
          'tool_service_health_check of {{ $labels.job }} at {{ $labels.instance }} has reported failure for 1 minute; tool calls get 503s and circuit breakers open.',
      }),
    ),

    // VALIDATION_FAIL: "High validation error rates", "400 Bad Request errors": requests rejected by validation.
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

    // WS_OVERLOAD: connections against MAX_WEBSOCKET_CONNECTIONS, per realtime instance. Backpressure starts at
    // BACKPRESSURE_THRESHOLD of the limit (P1); at the limit new connections are refused (P0); drops are P1.
    new RuleGroup('aiaas-ws-overload').add(
      metric('WS_OVERLOAD', {
        alert: 'WebSocketOverload',
        metric: `websocket_connections_active / ${maxWs}`,
        description: `WebSocket connections of {{ $labels.instance }} (share of the ${maxWs}-connection limit)`,
        unit: 'ratio',
        direction: 'above',
        thresholds: { warning: backpressureThreshold },
      }),
      alert('WS_OVERLOAD', 'critical', {
        alert: 'WebSocketOverload',
        expr: `websocket_connections_active >= ${maxWs}`,
        for: '1m',
        summary: `WebSocket connections of {{ $labels.instance }} at the ${maxWs}-connection limit`,
        description: `{{ $labels.instance }} holds {{ $value | humanize }} WebSocket connections, the MAX_WEBSOCKET_CONNECTIONS limit of ${maxWs}: new connections are refused.`,
      }),
      alert('WS_OVERLOAD', 'warning', {
        alert: 'WebSocketBackpressureDrops',
        expr: 'increase(websocket_backpressure_drops[5m]) > 0',
        for: '5m',
        summary: 'WebSocket messages dropped by backpressure on {{ $labels.instance }}',
        description:
          '{{ $labels.instance }} dropped {{ $value | humanize }} WebSocket messages to backpressure in the last 5 minutes.',
      }),
    ),
  ];
}
