/**
 * PanelSpec -> Grafana panel JSON. Pure: the same spec, id and position always give the same JSON.
 */
import type {
  GrafanaColorMode,
  GrafanaDataSourceRef,
  GrafanaFieldConfig,
  GrafanaGridPos,
  GrafanaLink,
  GrafanaPanel,
  PanelCustomFieldConfigByKind,
  PanelKind,
  PanelOptionsByKind,
  PrometheusTarget,
} from './grafana-types';
import { PanelLink, PanelSpec, refIdAt, specQueries } from './panel';
import { toThresholdsConfig } from './threshold-steps';

/** Where and as what a panel is rendered. */
export interface RenderPanelContext {
  readonly id: number;
  readonly gridPos: GrafanaGridPos;
  /** The datasource every query uses: the dashboard's datasource variable. */
  readonly datasource: GrafanaDataSourceRef;
}

const REDUCE = { calcs: ['lastNotNull'], fields: '', values: false };

/** Default options of each kind: every field Grafana's panel schema requires, set as Grafana's editor sets it. */
const DEFAULT_OPTIONS: { readonly [K in PanelKind]: (spec: PanelSpec) => PanelOptionsByKind[K] } = {
  timeseries: () => ({
    legend: { displayMode: 'list', placement: 'bottom', showLegend: true, calcs: [] },
    tooltip: { mode: 'multi', sort: 'desc' },
  }),
  stat: () => ({
    reduceOptions: REDUCE,
    orientation: 'auto',
    textMode: 'auto',
    colorMode: 'value',
    graphMode: 'area',
    justifyMode: 'auto',
    wideLayout: true,
    showPercentChange: false,
    percentChangeColorMode: 'standard',
  }),
  gauge: () => ({
    reduceOptions: REDUCE,
    orientation: 'auto',
    showThresholdLabels: false,
    showThresholdMarkers: true,
    sizing: 'auto',
    minVizWidth: 75,
    minVizHeight: 75,
  }),
  bargauge: () => ({
    reduceOptions: REDUCE,
    orientation: 'horizontal',
    displayMode: 'gradient',
    valueMode: 'color',
    namePlacement: 'auto',
    showUnfilled: true,
    sizing: 'auto',
    minVizWidth: 8,
    minVizHeight: 16,
    maxVizHeight: 300,
    legend: { displayMode: 'list', placement: 'bottom', showLegend: false, calcs: [] },
  }),
  heatmap: (spec) => ({
    calculate: false,
    cellGap: 1,
    color: {
      mode: 'scheme',
      scheme: 'Oranges',
      fill: 'dark-orange',
      scale: 'exponential',
      exponent: 0.5,
      steps: 64,
      reverse: false,
    },
    exemplars: { color: 'rgba(255,0,255,0.7)' },
    filterValues: { le: 1e-9 },
    legend: { show: true },
    rowsFrame: { layout: 'auto' },
    showValue: 'never',
    tooltip: { mode: 'single', yHistogram: false },
    yAxis: {
      axisPlacement: 'left',
      reverse: false,
      ...(spec.unit ? { unit: spec.unit } : {}),
      ...(spec.decimals !== undefined ? { decimals: spec.decimals } : {}),
    },
  }),
  table: () => ({ showHeader: true, frameIndex: 0, cellHeight: 'sm' }),
  text: (spec) => ({ mode: 'markdown', content: spec.content ?? '' }),
};

/** Default `fieldConfig.defaults.custom` of each kind. */
const DEFAULT_CUSTOM: { readonly [K in PanelKind]: (spec: PanelSpec) => PanelCustomFieldConfigByKind[K] | undefined } =
  {
    timeseries: (spec) => ({
      drawStyle: 'line',
      lineInterpolation: 'linear',
      lineWidth: 1,
      fillOpacity: 10,
      gradientMode: 'none',
      showPoints: 'never',
      pointSize: 5,
      spanNulls: false,
      axisPlacement: 'auto',
      stacking: { mode: 'none', group: 'A' },
      hideFrom: { legend: false, tooltip: false, viz: false },
      thresholdsStyle: { mode: spec.thresholdsStyle ?? (hasLevels(spec) ? 'dashed' : 'off') },
    }),
    stat: () => undefined,
    gauge: () => undefined,
    bargauge: () => undefined,
    heatmap: () => ({ hideFrom: { legend: false, tooltip: false, viz: false }, scaleDistribution: { type: 'linear' } }),
    // No cellOptions: Grafana defaults to auto cells, and older panel schemas cannot tell `{ type: 'auto' }` apart.
    table: () => ({ align: 'auto', inspect: false }),
    text: () => undefined,
  };

const THRESHOLD_COLORED: ReadonlySet<PanelKind> = new Set(['stat', 'gauge', 'bargauge']);

/** The Grafana JSON of one panel. */
export function renderPanel(spec: PanelSpec, ctx: RenderPanelContext): GrafanaPanel {
  const base = {
    id: ctx.id,
    type: spec.kind,
    title: spec.title,
    ...(spec.description ? { description: spec.description } : {}),
    gridPos: ctx.gridPos,
  };
  const links = (spec.links ?? []).map(renderPanelLink);
  const options = { ...DEFAULT_OPTIONS[spec.kind](spec), ...(spec.options ?? {}) } as Record<string, unknown>;
  if (spec.kind === 'text') {
    return { ...base, ...(links.length ? { links } : {}), options, fieldConfig: { defaults: {}, overrides: [] } };
  }
  const queries = specQueries(spec);
  const refIds = assignRefIds(queries.map((q) => q.refId));
  const targets = queries.map((q, i): PrometheusTarget => ({
    refId: refIds[i],
    datasource: ctx.datasource,
    editorMode: 'code',
    expr: q.expr,
    ...(q.legend !== undefined
      ? { legendFormat: q.legend }
      : spec.kind === 'heatmap'
        ? { legendFormat: '{{le}}' }
        : {}),
    ...((q.instant ?? spec.kind === 'table') ? { instant: true, range: false } : { instant: false, range: true }),
    format: q.format ?? (spec.kind === 'heatmap' ? 'heatmap' : spec.kind === 'table' ? 'table' : 'time_series'),
    ...(q.interval ? { interval: q.interval } : {}),
    ...(q.hide ? { hide: true } : {}),
  }));
  return {
    ...base,
    datasource: ctx.datasource,
    ...(spec.interval ? { interval: spec.interval } : {}),
    ...(links.length ? { links } : {}),
    targets: targets as unknown as Array<Record<string, unknown>>,
    fieldConfig: { defaults: fieldDefaults(spec), overrides: [...(spec.overrides ?? [])] },
    options,
  };
}

/** Given refIds where set, the others: A, B, ... skipping those taken. */
export function assignRefIds(given: ReadonlyArray<string | undefined>): string[] {
  const taken = new Set(given.filter((r): r is string => r !== undefined));
  let n = 0;
  return given.map((r) => {
    if (r !== undefined) return r;
    while (taken.has(refIdAt(n))) n++;
    const id = refIdAt(n++);
    taken.add(id);
    return id;
  });
}

function fieldDefaults(spec: PanelSpec): GrafanaFieldConfig {
  const mode: GrafanaColorMode =
    spec.colorMode ?? (THRESHOLD_COLORED.has(spec.kind) ? 'thresholds' : 'palette-classic');
  const custom = DEFAULT_CUSTOM[spec.kind](spec);
  return {
    ...(spec.unit !== undefined ? { unit: spec.unit } : {}),
    ...(spec.decimals !== undefined ? { decimals: spec.decimals } : {}),
    ...(spec.min !== undefined ? { min: spec.min } : {}),
    ...(spec.max !== undefined ? { max: spec.max } : {}),
    color: { mode, ...(spec.fixedColor ? { fixedColor: spec.fixedColor } : {}) },
    thresholds: toThresholdsConfig(spec.thresholds ?? []),
    mappings: [],
    ...(custom || spec.custom ? { custom: { ...(custom ?? {}), ...(spec.custom ?? {}) } } : {}),
  };
}

function hasLevels(spec: PanelSpec): boolean {
  return toThresholdsConfig(spec.thresholds ?? []).steps.length > 1;
}

/** A panel link in the shape of Grafana's DashboardLink (every field its schema requires). */
export function renderPanelLink(l: PanelLink): GrafanaLink {
  return {
    title: l.title,
    type: 'link',
    url: l.url,
    icon: 'external link',
    tooltip: '',
    tags: [],
    asDropdown: false,
    targetBlank: l.targetBlank ?? true,
    includeVars: false,
    keepTime: false,
  };
}
