/**
 * Every check: its id, default severity, one-line doc and fix hint. docs/lint.md describes each with an
 * example; a test keeps the two in step.
 */
import type { CheckId, DiagnosticSeverity } from './types';

/** What a check is about. */
export interface CheckInfo {
  readonly id: CheckId;
  /**
   * The default severity of its findings. Findings that make Prometheus (or the operator) refuse the file
   * are errors whatever the configuration says.
   */
  readonly severity: DiagnosticSeverity;
  /** One line: what it finds. */
  readonly doc: string;
  /** One line: the usual fix. */
  readonly fix: string;
}

/** The checks, in the order docs/lint.md lists them. */
export const CHECKS: readonly CheckInfo[] = [
  {
    id: 'yaml/structure',
    severity: 'error',
    doc: 'YAML errors, unknown fields, record xor alert, empty expr, for/annotations on recording rules, durations, group names, PrometheusRule apiVersion/kind/spec.groups',
    fix: 'make the file a valid Prometheus rule file or PrometheusRule manifest',
  },
  {
    id: 'promql/syntax',
    severity: 'error',
    doc: 'expressions the target Prometheus release refuses to load (syntax, functions, types, regexes, durations)',
    fix: 'make the expression one Prometheus accepts',
  },
  {
    id: 'alerts/template',
    severity: 'error',
    doc: 'Go templates in alert labels and annotations: syntax, unknown functions, arity, undeclared variables, comparisons that fail on every firing, $labels the expression cannot produce, $value in labels',
    fix: 'fix the template, or read only labels the expression keeps',
  },
  {
    id: 'rule/name',
    severity: 'warning',
    doc: 'label and annotation keys, record names (level:metric:operations) and alert names (UpperCamelCase)',
    fix: 'rename following Prometheus naming conventions',
  },
  {
    id: 'alerts/comparison',
    severity: 'warning',
    doc: 'alert expressions that always fire: no comparison or filter, constants, comparisons with bool',
    fix: 'add a condition such as "> 0.05", or drop bool',
  },
  {
    id: 'rule/duplicate',
    severity: 'error',
    doc: 'the same rule twice in what one Prometheus loads (error); rules with the same name and labels that can produce the same series (warning); provably disjoint outputs are not reported',
    fix: 'remove one, or give them distinguishing labels',
  },
  {
    id: 'rule/required',
    severity: 'warning',
    doc: 'policy: required labels (severity, with allowed values) and annotations (summary, description, a well-formed runbook_url), for within bounds',
    fix: 'add the missing label or annotation, or change the policy in .watchkeeper.yaml',
  },
  {
    id: 'promql/rate',
    severity: 'warning',
    doc: 'rate/irate/increase on gauges (by metadata or unambiguous name), raw counters compared to thresholds, rate(sum(...)), windows too short for the scrape interval',
    fix: 'rate() counters only, compare rates not raw counters, aggregate after rate(), widen the window',
  },
  {
    id: 'promql/regexp',
    severity: 'warning',
    doc: 'regex matchers on a literal, redundant ^/$ anchors, matchers that match everything or nothing',
    fix: 'use = or != for literals, drop anchors and match-all matchers',
  },
  {
    id: 'promql/fragile',
    severity: 'warning',
    doc: 'topk/bottomk/limitk in alerts, absent() alerts without for',
    fix: 'alert on a condition per series; give absent() alerts a for duration',
  },
  {
    id: 'rule/dependency',
    severity: 'warning',
    doc: 'expressions reading recording rules (names with ":") that no file of the load set defines',
    fix: 'lint the file defining the recording rule too, or fix the name',
  },
];

const BY_ID: ReadonlyMap<string, CheckInfo> = new Map(CHECKS.map((c) => [c.id, c]));

/** The check with this id, or undefined. */
export function findCheck(id: string): CheckInfo | undefined {
  return BY_ID.get(id);
}

/** The check with this id. @throws Error for an unknown id (a bug). */
export function check(id: CheckId): CheckInfo {
  const c = BY_ID.get(id);
  if (!c) throw new Error(`unknown check ${id}`);
  return c;
}
