/**
 * Alerts for the issues of the RLM troubleshooting runbook (seed 000_024561cabc1ec117.txt) that a metric of
 * the RLM monitoring runbook (seed 002) can see, each linking the section of the troubleshooting page.
 *
 * The troubleshooting runbook itself queries REST endpoints (`$API_URL/v1/...`), not Prometheus. Its issues map
 * to metrics as follows:
 * - Issue 2 (tasks failing with timeout): `rlm_task_duration_p99` (ms) against the 10-minute task timeout.
 * - Issue 5 (storage connector slow): `rlm_storage_latency` by connector (the Operational dashboard's panel).
 * - Issue 6 (quota exceeded): `rlm_quota_usage / rlm_quota_limit` reaching 1 (the Capacity dashboard's ratio).
 * - Issue 8 (security alert) and Issue 10 (storage 403s): no RLM metric exists in either runbook. Pass the
 *   metrics the service exports as `securityEvents` / `storageAccessDenied` to get those alerts.
 * Issues 1 and 3 (500 errors, high latency) are covered by RLMHighErrorRate and RLMHighLatency (alert-groups.ts).
 */
import { Construct } from 'constructs';
import { AlertRule, PrometheusRule, RuleGroup, ThresholdMetric, convertUnit } from '../../src';
import { RLM, runbook } from './common';

/** Settings of the troubleshooting alerts. */
export interface TroubleshootingAlertsProps {
  /**
   * A series selector of a counter of security events, e.g. `rlm_security_events_total{severity="critical"}`.
   * When set, RLMSecurityEvents fires on any increase (Issue 8). @default none: no metric exists in the runbooks
   */
  readonly securityEvents?: string;
  /**
   * A series selector of a counter of storage requests refused with 403, e.g.
   * `rlm_storage_errors_total{code="403"}`. When set, RLMStorageAccessDenied fires on any increase (Issue 10).
   * @default none: no metric exists in the runbooks
   */
  readonly storageAccessDenied?: string;
}

/** The 10-minute task timeout of Issue 2's "Increase Task Timeout" (`timeoutMs: 600000`). */
export const TASK_TIMEOUT_MS = 600_000;

/**
 * Storage latency levels (ms): the P99 API latency levels of the Service Health table (warning 200 ms,
 * critical 500 ms). A connector slower than that on its own breaks the whole API's latency budget.
 */
export const STORAGE_LATENCY_MS = { warning: 200, critical: 500 } as const;

/** The "Emergency Contacts" rows the alerts point at. */
export const CONTACTS = {
  security: { contact: 'security@rlm-hypervisor.io', respondWithin: '15 minutes' },
  quota: { contact: 'support@rlm-hypervisor.io', respondWithin: '30 minutes' },
} as const;

const page = 'troubleshooting';
const base = { service: RLM.service, team: RLM.team };

/**
 * Issue 5's storage connector latency, avg by connector, in ms as rlm_storage_latency is (metrics.ts): the
 * alert RLMStorageConnectorSlow and the Operations dashboard's "Storage Connector Latency" panel both come
 * from it, so the panel's unit, its red and orange lines and the alert's levels are one declaration.
 */
export function storageLatencyMetric(): ThresholdMetric {
  return new ThresholdMetric({
    ...base,
    metric: 'avg by (connector) (rlm_storage_latency)',
    alert: 'RLMStorageConnectorSlow',
    description: 'Latency of storage connector {{ $labels.connector }}',
    unit: 'ms',
    direction: 'above',
    thresholds: STORAGE_LATENCY_MS,
    runbookUrl: runbook('issue-5-storage-connector-slow', page),
  });
}

/** The troubleshooting alerts as one rule group, `troubleshooting`. */
export function troubleshootingGroup(props: TroubleshootingAlertsProps = {}): RuleGroup {
  const group = new RuleGroup('troubleshooting').add(
    // Issue 2: P99 task duration at the timeout means at least 1% of tasks are failing with timeouts.
    // rlm_task_duration_p99 is in ms (metrics.ts; RLMSlowTaskExecution: > 30000 is "> 30s"); shown in seconds,
    // converted by the library (`rlm_task_duration_p99 / 1000`).
    new ThresholdMetric({
      ...base,
      metric: convertUnit('rlm_task_duration_p99', 'ms', 's'),
      alert: 'RLMTaskTimeouts',
      description: 'P99 task duration',
      unit: 's',
      direction: 'above',
      thresholds: { critical: TASK_TIMEOUT_MS / 1000 },
      runbookUrl: runbook('issue-2-tasks-failing-with-timeout', page),
    }),
    // Issue 5: the Operational dashboard's "Storage Connector Latency" panel, avg by connector.
    storageLatencyMetric(),
    // Issue 6: QUOTA_EXCEEDED errors start when usage reaches the limit (RLMQuotaNearLimit warns at 80%).
    new AlertRule({
      alert: 'RLMQuotaExceeded',
      expr: 'rlm_quota_usage / rlm_quota_limit >= 1',
      for: '5m',
      labels: { ...base, severity: 'warning' },
      annotations: {
        summary: 'Quota exhausted for {{ $labels.user }}',
        description:
          '{{ $labels.user }} is at {{ $value | humanizePercentage }} of its quota: its tasks are rejected with QUOTA_EXCEEDED.',
        runbook_url: runbook('issue-6-quota-exceeded-errors', page),
        contact: CONTACTS.quota.contact,
        respond_within: CONTACTS.quota.respondWithin,
      },
    }),
  );
  if (props.securityEvents !== undefined) {
    group.addAlert({
      alert: 'RLMSecurityEvents',
      expr: `sum(increase(${props.securityEvents}[5m])) > 0`,
      labels: { ...base, severity: 'critical' },
      annotations: {
        summary: 'Security events detected',
        description:
          '{{ $value | humanize }} security events in the last 5 minutes: check failed authentications and policy violations.',
        runbook_url: runbook('issue-8-security-alert-triggered', page),
        contact: CONTACTS.security.contact,
        respond_within: CONTACTS.security.respondWithin,
      },
    });
  }
  if (props.storageAccessDenied !== undefined) {
    group.addAlert({
      alert: 'RLMStorageAccessDenied',
      expr: `sum(increase(${props.storageAccessDenied}[5m])) > 0`,
      for: '5m',
      labels: { ...base, severity: 'critical' },
      annotations: {
        summary: 'Storage refuses access (403 Forbidden)',
        description:
          '{{ $value | humanize }} storage requests were refused with 403 in the last 5 minutes: data cannot be read or written. Check credentials and bucket permissions.',
        runbook_url: runbook('issue-10-storage-access-denied', page),
      },
    });
  }
  return group;
}

/** Settings of addTroubleshootingAlerts. */
export interface AddTroubleshootingAlertsProps extends TroubleshootingAlertsProps {
  /** The construct id (and name suffix) of the PrometheusRule. @default 'alerts-troubleshooting' */
  readonly id?: string;
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** Adds the troubleshooting alerts to `scope` (the RLM chart) as their own PrometheusRule, and returns it. */
export function addTroubleshootingAlerts(scope: Construct, props: AddTroubleshootingAlertsProps = {}): PrometheusRule {
  return new PrometheusRule(scope, props.id ?? 'alerts-troubleshooting', {
    namespace: RLM.namespace,
    labels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
    groups: [troubleshootingGroup(props)],
  });
}
