/**
 * Grafana's published JSON Schemas (../shared/schemas/grafana, see its SOURCE.md) as a test oracle.
 *
 * The files are self-contained: dashboard.jsonschema.json types a panel's `options`, `fieldConfig.defaults.custom`
 * and `targets` only as open objects; each panel kind's file (`<kind>.jsonschema.json`) defines that kind's
 * `Options` and, for some kinds, `FieldConfig` (the `custom` part); prometheus.jsonschema.json defines a
 * Prometheus query target (`Dataquery`); units.jsonschema.json lists the unit ids, one definition per unit.
 * So a dashboard is checked against the dashboard schema, then each panel's parts against its kind's schema.
 */
import Ajv, { ValidateFunction } from 'ajv';
import { readShared } from '../../support/shared';

const KINDS = ['timeseries', 'stat', 'gauge', 'bargauge', 'heatmap', 'table', 'text'] as const;

export interface GrafanaOracle {
  /** Every error of a whole dashboard, as `path: message` lines; empty when valid. */
  validateDashboard(json: unknown): string[];
  /** The unit ids Grafana knows. */
  readonly units: ReadonlySet<string>;
}

let cached: GrafanaOracle | undefined;

/** The oracle, reading the schemas once per test file. */
export function grafanaOracle(): GrafanaOracle {
  if (cached) return cached;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  const load = (name: string): Record<string, unknown> => ({
    ...JSON.parse(readShared('schemas', 'grafana', name)),
    $id: `grafana/${name}`,
  });
  for (const f of ['dashboard', 'prometheus', 'units', ...KINDS]) ajv.addSchema(load(`${f}.jsonschema.json`));
  const ref = (id: string): ValidateFunction => ajv.compile({ $ref: id });
  const dashboard = ref('grafana/dashboard.jsonschema.json');
  const panel = ref('grafana/dashboard.jsonschema.json#/definitions/Panel');
  const row = ref('grafana/dashboard.jsonschema.json#/definitions/RowPanel');
  const target = ref('grafana/prometheus.jsonschema.json');
  const options = new Map<string, ValidateFunction>();
  const custom = new Map<string, ValidateFunction>();
  for (const kind of KINDS) {
    const schema = JSON.parse(readShared('schemas', 'grafana', `${kind}.jsonschema.json`)) as {
      definitions: Record<string, unknown>;
    };
    options.set(kind, ref(`grafana/${kind}.jsonschema.json#/definitions/Options`));
    if (schema.definitions.FieldConfig)
      custom.set(kind, ref(`grafana/${kind}.jsonschema.json#/definitions/FieldConfig`));
  }
  const unitDefs = JSON.parse(readShared('schemas', 'grafana', 'units.jsonschema.json')).definitions as Record<
    string,
    { const?: string }
  >;
  const units = new Set(
    Object.values(unitDefs)
      .map((d) => d.const)
      .filter((c): c is string => typeof c === 'string'),
  );

  const errors = (v: ValidateFunction, data: unknown, where: string): string[] =>
    v(data)
      ? []
      : (v.errors ?? []).map(
          (e) =>
            `${where}${e.instancePath}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
        );

  const checkPanel = (p: Record<string, unknown>, where: string): string[] => {
    const out = errors(panel, p, where);
    const kind = String(p.type);
    const opt = options.get(kind);
    if (!opt) out.push(`${where}: no schema for panel kind "${kind}"`);
    else out.push(...errors(opt, p.options, `${where}/options`));
    const fc = p.fieldConfig as { defaults?: { custom?: unknown; unit?: string } } | undefined;
    const cust = custom.get(kind);
    if (cust && fc?.defaults?.custom !== undefined)
      out.push(...errors(cust, fc.defaults.custom, `${where}/fieldConfig/defaults/custom`));
    const unit = fc?.defaults?.unit;
    if (unit !== undefined && !units.has(unit) && !/^(suffix|prefix|si|count|currency|time):/.test(unit))
      out.push(`${where}/fieldConfig/defaults/unit: unknown unit "${unit}"`);
    ((p.targets as unknown[]) ?? []).forEach((t, i) => out.push(...errors(target, t, `${where}/targets/${i}`)));
    return out;
  };

  cached = {
    units,
    validateDashboard(json: unknown): string[] {
      const out = errors(dashboard, json, '');
      const panels = (json as { panels?: Array<Record<string, unknown>> }).panels ?? [];
      panels.forEach((p, i) => {
        if (p.type === 'row') {
          out.push(...errors(row, p, `/panels/${i}`));
          ((p.panels as Array<Record<string, unknown>>) ?? []).forEach((c, j) =>
            out.push(...checkPanel(c, `/panels/${i}/panels/${j}`)),
          );
        } else {
          out.push(...checkPanel(p, `/panels/${i}`));
        }
      });
      return out;
    },
  };
  return cached;
}
