/**
 * Multi-Tenant AIaaS Platform alert routing (seed 003, "Alert Response Procedures" and "Escalation Procedures"):
 * critical (P0) pages the Level 1 on-call engineer, warnings (P1) go to Slack, info (P2) is mailed; the
 * notifications print each alert's priority and deadlines. Added to an AiaasChart, checked against its alerts.
 */
import { Construct } from 'constructs';
import { AlertLabels, InhibitRule, NotificationPolicy, Receiver } from '../../src';

/** Adds the AIaaS notification policy to an AiaasChart. The runbook names no channels or addresses: these are ours. */
export function addAiaasRouting(scope: Construct, opts: { alerts?: readonly AlertLabels[] } = {}): NotificationPolicy {
  // The credentials: keys of the Secret aiaas-alertmanager in the AlertmanagerConfig's namespace.
  const secret = (key: string) => ({ name: 'aiaas-alertmanager', key });
  const note = (a: string) => `{{ .CommonAnnotations.${a} }}`;
  const deadline = `Priority ${note('priority')}: acknowledge within ${note('acknowledge_within')}, investigate within ${note('investigate_within')}.`;
  const oncall = Receiver.pagerDuty('aiaas-oncall-pagerduty', {
    routingKey: secret('pagerduty-routing-key'),
    severity: 'critical',
    details: Object.fromEntries(
      ['priority', 'acknowledge_within', 'investigate_within', 'runbook_url'].map((a) => [a, note(a)]),
    ),
  });
  const slack = Receiver.slack('aiaas-alerts-slack', {
    channel: '#aiaas-alerts',
    apiUrl: secret('slack-webhook-url'),
    title: `[${note('priority')}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.service }})`,
    text: `${deadline} Runbook: ${note('runbook_url')}`,
    sendResolved: true,
  });
  const email = Receiver.email('aiaas-info-email', {
    to: 'aiaas-oncall@example.com',
    from: 'alertmanager@example.com',
    smarthost: 'smtp.example.com:587',
    authUsername: 'alertmanager',
    authPassword: secret('smtp-password'),
    headers: { Subject: `[${note('priority')}] {{ .CommonLabels.alertname }}: ${deadline}` },
  });
  const on = (severity: string) => [`severity="${severity}"`];
  return new NotificationPolicy(scope, 'routing', {
    groupBy: ['alertname', 'service'],
    alerts: opts.alerts ?? [],
    // P0 (acknowledge within 5 minutes): no batching delay, reminded every 30 minutes; P1 15 minutes; P2 1 hour.
    routes: [
      { matchers: on('critical'), receiver: oncall, groupWait: '0s', groupInterval: '1m', repeatInterval: '30m' },
      { matchers: on('warning'), receiver: slack, groupWait: '30s', repeatInterval: '2h' },
      { matchers: on('info'), receiver: email, groupWait: '5m', repeatInterval: '12h' },
    ],
    // A critical silences the warning of the same alert (WebSocketOverload's and ServiceTimeout's levels).
    inhibitRules: [InhibitRule.bySeverity('critical', 'warning')],
  });
}
