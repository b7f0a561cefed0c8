/**
 * promql/: the language. Validation equal to Prometheus's own (checkPromQL), durations, RE2 regexes,
 * the function table and small typed builders. Pure functions, no cdk8s.
 */
export * from './check-promql';
export * from './durations';
export * from './version';
export { FUNCTIONS, AGGREGATIONS } from './functions';
export type { ValueType, PromQLFunction } from './functions';
export { compileMatcherRegex } from './regex';
export { unquotePromQLString } from './strings';
export * as ast from './ast';
