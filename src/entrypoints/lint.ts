/**
 * `watchkeeper/lint`: the rule-file linter behind `watchkeeper lint`, for code that lints rule files and
 * PrometheusRule manifests without the constructs (docs/lint.md, "From code and synth").
 *
 * - {@link lintFiles}, {@link lintSources}: lint contents in memory; {@link lintPaths}: files, directories, globs.
 * - {@link lintProblems}: a result's errors as watchkeeper `Problem`s.
 * - {@link formatResult}: text, json, github or sarif, as the CLI prints them.
 * - {@link CHECKS}, {@link findCheck}: every check with its default severity, doc and fix.
 * - {@link resolveLintConfig}, {@link findLintConfig}, {@link readLintConfigFile}: configuration.
 *
 * The report of this entry point is api/watchkeeper-lint.api.md.
 * @packageDocumentation
 */
export {
  lintFiles,
  lintSources,
  lintPaths,
  lintProblems,
  formatResult,
  FORMATS,
  CHECKS,
  findCheck,
  PRESETS,
  resolveLintConfig,
  findLintConfig,
  readLintConfigFile,
  LintConfigError,
  type LintSource,
  type LintOptions,
  type ParallelOptions,
  type LintPathsOptions,
  type LintPathsResult,
  type LintResult,
  type LintDiagnostic,
  type LintSummary,
  type LintFormat,
  type CheckInfo,
  type CheckId,
  type DiagnosticSeverity,
  type SeveritySetting,
  type LintConfig,
  type LintPreset,
  type LintMetricType,
  type RequiredPolicy,
  type NamingPolicy,
  type ResolvedLintConfig,
  type FoundConfig,
} from '../lint';
export type { LoadSetConfig, ResolvedLoadSet } from '../checks/load-sets';
export type { PrometheusVersion } from '../promql';
export type { Problem } from '../core';
