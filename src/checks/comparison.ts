/**
 * `alerts/comparison`: alerting rules that fire for every series their expression returns — no comparison
 * or filter, a constant, a comparison with `bool` — and expressions that can never be an alert's result.
 */
import { typeOf, walk, type Expr } from '../promql/ast';
import { FUNCTIONS } from '../promql/functions';
import { boolComparison, filters, isScalarExpr, unparen } from '../promql/facts';
import { atExpr, emit, type AnalyzedRule, type CheckContext } from './context';

/** Checks that an alert has a condition. */
export function checkComparison(ctx: CheckContext, { rule, ast }: AnalyzedRule): void {
  if (rule.kind !== 'alert' || !ast) return;
  const type = typeOf(ast, (f) => FUNCTIONS.get(f)?.returnType ?? 'instant vector');
  if (type === 'range vector' || type === 'string') {
    emit(
      ctx,
      'alerts/comparison',
      atExpr(ast.from),
      `the expression returns a ${type}: Prometheus loads the rule but every evaluation fails`,
      {
        severity: 'error',
        fix: 'make it an instant vector, e.g. rate(x[5m]) > 0 instead of x[5m]',
      },
    );
    return;
  }
  const top = unparen(ast);
  if (isScalarExpr(ast) || (top.kind === 'call' && top.func === 'vector' && top.args.every(isScalarExpr))) {
    emit(ctx, 'alerts/comparison', atExpr(ast.from), 'the expression is a constant: the alert always fires', {
      fix: 'add a condition; for a dead man\'s switch (Watchdog) alert, add "# watchkeeper-disable alerts/comparison" above the rule',
    });
    return;
  }
  if (filters(ast) || joinsFilter(ast)) return;
  const withBool = boolComparison(ast);
  if (withBool) {
    emit(
      ctx,
      'alerts/comparison',
      atExpr(withBool.opSpan.from),
      'the comparison uses bool, which returns 0 or 1 for every series instead of filtering: the alert always fires',
      {
        fix: 'drop bool so the comparison filters',
      },
    );
    return;
  }
  emit(
    ctx,
    'alerts/comparison',
    atExpr(ast.from),
    'the expression has no comparison or filter: the alert fires for every series it returns',
    {
      fix: 'add a condition such as "> 0.05"',
      // Selectors of state series (`..._waiting_reason{reason="X"}`) filter by their matchers: a heuristic.
      tier: 'recommended',
    },
  );
}

/**
 * Whether the expression filters by joining: vector matching (`* on (...) group_left (...)`) with a side
 * that selects series by label matchers, such as an info metric (`kube_namespace_labels{label_team="x"}`):
 * only series with a partner on that side are returned.
 */
function joinsFilter(e: Expr): boolean {
  const x = unparen(e);
  if (x.kind === 'aggregate') return x.expr ? joinsFilter(x.expr) : false;
  if (x.kind !== 'binary' || !x.matching || isScalarExpr(x.lhs) || isScalarExpr(x.rhs)) return false;
  const selects = (side: Expr): boolean => {
    let found = false;
    walk(side, (n) => {
      if (n.kind === 'vector' && n.matchers.some((m) => m.name !== '__name__')) found = true;
    });
    return found;
  };
  return (x.matching.explicit && (selects(x.lhs) || selects(x.rhs))) || joinsFilter(x.lhs) || joinsFilter(x.rhs);
}
