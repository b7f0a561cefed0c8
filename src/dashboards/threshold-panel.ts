/**
 * A ThresholdMetric as a panel: its expression, its unit, and its alert levels as the panel's thresholds.
 * The numbers come from `metric.levels`, the same list its alerts are rendered from, so a level changed once
 * moves the alert and the panel's line together.
 */
import { UNITS, ThresholdMetric } from '../thresholds';
import type { PanelKind, PanelPosition, PanelSpec } from './panel';
import { levelSteps } from './threshold-steps';

/** How a ThresholdMetric is shown. */
export interface ThresholdPanelOptions {
  /** The visualization. @default 'timeseries' */
  readonly kind?: Extract<PanelKind, 'timeseries' | 'stat' | 'gauge' | 'bargauge'>;
  /** @default the metric's description, without its alert-template actions (`{{ $labels.connector }}`) */
  readonly title?: string;
  /** Legend format of the query. @default none */
  readonly legend?: string;
  /** @default the kind's width */
  readonly width?: number;
  /** @default the kind's height */
  readonly height?: number;
  /** @default automatic */
  readonly position?: PanelPosition;
}

/** The panel of a ThresholdMetric: thresholds at its levels, in its unit, linking to its alert's runbook. */
export function thresholdMetricPanel(metric: ThresholdMetric, options: ThresholdPanelOptions = {}): PanelSpec {
  const p = metric.props;
  const unit = UNITS[p.unit];
  const word = p.direction === 'above' ? 'above' : 'below';
  const levels = metric.levels.map((l) => `${l.severity} ${word} ${unit.format(l.value)}`).join(', ');
  const target =
    p.target === undefined
      ? ''
      : ` Target: ${typeof p.target === 'number' ? unit.format(p.target) : `${unit.format(p.target.min)}–${unit.format(p.target.max)}`}.`;
  const kind = options.kind ?? 'timeseries';
  // Gauges need a scale; bounded units have one.
  const range = kind === 'gauge' || kind === 'bargauge' ? unit.range : undefined;
  const runbooks = [
    ...new Set(
      metric
        .rules()
        .map((r) => r.props.annotations?.runbook_url)
        .filter((u): u is string => !!u),
    ),
  ];
  return {
    kind,
    // An alert-template action names one series; on a panel Grafana would read `$labels` as a variable.
    title: options.title ?? p.description.replace(/\s*\{\{.*?\}\}/g, '').trim(),
    description: `Alert ${metric.alertName}: ${levels}.${target}`,
    queries: [{ expr: p.metric, ...(options.legend !== undefined ? { legend: options.legend } : {}) }],
    unit: unit.grafana,
    thresholds: levelSteps(metric.levels, p.direction),
    ...(range ? { min: range[0], max: range[1] } : {}),
    links: runbooks.map((url) => ({ title: `Runbook: ${metric.alertName}`, url })),
    ...(options.width !== undefined ? { width: options.width } : {}),
    ...(options.height !== undefined ? { height: options.height } : {}),
    ...(options.position ? { position: options.position } : {}),
  };
}
