/**
 * What the checks across rules (rule/duplicate, rule/dependency) need from each rule's expression, computed
 * where the rule was checked (main thread or worker) as plain data.
 */
import type { Expr } from '../../promql/ast';
import { fixedLabels, metricName, selectors } from '../promql-facts';

/** Cross-rule facts of one rule. */
export interface RuleFacts {
  /** Label values every series of the result has (`job="api"`). */
  readonly fixed: ReadonlyArray<readonly [string, string]>;
  /** Recording rules (names with ":") the expression reads, with the selector's offset. */
  readonly reads: ReadonlyArray<{ readonly name: string; readonly offset: number }>;
}

/** The facts of an expression (empty when it did not parse); fixed labels only when `withFixed`. */
export function ruleFacts(ast: Expr | undefined, expr: string, withFixed: boolean): RuleFacts {
  if (!ast) return { fixed: [], reads: [] };
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
  return { fixed: withFixed ? [...fixedLabels(ast)] : [], reads };
}
