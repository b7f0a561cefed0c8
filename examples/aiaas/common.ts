/**
 * Names, links and alert priorities shared by the AIaaS example (seed 003_17a6ac30130628c2.txt, the Multi-Tenant
 * AIaaS Platform's "Operational Runbooks").
 */
import { AlertRule, WatchkeeperError } from '../../src';

export const AIAAS = {
  /** The namespace of every `kubectl ... -n production` in the runbooks. */
  namespace: 'production',
  /**
   * Value of the `system` label on every alert. Not `service`: the platform's metrics carry a `service` label
   * naming the microservice, which the alerts keep.
   */
  system: 'aiaas',
  /**
   * The runbooks' home: observability/runbooks/RUNBOOKS.md of the platform's repository. Alerts link
   * `<runbookBase>#<section anchor>`; pass another base to the chart to point at a mirror or wiki.
   */
  runbookBase: 'https://github.com/Tranbac123/multi-ai-agent/blob/main/observability/runbooks/RUNBOOKS.md',
} as const;

/** The URL of a runbook section, by its GitHub heading anchor (`#timeout-service-timeout-handling`). */
export function runbookUrl(anchor: string, base: string = AIAAS.runbookBase): string {
  return `${base}#${anchor}`;
}

/** The runbook codes: every alert carries one as its `runbook_code` label. */
export type RunbookCode = 'TIMEOUT' | 'TOOL_DOWN' | 'VALIDATION_FAIL' | 'WS_OVERLOAD';

/**
 * "Alert Response Procedures": Critical (P0), Warning (P1), Info (P2) alerts and how fast each is acknowledged
 * and investigated. Keyed by the `severity` label the alerts carry.
 */
export const PRIORITIES = {
  critical: {
    priority: 'P0',
    acknowledgeWithin: '5 minutes',
    investigateWithin: '10 minutes',
    anchor: 'critical-alerts-p0',
  },
  warning: {
    priority: 'P1',
    acknowledgeWithin: '15 minutes',
    investigateWithin: '30 minutes',
    anchor: 'warning-alerts-p1',
  },
  info: { priority: 'P2', acknowledgeWithin: '1 hour', investigateWithin: '2 hours', anchor: 'info-alerts-p2' },
} as const;

/** A severity of the runbooks' response procedures. */
export type AiaasSeverity = keyof typeof PRIORITIES;

/**
 * Adds what the response procedures say about an alert's severity: the `priority` label (P0-P2, for routing and
 * inhibition) and the `priority`, `acknowledge_within` and `investigate_within` annotations (notifications print
 * them).
 * @throws WatchkeeperError when the alert's severity is not one of the procedures' three
 */
export function withPriority(rule: AlertRule): AlertRule {
  const severity = rule.props.labels?.severity ?? '';
  if (!Object.prototype.hasOwnProperty.call(PRIORITIES, severity)) {
    throw new WatchkeeperError([
      {
        where: `alert "${rule.name}"`,
        field: 'labels.severity',
        value: severity,
        message: 'the AIaaS response procedures define critical (P0), warning (P1) and info (P2) alerts only',
        fix: `use one of ${Object.keys(PRIORITIES).join(', ')}`,
      },
    ]);
  }
  return rule.with({
    labels: { priority: PRIORITIES[severity as AiaasSeverity].priority },
    annotations: responseAnnotations(severity as AiaasSeverity),
  });
}

/** The annotations an alert of this severity carries: its priority and response deadlines. */
export function responseAnnotations(severity: AiaasSeverity): Record<string, string> {
  const p = PRIORITIES[severity];
  return { priority: p.priority, acknowledge_within: p.acknowledgeWithin, investigate_within: p.investigateWithin };
}
