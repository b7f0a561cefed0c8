/**
 * SmartCloudOps AI dashboards, one per area of its production troubleshooting guide (seed
 * 004_78bffc72f6f6c34a.txt) as the alerts group them: platform and API (5xx, P95 latency, pods, OOMKilled,
 * nodes; the API latency SLO), database and Redis, security (authentication failures, certificate expiry), and
 * the monitoring stack (scrape targets, Fluentd). Each guide issue is a row, titled as the guide's heading and
 * linking to it.
 *
 * Panels of alerted metrics are rendered from the alert rules of alerts.ts: their query, their levels as
 * thresholds, their runbook link. The guide's severities are P0-P3 (critical, high, medium, low); on panels
 * critical is red, high and medium orange, low blue (SEVERITY_STEP_COLORS).
 */
import { Chart } from 'cdk8s';
import {
  AlertPanelLook,
  AlertRule,
  Dashboard,
  DashboardProps,
  IPanelSource,
  PanelLink,
  PanelSpec,
  alertPanel,
} from '../../src';
import {
  ISSUE_ANCHORS,
  SMARTCLOUDOPS,
  SmartCloudOpsSeverity,
  runbookUrl,
  smartCloudOpsAlertGroups,
  smartCloudOpsSlos,
} from '.';

/** Settings of the SmartCloudOps dashboards. */
export interface SmartCloudOpsDashboardsProps {
  /** The application's namespace. @default SMARTCLOUDOPS.namespace */
  readonly namespace?: string;
  /** The monitoring stack's namespace (Prometheus, Fluentd). @default SMARTCLOUDOPS.monitoringNamespace */
  readonly monitoringNamespace?: string;
  /** The guide's URL; panels and dashboards link `<runbookBase>#<anchor>`. @default SMARTCLOUDOPS.runbookBase */
  readonly runbookBase?: string;
}

/** The dashboards added by addSmartCloudOpsDashboards, by area. */
export interface SmartCloudOpsDashboards {
  /** "SmartCloudOps: Platform and API", with the API latency SLO. */
  readonly platform: Dashboard;
  /** "SmartCloudOps: Database and Redis". */
  readonly data: Dashboard;
  /** "SmartCloudOps: Security". */
  readonly security: Dashboard;
  /** "SmartCloudOps: Monitoring and Logging". */
  readonly monitoring: Dashboard;
}

/** The guide's issue headings (after "Issue: "), the rows' titles. */
export const ISSUE_TITLES: Readonly<Record<keyof typeof ISSUE_ANCHORS, string>> = {
  apiUnavailable: 'API Service Unavailable (500/503 Errors)',
  highResponseTimes: 'High Response Times / Performance Degradation',
  memoryLeaks: 'Memory Leaks / OOMKilled Events',
  nodeIssues: 'EKS Cluster Node Issues',
  databasePerformance: 'Database Performance Degradation',
  redisPerformance: 'Redis Cache Performance',
  suspiciousAuthentication: 'Suspicious Authentication Activity',
  certificateExpiration: 'Certificate Expiration',
  prometheusNotCollecting: 'Prometheus Not Collecting Metrics',
  logIngestion: 'Log Ingestion Problems',
};

/** A guide issue, by its ISSUE_ANCHORS key. */
export type SmartCloudOpsIssue = keyof typeof ISSUE_ANCHORS;

/**
 * The colour of each of the guide's severities on panels, as the panel colours' names (critical red, warning
 * orange, info blue): P0 red, P1 and P2 orange, P3 blue.
 */
export const SEVERITY_STEP_COLORS: Readonly<Record<SmartCloudOpsSeverity, 'critical' | 'warning' | 'info'>> = {
  critical: 'critical',
  high: 'warning',
  medium: 'warning',
  low: 'info',
};

const stepSeverity = (severity: string | undefined): string =>
  SEVERITY_STEP_COLORS[severity as SmartCloudOpsSeverity] ?? severity ?? 'critical';

/** The panel of one alert, its levels coloured by SEVERITY_STEP_COLORS. */
const scoPanel = (rules: readonly AlertRule[], alert: string, look: AlertPanelLook): PanelSpec =>
  alertPanel(rules, alert, look, { stepSeverity });

/**
 * Adds the four area dashboards to `chart` (ids platform, data, security, monitoring-logging; uids
 * `<chart>-<id>`), each with a sidecar ConfigMap in the SmartCloudOps folder.
 */
export function addSmartCloudOpsDashboards(
  chart: Chart,
  props: SmartCloudOpsDashboardsProps = {},
): SmartCloudOpsDashboards {
  const ns = props.namespace ?? SMARTCLOUDOPS.namespace;
  const monitoringNs = props.monitoringNamespace ?? SMARTCLOUDOPS.monitoringNamespace;
  const base = props.runbookBase ?? SMARTCLOUDOPS.runbookBase;
  const rules = smartCloudOpsAlertGroups({ namespace: ns, monitoringNamespace: monitoringNs, runbookBase: base })
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);
  const guide = (issue: SmartCloudOpsIssue): PanelLink => ({
    title: `Guide: ${ISSUE_TITLES[issue]}`,
    url: runbookUrl(ISSUE_ANCHORS[issue], base),
  });
  /** A panel the guide describes but no alert watches: linked to the issue's section. */
  const symptom = (issue: SmartCloudOpsIssue, spec: PanelSpec): PanelSpec => ({ ...spec, links: [guide(issue)] });
  const app = `namespace="${ns}"`;
  const dashboard = (
    id: string,
    title: string,
    description: string,
    issues: readonly SmartCloudOpsIssue[],
  ): Dashboard =>
    new Dashboard(chart, id, {
      title,
      description,
      tags: ['smartcloudops', id],
      refresh: '30s',
      time: { from: 'now-6h', to: 'now' },
      configMap: { folder: 'SmartCloudOps' },
      links: [
        { title: 'SmartCloudOps dashboards', tags: ['smartcloudops'] },
        ...issues.map((i) => ({
          title: `Guide: ${ISSUE_TITLES[i]}`,
          url: runbookUrl(ISSUE_ANCHORS[i], base),
          icon: 'doc' as const,
        })),
      ],
      annotations: [
        {
          name: 'Deployments',
          expr: `changes(kube_deployment_status_observed_generation{${app}}[5m]) > 0`,
          title: 'Deployment {{deployment}}',
          tagKeys: ['deployment'],
          iconColor: 'purple',
        },
      ],
    } satisfies DashboardProps);
  const perContainer = '{{pod}}/{{container}}';

  // Platform and API: Application Issues and Infrastructure Problems.
  const platform = dashboard(
    'platform',
    'SmartCloudOps: Platform and API',
    'API errors and response times, pods and nodes; the API latency SLO. Guide: Application Issues, Infrastructure Problems.',
    ['apiUnavailable', 'highResponseTimes', 'memoryLeaks', 'nodeIssues'],
  );
  platform.addRow(ISSUE_TITLES.apiUnavailable, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsHighErrorRate', {
        title: 'Share of API requests answered 5xx',
        unit: 'percentunit',
        legend: '5xx share',
      }),
      symptom('apiUnavailable', {
        kind: 'timeseries',
        title: 'API requests per second by status',
        unit: 'reqps',
        width: 6,
        queries: [
          {
            expr: `sum by (status) (rate(flask_request_duration_seconds_count{${app}}[$__rate_interval]))`,
            legend: '{{status}}',
          },
        ],
      }),
      // Diagnostic Steps: `kubectl get pods -l app.kubernetes.io/name=smartcloudops-ai`.
      symptom('apiUnavailable', {
        kind: 'stat',
        title: 'API replicas available',
        unit: 'short',
        height: 8,
        queries: [
          {
            expr: `sum(kube_deployment_status_replicas_available{${app}, deployment="smartcloudops-api"})`,
            legend: 'available',
          },
        ],
      }),
    ],
  });
  platform.addRow(ISSUE_TITLES.highResponseTimes, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsHighLatency', { title: 'API P95 response time', unit: 's', legend: 'p95' }),
      symptom('highResponseTimes', {
        kind: 'heatmap',
        title: 'API response time distribution',
        unit: 's',
        queries: [
          {
            expr: `sum by (le) (rate(flask_request_duration_seconds_bucket{${app}}[$__rate_interval]))`,
            legend: '{{le}}',
          },
        ],
      }),
      // "High CPU/memory usage on pods" (`kubectl top pods`, cores).
      symptom('highResponseTimes', {
        kind: 'timeseries',
        title: 'CPU by pod (cores)',
        unit: 'short',
        width: 24,
        queries: [
          {
            expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${app}, container!=""}[$__rate_interval]))`,
            legend: '{{pod}}',
          },
        ],
      }),
    ],
  });
  platform.addRow(ISSUE_TITLES.memoryLeaks, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsHighMemoryUsage', {
        title: 'Container memory (share of limit)',
        unit: 'percentunit',
        legend: perContainer,
      }),
      scoPanel(rules, 'SmartCloudOpsPodRestartLoop', {
        title: 'Containers in CrashLoopBackOff',
        unit: 'short',
        legend: perContainer,
      }),
      // SmartCloudOpsPodOOMKilled: "Pod restarts with exit code 137", the restarts of containers last OOMKilled.
      symptom('memoryLeaks', {
        kind: 'timeseries',
        title: 'Restarts of containers last OOMKilled (15m)',
        unit: 'short',
        width: 24,
        queries: [
          {
            expr: `sum by (pod, container) (increase(kube_pod_container_status_restarts_total{${app}}[15m]) and on (namespace, pod, container) (kube_pod_container_status_last_terminated_reason{${app}, reason="OOMKilled"} == 1))`,
            legend: perContainer,
          },
        ],
      }),
    ],
  });
  platform.addRow(ISSUE_TITLES.nodeIssues, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsNodeNotReady', {
        kind: 'stat',
        title: 'Nodes Ready',
        unit: 'short',
        legend: '{{node}}',
        width: 12,
      }),
      symptom('nodeIssues', {
        kind: 'stat',
        title: 'Pods Pending',
        unit: 'short',
        width: 12,
        queries: [{ expr: `sum(kube_pod_status_phase{${app}, phase="Pending"})`, legend: 'pending' }],
      }),
      // `kubectl describe node | grep -A 5 "Allocated resources"`: requests against allocatable.
      symptom('nodeIssues', {
        kind: 'timeseries',
        title: 'Allocated CPU (requests / allocatable)',
        unit: 'percentunit',
        min: 0,
        queries: [
          {
            expr: 'sum by (node) (kube_pod_container_resource_requests{resource="cpu"}) / sum by (node) (kube_node_status_allocatable{resource="cpu"})',
            legend: '{{node}}',
          },
        ],
      }),
      symptom('nodeIssues', {
        kind: 'timeseries',
        title: 'Allocated memory (requests / allocatable)',
        unit: 'percentunit',
        min: 0,
        queries: [
          {
            expr: 'sum by (node) (kube_pod_container_resource_requests{resource="memory"}) / sum by (node) (kube_node_status_allocatable{resource="memory"})',
            legend: '{{node}}',
          },
        ],
      }),
    ],
  });
  for (const slo of smartCloudOpsSlos(base)) {
    const linked: IPanelSource = {
      panels: () => slo.panels().map((p) => ({ ...p, links: [guide('highResponseTimes')] })),
    };
    platform.addRow(`SLO ${slo.props.name}: ${slo.objectivePercent}% over ${slo.window}`, { panels: [linked] });
  }

  // Database and Redis: Performance Issues.
  const data = dashboard(
    'data',
    'SmartCloudOps: Database and Redis',
    'PostgreSQL connections and Redis hit rate and memory. Guide: Performance Issues.',
    ['databasePerformance', 'redisPerformance'],
  );
  data.addRow(ISSUE_TITLES.databasePerformance, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsDatabaseConnectionsExhausted', {
        kind: 'gauge',
        title: 'Connections in use (share of max_connections)',
        unit: 'percentunit',
        legend: '{{instance}}',
        min: 0,
        max: 1,
      }),
      symptom('databasePerformance', {
        kind: 'timeseries',
        title: 'Connections by database',
        unit: 'short',
        queries: [
          { expr: `sum by (datname) (pg_stat_database_numbackends{${app}})`, legend: '{{datname}}' },
          { expr: `max(pg_settings_max_connections{${app}})`, legend: 'max_connections' },
        ],
      }),
      symptom('databasePerformance', {
        kind: 'timeseries',
        title: 'Transactions per second',
        unit: 'ops',
        width: 6,
        queries: [
          { expr: `sum(rate(pg_stat_database_xact_commit{${app}}[$__rate_interval]))`, legend: 'commits' },
          { expr: `sum(rate(pg_stat_database_xact_rollback{${app}}[$__rate_interval]))`, legend: 'rollbacks' },
        ],
      }),
    ],
  });
  data.addRow(ISSUE_TITLES.redisPerformance, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsRedisLowHitRate', {
        title: 'Redis cache hit rate',
        unit: 'percentunit',
        legend: '{{instance}}',
        min: 0,
        max: 1,
      }),
      scoPanel(rules, 'SmartCloudOpsRedisMemoryFull', {
        title: 'Redis memory (share of maxmemory)',
        unit: 'percentunit',
        legend: '{{instance}}',
        min: 0,
      }),
      // The guide's `r.info()`: used memory and connected clients.
      symptom('redisPerformance', {
        kind: 'timeseries',
        title: 'Redis used memory',
        unit: 'bytes',
        queries: [{ expr: `sum by (instance) (redis_memory_used_bytes{${app}})`, legend: '{{instance}}' }],
      }),
      symptom('redisPerformance', {
        kind: 'timeseries',
        title: 'Redis connected clients',
        unit: 'short',
        queries: [{ expr: `sum by (instance) (redis_connected_clients{${app}})`, legend: '{{instance}}' }],
      }),
    ],
  });

  // Security Incidents.
  const security = dashboard(
    'security',
    'SmartCloudOps: Security',
    'Failed authentications and certificate expiry. Guide: Security Incidents.',
    ['suspiciousAuthentication', 'certificateExpiration'],
  );
  security.addRow(ISSUE_TITLES.suspiciousAuthentication, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsAuthenticationFailureSpike', {
        title: 'Failed authentications per second',
        unit: 'reqps',
        legend: 'failures',
      }),
      symptom('suspiciousAuthentication', {
        kind: 'stat',
        title: 'Failed authentications (24h)',
        unit: 'short',
        width: 12,
        height: 8,
        queries: [{ expr: `sum(increase(authentication_failures_total{${app}}[24h]))`, legend: 'failures' }],
      }),
    ],
  });
  security.addRow(ISSUE_TITLES.certificateExpiration, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsCertificateExpiry', {
        kind: 'stat',
        title: 'Days until the TLS certificate expires',
        unit: 'd',
        legend: '{{instance}}',
        width: 24,
      }),
    ],
  });

  // Monitoring and Logging Issues.
  const monitoring = dashboard(
    'monitoring-logging',
    'SmartCloudOps: Monitoring and Logging',
    'Scrape targets, rule evaluation and Fluentd. Guide: Monitoring and Logging Issues.',
    ['prometheusNotCollecting', 'logIngestion'],
  );
  monitoring.addRow(ISSUE_TITLES.prometheusNotCollecting, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsScrapeTargetDown', {
        title: 'Scrape targets up',
        unit: 'short',
        legend: '{{namespace}}/{{job}} {{instance}}',
      }),
      // "Alert rules not firing": Prometheus' own rule evaluation failures.
      symptom('prometheusNotCollecting', {
        kind: 'timeseries',
        title: 'Rule evaluation failures per second',
        unit: 'ops',
        queries: [
          {
            expr: 'sum by (rule_group) (rate(prometheus_rule_evaluation_failures_total[$__rate_interval]))',
            legend: '{{rule_group}}',
          },
        ],
      }),
      // The guide's `activeTargets[] | select(.health != "up")`: how many targets of each job are down now. The
      // count, not `up == 0`, which is empty while every target is up and so looks like a broken metric.
      symptom('prometheusNotCollecting', {
        kind: 'table',
        title: 'Targets down',
        unit: 'short',
        queries: [
          {
            expr: `sum by (namespace, job) (1 - up{namespace=~"${ns}|${monitoringNs}"})`,
            instant: true,
            format: 'table',
          },
        ],
        thresholds: [
          { value: null, color: 'green' },
          { value: 1, color: 'red' },
        ],
      }),
    ],
  });
  monitoring.addRow(ISSUE_TITLES.logIngestion, {
    panels: [
      scoPanel(rules, 'SmartCloudOpsFluentdUnavailable', {
        title: 'Fluentd pods unavailable',
        unit: 'short',
        legend: 'unavailable',
      }),
      symptom('logIngestion', {
        kind: 'timeseries',
        title: 'Fluentd pods ready',
        unit: 'short',
        queries: [
          {
            expr: `sum(kube_daemonset_status_number_ready{namespace="${monitoringNs}", daemonset="fluentd"})`,
            legend: 'ready',
          },
          {
            expr: `sum(kube_daemonset_status_desired_number_scheduled{namespace="${monitoringNs}", daemonset="fluentd"})`,
            legend: 'desired',
          },
        ],
      }),
      symptom('logIngestion', {
        kind: 'timeseries',
        title: 'Fluentd restarts (1h)',
        unit: 'short',
        width: 24,
        queries: [
          {
            expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="${monitoringNs}", pod=~"fluentd-.*"}[1h]))`,
            legend: '{{pod}}',
          },
        ],
      }),
    ],
  });

  return { platform, data, security, monitoring };
}
