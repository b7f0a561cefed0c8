/**
 * The vocabulary of the rule checks: check ids and severities.
 */

/** How serious a finding is. `error` fails the run; `warning` fails it only past `--max-warnings`. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A severity, or `off` to disable a check (config files only). */
export type SeveritySetting = DiagnosticSeverity | 'off';

/** The checks, by id. See docs/lint.md for each one's doc, example and fix. */
export type CheckId =
  | 'yaml/structure'
  | 'promql/syntax'
  | 'alerts/template'
  | 'rule/name'
  | 'alerts/comparison'
  | 'rule/duplicate'
  | 'rule/required'
  | 'promql/rate'
  | 'promql/regexp'
  | 'promql/fragile'
  | 'rule/dependency';
