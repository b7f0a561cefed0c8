/**
 * Template variables: the Prometheus datasource variable every query uses, and query (`label_values(...)`),
 * custom, constant, interval and textbox variables. Plain data, rendered to Grafana's VariableModel.
 */
import type { GrafanaDataSourceRef, GrafanaVariable, GrafanaVariableOption } from './grafana-types';

/** The datasource variable (`$datasource`): lets a viewer pick which Prometheus the dashboard reads. */
export interface DatasourceVariableProps {
  /** Variable name; queries use `${name}`. @default 'datasource' */
  readonly name?: string;
  /** Label shown in the variable bar. @default 'Data source' */
  readonly label?: string;
  /** Only datasources whose name matches this regex. @default all Prometheus datasources */
  readonly regex?: string;
  /** The datasource selected by default (its name). @default Grafana's default Prometheus datasource */
  readonly default?: string;
}

/** The fields every variable has. */
export interface VariableBase {
  /** Name; referenced as `$name` or `${name}`. Letters, digits and `_`, not starting with `__`. */
  readonly name: string;
  /** Label in the variable bar. @default the name */
  readonly label?: string;
  /** Shown as the variable's tooltip. @default none */
  readonly description?: string;
  /** Hide the label, or the whole variable. @default 'none' (constants: 'variable') */
  readonly hide?: 'none' | 'label' | 'variable';
}

/** A variable whose values come from Prometheus: `label_values(rlm_requests, endpoint)`, `query_result(...)`. */
export interface QueryVariableSpec extends VariableBase {
  readonly type: 'query';
  /**
   * The Prometheus variable query: `label_names()`, `label_values(label)`, `label_values(selector, label)`,
   * `metrics(regex)` or `query_result(expr)`. Selectors and expressions are checked as PromQL.
   */
  readonly query: string;
  /** Keep only values matching this regex (a capture group picks part of the value). @default none */
  readonly regex?: string;
  /** Allow selecting several values. @default false */
  readonly multi?: boolean;
  /** Offer an "All" option. @default false */
  readonly includeAll?: boolean;
  /** The value of "All", e.g. `.*`. @default Grafana's: every value, joined */
  readonly allValue?: string;
  /** Order of values. @default 'alphabetical' */
  readonly sort?: 'none' | 'alphabetical' | 'alphabetical-desc' | 'numerical' | 'numerical-desc' | 'natural';
  /** When to query the values again. @default 'time-range' */
  readonly refresh?: 'load' | 'time-range';
}

/** A variable with a fixed list of values. */
export interface CustomVariableSpec extends VariableBase {
  readonly type: 'custom';
  /** The values, in order. At least one. */
  readonly values: readonly string[];
  /** The value selected by default. @default the first */
  readonly default?: string;
  /** @default false */
  readonly multi?: boolean;
  /** @default false */
  readonly includeAll?: boolean;
}

/** A hidden constant, e.g. a selector shared by every query. */
export interface ConstantVariableSpec extends VariableBase {
  readonly type: 'constant';
  readonly value: string;
}

/** A choice of durations, e.g. for `rate(x[$window])`. */
export interface IntervalVariableSpec extends VariableBase {
  readonly type: 'interval';
  /** Durations such as `1m`, `5m`, `1h`. At least one. */
  readonly values: readonly string[];
  /** @default the first */
  readonly default?: string;
}

/** A free text box. */
export interface TextboxVariableSpec extends VariableBase {
  readonly type: 'textbox';
  /** @default '' */
  readonly default?: string;
}

/** Any template variable besides the datasource variable. */
export type VariableSpec =
  QueryVariableSpec | CustomVariableSpec | ConstantVariableSpec | IntervalVariableSpec | TextboxVariableSpec;

const HIDE = { none: 0, label: 1, variable: 2 } as const;
const SORT = {
  none: 0,
  alphabetical: 1,
  'alphabetical-desc': 2,
  numerical: 3,
  'numerical-desc': 4,
  natural: 7,
} as const;

const option = (v: string, selected = false): GrafanaVariableOption => ({ selected, text: v, value: v });

/** The datasource variable's JSON. */
export function renderDatasourceVariable(p: DatasourceVariableProps): GrafanaVariable {
  return {
    type: 'datasource',
    name: p.name ?? 'datasource',
    label: p.label ?? 'Data source',
    query: 'prometheus',
    ...(p.regex ? { regex: p.regex } : {}),
    ...(p.default ? { current: option(p.default, true) } : {}),
    hide: 0,
    refresh: 1,
    options: [],
    includeAll: false,
    multi: false,
    skipUrlSync: false,
  };
}

/** A variable's JSON; query variables read from `datasource`. */
export function renderVariable(v: VariableSpec, datasource: GrafanaDataSourceRef): GrafanaVariable {
  const base = { name: v.name, label: v.label ?? v.name, ...(v.description ? { description: v.description } : {}) };
  switch (v.type) {
    case 'query':
      return {
        ...base,
        type: 'query',
        datasource,
        query: v.query,
        definition: v.query,
        regex: v.regex ?? '',
        refresh: v.refresh === 'load' ? 1 : 2,
        sort: SORT[v.sort ?? 'alphabetical'],
        hide: HIDE[v.hide ?? 'none'],
        multi: v.multi ?? false,
        includeAll: v.includeAll ?? false,
        ...(v.allValue !== undefined ? { allValue: v.allValue } : {}),
        options: [],
        skipUrlSync: false,
      };
    case 'custom': {
      const current = v.default ?? v.values[0];
      return {
        ...base,
        type: 'custom',
        query: v.values.map((x) => x.replace(/,/g, '\\,')).join(','),
        hide: HIDE[v.hide ?? 'none'],
        multi: v.multi ?? false,
        includeAll: v.includeAll ?? false,
        current: option(current, true),
        options: v.values.map((x) => option(x, x === current)),
        skipUrlSync: false,
      };
    }
    case 'constant':
      return {
        ...base,
        type: 'constant',
        query: v.value,
        hide: HIDE[v.hide ?? 'variable'],
        current: option(v.value, true),
        options: [option(v.value, true)],
        skipUrlSync: true,
      };
    case 'interval': {
      const current = v.default ?? v.values[0];
      return {
        ...base,
        type: 'interval',
        query: v.values.join(','),
        hide: HIDE[v.hide ?? 'none'],
        refresh: 2,
        current: option(current, true),
        options: v.values.map((x) => option(x, x === current)),
        skipUrlSync: false,
      };
    }
    case 'textbox': {
      const current = v.default ?? '';
      return {
        ...base,
        type: 'textbox',
        query: current,
        hide: HIDE[v.hide ?? 'none'],
        current: option(current, true),
        options: [option(current, true)],
        skipUrlSync: false,
      };
    }
  }
}

/** The value a variable has when a query is checked: its default, or nothing known (query and textbox). */
export function sampleValue(v: VariableSpec): string | undefined {
  switch (v.type) {
    case 'custom':
    case 'interval':
      return v.default ?? v.values[0];
    case 'constant':
      return v.value;
    default:
      return undefined;
  }
}

/**
 * The PromQL inside a Prometheus variable query, to check: the selector of `label_values(selector, label)` and
 * `label_names(selector)`, the expression of `query_result(expr)`. `undefined` when the query has none;
 * `null` when the query is none of the forms Grafana's Prometheus datasource understands.
 */
export function promqlOfVariableQuery(query: string): string | undefined | null {
  const q = query.trim();
  let m = /^label_names\(\s*(.*?)\s*\)$/s.exec(q);
  if (m) return m[1] === '' ? undefined : m[1];
  m = /^label_values\(\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/.exec(q);
  if (m) return undefined;
  m = /^label_values\(\s*(.+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(q);
  if (m) return m[1];
  m = /^metrics\(\s*(.*?)\s*\)$/s.exec(q);
  if (m) return undefined;
  m = /^query_result\(\s*(.+)\s*\)$/s.exec(q);
  if (m) return m[1];
  return null;
}
