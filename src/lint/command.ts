/**
 * `watchkeeper lint`: what the CLI calls after parsing arguments. Finds the configuration, lints, prints the
 * report and returns the exit code: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage
 * errors, a bad configuration or unreadable input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { LintConfigError, resolveLintConfig, type LintConfig } from '../checks/config';
import { findLintConfig, readLintConfigFile } from './config-file';
import { FORMATS, formatResult, type LintFormat } from './format';
import { escapeData } from './format/github';
import { lintPaths } from './lint-paths';
import { EXIT_CODES } from '../core/exit-codes';
import type { LintResult } from './types';

/** Options as the CLI parsed them. */
export interface LintCommandOptions {
  /** text, json, github or sarif. @default 'text' */
  readonly format?: string;
  /** A configuration file; otherwise `.watchkeeper.yaml` or package.json is searched from `cwd` up. */
  readonly config?: string;
  /** Overrides the configuration's prometheusVersion. */
  readonly prometheusVersion?: string;
  /** Exit 1 when there are more warnings than this. */
  readonly maxWarnings?: string | number;
  /** Colour the text report. @default false */
  readonly color?: boolean;
  /** Threads for the per-rule checks. @default automatic */
  readonly threads?: number;
  /** @default process.cwd() */
  readonly cwd?: string;
}

/** Where the report and messages go. */
export interface LintIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Runs `watchkeeper lint` on `paths`; returns the exit code. */
export function lintCommand(paths: readonly string[], options: LintCommandOptions, io: LintIo): number {
  const cwd = options.cwd ?? process.cwd();
  const format = (options.format ?? 'text') as LintFormat;
  if (!FORMATS.includes(format)) {
    io.err(`watchkeeper lint: --format must be one of ${FORMATS.join(', ')} (got ${JSON.stringify(options.format)})\n`);
    return EXIT_CODES.usage;
  }
  let maxWarnings: number | undefined;
  if (options.maxWarnings !== undefined) {
    maxWarnings = Number(options.maxWarnings);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      io.err(
        `watchkeeper lint: --max-warnings must be a whole number >= 0 (got ${JSON.stringify(options.maxWarnings)})\n`,
      );
      return EXIT_CODES.usage;
    }
  }
  if (paths.length === 0) {
    io.err('watchkeeper lint: name the rule files, directories or globs to lint\n');
    return EXIT_CODES.usage;
  }
  let config: LintConfig;
  try {
    const found = options.config
      ? { file: path.resolve(cwd, options.config), config: readLintConfigFile(path.resolve(cwd, options.config)) }
      : findLintConfig(cwd);
    config = found?.config ?? {};
    // Validate early, naming the file in messages.
    resolveLintConfig(config, found ? path.relative(cwd, found.file) || found.file : 'lint configuration');
    if (options.prometheusVersion !== undefined) {
      config = { ...config, prometheusVersion: options.prometheusVersion };
      resolveLintConfig(config, '--prometheus-version');
    }
    const { result: linted, problems } = lintPaths(paths, { config, cwd, threads: options.threads });
    for (const p of problems) io.err(`watchkeeper lint: ${p}\n`);
    // GitHub annotations and SARIF locations are resolved against the repository root, not the job's
    // working directory (a monorepo job with `working-directory:`).
    const result = format === 'github' || format === 'sarif' ? rebasePaths(linted, cwd, repositoryRoot(cwd)) : linted;
    if (problems.length > 0) {
      // Unreadable input: exit 2. Report what was read, but never "no problems".
      if (format === 'github') for (const p of problems) io.out(`::error title=watchkeeper lint::${escapeData(p)}\n`);
      if (format !== 'text' || result.diagnostics.length > 0)
        io.out(formatResult(result, format, { color: options.color, unreadable: problems.length }));
      return EXIT_CODES.usage;
    }
    io.out(formatResult(result, format, { color: options.color }));
    if (result.summary.errors > 0) return EXIT_CODES.problems;
    if (maxWarnings !== undefined && result.summary.warnings > maxWarnings) {
      io.err(`watchkeeper lint: ${result.summary.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return EXIT_CODES.problems;
    }
    return EXIT_CODES.ok;
  } catch (e) {
    if (e instanceof LintConfigError) {
      io.err(`watchkeeper lint: ${e.message}\n`);
      return EXIT_CODES.usage;
    }
    throw e;
  }
}

/**
 * The repository's root: GITHUB_WORKSPACE when set and holding `cwd`, else the nearest directory upwards
 * holding `.git`, else `cwd`.
 */
export function repositoryRoot(cwd: string, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const start = path.resolve(cwd);
  const workspace = env.GITHUB_WORKSPACE ? path.resolve(env.GITHUB_WORKSPACE) : undefined;
  if (workspace && (start === workspace || start.startsWith(workspace + path.sep))) return workspace;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/** Diagnostics' paths (relative to `cwd`) made relative to `root` when inside it, `/`-separated. */
export function rebasePaths(result: LintResult, cwd: string, root: string): LintResult {
  if (path.resolve(cwd) === path.resolve(root)) return result;
  const rebase = (file: string): string => {
    const abs = path.resolve(cwd, file);
    const rel = path.relative(root, abs);
    return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
  };
  return { ...result, diagnostics: result.diagnostics.map((d) => ({ ...d, file: rebase(d.file) })) };
}
