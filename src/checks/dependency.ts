/**
 * `rule/dependency`: expressions that read a recording rule's output (a name with ":", by Prometheus's
 * naming convention reserved for recording rules) that no file being linted defines.
 */
import type { CrossRuleReport } from './cross-rule';
import type { RuleFacts } from './facts';
import type { RuleData } from './rule-data';

/** Reports reads of undefined recording rules. */
export function checkDependencies<R extends RuleData>(
  report: CrossRuleReport<R>,
  rules: ReadonlyArray<{ readonly rule: R; readonly facts: RuleFacts }>,
  setsOf?: (rule: R) => readonly string[],
): void {
  const defined = new Set<string>();
  const sets = (rule: R): readonly string[] => (setsOf ? setsOf(rule) : ['']);
  for (const { rule } of rules)
    if (rule.kind === 'record') for (const s of sets(rule)) defined.add(`${s}\u0000${rule.name}`);
  for (const { rule, facts } of rules) {
    for (const read of facts.reads) {
      if (sets(rule).some((s) => defined.has(`${s}\u0000${read.name}`))) continue;
      report(rule, {
        check: 'rule/dependency',
        message: setsOf
          ? `reads "${read.name}", a recording rule (its name has ":") that no file of its load set defines`
          : `reads "${read.name}", a recording rule (its name has ":") that no linted file defines`,
        fix: 'lint the file that defines it too, or correct the name',
        location: { at: 'expr', offset: read.offset },
      });
    }
  }
}
