/** Helpers for the lint tests: lint YAML text in memory, pick diagnostics. */
import { lintSources, type LintConfig, type LintDiagnostic, type LintResult } from '../../src/lint';

/**
 * Lints one in-memory file (`rules.yaml` unless named), with the `strict` preset unless `config` names one:
 * the tests of each check see all its findings; test/lint/presets.test.ts tests what each preset keeps.
 */
export function lintText(text: string, config: LintConfig = {}, path = 'rules.yaml'): LintResult {
  return lintSources([{ path, content: text }], { config: { preset: 'strict', ...config }, threads: 1 });
}

/** The diagnostics of one check. */
export function only(result: LintResult, check: string): LintDiagnostic[] {
  return result.diagnostics.filter((d) => d.check === check);
}

/** `line:column check message` lines, for compact assertions. */
export function brief(result: LintResult, check?: string): string[] {
  return result.diagnostics
    .filter((d) => !check || d.check === check)
    .map((d) => `${d.line}:${d.column} ${d.severity} ${d.check} ${d.message}`);
}

/** A rule file with one group holding `rules` (YAML lines, already indented for a rules list at 4). */
export function ruleFile(...rules: string[]): string {
  return [
    'groups:',
    '  - name: g',
    '    rules:',
    ...rules.flatMap((r) => r.split('\n').map((l) => `      ${l}`)),
    '',
  ].join('\n');
}

/** A policy-clean alert with `expr` (and extra YAML lines). */
export function alert(name: string, expr: string, ...extra: string[]): string {
  return [
    `- alert: ${name}`,
    `  expr: ${expr}`,
    '  for: 5m',
    '  labels:',
    '    severity: warning',
    '  annotations:',
    '    summary: s',
    '    description: d',
    '    runbook_url: https://runbooks.example.com/x',
    ...extra.map((l) => `  ${l}`),
  ].join('\n');
}
