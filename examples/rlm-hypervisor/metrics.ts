/**
 * What the RLM Hypervisor exports (seed 002 names the metrics, not their labels): the labels its queries and alert
 * texts need — `endpoint` on errors and requests ("Error Rate by Endpoint"), `user` on quota (RLMQuotaNearLimit) and
 * on rlm_user_active (one series per user active today), `type` on agents, `connector` on storage latency. Durations
 * in ms where the runbook compares them in ms (> 30000 is "> 30s"), the latency histogram in s ("> 1" is 1 second).
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
