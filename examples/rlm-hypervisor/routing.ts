/**
 * RLM Hypervisor alert routing, as the monitoring runbook (seed 002) describes it: critical alerts page the
 * on-call through PagerDuty (rlm-oncall), warnings go to Slack #rlm-oncall, business alerts (channel: email)
 * and other info alerts are mailed during business hours. A critical silences the warning of the same metric.
 */
import { Construct } from 'constructs';
import { InhibitRule, NotificationPolicy, PrometheusRule, Receiver, TimeInterval } from '../../src';
import { RLM } from './common';

/** The Secret (in the RLM namespace) holding the notification credentials, and its keys. */
export const RLM_ALERTING_SECRET = {
  name: 'rlm-alertmanager',
  pagerDutyKey: 'pagerduty-routing-key',
  slackKey: 'slack-webhook-url',
  smtpPasswordKey: 'smtp-password',
} as const;

/** Settings of the RLM policy; the defaults are the runbooks' contacts. */
export interface RlmRoutingOptions {
  /** Who gets business alerts. @default 'help@rlm-hypervisor.io' (seed 000: General Support, 4 hours) */
  readonly emailTo?: string;
  /** Sender of alert mail. @default 'alertmanager@rlm-hypervisor.io' */
  readonly emailFrom?: string;
  /** SMTP server. @default 'smtp.rlm-hypervisor.io:587' */
  readonly smarthost?: string;
}

/** The receivers, by the runbook's Contact Information. */
export function rlmReceivers(opts: RlmRoutingOptions = {}): { pagerDuty: Receiver; slack: Receiver; email: Receiver } {
  const secret = RLM_ALERTING_SECRET.name;
  return {
    // "On-Call Escalation: pagerduty.com/rlm-oncall"
    pagerDuty: Receiver.pagerDuty('rlm-oncall-pagerduty', {
      routingKey: { name: secret, key: RLM_ALERTING_SECRET.pagerDutyKey },
      severity: 'critical',
      details: { runbook: '{{ .CommonAnnotations.runbook_url }}', summary: '{{ .CommonAnnotations.summary }}' },
    }),
    // "Slack: #rlm-oncall"; the runbook's "Slack Alerts (Warning Channel)".
    slack: Receiver.slack('rlm-oncall-slack', {
      channel: '#rlm-oncall',
      apiUrl: { name: secret, key: RLM_ALERTING_SECRET.slackKey },
      sendResolved: true,
    }),
    // "Business Alerts (Email)".
    email: Receiver.email('rlm-business-email', {
      to: opts.emailTo ?? 'help@rlm-hypervisor.io',
      from: opts.emailFrom ?? 'alertmanager@rlm-hypervisor.io',
      smarthost: opts.smarthost ?? 'smtp.rlm-hypervisor.io:587',
      authUsername: 'alertmanager',
      authPassword: { name: secret, key: RLM_ALERTING_SECRET.smtpPasswordKey },
    }),
  };
}

/**
 * Adds the RLM notification policy to a chart (an RlmHypervisorChart): it routes that chart's alerts and is
 * checked against them at synth.
 */
export function addRlmRouting(scope: Construct, opts: RlmRoutingOptions = {}): NotificationPolicy {
  // prometheus-operator (OnNamespace) routes this config only alerts labelled with its namespace.
  PrometheusRule.labelAlertsWithNamespace(scope);
  const r = rlmReceivers(opts);
  const policy = new NotificationPolicy(scope, 'routing', {
    namespace: RLM.namespace,
    labels: { release: 'kube-prometheus-stack' },
    groupBy: ['alertname', 'service'],
  });
  // SEV-1/SEV-2: 5-15 minute response; page fast and remind hourly while it fires.
  policy.addRoute({
    matchers: ['severity="critical"'],
    receiver: r.pagerDuty,
    groupWait: '10s',
    groupInterval: '1m',
    repeatInterval: '1h',
  });
  // SEV-3: 1 hour response.
  policy.addRoute({ matchers: ['severity="warning"'], receiver: r.slack, repeatInterval: '4h' });
  // SEV-4: 24 hours, weekly report; mailed during business hours. Business alerts say so with channel: email;
  // other info alerts (e.g. capacity alerts) are mailed too, when the chart has any.
  const businessHours = TimeInterval.businessHours();
  policy.addRoute({
    matchers: ['channel="email"'],
    receiver: r.email,
    repeatInterval: '24h',
    activeTimeIntervals: [businessHours],
  });
  policy.addRoute({
    matchers: ['severity="info"'],
    receiver: r.email,
    repeatInterval: '24h',
    activeTimeIntervals: [businessHours],
    allowNoAlerts: true,
  });
  policy.addInhibitRule(InhibitRule.bySeverity('critical', 'warning'));
  return policy;
}
