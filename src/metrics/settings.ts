/**
 * The app's metric catalogue, in construct context (as core/settings.ts does for the Prometheus version):
 * WatchkeeperApp sets it from its `metrics` prop; any cdk8s App can set it with
 * `app.node.setContext(METRIC_CATALOGUE_CONTEXT, { metrics, namespaces })` before adding charts.
 */
import type { IConstruct } from 'constructs';
import type { MetricCatalogue } from './catalogue';

/** The construct context key holding the app's CatalogueSetting. */
export const METRIC_CATALOGUE_CONTEXT = 'watchkeeper:metrics';

/** A catalogue and the metric names it covers (see docs/metrics.md, "What a catalogue covers"). */
export interface CatalogueSetting {
  readonly metrics: MetricCatalogue;
  /**
   * Name prefixes the catalogue speaks for: a selector of a metric starting with one of them that the
   * catalogue does not declare is an unknown metric. `[]` covers exactly the declared names.
   * @default defaultNamespaces(metrics): each declared name's first word with its underscore (`http_`)
   */
  readonly namespaces?: readonly string[];
}

/** A catalogue as a CatalogueSetting: a plain catalogue covers its default namespaces. */
export function catalogueSetting(m: MetricCatalogue | CatalogueSetting): CatalogueSetting {
  const inner = (m as { metrics?: unknown }).metrics;
  // A catalogue may declare a metric named "metrics": then `metrics` is a declaration, with a string `type`.
  const isSetting =
    typeof inner === 'object' && inner !== null && typeof (inner as { type?: unknown }).type !== 'string';
  return isSetting ? (m as CatalogueSetting) : { metrics: m as MetricCatalogue };
}

/** The catalogue constructs under `scope` are checked against, when the app has one. */
export function metricCatalogueOf(scope: IConstruct): CatalogueSetting | undefined {
  const value: unknown = scope.node.tryGetContext(METRIC_CATALOGUE_CONTEXT);
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<CatalogueSetting>;
  return v.metrics && typeof v.metrics === 'object'
    ? { metrics: v.metrics, namespaces: Array.isArray(v.namespaces) ? v.namespaces : undefined }
    : undefined;
}
