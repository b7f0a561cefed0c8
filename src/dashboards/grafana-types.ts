/**
 * The Grafana JSON this module emits, typed with @grafana/schema's own types.
 *
 * @grafana/schema declares its string choices as TypeScript enums (`FieldColorModeId.Thresholds`); `Plain<T>`
 * turns each string enum into the union of its values (`'thresholds' | 'palette-classic' | ...`), so the JSON
 * can be written with string literals and still be checked against Grafana's types. Numeric enums
 * (VariableRefresh, VariableHide, VariableSort) stay as they are: number literals are assignable to them.
 *
 * Where @grafana/schema (Grafana 13) requires fields that older Grafana releases refuse (gauge's `barShape`,
 * `effects`, ...), the option types below pick the fields every supported release accepts.
 */
import type {
  AnnotationQuery,
  Dashboard,
  DashboardLink,
  DataQuery,
  DataSourceRef,
  FieldColorModeId,
  FieldConfig,
  FieldConfigSource,
  GraphFieldConfig,
  GridPos,
  Panel,
  RowPanel,
  Threshold,
  ThresholdsConfig,
  VariableModel,
  VariableOption,
} from '@grafana/schema';
import type { Options as BarGaugeOptions } from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type { Options as GaugeOptions } from '@grafana/schema/dist/esm/raw/composable/gauge/panelcfg/x/GaugePanelCfg_types.gen';
import type {
  FieldConfig as HeatmapFieldConfig,
  Options as HeatmapOptions,
} from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type { Options as StatOptions } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type {
  FieldConfig as TableFieldConfig,
  Options as TableOptions,
} from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import type { Options as TextOptions } from '@grafana/schema/dist/esm/raw/composable/text/panelcfg/x/TextPanelCfg_types.gen';
import type { Options as TimeSeriesOptions } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/** A @grafana/schema type with its string enums replaced by their values, recursively. */
export type Plain<T> = T extends string
  ? `${T}`
  : T extends number | boolean | null | undefined
    ? T
    : T extends ReadonlyArray<infer U>
      ? Array<Plain<U>>
      : T extends object
        ? { [K in keyof T]: Plain<T[K]> }
        : T;

/** The classic dashboard model (Grafana's import format), as @grafana/schema types it. */
export type GrafanaDashboard = Plain<Dashboard>;
/** A visualization panel in the dashboard JSON. */
export type GrafanaPanel = Plain<Panel>;
/** A row in the dashboard JSON. */
export type GrafanaRowPanel = Plain<RowPanel>;
export type GrafanaGridPos = Plain<GridPos>;
export type GrafanaFieldConfig = Plain<FieldConfig>;
export type GrafanaFieldConfigSource = Plain<FieldConfigSource>;
export type GrafanaThresholdsConfig = Plain<ThresholdsConfig>;
export type GrafanaThreshold = Plain<Threshold>;
export type GrafanaColorMode = `${FieldColorModeId}`;
/** A template variable; `definition` is the query text Grafana's editor shows (not in @grafana/schema's type). */
export type GrafanaVariable = Plain<VariableModel> & { definition?: string };
export type GrafanaVariableOption = Plain<VariableOption>;
export type GrafanaLink = Plain<DashboardLink>;
export type GrafanaDataSourceRef = Plain<DataSourceRef>;

/**
 * A Prometheus query target: @grafana/schema's DataQuery plus the Prometheus datasource's fields
 * (the Prometheus plugin's own query type is not part of @grafana/schema).
 */
export interface PrometheusTarget extends Plain<DataQuery> {
  expr: string;
  legendFormat?: string;
  /** Returns only the latest value at the end of the range. */
  instant?: boolean;
  /** Returns the series over the whole range. */
  range?: boolean;
  format?: 'time_series' | 'table' | 'heatmap';
  editorMode?: 'code' | 'builder';
  interval?: string;
  exemplar?: boolean;
}

/** An annotation query on the Prometheus datasource (its `expr`, `titleFormat`, ... fields). */
export interface PrometheusAnnotationQuery extends Plain<Omit<AnnotationQuery, 'target'>> {
  expr?: string;
  step?: string;
  titleFormat?: string;
  textFormat?: string;
  tagKeys?: string;
  useValueForTime?: boolean;
}

/** Options of each panel kind this module renders, limited to the fields Grafana 10 to 13 all accept. */
export interface PanelOptionsByKind {
  timeseries: Plain<Pick<TimeSeriesOptions, 'legend' | 'tooltip'>>;
  stat: Plain<
    Pick<
      StatOptions,
      | 'reduceOptions'
      | 'orientation'
      | 'text'
      | 'colorMode'
      | 'graphMode'
      | 'justifyMode'
      | 'textMode'
      | 'wideLayout'
      | 'showPercentChange'
      | 'percentChangeColorMode'
    >
  >;
  gauge: Plain<
    Pick<
      GaugeOptions,
      | 'reduceOptions'
      | 'orientation'
      | 'text'
      | 'showThresholdLabels'
      | 'showThresholdMarkers'
      | 'sizing'
      | 'minVizWidth'
      | 'minVizHeight'
    >
  >;
  bargauge: Plain<
    Pick<
      BarGaugeOptions,
      | 'reduceOptions'
      | 'orientation'
      | 'text'
      | 'displayMode'
      | 'valueMode'
      | 'namePlacement'
      | 'showUnfilled'
      | 'sizing'
      | 'minVizWidth'
      | 'minVizHeight'
      | 'maxVizHeight'
    > & { legend: Plain<Omit<BarGaugeOptions['legend'], 'overflow' | 'limit'>> }
  >;
  heatmap: Plain<
    Pick<
      HeatmapOptions,
      'calculate' | 'cellGap' | 'color' | 'exemplars' | 'filterValues' | 'rowsFrame' | 'showValue' | 'tooltip' | 'yAxis'
    > & { legend: Pick<HeatmapOptions['legend'], 'show'> }
  >;
  table: Plain<Pick<TableOptions, 'showHeader' | 'frameIndex' | 'cellHeight' | 'showTypeIcons' | 'sortBy'>>;
  text: Plain<Pick<TextOptions, 'mode' | 'content'>>;
}

/** The `fieldConfig.defaults.custom` of each panel kind. */
export interface PanelCustomFieldConfigByKind {
  timeseries: Plain<GraphFieldConfig>;
  stat: Record<string, never>;
  gauge: Record<string, never>;
  bargauge: Record<string, never>;
  heatmap: Plain<HeatmapFieldConfig>;
  table: Plain<Partial<TableFieldConfig>>;
  text: Record<string, never>;
}

/** The panel kinds (Grafana plugin ids) this module renders. */
export type PanelKind = keyof PanelOptionsByKind;

export const PANEL_KINDS: readonly PanelKind[] = [
  'timeseries',
  'stat',
  'gauge',
  'bargauge',
  'heatmap',
  'table',
  'text',
];
