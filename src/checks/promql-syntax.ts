/**
 * `promql/syntax`: what Prometheus refuses to load, from the foundation's validator (`analyzePromQL`).
 * Like Prometheus (whose ParseErrors print only the first), one error per expression: the innermost of the
 * validator's findings, which is the one Prometheus's type checker reaches first.
 */
import type { PromQLDiagnostic } from '../promql/check-promql';
import type { RuleData } from './rule-data';
import { atExpr, emit, exprOffset, type CheckContext } from './context';

/** Reports the first error Prometheus would report for the rule's expression. */
export function checkSyntax(ctx: CheckContext, rule: RuleData, diagnostics: readonly PromQLDiagnostic[]): void {
  const d = firstError(rule.expr, diagnostics);
  if (!d) return;
  emit(ctx, 'promql/syntax', atExpr(exprOffset(rule.expr, d.line, d.column)), d.message, {
    fatal: true,
    fix: 'make the expression one Prometheus accepts (see `watchkeeper check-expr`)',
  });
}

/** The diagnostic no other one lies inside (Prometheus checks children before parents), earliest first. */
function firstError(expr: string, diagnostics: readonly PromQLDiagnostic[]): PromQLDiagnostic | undefined {
  if (diagnostics.length <= 1) return diagnostics[0];
  const span = (d: PromQLDiagnostic): [number, number] => [
    exprOffset(expr, d.line, d.column),
    exprOffset(expr, d.endLine, d.endColumn),
  ];
  const spans = diagnostics.map(span);
  const inside = (a: [number, number], b: [number, number]): boolean =>
    a[0] >= b[0] && a[1] <= b[1] && (a[0] !== b[0] || a[1] !== b[1]);
  const innermost = diagnostics.filter((_, i) => !spans.some((s, j) => j !== i && inside(s, spans[i])));
  return innermost.sort((a, b) => a.line - b.line || a.column - b.column)[0] ?? diagnostics[0];
}
