/**
 * metrics/: metrics as values (Counter, Gauge, Histogram, Summary) and the queries built from them; the metric
 * catalogue (one model for dashboards' label checks and synth's selector checks), imported from exposition
 * text or a Prometheus API dump; the check of expressions against a catalogue. Below the constructs that use
 * it, above promql/ and core/.
 */
export * from './units';
export * from './catalogue';
export * from './query';
export * from './metric';
export * from './settings';
export * from './check';
export * from './import';
