/**
 * Checks a dashboard's JSON before it is written: the package's own schema (dashboard-schema.ts), the grid
 * (bounds, overlaps, unique ids), thresholds, units, template variables, and every PromQL query the way
 * Prometheus parses it. Works on the JSON, so it checks what is written, escape hatches included.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Problem, ProblemList } from '../core';
import { checkPromQL } from '../promql';
import { validate as compiledSchema } from './dashboard-schema-validator.generated';
import type { GrafanaDashboard, GrafanaPanel, GrafanaRowPanel, GrafanaVariable } from './grafana-types';
import { GRID_COLUMNS, GridRect, findOverlaps } from './layout';
import { interpolateSamples, isBuiltinVariable, variableReferences } from './template-variables';
import { isGrafanaUnit, suggestUnits } from './units';
import { promqlOfVariableQuery } from './variables';
import type { MetricCatalogue } from './metric-catalogue';
import { queryLabelProblems } from './query-labels';
import { rawCounterProblems, unitOfGrafanaUnit, unitProblem } from './metric-units';

/** Where and against which Prometheus a dashboard is checked. */
export interface CheckDashboardOptions {
  /** Construct path or file name, for messages. */
  readonly where: string;
  /** The Prometheus release queries must parse in. @default the current 3.x release */
  readonly prometheusVersion?: string;
  /** What the exporters emit, for the label checks (queryLabelProblems). @default none */
  readonly metrics?: MetricCatalogue;
}

/** The package's dashboard schema (dashboard-schema.ts), compiled by ajv when the package is built. */
const schemaValidator = (): ValidateFunction => compiledSchema as unknown as ValidateFunction;

/** Every problem with a dashboard's JSON; empty when it is fine. */
export function checkDashboard(dashboard: GrafanaDashboard, options: CheckDashboardOptions): Problem[] {
  // What is written is JSON: NaN and Infinity become null, undefined disappears. Check that.
  const json = JSON.parse(JSON.stringify(dashboard)) as GrafanaDashboard;
  const title = typeof json.title === 'string' ? json.title : '?';
  const dash = `dashboard "${title}"`;
  const ctx: Ctx = {
    where: options.where,
    dash,
    found: new ProblemList(options.where, dash),
    version: options.prometheusVersion,
    metrics: options.metrics,
  };
  const validate = schemaValidator();
  if (!validate(json)) {
    for (const e of pruneErrors(validate.errors ?? [])) ctx.found.addAll([schemaProblem(ctx, json, e)]);
    return ctx.found.problems;
  }
  checkGrid(ctx, json);
  const variables = json.templating?.list ?? [];
  const samples = checkVariables(ctx, variables);
  const dsNames = variables.filter((v) => v.type === 'datasource').map((v) => v.name);
  for (const { panel, label } of allPanels(json)) checkPanel(ctx, panel, label, samples, dsNames);
  for (const a of json.annotations?.list ?? []) {
    const expr = (a as { expr?: string }).expr;
    if (a.builtIn === 1 || expr === undefined) continue;
    checkDatasourceRef(ctx, `annotation "${a.name}" datasource`, a.datasource ?? undefined, dsNames);
    checkQuery(ctx, `annotation "${a.name}" expr`, expr, samples);
  }
  return ctx.found.problems;
}

interface Ctx {
  readonly where: string;
  /** `dashboard "Title"`, the start of every field path. */
  readonly dash: string;
  /** Where problems go; `add` puts `dash` before the field. */
  readonly found: ProblemList;
  readonly version?: string;
  readonly metrics?: MetricCatalogue;
}

/**
 * Every visualization panel, with the words naming it in messages. A collapsed row holds its panels; the
 * panels of an expanded row follow it in the list, up to the next row.
 */
function allPanels(json: GrafanaDashboard): Array<{ panel: GrafanaPanel; label: string }> {
  const out: Array<{ panel: GrafanaPanel; label: string }> = [];
  let rowLabel = '';
  for (const p of json.panels ?? []) {
    if (p.type === 'row') {
      const row = p as GrafanaRowPanel;
      rowLabel = `row "${row.title ?? ''}" `;
      for (const child of row.panels) out.push({ panel: child, label: `${rowLabel}panel "${child.title ?? ''}"` });
    } else {
      out.push({ panel: p as GrafanaPanel, label: `${rowLabel}panel "${(p as GrafanaPanel).title ?? ''}"` });
    }
  }
  return out;
}

function checkGrid(ctx: Ctx, json: GrafanaDashboard): void {
  const ids = new Map<number, string>();
  const visible: Array<{ rect: GridRect; label: string }> = [];
  const collapsed: Array<Array<{ rect: GridRect; label: string }>> = [];
  const seeId = (id: number | undefined, label: string): void => {
    if (id === undefined) return;
    const other = ids.get(id);
    if (other) ctx.found.add(`${label} id`, id, `the same id as ${other}`, 'give every panel and row its own id');
    else ids.set(id, label);
  };
  const seePos = (p: { gridPos?: GridRect }, label: string, into: Array<{ rect: GridRect; label: string }>): void => {
    const g = p.gridPos;
    if (!g) return;
    if (g.x + g.w > GRID_COLUMNS)
      ctx.found.add(
        `${label} gridPos`,
        g,
        `reaches column ${g.x + g.w}, past the grid's ${GRID_COLUMNS} columns`,
        `make x + w at most ${GRID_COLUMNS}`,
      );
    into.push({ rect: g, label });
  };
  let rowLabel = '';
  for (const p of json.panels ?? []) {
    if (p.type === 'row') {
      const row = p as GrafanaRowPanel;
      const label = `row "${row.title ?? ''}"`;
      rowLabel = `${label} `;
      seeId(row.id, label);
      seePos(row, label, visible);
      const children: Array<{ rect: GridRect; label: string }> = [];
      for (const c of row.panels) {
        const cl = `${label} panel "${c.title ?? ''}"`;
        seeId(c.id, cl);
        seePos(c, cl, row.collapsed ? children : visible);
      }
      if (row.collapsed) collapsed.push(children);
    } else {
      const label = `${rowLabel}panel "${(p as GrafanaPanel).title ?? ''}"`;
      seeId((p as GrafanaPanel).id, label);
      seePos(p as GrafanaPanel, label, visible);
    }
  }
  for (const group of [visible, ...collapsed]) {
    for (const [i, j] of findOverlaps(group.map((g) => g.rect))) {
      ctx.found.add(
        `${group[j].label} gridPos`,
        group[j].rect,
        `overlaps ${group[i].label} at ${JSON.stringify(group[i].rect)}`,
        'move one of them, or leave out the explicit position and let the layout place it',
      );
    }
  }
}

/** Checks variables; returns the sample value of each, for checking queries. */
function checkVariables(ctx: Ctx, variables: readonly GrafanaVariable[]): Map<string, string> {
  const samples = new Map<string, string>();
  const seen = new Set<string>();
  const dsNames = variables.filter((v) => v.type === 'datasource').map((v) => v.name);
  if (dsNames.length === 0) {
    ctx.found.add(
      'templating',
      variables.map((v) => v.name),
      'has no datasource variable',
      'queries must read from a datasource variable (the Dashboard construct adds one)',
    );
  }
  for (const v of variables) {
    const label = `variable "${v.name}"`;
    if (seen.has(v.name)) ctx.found.add(label, v.name, 'is defined twice', 'give every variable its own name');
    seen.add(v.name);
    if (isBuiltinVariable(v.name))
      ctx.found.add(
        label,
        v.name,
        'names starting with "__" are reserved for Grafana\'s global variables',
        'rename the variable',
      );
    if (v.type === 'custom' || v.type === 'interval' || v.type === 'constant' || v.type === 'textbox') {
      const cur = v.current?.value;
      if (typeof cur === 'string' && cur !== '') samples.set(v.name, cur);
    }
    if ((v.type === 'custom' || v.type === 'interval') && (v.options ?? []).length === 0) {
      ctx.found.add(`${label} query`, v.query, 'has no values', 'give at least one value');
    }
    if (v.type === 'query') {
      checkDatasourceRef(ctx, `${label} datasource`, v.datasource ?? undefined, dsNames);
      const q = typeof v.query === 'string' ? v.query : '';
      const promql = promqlOfVariableQuery(q);
      if (promql === null) {
        ctx.found.add(
          `${label} query`,
          q,
          'is not a Prometheus variable query',
          'use label_names(), label_values(label), label_values(selector, label), metrics(regex) or query_result(expr)',
        );
      }
    }
  }
  // Query variables are checked once every sample is known (a query may use a constant).
  for (const v of variables) {
    if (v.type !== 'query' || typeof v.query !== 'string') continue;
    const promql = promqlOfVariableQuery(v.query);
    if (promql) checkQuery(ctx, `variable "${v.name}" query`, promql, samples, v.query);
  }
  for (const v of variables) {
    // Unknown values: a placeholder that is valid inside label values and as a label name.
    if (!samples.has(v.name)) samples.set(v.name, 'sample_value');
  }
  return samples;
}

function checkPanel(
  ctx: Ctx,
  panel: GrafanaPanel,
  label: string,
  samples: ReadonlyMap<string, string>,
  dsNames: readonly string[],
): void {
  const defaults = panel.fieldConfig?.defaults ?? {};
  if (defaults.unit !== undefined && !isGrafanaUnit(defaults.unit)) {
    ctx.found.add(
      `${label} unit`,
      defaults.unit,
      'is not a Grafana unit id',
      `use one of ${suggestUnits(defaults.unit)
        .map((u) => `"${u}"`)
        .join(', ')}, or a custom unit such as "suffix: tasks"`,
    );
  }
  if (defaults.min !== undefined && defaults.max !== undefined && !(defaults.min < defaults.max)) {
    ctx.found.add(
      `${label} min/max`,
      { min: defaults.min, max: defaults.max },
      'min must be below max',
      'swap them or drop one',
    );
  }
  const steps = defaults.thresholds?.steps ?? [];
  if (steps.length > 0 && steps[0].value !== null) {
    ctx.found.add(
      `${label} thresholds`,
      steps,
      'the first step must be the base step (value null)',
      'start the steps with { value: null, color }',
    );
  }
  for (let i = 1; i < steps.length; i++) {
    const prev = steps[i - 1].value;
    const cur = steps[i].value;
    if (cur === null)
      ctx.found.add(
        `${label} thresholds[${i}]`,
        steps[i],
        'only the first step may have no value',
        'give the step a value',
      );
    else if (prev !== null && !(cur > prev))
      ctx.found.add(
        `${label} thresholds[${i}]`,
        cur,
        `must be above the previous step (${prev})`,
        'sort the steps by value, each value once',
      );
  }
  const targets = panel.targets ?? [];
  if (panel.type !== 'text' && targets.length === 0)
    ctx.found.add(`${label} queries`, [], 'has no query', 'give the panel at least one PromQL query');
  if (panel.type === 'text' && targets.length > 0)
    ctx.found.add(
      `${label} queries`,
      targets.length,
      'a text panel shows no query results',
      'drop the queries or use another kind',
    );
  if (panel.type !== 'text') checkDatasourceRef(ctx, `${label} datasource`, panel.datasource, dsNames);
  const refIds = new Set<string>();
  for (const t of targets) {
    const target = t as { refId?: string; expr?: string; legendFormat?: string; datasource?: { uid?: string } };
    const ref = target.refId ?? '?';
    if (refIds.has(ref))
      ctx.found.add(`${label} query ${ref}`, ref, 'two queries share a refId', 'give every query its own refId');
    refIds.add(ref);
    checkDatasourceRef(ctx, `${label} query ${ref} datasource`, target.datasource, dsNames);
    const concrete = checkQuery(ctx, `${label} query ${ref}`, target.expr ?? '', samples);
    if (concrete !== undefined) {
      for (const p of queryLabelProblems(concrete, target.legendFormat, ctx.metrics))
        ctx.found.add(`${label} query ${ref}`, target.expr, p.message, p.fix);
      const stated = unitOfGrafanaUnit(defaults.unit);
      const unit = stated && ctx.metrics ? unitProblem(concrete, stated, ctx.metrics) : undefined;
      if (unit)
        ctx.found.add(`${label} unit`, defaults.unit, `${unit.message} (query ${ref}: ${target.expr})`, unit.fix);
      for (const p of ctx.metrics ? rawCounterProblems(concrete, ctx.metrics) : [])
        ctx.found.add(`${label} query ${ref}`, target.expr, p.message, p.fix);
    }
  }
  checkReferences(ctx, `${label} title`, panel.title ?? '', samples);
  checkReferences(ctx, `${label} description`, panel.description ?? '', samples);
}

function checkDatasourceRef(
  ctx: Ctx,
  field: string,
  ds: { uid?: string } | undefined,
  dsNames: readonly string[],
): void {
  const uid = ds?.uid ?? '';
  const name = /^\$\{(\w+)\}$|^\$(\w+)$/.exec(uid);
  const ref = name ? (name[1] ?? name[2]) : undefined;
  if (!ref || !dsNames.includes(ref)) {
    ctx.found.add(
      field,
      ds,
      "does not use the dashboard's datasource variable",
      `set the datasource uid to "\${${dsNames[0] ?? 'datasource'}}"`,
    );
  }
}

/**
 * Every variable `text` references must exist. `$` and digits (`$500`) is an amount, not a reference: Grafana
 * leaves a name it does not define as written, and nobody names a variable with digits alone.
 */
function checkReferences(ctx: Ctx, field: string, text: string, samples: ReadonlyMap<string, string>): boolean {
  let ok = true;
  for (const r of variableReferences(text)) {
    if (!isBuiltinVariable(r.name) && !samples.has(r.name) && !/^\d+$/.test(r.name)) {
      ctx.found.add(
        field,
        text,
        `uses the variable "$${r.name}", which the dashboard does not define`,
        `define it (addVariable) or fix the name; defined: ${[...samples.keys()].join(', ') || 'none'}`,
      );
      ok = false;
    }
  }
  return ok;
}

/** Checks a query; returns it with sample values for its variables when it is valid. */
function checkQuery(
  ctx: Ctx,
  field: string,
  expr: string,
  samples: ReadonlyMap<string, string>,
  shown: string = expr,
): string | undefined {
  if (!checkReferences(ctx, field, expr, samples)) return undefined;
  const concrete = interpolateSamples(expr, samples);
  const diagnostics = checkPromQL(concrete, { prometheusVersion: ctx.version });
  if (diagnostics.length > 0) {
    const d = diagnostics[0];
    const note = concrete === expr ? '' : ` in "${concrete}", the query with sample values for its variables`;
    ctx.found.add(field, shown, `${d.message} (at ${d.line}:${d.column}${note})`, 'write a query Prometheus accepts');
    return undefined;
  }
  return concrete;
}

/** Drops ajv's consequential errors (a failed `if` after the `then` that failed, oneOf summaries). */
function pruneErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const out = errors.filter((e) => e.keyword !== 'if');
  return out.length > 0 ? out : [...errors];
}

function schemaProblem(ctx: Ctx, json: GrafanaDashboard, e: ErrorObject): Problem {
  const field = describePath(json, e.instancePath);
  const value = valueAt(json, e.instancePath);
  const extra =
    e.keyword === 'additionalProperties'
      ? ` "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
      : '';
  const allowed =
    e.keyword === 'enum'
      ? ` (one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')})`
      : '';
  return {
    where: ctx.where,
    field: `${ctx.dash} ${field}`.trim(),
    value: e.keyword === 'additionalProperties' ? undefined : value,
    message: `${e.message ?? 'is invalid'}${extra}${allowed}`,
    fix: "make the dashboard match Grafana's dashboard model (see docs/dashboards.md)",
  };
}

function valueAt(json: unknown, pointer: string): unknown {
  let cur: unknown = json;
  for (const seg of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return cur;
}

/** `/panels/2/options/legend` -> `panel "Latency" options.legend`. */
export function describePath(json: unknown, pointer: string): string {
  const segs = pointer.split('/').slice(1);
  const words: string[] = [];
  let cur: unknown = json;
  let rest: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const next = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    const parent = segs[i - 1];
    const named = (key: string): string => {
      const o = next as Record<string, unknown> | undefined;
      return typeof o?.[key] === 'string' ? `"${String(o[key])}"` : `#${seg}`;
    };
    if (/^\d+$/.test(seg) && parent === 'panels') {
      words.push(`${(next as { type?: string })?.type === 'row' ? 'row' : 'panel'} ${named('title')}`);
      rest = [];
    } else if (/^\d+$/.test(seg) && parent === 'list' && segs[i - 2] === 'templating') {
      words.push(`variable ${named('name')}`);
      rest = [];
    } else if (/^\d+$/.test(seg) && parent === 'list' && segs[i - 2] === 'annotations') {
      words.push(`annotation ${named('name')}`);
      rest = [];
    } else if (/^\d+$/.test(seg) && parent === 'targets') {
      words.push(`query ${named('refId').replace(/"/g, '')}`);
      rest = [];
    } else if (
      seg === 'panels' ||
      seg === 'targets' ||
      (seg === 'list' && (parent === 'templating' || parent === 'annotations')) ||
      ((seg === 'templating' || seg === 'annotations') && i === 0 && segs.length > 2)
    ) {
      // container names are implied by the word that follows
    } else {
      rest.push(/^\d+$/.test(seg) ? `[${seg}]` : seg);
      if (rest.length === 1) words.push('');
      words[words.length - 1] = rest.join('.').replace(/\.\[/g, '[');
    }
    cur = next;
  }
  return words.filter((w) => w !== '').join(' ');
}
