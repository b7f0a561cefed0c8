/**
 * Metrics as values: a Counter, Gauge, Histogram or Summary declared once with its name, help and label
 * names; queries are built from it. Operations exist only where they make sense — `rate()` on a Counter (and a
 * histogram's or summary's `count`/`sum`), `quantile()` on a Histogram — so a counter operation on a gauge
 * does not compile. A matcher on a label the metric does not declare is reported (with the closest declared
 * label) to the app being declared, or thrown without one.
 */
import { Problem, reportProblems } from '../core';
import { isValidMetricName, isValidLabelName } from '../core';
import type { Duration } from '../promql';
import { MetricCatalogue, MetricDeclaration, MetricKind, SCRAPE_LABELS } from './catalogue';
import { closest } from '../core';
import { Query } from './query';
import type { Unit } from './units';

/** The labels every scraped series carries (see SCRAPE_LABELS). */
export type ScrapeLabel = 'job' | 'instance' | 'namespace' | 'pod';

/** A matcher value: a string matches exactly (`=`); Match.re/not/notRe give the other operators. */
export type MatchValue = string | { readonly op: '=' | '!=' | '=~' | '!~'; readonly value: string };

/** Label matchers on the labels `L` a metric carries. */
export type Matchers<L extends string> = Partial<Readonly<Record<L | ScrapeLabel, MatchValue>>>;

/** Matcher values other than equality. */
export const Match = {
  /** `label=~"regex"` */
  re: (value: string): MatchValue => ({ op: '=~', value }),
  /** `label!="value"` */
  not: (value: string): MatchValue => ({ op: '!=', value }),
  /** `label!~"regex"` */
  notRe: (value: string): MatchValue => ({ op: '!~', value }),
} as const;

/** What declaring a metric takes. */
export interface MetricProps<L extends string> {
  /** The metric name as exposed (`http_requests_total`; a histogram's base name without `_bucket`). */
  readonly name: string;
  readonly help?: string;
  /** The labels the exporter sets on it (scrape labels job, instance, namespace, pod are always allowed). */
  readonly labels?: readonly L[];
  readonly unit?: Unit;
}

/** Options of range operations. */
export interface RangeOptions<L extends string> {
  /** Matchers on the series selected. */
  readonly where?: Matchers<L>;
  /** Sum by these labels (`sum by (...)`); without it the result keeps every label. */
  readonly by?: readonly (L | ScrapeLabel)[];
}

/** What every metric value has. */
export abstract class Metric<L extends string = string> {
  abstract readonly type: MetricKind;
  readonly name: string;
  readonly help?: string;
  readonly labels: readonly L[];
  readonly unit?: Unit;

  constructor(props: MetricProps<L>) {
    this.name = props.name;
    this.help = props.help;
    this.labels = [...(props.labels ?? [])];
    this.unit = props.unit;
    const problems: Problem[] = [];
    if (typeof props.name !== 'string' || !isValidMetricName(props.name)) {
      problems.push({
        where: `metric ${JSON.stringify(props.name)}`,
        field: 'name',
        value: props.name,
        message: 'is not a valid metric name',
        fix: 'use [a-zA-Z_:][a-zA-Z0-9_:]*',
      });
    }
    for (const l of this.labels) {
      if (!isValidLabelName(l))
        problems.push({
          where: `metric ${props.name}`,
          field: 'labels',
          value: l,
          message: 'is not a valid label name',
          fix: 'use [a-zA-Z_][a-zA-Z0-9_]*',
        });
    }
    reportProblems(problems, `metric ${String(props.name)}`);
  }

  /** The catalogue entry of this metric. */
  get declaration(): MetricDeclaration {
    return {
      type: this.type,
      labels: this.labels,
      ...(this.unit ? { unit: this.unit } : {}),
      ...(this.help ? { help: this.help } : {}),
    };
  }

  /** The labels matchers may use on `series` of this metric. */
  protected allowedLabels(extra: readonly string[] = []): string[] {
    return [...this.labels, ...SCRAPE_LABELS, ...extra];
  }

  /** `name{matchers}` for the series `series` (the name, or a `_bucket`/`_count`/`_sum`). */
  protected selector(
    series: string,
    where: Matchers<string> | undefined,
    extra: readonly string[] = [],
    fixed: ReadonlyArray<readonly [string, string]> = [],
  ): string {
    const allowed = this.allowedLabels(extra);
    const parts: string[] = [];
    const problems: Problem[] = [];
    for (const [label, v] of Object.entries(where ?? {}) as Array<[string, MatchValue | undefined]>) {
      if (v === undefined) continue;
      if (!allowed.includes(label)) {
        const near = closest(label, allowed);
        problems.push({
          where: `metric ${this.name}`,
          field: `matcher ${label}`,
          value: label,
          message: `${this.name} has no label "${label}"; it declares ${this.labels.length ? this.labels.map((l) => `"${l}"`).join(', ') : 'no labels'} (plus the scrape labels ${SCRAPE_LABELS.join(', ')})`,
          fix: near ? `did you mean "${near}"?` : `match on a declared label, or declare "${label}" on the metric`,
        });
        continue;
      }
      const m = typeof v === 'string' ? { op: '=', value: v } : v;
      parts.push(`${label}${m.op}${quote(m.value)}`);
    }
    reportProblems(problems, `metric ${this.name}: matchers`);
    for (const [l, v] of fixed) parts.push(`${l}=${quote(v)}`);
    return parts.length > 0 ? `${series}{${parts.join(', ')}}` : series;
  }
}

/** A PromQL double-quoted string. */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** `sum by (...) (inner)` when grouped, else inner as is. */
function grouped<L extends string>(inner: string, by: readonly string[] | undefined): Query<L> {
  return by && by.length > 0 ? new Query<L>(`sum by (${by.join(', ')}) (${inner})`) : new Query<L>(inner);
}

/** A monotonic count (`*_total`): rate, increase and ratios of rates. */
export class Counter<L extends string = string> extends Metric<L> {
  readonly type = 'counter';

  /** The raw series (a counter's raw value is rarely what a panel or alert wants: see rate). */
  select(where?: Matchers<L>): Query<L | ScrapeLabel> {
    return new Query(this.selector(this.name, where));
  }

  /** `rate(name{where}[window])`, summed by `by` when given. */
  rate(window: Duration, options: RangeOptions<L> = {}): Query<L | ScrapeLabel> {
    return grouped(`rate(${this.selector(this.name, options.where)}[${window}])`, options.by);
  }

  /** `increase(name{where}[window])`, summed by `by` when given. */
  increase(window: Duration, options: RangeOptions<L> = {}): Query<L | ScrapeLabel> {
    return grouped(`increase(${this.selector(this.name, options.where)}[${window}])`, options.by);
  }

  /**
   * The fraction of the count matching `errors` (e.g. `{ code: Match.re('5..') }`):
   * `sum by (by) (rate(x{errors, where}[w])) / sum by (by) (rate(x{where}[w]))`.
   */
  errorRatio(errors: Matchers<L>, window: Duration, options: RangeOptions<L> = {}): Query<L | ScrapeLabel> {
    const sel = (extra: Matchers<L>): string =>
      `rate(${this.selector(this.name, { ...options.where, ...extra })}[${window}])`;
    const by = options.by && options.by.length > 0 ? ` by (${options.by.join(', ')})` : '';
    return new Query(`sum${by} (${sel(errors)}) / sum${by} (${sel({})})`, 'binary');
  }

  /** `sum(rate(this)) / sum(rate(other))` over the same window and grouping: the ratio of two counters. */
  ratioTo<M extends string>(
    other: Counter<M>,
    window: Duration,
    options: {
      readonly where?: Matchers<L>;
      readonly otherWhere?: Matchers<M>;
      readonly by?: readonly ((L & M) | ScrapeLabel)[];
    } = {},
  ): Query<(L & M) | ScrapeLabel> {
    const by = options.by && options.by.length > 0 ? ` by (${options.by.join(', ')})` : '';
    return new Query(
      `sum${by} (rate(${this.selector(this.name, options.where)}[${window}])) / sum${by} (rate(${other.selector(other.name, options.otherWhere)}[${window}]))`,
      'binary',
    );
  }
}

/** A value that goes up and down: select it, or aggregate it over time. No rate or increase. */
export class Gauge<L extends string = string> extends Metric<L> {
  readonly type = 'gauge';

  /** `name{where}`, aggregated (`sum by` unless `op` says otherwise) when `by` is given. */
  select(where?: Matchers<L>): Query<L | ScrapeLabel> {
    return new Query(this.selector(this.name, where));
  }

  /** `avg_over_time`, `max_over_time`, `min_over_time` or `deriv` over `window`. */
  overTime(
    fn: 'avg_over_time' | 'max_over_time' | 'min_over_time' | 'deriv',
    window: Duration,
    where?: Matchers<L>,
  ): Query<L | ScrapeLabel> {
    return new Query(`${fn}(${this.selector(this.name, where)}[${window}])`);
  }
}

/** A classic histogram (`_bucket` with `le`, `_count`, `_sum`): quantiles and the fraction below a bucket. */
export class Histogram<L extends string = string> extends Metric<L> {
  readonly type = 'histogram';
  /** The number of observations, a counter. */
  readonly count: Counter<L>;
  /** The sum of observations, a counter. */
  readonly sum: Counter<L>;

  constructor(props: MetricProps<L>) {
    super(props);
    this.count = new Counter<L>({ ...props, name: `${props.name}_count` });
    this.sum = new Counter<L>({ ...props, name: `${props.name}_sum` });
  }

  /** The bucket series `name_bucket{where}` (e.g. for `Sli.latency({ histogram })`). */
  buckets(where?: Matchers<L>): Query<L | ScrapeLabel | 'le'> {
    return new Query(this.selector(`${this.name}_bucket`, where));
  }

  /** `histogram_quantile(q, sum by (le, by) (rate(name_bucket{where}[window])))`. */
  quantile(q: number, window: Duration, options: RangeOptions<L> = {}): Query<L | ScrapeLabel> {
    const by = ['le', ...(options.by ?? [])].join(', ');
    return new Query(
      `histogram_quantile(${String(q)}, sum by (${by}) (rate(${this.selector(`${this.name}_bucket`, options.where)}[${window}])))`,
    );
  }

  /**
   * The fraction of observations at or below the bucket boundary `le` (written as Prometheus stores it, e.g.
   * `"0.25"`, `"1.0"`): `sum(rate(name_bucket{le="x"}[w])) / sum(rate(name_count[w]))`.
   */
  fractionBelow(le: string, window: Duration, options: RangeOptions<L> = {}): Query<L | ScrapeLabel> {
    const by = options.by && options.by.length > 0 ? ` by (${options.by.join(', ')})` : '';
    const bucket = this.selector(`${this.name}_bucket`, options.where, [], [['le', le]]);
    return new Query(
      `sum${by} (rate(${bucket}[${window}])) / sum${by} (rate(${this.selector(`${this.name}_count`, options.where)}[${window}]))`,
      'binary',
    );
  }

  /** The mean observation over `window`: `rate(name_sum[w]) / rate(name_count[w])`, summed by `by`. */
  mean(window: Duration, options: RangeOptions<L> = {}): Query<L | ScrapeLabel> {
    return this.sum.rate(window, options).dividedBy(this.count.rate(window, options));
  }
}

/** A summary (`name{quantile=...}`, `_count`, `_sum`): its precomputed quantiles, and count/sum counters. */
export class Summary<L extends string = string> extends Metric<L> {
  readonly type = 'summary';
  readonly count: Counter<L>;
  readonly sum: Counter<L>;

  constructor(props: MetricProps<L>) {
    super(props);
    this.count = new Counter<L>({ ...props, name: `${props.name}_count` });
    this.sum = new Counter<L>({ ...props, name: `${props.name}_sum` });
  }

  /** `name{quantile="q", where}`: the quantile the client computed (not aggregatable across instances). */
  quantile(q: string, where?: Matchers<L>): Query<L | ScrapeLabel> {
    return new Query(this.selector(this.name, where, [], [['quantile', q]]));
  }
}

/** A catalogue of metric values, by name (for WatchkeeperApp's `metrics` and dashboards' `metrics`). */
export function catalogueOf(...metrics: ReadonlyArray<Metric<string>>): MetricCatalogue {
  const out: Record<string, MetricDeclaration> = {};
  for (const m of [...metrics].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
    out[m.name] = m.declaration;
  return out;
}
