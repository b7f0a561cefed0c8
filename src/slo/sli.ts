/**
 * Service level indicators: what counts as an error and what as an event, in four shapes, and the PromQL
 * that measures them over a window.
 */
import { Problem, ProblemList } from '../core';
import { type PromQLExpr, promqlText } from '../metrics';
import { analyzePromQL, ast } from '../promql';
import { Rational } from './decimal';

/**
 * Errors and events as two counters. Each is a selector (`rlm_errors{job="api"}`, rated for you) or a PromQL
 * expression with `$window` where the range goes (`sum by (code) (rate(http_requests_total{code=~"5.."}[$window]))`).
 */
export interface EventsSli {
  readonly kind: 'events';
  /** The error counter: a selector or an expression with `$window`. */
  readonly errors: string;
  /** The counter of all events (errors included): a selector or an expression with `$window`. */
  readonly total: string;
}

/** Good events and all events as two counters (selectors or expressions with `$window`); errors = total - good. */
export interface GoodTotalSli {
  readonly kind: 'good-total';
  /** The counter of good events. */
  readonly good: string;
  /** The counter of all events. */
  readonly total: string;
}

/** Requests slower than a threshold, from a classic histogram's buckets; the threshold must be an `le` boundary. */
export interface LatencySli {
  readonly kind: 'latency';
  /** The bucket series as a selector, e.g. `rlm_api_latency_bucket{job="api"}` (no `le` matcher). */
  readonly histogram: string;
  /** The latency objective in the histogram's unit (its `le` values), e.g. `0.1` for 100 ms in seconds. */
  readonly threshold: number;
  /**
   * The `le` label values the histogram exposes, as Prometheus stores them. The threshold is matched against
   * these by value and the matching string is used verbatim.
   * @default DEFAULT_BUCKETS (the client libraries' default buckets as Prometheus 3 stores them)
   */
  readonly buckets?: readonly string[];
}

/**
 * A raw error ratio (0..1) from any expression, e.g. `1 - rlm_task_success_rate / 100`. Long windows average
 * it over time (time-weighted: a raw ratio carries no traffic to weigh by); samples that are NaN, infinite
 * or negative are dropped before averaging.
 */
export interface ErrorRatioSli {
  readonly kind: 'error-ratio';
  /** An instant-vector expression whose values are error ratios between 0 and 1. */
  readonly expr: string;
}

/** What an SLO measures. */
export type SliDefinition = EventsSli | GoodTotalSli | LatencySli | ErrorRatioSli;

/** Helpers that build SLI definitions. */
export const Sli = {
  /** Errors and total counters (text, or Queries built from metric values). */
  events: (errors: PromQLExpr, total: PromQLExpr): EventsSli => ({
    kind: 'events',
    errors: promqlText(errors),
    total: promqlText(total),
  }),
  /** Good and total counters (text, or Queries built from metric values). */
  goodTotal: (good: PromQLExpr, total: PromQLExpr): GoodTotalSli => ({
    kind: 'good-total',
    good: promqlText(good),
    total: promqlText(total),
  }),
  /** Requests slower than `threshold` from a classic histogram. */
  latency: (props: Omit<LatencySli, 'kind' | 'histogram'> & { readonly histogram: PromQLExpr }): LatencySli => ({
    kind: 'latency',
    ...props,
    histogram: promqlText(props.histogram),
  }),
  /** A raw error-ratio expression. */
  errorRatio: (expr: PromQLExpr): ErrorRatioSli => ({ kind: 'error-ratio', expr: promqlText(expr) }),
} as const;

/**
 * The `le` values of the client libraries' default buckets (.005 … 10) and `+Inf`, in the form Prometheus 3
 * stores them (whole numbers as `1.0`; Prometheus 2 scraping text keeps `1`: pass `buckets` then).
 */
export const DEFAULT_BUCKETS: readonly string[] = [
  '0.005',
  '0.01',
  '0.025',
  '0.05',
  '0.1',
  '0.25',
  '0.5',
  '1.0',
  '2.5',
  '5.0',
  '10.0',
  '+Inf',
];

/** The placeholder for the range in counter expressions. */
export const WINDOW_PLACEHOLDER = '$window';

/** `sum by (a, b) (x)`, or `sum(x)` without grouping. */
export function sumBy(groupBy: readonly string[], expr: string): string {
  return groupBy.length === 0 ? `sum(${expr})` : `sum by (${groupBy.join(', ')}) (${expr})`;
}

/** The per-second rate of a counter over `window`, summed by the grouping labels. */
export function counterRate(counter: string, window: string, groupBy: readonly string[]): string {
  const text = counter.trim();
  if (text.includes(WINDOW_PLACEHOLDER)) return sumBy(groupBy, text.split(WINDOW_PLACEHOLDER).join(window));
  return sumBy(groupBy, `rate(${text}[${window}])`);
}

/** The expressions an events-like SLI records per window: errors/s and events/s. */
export interface WindowRates {
  readonly errors: string;
  readonly total: string;
}

/**
 * Errors/s and events/s of a counter-based SLI over `window`. For good/total and latency SLIs errors are
 * `total - good`; a missing good series is handled where the burn rate is computed.
 */
export function windowRates(
  sli: EventsSli | GoodTotalSli | LatencySli,
  window: string,
  groupBy: readonly string[],
): WindowRates {
  switch (sli.kind) {
    case 'events':
      return { errors: counterRate(sli.errors, window, groupBy), total: counterRate(sli.total, window, groupBy) };
    case 'good-total': {
      const total = counterRate(sli.total, window, groupBy);
      return { errors: `${total} - ${counterRate(sli.good, window, groupBy)}`, total };
    }
    case 'latency': {
      const { good, total } = latencySelectors(sli);
      const totalRate = counterRate(total, window, groupBy);
      return { errors: `${totalRate} - ${counterRate(good, window, groupBy)}`, total: totalRate };
    }
  }
}

/** The bucket selectors of a latency SLI: good (`le` = threshold) and total (`le="+Inf"`). @throws Error when invalid. */
export function latencySelectors(sli: LatencySli): { good: string; total: string; le: string } {
  const le = matchBucket(sli.threshold, sli.buckets ?? DEFAULT_BUCKETS);
  if (!le.ok) throw new Error(le.message);
  const sel = parseSelector(sli.histogram);
  if (!sel.ok) throw new Error(sel.message);
  return {
    good: renderSelector(sel.name, sel.matchers, le.le),
    total: renderSelector(sel.name, sel.matchers, '+Inf'),
    le: le.le,
  };
}

/** The `le` string equal in value to `threshold`, or a message naming the boundaries it falls between. */
export function matchBucket(
  threshold: number,
  buckets: readonly string[],
): { ok: true; le: string } | { ok: false; message: string } {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold <= 0) {
    return { ok: false, message: "the threshold must be a finite number > 0 in the histogram's unit" };
  }
  const t = Rational.of(threshold);
  const parsed = buckets.map((b) => ({ b, v: b.trim() === '+Inf' ? undefined : Rational.parse(b) }));
  const bad = parsed.find((p) => p.v === undefined && p.b.trim() !== '+Inf');
  if (bad)
    return { ok: false, message: `bucket "${bad.b}" is not a number; le values look like "0.1", "1.0" or "+Inf"` };
  const hit = parsed.find((p) => p.v && p.v.cmp(t) === 0);
  if (hit) return { ok: true, le: hit.b };
  const finite = parsed.filter((p) => p.v).sort((a, b) => (a.v as Rational).cmp(b.v as Rational));
  const below = [...finite].reverse().find((p) => (p.v as Rational).cmp(t) < 0);
  const above = finite.find((p) => (p.v as Rational).cmp(t) > 0);
  const between =
    below && above
      ? `it falls between the buckets le="${below.b}" and le="${above.b}"`
      : below
        ? `it is above the largest bucket le="${below.b}"`
        : above
          ? `it is below the smallest bucket le="${above.b}"`
          : 'the histogram has no finite buckets';
  return { ok: false, message: `no bucket boundary equals ${threshold}: ${between} (buckets: ${buckets.join(', ')})` };
}

type ParsedSelector =
  { ok: true; name: string; matchers: ast.LabelMatcher[] } | { ok: false; message: string; invalid?: boolean };

/** A plain instant selector (metric name and matchers, no range, offset or `@`). */
export function parseSelector(text: string): ParsedSelector {
  const r = analyzePromQL(text);
  if (!r.ast) {
    const d = r.diagnostics[0];
    return {
      ok: false,
      invalid: true,
      message: d ? `not valid PromQL: ${d.message} (at ${d.line}:${d.column})` : 'not valid PromQL',
    };
  }
  const e = r.ast;
  if (e.kind !== 'vector' || e.offsetMs !== undefined || e.offsetExpr || e.at !== undefined) {
    return { ok: false, message: 'expected a plain selector such as http_requests_total{job="api"}' };
  }
  const name = e.name || e.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value || '';
  if (!name) return { ok: false, message: 'the selector needs a metric name' };
  return { ok: true, name, matchers: e.matchers.filter((m) => m.name !== '__name__') };
}

function renderSelector(name: string, matchers: readonly ast.LabelMatcher[], le: string): string {
  const all = [...matchers.map((m) => `${m.name}${m.op}${JSON.stringify(m.value)}`), `le="${le}"`];
  return `${name}{${all.join(', ')}}`;
}

/** Problems with an SLI definition; `field` is the prop path prefix (`sli`). */
export function checkSli(sli: SliDefinition | undefined, where: string, prometheusVersion?: string): Problem[] {
  const found = new ProblemList(where);
  if (!sli || typeof sli !== 'object') {
    found.add(
      'sli',
      sli,
      'an SLO needs an SLI',
      'use Sli.events(errors, total), Sli.goodTotal(good, total), Sli.latency({...}) or Sli.errorRatio(expr)',
    );
    return found.problems;
  }
  const counter = (field: string, value: unknown): void => {
    if (typeof value !== 'string' || value.trim() === '') {
      found.add(
        field,
        value,
        'the counter is empty',
        'give a selector such as rlm_requests{job="api"} or an expression with $window',
      );
      return;
    }
    if (value.includes(WINDOW_PLACEHOLDER)) {
      // Validated as it will be used: summed per grouping label set, with a real window in place.
      for (const d of diagnosticsAsWritten(value, 'sum(', ')', prometheusVersion)) {
        found.add(
          field,
          value,
          `${d} (with $window = 5m)`,
          'write an instant-vector expression Prometheus accepts, with $window where the range goes',
        );
      }
      return;
    }
    const sel = parseSelector(value);
    if (!sel.ok) {
      if (sel.invalid)
        found.add(
          field,
          value,
          sel.message,
          'write a selector Prometheus accepts, e.g. http_requests_total{code=~"5.."}',
        );
      else
        found.add(
          field,
          value,
          `${sel.message}; an expression must put $window where the range goes`,
          'write a selector (rated for you) or e.g. sum by (code) (rate(x_total[$window]))',
        );
    }
  };
  switch (sli.kind) {
    case 'events':
      counter('sli.errors', sli.errors);
      counter('sli.total', sli.total);
      break;
    case 'good-total':
      counter('sli.good', sli.good);
      counter('sli.total', sli.total);
      break;
    case 'latency': {
      const sel =
        typeof sli.histogram === 'string'
          ? parseSelector(sli.histogram)
          : { ok: false as const, message: 'the histogram selector is empty' };
      if (!sel.ok)
        found.add(
          'sli.histogram',
          sli.histogram,
          sel.message,
          'write the bucket series as a selector, e.g. rlm_api_latency_bucket{job="api"}',
        );
      else {
        if (!sel.name.endsWith('_bucket'))
          found.add(
            'sli.histogram',
            sli.histogram,
            "a classic histogram's bucket series ends in _bucket",
            `use ${sel.name}_bucket`,
          );
        if (sel.matchers.some((m) => m.name === 'le'))
          found.add(
            'sli.histogram',
            sli.histogram,
            'the le matcher is added from the threshold',
            'remove the le matcher and set threshold',
          );
      }
      const le = matchBucket(sli.threshold, sli.buckets ?? DEFAULT_BUCKETS);
      if (!le.ok)
        found.add(
          'sli.threshold',
          sli.threshold,
          le.message,
          "use a threshold equal to one of the histogram's le boundaries, or list the histogram's boundaries in buckets",
        );
      break;
    }
    case 'error-ratio':
      if (typeof sli.expr !== 'string' || sli.expr.trim() === '')
        found.add(
          'sli.expr',
          sli.expr,
          'the error-ratio expression is empty',
          'write an expression whose values are error ratios between 0 and 1',
        );
      else {
        // Validated as it will be used: aggregated into one ratio per grouping label set.
        for (const d of diagnosticsAsWritten(sli.expr, 'avg(', ')', prometheusVersion)) {
          found.add(
            'sli.expr',
            sli.expr,
            d,
            'write an instant-vector expression Prometheus accepts, e.g. 1 - rlm_task_success_rate / 100',
          );
        }
      }
      break;
    default:
      found.add(
        'sli.kind',
        (sli as { kind?: unknown }).kind,
        'unknown SLI kind',
        'use "events", "good-total", "latency" or "error-ratio"',
      );
  }
  return found.problems;
}

/**
 * The diagnostics of `text` used as it will be (inside `prefix`…`suffix`, `$window` as 5m), with each position
 * pointing into `text` as the user wrote it rather than into the generated expression.
 */
function diagnosticsAsWritten(
  text: string,
  prefix: string,
  suffix: string,
  prometheusVersion: string | undefined,
): string[] {
  // origin[i]: the offset in `text` of character i of the generated expression.
  const origin: number[] = [];
  let generated = '';
  const append = (chunk: string, from: number): void => {
    for (let i = 0; i < chunk.length; i++) origin.push(from);
    generated += chunk;
  };
  append(prefix, 0);
  for (let i = 0; i < text.length;) {
    if (text.startsWith(WINDOW_PLACEHOLDER, i)) {
      append('5m', i);
      i += WINDOW_PLACEHOLDER.length;
    } else {
      origin.push(i);
      generated += text[i++];
    }
  }
  append(suffix, text.length);
  const lineStarts = [0];
  for (let i = 0; i < generated.length; i++) if (generated[i] === '\n') lineStarts.push(i + 1);
  return analyzePromQL(generated, { prometheusVersion }).diagnostics.map((d) => {
    const offset = origin[Math.min(lineStarts[d.line - 1] + d.column - 1, origin.length - 1)] ?? 0;
    const before = text.slice(0, offset).split('\n');
    return `${d.message} (at ${before.length}:${before[before.length - 1].length + 1})`;
  });
}
