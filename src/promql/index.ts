/**
 * promql/: the language. Validation equal to Prometheus's own (validatePromQL), durations, RE2 regexes,
 * the function table and small typed builders. Pure functions, no cdk8s.
 */
export * from './validate';
export * from './durations';
export * from './version';
export { FUNCTIONS, AGGREGATIONS } from './functions';
export type { ValueType, PromQLFunction } from './functions';
export { compileMatcherRegex } from './regex';
export { unquotePromQLString } from './strings';
export * as ast from './ast';
