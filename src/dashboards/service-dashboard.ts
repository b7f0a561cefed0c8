/**
 * A service's dashboard, generated from what the service declares: one row per section, one panel per
 * ThresholdMetric (its levels as thresholds), per alert (the alert's query with its comparison level as a
 * threshold) and per panel source (an SLO's panels). Every panel of an alert links to that alert's runbook.
 */
import { Construct } from 'constructs';
import { analyzePromQL, ast } from '../promql';
import { AlertRule, RuleGroup } from '../rules';
import { HEALTHY_COLOR, PAGE_SEVERITY, severityColor } from '../core';
import { ThresholdLevel, ThresholdMetric } from '../thresholds';
import { Dashboard, DashboardProps } from './dashboard';
import { IPanelSource, PanelSpec, isPanelSource } from './panel';
import { thresholdMetricPanel } from './threshold-panel';
import type { MetricCatalogue } from './metric-catalogue';
import { expressionUnit, unitFactor } from './metric-units';
import { UNITS, Unit } from '../thresholds';
import { levelSteps } from './threshold-steps';

/** What a service declares: each becomes one or more panels. */
export type Declaration = ThresholdMetric | AlertRule | RuleGroup | PanelSpec | IPanelSource;

/** A row of the service dashboard. */
export interface ServiceSection {
  readonly title: string;
  readonly declarations: readonly Declaration[];
  /** @default false */
  readonly collapsed?: boolean;
}

/** Settings of a service dashboard. */
export interface ServiceDashboardProps extends Omit<DashboardProps, 'title' | 'panels'> {
  /** The service's name: in the title and the tags. */
  readonly service: string;
  /** @default `<service>: service overview` */
  readonly title?: string;
  /** The rows, in order. */
  readonly sections: readonly ServiceSection[];
}

/**
 * A dashboard generated from a service's declarations. An alert already shown by a ThresholdMetric's panel
 * (same alert name) gets no second panel.
 */
export class ServiceDashboard extends Dashboard {
  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id, {
      ...props,
      title: props.title ?? `${props.service}: service overview`,
      tags: [...new Set([...(props.tags ?? []), props.service])],
    });
    const shownByMetrics = (): Set<string> =>
      new Set(
        props.sections
          .flatMap((s) => s.declarations)
          .filter((d): d is ThresholdMetric => d instanceof ThresholdMetric)
          .map((m) => m.alertName),
      );
    for (const section of props.sections) {
      this.addRow(section.title, { collapsed: section.collapsed }).addPanel(
        declarationPanels(section.declarations, shownByMetrics, { metrics: props.metrics }),
      );
    }
  }
}

/** The panels of some declarations, computed at synthesis; alerts named in `skip()` are left out. */
export function declarationPanels(
  declarations: readonly Declaration[],
  skip: () => ReadonlySet<string> = () => new Set(),
  options: AlertPanelsOptions = {},
): IPanelSource {
  return {
    panels: () => {
      const skipped = skip();
      const out: PanelSpec[] = [];
      let pending: AlertRule[] = [];
      const flush = (): void => {
        out.push(
          ...alertPanels(
            pending.filter((r) => !skipped.has(r.name)),
            options,
          ),
        );
        pending = [];
      };
      for (const d of declarations) {
        if (d instanceof AlertRule) pending.push(d);
        else if (d instanceof RuleGroup) pending.push(...d.rules.filter((r): r is AlertRule => r instanceof AlertRule));
        else {
          flush();
          if (d instanceof ThresholdMetric) out.push(thresholdMetricPanel(d));
          else if (isPanelSource(d)) out.push(...d.panels());
          else out.push(d);
        }
      }
      flush();
      return out;
    },
  };
}

/** An alert's expression split at its comparison with a number: `rate(x[5m]) > 0.05`. */
export interface AlertCondition {
  /** The side without the number, as written. */
  readonly query: string;
  readonly op: '>' | '<' | '>=' | '<=' | '==' | '!=';
  readonly value: number;
}

const FLIP = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' } as const;

/** The condition of an alert expression `<query> <op> <number>` (or `<number> <op> <query>`); undefined otherwise. */
export function alertCondition(expr: string): AlertCondition | undefined {
  let tree = analyzePromQL(expr).ast;
  while (tree?.kind === 'paren') tree = tree.expr;
  if (!tree || tree.kind !== 'binary' || !ast.isComparison(tree.op) || tree.returnBool) return undefined;
  const op = tree.op as AlertCondition['op'];
  const numberOf = (e: ast.Expr): number | undefined => {
    let x = e;
    while (x.kind === 'paren') x = x.expr;
    if (x.kind === 'number') return x.value;
    if (x.kind === 'unary' && x.expr.kind === 'number') return x.op === '-' ? -x.expr.value : x.expr.value;
    return undefined;
  };
  const right = numberOf(tree.rhs);
  if (right !== undefined && numberOf(tree.lhs) === undefined)
    return { query: expr.slice(tree.lhs.from, tree.lhs.to).trim(), op, value: right };
  const left = numberOf(tree.lhs);
  if (left !== undefined && right === undefined)
    return { query: expr.slice(tree.rhs.from, tree.rhs.to).trim(), op: FLIP[op], value: left };
  return undefined;
}

/** An alert expression `<query> <op> <query>` whose sides are both series: the two sides, as written. */
export interface AlertComparison {
  readonly lhs: string;
  readonly op: AlertCondition['op'];
  readonly rhs: string;
}

/**
 * The comparison of an alert expression whose sides are both non-constant (`rlm_daily_cost > 1.5 *
 * avg_over_time(rlm_daily_cost[7d])`); undefined for a comparison with a number (see alertCondition) or none.
 */
export function alertComparison(expr: string): AlertComparison | undefined {
  if (alertCondition(expr)) return undefined;
  let tree = analyzePromQL(expr).ast;
  while (tree?.kind === 'paren') tree = tree.expr;
  if (!tree || tree.kind !== 'binary' || !ast.isComparison(tree.op) || tree.returnBool) return undefined;
  const constant = (e: ast.Expr): boolean =>
    e.kind === 'number' ||
    ((e.kind === 'paren' || e.kind === 'unary') && constant(e.expr)) ||
    (e.kind === 'binary' && constant(e.lhs) && constant(e.rhs));
  if (constant(tree.lhs) || constant(tree.rhs)) return undefined;
  return {
    lhs: expr.slice(tree.lhs.from, tree.lhs.to).trim(),
    op: tree.op as AlertCondition['op'],
    rhs: expr.slice(tree.rhs.from, tree.rhs.to).trim(),
  };
}

/**
 * The part of an alert expression that says what is compared, without the guards it is combined with
 * (`cpu > 70 and on () (replicas >= max)` -> `cpu > 70`): the left side of a top-level `and` or `unless`.
 */
export function unguarded(expr: string): { readonly core: string; readonly guarded: boolean } {
  let tree = analyzePromQL(expr).ast;
  let guarded = false;
  for (;;) {
    while (tree?.kind === 'paren') tree = tree.expr;
    if (tree?.kind !== 'binary' || (tree.op !== 'and' && tree.op !== 'unless')) break;
    guarded = true;
    tree = tree.lhs;
  }
  return { core: guarded && tree ? expr.slice(tree.from, tree.to).trim() : expr, guarded };
}

/** Options of alertPanels and alertPanel. */
export interface AlertPanelsOptions {
  /**
   * The severity whose colour a rule's level is drawn in, from its `severity` label (for severity scales other
   * than critical/warning/info, e.g. `high` -> `warning`).
   * @default the label itself
   */
  readonly stepSeverity?: (severity: string) => string;
  /**
   * What the exporters emit: an alert panel whose query's unit follows from the catalogue (expressionUnit) is
   * shown in that unit, so the panel, the alert's level and the metric agree.
   * @default none: no unit
   */
  readonly metrics?: MetricCatalogue;
  /**
   * How a rule's panel looks (title, unit, legend, kind, size) when its author says: the first rule of a panel
   * with a look decides; its unit wins over the catalogue's. @default none: a timeseries titled with the alert's
   * name, in the catalogue's unit
   */
  readonly lookOf?: (rule: AlertRule) => AlertPanelLook | undefined;
}

/**
 * One panel per alert name and query, showing the quantity the alert compares, never the condition (which is
 * empty while all is well, and looks like a broken metric): each rule's level a threshold, coloured by its
 * severity label. A health series alerted on `== 0` (up, pg_up) is drawn in the alert's colour at 0 and green
 * from 1. A comparison of two series (`x > 1.5 * avg_over_time(x[7d])`) draws both sides: the value, and the
 * level it is compared with. An alert guarded by `and`/`unless` (`cpu > 70 and on () (at max replicas)`) is
 * drawn by its compared part, the guard said in the description.
 */
export function alertPanels(rules: readonly AlertRule[], options: AlertPanelsOptions = {}): PanelSpec[] {
  const stepSeverity = options.stepSeverity ?? ((s: string) => s);
  const groups = new Map<string, { rules: AlertRule[]; condition?: AlertCondition }>();
  const core = (r: AlertRule): string => unguarded(r.props.expr).core;
  for (const rule of rules) {
    const condition = alertCondition(core(rule));
    const key = `${rule.name}\u0000${condition?.query ?? alertComparison(core(rule))?.lhs ?? rule.props.expr}`;
    const g = groups.get(key) ?? { rules: [], condition };
    g.rules.push(rule);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ rules: rs, condition }) => {
    const first = rs[0];
    const conditions = rs.map((r) => alertCondition(core(r))).filter((c): c is AlertCondition => c !== undefined);
    const dirs = new Set(
      conditions.map((c) =>
        c.op === '>' || c.op === '>=' ? 'above' : c.op === '<' || c.op === '<=' ? 'below' : 'equal',
      ),
    );
    const direction = dirs.size === 1 && !dirs.has('equal') ? ([...dirs][0] as 'above' | 'below') : undefined;
    const levels: ThresholdLevel[] = rs.flatMap((r) => {
      const c = alertCondition(core(r));
      return c ? [{ severity: stepSeverity(r.props.labels?.severity ?? PAGE_SEVERITY), value: c.value }] : [];
    });
    const distinct = new Set(levels.map((l) => l.value)).size === levels.length;
    const runbooks = [
      ...new Set(rs.map((r) => r.props.annotations?.runbook_url).filter((u): u is string => !!u && !u.includes('{{'))),
    ];
    const when = rs.map((r) => {
      const c = alertCondition(core(r));
      const sides = alertComparison(core(r));
      const sev = r.props.labels?.severity ?? 'unlabelled';
      const during = `${r.props.for ? ` for ${r.props.for}` : ''}${unguarded(r.props.expr).guarded ? ' (and its guard holds)' : ''}`;
      if (c) return `${sev} when ${c.op} ${c.value}${during}`;
      if (sides) return `${sev} when the value ${sides.op} the level (${sides.rhs})${during}`;
      return `${sev} while this query returns series${during}`;
    });
    const sides = condition ? undefined : alertComparison(core(first));
    const look = options.lookOf ? rs.map(options.lookOf).find((l) => l !== undefined) : undefined;
    const unit =
      grafanaUnit(look?.unit) ??
      (options.metrics ? displayUnit(sides?.lhs ?? condition?.query ?? first.props.expr, options.metrics) : undefined);
    // Go templates ({{ $value }}) mean nothing on a panel, and Grafana would read `$value` as a variable.
    const summary = first.props.annotations?.summary?.replace(/\{\{.*?\}\}/gs, '…');
    const legend = look?.legend !== undefined ? { legend: look.legend } : {};
    return {
      kind: look?.kind ?? 'timeseries',
      title: look?.title ?? first.name,
      description: `${summary ? `${summary}. ` : ''}Alert ${first.name}: ${when.join('; ')}.`,
      queries: sides
        ? [
            { expr: sides.lhs, legend: 'value' },
            { expr: sides.rhs, legend: `alert level (value ${sides.op} level)` },
          ]
        : [{ expr: condition?.query ?? first.props.expr, ...legend }],
      ...(unit ? { unit } : {}),
      ...(look?.min !== undefined ? { min: look.min } : {}),
      ...(look?.max !== undefined ? { max: look.max } : {}),
      ...(look?.width !== undefined ? { width: look.width } : {}),
      ...(direction && distinct && levels.length === rs.length
        ? { thresholds: levelSteps(levels, direction) }
        : conditions.length === 1 && rs.length === 1 && conditions[0].op === '==' && conditions[0].value === 0
          ? {
              thresholds: [
                { value: null, color: severityColor(levels[0].severity) },
                { value: 1, color: HEALTHY_COLOR },
              ],
            }
          : {}),
      links: runbooks.map((url) => ({ title: `Runbook: ${first.name}`, url })),
    };
  });
}

/** The Grafana unit an expression's values are in, when the catalogue says (scaled units included: `x_ms / 1000` is s). */
function displayUnit(expr: string, metrics: MetricCatalogue): string | undefined {
  const u = expressionUnit(expr, metrics);
  if (!u) return undefined;
  const match = (Object.keys(UNITS) as Unit[]).find((to) => {
    const f = unitFactor(u.unit, to);
    return f !== undefined && Math.abs(f - u.factor) <= 1e-9 * Math.max(1, f);
  });
  return match ? UNITS[match].grafana : undefined;
}

/** How an alert's panel looks; its query, thresholds, description and runbook link come from the alert. */
export interface AlertPanelLook {
  /** @default 'timeseries' */
  readonly kind?: 'timeseries' | 'stat' | 'gauge' | 'bargauge';
  /** @default the alert's name */
  readonly title?: string;
  /**
   * The unit of the quantity the alert compares: a watchkeeper unit (`count`, `ratio`, `s`, ...) or a Grafana
   * unit id (`short`, `percentunit`, `decbytes`). @default the metric catalogue's unit, else none
   */
  readonly unit?: string;
  /** Legend format of the query. @default none */
  readonly legend?: string;
  /** @default Grafana's: from the data */
  readonly min?: number;
  /** @default Grafana's: from the data */
  readonly max?: number;
  /** @default the kind's width */
  readonly width?: number;
}

/** A look's unit as Grafana's id: a watchkeeper unit by its Grafana id (`count` -> `short`), any other as it is. */
function grafanaUnit(unit: string | undefined): string | undefined {
  return unit !== undefined && Object.prototype.hasOwnProperty.call(UNITS, unit) ? UNITS[unit as Unit].grafana : unit;
}

/**
 * The panel of one alert: its rules of one query (`pick` chooses the query when the alert has several), shown
 * as `look` says, thresholds from the rules' levels.
 * @throws Error when the alert has no rules of one query with a numeric level (a programming error in a dashboard)
 */
export function alertPanel(
  rules: readonly AlertRule[],
  alert: string,
  look: AlertPanelLook,
  options: AlertPanelsOptions & { readonly pick?: (query: string) => boolean } = {},
): PanelSpec {
  const pick = options.pick ?? (() => true);
  const mine = rules.filter((r) => r.name === alert && pick(alertCondition(r.props.expr)?.query ?? r.props.expr));
  const panels = alertPanels(mine, { ...options, lookOf: () => look });
  if (panels.length !== 1 || !panels[0].thresholds)
    throw new Error(
      `alert ${alert}: expected the rules of one query with a numeric level, found ${panels.length} panels`,
    );
  return panels[0];
}
