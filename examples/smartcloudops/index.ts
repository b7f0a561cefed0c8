/**
 * SmartCloudOps AI (seed 004_78bffc72f6f6c34a.txt, "Production Troubleshooting Guide") on one ServiceMonitoring:
 * alerts for the guide's issues that a metric can see (its own queries on flask_request_duration_seconds and
 * authentication_failures_total, and the exporters of a kube-prometheus stack), severities P0-P3 with the
 * escalation matrix, the API latency SLO, the API's HPA; dashboards.ts and routing.ts beside.
 *
 * The alerts stay RuleGroups added to the service's rules: series scraped through a ServiceMonitor carry their
 * own `service` and `namespace` labels, which the facade's labels would overwrite, and each severity carries the
 * escalation matrix (withPriority), which the facade has no hook for.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AlertRule,
  Counter,
  Duration,
  Histogram,
  HorizontalPodAutoscaler,
  IRuleSource,
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
import { addSmartCloudOpsDashboards } from './dashboards';

export { addSmartCloudOpsDashboards, ISSUE_TITLES, SEVERITY_STEP_COLORS } from './dashboards';
export type { SmartCloudOpsDashboards, SmartCloudOpsDashboardsProps, SmartCloudOpsIssue } from './dashboards';

export const SMARTCLOUDOPS = {
  /** The application's namespace (`kubectl ... -n smartcloudops`). */
  namespace: 'smartcloudops',
  /** Prometheus, Fluentd and Elasticsearch (`kubectl ... -n smartcloudops-monitoring`). */
  monitoringNamespace: 'smartcloudops-monitoring',
  /**
   * Value of the `system` label on every alert. Not `service`: series scraped through a ServiceMonitor carry
   * their own `service` label (the Kubernetes Service), which a rule label of that name would overwrite.
   */
  system: 'smartcloudops',
  /**
   * The guide's home: docs/runbooks/troubleshooting-guide.md of the SmartCloudOps AI repository. Alerts link
   * `<runbookBase>#<section anchor>`; pass another base to the chart to point at a mirror or wiki.
   */
  runbookBase: 'https://github.com/TechTyphoon/smartcloudops-ai/blob/main/docs/runbooks/troubleshooting-guide.md',
} as const;

/** The URL of a guide section, by its GitHub heading anchor (`#issue-certificate-expiration`). */
export function runbookUrl(anchor: string, base: string = SMARTCLOUDOPS.runbookBase): string {
  return `${base}#${anchor}`;
}

/**
 * The guide's "Severity Levels" (P0 Critical ... P3 Low) with its "Escalation Matrix" (who responds, how fast).
 * Keyed by the `severity` label the alerts carry: the levels' own words, lower-cased.
 */
export const PRIORITIES = {
  critical: {
    priority: 'P0',
    meaning: 'Complete service outage, data loss, security breach',
    contact: 'On-Call Engineer + Platform Lead',
    respondWithin: '15 minutes',
  },
  high: {
    priority: 'P1',
    meaning: 'Major functionality impaired, significant user impact',
    contact: 'Platform Team',
    respondWithin: '1 hour',
  },
  medium: {
    priority: 'P2',
    meaning: 'Minor functionality affected, limited user impact',
    contact: 'Assigned Engineer',
    respondWithin: '4 hours',
  },
  low: {
    priority: 'P3',
    meaning: 'Cosmetic issues, no user impact',
    contact: 'Team Backlog',
    respondWithin: 'Next business day',
  },
} as const;

/** A severity of the guide: critical (P0), high (P1), medium (P2), low (P3). */
export type SmartCloudOpsSeverity = keyof typeof PRIORITIES;

/**
 * The area an alert belongs to, as its `area` label: the guide's Slack channels (#platform-alerts,
 * #security-alerts, #database-alerts) and teams. Alertmanager routes on it (examples/smartcloudops/routing.ts).
 */
export type SmartCloudOpsArea = 'platform' | 'security' | 'database';

/**
 * Adds what the escalation matrix says about an alert's severity: the `priority` label (P0-P3) and the
 * `escalate_to` / `respond_within` annotations.
 * @throws WatchkeeperError when the alert's severity is not one of the guide's four
 */
export function withPriority(rule: AlertRule): AlertRule {
  const severity = rule.props.labels?.severity ?? '';
  if (!Object.prototype.hasOwnProperty.call(PRIORITIES, severity)) {
    throw new WatchkeeperError([
      {
        where: `alert "${rule.name}"`,
        field: 'labels.severity',
        value: severity,
        message: 'the SmartCloudOps guide defines critical (P0), high (P1), medium (P2) and low (P3) only',
        fix: `use one of ${Object.keys(PRIORITIES).join(', ')}`,
      },
    ]);
  }
  const p = PRIORITIES[severity as SmartCloudOpsSeverity];
  return rule.with({
    labels: { priority: p.priority },
    annotations: { escalate_to: p.contact, respond_within: p.respondWithin },
  });
}

/** The guide's own metrics (prometheus_flask_exporter's request histogram, the app's authentication counter). */
export const SMARTCLOUDOPS_METRICS = {
  requests: new Histogram<'status' | 'method' | 'path'>({
    name: 'flask_request_duration_seconds',
    labels: ['status', 'method', 'path'],
    unit: 's',
  }),
  authenticationFailures: new Counter({ name: 'authentication_failures_total' }),
};
export const SMARTCLOUDOPS_CATALOGUE = catalogueOf(...Object.values(SMARTCLOUDOPS_METRICS));

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

/** prometheus_flask_exporter's default histogram buckets, as the exporter writes their `le` labels. */
const FLASK_BUCKETS = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.075',
  '0.1',
  '0.25',
  '0.5',
  '0.75',
  '1.0',
  '2.5',
  '5.0',
  '7.5',
  '10.0',
  '+Inf',
];

/** The API latency SLO ("API response times > 2 seconds"): 2 s is no bucket of prometheus_flask_exporter, so 95% within 2.5 s. */
export const LATENCY_SLO: ServiceSloProps = {
  name: 'latency',
  objective: 95,
  description: '95% of API requests complete within 2.5 s',
  sli: Sli.latency({ histogram: 'flask_request_duration_seconds_bucket', threshold: 2.5, buckets: FLASK_BUCKETS }),
  labels: { area: 'platform' },
  runbook: ISSUE_ANCHORS.highResponseTimes,
  // The guide's priorities: a fast burn is P0 (critical), a slow one P2 (medium).
  alerting: { pageSeverity: 'critical', ticketSeverity: 'medium' },
};

/** The SLOs as values (the dashboards draw them). */
export function smartCloudOpsSlos(runbookBase: string = SMARTCLOUDOPS.runbookBase): Slo[] {
  const { runbook, ...props } = LATENCY_SLO;
  return [
    new Slo({
      ...props,
      service: 'smartcloudops-api',
      labels: { system: SMARTCLOUDOPS.system, ...props.labels },
      alerting: { ...props.alerting, runbookUrl: runbookUrl(runbook ?? '', runbookBase) },
    }),
  ];
}

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

/** Settings of the SmartCloudOps chart. */
export interface SmartCloudOpsChartProps extends SmartCloudOpsAlertsProps {
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/**
 * SmartCloudOps AI's monitoring: one PrometheusRule (`smartcloudops-api`) in the monitoring namespace (beside
 * Prometheus), the guide's dashboards, the API's HPA.
 */
export class SmartCloudOpsChart extends Chart {
  readonly service: ServiceMonitoring;

  constructor(scope: Construct, id = 'smartcloudops', props: SmartCloudOpsChartProps = {}) {
    const monitoringNamespace = props.monitoringNamespace ?? SMARTCLOUDOPS.monitoringNamespace;
    super(scope, id, { namespace: monitoringNamespace });
    this.service = new ServiceMonitoring(this, 'api', {
      service: 'smartcloudops-api',
      labels: { system: SMARTCLOUDOPS.system },
      runbookBaseUrl: props.runbookBase ?? SMARTCLOUDOPS.runbookBase,
      resourceLabels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
      // The alerts concern two namespaces and keep their series' own (the routing matches on no namespace).
      labelAlertsWithNamespace: false,
      dashboard: false, // the guide's dashboards (dashboards.ts)
    }).addSlo(LATENCY_SLO);
    this.service.rules.addGroups(...smartCloudOpsAlertGroups({ ...props, monitoringNamespace }));
    addSmartCloudOpsScaling(this);
    addSmartCloudOpsDashboards(this, {
      namespace: props.namespace,
      monitoringNamespace,
      runbookBase: props.runbookBase,
    });
  }
}
