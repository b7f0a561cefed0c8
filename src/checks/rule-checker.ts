/**
 * The per-rule checks with their results kept: a rule with the same content under the same configuration is
 * checked once (synth checks each rule as its PrometheusRule validates, and the cross-rule checks and the
 * report reuse the results; generated rule sets repeat rules).
 */
import { checkRule, type RuleCheckResult } from './check-rule';
import { resolveLintConfig, type ResolvedLintConfig } from './config';
import type { RuleData } from './rule-data';

/** Checks rules under one configuration, once per distinct rule. */
export class RuleChecker {
  private readonly results = new Map<string, RuleCheckResult>();

  constructor(readonly config: ResolvedLintConfig) {}

  /** The findings and facts of `rule` (facts for rule/duplicate included). */
  check(rule: RuleData): RuleCheckResult {
    const key = JSON.stringify([
      rule.kind,
      rule.name,
      rule.expr,
      rule.for ?? null,
      rule.labels,
      rule.annotations,
      rule.groupLabels,
    ]);
    let result = this.results.get(key);
    if (!result) {
      result = checkRule(this.config, rule, true);
      this.results.set(key, result);
    }
    return result;
  }
}

const checkers = new Map<string, RuleChecker>();

/** The shared checker for lint's default configuration targeting `prometheusVersion`. */
export function ruleCheckerFor(prometheusVersion?: string): RuleChecker {
  const key = prometheusVersion ?? '';
  let checker = checkers.get(key);
  if (!checker) {
    checker = new RuleChecker(resolveLintConfig(prometheusVersion === undefined ? {} : { prometheusVersion }));
    checkers.set(key, checker);
  }
  return checker;
}
