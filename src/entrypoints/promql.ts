/**
 * `watchkeeper/promql`: the PromQL language without the constructs. Validation equal to Prometheus's own
 * (what `promtool check rules` refuses), the syntax tree, durations as Prometheus parses them, Prometheus
 * releases, the versioned function table, RE2 label-matcher regexes and Prometheus's name rules.
 *
 * The report of this entry point is api/watchkeeper-promql.api.md.
 * @packageDocumentation
 */
export {
  checkPromQL,
  analyzePromQL,
  ast,
  parseDuration,
  durationMs,
  formatDuration,
  parsePrometheusVersion,
  formatVersion,
  isAtLeast,
  LATEST_PROMETHEUS_VERSION,
  DEFAULT_PROMETHEUS_VERSION,
  FUNCTIONS,
  AGGREGATIONS,
  compileMatcherRegex,
  unquotePromQLString,
  type PromQLDiagnostic,
  type CheckPromQLOptions,
  type PromQLCheckResult,
  type Duration,
  type DurationParse,
  type PrometheusVersion,
  type ValueType,
  type PromQLFunction,
} from '../promql';
export type { ParseFeatures } from '../promql/parse';
export type { RegexCompile } from '../promql/regex';
export type { UnquoteResult } from '../promql/strings';
export { isValidLabelName, isValidLabelValue, isValidMetricName } from '../core';
