/**
 * What the checks across rules (rule/duplicate, rule/dependency) need from each rule's expression, computed
 * where the rule was checked (main thread or worker) as plain data.
 */
import type { Expr } from '../promql/ast';
import { canonicalExpr, labelConstraints, metricName, selectors, type LabelConstraint } from '../promql/facts';

/** Cross-rule facts of one rule. */
export interface RuleFacts {
  /** What every series of the result satisfies, label by label (only for rules that may duplicate another). */
  readonly constraints: ReadonlyArray<readonly [string, readonly LabelConstraint[]]>;
  /** The expression written canonically (formatting aside), or '' (only for rules that may duplicate another). */
  readonly canonical: string;
  /** Recording rules (names with ":") the expression reads, with the selector's offset. */
  readonly reads: ReadonlyArray<{ readonly name: string; readonly offset: number }>;
}

/** The facts of an expression (empty when it did not parse); duplicate facts only when `forDuplicates`. */
export function ruleFacts(ast: Expr | undefined, expr: string, forDuplicates: boolean): RuleFacts {
  if (!ast) return { constraints: [], canonical: forDuplicates ? `\u0000${expr}` : '', reads: [] };
  const reads: Array<{ name: string; offset: number }> = [];
  if (expr.includes(':')) {
    const seen = new Set<string>();
    for (const sel of selectors(ast)) {
      const name = metricName(sel);
      if (name === undefined || !name.includes(':') || seen.has(name)) continue;
      seen.add(name);
      reads.push({ name, offset: sel.from });
    }
  }
  if (!forDuplicates) return { constraints: [], canonical: '', reads };
  return { constraints: [...labelConstraints(ast)], canonical: canonicalExpr(ast), reads };
}
