/**
 * `promql/rate`: rate(), irate() and increase() used on something that is not a counter by its name, over
 * a window too short for the scrape interval, or over an aggregation (`rate(sum(x)[5m:])`); and raw
 * counters compared with thresholds (`errors_total > 10`), which only ever grow.
 */
import type { Expr, VectorSelector } from '../promql/ast';
import { walk } from '../promql/ast';
import { formatDuration } from '../promql/durations';
import { isScalarExpr, metricName, unparen } from '../promql/facts';
import type { LintMetricType } from './config';
import { atExpr, emit, type AnalyzedRule, type CheckContext } from './context';

const RATE_FUNCTIONS = new Set(['rate', 'irate', 'increase']);
/** Names that are gauges whatever the exporter: info metrics, ratios, percentages, temperatures, timestamps, up. */
const GAUGE_NAME = /(_info|_ratio|_percent|_percentage|_celsius|_timestamp_seconds|_time_seconds)$|^up$/;
/** What the metadata says a series of this name is, if known: its own type, or its histogram's/summary's. */
function metadataType(ctx: CheckContext, name: string): LintMetricType | undefined {
  const types = ctx.config.metricTypes;
  if (types.size === 0) return undefined;
  const own = types.get(name);
  if (own) return own;
  const base = /^(.*)_(bucket|count|sum)$/.exec(name);
  const parent = base ? types.get(base[1]) : undefined;
  if (parent === 'histogram' || parent === 'summary') return 'counter';
  if (parent === 'gaugehistogram') return 'gauge';
  const total = /^(.*)_total$/.exec(name);
  if (total && types.get(total[1]) === 'counter') return 'counter';
  return undefined;
}
const NOT_COUNTER_TYPES = new Set<LintMetricType>(['gauge', 'info', 'stateset', 'gaugehistogram']);
/** Counter names by Prometheus's conventions (and histograms' and summaries' series). */
const COUNTER = /(_total|_count|_sum|_bucket)$/;
const COMPARISONS = new Set(['>', '>=', '<', '<=']);
/** Aggregations and functions that pass a counter's raw value through. */
const PASS_THROUGH_AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'topk', 'bottomk', 'quantile', 'group']);
const PASS_THROUGH_FUNCTIONS = new Set([
  'label_replace',
  'label_join',
  'abs',
  'sort',
  'sort_desc',
  'last_over_time',
  'max_over_time',
  'min_over_time',
]);

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
        const type = name === undefined ? undefined : metadataType(ctx, name);
        if (name !== undefined && type !== undefined && NOT_COUNTER_TYPES.has(type)) {
          emit(
            ctx,
            'promql/rate',
            atExpr(arg.selector.from),
            `${e.func}() on "${name}", a ${type} by its metadata: ${e.func}() reads only counters`,
            {
              fix: `use deriv() or delta() for a gauge`,
            },
          );
        } else if (name !== undefined && type === undefined && !name.includes(':') && GAUGE_NAME.test(name)) {
          emit(
            ctx,
            'promql/rate',
            atExpr(arg.selector.from),
            `${e.func}() on "${name}", a gauge by its name: ${e.func}() reads only counters`,
            {
              fix: `use deriv() or delta() for a gauge`,
            },
          );
        } else if (name !== undefined && type === undefined && !name.includes(':') && !COUNTER.test(name)) {
          // Many counters lack the _total suffix (node_vmstat_pgmajfault): a guess, for strict only.
          emit(
            ctx,
            'promql/rate',
            atExpr(arg.selector.from),
            `${e.func}() on "${name}", which is not a counter by its name (counters end in _total, _count, _sum or _bucket)`,
            {
              fix: `if "${name}" is a gauge use deriv() or delta(); if it is a counter, name it with a _total suffix`,
              tier: 'strict',
            },
          );
        }
      }
      if (arg.kind === 'subquery' && unparen(arg.expr).kind === 'aggregate') {
        const inner = unparen(arg.expr);
        emit(
          ctx,
          'promql/rate',
          atExpr(inner.from),
          `${e.func}() of an aggregation: aggregating counters first hides their resets, so the result jumps`,
          {
            fix: `take ${e.func}() first and aggregate after, e.g. sum(${e.func}(x_total[5m]))`,
          },
        );
      }
      const range = arg.kind === 'matrix' || arg.kind === 'subquery' ? arg.rangeMs : undefined;
      const at = atExpr(arg.kind === 'matrix' ? arg.selector.to : arg.from);
      if (range !== undefined && range > 0 && range < 2 * scrape) {
        emit(
          ctx,
          'promql/rate',
          at,
          `${e.func}() over ${formatDuration(range)}, less than 2 x the ${formatDuration(scrape)} scrape interval: the window holds at most one sample, and ${e.func}() needs two`,
          {
            fix: `use a window of at least ${formatDuration(4 * scrape)} (or set scrapeInterval in .watchkeeper.yaml to the real interval)`,
          },
        );
      } else if (range !== undefined && range > 0 && range < 4 * scrape) {
        emit(
          ctx,
          'promql/rate',
          at,
          `${e.func}() over ${formatDuration(range)}, less than 4 x the ${formatDuration(scrape)} scrape interval: a missed scrape leaves too few samples`,
          {
            fix: `use a window of at least ${formatDuration(4 * scrape)} (or set scrapeInterval in .watchkeeper.yaml)`,
            tier: 'recommended',
          },
        );
      }
    }
    if (e.kind === 'binary' && COMPARISONS.has(e.op)) {
      const isCounter = (name: string): boolean => {
        const type = metadataType(ctx, name);
        return type === undefined ? COUNTER.test(name) : type === 'counter';
      };
      const counter = isScalarExpr(e.rhs)
        ? rawCounter(e.lhs, isCounter)
        : isScalarExpr(e.lhs)
          ? rawCounter(e.rhs, isCounter)
          : undefined;
      const name = counter ? (metricName(counter) ?? '') : '';
      const type = counter ? metadataType(ctx, name) : undefined;
      if (counter && (type === undefined || type === 'counter')) {
        // A counter by metadata, or by the OpenMetrics _total suffix: certain; _count/_sum/_bucket: histograms' series, also gauges' names.
        const certain = type === 'counter' || name.endsWith('_total');
        emit(
          ctx,
          'promql/rate',
          atExpr(counter.from),
          `compares the raw value of counter "${name}", which only grows (and drops on restarts), with a threshold`,
          {
            fix: 'compare its rate() or increase() over a window instead',
            tier: certain ? undefined : 'recommended',
          },
        );
      }
    }
  });
}

/** The counter selector whose raw value `e` is, if any. */
function rawCounter(e: Expr, isCounter: (name: string) => boolean): VectorSelector | undefined {
  const x = unparen(e);
  if (x.kind === 'vector') {
    const name = metricName(x);
    return name !== undefined && !name.includes(':') && isCounter(name) ? x : undefined;
  }
  if (x.kind === 'aggregate' && PASS_THROUGH_AGGREGATIONS.has(x.op) && x.expr) return rawCounter(x.expr, isCounter);
  if (x.kind === 'call' && PASS_THROUGH_FUNCTIONS.has(x.func)) {
    const a = x.args[0];
    if (!a) return undefined;
    return a.kind === 'matrix' ? rawCounter(a.selector, isCounter) : rawCounter(a, isCounter);
  }
  return undefined;
}
