/**
 * The JSON report, the contract CI tools read (docs/lint.md):
 * `{"diagnostics":[{"file","line","column","severity","check","message","group","rule","fix"}],"summary":{...}}`.
 */
import type { LintResult } from '../types';

/** Formats a result as JSON (2-space indentation, keys in the contract's order). */
export function formatJson(result: LintResult): string {
  const diagnostics = result.diagnostics.map((d) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    severity: d.severity,
    check: d.check,
    message: d.message,
    group: d.group,
    rule: d.rule,
    fix: d.fix,
  }));
  return `${JSON.stringify({ diagnostics, summary: result.summary }, null, 2)}\n`;
}
