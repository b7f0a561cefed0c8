/**
 * Where a custom metric comes from. An HPA on a pods, object or external metric does nothing unless something
 * serves that metric through the custom or external metrics API; a MetricSource says what does: a
 * prometheus-adapter rule watchkeeper writes (`MetricSource.prometheus`), or another provider you name
 * (`MetricSource.providedBy`, e.g. KEDA or a vendor's cluster agent), taken on your word.
 */
import { Duration } from '../promql';

/** How a Prometheus series becomes a metric of the custom or external metrics API. */
export interface PrometheusMetricSourceProps {
  /** The Prometheus metric name the values come from, e.g. `rlm_active_agents`. */
  readonly series: string;
  /** How the series of one pod or object (or, for external metrics, all series) are combined. @default 'sum' */
  readonly aggregation?: 'sum' | 'avg' | 'max' | 'min';
  /**
   * For counters: the window of the per-second `rate()` taken before aggregating.
   * @default none: the series is a gauge, used as it is
   */
  readonly rate?: Duration;
  /**
   * A metricsQuery template of your own (prometheus-adapter's `<<.Series>>`, `<<.LabelMatchers>>`,
   * `<<.GroupBy>>`); replaces the one built from aggregation and rate.
   * @default `<aggregation>(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)` (no `by` for external metrics)
   */
  readonly metricsQuery?: string;
  /** The series label holding the namespace. @default 'namespace' */
  readonly namespaceLabel?: string;
  /**
   * The series label naming the object: the pod for pods metrics, the described object for object metrics.
   * @default 'pod' for pods metrics; the described object's kind in lower case (`service`, `ingress`) for object metrics
   */
  readonly objectLabel?: string;
  /**
   * External metrics: whether the adapter restricts the query to the HPA's namespace (`resources.namespaced`).
   * @default true
   */
  readonly namespaced?: boolean;
}

/** The source of a custom (pods, object or external) metric. */
export class MetricSource {
  /** Served by prometheus-adapter from a Prometheus series; the HPA contributes the adapter rule. */
  static prometheus(props: PrometheusMetricSourceProps): MetricSource {
    return new MetricSource('prometheus', props, undefined);
  }

  /**
   * Served by something else (KEDA, Datadog's cluster agent, a cloud provider's adapter): no adapter rule is
   * written and no check is made that the metric exists. Name the provider, for the people reading the code.
   */
  static providedBy(provider: string): MetricSource {
    return new MetricSource('provided', undefined, provider);
  }

  private constructor(
    /** `prometheus`: an adapter rule is written; `provided`: served elsewhere. */
    readonly kind: 'prometheus' | 'provided',
    /** The Prometheus source, when kind is `prometheus`. */
    readonly prometheus: PrometheusMetricSourceProps | undefined,
    /** Who serves the metric, when kind is `provided`. */
    readonly provider: string | undefined,
  ) {}
}
