/**
 * Every per-rule check on one rule's data: parse the expression once (cached across rules), then run the
 * checks on the tree. Pure: the same input gives the same findings in any thread.
 */
import type { Expr } from '../promql/ast';
import { analyzePromQL, type PromQLDiagnostic } from '../promql/check-promql';
import type { RuleData, RuleFinding } from './rule-data';
import { checkComparison } from './comparison';
import type { AnalyzedRule, CheckContext } from './context';
import { ruleFacts, type RuleFacts } from './facts';
import { checkFragile } from './fragile';
import { checkNames } from './name';
import { checkSyntax } from './promql-syntax';
import { checkRate } from './rate';
import { checkRegexp } from './regexp';
import { checkRequired } from './required';
import { checkTemplates } from './template';

/** The findings of one rule and the facts the cross-rule checks need. */
export interface RuleCheckResult {
  readonly findings: RuleFinding[];
  readonly facts: RuleFacts;
}

/**
 * Runs every per-rule check on `rule`. `compared`: another rule has the same name and labels, so
 * rule/duplicate needs the label values the expression pins.
 */
export function checkRule(config: CheckContext['config'], rule: RuleData, compared = true): RuleCheckResult {
  const findings: RuleFinding[] = [];
  const ctx: CheckContext = { config, report: (f) => findings.push(f) };
  if (rule.expr === '') {
    // rulefmt's own check, before any parsing: the expression is what Prometheus refuses.
    findings.push({
      check: 'promql/syntax',
      message: "field 'expr' must be set in rule",
      fatal: true,
      location: { at: 'expr', offset: 0 },
      fix: 'write the PromQL expression',
    });
    return { findings, facts: ruleFacts(undefined, '', false) };
  }
  let diagnostics: readonly PromQLDiagnostic[] = [];
  let ast: Expr | undefined;
  try {
    const result = analyzePromQL(rule.expr, { prometheusVersion: config.prometheusVersion });
    diagnostics = result.diagnostics;
    ast = result.ast;
  } catch (e) {
    findings.push({
      check: 'promql/syntax',
      message: `the expression could not be checked: ${e instanceof Error ? e.message : String(e)}`,
      severity: 'warning',
      location: { at: 'expr', offset: 0 },
    });
  }
  checkSyntax(ctx, rule, diagnostics);
  const analyzed: AnalyzedRule = { rule, ast };
  checkNames(ctx, rule);
  checkTemplates(ctx, analyzed);
  checkComparison(ctx, analyzed);
  checkRequired(ctx, rule);
  checkRate(ctx, analyzed);
  checkRegexp(ctx, analyzed);
  checkFragile(ctx, analyzed);
  return { findings, facts: ruleFacts(ast, rule.expr, compared) };
}
