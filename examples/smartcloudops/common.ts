/**
 * Names, links and alert priorities shared by the SmartCloudOps AI example (seed 004_78bffc72f6f6c34a.txt,
 * "Production Troubleshooting Guide").
 */
import { AlertRule, WatchkeeperError } from '../../src';

export const SMARTCLOUDOPS = {
  /** The application's namespace (`kubectl ... -n smartcloudops`). */
  namespace: 'smartcloudops',
  /** Prometheus, Fluentd and Elasticsearch (`kubectl ... -n smartcloudops-monitoring`). */
  monitoringNamespace: 'smartcloudops-monitoring',
  /**
   * Value of the `system` label on every alert. Not `service`: series scraped through a ServiceMonitor carry
   * their own `service` label (the Kubernetes Service), which a rule label of that name would overwrite.
   */
  system: 'smartcloudops',
  /**
   * The guide's home: docs/runbooks/troubleshooting-guide.md of the SmartCloudOps AI repository. Alerts link
   * `<runbookBase>#<section anchor>`; pass another base to the chart to point at a mirror or wiki.
   */
  runbookBase: 'https://github.com/TechTyphoon/smartcloudops-ai/blob/main/docs/runbooks/troubleshooting-guide.md',
} as const;

/** The URL of a guide section, by its GitHub heading anchor (`#issue-certificate-expiration`). */
export function runbookUrl(anchor: string, base: string = SMARTCLOUDOPS.runbookBase): string {
  return `${base}#${anchor}`;
}

/**
 * The guide's "Severity Levels" (P0 Critical ... P3 Low) with its "Escalation Matrix" (who responds, how fast).
 * Keyed by the `severity` label the alerts carry: the levels' own words, lower-cased.
 */
export const PRIORITIES = {
  critical: {
    priority: 'P0',
    meaning: 'Complete service outage, data loss, security breach',
    contact: 'On-Call Engineer + Platform Lead',
    respondWithin: '15 minutes',
  },
  high: {
    priority: 'P1',
    meaning: 'Major functionality impaired, significant user impact',
    contact: 'Platform Team',
    respondWithin: '1 hour',
  },
  medium: {
    priority: 'P2',
    meaning: 'Minor functionality affected, limited user impact',
    contact: 'Assigned Engineer',
    respondWithin: '4 hours',
  },
  low: {
    priority: 'P3',
    meaning: 'Cosmetic issues, no user impact',
    contact: 'Team Backlog',
    respondWithin: 'Next business day',
  },
} as const;

/** A severity of the guide: critical (P0), high (P1), medium (P2), low (P3). */
export type SmartCloudOpsSeverity = keyof typeof PRIORITIES;

/**
 * The area an alert belongs to, as its `area` label: the guide's Slack channels (#platform-alerts,
 * #security-alerts, #database-alerts) and teams. Alertmanager routes on it (examples/smartcloudops/routing.ts).
 */
export type SmartCloudOpsArea = 'platform' | 'security' | 'database';

/**
 * Adds what the escalation matrix says about an alert's severity: the `priority` label (P0-P3) and the
 * `escalate_to` / `respond_within` annotations.
 * @throws WatchkeeperError when the alert's severity is not one of the guide's four
 */
export function withPriority(rule: AlertRule): AlertRule {
  const severity = rule.props.labels?.severity ?? '';
  if (!Object.prototype.hasOwnProperty.call(PRIORITIES, severity)) {
    throw new WatchkeeperError([
      {
        where: `alert "${rule.name}"`,
        field: 'labels.severity',
        value: severity,
        message: 'the SmartCloudOps guide defines critical (P0), high (P1), medium (P2) and low (P3) only',
        fix: `use one of ${Object.keys(PRIORITIES).join(', ')}`,
      },
    ]);
  }
  const p = PRIORITIES[severity as SmartCloudOpsSeverity];
  return rule.with({
    labels: { priority: p.priority },
    annotations: { escalate_to: p.contact, respond_within: p.respondWithin },
  });
}
