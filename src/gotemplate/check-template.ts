/**
 * The template checker: everything that is wrong with an alert rule's label or annotation template.
 */
import { analyzeTemplate } from './analyze-template';
import { compareDiagnostics } from './diagnostic';
import { parseTemplate } from './parser';
import type { TemplateCheckOptions, TemplateDiagnostic } from './types';
import { DEFAULT_PROMETHEUS_VERSION } from '../promql/version';

/**
 * Checks one label or annotation value of an alerting rule as a Go text/template, as Prometheus loads and
 * then renders it. Load errors (syntax, undefined variables and functions) are what `promtool check rules`
 * refuses; with `runtimeChecks` (the default) come the errors Go only raises when the alert renders and
 * the warnings (when the template parses). Positions are 1-based lines and columns inside `text`. Diagnostics are ordered by position.
 *
 * @example
 * checkTemplate('{{ $value | humanizePercentage }}') // []
 * checkTemplate('{{ $labels.instance | toUpper | foo }}')
 * // [{ line: 1, column: 33, code: 'undefined-function', message: 'function "foo" not defined', severity: 'error' }]
 * checkTemplate('{{ $value }}', { where: 'label' }) // one `value-in-label` warning
 * @throws Error when `options.prometheusVersion` is not a version such as "2.42" or "3.6.0".
 */
export function checkTemplate(text: string, options: TemplateCheckOptions = {}): TemplateDiagnostic[] {
  const prometheusVersion = options.prometheusVersion ?? DEFAULT_PROMETHEUS_VERSION;
  const parsed = parseTemplate(text, { prometheusVersion });
  // After a syntax error the tree is cut short: execution findings on it would be noise.
  if (options.runtimeChecks === false || !parsed.complete) return [...parsed.diagnostics];
  const analysis = analyzeTemplate(parsed, { where: options.where ?? 'annotation', prometheusVersion });
  return [...parsed.diagnostics, ...analysis.diagnostics].sort(compareDiagnostics);
}
