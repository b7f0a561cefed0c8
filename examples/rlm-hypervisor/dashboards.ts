/**
 * The three dashboards of the RLM monitoring runbook ("Dashboards", seed 002_ded32a8254555b95.txt), panel for
 * panel: titles, kinds (graph -> timeseries, bar gauge -> bargauge) and refresh as written. The seed's queries
 * that are not PromQL are replaced by the nearest valid query, each with a comment. Thresholds come from the
 * declarations the alerts are rendered from (Key Metrics, alert rules), never typed twice.
 *
 * Plus a service dashboard generated from those declarations: one panel per metric and alert, each linking
 * to its alert's runbook section.
 */
import { Chart } from 'cdk8s';
import {
  AlertRule,
  Dashboard,
  DashboardProps,
  ServiceDashboard,
  alertCondition,
  levelSteps,
  thresholdMetricPanel,
} from '../../src';
import { businessGroup, criticalGroup, warningGroup } from './alert-groups';
import { RLM, runbook } from './common';
import { businessMetrics, resourceUtilization, serviceHealth } from './key-metrics';
import { availabilityVersusErrorAlerts } from './slos';
import { rlmMetrics } from './metrics';
import { storageLatencyMetric } from './troubleshooting-alerts';

/** Where the sidecar puts the dashboards, and what every RLM dashboard links to. */
const shared = {
  tags: ['rlm'],
  // What the RLM Hypervisor exports: synth refuses legends, `by` clauses and matches on labels it lacks.
  metrics: rlmMetrics,
  configMap: { folder: 'RLM Hypervisor' },
  links: [
    { title: 'RLM dashboards', tags: ['rlm'] },
    { title: 'Monitoring runbook', url: runbook('dashboards'), icon: 'doc' },
  ],
} satisfies Partial<DashboardProps>;

const metric = (name: string) => {
  const m = [...serviceHealth, ...resourceUtilization, ...businessMetrics].find(
    (x) => x.props.metric === name || x.alertName === name,
  );
  if (!m) throw new Error(`no Key Metrics row for ${name}`);
  return m;
};

const alert = (name: string): AlertRule => {
  const rule = [criticalGroup(), warningGroup(), businessGroup()]
    .flatMap((g) => g.rules)
    .find((r): r is AlertRule => r instanceof AlertRule && r.name === name);
  if (!rule) throw new Error(`no alert ${name}`);
  return rule;
};

/** The dashboards added by addRlmDashboards. */
export interface RlmDashboards {
  readonly executive: Dashboard;
  readonly operations: Dashboard;
  readonly capacity: Dashboard;
  readonly service?: ServiceDashboard;
}

/**
 * Adds "RLM Executive Summary", "RLM Operations" and "RLM Capacity Planning" to `chart`, and (unless
 * `serviceDashboard` is false) the generated "RLM Hypervisor: service overview".
 */
export function addRlmDashboards(chart: Chart, options: { readonly serviceDashboard?: boolean } = {}): RlmDashboards {
  const executive = new Dashboard(chart, 'executive-summary', {
    ...shared,
    title: 'RLM Executive Summary',
    description: 'Key metrics for leadership visibility.',
    refresh: '5m',
    time: { from: 'now-24h', to: 'now' },
    panels: [
      {
        // The availability row of Key Metrics: its warning (99.9%) and critical (99%) levels colour the stat.
        // Seed: avg(rlm_api_availability), the latest value; the title says 24 h, so average the last 24 h.
        ...thresholdMetricPanel(metric('rlm_api_availability'), { kind: 'stat' }),
        title: 'Service Availability (24h)',
        queries: ['avg(avg_over_time(rlm_api_availability[24h]))'],
      },
      {
        kind: 'timeseries',
        title: 'Daily Active Users',
        // Seed: count_unique(rlm_user_active) — no such function; count the distinct users instead.
        queries: [{ expr: 'count(count by (user) (rlm_user_active))', legend: 'active users' }],
        unit: 'short',
      },
      // Seed: sum(rlm_tasks_completed), a counter: its lifetime total, reset by every restart. The tasks of the
      // last 24 h are its increase.
      {
        kind: 'stat',
        title: 'Daily Tasks Executed',
        queries: ['sum(increase(rlm_tasks_completed[24h]))'],
        unit: 'short',
      },
      {
        kind: 'timeseries',
        title: 'Cost Per Million Requests',
        // Seed: rlm_cost / (rlm_requests / 1000000), a one-to-one division of two lifetime counters; rlm_requests
        // carries `endpoint` where rlm_cost does not, so no series pair matches and the panel is empty. The
        // cost of the last hour over the requests of the last hour, both summed, per million.
        queries: [
          {
            expr: 'sum(increase(rlm_cost[1h])) / sum(increase(rlm_requests[1h])) * 1000000',
            legend: 'cost per 1M requests (1h)',
          },
        ],
        unit: 'currencyUSD',
      },
    ],
  });

  const operations = new Dashboard(chart, 'operations', {
    ...shared,
    title: 'RLM Operations',
    description: 'Real-time system health.',
    refresh: '10s',
    time: { from: 'now-1h', to: 'now' },
    annotations: [
      {
        name: 'Deployments',
        expr: `changes(kube_deployment_status_observed_generation{namespace="${RLM.namespace}"}[5m]) > 0`,
        title: 'Deployment {{deployment}}',
        tagKeys: ['deployment'],
        iconColor: 'purple',
      },
    ],
    panels: [
      {
        kind: 'heatmap',
        title: 'API Latency Heatmap',
        // Seed: histogram(rlm_api_latency) — no such function; a heatmap of the latency histogram's buckets.
        queries: [{ expr: 'sum by (le) (rate(rlm_api_latency_bucket[$__rate_interval]))', legend: '{{le}}' }],
        unit: 's',
      },
      {
        kind: 'timeseries',
        title: 'Error Rate by Endpoint',
        // Seed: rate(rlm_errors[5m]) by (endpoint) — `by` belongs to an aggregation, so sum by endpoint.
        queries: [{ expr: 'sum by (endpoint) (rate(rlm_errors[5m]))', legend: '{{endpoint}}' }],
        unit: 'reqps',
      },
      {
        kind: 'timeseries',
        title: 'Active Agents by Type',
        queries: [{ expr: 'sum(rlm_active_agents) by (type)', legend: '{{type}}' }],
        unit: 'short',
      },
      // Seed: avg(rlm_storage_latency) by (connector), shown in seconds while RLMStorageConnectorSlow reads the
      // same metric in ms (200/500): 104 ms showed as about 1.7 minutes. The panel is that alert's declaration
      // (unit ms, its levels as lines), with the seed's title.
      thresholdMetricPanel(storageLatencyMetric(), { title: 'Storage Connector Latency', legend: '{{connector}}' }),
    ],
  });

  const quotaAlert = alertCondition(alert('RLMQuotaNearLimit').props.expr);
  const capacity = new Dashboard(chart, 'capacity-planning', {
    ...shared,
    title: 'RLM Capacity Planning',
    description: 'Resource planning metrics.',
    refresh: '1m',
    time: { from: 'now-7d', to: 'now' },
    panels: [
      {
        kind: 'bargauge',
        // Seed: "by Org" with legend {{org}}, but quota is per `user` (metrics.ts; RLMQuotaNearLimit names
        // {{ $labels.user }}): every bar had the same blank name.
        title: 'Quota Utilization by User',
        queries: [{ expr: 'rlm_quota_usage / rlm_quota_limit', legend: '{{user}}' }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        // The level of the RLMQuotaNearLimit alert (> 0.8), read from the rule itself.
        thresholds: quotaAlert ? levelSteps([{ severity: 'warning', value: quotaAlert.value }], 'above') : [],
      },
      // Seed: rlm_active_agents / rlm_max_agents, shown as the Key Metrics row evaluates it (percent of the
      // agent limit) so the gauge's marks are the alert's 80% and 95% levels.
      thresholdMetricPanel(metric('RlmActiveAgents'), { kind: 'gauge', title: 'Agent Pool Utilization' }),
      {
        kind: 'timeseries',
        title: 'Forecast: 30-day Capacity',
        // Seed: forecast_linear(rlm_active_agents[7d], 30d) — PromQL's linear forecast is predict_linear(v, seconds).
        // Per series it forecast each pod under the autoscaler (pods come and go); capacity is the sum of all
        // agents, forecast from its hourly values over 7 days, beside today's sum and the agent limit.
        queries: [
          { expr: 'sum(rlm_active_agents)', legend: 'active agents' },
          { expr: 'predict_linear(sum(rlm_active_agents)[7d:1h], 30 * 86400)', legend: 'forecast in 30 days' },
          { expr: 'sum(rlm_max_agents)', legend: 'agent limit' },
        ],
        unit: 'short',
        width: 24,
      },
    ],
  });

  const service =
    options.serviceDashboard === false
      ? undefined
      : new ServiceDashboard(chart, 'service-overview', {
          ...shared,
          service: RLM.service,
          title: 'RLM Hypervisor: service overview',
          refresh: '1m',
          sections: [
            { title: 'Service health', declarations: serviceHealth },
            { title: 'Resource utilization', declarations: resourceUtilization },
            { title: 'Business metrics', declarations: businessMetrics },
            { title: 'Paging alerts', declarations: [criticalGroup(), availabilityVersusErrorAlerts()] },
            { title: 'Warnings', declarations: [warningGroup()], collapsed: true },
            { title: 'Business alerts', declarations: [businessGroup()], collapsed: true },
          ],
        });

  return { executive, operations, capacity, service };
}
