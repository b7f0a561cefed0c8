/**
 * Panels as plain data: what a panel shows (kind, title, queries, unit, thresholds), not how Grafana stores
 * it. Anything that can describe a panel with these fields (an SLO, a ThresholdMetric) can be added to a
 * dashboard; rendering to Grafana's JSON happens at synthesis (render-panel.ts).
 */
import type {
  GrafanaColorMode,
  GrafanaFieldConfigSource,
  PanelCustomFieldConfigByKind,
  PanelKind,
  PanelOptionsByKind,
} from './grafana-types';
import type { PanelThresholds } from './threshold-steps';
import type { GrafanaUnit } from './units';

export type { PanelKind } from './grafana-types';

/** One PromQL query of a panel. */
export interface PanelQuery {
  /**
   * The PromQL expression. It may use template variables (`$service`, `${service}`) and Grafana's interval
   * variables (`[$__rate_interval]`); it is checked as Prometheus will receive it, with sample values for them.
   */
  readonly expr: string;
  /** Legend format, e.g. `{{endpoint}}`. @default none: Grafana shows the series' labels */
  readonly legend?: string;
  /**
   * Ask for the latest value only.
   * @default true for table panels, false otherwise
   */
  readonly instant?: boolean;
  /** Grafana's query id. @default 'A', 'B', ... by position */
  readonly refId?: string;
  /** Lower limit of the query step, e.g. `1m`. @default Grafana's automatic step */
  readonly interval?: string;
  /**
   * How Grafana reads the result.
   * @default 'heatmap' in heatmap panels, 'table' in table panels, 'time_series' otherwise
   */
  readonly format?: 'time_series' | 'table' | 'heatmap';
  /** Run the query but do not show it. @default false */
  readonly hide?: boolean;
}

/** A link shown in the panel's header: a runbook, a related dashboard. */
export interface PanelLink {
  readonly title: string;
  readonly url: string;
  /** Open in a new tab. @default true */
  readonly targetBlank?: boolean;
}

/** Where a panel sits on the 24-column grid; `y` counts from the top of its section (dashboard or row). */
export interface PanelPosition {
  readonly x: number;
  readonly y: number;
  /** Width in columns (1-24). @default the kind's width */
  readonly w?: number;
  /** Height in grid rows of 30 px. @default the kind's height */
  readonly h?: number;
}

/** The fields every panel kind has. */
export interface PanelSpecBase<K extends PanelKind> {
  /** The visualization: timeseries, stat, gauge, bargauge, heatmap, table or text. */
  readonly kind: K;
  /** The panel's title; names the panel in error messages too. */
  readonly title: string;
  /** Shown in the panel's info tooltip. @default none */
  readonly description?: string;
  /** The queries; a string is a query without a legend. At least one, except for text panels. @default [] */
  readonly queries?: ReadonlyArray<PanelQuery | string>;
  /** Grafana unit id (`percentunit`, `s`, `ms`, `reqps`, `bytes`, ...) or a custom unit (`suffix: tasks`). @default none */
  readonly unit?: GrafanaUnit | (string & {});
  /** Decimals shown. @default automatic */
  readonly decimals?: number;
  /** Lowest value of the scale (gauges, bar gauges, axes). @default automatic */
  readonly min?: number;
  /** Highest value of the scale. @default automatic */
  readonly max?: number;
  /** Threshold steps: colours from each value upwards. @default a single green base step */
  readonly thresholds?: PanelThresholds;
  /**
   * How series are coloured.
   * @default 'thresholds' for stat, gauge and bargauge; 'palette-classic' otherwise
   */
  readonly colorMode?: GrafanaColorMode;
  /** The colour of `colorMode: 'fixed'` or `'shades'`. @default none */
  readonly fixedColor?: string;
  /**
   * How a timeseries panel draws its thresholds.
   * @default 'dashed' when the panel has thresholds beyond the base step, 'off' otherwise
   */
  readonly thresholdsStyle?: 'off' | 'line' | 'dashed' | 'area' | 'line+area' | 'dashed+area';
  /** Links in the panel header. @default [] */
  readonly links?: readonly PanelLink[];
  /** Width in columns (1-24). @default the kind's width (DEFAULT_PANEL_SIZES) */
  readonly width?: number;
  /** Height in grid rows. @default the kind's height */
  readonly height?: number;
  /** An explicit position; the layout places the other panels around it. @default automatic */
  readonly position?: PanelPosition;
  /** Options of the visualization, merged over the defaults (top-level keys replace). @default {} */
  readonly options?: Partial<PanelOptionsByKind[K]>;
  /** `fieldConfig.defaults.custom`, merged over the defaults. @default {} */
  readonly custom?: Partial<PanelCustomFieldConfigByKind[K]>;
  /** Field overrides, as Grafana stores them. @default [] */
  readonly overrides?: GrafanaFieldConfigSource['overrides'];
  /** Minimum query step of the panel, e.g. `1m`. @default automatic */
  readonly interval?: string;
  /** Markdown shown by a text panel (required there, not allowed elsewhere). */
  readonly content?: string;
}

/** A panel of any kind, as plain data. */
export type PanelSpec = { [K in PanelKind]: PanelSpecBase<K> }[PanelKind];

/** Something that contributes panels when the dashboard is rendered (an SLO, a service's declarations). */
export interface IPanelSource {
  /** The panels, computed at synthesis so later changes still land. */
  panels(): PanelSpec[];
}

/** Width and height of each kind when the spec does not say. */
export const DEFAULT_PANEL_SIZES: Readonly<Record<PanelKind, { readonly w: number; readonly h: number }>> = {
  timeseries: { w: 12, h: 8 },
  stat: { w: 6, h: 4 },
  gauge: { w: 6, h: 6 },
  bargauge: { w: 12, h: 8 },
  heatmap: { w: 12, h: 8 },
  table: { w: 24, h: 8 },
  text: { w: 24, h: 3 },
};

/** Whether `x` is an IPanelSource. */
export function isPanelSource(x: unknown): x is IPanelSource {
  return typeof x === 'object' && x !== null && typeof (x as Partial<IPanelSource>).panels === 'function';
}

/** The queries of a spec with string shorthands expanded. */
export function specQueries(spec: PanelSpec): PanelQuery[] {
  return (spec.queries ?? []).map((q) => (typeof q === 'string' ? { expr: q } : q));
}

/** Grafana's query ids: A..Z, then AA, AB, ... */
export function refIdAt(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(65 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}
