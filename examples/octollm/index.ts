/**
 * OctoLLM (seed 001_58d29907804e4423.txt, "Troubleshooting Playbooks") on one ServiceMonitoring: the alerts the
 * playbooks name, spelled as they spell them, on the metrics they query, each linking the playbook section that
 * handles it (README.md lists each number and its source); the API latency SLO; the orchestrator's HPA;
 * dashboards.ts beside.
 *
 * The alerts stay RuleGroups added to the service's rules: series scraped through a ServiceMonitor carry their
 * own `service` label, which the facade's would overwrite, and the rule groups follow the playbooks' areas.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AlertRule,
  Counter,
  Duration,
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
  catalogueOf,
  deployment,
} from '../../src';
import { addOctoLlmDashboards } from './dashboards';

export { addOctoLlmDashboards, PLAYBOOK_ANCHORS } from './dashboards';
export type { OctoLlmDashboards, OctoLlmDashboardsProps, OctoLlmPlaybook } from './dashboards';

export const OCTOLLM = {
  /** The namespace of every `kubectl ... -n octollm` in the playbooks. */
  namespace: 'octollm',
  /**
   * Value of the `system` label on every alert. Not `service`: series scraped through a ServiceMonitor carry
   * their own `service` label (the Kubernetes Service), which a rule label of that name would overwrite.
   */
  system: 'octollm',
  /**
   * The playbooks' home: docs/operations/troubleshooting-playbooks.md of the OctoLLM repository. Alerts link
   * `<runbookBase>#<section anchor>`; pass another base to the chart to point at a mirror or wiki.
   */
  runbookBase: 'https://github.com/doublegate/OctoLLM/blob/main/docs/operations/troubleshooting-playbooks.md',
  /**
   * Scrape jobs of the core services ServiceDown watches: the orchestrator (the playbooks' `orchestrator`
   * deployment) and the reflex layer (the jobs of the project's monitoring guide, the playbooks' "See Also").
   */
  services: ['orchestrator', 'reflex-layer'],
  /** The arms, as the playbooks restart them ("Scenario A: All arms down"); ArmDown watches their jobs. */
  arms: ['planner-arm', 'executor-arm', 'coder-arm', 'judge-arm', 'guardian-arm', 'retriever-arm'],
} as const;

/** The URL of a playbook section, by its GitHub heading anchor (`#high-latency`). */
export function runbookUrl(anchor: string, base: string = OCTOLLM.runbookBase): string {
  return `${base}#${anchor}`;
}

/**
 * The playbooks' "Escalation Procedures": who owns an alert and when it moves up. Every alert carries its
 * level as an `escalation` label, for Alertmanager routing.
 */
export const ESCALATION = {
  L1: 'Level 1: On-call Engineer; follow the playbook, restart affected services, escalate if unresolved in 15 minutes',
  L2: 'Level 2: Senior Engineer; deep diagnosis with profiling, code fixes, escalate to the engineering lead if architectural',
  L3: 'Level 3: Engineering Lead; coordinate the team response and communicate with stakeholders',
} as const;

/** An escalation level of the playbooks. */
export type EscalationLevel = keyof typeof ESCALATION;

/** A regex alternation of job names, for `job=~"..."`: `orchestrator|reflex-layer` (names are DNS labels). */
export function anyOf(names: readonly string[]): string {
  return names.join('|');
}

/** The application metrics the playbooks query (llm_client.py's counters, the LLM API histogram). */
export const OCTOLLM_METRICS = {
  llmCalls: new Counter<'status' | 'provider' | 'model'>({
    name: 'llm_api_calls_total',
    labels: ['status', 'provider', 'model'],
  }),
  llmDuration: new Histogram<'provider' | 'model'>({
    name: 'llm_api_duration_seconds',
    labels: ['provider', 'model'],
    unit: 's',
  }),
  cacheHits: new Counter<'cache_type'>({ name: 'cache_hits_total', labels: ['cache_type'] }),
  cacheMisses: new Counter<'cache_type'>({ name: 'cache_misses_total', labels: ['cache_type'] }),
  securityViolations: new Counter<'violation_type' | 'severity'>({
    name: 'security_violations_total',
    labels: ['violation_type', 'severity'],
  }),
};
export const OCTOLLM_CATALOGUE = catalogueOf(...Object.values(OCTOLLM_METRICS));

/** Settings of the OctoLLM alerts. */
export interface OctoLlmAlertsProps {
  /** The namespace the services run in; selectors of Kubernetes metrics use it. @default OCTOLLM.namespace */
  readonly namespace?: string;
  /** The playbooks' URL; alerts link `<runbookBase>#<anchor>`. @default OCTOLLM.runbookBase */
  readonly runbookBase?: string;
}

/** The alert groups, one per playbook area, in the playbooks' order. */
export function octoLlmAlertGroups(props: OctoLlmAlertsProps = {}): RuleGroup[] {
  const ns = props.namespace ?? OCTOLLM.namespace;
  const link = (anchor: string): string => runbookUrl(anchor, props.runbookBase);
  const labels = (escalation: EscalationLevel): Record<string, string> => ({ system: OCTOLLM.system, escalation });
  const alert = (
    severity: string,
    escalation: EscalationLevel,
    p: { alert: string; expr: string; for: Duration; runbook: string; summary: string; description: string },
  ): AlertRule =>
    new AlertRule({
      alert: p.alert,
      expr: p.expr,
      for: p.for,
      labels: { severity, ...labels(escalation) },
      annotations: { summary: p.summary, description: p.description, runbook_url: link(p.runbook) },
    });

  // Service Unavailable: "Alert: `ServiceDown` or `ArmDown`".
  const availability = new RuleGroup('octollm-availability').add(
    alert('critical', 'L1', {
      alert: 'ServiceDown',
      expr: `up{namespace="${ns}", job=~"${anyOf(OCTOLLM.services)}"} == 0`,
      for: '1m',
      runbook: 'service-unavailable',
      summary: 'OctoLLM service {{ $labels.job }} is down',
      description:
        'Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }}; it has been down for more than 1 minute.',
    }),
    alert('warning', 'L1', {
      alert: 'ArmDown',
      expr: `up{namespace="${ns}", job=~"${anyOf(OCTOLLM.arms)}"} == 0`,
      for: '2m',
      runbook: 'service-unavailable',
      summary: 'OctoLLM arm {{ $labels.job }} is down',
      description:
        'Arm {{ $labels.job }} at {{ $labels.instance }} has been down for more than 2 minutes; the orchestrator routes around it.',
    }),
    // "Scenario A: All arms down" (Task Routing Failures): nothing left to route to.
    alert('critical', 'L1', {
      alert: 'ArmDown',
      expr: `sum(up{namespace="${ns}", job=~"${anyOf(OCTOLLM.arms)}"}) == 0`,
      for: '2m',
      runbook: 'task-routing-failures',
      summary: 'All OctoLLM arms are down',
      description: 'No arm has been up for 2 minutes: tasks stay pending because no arm can take them.',
    }),
  );

  // High Latency: "Slow API responses (>5 seconds)", "Alert: `HighRequestLatency`", P95 from the playbook's query.
  const performance = new RuleGroup('octollm-performance').add(
    new ThresholdMetric({
      alert: 'HighRequestLatency',
      metric: `histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket{namespace="${ns}"}[5m])))`,
      description: 'P95 request latency',
      unit: 's',
      direction: 'above',
      thresholds: { warning: 5 },
      labels: labels('L1'),
      runbookUrl: link('high-latency'),
    }),
  );

  // Database Connection Issues: "Alert: `PostgreSQLDown` or `HighDatabaseConnections`" (postgres_exporter).
  const database = new RuleGroup('octollm-database').add(
    alert('critical', 'L1', {
      alert: 'PostgreSQLDown',
      expr: `pg_up{namespace="${ns}"} == 0`,
      for: '1m',
      runbook: 'database-connection-issues',
      summary: 'PostgreSQL is down',
      description:
        'postgres_exporter at {{ $labels.instance }} cannot reach PostgreSQL; it has been down for more than 1 minute.',
    }),
    // The playbook's own check: count(*) of pg_stat_activity against max_connections, per server.
    new ThresholdMetric({
      alert: 'HighDatabaseConnections',
      metric: `sum by (instance) (pg_stat_database_numbackends{namespace="${ns}"}) / max by (instance) (pg_settings_max_connections{namespace="${ns}"})`,
      description: 'PostgreSQL connections in use (share of max_connections)',
      unit: 'ratio',
      direction: 'above',
      thresholds: { warning: 0.8 },
      labels: labels('L1'),
      runbookUrl: link('database-connection-issues'),
    }),
  );

  // Memory Leaks and Resource Exhaustion: "Alert: `HighCPUUsage`, `HighMemoryUsage`, `DiskSpaceLow`".
  // Usage is a share of the container's limit (cAdvisor over kube-state-metrics); containers without a limit
  // have no limit series and so no alert.
  const perContainer = 'namespace, pod, container';
  const resources = new RuleGroup('octollm-resources').add(
    new ThresholdMetric({
      alert: 'HighMemoryUsage',
      metric: `sum by (${perContainer}) (container_memory_working_set_bytes{namespace="${ns}", container!=""}) / sum by (${perContainer}) (kube_pod_container_resource_limits{namespace="${ns}", resource="memory"})`,
      description: 'Container memory (share of its limit)',
      unit: 'ratio',
      direction: 'above',
      thresholds: { warning: 0.9 },
      labels: labels('L2'),
      runbookUrl: link('memory-leaks'),
    }),
    new ThresholdMetric({
      alert: 'HighCPUUsage',
      metric: `sum by (${perContainer}) (rate(container_cpu_usage_seconds_total{namespace="${ns}", container!=""}[5m])) / sum by (${perContainer}) (kube_pod_container_resource_limits{namespace="${ns}", resource="cpu"})`,
      description: 'Container CPU (share of its limit)',
      unit: 'ratio',
      direction: 'above',
      thresholds: { warning: 0.8 },
      for: '10m',
      labels: labels('L2'),
      runbookUrl: link('resource-exhaustion'),
    }),
    // The volumes the services write to (PostgreSQL, Qdrant, Redis), from the kubelet.
    new ThresholdMetric({
      alert: 'DiskSpaceLow',
      metric: `kubelet_volume_stats_available_bytes{namespace="${ns}"} / kubelet_volume_stats_capacity_bytes{namespace="${ns}"}`,
      description: 'Free space on volume {{ $labels.persistentvolumeclaim }}',
      unit: 'ratio',
      direction: 'below',
      thresholds: { critical: 0.1 },
      labels: labels('L2'),
      runbookUrl: link('resource-exhaustion'),
    }),
  );

  // LLM API Failures: "Alert: `HighLLMAPIErrorRate`", from the playbook's llm_api_calls_total{status="error"}.
  const llmApi = new RuleGroup('octollm-llm-api').add(
    new ThresholdMetric({
      alert: 'HighLLMAPIErrorRate',
      metric:
        'sum by (provider, model) (rate(llm_api_calls_total{status="error"}[5m])) / sum by (provider, model) (rate(llm_api_calls_total[5m]))',
      description: 'LLM API error rate of {{ $labels.provider }} {{ $labels.model }}',
      unit: 'ratio',
      direction: 'above',
      thresholds: { warning: 0.1 },
      labels: labels('L1'),
      runbookUrl: link('llm-api-failures'),
    }),
  );

  // Cache Performance Issues: "Low cache hit rate (<50%)", "Alert: `CacheMissRate`", the playbook's hit-rate query.
  const cache = new RuleGroup('octollm-cache').add(
    new ThresholdMetric({
      alert: 'CacheMissRate',
      metric:
        'sum by (cache_type) (rate(cache_hits_total[5m])) / (sum by (cache_type) (rate(cache_hits_total[5m])) + sum by (cache_type) (rate(cache_misses_total[5m])))',
      description: 'Hit rate of the {{ $labels.cache_type }} cache',
      unit: 'ratio',
      direction: 'below',
      target: 0.5,
      thresholds: { warning: 0.5 },
      for: '10m',
      labels: labels('L1'),
      runbookUrl: link('cache-performance-issues'),
    }),
  );

  // Security Violations: "Alert: `SecurityViolationDetected`", on the playbook's security_violations_total.
  // Escalation Level 3. The counter's own `severity` label is aggregated away so it cannot clash with ours.
  const security = new RuleGroup('octollm-security').add(
    alert('critical', 'L3', {
      alert: 'SecurityViolationDetected',
      expr: 'sum by (violation_type) (increase(security_violations_total{severity="critical"}[5m])) > 0',
      for: '1m',
      runbook: 'security-violations',
      summary: 'Critical security violation: {{ $labels.violation_type }}',
      description:
        '{{ $value | humanize }} critical {{ $labels.violation_type }} violations in the last 5 minutes (guardian arm).',
    }),
    alert('warning', 'L3', {
      alert: 'SecurityViolationDetected',
      expr: 'sum by (violation_type) (increase(security_violations_total{severity!="critical"}[5m])) > 0',
      for: '1m',
      runbook: 'security-violations',
      summary: 'Security violation: {{ $labels.violation_type }}',
      description:
        '{{ $value | humanize }} {{ $labels.violation_type }} violations in the last 5 minutes (blocked commands, PII, unauthorized access).',
    }),
  );

  return [availability, performance, database, resources, llmApi, cache, security];
}

/** The API latency SLO ("Slow API responses (>5 seconds)", HighRequestLatency's P95): 95% within 5 s. */
export const LATENCY_SLO: ServiceSloProps = {
  name: 'api-latency',
  objective: 95,
  description: '95% of API requests complete within 5 s',
  sli: Sli.latency({
    histogram: `http_request_duration_seconds_bucket{namespace="${OCTOLLM.namespace}"}`,
    threshold: 5,
  }),
  runbook: 'high-latency',
};

/** The SLOs as values (the dashboards draw them). */
export function octoLlmSlos(runbookBase: string = OCTOLLM.runbookBase): Slo[] {
  const { runbook, ...props } = LATENCY_SLO;
  return [new Slo({ ...props, service: 'octollm', alerting: { runbookUrl: runbookUrl(runbook ?? '', runbookBase) } })];
}

/** What addOctoLlmScaling created. */
export interface OctoLlmScaling {
  readonly adapter: PrometheusAdapterConfig;
  readonly orchestrator: HorizontalPodAutoscaler;
}

/** Adds the orchestrator's HPA and the adapter rule for its latency metric to `chart`. */
export function addOctoLlmScaling(
  chart: Chart,
  options: { readonly adapter?: PrometheusAdapterConfig } = {},
): OctoLlmScaling {
  const adapter =
    options.adapter ??
    new PrometheusAdapterConfig(chart, 'prometheus-adapter', { name: 'prometheus-adapter', namespace: 'monitoring' });
  const p95Latency = ScalingMetric.pods('http_request_duration_seconds_p95', {
    source: MetricSource.prometheus({
      series: 'http_request_duration_seconds_bucket',
      // The playbook's query, per pod: histogram_quantile(0.95, rate(http_request_duration_seconds_bucket[5m])).
      metricsQuery: 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (le, <<.GroupBy>>))',
    }),
  });
  const orchestrator = new HorizontalPodAutoscaler(chart, 'orchestrator', {
    name: 'orchestrator',
    namespace: chart.namespace ?? 'octollm',
    scaleTargetRef: deployment('orchestrator'),
    minReplicas: 3,
    maxReplicas: 4,
    metrics: [p95Latency.target('5')],
    adapter,
  });
  return { adapter, orchestrator };
}

/** Settings of the OctoLLM chart. */
export interface OctoLlmChartProps extends OctoLlmAlertsProps {
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** OctoLLM's monitoring: one PrometheusRule (`octollm`) with the playbooks' alerts and the SLO, dashboards, HPA. */
export class OctoLlmChart extends Chart {
  readonly service: ServiceMonitoring;

  constructor(scope: Construct, id = 'octollm', props: OctoLlmChartProps = {}) {
    const namespace = props.namespace ?? OCTOLLM.namespace;
    super(scope, id, { namespace });
    this.service = new ServiceMonitoring(this, 'service', {
      service: 'octollm',
      runbookBaseUrl: props.runbookBase ?? OCTOLLM.runbookBase,
      resourceLabels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
      labelAlertsWithNamespace: false, // the playbooks name no notification channels: nothing routes on it
      dashboard: false, // the playbooks' dashboards (dashboards.ts)
    }).addSlo(LATENCY_SLO);
    this.service.rules.addGroups(...octoLlmAlertGroups({ namespace, runbookBase: props.runbookBase }));
    addOctoLlmScaling(this);
    addOctoLlmDashboards(this, { namespace, runbookBase: props.runbookBase });
  }
}
