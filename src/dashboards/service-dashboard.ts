/**
 * A service's dashboard, generated from what the service declares: one row per section, one panel per
 * ThresholdMetric (its levels as thresholds), per alert (the alert's query with its comparison level as a
 * threshold) and per panel source (an SLO's panels). Every panel of an alert links to that alert's runbook.
 */
import { Construct } from 'constructs';
import { analyzePromQL, ast } from '../promql';
import { AlertRule, RuleGroup } from '../rules';
import { ThresholdMetric } from '../thresholds';
import { Dashboard, DashboardProps } from './dashboard';
import { IPanelSource, PanelSpec, isPanelSource } from './panel';
import { thresholdMetricPanel } from './threshold-panel';
import { SeverityLevel, levelSteps } from './thresholds';

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
    super(scope, id, { ...props, title: props.title ?? `${props.service}: service overview`, tags: [...new Set([...(props.tags ?? []), props.service])] });
    const shownByMetrics = (): Set<string> => new Set(props.sections.flatMap((s) => s.declarations).filter((d): d is ThresholdMetric => d instanceof ThresholdMetric).map((m) => m.alertName));
    for (const section of props.sections) {
      this.addRow(section.title, { collapsed: section.collapsed }).addPanel(declarationPanels(section.declarations, shownByMetrics));
    }
  }
}

/** The panels of some declarations, computed at synthesis; alerts named in `skip()` are left out. */
export function declarationPanels(declarations: readonly Declaration[], skip: () => ReadonlySet<string> = () => new Set()): IPanelSource {
  return {
    panels: () => {
      const skipped = skip();
      const out: PanelSpec[] = [];
      let pending: AlertRule[] = [];
      const flush = (): void => {
        out.push(...alertPanels(pending.filter((r) => !skipped.has(r.name))));
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
  if (right !== undefined && numberOf(tree.lhs) === undefined) return { query: expr.slice(tree.lhs.from, tree.lhs.to).trim(), op, value: right };
  const left = numberOf(tree.lhs);
  if (left !== undefined && right === undefined) return { query: expr.slice(tree.rhs.from, tree.rhs.to).trim(), op: FLIP[op], value: left };
  return undefined;
}

/** One panel per alert name and query: each rule's level a threshold, coloured by its severity label. */
export function alertPanels(rules: readonly AlertRule[]): PanelSpec[] {
  const groups = new Map<string, { rules: AlertRule[]; condition?: AlertCondition }>();
  for (const rule of rules) {
    const condition = alertCondition(rule.props.expr);
    const key = `${rule.name}\u0000${condition?.query ?? rule.props.expr}`;
    const g = groups.get(key) ?? { rules: [], condition };
    g.rules.push(rule);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ rules: rs, condition }) => {
    const first = rs[0];
    const conditions = rs.map((r) => alertCondition(r.props.expr)).filter((c): c is AlertCondition => c !== undefined);
    const dirs = new Set(conditions.map((c) => (c.op === '>' || c.op === '>=' ? 'above' : c.op === '<' || c.op === '<=' ? 'below' : 'equal')));
    const direction = dirs.size === 1 && !dirs.has('equal') ? ([...dirs][0] as 'above' | 'below') : undefined;
    const levels: SeverityLevel[] = rs.flatMap((r) => {
      const c = alertCondition(r.props.expr);
      return c ? [{ severity: r.props.labels?.severity ?? 'critical', value: c.value }] : [];
    });
    const distinct = new Set(levels.map((l) => l.value)).size === levels.length;
    const runbooks = [...new Set(rs.map((r) => r.props.annotations?.runbook_url).filter((u): u is string => !!u && !u.includes('{{')))];
    const when = rs.map((r) => {
      const c = alertCondition(r.props.expr);
      const sev = r.props.labels?.severity ?? 'unlabelled';
      return c ? `${sev} when ${c.op} ${c.value}${r.props.for ? ` for ${r.props.for}` : ''}` : `${sev} while this query returns series${r.props.for ? ` for ${r.props.for}` : ''}`;
    });
    // Go templates ({{ $value }}) mean nothing on a panel, and Grafana would read `$value` as a variable.
    const summary = first.props.annotations?.summary?.replace(/\{\{.*?\}\}/gs, '…');
    return {
      kind: 'timeseries' as const,
      title: first.name,
      description: `${summary ? `${summary}. ` : ''}Alert ${first.name}: ${when.join('; ')}.`,
      queries: [{ expr: condition?.query ?? first.props.expr }],
      ...(direction && distinct && levels.length === rs.length ? { thresholds: levelSteps(levels, direction) } : {}),
      links: runbooks.map((url) => ({ title: `Runbook: ${first.name}`, url })),
    };
  });
}
