/**
 * SmartCloudOps AI (seed 004_78bffc72f6f6c34a.txt, "Production Troubleshooting Guide") on one ServiceMonitoring.
 * Each issue of the guide a metric can see is a preset: a dashboard row titled as its heading, with its alerts
 * (levels drawn) and its symptoms' panels, all linking its section. Severities are the guide's P0-P3, with its
 * escalation matrix on every alert. The alerts keep their series' own `service` and `namespace` (scraped through
 * ServiceMonitors, the series carry both); the chart routes them by `area` and severity.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Counter,
  Duration,
  Histogram,
  InhibitRule,
  MetricSource,
  NotificationPolicy,
  PanelSpec,
  Panels,
} from '../../src';
import { PrometheusAdapterConfig, Receiver, RouteProps, ScalingMetric, ServiceAlertProps } from '../../src';
import { ServiceMonitoring, ServicePreset, ServiceThresholdProps, Sli, ThresholdLevels } from '../../src';
import { TimeInterval, Unit, catalogueOf, deployment } from '../../src';

/**
 * The chart's defaults: the application's namespace and the monitoring stack's, the chart's (Prometheus, Fluentd:
 * `kubectl ... -n smartcloudops[-monitoring]`); the guide's home (alerts and panels link `<runbookBase>#<anchor>`).
 */
export const SMARTCLOUDOPS = {
  namespace: 'smartcloudops',
  monitoringNamespace: 'smartcloudops-monitoring',
  runbookBase: 'https://github.com/TechTyphoon/smartcloudops-ai/blob/main/docs/runbooks/troubleshooting-guide.md',
};

/** "Severity Levels" P0-P3, keyed by the `severity` label (the levels' own words), with the "Escalation Matrix". */
export const PRIORITIES = {
  critical: { priority: 'P0', contact: 'On-Call Engineer + Platform Lead', respondWithin: '15 minutes' },
  high: { priority: 'P1', contact: 'Platform Team', respondWithin: '1 hour' },
  medium: { priority: 'P2', contact: 'Assigned Engineer', respondWithin: '4 hours' },
  low: { priority: 'P3', contact: 'Team Backlog', respondWithin: 'Next business day' },
};

/** P1-P3 on panels in the colours of warning (orange) and info (blue); P0 is critical (red). */
const P1_TO_P3 = { high: 'warning', medium: 'warning', low: 'info' } as const;

/** An alert's `area` label: the guide's Slack channels and teams. */
export type SmartCloudOpsArea = 'platform' | 'security' | 'database';

/** The guide's own metrics (prometheus_flask_exporter's request histogram, the app's authentication counter). */
export const SMARTCLOUDOPS_CATALOGUE = catalogueOf(
  new Histogram({ name: 'flask_request_duration_seconds', labels: ['status', 'method', 'path'], unit: 's' }),
  new Counter({ name: 'authentication_failures_total' }),
);

/** The GitHub anchor of an issue's heading: `High Response Times / ...` -> `issue-high-response-times--...`. */
export const issueAnchor = (title: string): string =>
  `issue-${title.toLowerCase().replace(/[^a-z0-9 _-]|( )/g, (_, space) => (space ? '-' : ''))}`;

/** An issue of the guide (`### Issue: <title>`): its area, alerts (named `SmartCloudOps<alert>`) and panels. */
export type SmartCloudOpsIssue = ServicePreset & { readonly area: SmartCloudOpsArea };
type Declaration = ServiceThresholdProps | ServiceAlertProps | PanelSpec;
const issue = (title: string, area: SmartCloudOpsArea, ...declared: Declaration[]): SmartCloudOpsIssue => ({
  title,
  area,
  thresholds: declared.filter((d): d is ServiceThresholdProps => 'metric' in d),
  alerts: declared.filter((d): d is ServiceAlertProps => 'expr' in d),
  panels: declared.filter((d): d is PanelSpec => 'kind' in d),
});

/** A metric's unit, its levels (an alert each) and whether values above or below them are bad. */
function levels(unit: Unit, direction: 'above' | 'below', thresholds: ThresholdLevels, wait?: Duration) {
  return { unit, direction, thresholds, for: wait };
}

/** An alert's condition, its severity and how long the condition must hold. */
const when = (expr: string, severity: string, wait?: Duration) => ({ expr, for: wait, labels: { severity } });

/** The issues a metric can see, in the order of the guide's chapters. */
export function smartCloudOpsIssues(ns: string, monitoringNs: string): SmartCloudOpsIssue[] {
  const app = `namespace="${ns}"`;
  const byContainer = 'namespace, pod, container';
  const requests = `flask_request_duration_seconds_count{${app}`;
  const hits = `sum by (instance) (rate(redis_keyspace_hits_total{${app}}[5m]))`;
  const oomKilled = `kube_pod_container_status_last_terminated_reason{${app}, reason="OOMKilled"} == 1`;
  const restarts = `increase(kube_pod_container_status_restarts_total{${app}}[15m])`;
  const crashLooping = `kube_pod_container_status_waiting_reason{${app}, reason="CrashLoopBackOff"}`;
  const targets = `up{namespace=~"${ns}|${monitoringNs}"}`;
  const fluentd = `{namespace="${monitoringNs}", daemonset="fluentd"}`;
  return [
    // "HTTP 500/503 errors on API endpoints": the 5xx share, from the request histogram's counts.
    issue(
      'API Service Unavailable (500/503 Errors)',
      'platform',
      {
        alert: 'HighErrorRate',
        metric: `sum(rate(${requests}, status=~"5.."}[5m])) / sum(rate(${requests}}[5m]))`,
        description: 'Share of API requests answered 5xx',
        ...levels('ratio', 'above', { critical: 0.5, high: 0.05 }),
      },
      ...Panels.httpRequests({ histogram: 'flask_request_duration_seconds', selector: app, title: 'API requests' }),
      ...Panels.kubernetesWorkload({ namespace: ns, deployment: 'smartcloudops-api' }),
    ),
    // "API response times > 2 seconds", on the guide's P95 query.
    issue('High Response Times / Performance Degradation', 'platform', {
      alert: 'HighLatency',
      metric: `histogram_quantile(0.95, sum by (le) (rate(flask_request_duration_seconds_bucket{${app}}[5m])))`,
      description: 'API P95 response time',
      ...levels('s', 'above', { high: 2 }),
    }),
    // "Memory usage continuously increasing" (working set / limit), "Pods getting OOMKilled", "exit code 137".
    issue(
      'Memory Leaks / OOMKilled Events',
      'platform',
      {
        alert: 'HighMemoryUsage',
        metric: `sum by (${byContainer}) (container_memory_working_set_bytes{${app}, container!=""}) / sum by (${byContainer}) (kube_pod_container_resource_limits{${app}, resource="memory"})`,
        description: 'Container memory (share of its limit)',
        ...levels('ratio', 'above', { medium: 0.9 }),
      },
      {
        alert: 'PodOOMKilled',
        ...when(`(${restarts} > 0) and on (${byContainer}) (${oomKilled})`, 'medium'),
        annotations: {
          summary: 'Container {{ $labels.container }} of {{ $labels.pod }} was OOMKilled',
          description:
            '{{ $labels.pod }}/{{ $labels.container }} restarted after running out of memory (exit code 137) in the last 15 minutes.',
        },
      },
      {
        alert: 'PodRestartLoop',
        ...when(`max_over_time(${crashLooping}[5m]) >= 1`, 'high', '15m'),
        annotations: {
          summary: 'Container {{ $labels.container }} of {{ $labels.pod }} is in a restart loop',
          description: '{{ $labels.pod }}/{{ $labels.container }} has been in CrashLoopBackOff for 15 minutes.',
        },
      },
      // The restarts themselves: the OOMKilled alert's panel shows its condition only.
      {
        kind: 'timeseries',
        title: 'Restarts of containers last OOMKilled (15m)',
        unit: 'short',
        queries: [
          {
            expr: `sum by (pod, container) (${restarts} and on (${byContainer}) (${oomKilled}))`,
            legend: '{{pod}}/{{container}}',
          },
        ],
      },
    ),
    // "Nodes in NotReady state".
    issue(
      'EKS Cluster Node Issues',
      'platform',
      {
        alert: 'NodeNotReady',
        ...when('kube_node_status_condition{condition="Ready", status="true"} == 0', 'high', '5m'),
        annotations: {
          summary: 'Node {{ $labels.node }} is NotReady',
          description:
            'Node {{ $labels.node }} has not been Ready for 5 minutes; its pods are being evicted or stay Pending.',
        },
      },
      ...Panels.kubernetesCluster({ namespace: ns }),
    ),
    // "Connection pool exhaustion": connections in use against max_connections (postgres_exporter).
    issue(
      'Database Performance Degradation',
      'database',
      {
        alert: 'DatabaseConnectionsExhausted',
        metric: `sum by (instance) (pg_stat_database_numbackends{${app}}) / max by (instance) (pg_settings_max_connections{${app}})`,
        description: 'PostgreSQL connections in use (share of max_connections)',
        ...levels('ratio', 'above', { high: 0.9 }),
      },
      ...Panels.postgres({ selector: app }),
    ),
    // "High cache miss rates" (the guide's hits / (hits + misses)), "Redis memory usage at 100%" (of a maxmemory).
    issue(
      'Redis Cache Performance',
      'platform',
      {
        alert: 'RedisLowHitRate',
        metric: `${hits} / (${hits} + sum by (instance) (rate(redis_keyspace_misses_total{${app}}[5m])))`,
        description: 'Redis cache hit rate',
        ...levels('ratio', 'below', { low: 0.8 }, '15m'),
      },
      {
        alert: 'RedisMemoryFull',
        metric: `redis_memory_used_bytes{${app}} / (redis_memory_max_bytes{${app}} > 0)`,
        description: 'Redis memory (share of maxmemory)',
        ...levels('ratio', 'above', { medium: 0.95 }),
      },
      ...Panels.redis({ selector: app }),
    ),
    // "High number of failed login attempts", on the guide's rate(authentication_failures_total[5m]).
    issue('Suspicious Authentication Activity', 'security', {
      alert: 'AuthenticationFailureSpike',
      metric: `sum(rate(authentication_failures_total{${app}}[5m]))`,
      description: 'Failed authentication attempts',
      ...levels('reqps', 'above', { high: 1 }),
    }),
    // The blackbox exporter's TLS probe: days left on the earliest certificate.
    issue('Certificate Expiration', 'security', {
      alert: 'CertificateExpiry',
      metric: '(probe_ssl_earliest_cert_expiry - time()) / 86400',
      description: 'Days left on the TLS certificate of {{ $labels.instance }}',
      ...levels('count', 'below', { critical: 1, high: 7, low: 30 }, '10m'),
    }),
    // "Prometheus targets showing as down": the guide's activeTargets health != "up".
    issue(
      'Prometheus Not Collecting Metrics',
      'platform',
      {
        alert: 'ScrapeTargetDown',
        ...when(`${targets} == 0`, 'medium', '5m'),
        annotations: {
          summary: 'Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }}',
          description:
            'Target {{ $labels.instance }} of job {{ $labels.job }} in {{ $labels.namespace }} has been down for 5 minutes: its metrics are missing and alerts on them cannot fire.',
        },
      },
      // A count per job, 0 while all are up (`up == 0` is empty then, like a broken metric).
      {
        kind: 'table',
        title: 'Targets down',
        unit: 'short',
        queries: [{ expr: `sum by (namespace, job) (1 - ${targets})`, instant: true, format: 'table' }],
        thresholds: [
          { value: null, color: 'green' },
          { value: 1, color: 'red' },
        ],
      },
      ...Panels.prometheus({ selector: `namespace=~"${ns}|${monitoringNs}"` }),
    ),
    // "Fluentd pods in error state" (kube-state-metrics).
    issue(
      'Log Ingestion Problems',
      'platform',
      {
        alert: 'FluentdUnavailable',
        ...when(`kube_daemonset_status_number_unavailable${fluentd} > 0`, 'medium', '15m'),
        annotations: {
          summary: 'Fluentd is unavailable on {{ $value }} nodes',
          description:
            "{{ $value }} Fluentd pods of the daemonset in {{ $labels.namespace }} have been unavailable for 15 minutes: those nodes' logs are not reaching Elasticsearch.",
        },
      },
      ...Panels.kubernetesWorkload({ namespace: monitoringNs, daemonset: 'fluentd' }),
    ),
  ];
}

/**
 * SmartCloudOps AI's monitoring: the PrometheusRule and dashboard (folder SmartCloudOps) of `smartcloudops-api` in
 * the monitoring namespace, beside Prometheus; the API's HPA; the alert routing (an AlertmanagerConfig).
 */
export class SmartCloudOpsChart extends Chart {
  readonly service: ServiceMonitoring;
  readonly routing: NotificationPolicy;

  constructor(scope: Construct, id = 'smartcloudops', props: Partial<typeof SMARTCLOUDOPS> = {}) {
    const { namespace: ns, monitoringNamespace, runbookBase } = { ...SMARTCLOUDOPS, ...props };
    super(scope, id, { namespace: monitoringNamespace });
    const matrix = Object.entries(PRIORITIES).map(([severity, p]) => {
      const annotations = { escalate_to: p.contact, respond_within: p.respondWithin };
      return [severity, { labels: { priority: p.priority }, annotations }];
    });
    this.service = new ServiceMonitoring(this, 'api', {
      service: 'smartcloudops-api',
      labels: { system: 'smartcloudops' },
      runbookBaseUrl: runbookBase,
      resourceLabels: { release: 'kube-prometheus-stack' },
      labelAlertsWithService: false,
      labelAlertsWithNamespace: false,
      alertsBySeverity: Object.fromEntries(matrix),
      presetAlertPrefix: 'SmartCloudOps',
      dashboard: { title: 'SmartCloudOps AI', folder: 'SmartCloudOps', stepSeverity: P1_TO_P3, deployments: ns },
    });
    // "API response times > 2 seconds": 2 s is no bucket of prometheus_flask_exporter, so 95% within 2.5 s.
    this.service.addSlo({
      name: 'latency',
      objective: 95,
      description: '95% of API requests complete within 2.5 s',
      sli: Sli.latency({ histogram: 'flask_request_duration_seconds_bucket', threshold: 2.5 }),
      labels: { area: 'platform' },
      runbook: issueAnchor('High Response Times / Performance Degradation'),
      alerting: { pageSeverity: 'critical', ticketSeverity: 'medium' }, // a fast burn is P0, a slow one P2
    });
    for (const { area, ...issue } of smartCloudOpsIssues(ns, monitoringNamespace))
      this.service.addPreset({ ...issue, runbook: issueAnchor(issue.title), labels: { area } });
    // The API scales on its P95 response time (2 s), through prometheus-adapter beside Prometheus.
    const p95 = 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (le, <<.GroupBy>>))';
    const source = MetricSource.prometheus({ series: 'flask_request_duration_seconds_bucket', metricsQuery: p95 });
    this.service.addAutoscaling('hpa', {
      name: 'smartcloudops-api',
      namespace: ns,
      scaleTargetRef: deployment('smartcloudops-api'),
      maxReplicas: 10,
      metrics: [ScalingMetric.pods('flask_request_duration_seconds_p95', { source }).target('2')],
      adapter: new PrometheusAdapterConfig(this, 'prometheus-adapter', { name: 'prometheus-adapter' }),
    });
    this.routing = smartCloudOpsRouting(this, ns);
  }
}

/**
 * The guide's "Escalation Matrix" and "Slack Channels": P0 pages the on-call engineer and reaches its area's channel
 * (`#<area>-alerts`); P3 is a backlog ticket in business hours ("Next business day"); P1 and P2 go to their area's
 * channel. Security and database also mail their team ("Contact Details").
 */
function smartCloudOpsRouting(chart: Chart, namespace: string): NotificationPolicy {
  const key = (k: string) => ({ name: 'smartcloudops-alertmanager', key: k });
  const title = '[{{ .CommonLabels.severity }}] {{ .CommonLabels.alertname }}';
  const area = (name: SmartCloudOpsArea, repeatInterval: Duration, team?: string): RouteProps => {
    const slack = [{ channel: `#${name}-alerts`, apiUrl: key('slack-webhook-url'), sendResolved: true, title }];
    const receiver = new Receiver(`${name}-alerts`, team ? { slack, email: [{ to: team }] } : { slack });
    return { matchers: [`area="${name}"`], receiver, repeatInterval };
  };
  const oncall = Receiver.pagerDuty('smartcloudops-oncall', {
    routingKey: key('pagerduty-routing-key'),
    severity: 'critical',
  });
  const backlog = Receiver.webhook('smartcloudops-backlog', {
    url: 'http://ticket-bridge.smartcloudops.svc:8080/alertmanager',
    bearerToken: key('ticket-api-token'),
  });
  const paging = { continue: true, groupWait: '0s', groupInterval: '1m', repeatInterval: '15m' } as const;
  const businessHours = [TimeInterval.businessHours()];
  return new NotificationPolicy(chart, 'routing', {
    namespace,
    // The alerts concern two namespaces, so the Alertmanager sets alertmanagerConfigMatcherStrategy None.
    matcherStrategy: 'None',
    severities: Object.keys(PRIORITIES),
    groupBy: ['alertname', 'area'],
    smtp: {
      from: 'alertmanager@smartcloudops.ai',
      smarthost: 'smtp.smartcloudops.ai:587',
      authUsername: 'alertmanager',
      authPassword: key('smtp-password'),
    },
    routes: [
      // P0: a page (15 minutes), and on to the area's channel. P3: a backlog ticket, next business day.
      { matchers: ['severity="critical"'], receiver: oncall, ...paging },
      { matchers: ['severity="low"'], receiver: backlog, activeTimeIntervals: businessHours, repeatInterval: '24h' },
      area('security', '1h', 'security-team@smartcloudops.ai'),
      area('database', '1h', 'database-team@smartcloudops.ai'),
      area('platform', '4h'),
    ],
    // A critical silences the high of the same alert (a threshold's levels share the alertname).
    inhibitRules: [InhibitRule.bySeverity('critical', 'high')],
  });
}
