/**
 * The alert severity vocabulary, written once: the `severity` label's known values, their order, their colours
 * on dashboards and the defaults. (Not to be confused with a lint finding's severity, `DiagnosticSeverity`:
 * error, warning, info, which says how serious a finding about a rule is.)
 */

/** The known alert severities, most severe first. */
export const KNOWN_SEVERITIES = ['critical', 'warning', 'info'] as const;

/** One of the known alert severities. */
export type KnownSeverity = (typeof KNOWN_SEVERITIES)[number];

/** An alert severity (the `severity` label's value): a known one, or any other string, which sorts after them. */
export type Severity = KnownSeverity | (string & {});

/** The severity of page alerts (wake someone up) unless a declaration says otherwise. */
export const PAGE_SEVERITY: KnownSeverity = 'critical';
/** The severity of ticket alerts (look at it during working hours) unless a declaration says otherwise. */
export const TICKET_SEVERITY: KnownSeverity = 'warning';

/** Whether `s` is one of KNOWN_SEVERITIES. */
export function isKnownSeverity(s: string): s is KnownSeverity {
  return (KNOWN_SEVERITIES as readonly string[]).includes(s);
}

/** Position of a severity in KNOWN_SEVERITIES (0 most severe); any other severity ranks after them all. */
export function severityRank(s: string): number {
  const i = (KNOWN_SEVERITIES as readonly string[]).indexOf(s);
  return i === -1 ? KNOWN_SEVERITIES.length : i;
}

/** Colours of the known severities on dashboard panels (Grafana colour names). */
export const SEVERITY_COLORS: Readonly<Record<KnownSeverity, string>> = {
  critical: 'red',
  warning: 'orange',
  info: 'blue',
};
/** The colour of any other severity on panels. */
export const OTHER_SEVERITY_COLOR = 'purple';
/** The colour of values on the healthy side of every level. */
export const HEALTHY_COLOR = 'green';

/** The panel colour of one severity. */
export function severityColor(severity: string): string {
  return isKnownSeverity(severity) ? SEVERITY_COLORS[severity] : OTHER_SEVERITY_COLOR;
}
