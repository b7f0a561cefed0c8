/**
 * A metric catalogue: what an exporter emits, declared once — each metric's type, unit and labels. Static
 * checks use it to refuse legends, `by` clauses and one-to-one matches on labels a metric cannot carry, and
 * the live-data check (test/support/live-prometheus.ts) generates synthetic series from it, so a query that
 * only works on data the exporter never produces shows up empty in the tests instead of in production.
 * The model lives in metrics/ (one catalogue for dashboards and synth's selector checks); re-exported here.
 */
export { SCRAPE_LABELS, lookupMetric } from '../metrics/catalogue';
export type { MetricCatalogue, MetricDeclaration } from '../metrics/catalogue';
