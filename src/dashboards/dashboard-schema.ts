/**
 * The JSON Schema this package checks every dashboard against at synthesis, kept by hand.
 *
 * It describes the part of Grafana's classic dashboard model watchkeeper writes, as strictly as Grafana's own
 * schemas (unknown keys refused, grid bounds, threshold steps, the options each panel kind requires), so a
 * dashboard broken through escape hatches (`options`, `custom`, `overrides`) fails synth rather than
 * Grafana's import. The tests check that it rejects what Grafana's published schemas reject.
 */
import { PANEL_KINDS } from './grafana-types';
import { MAX_UID_LENGTH } from './uid';

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const num = { type: 'number' } as const;
const int = { type: 'integer' } as const;
const strings = { type: 'array', items: str } as const;

/** Options each panel kind must set (what Grafana's panel schemas require). */
export const REQUIRED_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  timeseries: ['legend', 'tooltip'],
  stat: [
    'reduceOptions',
    'orientation',
    'graphMode',
    'colorMode',
    'justifyMode',
    'textMode',
    'wideLayout',
    'showPercentChange',
    'percentChangeColorMode',
  ],
  gauge: [
    'reduceOptions',
    'orientation',
    'showThresholdLabels',
    'showThresholdMarkers',
    'sizing',
    'minVizWidth',
    'minVizHeight',
  ],
  bargauge: [
    'reduceOptions',
    'orientation',
    'displayMode',
    'valueMode',
    'namePlacement',
    'showUnfilled',
    'sizing',
    'minVizWidth',
    'minVizHeight',
    'maxVizHeight',
    'legend',
  ],
  heatmap: ['color', 'showValue', 'yAxis', 'legend', 'tooltip', 'exemplars'],
  table: ['frameIndex', 'showHeader'],
  text: ['mode', 'content'],
};

const legend = {
  type: 'object',
  required: ['displayMode', 'placement', 'showLegend', 'calcs'],
  additionalProperties: false,
  properties: {
    displayMode: { enum: ['list', 'table', 'hidden'] },
    placement: { enum: ['bottom', 'right'] },
    showLegend: bool,
    calcs: strings,
    asTable: bool,
    isVisible: bool,
    sortBy: str,
    sortDesc: bool,
    width: num,
  },
} as const;

const reduceOptions = {
  type: 'object',
  required: ['calcs'],
  additionalProperties: false,
  properties: { calcs: strings, fields: str, values: bool, limit: num },
} as const;

/** Per-kind checks of `options` beyond the required keys. */
const OPTION_PROPERTIES: Readonly<Record<string, Record<string, unknown>>> = {
  timeseries: {
    legend,
    tooltip: {
      type: 'object',
      required: ['mode', 'sort'],
      properties: { mode: { enum: ['single', 'multi', 'none'] }, sort: { enum: ['asc', 'desc', 'none'] } },
    },
  },
  stat: {
    reduceOptions,
    orientation: { enum: ['auto', 'vertical', 'horizontal'] },
    graphMode: { enum: ['none', 'line', 'area'] },
    colorMode: { enum: ['value', 'background', 'background_solid', 'none'] },
    textMode: { enum: ['auto', 'value', 'value_and_name', 'name', 'none'] },
  },
  gauge: {
    reduceOptions,
    orientation: { enum: ['auto', 'vertical', 'horizontal'] },
    sizing: { enum: ['auto', 'manual'] },
    minVizWidth: int,
    minVizHeight: int,
  },
  bargauge: {
    reduceOptions,
    legend,
    orientation: { enum: ['auto', 'vertical', 'horizontal'] },
    displayMode: { enum: ['basic', 'lcd', 'gradient'] },
    valueMode: { enum: ['color', 'text', 'hidden'] },
    namePlacement: { enum: ['auto', 'top', 'left', 'hidden'] },
    sizing: { enum: ['auto', 'manual'] },
    minVizWidth: int,
    minVizHeight: int,
    maxVizHeight: int,
  },
  heatmap: {
    legend: { type: 'object', required: ['show'], additionalProperties: false, properties: { show: bool } },
    showValue: { enum: ['auto', 'never', 'always'] },
    color: {
      type: 'object',
      required: ['scheme', 'fill', 'exponent', 'steps', 'reverse'],
      properties: { steps: { type: 'integer', minimum: 2, maximum: 128 } },
    },
  },
  table: { frameIndex: num, showHeader: bool, cellHeight: { enum: ['sm', 'md', 'lg', 'auto'] } },
  text: { mode: { enum: ['html', 'markdown', 'code'] }, content: str },
};

/** The schema, draft-07, for ajv. */
export const DASHBOARD_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://watchkeeper.dev/schemas/grafana-dashboard.json',
  type: 'object',
  required: ['uid', 'title', 'schemaVersion', 'panels', 'templating', 'annotations', 'time'],
  additionalProperties: false,
  properties: {
    id: { type: 'null' },
    uid: { type: 'string', minLength: 1, maxLength: MAX_UID_LENGTH, pattern: '^[a-zA-Z0-9_-]+$' },
    title: { type: 'string', minLength: 1 },
    description: str,
    tags: strings,
    timezone: str,
    weekStart: str,
    editable: bool,
    graphTooltip: { enum: [0, 1, 2] },
    time: {
      type: 'object',
      required: ['from', 'to'],
      additionalProperties: false,
      properties: { from: { type: 'string', minLength: 1 }, to: { type: 'string', minLength: 1 } },
    },
    timepicker: {
      type: 'object',
      additionalProperties: false,
      properties: { hidden: bool, refresh_intervals: strings, nowDelay: str },
    },
    refresh: str,
    schemaVersion: { type: 'integer', minimum: 1 },
    version: int,
    fiscalYearStartMonth: { type: 'integer', minimum: 0, maximum: 11 },
    liveNow: bool,
    links: { type: 'array', items: { $ref: '#/definitions/link' } },
    panels: {
      type: 'array',
      items: {
        if: { properties: { type: { const: 'row' } }, required: ['type'] },
        then: { $ref: '#/definitions/row' },
        else: { $ref: '#/definitions/panel' },
      },
    },
    templating: {
      type: 'object',
      required: ['list'],
      additionalProperties: false,
      properties: { list: { type: 'array', items: { $ref: '#/definitions/variable' } } },
    },
    annotations: {
      type: 'object',
      required: ['list'],
      additionalProperties: false,
      properties: { list: { type: 'array', items: { $ref: '#/definitions/annotation' } } },
    },
  },
  definitions: {
    gridPos: {
      type: 'object',
      required: ['x', 'y', 'w', 'h'],
      additionalProperties: false,
      properties: {
        x: { type: 'integer', minimum: 0, maximum: 23 },
        y: { type: 'integer', minimum: 0 },
        w: { type: 'integer', minimum: 1, maximum: 24 },
        h: { type: 'integer', minimum: 1 },
        static: bool,
      },
    },
    datasource: {
      type: 'object',
      required: ['type', 'uid'],
      additionalProperties: false,
      properties: { type: { type: 'string', minLength: 1 }, uid: { type: 'string', minLength: 1 } },
    },
    link: {
      type: 'object',
      required: ['title', 'type', 'icon', 'tooltip', 'tags', 'asDropdown', 'targetBlank', 'includeVars', 'keepTime'],
      additionalProperties: false,
      properties: {
        title: { type: 'string', minLength: 1 },
        type: { enum: ['link', 'dashboards'] },
        url: str,
        icon: str,
        tooltip: str,
        tags: strings,
        asDropdown: bool,
        targetBlank: bool,
        includeVars: bool,
        keepTime: bool,
        placement: { enum: ['inControlsMenu'] },
      },
      if: { properties: { type: { const: 'link' } } },
      then: { required: ['url'], properties: { url: { type: 'string', minLength: 1 } } },
    },
    thresholds: {
      type: 'object',
      required: ['mode', 'steps'],
      additionalProperties: false,
      properties: {
        mode: { enum: ['absolute', 'percentage'] },
        steps: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['value', 'color'],
            additionalProperties: false,
            properties: { value: { type: ['number', 'null'] }, color: { type: 'string', minLength: 1 } },
          },
        },
      },
    },
    fieldDefaults: {
      type: 'object',
      additionalProperties: false,
      properties: {
        unit: str,
        decimals: { type: 'number', minimum: 0 },
        min: num,
        max: num,
        displayName: str,
        description: str,
        noValue: str,
        color: {
          type: 'object',
          required: ['mode'],
          additionalProperties: false,
          properties: {
            mode: {
              enum: [
                'thresholds',
                'palette-classic',
                'palette-classic-by-name',
                'continuous-GrYlRd',
                'continuous-RdYlGr',
                'continuous-BlYlRd',
                'continuous-YlRd',
                'continuous-BlPu',
                'continuous-YlBl',
                'continuous-blues',
                'continuous-reds',
                'continuous-greens',
                'continuous-purples',
                'fixed',
                'shades',
              ],
            },
            fixedColor: str,
            seriesBy: { enum: ['min', 'max', 'last'] },
          },
        },
        thresholds: { $ref: '#/definitions/thresholds' },
        mappings: {
          type: 'array',
          items: {
            type: 'object',
            required: ['type', 'options'],
            properties: { type: { enum: ['value', 'range', 'regex', 'special'] }, options: { type: 'object' } },
          },
        },
        links: { type: 'array', items: { $ref: '#/definitions/link' } },
        custom: { type: 'object' },
      },
    },
    target: {
      type: 'object',
      required: ['refId', 'expr', 'datasource'],
      additionalProperties: false,
      properties: {
        refId: { type: 'string', minLength: 1 },
        expr: { type: 'string', minLength: 1 },
        datasource: { $ref: '#/definitions/datasource' },
        legendFormat: str,
        instant: bool,
        range: bool,
        format: { enum: ['time_series', 'table', 'heatmap'] },
        editorMode: { enum: ['code', 'builder'] },
        interval: str,
        hide: bool,
        exemplar: bool,
        intervalFactor: int,
      },
    },
    panel: {
      type: 'object',
      required: ['type', 'id', 'title', 'gridPos', 'options', 'fieldConfig'],
      additionalProperties: false,
      properties: {
        type: { enum: [...PANEL_KINDS] },
        id: { type: 'integer', minimum: 1 },
        title: str,
        description: str,
        gridPos: { $ref: '#/definitions/gridPos' },
        datasource: { $ref: '#/definitions/datasource' },
        targets: { type: 'array', items: { $ref: '#/definitions/target' } },
        fieldConfig: {
          type: 'object',
          required: ['defaults', 'overrides'],
          additionalProperties: false,
          properties: {
            defaults: { $ref: '#/definitions/fieldDefaults' },
            overrides: {
              type: 'array',
              items: {
                type: 'object',
                required: ['matcher', 'properties'],
                additionalProperties: false,
                properties: {
                  matcher: { type: 'object', required: ['id'], properties: { id: str } },
                  properties: { type: 'array', items: { type: 'object', required: ['id'], properties: { id: str } } },
                },
              },
            },
          },
        },
        options: { type: 'object' },
        links: { type: 'array', items: { $ref: '#/definitions/link' } },
        interval: str,
        maxDataPoints: num,
        timeFrom: str,
        timeShift: str,
        transparent: bool,
        repeat: str,
        repeatDirection: { enum: ['h', 'v'] },
        transformations: {
          type: 'array',
          items: { type: 'object', required: ['id', 'options'], properties: { id: str } },
        },
      },
      allOf: Object.entries(REQUIRED_OPTIONS).map(([kind, required]) => ({
        if: { properties: { type: { const: kind } } },
        then: { properties: { options: { type: 'object', required, properties: OPTION_PROPERTIES[kind] ?? {} } } },
      })),
    },
    row: {
      type: 'object',
      required: ['type', 'id', 'title', 'collapsed', 'gridPos', 'panels'],
      additionalProperties: false,
      properties: {
        type: { const: 'row' },
        id: { type: 'integer', minimum: 1 },
        title: str,
        collapsed: bool,
        gridPos: { $ref: '#/definitions/gridPos' },
        panels: { type: 'array', items: { $ref: '#/definitions/panel' } },
        repeat: str,
        datasource: { $ref: '#/definitions/datasource' },
      },
    },
    option: {
      type: 'object',
      required: ['text', 'value'],
      additionalProperties: false,
      properties: {
        selected: bool,
        text: { type: ['string', 'array'], items: str },
        value: { type: ['string', 'array'], items: str },
      },
    },
    variable: {
      type: 'object',
      required: ['type', 'name'],
      additionalProperties: false,
      properties: {
        type: { enum: ['query', 'datasource', 'custom', 'constant', 'interval', 'textbox', 'adhoc'] },
        name: { type: 'string', pattern: '^[a-zA-Z_][a-zA-Z0-9_]*$' },
        label: str,
        description: str,
        hide: { enum: [0, 1, 2, 3] },
        query: str,
        definition: str,
        datasource: { $ref: '#/definitions/datasource' },
        current: { $ref: '#/definitions/option' },
        options: { type: 'array', items: { $ref: '#/definitions/option' } },
        multi: bool,
        includeAll: bool,
        allValue: str,
        regex: str,
        refresh: { enum: [0, 1, 2] },
        sort: { enum: [0, 1, 2, 3, 4, 5, 6, 7, 8] },
        skipUrlSync: bool,
      },
    },
    annotation: {
      type: 'object',
      required: ['name', 'enable', 'iconColor', 'datasource'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1 },
        datasource: { $ref: '#/definitions/datasource' },
        enable: bool,
        hide: bool,
        iconColor: { type: 'string', minLength: 1 },
        builtIn: num,
        type: str,
        target: { type: 'object' },
        expr: { type: 'string', minLength: 1 },
        step: str,
        titleFormat: str,
        textFormat: str,
        tagKeys: str,
        useValueForTime: bool,
      },
    },
  },
} as const;
