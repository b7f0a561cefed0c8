/**
 * Linting from disk: expand paths, read each file (refusing ones too large to lint), lint them together.
 */
import * as fs from 'fs';
import { describeError, expandInputs } from './inputs';
import { lintSources, type LintOptions, type LintSource } from './lint';
import type { LintResult } from './types';

/** Options of {@link lintPaths}. */
export interface LintPathsOptions extends LintOptions {
  /** Directory relative paths and globs resolve against, and diagnostics' paths are shown from. @default process.cwd() */
  readonly cwd?: string;
  /** Files larger than this are not read (a problem is reported). @default 64 MiB */
  readonly maxFileBytes?: number;
}

/** The result, and the inputs that could not be read (the CLI exits 2 when there are any). */
export interface LintPathsResult {
  readonly result: LintResult;
  readonly problems: string[];
}

/** Default largest file read: far beyond any rule file, small enough to fail fast on the wrong input. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * Lints files, directories and globs.
 * @throws LintConfigError when the configuration is invalid.
 */
export function lintPaths(patterns: readonly string[], options: LintPathsOptions = {}): LintPathsResult {
  const cwd = options.cwd ?? process.cwd();
  const limit = options.maxFileBytes ?? MAX_FILE_BYTES;
  const { files, problems } = expandInputs(patterns, cwd);
  const sources: LintSource[] = [];
  for (const f of files) {
    try {
      const size = fs.statSync(f.path).size;
      if (size > limit) {
        problems.push(
          `${f.display}: ${(size / 1024 / 1024).toFixed(1)} MB, larger than the ${(limit / 1024 / 1024).toFixed(0)} MB lint reads; not a rule file?`,
        );
        continue;
      }
      sources.push({ path: f.display, content: fs.readFileSync(f.path), explicit: f.explicit });
    } catch (e) {
      problems.push(`${f.display}: ${describeError(e)}`);
    }
  }
  return { result: lintSources(sources, options), problems };
}
