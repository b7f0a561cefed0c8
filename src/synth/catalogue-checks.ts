/**
 * Every selector of the app checked against its metric catalogue (WatchkeeperApp's `metrics`, or the
 * construct context, see metrics/settings.ts): rule expressions (alerts, recording rules, threshold alerts),
 * SLIs (checked as written, on the SloRules construct, rather than through the rules made from them) and
 * dashboard panel queries. The rule for what is judged is metrics/check.ts's: metrics the catalogue covers;
 * the app's own recorded series are known.
 */
import type { IConstruct } from 'constructs';
import { Problem, constructsOfType, isRefused } from '../core';
import { Dashboard, interpolateSamples } from '../dashboards';
import { CatalogueChecker, CatalogueSetting } from '../metrics';
import { PrometheusRule } from '../rules';
import { SloRules, type SliDefinition } from '../slo';

/** The problems the catalogue finds in the app under `root`. */
export function catalogueProblems(root: IConstruct, setting: CatalogueSetting): Problem[] {
  const rules = constructsOfType(root, PrometheusRule);
  const known = new Set<string>();
  for (const r of rules)
    for (const g of r.ruleGroups) for (const rule of g.rules) if (rule.kind === 'record') known.add(rule.name);
  const checker = new CatalogueChecker(setting, known);
  const problems: Problem[] = [];
  const check = (where: string, field: string, value: string, text = value): void => {
    for (const f of checker.check(text))
      problems.push({
        where,
        field,
        value,
        message: f.text === text.trim() ? f.message : `${f.message}, in ${f.text}`,
        fix: f.fix,
      });
  };
  const skip = new Set<PrometheusRule>();
  for (const s of constructsOfType(root, SloRules)) {
    skip.add(s.prometheusRule);
    for (const slo of s.slos) {
      // A refused SLO reported its mistakes already.
      if (slo.refused) continue;
      for (const [field, text] of sliQueries(slo.props.sli))
        check(
          s.node.path,
          `slo "${slo.props.service}/${slo.props.name}" sli.${field}`,
          text,
          text.split('$window').join('5m'),
        );
    }
  }
  for (const r of rules) {
    if (skip.has(r) || isRefused(r)) continue;
    for (const g of r.ruleGroups) {
      for (const rule of g.rules)
        check(r.node.path, `group "${g.name}" ${rule.kind} "${rule.name}" expr`, rule.props.expr);
    }
  }
  for (const d of constructsOfType(root, Dashboard)) {
    if (isRefused(d)) continue;
    panelQueries(d.toJson(), (field, expr) => check(d.node.path, field, expr, interpolateSamples(expr)));
  }
  return problems;
}

/** An SLI's query fields, as written. */
function sliQueries(sli: SliDefinition): Array<[string, string]> {
  switch (sli.kind) {
    case 'events':
      return [
        ['errors', sli.errors],
        ['total', sli.total],
      ];
    case 'good-total':
      return [
        ['good', sli.good],
        ['total', sli.total],
      ];
    case 'latency':
      return [['histogram', sli.histogram]];
    case 'error-ratio':
      return [['expr', sli.expr]];
  }
}

/** Each Prometheus target of a dashboard's panels (rows' panels included), with its field path. */
function panelQueries(json: unknown, visit: (field: string, expr: string) => void): void {
  const panels = (json as { panels?: unknown }).panels;
  if (!Array.isArray(panels)) return;
  const walk = (list: unknown[], path: string): void => {
    list.forEach((p, i) => {
      if (!p || typeof p !== 'object') return;
      const panel = p as { title?: unknown; targets?: unknown; panels?: unknown };
      const here = `${path}[${i}]${typeof panel.title === 'string' ? ` "${panel.title}"` : ''}`;
      if (Array.isArray(panel.targets)) {
        panel.targets.forEach((t: unknown, j) => {
          const expr = (t as { expr?: unknown } | null)?.expr;
          if (typeof expr === 'string') visit(`${here} targets[${j}].expr`, expr);
        });
      }
      if (Array.isArray(panel.panels)) walk(panel.panels, `${here} panels`);
    });
  };
  walk(panels, 'panels');
}
