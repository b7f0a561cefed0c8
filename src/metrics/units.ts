/** A unit a metric's values (and a ThresholdMetric's levels) are expressed in. thresholds/units.ts says what each means. */
export type Unit = 'percent' | 'ratio' | 'ms' | 's' | 'bytes' | 'reqps' | 'count' | 'usd';
