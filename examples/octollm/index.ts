/**
 * OctoLLM (seed 001_58d29907804e4423.txt, "Troubleshooting Playbooks") on one ServiceMonitoring. Each playbook
 * is an area: its alerts ("Alert: `...`", spelled as the playbook spells them, on the metrics it queries), its
 * rule group, its dashboard row (the alerts' panels with their levels drawn, then what its Symptoms and
 * Diagnosis look at) and its runbook section, which its alerts and panels link. Plus the API latency SLO and
 * the orchestrator's HPA. README.md says where each number comes from.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Counter,
  Histogram,
  MetricSource,
  PanelSpec,
  Panels,
  PrometheusAdapterConfig,
  ScalingMetric,
  ServiceAlertProps,
  ServiceMonitoring,
  ServiceThresholdProps,
  Sli,
  catalogueOf,
  deployment,
} from '../../src';

export const OCTOLLM = {
  /** The namespace of every `kubectl ... -n octollm` in the playbooks. */
  namespace: 'octollm',
  /** The playbooks' home; alerts and panels link `<runbookBase>#<playbook's anchor>`. */
  runbookBase: 'https://github.com/doublegate/OctoLLM/blob/main/docs/operations/troubleshooting-playbooks.md',
} as const;

/** The application metrics the playbooks query (llm_client.py's counters, the LLM API histogram). */
export const OCTOLLM_CATALOGUE = catalogueOf(
  new Counter({ name: 'llm_api_calls_total', labels: ['status', 'provider', 'model'] }),
  new Histogram({ name: 'llm_api_duration_seconds', labels: ['provider', 'model'], unit: 's' }),
  new Counter({ name: 'cache_hits_total', labels: ['cache_type'] }),
  new Counter({ name: 'cache_misses_total', labels: ['cache_type'] }),
  new Counter({ name: 'security_violations_total', labels: ['violation_type', 'severity'] }),
);

/** A panel of `[expr, legend]` queries. */
const panel = (kind: PanelSpec['kind'], title: string, unit: string, ...queries: Array<[string, string]>): PanelSpec =>
  ({ kind, title, unit, queries: queries.map(([expr, legend]) => ({ expr, legend })) }) as PanelSpec;
/** The playbooks' P95, histogram_quantile(0.95, rate(<bucket>[5m])), per `by`. */
const p95 = (bucket: string, by: string, range = '5m'): string =>
  `histogram_quantile(0.95, sum by (${by}, le) (rate(${bucket}[${range}])))`;
/** An alert on a health series (`up`, `pg_up`) or a count: name, severity, for, expr, summary, description. */
type AlertRow = [name: string, severity: string, wait: '1m' | '2m', expr: string, summary: string, description: string];
const alert = (...[name, severity, wait, expr, summary, description]: AlertRow): ServiceAlertProps => {
  const annotations = { summary, description };
  return { alert: name, expr, for: wait, labels: { severity }, panel: { unit: 'count' }, annotations };
};

/** "Escalation Procedures": memory and resource exhaustion go to Level 2, security to Level 3, the rest Level 1. */
const LEVELS: Record<string, string> = {
  'Memory Leaks': 'L2',
  'Resource Exhaustion': 'L2',
  'Security Violations': 'L3',
};

/**
 * The playbooks that name an alert or a metric, by heading, in the table of contents' order (Data Corruption
 * has none): their thresholds, alerts and panels.
 */
function playbooks(ns: string): Record<string, Array<ServiceThresholdProps | ServiceAlertProps | PanelSpec>> {
  const at = `namespace="${ns}"`;
  const arms = `up{${at}, job=~"planner-arm|executor-arm|coder-arm|judge-arm|guardian-arm|retriever-arm"}`;
  const byContainer = 'sum by (namespace, pod, container)';
  const ofLimit = (usage: string, resource: string): string =>
    `${byContainer} (${usage}) / ${byContainer} (kube_pod_container_resource_limits{${at}, resource="${resource}"})`;
  const restarts = `increase(kube_pod_container_status_restarts_total{${at}}[1h])`;
  const requests = `http_request_duration_seconds_bucket{${at}}`;
  const ratio = { unit: 'ratio', direction: 'above' } as const;
  const below = { unit: 'ratio', direction: 'below' } as const;
  return {
    'Service Unavailable': [
      // The core services' jobs (orchestrator, reflex layer) and the arms', as "Scenario A" restarts them.
      alert(
        'ServiceDown',
        'critical',
        '1m',
        `up{${at}, job=~"orchestrator|reflex-layer"} == 0`,
        'OctoLLM service {{ $labels.job }} is down',
        'Prometheus cannot scrape {{ $labels.job }} at {{ $labels.instance }}; it has been down for more than 1 minute.',
      ),
      alert(
        'ArmDown',
        'warning',
        '2m',
        `${arms} == 0`,
        'OctoLLM arm {{ $labels.job }} is down',
        'Arm {{ $labels.job }} at {{ $labels.instance }} has been down for more than 2 minutes; the orchestrator routes around it.',
      ),
      // Diagnosis: "Check exit code and restart", OOMKilled pods.
      panel('timeseries', 'Container restarts (1h)', 'short', [`sum by (pod) (${restarts})`, '{{pod}}']),
    ],
    'High Latency': [
      // "Slow API responses (>5 seconds)", P95 from the playbook's query, per service.
      {
        alert: 'HighRequestLatency',
        metric: p95(requests, 'job'),
        description: 'P95 request latency',
        unit: 's',
        direction: 'above',
        thresholds: { warning: 5 },
      },
      // "Check Grafana dashboard for latency breakdown"; Step 3's llm_api_duration_seconds.
      panel('heatmap', 'Request latency distribution', 's', [
        `sum by (le) (rate(${requests}[$__rate_interval]))`,
        '{{le}}',
      ]),
      panel('timeseries', 'LLM API P95 latency', 's', [
        p95('llm_api_duration_seconds_bucket', 'provider', '$__rate_interval'),
        '{{provider}}',
      ]),
    ],
    'Database Connection Issues': [
      // The playbook's check: count(*) of pg_stat_activity against max_connections, per server.
      {
        ...ratio,
        alert: 'HighDatabaseConnections',
        metric: `sum by (instance) (pg_stat_database_numbackends{${at}}) / max by (instance) (pg_settings_max_connections{${at}})`,
        description: 'PostgreSQL connections in use (share of max_connections)',
        thresholds: { warning: 0.8 },
      },
      alert(
        'PostgreSQLDown',
        'critical',
        '1m',
        `pg_up{${at}} == 0`,
        'PostgreSQL is down',
        'postgres_exporter at {{ $labels.instance }} cannot reach PostgreSQL; it has been down for more than 1 minute.',
      ),
      ...Panels.postgres({ selector: at }),
    ],
    'Memory Leaks': [
      // Usage as a share of the container's limit: containers without a limit have no limit series, no alert.
      {
        ...ratio,
        alert: 'HighMemoryUsage',
        metric: ofLimit(`container_memory_working_set_bytes{${at}, container!=""}`, 'memory'),
        description: 'Container memory (share of its limit)',
        thresholds: { warning: 0.9 },
      },
      // "Gradual memory increase", "OOMKilled pod restarts".
      panel('timeseries', 'Working set memory by pod', 'bytes', [
        `sum by (pod) (container_memory_working_set_bytes{${at}, container!=""})`,
        '{{pod}}',
      ]),
      panel('timeseries', 'Restarts of containers last OOMKilled (1h)', 'short', [
        `sum by (pod, container) (${restarts} and on (namespace, pod, container) (kube_pod_container_status_last_terminated_reason{${at}, reason="OOMKilled"} == 1))`,
        '{{pod}}/{{container}}',
      ]),
    ],
    'Task Routing Failures': [
      alert(
        'ArmDown', // "Scenario A: All arms down": nothing left to route to.
        'critical',
        '2m',
        `sum(${arms}) == 0`,
        'All OctoLLM arms are down',
        'No arm has been up for 2 minutes: tasks stay pending because no arm can take them.',
      ),
    ],
    'LLM API Failures': [
      // The playbook's llm_api_calls_total{status="error"}, both sides summed per provider and model.
      {
        ...ratio,
        alert: 'HighLLMAPIErrorRate',
        metric:
          'sum by (provider, model) (rate(llm_api_calls_total{status="error"}[5m])) / sum by (provider, model) (rate(llm_api_calls_total[5m]))',
        description: 'LLM API error rate of {{ $labels.provider }} {{ $labels.model }}',
        thresholds: { warning: 0.1 },
      },
      // The playbook's two queries; its `[1m] * 60` over Grafana's rate interval (a 1m window holds one sample).
      panel('timeseries', 'LLM API errors per second', 'reqps', [
        'sum by (provider, model) (rate(llm_api_calls_total{status="error"}[5m]))',
        '{{provider}} {{model}}',
      ]),
      panel('timeseries', 'LLM API calls per minute', 'reqpm', [
        'sum by (provider, model) (rate(llm_api_calls_total[$__rate_interval])) * 60',
        '{{provider}} {{model}}',
      ]),
    ],
    'Cache Performance Issues': [
      // "Low cache hit rate (<50%)", the playbook's hit-rate query.
      {
        ...below,
        alert: 'CacheMissRate',
        metric:
          'sum by (cache_type) (rate(cache_hits_total[5m])) / (sum by (cache_type) (rate(cache_hits_total[5m])) + sum by (cache_type) (rate(cache_misses_total[5m])))',
        description: 'Hit rate of the {{ $labels.cache_type }} cache',
        target: 0.5,
        thresholds: { warning: 0.5 },
        for: '10m',
      },
      panel(
        'timeseries',
        'Cache hits and misses per second',
        'ops',
        ['sum by (cache_type) (rate(cache_hits_total[$__rate_interval]))', 'hits {{cache_type}}'],
        ['sum by (cache_type) (rate(cache_misses_total[$__rate_interval]))', 'misses {{cache_type}}'],
      ),
      // Diagnosis: `redis-cli INFO memory`, `DBSIZE`, Scenario A's eviction policy (redis_exporter).
      ...Panels.redis({ selector: at }),
    ],
    'Resource Exhaustion': [
      {
        ...ratio,
        alert: 'HighCPUUsage',
        metric: ofLimit(`rate(container_cpu_usage_seconds_total{${at}, container!=""}[5m])`, 'cpu'),
        description: 'Container CPU (share of its limit)',
        thresholds: { warning: 0.8 },
        for: '10m',
      },
      // The volumes the services write to (PostgreSQL, Qdrant, Redis), from the kubelet.
      {
        ...below,
        alert: 'DiskSpaceLow',
        metric: `kubelet_volume_stats_available_bytes{${at}} / kubelet_volume_stats_capacity_bytes{${at}}`,
        description: 'Free space on volume {{ $labels.persistentvolumeclaim }}',
        thresholds: { critical: 0.1 },
      },
      // `kubectl top pods` (cores) and `kubectl top nodes` (node exporter).
      panel('timeseries', 'CPU by pod (cores)', 'short', [
        `sum by (pod) (rate(container_cpu_usage_seconds_total{${at}, container!=""}[$__rate_interval]))`,
        '{{pod}}',
      ]),
      panel('timeseries', 'Node CPU busy', 'percentunit', [
        '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval]))',
        '{{instance}}',
      ]),
    ],
    'Security Violations': [
      // The counter's own `severity` label is aggregated away so it cannot clash with the alert's.
      alert(
        'SecurityViolationDetected',
        'critical',
        '1m',
        'sum by (violation_type) (increase(security_violations_total{severity="critical"}[5m])) > 0',
        'Critical security violation: {{ $labels.violation_type }}',
        '{{ $value | humanize }} critical {{ $labels.violation_type }} violations in the last 5 minutes (guardian arm).',
      ),
      alert(
        'SecurityViolationDetected',
        'warning',
        '1m',
        'sum by (violation_type) (increase(security_violations_total{severity!="critical"}[5m])) > 0',
        'Security violation: {{ $labels.violation_type }}',
        '{{ $value | humanize }} {{ $labels.violation_type }} violations in the last 5 minutes (blocked commands, PII, unauthorized access).',
      ),
      panel('bargauge', 'Violations by type and severity (24h)', 'short', [
        'sum by (violation_type, severity) (increase(security_violations_total[24h]))',
        '{{violation_type}} ({{severity}})',
      ]),
    ],
  };
}

/** OctoLLM's monitoring: one PrometheusRule and one dashboard (folder OctoLLM), the orchestrator's HPA. */
export class OctoLlmChart extends Chart {
  readonly service: ServiceMonitoring;

  /** `namespace`: where the services run (selectors use it); `runbookBase`: the playbooks' URL, for a mirror. */
  constructor(scope: Construct, id = 'octollm', props: { namespace?: string; runbookBase?: string } = {}) {
    const ns = props.namespace ?? OCTOLLM.namespace;
    super(scope, id, { namespace: ns });
    const service = (this.service = new ServiceMonitoring(this, 'service', {
      service: 'octollm',
      runbookBaseUrl: props.runbookBase ?? OCTOLLM.runbookBase,
      resourceLabels: { release: 'kube-prometheus-stack' },
      labelAlertsWithService: false, // series scraped through a ServiceMonitor keep their own `service` label
      labelAlertsWithNamespace: false, // the playbooks name no notification channels: nothing routes on it
      dashboard: { title: 'OctoLLM', folder: 'OctoLLM', metrics: OCTOLLM_CATALOGUE },
    }).addSlo({
      name: 'api-latency', // "Slow API responses (>5 seconds)", HighRequestLatency's P95: 95% within 5 s
      objective: 95,
      description: '95% of API requests complete within 5 s',
      sli: Sli.latency({ histogram: `http_request_duration_seconds_bucket{namespace="${ns}"}`, threshold: 5 }),
      runbook: 'high-latency',
    }));
    for (const [area, ds] of Object.entries(playbooks(ns)))
      service.addArea(area, {
        labels: { system: 'octollm', escalation: LEVELS[area] ?? 'L1' },
        thresholds: ds.filter((d): d is ServiceThresholdProps => 'metric' in d),
        alerts: ds.filter((d): d is ServiceAlertProps => 'expr' in d),
        panels: ds.filter((d): d is PanelSpec => 'kind' in d),
      });
    // The playbooks' two scale commands (3 and 4 replicas), on the playbook's P95 per pod.
    const latency = MetricSource.prometheus({
      series: 'http_request_duration_seconds_bucket',
      metricsQuery: 'histogram_quantile(0.95, sum(rate(<<.Series>>{<<.LabelMatchers>>}[5m])) by (le, <<.GroupBy>>))',
    });
    const adapter = { name: 'prometheus-adapter', namespace: 'monitoring' };
    service.addAutoscaling('orchestrator', {
      name: 'orchestrator',
      scaleTargetRef: deployment('orchestrator'),
      minReplicas: 3,
      maxReplicas: 4,
      metrics: [ScalingMetric.pods('http_request_duration_seconds_p95', { source: latency }).target('5')],
      adapter: new PrometheusAdapterConfig(this, 'prometheus-adapter', adapter),
    });
  }
}
