/**
 * RLM Hypervisor on one ServiceMonitoring: the monitoring runbook (seed 002_ded32a8254555b95.txt) — its Key Metrics
 * tables, its three alert files rule for rule, its Service Health targets as SLOs, its Capacity Thresholds table
 * and hpa.yaml — and the troubleshooting runbook's issues a metric can see (seed 000_024561cabc1ec117.txt).
 * dashboards.ts holds the runbook's dashboards, routing.ts its notification policy.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CapacityThreshold, Duration, MetricSource, PrometheusAdapterConfig, ScalingMetric, Sli } from '../../src';
import { ServiceAlertProps, ServiceCapacityProps, ServiceMonitoring, ServiceThresholdProps } from '../../src';
import { SliDefinition, ThresholdTarget, Unit, convertUnit, deployment } from '../../src';
import { RLM, RUNBOOKS, runbook } from './common';
import { addRlmDashboards, sloNote } from './dashboards';
import { rlmMetrics } from './metrics';

/** A Key Metrics row as its table writes it: metric (or a query and its alert), description, unit, target, levels. */
type KeyMetric = [string, string, Unit, ThresholdTarget | undefined, number | undefined, number, string?];
const AGENT_SHARE = '100 * sum(rlm_active_agents) / sum(rlm_max_agents)'; // the levels are shares of the agent limit
const SERVICE_HEALTH: KeyMetric[] = [
  ['rlm_api_availability', 'API uptime percentage', 'percent', 99.99, 99.9, 99],
  ['rlm_task_success_rate', 'Task completion success', 'percent', 99.5, 99, 95],
  ['rlm_api_latency_p99', 'P99 response time', 'ms', 100, 200, 500],
  ['rlm_api_latency_p50', 'P50 response time', 'ms', 20, 50, 100],
];
const RESOURCE_UTILIZATION: KeyMetric[] = [
  ['rlm_cpu_utilization', 'Average CPU usage', 'percent', { min: 40, max: 60 }, 80, 95],
  ['rlm_memory_utilization', 'Average memory usage', 'percent', { min: 50, max: 70 }, 85, 95],
  [AGENT_SHARE, 'Concurrent agents (share of the agent limit)', 'percent', 80, 80, 95, 'RlmActiveAgents'],
  ['rlm_queue_depth', 'Pending tasks', 'count', 100, 500, 1000],
];
/** Business Metrics, in percent: metric (or a query), description, target, its one (info) level, alert, for. */
type BusinessMetric = [string, string, number | undefined, number, string?, Duration?];
// "> 20% increase" of cost per request against its 7-day average; "sudden drop > 50%" of users since yesterday.
const COST_INCREASE = '100 * (rlm_cost_per_request / avg_over_time(rlm_cost_per_request[7d]) - 1)';
const USER_DROP = '100 * (1 - sum(rlm_user_active) / sum(rlm_user_active offset 1d))';
const BUSINESS_METRICS: BusinessMetric[] = [
  ['rlm_quota_usage_daily', 'Daily quota consumption', 80, 90],
  [COST_INCREASE, 'Cost per request increase over its 7-day average', undefined, 20, 'RlmCostPerRequestIncrease', '1h'],
  [USER_DROP, 'Drop in daily active users since yesterday', undefined, 50, 'RlmUserActiveDrop', '15m'],
];

/** A rule of the runbook's alert files ("Alerting Rules"): name, expr, for, summary, and more when it has more. */
type SeedAlert = [string, string, Duration, string, Partial<ServiceAlertProps>?];
const ERROR_RATIO = 'rate(rlm_errors[5m]) / rate(rlm_requests[5m])';
const QUOTA = 'rlm_quota_usage / rlm_quota_limit';
const P99 = 'histogram_quantile(0.99, rate(rlm_api_latency_bucket[5m]))';
const HIGH_ERROR_RATE = {
  runbook: 'sev-2-high-error-rate',
  annotations: { description: 'Error rate is {{ $value | humanizePercentage }}' },
};
const CRITICAL: SeedAlert[] = [
  ['RLMHighErrorRate', `${ERROR_RATIO} > 0.05`, '2m', 'High error rate detected', HIGH_ERROR_RATE],
  ['RLMHighLatency', `${P99} > 1`, '3m', 'P99 latency exceeds 1 second'],
  ['RLMDatabaseConnectionFail', 'rlm_db_connections_available == 0', '1m', 'Database connection pool exhausted'],
];
const WARNINGS: SeedAlert[] = [
  ['RLMElevatedErrorRate', `${ERROR_RATIO} > 0.01`, '5m', 'Elevated error rate: {{ $value | humanizePercentage }}'],
  ['RLMQuotaNearLimit', `${QUOTA} > 0.8`, '10m', 'Quota usage above 80% for {{ $labels.user }}'],
  ['RLMSlowTaskExecution', 'rlm_task_duration_p99 > 30000', '10m', 'Task execution P99 latency > 30s'],
];
// Seed: abs(delta(count(rlm_active_users[1h]))) > 0.5 * count(rlm_active_users) is invalid (count() takes an
// instant vector), reads rlm_active_users where Key Metrics and "Daily Active Users" say rlm_user_active, and fired
// on a drop of a third and on a doubling. The summary's "dropped by > 50%": fewer than half of the users of an
// hour ago (none at all counts as 0, so a total loss fires too).
const USERS_HALVED = '(count(rlm_user_active) or vector(0)) < 0.5 * count(rlm_user_active offset 1h)';
const COST_SPIKE = 'rlm_daily_cost > 1.5 * avg_over_time(rlm_daily_cost[7d])';
const BUSINESS: SeedAlert[] = [
  ['RLMSuddenUserDrop', USERS_HALVED, '15m', 'User count dropped by > 50%'],
  ['RLMCostSpike', COST_SPIKE, '1h', 'Daily cost 50% above 7-day average'],
];
/** Each alert file's group, dashboard row, labels and runbook section. */
const ALERT_FILES: Array<[string, string, Record<string, string>, string, SeedAlert[]]> = [
  ['critical', 'Paging alerts', { severity: 'critical' }, 'pagerduty-alerts-page-on-call', CRITICAL],
  ['warnings', 'Warnings', { severity: 'warning' }, 'slack-alerts-warning-channel', WARNINGS],
  ['business', 'Business alerts', { severity: 'info', channel: 'email' }, 'business-alerts-email', BUSINESS],
];

/**
 * The Service Health targets as SLOs. Task success: the runbook names no task counters, so a raw ratio of the
 * gauge; latency: the histogram RLMHighLatency reads, in seconds (it alerts on a p99 "> 1" as "exceeds 1 second").
 */
const HEALTH = 'service-health-metrics';
const LATENCY = Sli.latency({ histogram: 'rlm_api_latency_bucket', threshold: 0.1 });
const SLOS: Array<[string, number, string, SliDefinition, string]> = [
  ['availability', 99.99, 'API requests succeed', Sli.events('rlm_errors', 'rlm_requests'), 'sev-2-high-error-rate'],
  ['task-success', 99.5, 'Tasks complete successfully', Sli.errorRatio('1 - rlm_task_success_rate / 100'), HEALTH],
  ['api-latency', 99, '99% of API requests complete within 100 ms', LATENCY, HEALTH],
];

/**
 * The troubleshooting runbook's issues a metric sees (its sections, and its Emergency Contacts for quota). Issues
 * 1 and 3 (500 errors, high latency) are RLMHighErrorRate and RLMHighLatency; Issues 8 and 10 (security, storage
 * 403s) have no metric in either runbook. Issue 2: a P99 task duration at the 10-minute timeout (`timeoutMs:
 * 600000`) means 1% of tasks time out; Issue 5: a storage connector at the P99 API latency levels breaks the API's
 * latency alone; Issue 6: QUOTA_EXCEEDED starts when usage reaches the limit (RLMQuotaNearLimit warns at 80%).
 */
const issue = (anchor: string): string => runbook(anchor, 'troubleshooting');
const TASK_SECONDS = convertUnit('rlm_task_duration_p99', 'ms', 's');
const TASK_TIMEOUTS: KeyMetric = [TASK_SECONDS, 'P99 task duration', 's', undefined, undefined, 600, 'RLMTaskTimeouts'];
const STORAGE_LATENCY = 'avg by (connector) (rlm_storage_latency)';
const SLOW_CONNECTOR = 'Latency of storage connector {{ $labels.connector }}';
const SLOW_STORAGE: KeyMetric = [STORAGE_LATENCY, SLOW_CONNECTOR, 'ms', undefined, 200, 500, 'RLMStorageConnectorSlow'];
const QUOTA_EXHAUSTED =
  '{{ $labels.user }} is at {{ $value | humanizePercentage }} of its quota: its tasks are rejected with QUOTA_EXCEEDED.';
const QUOTA_EXCEEDED = {
  annotations: { description: QUOTA_EXHAUSTED, contact: 'support@rlm-hypervisor.io', respond_within: '30 minutes' },
};
const ISSUE_ALERTS: SeedAlert[] = [
  ['RLMQuotaExceeded', `${QUOTA} >= 1`, '5m', 'Quota exhausted for {{ $labels.user }}', QUOTA_EXCEEDED],
];
/**
 * "Capacity Thresholds" (Resource, Scale Up, Scale Down, Max) and hpa.yaml. OOLONG scales the whole queue against
 * 100 (Value: AverageValue would reach the 100-pod max only at 10,000 pending tasks, ten times the critical
 * level); the Quota Manager on its pods' P99 gauge in ms, a pod's endpoints combined with max. The runbooks never
 * name its Deployment: rlm-quota-manager follows the rlm-<component> names they use.
 */
const prometheus = (series: string, aggregation?: 'max') => MetricSource.prometheus({ series, aggregation });
const QUEUE = ScalingMetric.external('rlm_queue_depth', { targetType: 'Value', source: prometheus('rlm_queue_depth') });
const QUOTA_P99 = ScalingMetric.pods('rlm_api_latency_p99', { source: prometheus('rlm_api_latency_p99', 'max') });
const percentPerMinute = (value: number, stabilizationWindowSeconds: number) => {
  return { stabilizationWindowSeconds, policies: [{ type: 'Percent' as const, value, periodSeconds: 60 }] };
};
const API = { minReplicas: 5, behavior: { scaleUp: percentPerMinute(100, 60), scaleDown: percentPerMinute(10, 300) } };
const CAPACITY: Array<[string, string, ScalingMetric, number, number, number, Partial<ServiceCapacityProps>]> = [
  ['rlm-api', 'API Pods', ScalingMetric.cpu(), 70, 30, 50, API],
  ['rlm-oolong', 'OOLONG Pods', QUEUE, 100, 10, 100, { description: 'Queue depth' }],
  ['rlm-quota-manager', 'Quota Manager', QUOTA_P99, 100, 20, 10, { description: 'P99 latency', unit: 'ms' }],
];

/** The thresholds of a Key Metrics table; the levels say the direction (a critical below the warning: below). */
const keyMetrics = (table: KeyMetric[], runbook: string): ServiceThresholdProps[] =>
  table.map(([metric, description, unit, target, warning, critical, alert]) => {
    const direction = critical < (warning ?? -Infinity) ? 'below' : 'above';
    const thresholds = warning === undefined ? { critical } : { warning, critical };
    return { metric, description, unit, target, thresholds, direction, alert, runbook };
  });
/** The alerts of an alert file, with its labels and runbook section. */
const alertFile = (rules: SeedAlert[], labels: Record<string, string>, anchor: string): ServiceAlertProps[] =>
  rules.map(([alert, expr, forDuration, summary, more]) => {
    const annotations = { summary, ...more?.annotations };
    return { alert, expr, for: forDuration, labels, runbook: more?.runbook ?? anchor, annotations };
  });

export class RlmHypervisorChart extends Chart {
  readonly service: ServiceMonitoring;

  constructor(scope: Construct, id = 'rlm-hypervisor') {
    super(scope, id, { namespace: RLM.namespace });
    const overview = { uid: 'rlm-hypervisor-service-overview', refresh: '1m', folder: 'RLM Hypervisor', tags: ['rlm'] };
    const s = (this.service = new ServiceMonitoring(this, 'service', {
      service: RLM.service,
      team: RLM.team,
      runbookBaseUrl: `${RUNBOOKS}/monitoring`,
      resourceLabels: { release: 'kube-prometheus-stack' },
      dashboard: { ...overview, title: 'RLM Hypervisor: service overview', metrics: rlmMetrics },
    }));

    for (const [name, objective, description, sli, anchor] of SLOS)
      s.addSlo({ name, objective, description, sli, runbook: anchor, alerting: { absent: true } });
    // The 99.99% objective pages at error ratios far below the error-rate alerts': the paging row says why.
    const seedAlerts = ALERT_FILES.flatMap(([, , labels, anchor, rules]) => alertFile(rules, labels, anchor));
    const note = sloNote(s.slos[0], seedAlerts);
    for (const [group, title, labels, anchor, rules] of ALERT_FILES) {
      const panels = group === 'critical' ? [note] : [];
      s.addArea(title, { ruleGroup: group, runbook: anchor, alerts: alertFile(rules, labels, anchor), panels });
    }
    s.addArea('Service health', { ruleGroup: 'rlm-service-health', thresholds: keyMetrics(SERVICE_HEALTH, HEALTH) });
    const resources = keyMetrics(RESOURCE_UTILIZATION, 'resource-utilization-metrics');
    s.addArea('Resource utilization', { ruleGroup: 'rlm-resource-utilization', thresholds: resources });
    const business = BUSINESS_METRICS.map(([metric, description, target, info, alert, forDuration]) => {
      const levels = { unit: 'percent', direction: 'above', target, thresholds: { info }, for: forDuration } as const;
      // Mailed like the runbook's business alerts.
      return { metric, description, alert, ...levels, labels: { channel: 'email' }, runbook: 'business-metrics' };
    });
    s.addArea('Business metrics', { ruleGroup: 'rlm-business-metrics', thresholds: business });
    const timeouts = keyMetrics([TASK_TIMEOUTS], issue('issue-2-tasks-failing-with-timeout'));
    const storage = keyMetrics([SLOW_STORAGE], issue('issue-5-storage-connector-slow'));
    const alerts = alertFile(ISSUE_ALERTS, { severity: 'warning' }, issue('issue-6-quota-exceeded-errors'));
    s.addArea('Troubleshooting', { ruleGroup: 'troubleshooting', thresholds: [...timeouts, ...storage], alerts });

    // prometheus-adapter runs beside Prometheus (with the prometheus-community chart set rules.existing to its name).
    const where = { name: 'prometheus-adapter', namespace: 'monitoring' };
    const adapter = new PrometheusAdapterConfig(this, 'adapter', where);
    for (const [id, displayName, metric, scaleUp, scaleDown, maxReplicas, more] of CAPACITY) {
      const hpa = { name: `${id}-hpa`, scaleTargetRef: deployment(id), metric, scaleUp, scaleDown, maxReplicas };
      s.addCapacity(id, { adapter, runbook: 'capacity-thresholds', displayName, ...hpa, ...more });
    }
    // hpa.yaml's second metric: 10 active agents per API pod.
    const agents = ScalingMetric.pods('rlm_active_agents', { source: prometheus('rlm_active_agents') });
    (s.node.findChild('rlm-api') as CapacityThreshold).hpa.addMetric(agents.target('10'));
    addRlmDashboards(s);
  }
}
