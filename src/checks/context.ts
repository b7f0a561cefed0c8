/**
 * What every per-rule check gets: the configuration and where to report. Checks read plain rule data
 * ({@link RuleData}) and point at parts of the rule ({@link RuleLocation}), so they run the same in the main
 * thread and in a worker; the main thread turns locations into file positions (locate.ts).
 */
import type { Expr } from '../promql/ast';
import type { ResolvedLintConfig } from './config';
import type { FindingTier, RuleData, RuleFinding, RuleLocation } from './rule-data';
import type { CheckId, DiagnosticSeverity } from './types';

/** A rule with its parsed expression (absent when the expression is invalid). */
export interface AnalyzedRule {
  readonly rule: RuleData;
  readonly ast?: Expr;
}

/** The configuration and the report function. */
export interface CheckContext {
  readonly config: ResolvedLintConfig;
  readonly report: (finding: RuleFinding) => void;
}

/** Options of {@link emit}. */
export interface EmitOptions {
  readonly fix?: string;
  readonly severity?: DiagnosticSeverity;
  readonly fatal?: boolean;
  /** On from this preset (absent: always). */
  readonly tier?: FindingTier;
}

/** Reports a finding at `location` in the rule being checked. */
export function emit(
  ctx: CheckContext,
  check: CheckId,
  location: RuleLocation,
  message: string,
  options: EmitOptions = {},
): void {
  ctx.report({ check, message, location, ...options });
}

/** The rule's name (`alert: <here>`). */
export const AT_NAME: RuleLocation = { at: 'name' };
/** The rule's `for` value. */
export const AT_FOR: RuleLocation = { at: 'for' };

/** Character `offset` of the expression. */
export const atExpr = (offset: number): RuleLocation => ({ at: 'expr', offset });

/** A label or annotation: its key, or `offset` inside its value. */
export const atEntry = (where: 'label' | 'annotation', key: string, offset?: number): RuleLocation => ({
  at: where,
  key,
  offset,
});

/** The expression offset of a 1-based line and column (UTF-16) inside it. */
export function exprOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  return offset + column - 1;
}

/** The offset of a 1-based line and column (in code points) inside a template's text. */
export function templateOffset(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) break;
    offset = nl + 1;
  }
  for (let c = 1; c < column && offset < text.length; c++) {
    const code = text.codePointAt(offset) ?? 0;
    offset += code > 0xffff ? 2 : 1;
  }
  return offset;
}
