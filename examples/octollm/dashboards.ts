/**
 * A dashboard per playbook area of the OctoLLM troubleshooting playbooks (seed 001_58d29907804e4423.txt), the
 * areas the alert groups follow: service availability (Service Unavailable, Task Routing Failures), performance
 * (High Latency, plus the API latency SLO), database, resources (Memory Leaks, Resource Exhaustion), LLM API,
 * cache and security. Each playbook is a row, titled as the playbook's heading and linking to it.
 *
 * Panels of alerted metrics are rendered from the alert rules of alerts.ts (their query, their levels as
 * thresholds, their runbook link), so the red line and the alert are the same number. The other panels show
 * what the playbook's Symptoms and Diagnosis look at, on the same metrics and exporters as the alerts.
 * Data Corruption gets no dashboard: the playbook finds it with SQL, no metric.
 */
import { Chart } from 'cdk8s';
import {
  AlertRule,
  Dashboard,
  DashboardProps,
  IPanelSource,
  PanelLink,
  PanelSpec,
  RuleGroup,
  alertPanel,
} from '../../src';
import { OCTOLLM, octoLlmAlertGroups, octoLlmSlos, runbookUrl } from '.';

/** Settings of the OctoLLM dashboards. */
export interface OctoLlmDashboardsProps {
  /** The namespace the services run in; selectors of Kubernetes and exporter metrics use it. @default OCTOLLM.namespace */
  readonly namespace?: string;
  /** The playbooks' URL; panels and dashboards link `<runbookBase>#<anchor>`. @default OCTOLLM.runbookBase */
  readonly runbookBase?: string;
}

/** The dashboards added by addOctoLlmDashboards, one per playbook area. */
export interface OctoLlmDashboards {
  /** "OctoLLM: Service Availability": Service Unavailable, Task Routing Failures. */
  readonly availability: Dashboard;
  /** "OctoLLM: Performance": High Latency and the API latency SLO. */
  readonly performance: Dashboard;
  /** "OctoLLM: Database": Database Connection Issues. */
  readonly database: Dashboard;
  /** "OctoLLM: Resources": Memory Leaks, Resource Exhaustion. */
  readonly resources: Dashboard;
  /** "OctoLLM: LLM API": LLM API Failures. */
  readonly llmApi: Dashboard;
  /** "OctoLLM: Cache": Cache Performance Issues. */
  readonly cache: Dashboard;
  /** "OctoLLM: Security": Security Violations. */
  readonly security: Dashboard;
}

/** The playbooks that have a row, by their heading, with the heading's GitHub anchor. */
export const PLAYBOOK_ANCHORS = {
  'Service Unavailable': 'service-unavailable',
  'Task Routing Failures': 'task-routing-failures',
  'High Latency': 'high-latency',
  'Database Connection Issues': 'database-connection-issues',
  'Memory Leaks': 'memory-leaks',
  'Resource Exhaustion': 'resource-exhaustion',
  'LLM API Failures': 'llm-api-failures',
  'Cache Performance Issues': 'cache-performance-issues',
  'Security Violations': 'security-violations',
} as const;

/** A playbook heading that has a row. */
export type OctoLlmPlaybook = keyof typeof PLAYBOOK_ANCHORS;

/**
 * Adds one dashboard per playbook area to `chart` (ids availability, performance, database, resources, llm-api,
 * cache, security; uids `<chart>-<id>`), each with a sidecar ConfigMap in the OctoLLM folder.
 */
export function addOctoLlmDashboards(chart: Chart, props: OctoLlmDashboardsProps = {}): OctoLlmDashboards {
  const ns = props.namespace ?? OCTOLLM.namespace;
  const base = props.runbookBase ?? OCTOLLM.runbookBase;
  const rules = octoLlmAlertGroups({ namespace: ns, runbookBase: base })
    .flatMap((g: RuleGroup) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);
  const playbook = (name: OctoLlmPlaybook): PanelLink => ({
    title: `Playbook: ${name}`,
    url: runbookUrl(PLAYBOOK_ANCHORS[name], base),
  });
  /** A panel the playbook describes but no alert watches: linked to the playbook's section. */
  const symptom = (name: OctoLlmPlaybook, spec: PanelSpec): PanelSpec => ({ ...spec, links: [playbook(name)] });
  const dashboard = (
    id: string,
    title: string,
    description: string,
    playbooks: readonly OctoLlmPlaybook[],
  ): Dashboard =>
    new Dashboard(chart, id, {
      title,
      description,
      tags: ['octollm', id],
      refresh: '30s',
      time: { from: 'now-6h', to: 'now' },
      configMap: { folder: 'OctoLLM' },
      links: [
        { title: 'OctoLLM dashboards', tags: ['octollm'] },
        ...playbooks.map((p) => ({
          title: `Playbook: ${p}`,
          url: runbookUrl(PLAYBOOK_ANCHORS[p], base),
          icon: 'doc' as const,
        })),
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
  const perContainer = '{{pod}}/{{container}}';

  // Service availability: "HTTP 503 responses", "Health check failures" (ServiceDown, ArmDown), and Task
  // Routing Failures' "Scenario A: All arms down".
  const availability = dashboard(
    'availability',
    'OctoLLM: Service Availability',
    'Are the orchestrator, the reflex layer and the arms up? Playbooks: Service Unavailable, Task Routing Failures.',
    ['Service Unavailable', 'Task Routing Failures'],
  );
  availability.addRow('Service Unavailable', {
    panels: [
      alertPanel(rules, 'ServiceDown', {
        kind: 'stat',
        title: 'Core services up',
        unit: 'short',
        legend: '{{job}} {{instance}}',
      }),
      alertPanel(
        rules,
        'ArmDown',
        { kind: 'stat', title: 'Arms up', unit: 'short', legend: '{{job}} {{instance}}' },
        { pick: (q) => !q.startsWith('sum(') },
      ),
      // Diagnosis: "Check exit code and restart", OOMKilled pods (kube-state-metrics).
      symptom('Service Unavailable', {
        kind: 'timeseries',
        title: 'Container restarts (1h)',
        unit: 'short',
        queries: [
          {
            expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total{namespace="${ns}"}[1h]))`,
            legend: '{{pod}}',
          },
        ],
      }),
    ],
  });
  availability.addRow('Task Routing Failures', {
    panels: [
      alertPanel(
        rules,
        'ArmDown',
        { kind: 'stat', title: 'Arms available', unit: 'short' },
        { pick: (q) => q.startsWith('sum(') },
      ),
    ],
  });

  // Performance: High Latency ("Slow API responses (>5 seconds)") and the SLO built on the same histogram.
  const performance = dashboard(
    'performance',
    'OctoLLM: Performance',
    'API latency against the 5 s of "Slow API responses" and the latency SLO. Playbook: High Latency.',
    ['High Latency'],
  );
  performance.addRow('High Latency', {
    panels: [
      alertPanel(rules, 'HighRequestLatency', { title: 'P95 latency by service', unit: 's', legend: '{{job}}' }),
      symptom('High Latency', {
        kind: 'heatmap',
        title: 'Request latency distribution',
        unit: 's',
        queries: [
          {
            expr: `sum by (le) (rate(http_request_duration_seconds_bucket{namespace="${ns}"}[$__rate_interval]))`,
            legend: '{{le}}',
          },
        ],
      }),
      symptom('High Latency', {
        kind: 'timeseries',
        title: 'Requests per second by service',
        unit: 'reqps',
        queries: [
          {
            expr: `sum by (job) (rate(http_request_duration_seconds_count{namespace="${ns}"}[$__rate_interval]))`,
            legend: '{{job}}',
          },
        ],
      }),
      // Diagnosis Step 3: "Check LLM API latency. Review metrics: llm_api_duration_seconds" (a histogram).
      symptom('High Latency', {
        kind: 'timeseries',
        title: 'LLM API P95 latency',
        unit: 's',
        queries: [
          {
            expr: 'histogram_quantile(0.95, sum by (provider, le) (rate(llm_api_duration_seconds_bucket[$__rate_interval])))',
            legend: '{{provider}}',
          },
        ],
      }),
    ],
  });
  // The SLO's error-budget panels, rendered from the Slo at synth, each linking the playbook its alerts link.
  for (const slo of octoLlmSlos(base)) {
    const linked: IPanelSource = {
      panels: () => slo.panels().map((p) => ({ ...p, links: [playbook('High Latency')] })),
    };
    performance.addRow(`SLO ${slo.props.name}: ${slo.objectivePercent}% over ${slo.window}`, { panels: [linked] });
  }

  // Database Connection Issues: PostgreSQLDown, HighDatabaseConnections (the playbook's count(*) of
  // pg_stat_activity against max_connections).
  const database = dashboard(
    'database',
    'OctoLLM: Database',
    'PostgreSQL up, and connections against max_connections. Playbook: Database Connection Issues.',
    ['Database Connection Issues'],
  );
  database.addRow('Database Connection Issues', {
    panels: [
      alertPanel(rules, 'PostgreSQLDown', {
        kind: 'stat',
        title: 'PostgreSQL up',
        unit: 'short',
        legend: '{{instance}}',
      }),
      alertPanel(rules, 'HighDatabaseConnections', {
        kind: 'gauge',
        title: 'Connections in use (share of max_connections)',
        unit: 'percentunit',
        legend: '{{instance}}',
        min: 0,
        max: 1,
      }),
      symptom('Database Connection Issues', {
        kind: 'timeseries',
        title: 'Connections by database',
        unit: 'short',
        queries: [
          { expr: `sum by (datname) (pg_stat_database_numbackends{namespace="${ns}"})`, legend: '{{datname}}' },
          { expr: `max(pg_settings_max_connections{namespace="${ns}"})`, legend: 'max_connections' },
        ],
      }),
    ],
  });

  // Memory Leaks ("Gradual memory increase", "OOMKilled pod restarts") and Resource Exhaustion ("CPU at 100%",
  // "Memory at limit", "Disk space full").
  const resources = dashboard(
    'resources',
    'OctoLLM: Resources',
    'Memory, CPU and disk against their limits. Playbooks: Memory Leaks, Resource Exhaustion.',
    ['Memory Leaks', 'Resource Exhaustion'],
  );
  resources.addRow('Memory Leaks', {
    panels: [
      alertPanel(rules, 'HighMemoryUsage', {
        title: 'Container memory (share of limit)',
        unit: 'percentunit',
        legend: perContainer,
      }),
      symptom('Memory Leaks', {
        kind: 'timeseries',
        title: 'Working set memory by pod',
        unit: 'bytes',
        queries: [
          {
            expr: `sum by (pod) (container_memory_working_set_bytes{namespace="${ns}", container!=""})`,
            legend: '{{pod}}',
          },
        ],
      }),
      symptom('Memory Leaks', {
        kind: 'timeseries',
        title: 'Restarts of containers last OOMKilled (1h)',
        unit: 'short',
        queries: [
          {
            expr: `sum by (pod, container) (increase(kube_pod_container_status_restarts_total{namespace="${ns}"}[1h]) and on (namespace, pod, container) (kube_pod_container_status_last_terminated_reason{namespace="${ns}", reason="OOMKilled"} == 1))`,
            legend: perContainer,
          },
        ],
        width: 24,
      }),
    ],
  });
  resources.addRow('Resource Exhaustion', {
    panels: [
      alertPanel(rules, 'HighCPUUsage', {
        title: 'Container CPU (share of limit)',
        unit: 'percentunit',
        legend: perContainer,
      }),
      alertPanel(rules, 'DiskSpaceLow', {
        title: 'Free space per volume',
        unit: 'percentunit',
        legend: '{{persistentvolumeclaim}}',
      }),
      // `kubectl top pods`: CPU in cores.
      symptom('Resource Exhaustion', {
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
      // `kubectl top nodes` (node exporter).
      symptom('Resource Exhaustion', {
        kind: 'timeseries',
        title: 'Node CPU busy',
        unit: 'percentunit',
        min: 0,
        max: 1,
        queries: [
          {
            expr: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[$__rate_interval]))',
            legend: '{{instance}}',
          },
        ],
      }),
    ],
  });

  // LLM API Failures: "429 Too Many Requests", "503 from LLM provider", HighLLMAPIErrorRate.
  const llmApi = dashboard(
    'llm-api',
    'OctoLLM: LLM API',
    'LLM provider errors, request rate and latency. Playbook: LLM API Failures.',
    ['LLM API Failures'],
  );
  llmApi.addRow('LLM API Failures', {
    panels: [
      alertPanel(rules, 'HighLLMAPIErrorRate', {
        title: 'LLM API error rate',
        unit: 'percentunit',
        legend: '{{provider}} {{model}}',
      }),
      // Seed: rate(llm_api_calls_total{status="error"}[5m]), summed per provider and model (one line each).
      symptom('LLM API Failures', {
        kind: 'timeseries',
        title: 'LLM API errors per second',
        unit: 'reqps',
        queries: [
          {
            expr: 'sum by (provider, model) (rate(llm_api_calls_total{status="error"}[5m]))',
            legend: '{{provider}} {{model}}',
          },
        ],
      }),
      // Seed: rate(llm_api_calls_total[1m]) * 60, per provider and model, over Grafana's rate interval (a 1m
      // window holds a single sample at a 1m scrape interval, and rate() needs two).
      symptom('LLM API Failures', {
        kind: 'timeseries',
        title: 'LLM API calls per minute',
        unit: 'reqpm',
        queries: [
          {
            expr: 'sum by (provider, model) (rate(llm_api_calls_total[$__rate_interval])) * 60',
            legend: '{{provider}} {{model}}',
          },
        ],
      }),
      symptom('LLM API Failures', {
        kind: 'timeseries',
        title: 'LLM API P95 latency',
        unit: 's',
        queries: [
          {
            expr: 'histogram_quantile(0.95, sum by (provider, le) (rate(llm_api_duration_seconds_bucket[$__rate_interval])))',
            legend: '{{provider}}',
          },
        ],
      }),
    ],
  });

  // Cache Performance Issues: "Low cache hit rate (<50%)" (CacheMissRate), "Redis memory full" (redis_exporter).
  const cache = dashboard(
    'cache',
    'OctoLLM: Cache',
    "Cache hit rate against the playbook's 50%, and Redis memory. Playbook: Cache Performance Issues.",
    ['Cache Performance Issues'],
  );
  cache.addRow('Cache Performance Issues', {
    panels: [
      alertPanel(rules, 'CacheMissRate', {
        title: 'Cache hit rate',
        unit: 'percentunit',
        legend: '{{cache_type}}',
        min: 0,
        max: 1,
      }),
      symptom('Cache Performance Issues', {
        kind: 'timeseries',
        title: 'Cache hits and misses per second',
        unit: 'ops',
        queries: [
          { expr: 'sum by (cache_type) (rate(cache_hits_total[$__rate_interval]))', legend: 'hits {{cache_type}}' },
          { expr: 'sum by (cache_type) (rate(cache_misses_total[$__rate_interval]))', legend: 'misses {{cache_type}}' },
        ],
      }),
      // Diagnosis Step 2: `redis-cli INFO memory`.
      symptom('Cache Performance Issues', {
        kind: 'timeseries',
        title: 'Redis memory',
        unit: 'bytes',
        queries: [
          { expr: `sum by (instance) (redis_memory_used_bytes{namespace="${ns}"})`, legend: 'used {{instance}}' },
          { expr: `sum by (instance) (redis_memory_max_bytes{namespace="${ns}"})`, legend: 'maxmemory {{instance}}' },
        ],
      }),
      // `redis-cli DBSIZE`, and Scenario A's eviction policy.
      symptom('Cache Performance Issues', {
        kind: 'timeseries',
        title: 'Redis keys and evictions',
        unit: 'short',
        queries: [
          { expr: `sum(redis_db_keys{namespace="${ns}"})`, legend: 'keys' },
          {
            expr: `sum(rate(redis_evicted_keys_total{namespace="${ns}"}[$__rate_interval]))`,
            legend: 'evicted per second',
          },
        ],
      }),
    ],
  });

  // Security Violations: SecurityViolationDetected on security_violations_total (the guardian arm).
  const security = dashboard(
    'security',
    'OctoLLM: Security',
    'Violations the guardian arm reports. Playbook: Security Violations.',
    ['Security Violations'],
  );
  security.addRow('Security Violations', {
    panels: [
      alertPanel(
        rules,
        'SecurityViolationDetected',
        { title: 'Critical violations (5m)', unit: 'short', legend: '{{violation_type}}' },
        { pick: (q) => q.includes('severity="critical"') },
      ),
      alertPanel(
        rules,
        'SecurityViolationDetected',
        { title: 'Other violations (5m)', unit: 'short', legend: '{{violation_type}}' },
        { pick: (q) => q.includes('severity!="critical"') },
      ),
      symptom('Security Violations', {
        kind: 'bargauge',
        title: 'Violations by type and severity (24h)',
        unit: 'short',
        width: 24,
        queries: [
          {
            expr: 'sum by (violation_type, severity) (increase(security_violations_total[24h]))',
            legend: '{{violation_type}} ({{severity}})',
          },
        ],
      }),
    ],
  });

  return { availability, performance, database, resources, llmApi, cache, security };
}
