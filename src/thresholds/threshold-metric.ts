import {
  KNOWN_SEVERITIES,
  Problem,
  ProblemList,
  editDistance,
  mergeLabels,
  Severity,
  isKnownSeverity,
  reportProblems,
  severityRank,
} from '../core';
import { type PromQLExpr, Query } from '../metrics';
import { Duration, analyzePromQL, ast, checkPromQL } from '../promql';
import { AlertRule, IRuleSource } from '../rules';
import { UNITS, Unit, isUnit } from './units';

/** The levels of one metric, keyed by severity: `{ warning: 200, critical: 500 }`. */
export type ThresholdLevels = Readonly<Partial<Record<Severity, number>>>;

/** The healthy value or band of a metric, shown in annotations and on panels. */
export type ThresholdTarget = number | { readonly min: number; readonly max: number };

/** The shape of the seeds' metric tables: one metric, its target and its alert levels. */
export interface ThresholdMetricProps {
  /** A metric name (`rlm_queue_depth`) or any PromQL expression whose value is in `unit`. */
  readonly metric: string;
  /** What the metric measures, in words: "P99 response time". Used in summaries and panel titles. */
  readonly description: string;
  /** The unit of the expression's values and of every level. */
  readonly unit: Unit;
  /** Whether values `above` or `below` a level are bad. */
  readonly direction: 'above' | 'below';
  /** Levels by severity; each becomes an alert with that `severity` label. At least one. */
  readonly thresholds: ThresholdLevels;
  /** The healthy value or band (informational: annotations and panels). @default none */
  readonly target?: ThresholdTarget;
  /** How long a level must be crossed before its alert fires. @default '5m' */
  readonly for?: Duration;
  /**
   * The alert name shared by every level. @default the name of the first metric the expression selects, in
   * PascalCase: `rlm_queue_depth` and `max(rlm_queue_depth) / 100` both give `RlmQueueDepth`
   */
  readonly alert?: string;
  /** Value of the `service` label. @default none */
  readonly service?: string;
  /** Value of the `team` label. @default none */
  readonly team?: string;
  /** More labels for every alert. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Link to the runbook section that handles this alert (`runbook_url` annotation). @default none */
  readonly runbookUrl?: string;
}

/** The alert name a threshold metric's levels share: `alert`, else the metric in PascalCase. */
export function thresholdAlertName(props: Pick<ThresholdMetricProps, 'alert' | 'metric'>): string {
  if (props.alert !== undefined) return props.alert;
  // The first metric the expression selects: `sum(rate(http_errors_total[5m]))` -> HttpErrorsTotal, not Sum.
  const text = String(props.metric);
  const tree = analyzePromQL(text).ast;
  let first: string | undefined;
  if (tree)
    ast.walk(tree, (e) => {
      if (first === undefined && e.kind === 'vector' && e.name !== '') first = e.name;
    });
  return pascalCase(first ?? text);
}

/** One level of a metric: the value whose crossing raises an alert of `severity`; renders as an alert or a panel step. */
export interface ThresholdLevel {
  readonly severity: Severity;
  readonly value: number;
}

/**
 * A metric with a target and alert levels. An immutable value: it renders its alerts (one per level, same
 * alert name, different `severity`) and its panel thresholds from the same numbers, so they cannot disagree.
 */
/** ThresholdMetricProps as given: the metric as PromQL text or a Query built from metric values. */
export type ThresholdMetricInput = Omit<ThresholdMetricProps, 'metric'> & { readonly metric: PromQLExpr };

export class ThresholdMetric implements IRuleSource {
  /** The levels, most severe first. */
  readonly levels: readonly ThresholdLevel[];
  readonly alertName: string;
  /**
   * Whether the props were refused. The problems were reported (to the app being declared, or thrown without
   * one); a refused metric renders no rules, so its mistakes are not reported again through them.
   */
  readonly refused: boolean;

  readonly props: ThresholdMetricProps;

  /** The metric as the left side of the alerts' comparison, worked out while its parse is in the cache. */
  readonly #operand: string;

  /** `metric` may be a Query built from metric values; it is kept as its PromQL text. */
  constructor(input: ThresholdMetricInput) {
    const props: ThresholdMetricProps =
      input.metric instanceof Query ? { ...input, metric: input.metric.expr } : (input as ThresholdMetricProps);
    this.props = props;
    this.alertName = thresholdAlertName(props);
    this.refused = reportProblems(checkThresholdMetric(props, this.alertName), `ThresholdMetric "${this.alertName}"`);
    this.#operand = this.refused ? '' : operand(props.metric);
    this.levels = Object.entries(props.thresholds ?? {})
      .filter((e): e is [string, number] => e[1] !== undefined)
      .map(([severity, value]) => ({ severity, value }))
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.severity.localeCompare(b.severity));
  }

  /**
   * A copy with some props replaced (e.g. `metric.with({ thresholds: { warning: 300, critical: 600 } })`);
   * `labels` are merged, as in every `with()`.
   */
  with(changes: Partial<ThresholdMetricInput>): ThresholdMetric {
    return new ThresholdMetric({ ...this.props, ...changes, labels: mergeLabels(this.props.labels, changes.labels) });
  }

  /** One alert per level (none when the props were refused). */
  rules(): AlertRule[] {
    return this.refused ? [] : this.levels.map((level) => this.alertFor(level));
  }

  /** The alert of one level. */
  alertFor(level: ThresholdLevel): AlertRule {
    const p = this.props;
    const unit = UNITS[p.unit];
    const op = p.direction === 'above' ? '>' : '<';
    const word = p.direction === 'above' ? 'above' : 'below';
    const target = p.target === undefined ? '' : ` (target: ${formatTarget(p.target, p.unit, p.direction)})`;
    return new AlertRule({
      alert: this.alertName,
      expr: `${this.#operand} ${op} ${String(level.value)}`,
      for: p.for ?? '5m',
      labels: {
        ...p.labels,
        ...(p.service ? { service: p.service } : {}),
        ...(p.team ? { team: p.team } : {}),
        severity: level.severity,
      },
      annotations: {
        summary: `${p.description} ${word} ${unit.format(level.value)}`,
        description: `${p.description} is ${unit.valueTemplate}, ${word} the ${level.severity} level of ${unit.format(level.value)}${target}.`,
        ...(p.runbookUrl ? { runbook_url: p.runbookUrl } : {}),
      },
    });
  }
}

function checkThresholdMetric(p: ThresholdMetricProps, alertName: string): Problem[] {
  const where = `ThresholdMetric "${alertName}"`;
  const found = new ProblemList(where);
  if (typeof p.metric !== 'string' || p.metric.trim() === '') {
    found.add('metric', p.metric, 'the metric is empty', 'give a metric name or a PromQL expression');
  } else {
    // Checked here, in the expression as written: positions point into it, not into the alert built around it.
    const first = checkPromQL(p.metric)[0];
    if (first)
      found.add(
        'metric',
        p.metric,
        `${first.message} (at ${first.line}:${first.column})`,
        'make it an expression Prometheus accepts',
      );
  }
  if (!isUnit(p.unit)) found.add('unit', p.unit, 'unknown unit', `use one of ${Object.keys(UNITS).join(', ')}`);
  if (p.direction !== 'above' && p.direction !== 'below')
    found.add(
      'direction',
      p.direction,
      'direction must be "above" or "below"',
      'say whether high or low values are bad',
    );
  const entries = Object.entries(p.thresholds ?? {}).filter(([, v]) => v !== undefined) as Array<[string, number]>;
  if (entries.length === 0)
    found.add('thresholds', p.thresholds, 'at least one level is needed', 'e.g. { warning: 80, critical: 95 }');
  for (const [severity] of entries) {
    const meant = KNOWN_SEVERITIES.find(
      (known) => known !== severity && editDistance(known, severity.toLowerCase()) <= 2,
    );
    if (meant && !isKnownSeverity(severity)) {
      found.add(
        `thresholds.${severity}`,
        severity,
        `"${severity}" looks like a misspelt severity; its alert would carry severity="${severity}", which routes and inhibitions keyed on "${meant}" never match`,
        `write ${meant}`,
      );
    }
  }
  const range = isUnit(p.unit) ? UNITS[p.unit].range : undefined;
  for (const [severity, value] of entries) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      found.add(
        `thresholds.${severity}`,
        value,
        'a level must be a finite number',
        "write the level as a number in the metric's unit",
      );
    } else if (range && (value < range[0] || value > range[1])) {
      found.add(
        `thresholds.${severity}`,
        value,
        `a level in ${p.unit} must lie between ${range[0]} and ${range[1]}`,
        p.unit === 'percent'
          ? 'write 99.9 for 99.9%, or use unit "ratio" for 0-1 values'
          : 'write the level as a fraction between 0 and 1, or use unit "percent"',
      );
    }
  }
  const known = entries
    .filter(([s, v]) => isKnownSeverity(s) && Number.isFinite(v))
    .sort((a, b) => severityRank(a[0]) - severityRank(b[0]));
  for (let i = 0; i + 1 < known.length; i++) {
    const [moreSevere, a] = known[i];
    const [lessSevere, b] = known[i + 1];
    if (a === b) {
      found.add(
        `thresholds.${lessSevere}`,
        b,
        `equals the ${moreSevere} level; each level must be distinct`,
        `move ${lessSevere} ${p.direction === 'above' ? 'below' : 'above'} ${a}`,
      );
    } else if (p.direction === 'above' ? b > a : b < a) {
      found.add(
        `thresholds.${lessSevere}`,
        b,
        `is beyond the ${moreSevere} level (${a}) for direction "${p.direction}"`,
        `with direction "${p.direction}", ${lessSevere} must be ${p.direction === 'above' ? 'lower' : 'higher'} than ${moreSevere}`,
      );
    }
  }
  if (p.target !== undefined) {
    const values = typeof p.target === 'number' ? [p.target] : [p.target.min, p.target.max];
    if (values.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
      found.add('target', p.target, 'the target must be finite numbers', 'write a number or { min, max }');
  }
  return found.problems;
}

/** The metric as the left side of a comparison: parenthesized unless it binds tighter than `>`. */
function operand(metric: string): string {
  const tree = analyzePromQL(metric).ast;
  const safe = tree && (tree.kind !== 'binary' || ['^', '*', '/', '%', '+', '-', 'atan2'].includes(tree.op));
  return safe ? metric.trim() : `(${metric.trim()})`;
}

function formatTarget(t: ThresholdTarget, unit: Unit, direction: 'above' | 'below'): string {
  const f = UNITS[unit].format;
  if (typeof t === 'number') return `${direction === 'above' ? '<' : '>'} ${f(t)}`;
  return `${f(t.min)}–${f(t.max)}`;
}

/** `rlm_api_latency_p99` -> `RlmApiLatencyP99`; non-identifier characters dropped. */
export function pascalCase(metric: string): string {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(metric.trim())?.[0] ?? 'Threshold';
  return name
    .split(/[_:]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
