/**
 * `promql/rate`: rate(), irate() and increase() used on something that is not a counter by its name, over
 * a window too short for the scrape interval, or over an aggregation (`rate(sum(x)[5m:])`); and raw
 * counters compared with thresholds (`errors_total > 10`), which only ever grow.
 */
import type { Expr, VectorSelector } from '../../promql/ast';
import { walk } from '../../promql/ast';
import { formatDuration } from '../../promql/durations';
import { isScalarExpr, metricName, unparen } from '../promql-facts';
import { atExpr, emit, type AnalyzedRule, type CheckContext } from './context';

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
/** Counter names by Prometheus's conventions (and histograms' and summaries' series). */
const COUNTER = /(_total|_count|_sum|_bucket)$/;
const COMPARISONS = new Set(['>', '>=', '<', '<=']);
/** Aggregations and functions that pass a counter's raw value through. */
const PASS_THROUGH_AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'topk', 'bottomk', 'quantile', 'group']);
const PASS_THROUGH_FUNCTIONS = new Set(['label_replace', 'label_join', 'abs', 'sort', 'sort_desc', 'last_over_time', 'max_over_time', 'min_over_time']);

/** Checks rate-like calls and counter comparisons. */
export function checkRate(ctx: CheckContext, { ast }: AnalyzedRule): void {
  if (!ast) return;
  const scrape = ctx.config.scrapeIntervalMs;
  walk(ast, (e) => {
    if (e.kind === 'call' && RATE_FUNCTIONS.has(e.func)) {
      const arg = e.args[0];
      if (!arg) return;
      if (arg.kind === 'matrix') {
        const name = metricName(arg.selector);
        if (name !== undefined && !name.includes(':') && !COUNTER.test(name)) {
          emit(ctx, 'promql/rate', atExpr(arg.selector.from), `${e.func}() on "${name}", which is not a counter by its name (counters end in _total, _count, _sum or _bucket)`, {
            fix: `if "${name}" is a gauge use deriv() or delta(); if it is a counter, name it with a _total suffix`,
          });
        }
      }
      if (arg.kind === 'subquery' && unparen(arg.expr).kind === 'aggregate') {
        const inner = unparen(arg.expr);
        emit(ctx, 'promql/rate', atExpr(inner.from), `${e.func}() of an aggregation: aggregating counters first hides their resets, so the result jumps`, {
          fix: `take ${e.func}() first and aggregate after, e.g. sum(${e.func}(x_total[5m]))`,
        });
      }
      const range = arg.kind === 'matrix' || arg.kind === 'subquery' ? arg.rangeMs : undefined;
      if (range !== undefined && range > 0 && range < 4 * scrape) {
        emit(ctx, 'promql/rate', atExpr(arg.kind === 'matrix' ? arg.selector.to : arg.from),
          `${e.func}() over ${formatDuration(range)}, less than 4 x the ${formatDuration(scrape)} scrape interval: a missed scrape leaves too few samples`, {
            fix: `use a window of at least ${formatDuration(4 * scrape)} (or set scrapeInterval in .watchkeeper.yaml)`,
          });
      }
    }
    if (e.kind === 'binary' && COMPARISONS.has(e.op)) {
      const counter = isScalarExpr(e.rhs) ? rawCounter(e.lhs) : isScalarExpr(e.lhs) ? rawCounter(e.rhs) : undefined;
      if (counter) {
        emit(ctx, 'promql/rate', atExpr(counter.from), `compares the raw value of counter "${metricName(counter)}", which only grows (and drops on restarts), with a threshold`, {
          fix: 'compare its rate() or increase() over a window instead',
        });
      }
    }
  });
}

/** The counter selector whose raw value `e` is, if any. */
function rawCounter(e: Expr): VectorSelector | undefined {
  const x = unparen(e);
  if (x.kind === 'vector') {
    const name = metricName(x);
    return name !== undefined && !name.includes(':') && COUNTER.test(name) ? x : undefined;
  }
  if (x.kind === 'aggregate' && PASS_THROUGH_AGGREGATIONS.has(x.op) && x.expr) return rawCounter(x.expr);
  if (x.kind === 'call' && PASS_THROUGH_FUNCTIONS.has(x.func)) {
    const a = x.args[0];
    if (!a) return undefined;
    return a.kind === 'matrix' ? rawCounter(a.selector) : rawCounter(a);
  }
  return undefined;
}
