/**
 * A metric catalogue: what an exporter emits, declared once — each metric's type, unit, help and labels.
 * Dashboards check legends, `by` clauses and matches against it; given to the app (WatchkeeperApp's
 * `metrics`, or the construct context, see settings.ts) synth checks every selector of the app against it.
 * A catalogue is plain data: write it by hand, build it from metric values (catalogueOf), or import it from a
 * scrape or a Prometheus API dump (`watchkeeper metrics import`).
 */
import type { Unit } from './units';

/** The kinds of metric Prometheus's exposition format knows (untyped metrics are imported as gauges). */
export type MetricKind = 'counter' | 'gauge' | 'histogram' | 'summary';

/** One metric an exporter emits. */
export interface MetricDeclaration {
  /**
   * counter (a `_total`-style monotonic count), gauge, histogram (`<name>_bucket` with `le`, `_count`,
   * `_sum`) or summary (`<name>` with `quantile`, `_count`, `_sum`).
   */
  readonly type: MetricKind;
  /** The labels the exporter puts on it (the scrape adds SCRAPE_LABELS). */
  readonly labels: readonly string[];
  /** The unit its values are in; panels and thresholds on it are stated in this unit or converted. */
  readonly unit?: Unit;
  readonly help?: string;
}

/** Metric name -> declaration. */
export type MetricCatalogue = Readonly<Record<string, MetricDeclaration>>;

/**
 * Labels every scraped series carries beside the exporter's own: `job` and `instance`, and the target's
 * `namespace` and `pod` that a Kubernetes scrape (ServiceMonitor, PodMonitor) adds.
 */
export const SCRAPE_LABELS: readonly string[] = ['job', 'instance', 'namespace', 'pod'];

/** What a series name resolves to in a catalogue. */
export interface MetricLookup {
  /** The declared metric (a histogram's or summary's base name for its `_bucket`/`_count`/`_sum` series). */
  readonly name: string;
  readonly declaration: MetricDeclaration;
  /** The labels series of this name carry: declared, scrape labels, `le` on buckets, `quantile` on a summary. */
  readonly labels: readonly string[];
  /** Which series of the metric: the metric itself, or a histogram's or summary's part. */
  readonly part: 'value' | 'bucket' | 'count' | 'sum';
}

/**
 * The declaration a series name belongs to: the name itself, or a histogram's `_bucket`/`_count`/`_sum`
 * (a summary's `_count`/`_sum`). Returns the declaration and the labels series of that name carry.
 */
export function lookupMetric(catalogue: MetricCatalogue, name: string): MetricLookup | undefined {
  const own = (n: string): MetricDeclaration | undefined =>
    Object.prototype.hasOwnProperty.call(catalogue, n) ? catalogue[n] : undefined;
  const direct = own(name);
  if (direct)
    return {
      name,
      declaration: direct,
      labels: [...direct.labels, ...SCRAPE_LABELS, ...(direct.type === 'summary' ? ['quantile'] : [])],
      part: 'value',
    };
  const m = /^(.*)_(bucket|count|sum)$/.exec(name);
  const base = m ? own(m[1]) : undefined;
  if (!m || !base) return undefined;
  const part = m[2] as 'bucket' | 'count' | 'sum';
  if (base.type !== 'histogram' && !(base.type === 'summary' && part !== 'bucket')) return undefined;
  return {
    name: m[1],
    declaration: base,
    labels: [...base.labels, ...SCRAPE_LABELS, ...(part === 'bucket' ? ['le'] : [])],
    part,
  };
}

/** Every series name a catalogue's metrics are stored under (`x`, or `x_bucket`, `x_count`, `x_sum`), sorted. */
export function seriesNames(catalogue: MetricCatalogue): string[] {
  const out: string[] = [];
  for (const [name, d] of Object.entries(catalogue)) {
    if (d.type === 'histogram') out.push(`${name}_bucket`, `${name}_count`, `${name}_sum`);
    else if (d.type === 'summary') out.push(name, `${name}_count`, `${name}_sum`);
    else out.push(name);
  }
  return out.sort();
}

/**
 * The namespaces a catalogue covers when none are given: the first `_`-separated word of each metric name,
 * with its underscore (`prometheus_`, `go_`, `http_`). A name without an underscore is covered only exactly.
 */
export function defaultNamespaces(catalogue: MetricCatalogue): string[] {
  const out = new Set<string>();
  for (const name of Object.keys(catalogue)) {
    const i = name.indexOf('_');
    if (i > 0 && !name.slice(0, i).includes(':')) out.add(name.slice(0, i + 1));
  }
  return [...out].sort();
}

/**
 * Series Prometheus itself makes, which no exporter declares: never unknown. (`up` and `scrape_*` from each
 * scrape, `ALERTS` and `ALERTS_FOR_STATE` from alerting rules.)
 */
export function isSyntheticSeries(name: string): boolean {
  return name === 'up' || name.startsWith('scrape_') || name === 'ALERTS' || name === 'ALERTS_FOR_STATE';
}
