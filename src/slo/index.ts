/**
 * slo/: service level objectives. `Slo` (an immutable value and IRuleSource) renders SLI recording rules,
 * multi-window multi-burn-rate alerts and error-budget series; `SloRules` (construct) puts SLOs into a
 * PrometheusRule with groups of at most 20 rules; `sloPanels` describes the error-budget panels as data.
 * The burn-rate math (tiers, scaling to other windows, detection times) and exact decimals are pure
 * functions. `readOpenSlo` reads OpenSLO v1 documents into Slos.
 */
export * from './slo';
export * from './slo-rules';
export { Sli, DEFAULT_BUCKETS, WINDOW_PLACEHOLDER, matchBucket } from './sli';
export type { SliDefinition, EventsSli, GoodTotalSli, LatencySli, ErrorRatioSli } from './sli';
export * from './burn-rate';
export * from './record-names';
export * from './panels';
export { Rational, formatExact } from './decimal';
export { readOpenSlo } from './openslo';
export type { OpenSloFile, ReadOpenSloOptions } from './openslo';
