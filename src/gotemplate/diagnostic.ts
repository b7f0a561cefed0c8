/**
 * Building {@link TemplateDiagnostic}s.
 */
import type { SourcePosition } from './source-position';
import { TEMPLATE_LOAD_ERROR_CODES, type TemplateDiagnostic, type TemplateDiagnosticCode } from './types';

const WARNING_CODES: ReadonlySet<TemplateDiagnosticCode> = new Set<TemplateDiagnosticCode>([
  'value-in-label',
  'printf-args',
]);

/** A diagnostic at `at`; its severity follows from its code (warnings are `value-in-label` and `printf-args`). */
export function diagnosticAt(at: SourcePosition, code: TemplateDiagnosticCode, message: string): TemplateDiagnostic {
  return { line: at.line, column: at.column, message, severity: WARNING_CODES.has(code) ? 'warning' : 'error', code };
}

/** Orders diagnostics by position, load errors before others at the same place. */
export function compareDiagnostics(a: TemplateDiagnostic, b: TemplateDiagnostic): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    Number(TEMPLATE_LOAD_ERROR_CODES.has(b.code)) - Number(TEMPLATE_LOAD_ERROR_CODES.has(a.code))
  );
}
