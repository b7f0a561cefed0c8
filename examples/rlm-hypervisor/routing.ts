/**
 * RLM Hypervisor alert routing, as the monitoring runbook (seed 002) describes it: critical alerts page the
 * on-call through PagerDuty (rlm-oncall), warnings go to Slack #rlm-oncall, business alerts (channel: email)
 * and other info alerts are mailed during business hours. A critical silences the warning of the same metric.
 * Credentials are keys of the Secret rlm-alertmanager; mail goes to General Support (seed 000, 4 hours).
 */
import { InhibitRule, NotificationPolicy, PrometheusRule, Receiver, TimeInterval } from '../../src';
import type { RlmHypervisorChart } from '.';

/** Routes the whole chart's alerts (checked against them at synth); returns the policy. */
export function addRlmRouting(chart: RlmHypervisorChart): NotificationPolicy {
  const secret = (key: string) => ({ name: 'rlm-alertmanager', key });
  const details = { runbook: '{{ .CommonAnnotations.runbook_url }}', summary: '{{ .CommonAnnotations.summary }}' };
  // "On-Call Escalation: pagerduty.com/rlm-oncall", "Slack: #rlm-oncall", "Business Alerts (Email)".
  const pager = Receiver.pagerDuty('rlm-oncall-pagerduty', {
    routingKey: secret('pagerduty-routing-key'),
    severity: 'critical',
    details,
  });
  const slackHook = secret('slack-webhook-url');
  const slack = Receiver.slack('rlm-oncall-slack', { channel: '#rlm-oncall', apiUrl: slackHook, sendResolved: true });
  const mail = {
    from: 'alertmanager@rlm-hypervisor.io',
    smarthost: 'smtp.rlm-hypervisor.io:587',
    authUsername: 'alertmanager',
    authPassword: secret('smtp-password'),
  };
  const email = Receiver.email('rlm-business-email', { to: 'help@rlm-hypervisor.io', ...mail });
  // SEV-4: 24 hours, weekly report; mailed during business hours.
  const businessHours = [TimeInterval.businessHours()];
  const mailed = { receiver: email, repeatInterval: '24h' as const, activeTimeIntervals: businessHours };
  // prometheus-operator (OnNamespace) routes this config only the alerts labelled with its namespace.
  PrometheusRule.labelAlertsWithNamespace(chart);
  chart.service.routeBySeverity({
    name: `${chart.node.id}-routing`,
    alertScope: chart,
    inhibitRules: [InhibitRule.bySeverity('critical', 'warning')],
    receivers: {
      // SEV-1/SEV-2: 5-15 minute response; page fast and remind hourly while it fires. SEV-3: 1 hour response.
      critical: { receiver: pager, groupWait: '10s', groupInterval: '1m', repeatInterval: '1h' },
      warning: { receiver: slack, repeatInterval: '4h' },
    },
    // Business alerts say so with channel: email; other info alerts (the capacity table's) are mailed too.
    routes: [
      { matchers: ['channel="email"'], ...mailed },
      { matchers: ['severity="info"'], ...mailed },
    ],
  });
  return chart.service.routing as NotificationPolicy;
}
