/**
 * PromQL's function table: argument and return types, and the Prometheus releases that have each function.
 */
import { PrometheusVersion, isAtLeast } from './version';

/** The value types of PromQL expressions, in Prometheus's words. */
export type ValueType = 'scalar' | 'instant vector' | 'range vector' | 'string' | 'none';

const S: ValueType = 'scalar';
const V: ValueType = 'instant vector';
const M: ValueType = 'range vector';
const STR: ValueType = 'string';

/** One PromQL function. */
export interface PromQLFunction {
  readonly name: string;
  /** Argument types; with `variadic`, the last one repeats. */
  readonly argTypes: readonly ValueType[];
  /** 0: exactly argTypes; n > 0: up to n more of the last type, or the last optional; -1: unbounded. */
  readonly variadic: number;
  readonly returnType: ValueType;
  /** First release that has it. */
  readonly since: string;
  /** First release that no longer has it (holt_winters left in 3.0). */
  readonly removedIn?: string;
  /** Needs `--enable-feature=promql-experimental-functions`. */
  readonly experimental?: boolean;
}

type Row = [name: string, args: ValueType[], ret: ValueType, since: string, extra?: Partial<PromQLFunction>];

const OPT1 = { variadic: 1 };

const ROWS: Row[] = [
  ['abs', [V], V, '2.0'],
  ['absent', [V], V, '2.0'],
  ['absent_over_time', [M], V, '2.16'],
  ['acos', [V], V, '2.26'],
  ['acosh', [V], V, '2.26'],
  ['asin', [V], V, '2.26'],
  ['asinh', [V], V, '2.26'],
  ['atan', [V], V, '2.26'],
  ['atanh', [V], V, '2.26'],
  ['avg_over_time', [M], V, '2.0'],
  ['ceil', [V], V, '2.0'],
  ['changes', [M], V, '2.0'],
  ['clamp', [V, S, S], V, '2.26'],
  ['clamp_max', [V, S], V, '2.0'],
  ['clamp_min', [V, S], V, '2.0'],
  ['cos', [V], V, '2.26'],
  ['cosh', [V], V, '2.26'],
  ['count_over_time', [M], V, '2.0'],
  ['days_in_month', [V], V, '2.0', OPT1],
  ['day_of_month', [V], V, '2.0', OPT1],
  ['day_of_week', [V], V, '2.0', OPT1],
  ['day_of_year', [V], V, '2.39', OPT1],
  ['deg', [V], V, '2.26'],
  ['delta', [M], V, '2.0'],
  ['deriv', [M], V, '2.0'],
  ['double_exponential_smoothing', [M, S, S], V, '3.0', { experimental: true }],
  ['end', [], S, '3.11', { experimental: true }],
  ['exp', [V], V, '2.0'],
  ['first_over_time', [M], V, '3.7', { experimental: true }],
  ['floor', [V], V, '2.0'],
  ['histogram_avg', [V], V, '2.53'],
  ['histogram_count', [V], V, '2.40'],
  ['histogram_fraction', [S, S, V], V, '2.40'],
  ['histogram_quantile', [S, V], V, '2.0'],
  ['histogram_quantiles', [V, STR, S, S], V, '3.11', { variadic: 9, experimental: true }],
  ['histogram_stddev', [V], V, '2.44'],
  ['histogram_stdvar', [V], V, '2.44'],
  ['histogram_sum', [V], V, '2.40'],
  ['holt_winters', [M, S, S], V, '2.0', { removedIn: '3.0' }],
  ['hour', [V], V, '2.0', OPT1],
  ['idelta', [M], V, '2.0'],
  ['increase', [M], V, '2.0'],
  ['info', [V, V], V, '3.0', { variadic: 1, experimental: true }],
  ['integral', [M, S], V, '3.11', { variadic: 1, experimental: true }],
  ['irate', [M], V, '2.0'],
  ['label_join', [V, STR, STR, STR], V, '2.0', { variadic: -1 }],
  ['label_replace', [V, STR, STR, STR, STR], V, '2.0'],
  ['last_over_time', [M], V, '2.26'],
  ['ln', [V], V, '2.0'],
  ['log10', [V], V, '2.0'],
  ['log2', [V], V, '2.0'],
  ['mad_over_time', [M], V, '2.52', { experimental: true }],
  ['max_over_time', [M], V, '2.0'],
  ['min_over_time', [M], V, '2.0'],
  ['minute', [V], V, '2.0', OPT1],
  ['month', [V], V, '2.0', OPT1],
  ['pi', [], S, '2.26'],
  ['predict_linear', [M, S], V, '2.0'],
  ['present_over_time', [M], V, '2.29'],
  ['quantile_over_time', [S, M], V, '2.0'],
  ['rad', [V], V, '2.26'],
  ['range', [], S, '3.11', { experimental: true }],
  ['rate', [M], V, '2.0'],
  ['resets', [M], V, '2.0'],
  ['round', [V, S], V, '2.0', OPT1],
  ['scalar', [V], S, '2.0'],
  ['sgn', [V], V, '2.26'],
  ['sin', [V], V, '2.26'],
  ['sinh', [V], V, '2.26'],
  ['sort', [V], V, '2.0'],
  ['sort_by_label', [V, STR], V, '2.49', { variadic: -1, experimental: true }],
  ['sort_by_label_desc', [V, STR], V, '2.49', { variadic: -1, experimental: true }],
  ['sort_desc', [V], V, '2.0'],
  ['sqrt', [V], V, '2.0'],
  ['start', [], S, '3.11', { experimental: true }],
  ['stddev_over_time', [M], V, '2.0'],
  ['stdvar_over_time', [M], V, '2.0'],
  ['step', [], S, '3.11', { experimental: true }],
  ['sum_over_time', [M], V, '2.0'],
  ['tan', [V], V, '2.26'],
  ['tanh', [V], V, '2.26'],
  ['time', [], S, '2.0'],
  ['timestamp', [V], V, '2.0'],
  ['ts_of_first_over_time', [M], V, '3.7', { experimental: true }],
  ['ts_of_last_over_time', [M], V, '3.7', { experimental: true }],
  ['ts_of_max_over_time', [M], V, '3.7', { experimental: true }],
  ['ts_of_min_over_time', [M], V, '3.7', { experimental: true }],
  ['vector', [S], V, '2.0'],
  ['year', [V], V, '2.0', OPT1],
];

/** Every function any modelled Prometheus release has, by name. */
export const FUNCTIONS: ReadonlyMap<string, PromQLFunction> = new Map(
  ROWS.map(([name, argTypes, returnType, since, extra]) => [
    name,
    { name, argTypes, returnType, since, variadic: 0, ...extra },
  ]),
);

/** Whether `fn` exists in release `v` (experimental functions also need the feature flag). */
export function functionExists(fn: PromQLFunction, v: PrometheusVersion): boolean {
  return isAtLeast(v, fn.since) && !(fn.removedIn && isAtLeast(v, fn.removedIn));
}

/** The aggregation operators, with the type of their parameter where they take one. */
export const AGGREGATIONS: ReadonlyMap<string, { param?: ValueType; since: string; experimental?: boolean }> = new Map([
  ['sum', { since: '2.0' }],
  ['avg', { since: '2.0' }],
  ['count', { since: '2.0' }],
  ['min', { since: '2.0' }],
  ['max', { since: '2.0' }],
  ['group', { since: '2.20' }],
  ['stddev', { since: '2.0' }],
  ['stdvar', { since: '2.0' }],
  ['topk', { param: S, since: '2.0' }],
  ['bottomk', { param: S, since: '2.0' }],
  ['quantile', { param: S, since: '2.0' }],
  ['count_values', { param: STR, since: '2.0' }],
  ['limitk', { param: S, since: '3.0', experimental: true }],
  ['limit_ratio', { param: S, since: '3.0', experimental: true }],
]);
