/**
 * What the RLM Hypervisor exports: every metric its alerts, SLOs and dashboards read, with type, unit and labels.
 * The monitoring runbook (seed 002_ded32a8254555b95.txt) names the metrics in its Key Metrics tables, queries
 * and alert rules but declares no labels; the labels here are the ones its own queries and alert texts need:
 * errors and requests by `endpoint` (the Operations dashboard's "Error Rate by Endpoint"), quota by `user`
 * (RLMQuotaNearLimit's summary), agents by `type` (Operations) on each hypervisor pod, storage latency by
 * `connector`. Daily active users are `rlm_user_active` (the Key Metrics table and the Executive Summary), one
 * series per active `user`. Durations are milliseconds where the runbook compares them in ms
 * (rlm_task_duration_p99 > 30000 is "> 30s", RLMStorageConnectorSlow's 200/500 ms), seconds for the latency
 * histogram (RLMHighLatency's "> 1" is "exceeds 1 second").
 */
import type { MetricCatalogue } from '../../src';

export const rlmMetrics: MetricCatalogue = {
  rlm_api_availability: { type: 'gauge', unit: 'percent', labels: [] },
  rlm_task_success_rate: { type: 'gauge', unit: 'percent', labels: [] },
  rlm_api_latency_p99: { type: 'gauge', unit: 'ms', labels: [] },
  rlm_api_latency_p50: { type: 'gauge', unit: 'ms', labels: [] },
  rlm_api_latency: { type: 'histogram', unit: 's', labels: ['endpoint'] },
  rlm_cpu_utilization: { type: 'gauge', unit: 'percent', labels: [] },
  rlm_memory_utilization: { type: 'gauge', unit: 'percent', labels: [] },
  rlm_active_agents: { type: 'gauge', unit: 'count', labels: ['type'] },
  rlm_max_agents: { type: 'gauge', unit: 'count', labels: [] },
  rlm_queue_depth: { type: 'gauge', unit: 'count', labels: [] },
  rlm_quota_usage_daily: { type: 'gauge', unit: 'percent', labels: [] },
  rlm_quota_usage: { type: 'gauge', unit: 'count', labels: ['user'] },
  rlm_quota_limit: { type: 'gauge', unit: 'count', labels: ['user'] },
  rlm_cost_per_request: { type: 'gauge', unit: 'usd', labels: [] },
  rlm_cost: { type: 'counter', unit: 'usd', labels: [], help: 'Money spent since the process started' },
  rlm_daily_cost: { type: 'gauge', unit: 'usd', labels: [] },
  rlm_user_active: { type: 'gauge', unit: 'count', labels: ['user'], help: '1 for each user active today' },
  rlm_tasks_completed: { type: 'counter', unit: 'count', labels: [] },
  rlm_requests: { type: 'counter', unit: 'count', labels: ['endpoint'] },
  rlm_errors: { type: 'counter', unit: 'count', labels: ['endpoint'] },
  rlm_storage_latency: { type: 'gauge', unit: 'ms', labels: ['connector'] },
  rlm_db_connections_available: { type: 'gauge', unit: 'count', labels: [] },
  rlm_task_duration_p99: { type: 'gauge', unit: 'ms', labels: [] },
};
