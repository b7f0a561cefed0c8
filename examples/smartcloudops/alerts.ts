/**
 * Alerts for the issues of the SmartCloudOps AI troubleshooting guide (seed 004_78bffc72f6f6c34a.txt) that a
 * metric can see: the guide's own queries (flask_request_duration_seconds, authentication_failures_total) and
 * the standard exporters a kube-prometheus stack runs (kube-state-metrics, cAdvisor, blackbox, redis and
 * postgres exporters). Severities are the guide's P0-P3; each alert links the guide's section for its issue.
 */
import {
  AlertRule,
  Duration,
  IRuleSource,
  RuleGroup,
  ThresholdMetric,
  ThresholdMetricProps,
  mapAlerts,
} from '../../src';
import { SMARTCLOUDOPS, SmartCloudOpsSeverity, SmartCloudOpsArea, runbookUrl, withPriority } from './common';

/** Settings of the SmartCloudOps alerts. */
export interface SmartCloudOpsAlertsProps {
  /** The application's namespace. @default SMARTCLOUDOPS.namespace */
  readonly namespace?: string;
  /** The monitoring stack's namespace. @default SMARTCLOUDOPS.monitoringNamespace */
  readonly monitoringNamespace?: string;
  /** The guide's URL; alerts link `<runbookBase>#<anchor>`. @default SMARTCLOUDOPS.runbookBase */
  readonly runbookBase?: string;
}

/** The guide's issue sections: the GitHub anchors of their headings. */
export const ISSUE_ANCHORS = {
  apiUnavailable: 'issue-api-service-unavailable-500503-errors',
  highResponseTimes: 'issue-high-response-times--performance-degradation',
  memoryLeaks: 'issue-memory-leaks--oomkilled-events',
  nodeIssues: 'issue-eks-cluster-node-issues',
  databasePerformance: 'issue-database-performance-degradation',
  redisPerformance: 'issue-redis-cache-performance',
  suspiciousAuthentication: 'issue-suspicious-authentication-activity',
  certificateExpiration: 'issue-certificate-expiration',
  prometheusNotCollecting: 'issue-prometheus-not-collecting-metrics',
  logIngestion: 'issue-log-ingestion-problems',
} as const;

/** "API response times > 2 seconds" (High Response Times: Symptoms). */
export const P95_LATENCY_SECONDS = 2;

/** The rule groups, in the order of the guide's chapters. */
export function smartCloudOpsAlertGroups(props: SmartCloudOpsAlertsProps = {}): RuleGroup[] {
  const ns = props.namespace ?? SMARTCLOUDOPS.namespace;
  const monitoringNs = props.monitoringNamespace ?? SMARTCLOUDOPS.monitoringNamespace;
  const link = (anchor: keyof typeof ISSUE_ANCHORS): string => runbookUrl(ISSUE_ANCHORS[anchor], props.runbookBase);
  const metric = (
    area: SmartCloudOpsArea,
    anchor: keyof typeof ISSUE_ANCHORS,
    p: Omit<ThresholdMetricProps, 'labels' | 'runbookUrl'>,
  ): IRuleSource =>
    mapAlerts(
      new ThresholdMetric({ ...p, labels: { system: SMARTCLOUDOPS.system, area }, runbookUrl: link(anchor) }),
      withPriority,
    );
  const alert = (
    severity: SmartCloudOpsSeverity,
    area: SmartCloudOpsArea,
    anchor: keyof typeof ISSUE_ANCHORS,
    p: { alert: string; expr: string; for?: Duration; summary: string; description: string },
  ): AlertRule =>
    withPriority(
      new AlertRule({
        alert: p.alert,
        expr: p.expr,
        for: p.for,
        labels: { system: SMARTCLOUDOPS.system, severity, area },
        annotations: { summary: p.summary, description: p.description, runbook_url: link(anchor) },
      }),
    );
  const app = `namespace="${ns}"`;
  const perContainer = 'namespace, pod, container';

  // Application Issues.
  const application = new RuleGroup('smartcloudops-application').add(
    // "HTTP 500/503 errors on API endpoints": the share of requests answered 5xx, from the request histogram's
    // counts (the guide's only request metric; its `status` label holds the HTTP status).
    metric('platform', 'apiUnavailable', {
      alert: 'SmartCloudOpsHighErrorRate',
      metric: `sum(rate(flask_request_duration_seconds_count{${app}, status=~"5.."}[5m])) / sum(rate(flask_request_duration_seconds_count{${app}}[5m]))`,
      description: 'Share of API requests answered 5xx',
      unit: 'ratio',
      direction: 'above',
      thresholds: { critical: 0.5, high: 0.05 },
    }),
    // "API response times > 2 seconds", on the guide's P95 query.
    metric('platform', 'highResponseTimes', {
      alert: 'SmartCloudOpsHighLatency',
      metric: `histogram_quantile(0.95, sum by (le) (rate(flask_request_duration_seconds_bucket{${app}}[5m])))`,
      description: 'API P95 response time',
      unit: 's',
      direction: 'above',
      thresholds: { high: P95_LATENCY_SECONDS },
    }),
    // "Pods getting OOMKilled frequently", "Pod restarts with exit code 137" (kube-state-metrics).
    alert('medium', 'platform', 'memoryLeaks', {
      alert: 'SmartCloudOpsPodOOMKilled',
      expr: `(increase(kube_pod_container_status_restarts_total{${app}}[15m]) > 0) and on (${perContainer}) (kube_pod_container_status_last_terminated_reason{${app}, reason="OOMKilled"} == 1)`,
      summary: 'Container {{ $labels.container }} of {{ $labels.pod }} was OOMKilled',
      description:
        '{{ $labels.pod }}/{{ $labels.container }} restarted after running out of memory (exit code 137) in the last 15 minutes.',
    }),
    alert('high', 'platform', 'memoryLeaks', {
      alert: 'SmartCloudOpsPodRestartLoop',
      expr: `max_over_time(kube_pod_container_status_waiting_reason{${app}, reason="CrashLoopBackOff"}[5m]) >= 1`,
      for: '15m',
      summary: 'Container {{ $labels.container }} of {{ $labels.pod }} is in a restart loop',
      description: '{{ $labels.pod }}/{{ $labels.container }} has been in CrashLoopBackOff for 15 minutes.',
    }),
    // "Memory usage continuously increasing": working set against the container's limit.
    metric('platform', 'memoryLeaks', {
      alert: 'SmartCloudOpsHighMemoryUsage',
      metric: `sum by (${perContainer}) (container_memory_working_set_bytes{${app}, container!=""}) / sum by (${perContainer}) (kube_pod_container_resource_limits{${app}, resource="memory"})`,
      description: 'Container memory (share of its limit)',
      unit: 'ratio',
      direction: 'above',
      thresholds: { medium: 0.9 },
    }),
  );

  // Infrastructure Problems: "Nodes in NotReady state" (kube-state-metrics; nodes are cluster-wide).
  const infrastructure = new RuleGroup('smartcloudops-infrastructure').add(
    alert('high', 'platform', 'nodeIssues', {
      alert: 'SmartCloudOpsNodeNotReady',
      expr: 'kube_node_status_condition{condition="Ready", status="true"} == 0',
      for: '5m',
      summary: 'Node {{ $labels.node }} is NotReady',
      description:
        'Node {{ $labels.node }} has not been Ready for 5 minutes; its pods are being evicted or stay Pending.',
    }),
  );

  // Performance Issues.
  const performance = new RuleGroup('smartcloudops-performance').add(
    // "Connection pool exhaustion": connections in use against the server's max_connections (postgres_exporter).
    metric('database', 'databasePerformance', {
      alert: 'SmartCloudOpsDatabaseConnectionsExhausted',
      metric: `sum by (instance) (pg_stat_database_numbackends{${app}}) / max by (instance) (pg_settings_max_connections{${app}})`,
      description: 'PostgreSQL connections in use (share of max_connections)',
      unit: 'ratio',
      direction: 'above',
      thresholds: { high: 0.9 },
    }),
    // "High cache miss rates": the guide's keyspace_hits / (keyspace_hits + keyspace_misses), from redis_exporter.
    metric('platform', 'redisPerformance', {
      alert: 'SmartCloudOpsRedisLowHitRate',
      metric: `sum by (instance) (rate(redis_keyspace_hits_total{${app}}[5m])) / (sum by (instance) (rate(redis_keyspace_hits_total{${app}}[5m])) + sum by (instance) (rate(redis_keyspace_misses_total{${app}}[5m])))`,
      description: 'Redis cache hit rate',
      unit: 'ratio',
      direction: 'below',
      thresholds: { low: 0.8 },
      for: '15m',
    }),
    // "Redis memory usage at 100%"; servers without maxmemory (0) are left out.
    metric('platform', 'redisPerformance', {
      alert: 'SmartCloudOpsRedisMemoryFull',
      metric: `redis_memory_used_bytes{${app}} / (redis_memory_max_bytes{${app}} > 0)`,
      description: 'Redis memory (share of maxmemory)',
      unit: 'ratio',
      direction: 'above',
      thresholds: { medium: 0.95 },
    }),
  );

  // Security Incidents.
  const security = new RuleGroup('smartcloudops-security').add(
    // "High number of failed login attempts", on the guide's rate(authentication_failures_total[5m]).
    metric('security', 'suspiciousAuthentication', {
      alert: 'SmartCloudOpsAuthenticationFailureSpike',
      metric: `sum(rate(authentication_failures_total{${app}}[5m]))`,
      description: 'Failed authentication attempts',
      unit: 'reqps',
      direction: 'above',
      thresholds: { high: 1 },
    }),
    // Certificate Expiration, from the blackbox exporter's TLS probe: days left on the earliest certificate.
    metric('security', 'certificateExpiration', {
      alert: 'SmartCloudOpsCertificateExpiry',
      metric: '(probe_ssl_earliest_cert_expiry - time()) / 86400',
      description: 'Days left on the TLS certificate of {{ $labels.instance }}',
      unit: 'count',
      direction: 'below',
      thresholds: { critical: 1, high: 7, low: 30 },
      for: '10m',
    }),
  );

  // Monitoring and Logging Issues.
  const monitoring = new RuleGroup('smartcloudops-monitoring').add(
    // "Prometheus targets showing as down": the guide's activeTargets health != "up".
    alert('medium', 'platform', 'prometheusNotCollecting', {
      alert: 'SmartCloudOpsScrapeTargetDown',
      expr: `up{namespace=~"${ns}|${monitoringNs}"} == 0`,
      for: '5m',
      summary: 'Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }}',
      description:
        'Target {{ $labels.instance }} of job {{ $labels.job }} in {{ $labels.namespace }} has been down for 5 minutes: its metrics are missing and alerts on them cannot fire.',
    }),
    // "Fluentd pods in error state" (kube-state-metrics).
    alert('medium', 'platform', 'logIngestion', {
      alert: 'SmartCloudOpsFluentdUnavailable',
      expr: `kube_daemonset_status_number_unavailable{namespace="${monitoringNs}", daemonset="fluentd"} > 0`,
      for: '15m',
      summary: 'Fluentd is unavailable on {{ $value }} nodes',
      description:
        "{{ $value }} Fluentd pods of the daemonset in {{ $labels.namespace }} have been unavailable for 15 minutes: those nodes' logs are not reaching Elasticsearch.",
    }),
  );

  return [application, infrastructure, performance, security, monitoring];
}
