/**
 * `rule/dependency`: expressions that read a recording rule's output (a name with ":", by Prometheus's
 * naming convention reserved for recording rules) that no file being linted defines.
 */
import { locate } from '../locate';
import type { LintRule, Report } from '../rule-model';
import type { RuleFacts } from './facts';

/** Reports reads of undefined recording rules. */
export function checkDependencies(report: Report, rules: ReadonlyArray<{ readonly rule: LintRule; readonly facts: RuleFacts }>): void {
  const defined = new Set<string>();
  for (const { rule } of rules) if (rule.kind === 'record') defined.add(rule.name);
  for (const { rule, facts } of rules) {
    for (const read of facts.reads) {
      if (defined.has(read.name)) continue;
      report({
        check: 'rule/dependency',
        message: `reads "${read.name}", a recording rule (its name has ":") that no linted file defines`,
        fix: 'lint the file that defines it too, or correct the name',
        file: rule.group.file,
        position: locate(rule, { at: 'expr', offset: read.offset }),
        group: rule.group.name,
        rule,
      });
    }
  }
}
