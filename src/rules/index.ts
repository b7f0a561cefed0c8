/**
 * rules/: alerting and recording rules, rule groups, the PrometheusRule construct (manifest + plain rule file)
 * and the checks they pass before synthesis, Go templates included.
 */
export * from './alert-rule';
export * from './recording-rule';
export * from './rule-group';
export type * from './rule-file';
export * from './prometheus-rule';
export * from './check-rules';
export * from '../gotemplate';
