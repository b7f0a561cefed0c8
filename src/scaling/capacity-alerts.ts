/**
 * The rules of a capacity threshold, as pure functions of its numbers: when the HPA cannot add capacity (at
 * max replicas), when load is past the scale-up level with no room left, when capacity sits unused (below the
 * scale-down level with replicas to spare), and when the growth trend will need more than max replicas.
 * Replica counts come from kube-state-metrics (`kube_horizontalpodautoscaler_*`, labels `namespace` and
 * `horizontalpodautoscaler`).
 */
import type { Severity } from '../core';
import { Duration, analyzePromQL, durationMs } from '../promql';
import { AlertRule, RecordingRule, Rule } from '../rules';
import { UNITS, Unit } from '../thresholds';

/** Severity and pending time of one capacity alert. */
export interface CapacityAlertSetting {
  /** How long the condition must hold before the alert fires. */
  readonly for?: Duration;
  /** The `severity` label. */
  readonly severity?: Severity;
}

/** Which capacity alerts to write and how. `false` leaves one out. */
export interface CapacityAlertOptions {
  /** At max replicas. @default { for: '15m', severity: 'warning' } */
  readonly atMaxReplicas?: CapacityAlertSetting | false;
  /** The scale-up level crossed while at max replicas. @default { for: '5m', severity: 'critical' } */
  readonly scaleUpBreachedAtMax?: CapacityAlertSetting | false;
  /** Below the scale-down level while above min replicas. @default { for: '1h', severity: 'info' } */
  readonly overProvisioned?: CapacityAlertSetting | false;
  /** The replicas needed, extrapolated, above max replicas. @default { lookback: '7d', horizon: '30d', for: '1h', severity: 'info' } */
  readonly forecast?: (CapacityAlertSetting & CapacityForecastSetting) | false;
}

/** The window a forecast learns from and how far ahead it looks. */
export interface CapacityForecastSetting {
  /** History `predict_linear` fits. @default '7d' */
  readonly lookback?: Duration;
  /** How far ahead. @default '30d' */
  readonly horizon?: Duration;
}

/** Everything the capacity rules are rendered from. */
export interface CapacityRuleParams {
  /** Alert name prefix, e.g. `RlmApi`. */
  readonly prefix: string;
  /** What the row is about, in words: "API Pods" (the capacity table's Resource column). */
  readonly displayName: string;
  readonly namespace: string;
  readonly hpaName: string;
  /** The scaled workload's name, for alert text. */
  readonly workload: string;
  /** PromQL for the metric's value as the HPA sees it: one series, no labels. */
  readonly value: string;
  /** What the value measures, for alert text: "CPU utilization". */
  readonly valueDescription: string;
  readonly unit: Unit;
  readonly scaleUp: number;
  readonly scaleDown: number;
  readonly maxReplicas: number;
  /** Labels on every alert (service, team, ...); `namespace` and `horizontalpodautoscaler` are always added. */
  readonly labels?: Readonly<Record<string, string>>;
  readonly runbookUrl?: string;
  readonly alerts?: CapacityAlertOptions;
}

/** The record name of the replicas a capacity threshold's load needs at its scale-up level. */
export const NEEDED_REPLICAS_RECORD = 'namespace_horizontalpodautoscaler:needed_replicas:estimate';

const DEFAULTS = {
  atMaxReplicas: { for: '15m', severity: 'warning' },
  scaleUpBreachedAtMax: { for: '5m', severity: 'critical' },
  overProvisioned: { for: '1h', severity: 'info' },
  forecast: { for: '1h', severity: 'info', lookback: '7d', horizon: '30d' },
} as const;

/** A PromQL string literal. */
export const promString = (s: string): string => JSON.stringify(s);

/** The selector of one HPA's kube-state-metrics series. */
export function hpaSelector(namespace: string, hpaName: string): string {
  return `{namespace=${promString(namespace)},horizontalpodautoscaler=${promString(hpaName)}}`;
}

/** `expr` ready to be an operand of `op`: parenthesized unless it binds at least as tightly. */
export function operand(expr: string, op: 'comparison' | 'multiplicative'): string {
  const ast = analyzePromQL(expr).ast;
  const tight = op === 'comparison' ? ['^', '*', '/', '%', '+', '-', 'atan2'] : ['^'];
  const safe = ast !== undefined && (ast.kind !== 'binary' || tight.includes(ast.op)) && ast.kind !== 'unary';
  return safe ? expr.trim() : `(${expr.trim()})`;
}

/** The rules of one capacity threshold, in a fixed order: the needed-replicas record, then the alerts. */
export function capacityRules(p: CapacityRuleParams): Rule[] {
  const sel = hpaSelector(p.namespace, p.hpaName);
  const by = 'max by (namespace, horizontalpodautoscaler)';
  const current = `${by} (kube_horizontalpodautoscaler_status_current_replicas${sel})`;
  const atMax = `${current} >= ${by} (kube_horizontalpodautoscaler_spec_max_replicas${sel})`;
  const aboveMin = `${current} > ${by} (kube_horizontalpodautoscaler_spec_min_replicas${sel})`;
  const unit = UNITS[p.unit];
  const f = unit.format;
  const labels = (severity: string): Record<string, string> => ({
    namespace: p.namespace,
    horizontalpodautoscaler: p.hpaName,
    ...p.labels,
    severity,
  });
  const annotations = (summary: string, description: string): Record<string, string> => ({
    summary,
    description,
    ...(p.runbookUrl ? { runbook_url: p.runbookUrl } : {}),
  });
  const who = `${p.workload} in ${p.namespace}`;
  const hpa = `HPA ${p.hpaName}`;
  const setting = <K extends keyof typeof DEFAULTS>(k: K): (typeof DEFAULTS)[K] | undefined => {
    const given = p.alerts?.[k];
    return given === false ? undefined : ({ ...DEFAULTS[k], ...given } as (typeof DEFAULTS)[K]);
  };
  const rules: Rule[] = [];

  const forecast = setting('forecast');
  if (forecast) {
    rules.push(
      new RecordingRule({
        record: NEEDED_REPLICAS_RECORD,
        expr: `${operand(p.value, 'multiplicative')} / ${p.scaleUp} * max(kube_horizontalpodautoscaler_status_current_replicas${sel})`,
        labels: { namespace: p.namespace, horizontalpodautoscaler: p.hpaName },
      }),
    );
  }
  const atMaxSetting = setting('atMaxReplicas');
  if (atMaxSetting) {
    rules.push(
      new AlertRule({
        alert: `${p.prefix}AtMaxReplicas`,
        expr: atMax,
        for: atMaxSetting.for,
        labels: labels(atMaxSetting.severity),
        annotations: annotations(
          `${p.displayName} at max replicas (${p.maxReplicas}) for ${atMaxSetting.for}`,
          `${who} has run {{ $value | printf "%.0f" }} replicas, the maximum of ${hpa}, for ${atMaxSetting.for}: the HPA cannot add more. If ${p.valueDescription} stays above ${f(p.scaleUp)}, raise maxReplicas (capacity table: ${p.maxReplicas}) or add cluster capacity.`,
        ),
      }),
    );
  }
  const breach = setting('scaleUpBreachedAtMax');
  if (breach) {
    rules.push(
      new AlertRule({
        alert: `${p.prefix}ScaleUpLevelBreachedAtMax`,
        expr: `${operand(p.value, 'comparison')} > ${p.scaleUp} and on () (${atMax})`,
        for: breach.for,
        labels: labels(breach.severity),
        annotations: annotations(
          `${p.displayName}: ${p.valueDescription} above the scale-up level of ${f(p.scaleUp)} at max replicas (${p.maxReplicas})`,
          `${p.valueDescription} of ${who} is ${unit.valueTemplate}, above the scale-up level of ${f(p.scaleUp)}, with ${hpa} at its maximum of ${p.maxReplicas} replicas: scaling is not enough.`,
        ),
      }),
    );
  }
  const over = setting('overProvisioned');
  if (over) {
    rules.push(
      new AlertRule({
        alert: `${p.prefix}OverProvisioned`,
        expr: `${operand(p.value, 'comparison')} < ${p.scaleDown} and on () (${aboveMin})`,
        for: over.for,
        labels: labels(over.severity),
        annotations: annotations(
          `${p.displayName}: ${p.valueDescription} below the scale-down level of ${f(p.scaleDown)} for ${over.for}`,
          `${p.valueDescription} of ${who} has been ${unit.valueTemplate}, below the scale-down level of ${f(p.scaleDown)}, for ${over.for} while ${hpa} runs more than its minimum replicas: another metric holds replicas up, or scale-down is slow or disabled.`,
        ),
      }),
    );
  }
  if (forecast) {
    const horizonSeconds = durationMs(forecast.horizon) / 1000;
    rules.push(
      new AlertRule({
        alert: `${p.prefix}CapacityForecastAboveMax`,
        expr: `predict_linear(${NEEDED_REPLICAS_RECORD}${sel}[${forecast.lookback}], ${horizonSeconds}) > ${p.maxReplicas}`,
        for: forecast.for,
        labels: labels(forecast.severity),
        annotations: annotations(
          `${p.displayName} will need more than ${p.maxReplicas} replicas within ${forecast.horizon}`,
          `At the growth of the last ${forecast.lookback}, ${who} will need {{ $value | printf "%.0f" }} replicas in ${forecast.horizon} to keep ${p.valueDescription} at ${f(p.scaleUp)}; ${hpa} allows at most ${p.maxReplicas}.`,
        ),
      }),
    );
  }
  return rules;
}
