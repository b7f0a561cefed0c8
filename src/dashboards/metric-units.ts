/**
 * Units from the metric: the unit an expression's values are in, inferred from the units a MetricCatalogue
 * declares, so that a panel or a ThresholdMetric stating another unit is refused unless the expression
 * converts, and the conversion written by `convertUnit` (never by hand: `/ 1000` one way, `* 1000` the other).
 */
import { analyzePromQL, ast } from '../promql';
import type { Unit } from '../thresholds/units';
import { MetricCatalogue, lookupMetric } from './metric-catalogue';

type Expr = ast.Expr;

/** Units that measure the same thing, and each one's size in the first (the base). */
const DIMENSIONS: ReadonlyArray<Readonly<Partial<Record<Unit, number>>>> = [
  { s: 1, ms: 0.001 },
  { ratio: 1, percent: 0.01 },
];

/** How many `to` one `from` is (1 s = 1000 ms), or undefined when they measure different things. */
export function unitFactor(from: Unit, to: Unit): number | undefined {
  if (from === to) return 1;
  const dim = DIMENSIONS.find((d) => d[from] !== undefined && d[to] !== undefined);
  return dim ? (dim[from] as number) / (dim[to] as number) : undefined;
}

/**
 * `expr` (in `from`) converted to `to`: `convertUnit('rlm_task_duration_p99', 'ms', 's')` is
 * `rlm_task_duration_p99 / 1000`. The expression is parenthesized unless it is a selector or a call.
 * @throws Error when the units measure different things
 */
export function convertUnit(expr: string, from: Unit, to: Unit): string {
  const f = unitFactor(from, to);
  if (f === undefined) throw new Error(`convertUnit: ${from} and ${to} measure different things`);
  if (f === 1) return expr;
  const tree = analyzePromQL(expr).ast;
  const simple = tree !== undefined && ['vector', 'call', 'aggregate', 'paren', 'number'].includes(tree.kind);
  const operand = simple ? expr : `(${expr})`;
  return f > 1 ? `${operand} * ${Number(f.toPrecision(12))}` : `${operand} / ${Number((1 / f).toPrecision(12))}`;
}

/** The unit of an expression's values: `factor` × a quantity in `unit` (`x_ms / 1000` is 0.001 × ms). */
export interface ExpressionUnit {
  readonly unit: Unit;
  readonly factor: number;
  /** The metric the unit was read from. */
  readonly metric: string;
}

/** Aggregations and functions whose result is in the unit of their input. */
const SAME_UNIT_AGG = new Set(['sum', 'avg', 'min', 'max', 'quantile', 'topk', 'bottomk', 'limitk', 'stddev']);
const SAME_UNIT_FN = new Set([
  'avg_over_time',
  'min_over_time',
  'max_over_time',
  'sum_over_time',
  'quantile_over_time',
  'last_over_time',
  'stddev_over_time',
  'abs',
  'ceil',
  'floor',
  'round',
  'clamp',
  'clamp_min',
  'clamp_max',
  'sort',
  'sort_desc',
  'predict_linear',
  'delta',
  'idelta',
]);

/**
 * The unit of `expr`'s values, when it follows from the catalogue: selectors of declared metrics, through
 * aggregations and functions that keep the unit, multiplied or divided by numbers; histogram_quantile over a
 * histogram's buckets is in the histogram's unit. Undefined when it does not follow (rates, ratios, unknown
 * metrics, metrics of different units combined).
 */
export function expressionUnit(expr: string, catalogue: MetricCatalogue): ExpressionUnit | undefined {
  const tree = analyzePromQL(expr).ast;
  if (!tree) return undefined;
  const num = (e: Expr): number | undefined =>
    e.kind === 'number'
      ? e.value
      : e.kind === 'paren'
        ? num(e.expr)
        : e.kind === 'unary'
          ? num(e.expr) === undefined
            ? undefined
            : (e.op === '-' ? -1 : 1) * (num(e.expr) as number)
          : undefined;
  const visit = (e: Expr): ExpressionUnit | undefined => {
    switch (e.kind) {
      case 'vector': {
        const name = e.name;
        const found = name ? lookupMetric(catalogue, name) : undefined;
        if (!found || !found.declaration.unit) return undefined;
        // A histogram's _count and _bucket are counts; its _sum is in its unit.
        if (found.declaration.type === 'histogram' && !name.endsWith('_sum')) return undefined;
        if (found.declaration.type === 'counter') return undefined;
        return { unit: found.declaration.unit, factor: 1, metric: name };
      }
      case 'paren':
      case 'subquery':
        return visit(e.expr);
      case 'matrix':
        return visit(e.selector);
      case 'aggregate':
        return SAME_UNIT_AGG.has(e.op) && e.expr ? visit(e.expr) : undefined;
      case 'call': {
        if (e.func === 'histogram_quantile') {
          const arg: Expr | undefined = e.args[1];
          let name: string | undefined;
          if (arg)
            ast.walk(arg, (x) => {
              if (x.kind === 'vector' && x.name.endsWith('_bucket')) name = x.name;
            });
          const found = name ? lookupMetric(catalogue, name) : undefined;
          return found?.declaration.type === 'histogram' && found.declaration.unit
            ? { unit: found.declaration.unit, factor: 1, metric: name as string }
            : undefined;
        }
        const first = e.args.find((a) => a.kind !== 'number' && a.kind !== 'string');
        return SAME_UNIT_FN.has(e.func) && first ? visit(first) : undefined;
      }
      case 'binary': {
        const l = num(e.lhs);
        const r = num(e.rhs);
        if (e.op === '*' && l !== undefined && r === undefined) return scale(visit(e.rhs), l);
        if ((e.op === '*' || e.op === '/') && r !== undefined && l === undefined)
          return scale(visit(e.lhs), e.op === '*' ? r : 1 / r);
        if (ast.isComparison(e.op) && !e.returnBool)
          return r !== undefined ? visit(e.lhs) : l !== undefined ? visit(e.rhs) : visit(e.lhs);
        if (e.op === '+' || e.op === '-') {
          const a = visit(e.lhs);
          const b = visit(e.rhs);
          return a && b && a.unit === b.unit && a.factor === b.factor ? a : undefined;
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
  return visit(tree);
}

const scale = (u: ExpressionUnit | undefined, by: number): ExpressionUnit | undefined =>
  u ? { ...u, factor: u.factor * by } : undefined;

/** Grafana unit ids that name one of the Units (generic ones such as `short` say nothing). */
const GRAFANA_TO_UNIT: Readonly<Record<string, Unit>> = {
  ms: 'ms',
  s: 's',
  percent: 'percent',
  percentunit: 'ratio',
  bytes: 'bytes',
  currencyUSD: 'usd',
  reqps: 'reqps',
};

/** The Unit a Grafana unit id states, if it states one. */
export const unitOfGrafanaUnit = (id: string | undefined): Unit | undefined =>
  id === undefined ? undefined : GRAFANA_TO_UNIT[id];

/**
 * Why `expr` cannot be shown or compared in `stated`: its catalogue unit differs and the expression does not
 * convert, or scales by a power of ten the conversion does not need (`rlm_storage_latency / 100` in s). Other
 * factors are multipliers that keep the unit. Undefined when it is fine or its unit does not follow.
 */
export function unitProblem(
  expr: string,
  stated: Unit,
  catalogue: MetricCatalogue,
): { readonly message: string; readonly fix: string } | undefined {
  const u = expressionUnit(expr, catalogue);
  if (!u) return undefined;
  const needed = unitFactor(u.unit, stated);
  if (needed === undefined) {
    return {
      message: `is stated in ${stated}, but ${u.metric} is declared in ${u.unit}: they measure different things`,
      fix: `state the unit the metric catalogue declares (${u.unit}), or fix the catalogue`,
    };
  }
  // A factor beyond the conversion is a multiplier (an alert level such as `1.5 * avg_over_time(x[7d])`) and
  // keeps the unit; a power of ten beyond it is a conversion missing or done twice (s shown as ms, ms / 100).
  const extra = u.factor / needed;
  const log = Math.log10(Math.abs(extra));
  if (Math.abs(extra - 1) <= 1e-9 || Math.abs(log - Math.round(log)) > 1e-9) return undefined;
  const example = 104;
  return {
    message: `is stated in ${stated}, but ${u.metric} is declared in ${u.unit}${u.factor === 1 ? ' and the query does not convert it' : ` and the query scales it by ${u.factor}, not ${needed}`}: ${example} ${u.unit} would read as ${Number((example * u.factor).toPrecision(6))} ${stated}`,
    fix: `state ${u.unit}, or convert with convertUnit(query, '${u.unit}', '${stated}') (× ${needed})`,
  };
}

/** Functions that read a counter as it must be read: its per-second rate, its increase, its resets. */
const COUNTER_READERS = new Set([
  'rate',
  'irate',
  'increase',
  'resets',
  'absent',
  'absent_over_time',
  'present_over_time',
  'timestamp',
  'count_over_time',
]);

/**
 * Counters a query reads raw: a counter (or a histogram's `_bucket`/`_count`/`_sum`) outside rate(), irate(),
 * increase() or resets() shows a lifetime total that drops to zero on every restart.
 */
export function rawCounterProblems(
  expr: string,
  catalogue: MetricCatalogue,
): Array<{ readonly message: string; readonly fix: string }> {
  const tree = analyzePromQL(expr).ast;
  if (!tree) return [];
  const out: Array<{ message: string; fix: string }> = [];
  const visit = (e: Expr, read: boolean): void => {
    if (e.kind === 'vector') {
      const found = e.name ? lookupMetric(catalogue, e.name) : undefined;
      if (!read && found && (found.declaration.type === 'counter' || found.declaration.type === 'histogram')) {
        out.push({
          message: `reads the counter ${e.name} raw: a lifetime total that drops to zero on every restart`,
          fix: `show rate(${e.name}[$__rate_interval]) or increase(${e.name}[<the panel's window>])`,
        });
      }
      return;
    }
    const kids: Expr[] =
      e.kind === 'matrix'
        ? [e.selector]
        : e.kind === 'subquery' || e.kind === 'paren' || e.kind === 'unary'
          ? [e.expr]
          : e.kind === 'call'
            ? e.args
            : e.kind === 'aggregate'
              ? [e.param, e.expr].filter((x): x is Expr => x !== undefined)
              : e.kind === 'binary'
                ? [e.lhs, e.rhs]
                : [];
    const reads = read || (e.kind === 'call' && COUNTER_READERS.has(e.func));
    for (const k of kids) visit(k, reads);
  };
  visit(tree, false);
  return out;
}
