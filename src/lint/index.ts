/**
 * lint/: `watchkeeper lint` — reads Prometheus rule files, PrometheusRule manifests, multi-document YAML and
 * Kubernetes Lists, runs the checks (docs/lint.md) and reports as text, JSON, GitHub annotations or SARIF.
 *
 * - `lintSources(sources, options)`, `lintFiles(map, options)`: lint contents in memory.
 * - `lintProblems(result)`: the errors as Problems (synth refuses to write what lint rejects).
 * - `lintPaths(patterns, options)`: files, directories and globs from disk.
 * - `lintCommand(paths, options, io)`: the CLI command (exit codes 0/1/2).
 * - `CHECKS`: every check with its default severity, doc and fix.
 * - `formatResult(result, format)`: text, json, github, sarif.
 * - `resolveLintConfig`, `findLintConfig`, `readLintConfigFile`: configuration.
 */
export * from './types';
export { CHECKS, findCheck, type CheckInfo } from '../checks/registry';
export * from '../checks/config';
export * from './config-file';
export { lintSources, lintFiles, lintProblems, compareDiagnostics, type LintSource, type LintOptions } from './lint';
export { lintPaths, MAX_FILE_BYTES, type LintPathsOptions, type LintPathsResult } from './lint-paths';
export { expandInputs, type ExpandedInputs, type InputFile } from './inputs';
export { lintCommand, type LintCommandOptions, type LintIo } from './command';
export {
  FORMATS,
  formatResult,
  formatText,
  formatJson,
  formatGithub,
  formatSarif,
  toSarif,
  type LintFormat,
} from './format';
