/**
 * The alerts the OctoLLM troubleshooting playbooks name (seed 001_58d29907804e4423.txt), spelled as the
 * playbooks spell them, on the metrics the playbooks query. Each links the playbook section that handles it.
 *
 * Numbers the playbooks give: P95 latency > 5 s ("Slow API responses (>5 seconds)"), cache hit rate < 50%.
 * Levels the playbooks leave out come from the project's monitoring guide (docs/operations/monitoring-alerting.md,
 * the playbooks' "See Also"); README.md lists each number and where it came from.
 */
import { AlertRule, Duration, RuleGroup, ThresholdMetric } from '../../src';
import { EscalationLevel, OCTOLLM, anyOf, runbookUrl } from './common';

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
