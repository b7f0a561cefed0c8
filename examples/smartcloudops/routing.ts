/**
 * SmartCloudOps AI alert routing, from the production troubleshooting guide (seed 004): four severity levels
 * P0-P3 ("Severity Levels", "Escalation Matrix") and Slack channels by area (#platform-alerts for automated
 * alerts, #security-alerts, #database-alerts). P0 pages the on-call engineer and also reaches its area's
 * channel; P3 goes to the team backlog as a ticket, during business hours ("Next business day"); the rest go to
 * their area's channel (security and database also mail their team).
 *
 * Alerts carry `severity` (critical, high, medium, low) and `area` (platform, security, database).
 * Self-contained: by default the policy is checked against SMARTCLOUDOPS_EXAMPLE_ALERTS, label sets for the
 * guide's issues. In a chart that holds the SmartCloudOps alert rules (SmartCloudOpsChart), pass `alerts: []`
 * and it is checked against those.
 */
import { Construct } from 'constructs';
import { AlertLabels, InhibitRule, NotificationPolicy, Receiver, TimeInterval } from '../../src';
import { PRIORITIES, SMARTCLOUDOPS, SmartCloudOpsArea, SmartCloudOpsSeverity } from '.';

/** The guide's namespace (`kubectl ... -n smartcloudops`). */
export const SMARTCLOUDOPS_NAMESPACE = SMARTCLOUDOPS.namespace;

/** Severity label values by priority, with the escalation matrix's contact and response time (from common.ts). */
export const SMARTCLOUDOPS_SEVERITIES = PRIORITIES;
export type { SmartCloudOpsArea, SmartCloudOpsSeverity };

/** Areas and their Slack channels ("Slack Channels"). */
export const SMARTCLOUDOPS_CHANNELS = {
  platform: '#platform-alerts',
  security: '#security-alerts',
  database: '#database-alerts',
} as const satisfies Record<SmartCloudOpsArea, string>;

const example = (alert: string, severity: SmartCloudOpsSeverity, area: SmartCloudOpsArea): AlertLabels => ({
  alert,
  labels: { severity, area, service: 'smartcloudops-ai' },
});

/** Alerts for the guide's issues, with the severity its definitions give them. */
export const SMARTCLOUDOPS_EXAMPLE_ALERTS: readonly AlertLabels[] = [
  // Application Issues
  example('SmartCloudOpsApiErrorRate', 'critical', 'platform'), // 500/503 everywhere: outage
  example('SmartCloudOpsApiErrorRate', 'high', 'platform'),
  example('SmartCloudOpsApiResponseTime', 'high', 'platform'), // > 2 s
  example('SmartCloudOpsApiResponseTime', 'medium', 'platform'),
  example('SmartCloudOpsPodOOMKilled', 'medium', 'platform'),
  // Infrastructure Problems
  example('SmartCloudOpsNodeNotReady', 'high', 'platform'),
  example('SmartCloudOpsLoadBalancerUnhealthyTargets', 'high', 'platform'),
  // Performance Issues / Database Problems
  example('SmartCloudOpsDatabaseSlowQueries', 'medium', 'database'),
  example('SmartCloudOpsDatabaseConnectionPoolExhausted', 'critical', 'database'),
  example('SmartCloudOpsRedisMemoryFull', 'high', 'database'),
  // Security Incidents
  example('SmartCloudOpsAuthenticationFailureSpike', 'critical', 'security'), // possible breach
  example('SmartCloudOpsCertificateExpiry', 'high', 'security'), // days left
  example('SmartCloudOpsCertificateExpiry', 'low', 'security'), // weeks left: a ticket
  // Monitoring and Logging Issues
  example('SmartCloudOpsPrometheusTargetsDown', 'medium', 'platform'),
  example('SmartCloudOpsLogIngestionErrors', 'low', 'platform'),
];

/** The Secret (in the SmartCloudOps namespace) holding the notification credentials, and its keys. */
export const SMARTCLOUDOPS_ALERTING_SECRET = {
  name: 'smartcloudops-alertmanager',
  pagerDutyKey: 'pagerduty-routing-key',
  slackKey: 'slack-webhook-url',
  ticketTokenKey: 'ticket-api-token',
  smtpPasswordKey: 'smtp-password',
} as const;

/** Settings of the SmartCloudOps policy. */
export interface SmartCloudOpsRoutingOptions {
  /** Where P3 tickets are filed (a webhook that opens backlog tickets). @default 'http://ticket-bridge.smartcloudops.svc:8080/alertmanager' */
  readonly ticketWebhookUrl?: string;
  /** SMTP server. @default 'smtp.smartcloudops.ai:587' */
  readonly smarthost?: string;
  /**
   * The alerts the policy is checked against besides the chart's rules: pass [] in a chart that holds the
   * SmartCloudOps alert rules. @default SMARTCLOUDOPS_EXAMPLE_ALERTS
   */
  readonly alerts?: readonly AlertLabels[];
  /**
   * The AlertmanagerConfig's namespace: the operator routes it only alerts labelled with it (alerts on the
   * monitoring stack's own series carry smartcloudops-monitoring). @default 'smartcloudops'
   */
  readonly namespace?: string;
}

/** Adds the SmartCloudOps notification policy to a chart. */
export function addSmartCloudOpsRouting(scope: Construct, opts: SmartCloudOpsRoutingOptions = {}): NotificationPolicy {
  const s = SMARTCLOUDOPS_ALERTING_SECRET;
  const slackUrl = { name: s.name, key: s.slackKey };
  const slack = (channel: string) => ({
    channel,
    apiUrl: slackUrl,
    sendResolved: true,
    title: '[{{ .CommonLabels.severity }}] {{ .CommonLabels.alertname }}',
  });
  const mail = (to: string) => ({ to });

  const oncall = Receiver.pagerDuty('smartcloudops-oncall', {
    routingKey: { name: s.name, key: s.pagerDutyKey },
    severity: 'critical',
  });
  const backlog = Receiver.webhook('smartcloudops-backlog', {
    url: opts.ticketWebhookUrl ?? 'http://ticket-bridge.smartcloudops.svc:8080/alertmanager',
    bearerToken: { name: s.name, key: s.ticketTokenKey },
  });
  const platform = new Receiver('platform-alerts', { slack: [slack(SMARTCLOUDOPS_CHANNELS.platform)] });
  // "Security Team: security-team@smartcloudops.ai", "Database Team: database-team@smartcloudops.ai"
  const security = new Receiver('security-alerts', {
    slack: [slack(SMARTCLOUDOPS_CHANNELS.security)],
    email: [mail('security-team@smartcloudops.ai')],
  });
  const database = new Receiver('database-alerts', {
    slack: [slack(SMARTCLOUDOPS_CHANNELS.database)],
    email: [mail('database-team@smartcloudops.ai')],
  });

  const policy = new NotificationPolicy(scope, 'routing', {
    namespace: opts.namespace ?? SMARTCLOUDOPS_NAMESPACE,
    // SmartCloudOps' alerts concern two namespaces (the application's and the monitoring stack's), so its
    // Alertmanager resource sets alertmanagerConfigMatcherStrategy: None; under the operator's default,
    // OnNamespace, this one config could receive only one namespace's alerts (synth would list the others).
    matcherStrategy: 'None',
    severities: Object.keys(SMARTCLOUDOPS_SEVERITIES),
    groupBy: ['alertname', 'area'],
    smtp: {
      from: 'alertmanager@smartcloudops.ai',
      smarthost: opts.smarthost ?? 'smtp.smartcloudops.ai:587',
      authUsername: 'alertmanager',
      authPassword: { name: s.name, key: s.smtpPasswordKey },
    },
    alerts: opts.alerts ?? SMARTCLOUDOPS_EXAMPLE_ALERTS,
  });
  // P0: page (15 minutes), and go on to the area's channel.
  policy.addRoute({
    matchers: ['severity="critical"'],
    receiver: oncall,
    continue: true,
    groupWait: '0s',
    groupInterval: '1m',
    repeatInterval: '15m',
  });
  // P3: a backlog ticket, next business day.
  policy.addRoute({
    matchers: ['severity="low"'],
    receiver: backlog,
    activeTimeIntervals: [TimeInterval.businessHours()],
    repeatInterval: '24h',
  });
  policy.addRoute({ matchers: ['area="security"'], receiver: security, repeatInterval: '1h' });
  policy.addRoute({ matchers: ['area="database"'], receiver: database, repeatInterval: '1h' });
  policy.addRoute({ matchers: ['area="platform"'], receiver: platform, repeatInterval: '4h' });
  // A critical silences the high of the same alert (ThresholdMetric levels share the alertname).
  policy.addInhibitRule(InhibitRule.bySeverity('critical', 'high'));
  return policy;
}
