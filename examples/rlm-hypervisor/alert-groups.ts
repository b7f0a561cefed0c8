/**
 * The three alert files of the RLM monitoring runbook ("Alerting Rules"), rule for rule: names, `for`, labels
 * and annotations as written, plus a runbook_url to the section that handles each alert.
 */
import { RuleGroup } from '../../src';
import { runbook } from './common';

/** alerts-critical.yaml: paged through PagerDuty. */
export function criticalGroup(): RuleGroup {
  return new RuleGroup('critical')
    .addAlert({
      alert: 'RLMHighErrorRate',
      expr: 'rate(rlm_errors[5m]) / rate(rlm_requests[5m]) > 0.05',
      for: '2m',
      labels: { severity: 'critical', team: 'rlm-sre' },
      annotations: {
        summary: 'High error rate detected',
        description: 'Error rate is {{ $value | humanizePercentage }}',
        runbook_url: runbook('sev-2-high-error-rate'),
      },
    })
    .addAlert({
      alert: 'RLMHighLatency',
      expr: 'histogram_quantile(0.99, rate(rlm_api_latency_bucket[5m])) > 1',
      for: '3m',
      labels: { severity: 'critical', team: 'rlm-sre' },
      annotations: { summary: 'P99 latency exceeds 1 second', runbook_url: runbook('pagerduty-alerts-page-on-call') },
    })
    .addAlert({
      alert: 'RLMDatabaseConnectionFail',
      expr: 'rlm_db_connections_available == 0',
      for: '1m',
      labels: { severity: 'critical', team: 'rlm-sre' },
      annotations: {
        summary: 'Database connection pool exhausted',
        runbook_url: runbook('pagerduty-alerts-page-on-call'),
      },
    });
}

/** alerts-warning.yaml: posted to the Slack warning channel. */
export function warningGroup(): RuleGroup {
  return new RuleGroup('warnings')
    .addAlert({
      alert: 'RLMElevatedErrorRate',
      expr: 'rate(rlm_errors[5m]) / rate(rlm_requests[5m]) > 0.01',
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Elevated error rate: {{ $value | humanizePercentage }}',
        runbook_url: runbook('slack-alerts-warning-channel'),
      },
    })
    .addAlert({
      alert: 'RLMQuotaNearLimit',
      expr: 'rlm_quota_usage / rlm_quota_limit > 0.8',
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Quota usage above 80% for {{ $labels.user }}',
        runbook_url: runbook('slack-alerts-warning-channel'),
      },
    })
    .addAlert({
      alert: 'RLMSlowTaskExecution',
      expr: 'rlm_task_duration_p99 > 30000',
      for: '10m',
      labels: { severity: 'warning' },
      annotations: {
        summary: 'Task execution P99 latency > 30s',
        runbook_url: runbook('slack-alerts-warning-channel'),
      },
    });
}

/** alerts-business.yaml: mailed. */
export function businessGroup(): RuleGroup {
  return new RuleGroup('business')
    .addAlert({
      alert: 'RLMSuddenUserDrop',
      // Seed: abs(delta(count(rlm_active_users[1h]))) > 0.5 * count(rlm_active_users) is invalid (count() takes
      // an instant vector) and reads rlm_active_users, which the seed's Key Metrics table and its "Daily Active
      // Users" panel call rlm_user_active (metrics.ts). Its threshold was also off: |now - 1h ago| > now / 2
      // fires on a drop of a third and on a rise of more than double. The summary's "dropped by > 50%" is: fewer
      // than half of the users of an hour ago (none at all counts as 0, so a total loss fires too).
      expr: '(count(rlm_user_active) or vector(0)) < 0.5 * count(rlm_user_active offset 1h)',
      for: '15m',
      labels: { severity: 'info', channel: 'email' },
      annotations: { summary: 'User count dropped by > 50%', runbook_url: runbook('business-alerts-email') },
    })
    .addAlert({
      alert: 'RLMCostSpike',
      expr: 'rlm_daily_cost > 1.5 * avg_over_time(rlm_daily_cost[7d])',
      for: '1h',
      labels: { severity: 'info', channel: 'email' },
      annotations: { summary: 'Daily cost 50% above 7-day average', runbook_url: runbook('business-alerts-email') },
    });
}
