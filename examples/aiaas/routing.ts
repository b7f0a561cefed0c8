/**
 * Multi-Tenant AIaaS Platform alert routing, from the operational runbooks (seed 003): "Alert Response
 * Procedures" give three priorities, Critical (P0), Warning (P1) and Info (P2), each with deadlines to
 * acknowledge and to start investigating. Critical pages the Level 1 on-call engineer, warnings go to Slack,
 * info is mailed. Alerts carry their priority and deadlines as annotations (`responseAnnotations`), which the
 * notifications print.
 *
 * Self-contained: by default the policy is checked against AIAAS_EXAMPLE_ALERTS, label sets for the runbooks'
 * symptoms (TIMEOUT, TOOL_DOWN, VALIDATION_FAIL, WS_OVERLOAD). In a chart that holds the AIaaS alert rules
 * (AiaasChart), pass `alerts: []` and it is checked against those.
 */
import { Construct } from 'constructs';
import { AlertLabels, InhibitRule, NotificationPolicy, PrometheusRule, Receiver } from '../../src';
import { AIAAS, AiaasSeverity, PRIORITIES, responseAnnotations } from '.';

/** The runbook's namespace (`kubectl ... -n production`). */
export const AIAAS_NAMESPACE = AIAAS.namespace;

/** The response procedure of each severity, as the runbook's "Alert Response Procedures" state them (common.ts). */
export const AIAAS_PRIORITIES = PRIORITIES;
export type { AiaasSeverity };

export { responseAnnotations };

/** An example alert: its labels for routing, its annotations for the people notified. */
export interface AiaasExampleAlert extends AlertLabels {
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

const example = (alert: string, severity: AiaasSeverity, service: string, runbook: string): AiaasExampleAlert => ({
  alert,
  labels: { severity, service, team: 'aiaas-platform' },
  annotations: { ...responseAnnotations(severity), runbook },
});

/** Alerts for the runbooks' symptoms, one label set per alert and severity. */
export const AIAAS_EXAMPLE_ALERTS: readonly AiaasExampleAlert[] = [
  // TIMEOUT: "High latency metrics (P95 > 500ms)", timeouts and circuit breakers.
  example('AiaasServiceLatencyP95', 'warning', 'api-gateway', 'TIMEOUT'),
  example('AiaasServiceLatencyP95', 'critical', 'api-gateway', 'TIMEOUT'),
  // TOOL_DOWN: health checks failing, 503s from tool endpoints, circuit breaker open.
  example('AiaasToolServiceDown', 'critical', 'tool-service', 'TOOL_DOWN'),
  example('AiaasCircuitBreakerOpen', 'warning', 'tool-service', 'TOOL_DOWN'),
  // VALIDATION_FAIL: high validation error rates, 400s.
  example('AiaasValidationErrorRate', 'info', 'api-gateway', 'VALIDATION_FAIL'),
  example('AiaasValidationErrorRate', 'warning', 'api-gateway', 'VALIDATION_FAIL'),
  // WS_OVERLOAD: connection counts, backpressure drops, connection timeouts.
  example('AiaasWebSocketConnectionsHigh', 'warning', 'realtime', 'WS_OVERLOAD'),
  example('AiaasWebSocketBackpressureDrops', 'info', 'realtime', 'WS_OVERLOAD'),
];

/** The Secret (in the AIaaS namespace) holding the notification credentials, and its keys. */
export const AIAAS_ALERTING_SECRET = {
  name: 'aiaas-alertmanager',
  pagerDutyKey: 'pagerduty-routing-key',
  slackKey: 'slack-webhook-url',
  smtpPasswordKey: 'smtp-password',
} as const;

/** Settings of the AIaaS policy. The runbook names no channels or addresses: these defaults are ours. */
export interface AiaasRoutingOptions {
  /** Slack channel for P1. @default '#aiaas-alerts' */
  readonly slackChannel?: string;
  /** Who gets P2 mail. @default 'aiaas-oncall@example.com' */
  readonly emailTo?: string;
  /** Sender of alert mail. @default 'alertmanager@example.com' */
  readonly emailFrom?: string;
  /** SMTP server. @default 'smtp.example.com:587' */
  readonly smarthost?: string;
  /**
   * The alerts the policy is checked against besides the chart's rules: pass [] in a chart that holds the AIaaS
   * alert rules. @default AIAAS_EXAMPLE_ALERTS
   */
  readonly alerts?: readonly AlertLabels[];
  /** The AlertmanagerConfig's namespace: the operator routes it only alerts labelled with it. @default 'production' */
  readonly namespace?: string;
}

/** Adds the AIaaS notification policy to a chart. */
export function addAiaasRouting(scope: Construct, opts: AiaasRoutingOptions = {}): NotificationPolicy {
  // prometheus-operator (OnNamespace) routes this config only alerts labelled with its namespace.
  PrometheusRule.labelAlertsWithNamespace(scope);
  const secret = AIAAS_ALERTING_SECRET.name;
  const deadline =
    'Priority {{ .CommonAnnotations.priority }}: acknowledge within {{ .CommonAnnotations.acknowledge_within }}, investigate within {{ .CommonAnnotations.investigate_within }}.';
  const oncall = Receiver.pagerDuty('aiaas-oncall-pagerduty', {
    routingKey: { name: secret, key: AIAAS_ALERTING_SECRET.pagerDutyKey },
    severity: 'critical',
    details: {
      priority: '{{ .CommonAnnotations.priority }}',
      acknowledge_within: '{{ .CommonAnnotations.acknowledge_within }}',
      investigate_within: '{{ .CommonAnnotations.investigate_within }}',
      runbook: '{{ .CommonAnnotations.runbook }}',
    },
  });
  const slack = Receiver.slack('aiaas-alerts-slack', {
    channel: opts.slackChannel ?? '#aiaas-alerts',
    apiUrl: { name: secret, key: AIAAS_ALERTING_SECRET.slackKey },
    title: '[{{ .CommonAnnotations.priority }}] {{ .CommonLabels.alertname }} ({{ .CommonLabels.service }})',
    text: `${deadline} Runbook: {{ .CommonAnnotations.runbook }}`,
    sendResolved: true,
  });
  const email = Receiver.email('aiaas-info-email', {
    to: opts.emailTo ?? 'aiaas-oncall@example.com',
    from: opts.emailFrom ?? 'alertmanager@example.com',
    smarthost: opts.smarthost ?? 'smtp.example.com:587',
    authUsername: 'alertmanager',
    authPassword: { name: secret, key: AIAAS_ALERTING_SECRET.smtpPasswordKey },
    headers: { Subject: `[{{ .CommonAnnotations.priority }}] {{ .CommonLabels.alertname }}: ${deadline}` },
  });
  const policy = new NotificationPolicy(scope, 'routing', {
    namespace: opts.namespace ?? AIAAS_NAMESPACE,
    groupBy: ['alertname', 'service'],
    alerts: opts.alerts ?? AIAAS_EXAMPLE_ALERTS,
  });
  // P0: acknowledge within 5 minutes: no batching delay, remind every 30 minutes while firing.
  policy.addRoute({
    matchers: ['severity="critical"'],
    receiver: oncall,
    groupWait: '0s',
    groupInterval: '1m',
    repeatInterval: '30m',
  });
  // P1: acknowledge within 15 minutes.
  policy.addRoute({ matchers: ['severity="warning"'], receiver: slack, groupWait: '30s', repeatInterval: '2h' });
  // P2: acknowledge within 1 hour.
  policy.addRoute({ matchers: ['severity="info"'], receiver: email, groupWait: '5m', repeatInterval: '12h' });
  // A critical silences the warning of the same alert (ThresholdMetric levels share the alertname).
  policy.addInhibitRule(InhibitRule.bySeverity('critical', 'warning'));
  return policy;
}
