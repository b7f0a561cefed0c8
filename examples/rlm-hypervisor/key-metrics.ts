/**
 * The "Key Metrics" tables of the RLM monitoring runbook (seed 002_ded32a8254555b95.txt), one ThresholdMetric
 * per row. Each row's numbers are written here once; alerts (and panels) are rendered from them.
 */
import { ThresholdMetric, ThresholdMetricProps } from '../../src';
import { RLM, runbook } from './common';

const base = { service: RLM.service, team: RLM.team } satisfies Partial<ThresholdMetricProps>;

/** Service Health Metrics. */
export const serviceHealth = [
  new ThresholdMetric({
    ...base,
    metric: 'rlm_api_availability',
    description: 'API uptime percentage',
    unit: 'percent',
    direction: 'below',
    target: 99.99,
    thresholds: { warning: 99.9, critical: 99 },
    runbookUrl: runbook('service-health-metrics'),
  }),
  new ThresholdMetric({
    ...base,
    metric: 'rlm_task_success_rate',
    description: 'Task completion success',
    unit: 'percent',
    direction: 'below',
    target: 99.5,
    thresholds: { warning: 99, critical: 95 },
    runbookUrl: runbook('service-health-metrics'),
  }),
  new ThresholdMetric({
    ...base,
    metric: 'rlm_api_latency_p99',
    description: 'P99 response time',
    unit: 'ms',
    direction: 'above',
    target: 100,
    thresholds: { warning: 200, critical: 500 },
    runbookUrl: runbook('service-health-metrics'),
  }),
  new ThresholdMetric({
    ...base,
    metric: 'rlm_api_latency_p50',
    description: 'P50 response time',
    unit: 'ms',
    direction: 'above',
    target: 20,
    thresholds: { warning: 50, critical: 100 },
    runbookUrl: runbook('service-health-metrics'),
  }),
];

/** Resource Utilization Metrics. */
export const resourceUtilization = [
  new ThresholdMetric({
    ...base,
    metric: 'rlm_cpu_utilization',
    description: 'Average CPU usage',
    unit: 'percent',
    direction: 'above',
    target: { min: 40, max: 60 },
    thresholds: { warning: 80, critical: 95 },
    runbookUrl: runbook('resource-utilization-metrics'),
  }),
  new ThresholdMetric({
    ...base,
    metric: 'rlm_memory_utilization',
    description: 'Average memory usage',
    unit: 'percent',
    direction: 'above',
    target: { min: 50, max: 70 },
    thresholds: { warning: 85, critical: 95 },
    runbookUrl: runbook('resource-utilization-metrics'),
  }),
  // The table gives agent levels as a share of the agent limit; rlm_max_agents is that limit (Capacity dashboard).
  new ThresholdMetric({
    ...base,
    metric: '100 * sum(rlm_active_agents) / sum(rlm_max_agents)',
    alert: 'RlmActiveAgents',
    description: 'Concurrent agents (share of the agent limit)',
    unit: 'percent',
    direction: 'above',
    target: 80,
    thresholds: { warning: 80, critical: 95 },
    runbookUrl: runbook('resource-utilization-metrics'),
  }),
  new ThresholdMetric({
    ...base,
    metric: 'rlm_queue_depth',
    description: 'Pending tasks',
    unit: 'count',
    direction: 'above',
    target: 100,
    thresholds: { warning: 500, critical: 1000 },
    runbookUrl: runbook('resource-utilization-metrics'),
  }),
];

/** Business Metrics: one alert threshold each, mailed like the runbook's business alerts. */
const business = { ...base, labels: { channel: 'email' } };
export const businessMetrics = [
  new ThresholdMetric({
    ...business,
    metric: 'rlm_quota_usage_daily',
    description: 'Daily quota consumption',
    unit: 'percent',
    direction: 'above',
    target: 80,
    thresholds: { info: 90 },
    runbookUrl: runbook('business-metrics'),
  }),
  // "> 20% increase" of cost per request, against its 7-day average.
  new ThresholdMetric({
    ...business,
    metric: '100 * (rlm_cost_per_request / avg_over_time(rlm_cost_per_request[7d]) - 1)',
    alert: 'RlmCostPerRequestIncrease',
    description: 'Cost per request increase over its 7-day average',
    unit: 'percent',
    direction: 'above',
    thresholds: { info: 20 },
    for: '1h',
    runbookUrl: runbook('business-metrics'),
  }),
  // "Sudden drop > 50%" of daily active users, against the same time yesterday.
  new ThresholdMetric({
    ...business,
    metric: '100 * (1 - sum(rlm_user_active) / sum(rlm_user_active offset 1d))',
    alert: 'RlmUserActiveDrop',
    description: 'Drop in daily active users since yesterday',
    unit: 'percent',
    direction: 'above',
    thresholds: { info: 50 },
    for: '15m',
    runbookUrl: runbook('business-metrics'),
  }),
];
