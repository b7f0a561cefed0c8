/**
 * The public shapes of the template checker: diagnostics and options.
 */

/**
 * Why a diagnostic was raised.
 *
 * Load errors: Prometheus (and `promtool check rules`) refuses the rule file:
 * - `syntax-error`: the template does not parse (unclosed action, unexpected `{{end}}`, bad number, ...).
 * - `undefined-variable`: a `$name` not declared in scope.
 * - `undefined-function`: a function no Prometheus release has.
 * - `unsupported-function`: a function the targeted Prometheus release lacks but another has.
 * - `multiple-definition`: two non-empty `{{define}}`/`{{block}}` bodies with one name.
 *
 * Execution errors: the file loads, but rendering the alert fails every time it reaches the spot:
 * - `wrong-arg-count`, `wrong-arg-type`, `not-a-function`, `undefined-template`, `unknown-field`,
 *   `assign-undeclared`, `invalid-regexp`, `invalid-duration`, `incompatible-comparison` (`gt $value 1`:
 *   Go compares a float64 with an int only to fail, "incompatible types for comparison").
 *
 * Warnings:
 * - `value-in-label`: `$value` in a label value makes each new value a new alert.
 * - `printf-args`: a literal `printf` format whose verbs do not match the arguments given.
 */
export type TemplateDiagnosticCode =
  | 'syntax-error'
  | 'undefined-variable'
  | 'undefined-function'
  | 'unsupported-function'
  | 'multiple-definition'
  | 'wrong-arg-count'
  | 'wrong-arg-type'
  | 'not-a-function'
  | 'undefined-template'
  | 'unknown-field'
  | 'assign-undeclared'
  | 'invalid-regexp'
  | 'invalid-duration'
  | 'incompatible-comparison'
  | 'value-in-label'
  | 'printf-args';

/** One finding in a template. `line` and `column` are 1-based positions inside the template's own text. */
export interface TemplateDiagnostic {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  readonly code: TemplateDiagnosticCode;
}

/** Codes of the findings that make Prometheus refuse to load the rule file. */
export const TEMPLATE_LOAD_ERROR_CODES: ReadonlySet<TemplateDiagnosticCode> = new Set<TemplateDiagnosticCode>([
  'syntax-error',
  'undefined-variable',
  'undefined-function',
  'unsupported-function',
  'multiple-definition',
]);

/** True when Prometheus would refuse to load a rule file holding a template with this finding. */
export function isTemplateLoadError(d: TemplateDiagnostic): boolean {
  return TEMPLATE_LOAD_ERROR_CODES.has(d.code);
}

/** Where a template sits in an alerting rule. */
export type TemplatePlace = 'annotation' | 'label';

/** Options of {@link checkTemplate}. Every field is optional. */
export interface TemplateCheckOptions {
  /**
   * Where the template sits: an alerting rule's `annotations` or `labels`. In a label, `$value`
   * (or `.Value`) is a `value-in-label` warning: label values are part of the alert's identity, so every
   * change of value ends the alert and starts a new one. Recording rules' labels are not templates at
   * all, so do not check them. Default `'annotation'`.
   */
  readonly where?: TemplatePlace;
  /**
   * The Prometheus release the rules are for, e.g. `'2.42'` or `'3.6.0'`. It decides the function table
   * (`toDuration` and `now` from 3.6, `urlQueryEscape` from 3.8; `stripPort` 2.33, `stripDomain` 2.36,
   * `toTime` 2.38) and whether `{{else with}}` parses (Go 1.23, which builds Prometheus 3.x).
   * Default: the newest release this package knows (`DEFAULT_PROMETHEUS_VERSION`).
   */
  readonly prometheusVersion?: string;
  /**
   * Also report what only fails when the template executes (argument counts and types, unknown fields,
   * undefined `{{template}}` names, bad regexps and durations in literals) and the warnings.
   * `false` keeps only load errors. Default `true`.
   */
  readonly runtimeChecks?: boolean;
}
