/**
 * Panel thresholds: Grafana's step list (`[{ value: null, color: base }, { value: 200, color: 'orange' }, ...]`)
 * and the pure function that turns a metric's alert levels into it.
 */
import { HEALTHY_COLOR, severityColor } from '../core';
import type { ThresholdLevel } from '../thresholds';
import type { GrafanaThresholdsConfig } from './grafana-types';

/** One step: from `value` upwards (null: from -Infinity) the panel shows `color`. */
export interface ThresholdStep {
  /** Where the step starts; null for the base step below every other. */
  readonly value: number | null;
  /** A Grafana colour name (`green`, `orange`, `red`, `dark-red`, ...) or a CSS colour (`#ff0000`). */
  readonly color: string;
}

/** Thresholds of a panel: a step list, or the steps and Grafana's mode. */
export type PanelThresholds =
  readonly ThresholdStep[] | { readonly mode?: 'absolute' | 'percentage'; readonly steps: readonly ThresholdStep[] };

/**
 * The steps that colour a panel exactly where the alerts fire.
 *
 * For `above`, values at or past a level take its severity's colour and values below every level are healthy.
 * For `below`, values under the lowest level take its colour, each level starts the next (less severe)
 * colour, and values at or above the highest level are healthy. Grafana colours a value that equals a step's
 * value with that step; the alert compares strictly (`>`/`<`), so the two agree everywhere except exactly on an
 * `above` level, where the panel is already coloured and the alert has not fired yet.
 */
export function levelSteps(levels: readonly ThresholdLevel[], direction: 'above' | 'below'): ThresholdStep[] {
  const sorted = [...levels].sort((a, b) => a.value - b.value);
  if (direction === 'above') {
    return [
      { value: null, color: HEALTHY_COLOR },
      ...sorted.map((l) => ({ value: l.value, color: severityColor(l.severity) })),
    ];
  }
  if (sorted.length === 0) return [{ value: null, color: HEALTHY_COLOR }];
  const steps: ThresholdStep[] = [{ value: null, color: severityColor(sorted[0].severity) }];
  for (let i = 0; i < sorted.length; i++) {
    const next = sorted[i + 1];
    steps.push({ value: sorted[i].value, color: next ? severityColor(next.severity) : HEALTHY_COLOR });
  }
  return steps;
}

/** Grafana's thresholds object for a panel; a list without a base step gets a green one. */
export function toThresholdsConfig(t: PanelThresholds): GrafanaThresholdsConfig {
  const isList = (x: PanelThresholds): x is readonly ThresholdStep[] => Array.isArray(x);
  const steps = isList(t) ? t : t.steps;
  const mode = isList(t) ? 'absolute' : (t.mode ?? 'absolute');
  const withBase =
    steps.length > 0 && steps[0].value === null ? steps : [{ value: null, color: HEALTHY_COLOR }, ...steps];
  return { mode, steps: withBase.map((s) => ({ color: s.color, value: s.value })) };
}
