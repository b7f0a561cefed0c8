/**
 * The three dashboards of the RLM monitoring runbook ("Dashboards", seed 002_ded32a8254555b95.txt), panel for
 * panel: titles, kinds (graph -> timeseries, bar gauge -> bargauge) and refresh as written. A seed query that is
 * not PromQL, or shows nothing or the wrong number, is replaced with a comment saying why. Levels come from the
 * declarations the alerts are rendered from, never typed twice. The service overview is the facade's own.
 */
import { AlertRule, PanelInput, PanelKind, PanelSpec, PanelSpecBase } from '../../src';
import { ServiceAlertProps, ServiceMonitoring, Slo, alertCondition, levelSteps, thresholdMetricPanel } from '../../src';
import { RLM, runbook } from './common';

/** A panel of one query. */
const panel = <K extends PanelKind>(kind: K, title: string, unit: string, expr: string, legend?: string) => {
  return { kind, title, unit, queries: [legend === undefined ? expr : { expr, legend }] } as PanelSpecBase<K>;
};
const BUCKET_RATES = 'sum by (le) (rate(rlm_api_latency_bucket[$__rate_interval]))';
const COST_PER_MILLION = 'sum(increase(rlm_cost[1h])) / sum(increase(rlm_requests[1h])) * 1000000';

/** Adds "RLM Executive Summary", "RLM Operations" and "RLM Capacity Planning" to the service. */
export function addRlmDashboards(s: ServiceMonitoring): void {
  const metric = (alert: string) => s.thresholds.filter((t) => t.alertName === alert)[0];
  const rule = (name: string) => s.rules.ruleGroups.flatMap((g) => g.rules).find((r) => r.name === name) as AlertRule;
  const quota = alertCondition(String(rule('RLMQuotaNearLimit').props.expr))?.value ?? NaN;
  const storage = metric('RLMStorageConnectorSlow');
  const add = (id: string, title: string, description: string, refresh: string, from: string, panels: PanelInput[]) => {
    const time = { from, to: 'now' };
    s.addDashboard(id, { uid: `${RLM.service}-${id}`, title, description, refresh, time, panels });
  };

  add('executive-summary', 'RLM Executive Summary', 'Key metrics for leadership visibility.', '5m', 'now-24h', [
    {
      // The availability row of Key Metrics colours the stat (warning 99.9%, critical 99%).
      // Seed: avg(rlm_api_availability), the latest value; the title says 24 h, so average the last 24 h.
      ...thresholdMetricPanel(metric('RlmApiAvailability'), { kind: 'stat' }),
      title: 'Service Availability (24h)',
      queries: ['avg(avg_over_time(rlm_api_availability[24h]))'],
    },
    // Seed: count_unique(rlm_user_active) — no such function; count the distinct users instead.
    panel('timeseries', 'Daily Active Users', 'short', 'count(count by (user) (rlm_user_active))', 'active users'),
    // Seed: sum(rlm_tasks_completed), a counter: its lifetime total, reset by every restart. Its 24 h increase.
    panel('stat', 'Daily Tasks Executed', 'short', 'sum(increase(rlm_tasks_completed[24h]))'),
    // Seed: rlm_cost / (rlm_requests / 1000000), two lifetime counters divided one-to-one; rlm_requests carries
    // `endpoint` where rlm_cost does not, so no pair matched. The last hour's cost over its requests, per million.
    panel('timeseries', 'Cost Per Million Requests', 'currencyUSD', COST_PER_MILLION, 'cost per 1M requests (1h)'),
  ]);

  add('operations', 'RLM Operations', 'Real-time system health.', '10s', 'now-1h', [
    // Seed: histogram(rlm_api_latency) — no such function; a heatmap of the latency histogram's buckets.
    panel('heatmap', 'API Latency Heatmap', 's', BUCKET_RATES, '{{le}}'),
    // Seed: rate(rlm_errors[5m]) by (endpoint) — `by` belongs to an aggregation, so sum by endpoint.
    panel('timeseries', 'Error Rate by Endpoint', 'reqps', 'sum by (endpoint) (rate(rlm_errors[5m]))', '{{endpoint}}'),
    panel('timeseries', 'Active Agents by Type', 'short', 'sum(rlm_active_agents) by (type)', '{{type}}'),
    // Seed: avg(rlm_storage_latency) by (connector), shown in s while RLMStorageConnectorSlow reads it in ms
    // (200/500): 104 ms showed as 1.7 minutes. The panel is that alert's declaration, with the seed's title.
    thresholdMetricPanel(storage, { title: 'Storage Connector Latency', legend: '{{connector}}' }),
  ]);

  add('capacity-planning', 'RLM Capacity Planning', 'Resource planning metrics.', '1m', 'now-7d', [
    {
      // Seed: "by Org" with legend {{org}}, but quota is per `user` (RLMQuotaNearLimit names {{ $labels.user }}):
      // every bar had the same blank name. Its line is RLMQuotaNearLimit's level, read from the rule.
      ...panel('bargauge', 'Quota Utilization by User', 'percentunit', 'rlm_quota_usage / rlm_quota_limit', '{{user}}'),
      thresholds: levelSteps([{ severity: 'warning', value: quota }], 'above'),
      min: 0,
      max: 1,
    },
    // Seed: rlm_active_agents / rlm_max_agents, shown as the Key Metrics row evaluates it (percent of the agent
    // limit), so the gauge's marks are its 80% and 95% levels.
    thresholdMetricPanel(metric('RlmActiveAgents'), { kind: 'gauge', title: 'Agent Pool Utilization' }),
    {
      // Seed: forecast_linear(rlm_active_agents[7d], 30d) — PromQL's is predict_linear(v, seconds). Per series it
      // forecast each pod under the autoscaler; capacity is the sum, forecast from its hourly values over 7 days.
      kind: 'timeseries',
      title: 'Forecast: 30-day Capacity',
      unit: 'short',
      width: 24,
      queries: [
        { expr: 'sum(rlm_active_agents)', legend: 'active agents' },
        { expr: 'predict_linear(sum(rlm_active_agents)[7d:1h], 30 * 86400)', legend: 'forecast in 30 days' },
        { expr: 'sum(rlm_max_agents)', legend: 'agent limit' },
      ],
    },
  ]);
}

const percent = (ratio: number): string => `${Number((ratio * 100).toPrecision(6))}%`;
const NOTE = 'Why the SLO can be red while the error-rate alerts are quiet';

/** Why the SLO can be red while the error-rate alerts are quiet: its burn-rate tiers' error ratios against theirs. */
export function sloNote(slo: Slo, alerts: readonly ServiceAlertProps[]): PanelSpec {
  const level = (a: ServiceAlertProps) => alertCondition(String(a.expr))?.value ?? NaN;
  const errorAlerts = alerts.filter((a) => String(a.expr).includes('rlm_errors'));
  const levels = errorAlerts.map((a) => `${a.alert} (${a.labels?.severity}) at ${percent(level(a))}`).join(', ');
  const budget = Number(slo.errorBudget);
  const tiers = slo.tiers.map((t) => ({ ...t, ratio: Number(t.factor) * budget }));
  const [low, high] = [Math.min(...tiers.map((t) => t.ratio)), Math.max(...tiers.map((t) => t.ratio))];
  const content = [
    `The availability objective of ${slo.objectivePercent}% leaves an error budget of ${percent(budget)} of requests. Its burn-rate alerts fire at these error ratios:\n`,
    ...tiers.map((t) => `- ${t.severity}: ${percent(t.ratio)} of requests failing over ${t.longWindow}`),
    `\nThe runbook's error-rate alerts on the same ratio are looser: ${levels}.`,
    `From ${percent(low)} to ${percent(Math.min(...errorAlerts.map(level)))} failing, the SLO's alerts fire (within the hour from ${percent(high)}) while no error-rate alert does: that is the error budget being spent, not a broken panel.`,
  ].join('\n');
  const links = [{ title: 'Runbook: service health targets', url: runbook('service-health-metrics') }];
  return { kind: 'text', title: NOTE, height: 6, links, content };
}
