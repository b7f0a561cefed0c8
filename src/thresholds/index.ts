/** thresholds/: ThresholdMetric (a metric's target and alert levels) and the units its numbers are in. */
export * from './threshold-metric';
export * from './units';
