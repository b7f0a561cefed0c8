/**
 * Static checks of the labels a panel query's result can carry, at synth: a legend `{{label}}` or a `by`/`on`
 * clause naming a label the result cannot carry, and one-to-one vector matching between operands whose label
 * sets differ (which matches no pair of series, so the panel is empty). Labels propagate through the syntax
 * tree the way Prometheus's engine builds result labels (promql/facts.ts, which the lint checks use for `$labels` too); a
 * selector's labels are known exactly when a MetricCatalogue declares its metric, and otherwise only after an
 * aggregation's `by`.
 */
import { analyzePromQL, ast } from '../promql';
import {
  canHaveLabel,
  isScalarExpr,
  metricName,
  outputLabels,
  type LabelSet,
  type SelectorLabels,
} from '../promql/facts';
import { MetricCatalogue, lookupMetric } from './metric-catalogue';

type Expr = ast.Expr;

/** One label problem of a query. */
export interface QueryLabelProblem {
  readonly message: string;
  readonly fix: string;
}

const list = (s: ReadonlySet<string>): string => `{${[...s].sort().join(', ')}}`;

/**
 * The label problems of `expr` (variables already replaced by sample values) shown with `legend`, given what
 * `catalogue` declares. Empty when none can be proven.
 */
export function queryLabelProblems(
  expr: string,
  legend: string | undefined,
  catalogue: MetricCatalogue = {},
): QueryLabelProblem[] {
  const tree = analyzePromQL(expr).ast;
  if (!tree) return [];
  const problems: QueryLabelProblem[] = [];
  const src = (e: Expr): string => expr.slice(e.from, e.to);
  const known: SelectorLabels = (sel) => {
    const name = metricName(sel);
    const found = name ? lookupMetric(catalogue, name) : undefined;
    return found ? { labels: found.labels, why: `${name}, as the metric catalogue declares it` } : undefined;
  };
  const labelsOf = (e: Expr): LabelSet => outputLabels(e, expr, known);
  ast.walk(tree, (e) => {
    if (e.kind === 'vector') {
      const name = metricName(e);
      const found = name ? lookupMetric(catalogue, name) : undefined;
      if (!found) return;
      for (const m of e.matchers) {
        const matchesEmpty = m.op === '=' ? m.value === '' : m.op === '!=' ? m.value !== '' : false;
        if (m.name !== '__name__' && !found.labels.includes(m.name) && !matchesEmpty) {
          problems.push({
            message: `"${src(e)}" matches on the label "${m.name}", which ${name} does not carry (it carries ${list(new Set(found.labels))}): it selects nothing`,
            fix: `match on a label the metric carries, or declare "${m.name}" in the metric catalogue if the exporter sets it`,
          });
        }
      }
    } else if (
      e.kind === 'aggregate' &&
      !e.without &&
      e.expr &&
      !['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(e.op)
    ) {
      const input = labelsOf(e.expr);
      if (!input.exact) return;
      for (const l of e.grouping) {
        if (!input.labels.has(l)) {
          problems.push({
            message: `${e.op} by (${e.grouping.join(', ')}) groups by "${l}", which its input cannot carry (the input carries ${list(input.labels)}: ${input.why}): every series lands in one group with "${l}" empty`,
            fix: 'group by a label the input carries',
          });
        }
      }
    } else if (e.kind === 'binary' && !isScalarExpr(e.lhs) && !isScalarExpr(e.rhs) && e.op !== 'or') {
      const m = e.matching;
      const l = labelsOf(e.lhs);
      const r = labelsOf(e.rhs);
      if (m?.on) {
        for (const [side, s] of [
          [e.lhs, l],
          [e.rhs, r],
        ] as const) {
          if (!s.exact) continue;
          const missing = m.labels.filter((x) => !s.labels.has(x));
          if (missing.length > 0) {
            problems.push({
              message: `on(${m.labels.join(', ')}) names ${missing.map((x) => `"${x}"`).join(', ')}, which "${src(side)}" cannot carry (it carries ${list(s.labels)})`,
              fix: 'match on labels both sides carry',
            });
          }
        }
      }
      if (e.op === 'and' || e.op === 'unless' || !m || m.card !== 'one-to-one' || !l.exact || !r.exact) return;
      const compared = (s: ReadonlySet<string>): Set<string> =>
        new Set([...s].filter((x) => (m.on ? m.labels.includes(x) : !m.labels.includes(x))));
      const a = compared(l.labels);
      const b = compared(r.labels);
      if (a.size !== b.size || ![...a].every((x) => b.has(x))) {
        problems.push({
          message: `one-to-one matching of "${src(e.lhs)}" ${list(l.labels)} with "${src(e.rhs)}" ${list(r.labels)}: their label sets differ, so no pair of series matches and the result is empty`,
          fix: 'aggregate both sides to the same labels first (sum by (...)), or match on(...) the labels they share',
        });
      }
    }
  });
  const result = labelsOf(tree);
  if (result.exact) {
    for (const m of (legend ?? '').matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)) {
      if (!canHaveLabel(result, m[1])) {
        problems.push({
          message: `the legend "${legend}" names "${m[1]}", which the result cannot carry (it carries ${list(result.labels)}: ${result.why}): every series gets the same blank name`,
          fix: `name a label the result carries${result.labels.size > 0 ? ` (${[...result.labels].sort().join(', ')})` : ''}, or keep "${m[1]}" in the query's by (...)`,
        });
      }
    }
  }
  return problems;
}
