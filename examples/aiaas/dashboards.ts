/**
 * The four Grafana dashboards the AIaaS operational runbooks send the on-call engineer to ("Dashboards to
 * Check", seed 003_17a6ac30130628c2.txt): Service Latency, Tool Service Health, Validation Error and WebSocket,
 * titled as the runbooks name them, each on the Prometheus metric its runbook names.
 *
 * Panels of alerted metrics are rendered from the alert rules of alerts.ts (their query, their levels as
 * thresholds, their runbook link), so a toggle changed once (TIMEOUT_THRESHOLD_MS, MAX_WEBSOCKET_CONNECTIONS,
 * BACKPRESSURE_THRESHOLD) moves the alert and the panel's line together. The platform's latency SLO is on the
 * Service Latency Dashboard.
 */
import { Chart } from 'cdk8s';
import {
  AlertRule,
  Dashboard,
  DashboardProps,
  IPanelSource,
  PanelLink,
  PanelSpec,
  alertCondition,
  alertPanel,
  levelSteps,
} from '../../src';
import { AIAAS, AiaasToggles, RUNBOOK_ANCHORS, RunbookCode, aiaasAlertGroups, aiaasSlos, runbookUrl } from '.';

/** Settings of the AIaaS dashboards. */
export interface AiaasDashboardsProps {
  /** The namespace of the platform's pods (`kubectl ... -n production`); Kubernetes metrics' selectors use it. @default AIAAS.namespace */
  readonly namespace?: string;
  /** The runbooks' URL; panels and dashboards link `<runbookBase>#<anchor>`. @default AIAAS.runbookBase */
  readonly runbookBase?: string;
  /** Toggle values in force, as given to the alerts (the levels follow them). @default the runbooks' defaults */
  readonly toggles?: Partial<AiaasToggles>;
}

/** The dashboards added by addAiaasDashboards, by runbook. */
export interface AiaasDashboards {
  /** TIMEOUT: "Service Latency Dashboard", with the latency SLO. */
  readonly serviceLatency: Dashboard;
  /** TOOL_DOWN: "Tool Service Health Dashboard". */
  readonly toolServiceHealth: Dashboard;
  /** VALIDATION_FAIL: "Validation Error Dashboard". */
  readonly validationError: Dashboard;
  /** WS_OVERLOAD: "WebSocket Dashboard". */
  readonly websocket: Dashboard;
}

/** The runbooks' section headings, by code (the rows' titles). */
export const RUNBOOK_TITLES: Readonly<Record<RunbookCode, string>> = {
  TIMEOUT: 'TIMEOUT: Service Timeout Handling',
  TOOL_DOWN: 'TOOL_DOWN: Tool Service Failure Recovery',
  VALIDATION_FAIL: 'VALIDATION_FAIL: Input Validation Failure Handling',
  WS_OVERLOAD: 'WS_OVERLOAD: WebSocket Overload Management',
};

/**
 * WS_OVERLOAD's two numbers, read from the WebSocketOverload rules: the connection limit (the critical
 * `websocket_connections_active >= <limit>`) and the backpressure share (the warning `... / <limit> > <share>`).
 */
function websocketLevels(rules: readonly AlertRule[]): {
  limit: number;
  backpressure: number;
  shareQuery: string;
  limitSeverity: string;
  backpressureSeverity: string;
} {
  const ws = rules.filter((r) => r.name === 'WebSocketOverload').map((r) => ({ r, c: alertCondition(r.props.expr) }));
  const atLimit = ws.find((x) => x.c?.op === '>=');
  const share = ws.find((x) => x.c?.op === '>');
  if (!atLimit?.c || !share?.c) throw new Error('WebSocketOverload: expected a ">= limit" rule and a "> share" rule');
  return {
    limit: atLimit.c.value,
    backpressure: share.c.value,
    shareQuery: share.c.query,
    limitSeverity: atLimit.r.props.labels?.severity ?? 'critical',
    backpressureSeverity: share.r.props.labels?.severity ?? 'warning',
  };
}

/**
 * Adds the runbooks' four dashboards to `chart` (ids service-latency, tool-service-health, validation-errors,
 * websocket; uids `<chart>-<id>`), each with a sidecar ConfigMap in the AIaaS folder.
 */
export function addAiaasDashboards(chart: Chart, props: AiaasDashboardsProps = {}): AiaasDashboards {
  const ns = props.namespace ?? AIAAS.namespace;
  const base = props.runbookBase ?? AIAAS.runbookBase;
  const rules = aiaasAlertGroups({ runbookBase: base, toggles: props.toggles })
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);
  const runbook = (code: RunbookCode): PanelLink => ({
    title: `Runbook: ${RUNBOOK_TITLES[code]}`,
    url: runbookUrl(RUNBOOK_ANCHORS[code], base),
  });
  /** A panel the runbook describes but no alert watches: linked to the runbook's section. */
  const symptom = (code: RunbookCode, spec: PanelSpec): PanelSpec => ({ ...spec, links: [runbook(code)] });
  const dashboard = (id: string, code: RunbookCode, title: string, description: string): Dashboard =>
    new Dashboard(chart, id, {
      title,
      description,
      tags: ['aiaas', code.toLowerCase()],
      refresh: '30s',
      time: { from: 'now-6h', to: 'now' },
      configMap: { folder: 'AIaaS' },
      links: [
        { title: 'AIaaS dashboards', tags: ['aiaas'] },
        { title: `Runbook: ${RUNBOOK_TITLES[code]}`, url: runbookUrl(RUNBOOK_ANCHORS[code], base), icon: 'doc' },
      ],
      annotations: [
        {
          name: 'Deployments',
          expr: `changes(kube_deployment_status_observed_generation{namespace="${ns}"}[5m]) > 0`,
          title: 'Deployment {{deployment}}',
          tagKeys: ['deployment'],
          iconColor: 'purple',
        },
      ],
    } satisfies DashboardProps);

  // TIMEOUT: "High latency metrics (P95 > 500ms)"; Prometheus: service_latency_histogram.
  const serviceLatency = dashboard(
    'service-latency',
    'TIMEOUT',
    'Service Latency Dashboard',
    "P95 latency per service against the runbook's 500 ms and the request timeout; the latency SLO. Runbook: TIMEOUT.",
  );
  serviceLatency.addRow(RUNBOOK_TITLES.TIMEOUT, {
    panels: [
      alertPanel(rules, 'ServiceTimeout', { title: 'P95 latency by service', unit: 'ms', legend: '{{service}}' }),
      symptom('TIMEOUT', {
        kind: 'heatmap',
        title: 'Latency distribution',
        unit: 's',
        queries: [{ expr: 'sum by (le) (rate(service_latency_histogram_bucket[$__rate_interval]))', legend: '{{le}}' }],
      }),
      symptom('TIMEOUT', {
        kind: 'timeseries',
        title: 'Requests per second by service',
        unit: 'reqps',
        queries: [
          { expr: 'sum by (service) (rate(service_latency_histogram_count[$__rate_interval]))', legend: '{{service}}' },
        ],
      }),
      // Immediate Actions: "Check resource usage: kubectl top pods -n production" (cores).
      symptom('TIMEOUT', {
        kind: 'timeseries',
        title: 'CPU by pod (cores)',
        unit: 'short',
        queries: [
          {
            expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="${ns}", container!=""}[$__rate_interval]))`,
            legend: '{{pod}}',
          },
        ],
      }),
    ],
  });
  for (const slo of aiaasSlos(base)) {
    const linked: IPanelSource = { panels: () => slo.panels().map((p) => ({ ...p, links: [runbook('TIMEOUT')] })) };
    serviceLatency.addRow(`SLO ${slo.props.name}: ${slo.objectivePercent}% over ${slo.window}`, { panels: [linked] });
  }

  // TOOL_DOWN: "Tool service health checks failing"; Prometheus: tool_service_health_check.
  const toolServiceHealth = dashboard(
    'tool-service-health',
    'TOOL_DOWN',
    'Tool Service Health Dashboard',
    'Tool service health checks, and the tool-service deployment. Runbook: TOOL_DOWN.',
  );
  toolServiceHealth.addRow(RUNBOOK_TITLES.TOOL_DOWN, {
    panels: [
      alertPanel(rules, 'ToolServiceDown', {
        kind: 'stat',
        title: 'Tool service health check',
        unit: 'short',
        legend: '{{job}} {{instance}}',
      }),
      symptom('TOOL_DOWN', {
        kind: 'timeseries',
        title: 'Healthy tool service instances',
        unit: 'short',
        queries: [
          { expr: 'sum(tool_service_health_check)', legend: 'healthy' },
          { expr: 'count(tool_service_health_check)', legend: 'reporting' },
        ],
      }),
      // Commands: `kubectl get pods -n production | grep tool-service`, `kubectl rollout restart deployment/tool-service`.
      symptom('TOOL_DOWN', {
        kind: 'stat',
        title: 'tool-service replicas available',
        unit: 'short',
        queries: [
          {
            expr: `sum(kube_deployment_status_replicas_available{namespace="${ns}", deployment="tool-service"})`,
            legend: 'available',
          },
        ],
      }),
      symptom('TOOL_DOWN', {
        kind: 'timeseries',
        title: 'tool-service restarts (1h)',
        unit: 'short',
        width: 24,
        queries: [
          {
            expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="${ns}", pod=~"tool-service-.*"}[1h]))`,
            legend: '{{pod}}',
          },
        ],
      }),
    ],
  });

  // VALIDATION_FAIL: "High validation error rates", "400 Bad Request errors"; Prometheus: validation_errors_total.
  const validationError = dashboard(
    'validation-errors',
    'VALIDATION_FAIL',
    'Validation Error Dashboard',
    'Requests rejected by input validation (400), per service. Runbook: VALIDATION_FAIL.',
  );
  validationError.addRow(RUNBOOK_TITLES.VALIDATION_FAIL, {
    panels: [
      alertPanel(rules, 'ValidationFailures', {
        title: 'Validation errors per second by service',
        unit: 'reqps',
        legend: '{{service}}',
      }),
      symptom('VALIDATION_FAIL', {
        kind: 'bargauge',
        title: 'Validation errors by service (24h)',
        unit: 'short',
        queries: [{ expr: 'sum by (service) (increase(validation_errors_total[24h]))', legend: '{{service}}' }],
      }),
    ],
  });

  // WS_OVERLOAD: "High WebSocket connection counts", "Backpressure drops"; Prometheus: websocket_connections_active,
  // websocket_backpressure_drops. The limit (MAX_WEBSOCKET_CONNECTIONS) and the backpressure share
  // (BACKPRESSURE_THRESHOLD) are read from the WebSocketOverload rules.
  const ws = websocketLevels(rules);
  const connectionLevels = [
    { severity: ws.backpressureSeverity, value: Number((ws.backpressure * ws.limit).toPrecision(12)) },
    { severity: ws.limitSeverity, value: ws.limit },
  ];
  const websocket = dashboard(
    'websocket',
    'WS_OVERLOAD',
    'WebSocket Dashboard',
    `WebSocket connections against backpressure (${ws.backpressure} of the limit) and the ${ws.limit}-connection limit; backpressure drops. Runbook: WS_OVERLOAD.`,
  );
  const wsDescription = `Alert WebSocketOverload: ${ws.backpressureSeverity} above ${ws.backpressure} of the limit (backpressure), ${ws.limitSeverity} at the limit of ${ws.limit}.`;
  websocket.addRow(RUNBOOK_TITLES.WS_OVERLOAD, {
    panels: [
      {
        kind: 'timeseries',
        title: 'Active WebSocket connections',
        unit: 'short',
        description: wsDescription,
        queries: [{ expr: 'websocket_connections_active', legend: '{{instance}}' }],
        thresholds: levelSteps(connectionLevels, 'above'),
        links: [runbook('WS_OVERLOAD')],
      },
      {
        // The query of the backpressure alert (connections / limit), with the limit itself (1) as the last step.
        kind: 'gauge',
        title: 'Share of the connection limit',
        unit: 'percentunit',
        min: 0,
        max: 1,
        description: wsDescription,
        width: 12,
        height: 8,
        queries: [{ expr: ws.shareQuery, legend: '{{instance}}' }],
        thresholds: levelSteps(
          [
            { severity: ws.backpressureSeverity, value: ws.backpressure },
            { severity: ws.limitSeverity, value: 1 },
          ],
          'above',
        ),
        links: [runbook('WS_OVERLOAD')],
      },
      {
        ...alertPanel(rules, 'WebSocketBackpressureDrops', {
          title: 'Backpressure drops (5m)',
          unit: 'short',
          legend: '{{instance}}',
        }),
        width: 18,
      },
      // Immediate Actions: "Scale realtime service if needed" (`kubectl scale deployment realtime`).
      symptom('WS_OVERLOAD', {
        kind: 'stat',
        title: 'realtime replicas available',
        unit: 'short',
        width: 6,
        height: 8,
        queries: [
          {
            expr: `sum(kube_deployment_status_replicas_available{namespace="${ns}", deployment="realtime"})`,
            legend: 'available',
          },
        ],
      }),
    ],
  });

  return { serviceLatency, toolServiceHealth, validationError, websocket };
}
