/**
 * A metric catalogue: what an exporter emits, declared once — each metric's type, unit and labels. Static
 * checks use it to refuse legends, `by` clauses and one-to-one matches on labels a metric cannot carry, and
 * the live-data check (test/support/live-prometheus.ts) generates synthetic series from it, so a query that
 * only works on data the exporter never produces shows up empty in the tests instead of in production.
 */
import type { Unit } from '../thresholds/units';

/** One metric an exporter emits. */
export interface MetricDeclaration {
  /** counter (a `_total`-style monotonic count), gauge, or histogram (`<name>_bucket` with `le`, `_count`, `_sum`). */
  readonly type: 'counter' | 'gauge' | 'histogram';
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

/**
 * The declaration a series name belongs to: the name itself, or a histogram's `_bucket`/`_count`/`_sum`.
 * Returns the declaration and the labels series of that name carry (with `le` for buckets).
 */
export function lookupMetric(catalogue: MetricCatalogue, name: string): { readonly declaration: MetricDeclaration; readonly labels: readonly string[] } | undefined {
  const direct = catalogue[name];
  if (direct) return { declaration: direct, labels: [...direct.labels, ...SCRAPE_LABELS] };
  const m = /^(.*)_(bucket|count|sum)$/.exec(name);
  const base = m ? catalogue[m[1]] : undefined;
  if (!m || !base || base.type !== 'histogram') return undefined;
  return { declaration: base, labels: [...base.labels, ...SCRAPE_LABELS, ...(m[2] === 'bucket' ? ['le'] : [])] };
}
