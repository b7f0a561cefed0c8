/**
 * The shapes `watchkeeper lint` produces: diagnostics and the result of a run.
 */

import type { CheckId, DiagnosticSeverity } from '../checks/types';

export type { CheckId, DiagnosticSeverity, SeveritySetting } from '../checks/types';

/**
 * One finding. This is the JSON contract (docs/lint.md): `file`, `line`, `column`, `severity`,
 * `check`, `message`, `group`, `rule`, plus `fix`, a one-line hint.
 */
export interface LintDiagnostic {
  /** The file, relative to the working directory when inside it, with `/` separators. */
  readonly file: string;
  /** 1-based line in the file. */
  readonly line: number;
  /** 1-based column in the file, in Unicode code points. */
  readonly column: number;
  readonly severity: DiagnosticSeverity;
  readonly check: CheckId;
  readonly message: string;
  /** The rule group's name, or null for findings outside a group. */
  readonly group: string | null;
  /** The alert or record name, or null for findings outside a rule. */
  readonly rule: string | null;
  /** How to fix it. */
  readonly fix: string;
}

/** Counts over a run. */
export interface LintSummary {
  /** Files read. */
  readonly files: number;
  /** Rule groups and rules checked. */
  readonly groups: number;
  readonly rules: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** The outcome of linting. */
export interface LintResult {
  /** Sorted by file, line, column, check. */
  readonly diagnostics: LintDiagnostic[];
  readonly summary: LintSummary;
}

/** How the per-rule checks are spread over threads. */
export interface ParallelOptions {
  /**
   * Threads for the per-rule checks, this one included; 1 checks everything in this thread.
   * @default 2 when the input is larger than 2 MB and the machine has more than one core, else 1
   */
  readonly threads?: number;
}
