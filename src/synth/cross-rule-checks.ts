/**
 * rule/duplicate and rule/dependency over every PrometheusRule of the app, on the results the per-rule checks
 * kept. The rule files in `rules/` are one load set (a Prometheus that loads `rules/*.rules.yaml`), as
 * `watchkeeper lint` would treat them.
 */
import type { Problem } from '../core';
import { checkDependencies } from '../checks/dependency';
import { checkDuplicates } from '../checks/duplicate';
import { loadSetsOf } from '../checks/load-sets';
import { check as checkInfo } from '../checks/registry';
import { ruleCheckerFor } from '../checks/rule-checker';
import type { RuleFinding } from '../checks/rule-data';
import { findingSeverity } from '../checks/severity';
import type { DeclaredRule, RuleWarning } from '../rules';

/** Problems (errors) and warnings the cross-rule checks find. */
export function crossRuleChecks(
  rules: readonly DeclaredRule[],
  prometheusVersion?: string,
): { problems: Problem[]; warnings: RuleWarning[] } {
  const config = ruleCheckerFor(prometheusVersion).config;
  const problems: Problem[] = [];
  const warnings: RuleWarning[] = [];
  const report = (rule: DeclaredRule, f: RuleFinding): void => {
    const severity = findingSeverity(config, f);
    if (severity === undefined) return;
    const field = f.location.at === 'expr' ? 'expr' : rule.kind;
    const fix = f.fix ?? checkInfo(f.check).fix;
    if (severity === 'error')
      problems.push({
        where: rule.where,
        field: `group "${rule.group}" ${rule.kind} "${rule.name}" ${field}`,
        value: field === 'expr' ? rule.expr : rule.name,
        message: f.message,
        fix,
      });
    else
      warnings.push({
        where: rule.where,
        file: rule.file,
        group: rule.group,
        rule: rule.name,
        field,
        severity,
        check: f.check,
        message: f.message,
        fix,
      });
  };
  const checked = rules.map((rule) => ({ rule, facts: rule.result.facts }));
  const sets = new Map<string, string[]>();
  const setsOf = (rule: DeclaredRule): string[] => {
    let s = sets.get(rule.file);
    if (!s) sets.set(rule.file, (s = loadSetsOf({ path: rule.file, scope: 'rule-file' }, undefined)));
    return s;
  };
  checkDuplicates(report, checked, { setsOf, describe: (r) => `${r.file} (group "${r.group}")` });
  checkDependencies(report, checked);
  return { problems, warnings };
}
