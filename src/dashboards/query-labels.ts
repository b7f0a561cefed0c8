/**
 * Static checks of the labels a panel query's result can carry, at synth: a legend `{{label}}` or a `by`/`on`
 * clause naming a label the result cannot carry, and one-to-one vector matching between operands whose label
 * sets differ (which matches no pair of series, so the panel is empty). Labels propagate through the syntax
 * tree the way Prometheus's engine builds result labels (as src/lint/promql-facts.ts does for `$labels`); a
 * selector's labels are known exactly when a MetricCatalogue declares its metric, and otherwise only after an
 * aggregation's `by`.
 */
import { analyzePromQL, ast } from '../promql';
import { MetricCatalogue, lookupMetric } from './metric-catalogue';

type Expr = ast.Expr;

/** The labels a result can carry: exactly `labels`, or unknown (any). `from` says why, for messages. */
export type ResultLabels = { readonly exact: true; readonly labels: ReadonlySet<string>; readonly from: string } | { readonly exact: false };

const ANY: ResultLabels = { exact: false };
const exact = (labels: Iterable<string>, from: string): ResultLabels => ({ exact: true, labels: new Set(labels), from });

/** One label problem of a query. */
export interface QueryLabelProblem {
  readonly message: string;
  readonly fix: string;
}

/** Functions whose result keeps the labels of their (first vector) argument. */
const KEEPS = new Set([
  'rate', 'irate', 'increase', 'delta', 'idelta', 'deriv', 'predict_linear', 'resets', 'changes', 'abs', 'ceil', 'floor',
  'round', 'clamp', 'clamp_min', 'clamp_max', 'exp', 'ln', 'log2', 'log10', 'sqrt', 'sgn', 'sort', 'sort_desc', 'timestamp',
  'avg_over_time', 'min_over_time', 'max_over_time', 'sum_over_time', 'count_over_time', 'quantile_over_time', 'stddev_over_time',
  'stdvar_over_time', 'last_over_time', 'present_over_time', 'mad_over_time', 'holt_winters', 'double_exponential_smoothing',
  'day_of_month', 'day_of_week', 'day_of_year', 'days_in_month', 'hour', 'minute', 'month', 'year', 'histogram_fraction',
  'histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar',
]);

const unparen = (e: Expr): Expr => (e.kind === 'paren' ? unparen(e.expr) : e);
const isScalar = (e: Expr): boolean => {
  const x = unparen(e);
  return x.kind === 'number' || (x.kind === 'unary' && isScalar(x.expr)) || (x.kind === 'binary' && isScalar(x.lhs) && isScalar(x.rhs)) ||
    (x.kind === 'call' && ['scalar', 'time', 'pi'].includes(x.func));
};
const list = (s: ReadonlySet<string>): string => `{${[...s].sort().join(', ')}}`;

/**
 * The label problems of `expr` (variables already replaced by sample values) shown with `legend`, given what
 * `catalogue` declares. Empty when none can be proven.
 */
export function queryLabelProblems(expr: string, legend: string | undefined, catalogue: MetricCatalogue = {}): QueryLabelProblem[] {
  const tree = analyzePromQL(expr).ast;
  if (!tree) return [];
  const problems: QueryLabelProblem[] = [];
  const src = (e: Expr): string => expr.slice(e.from, e.to);
  const labelsOf = (e: Expr): ResultLabels => {
    switch (e.kind) {
      case 'number':
      case 'string':
        return exact([], 'a number');
      case 'vector': {
        const name = e.name || e.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
        const found = name ? lookupMetric(catalogue, name) : undefined;
        if (!found) return ANY;
        for (const m of e.matchers) {
          const matchesEmpty = m.op === '=' ? m.value === '' : m.op === '!=' ? m.value !== '' : false;
          if (m.name !== '__name__' && !found.labels.includes(m.name) && !matchesEmpty) {
            problems.push({
              message: `"${src(e)}" matches on the label "${m.name}", which ${name} does not carry (it carries ${list(new Set(found.labels))}): it selects nothing`,
              fix: `match on a label the metric carries, or declare "${m.name}" in the metric catalogue if the exporter sets it`,
            });
          }
        }
        return exact(found.labels, `${name}, as the metric catalogue declares it`);
      }
      case 'matrix':
        return labelsOf(e.selector);
      case 'subquery':
      case 'paren':
      case 'unary':
        return labelsOf(e.expr);
      case 'call': {
        const args = e.args.map(labelsOf);
        const firstVector = e.args.findIndex((a) => !isScalar(a) && a.kind !== 'string');
        if (e.func === 'histogram_quantile') {
          const a = args[1];
          return a?.exact ? exact([...a.labels].filter((l) => l !== 'le'), a.from) : ANY;
        }
        if (e.func === 'label_replace' || e.func === 'label_join') {
          const a = args[0];
          const dst = unparen(e.args[1]);
          return a?.exact && dst?.kind === 'string' ? exact([...a.labels, dst.value], a.from) : ANY;
        }
        if (e.func === 'vector' || e.func === 'scalar' || e.func === 'time') return exact([], `${e.func}()`);
        if (KEEPS.has(e.func) && firstVector >= 0) return args[firstVector];
        return ANY;
      }
      case 'aggregate': {
        const input = e.expr ? labelsOf(e.expr) : ANY;
        if (e.param) labelsOf(e.param);
        if (['topk', 'bottomk', 'limitk', 'limit_ratio'].includes(e.op)) return input;
        if (e.without) return input.exact ? exact([...input.labels].filter((l) => !e.grouping.includes(l)), input.from) : ANY;
        if (input.exact) {
          for (const l of e.grouping) {
            if (!input.labels.has(l)) {
              problems.push({
                message: `${e.op} by (${e.grouping.join(', ')}) groups by "${l}", which its input cannot carry (the input carries ${list(input.labels)}: ${input.from}): every series lands in one group with "${l}" empty`,
                fix: `group by a label the input carries`,
              });
            }
          }
        }
        const kept = input.exact ? e.grouping.filter((l) => input.labels.has(l)) : e.grouping;
        const extra = e.op === 'count_values' && e.param && unparen(e.param).kind === 'string' ? [(unparen(e.param) as ast.StringLiteral).value] : [];
        return exact([...kept, ...extra], `${e.op} by (${e.grouping.join(', ')})`);
      }
      case 'binary': {
        const l = labelsOf(e.lhs);
        const r = labelsOf(e.rhs);
        if (isScalar(e.lhs)) return r;
        if (isScalar(e.rhs)) return l;
        const m = e.matching;
        if (e.op === 'or') return l.exact && r.exact ? exact([...l.labels, ...r.labels], l.from) : ANY;
        if (m?.on) {
          for (const [side, s] of [[e.lhs, l], [e.rhs, r]] as const) {
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
        if (e.op === 'and' || e.op === 'unless') return l;
        if (m && m.card === 'one-to-one' && l.exact && r.exact) {
          const ignored = m.on ? undefined : new Set(m.labels);
          const cmp = (s: ReadonlySet<string>): Set<string> => new Set([...s].filter((x) => (m.on ? m.labels.includes(x) : !ignored!.has(x))));
          const a = cmp(l.labels);
          const b = cmp(r.labels);
          const same = a.size === b.size && [...a].every((x) => b.has(x));
          if (!same) {
            problems.push({
              message: `one-to-one matching of "${src(e.lhs)}" ${list(l.labels)} with "${src(e.rhs)}" ${list(r.labels)}: their label sets differ, so no pair of series matches and the result is empty`,
              fix: 'aggregate both sides to the same labels first (sum by (...)), or match on(...) the labels they share',
            });
          }
        }
        if (m?.card === 'many-to-one' || m?.card === 'one-to-many') {
          const base = m.card === 'many-to-one' ? l : r;
          return base.exact ? exact([...base.labels, ...m.include], base.from) : ANY;
        }
        if (m?.on) return exact(m.labels, `on(${m.labels.join(', ')})`);
        return l.exact ? exact([...l.labels].filter((x) => !(m?.labels ?? []).includes(x)), l.from) : ANY;
      }
    }
  };
  const result = labelsOf(tree);
  if (result.exact) {
    for (const m of (legend ?? '').matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)) {
      if (!result.labels.has(m[1])) {
        problems.push({
          message: `the legend "${legend}" names "${m[1]}", which the result cannot carry (it carries ${list(result.labels)}: ${result.from}): every series gets the same blank name`,
          fix: `name a label the result carries${result.labels.size > 0 ? ` (${[...result.labels].sort().join(', ')})` : ''}, or keep "${m[1]}" in the query's by (...)`,
        });
      }
    }
  }
  return problems;
}
