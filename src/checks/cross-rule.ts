/**
 * What the checks across rules (rule/duplicate, rule/dependency) need from whoever runs them: which rules load
 * together and how to name a rule in a message. Lint answers with files and positions, synth with constructs.
 */
import type { RuleData, RuleFinding } from './rule-data';

/** Where a cross-rule finding goes: the rule it is about and the finding. */
export type CrossRuleReport<R extends RuleData> = (rule: R, finding: RuleFinding) => void;

/** How the caller's rules are grouped and named. */
export interface CrossRuleOptions<R extends RuleData> {
  /** The load sets a rule belongs to (see load-sets.ts); rules are compared only within a set. */
  readonly setsOf: (rule: R) => readonly string[];
  /** A rule as named in a message about another, e.g. `rules.yaml:3:5 (group "api")`. */
  readonly describe: (rule: R) => string;
}
