/**
 * Errors thrown while an app's main file declares it, reported as a failed synth is: every problem, no stack
 * trace. Below WatchkeeperApp (which installs it) and synthApp (which formats failures the same way).
 */
import { Problem, ProblemCollector, WatchkeeperError, formatProblem } from '../core';

/** What the report needs of the app being declared. */
export interface DeclaringApp {
  /** Problems recorded while declaring. */
  readonly problems: ProblemCollector;
  readonly outdir: string;
}

let declaring: DeclaringApp | undefined;
let installed = false;

/**
 * Reports an error thrown while an app's main file declares it (before synthApp runs) the way synthApp reports
 * a failed synth: every problem the app recorded so far plus the error's own, no stack trace unless debugging,
 * exit code 1. Installed once per process by the first WatchkeeperApp; not under a test runner (Jest), which
 * reports uncaught errors itself. Errors unrelated to an app keep Node's default report (stack, exit 1).
 */
export function reportDeclarationErrors(app: DeclaringApp): void {
  declaring = app;
  if (installed || process.env.JEST_WORKER_ID !== undefined) return;
  installed = true;
  process.on('uncaughtException', (e: unknown) => {
    const debug = process.argv.includes('--debug') || process.env.WATCHKEEPER_DEBUG === '1';
    const all = new ProblemCollector();
    all.add(declaring?.problems.problems ?? []);
    if (e instanceof WatchkeeperError) all.add(e.problems);
    if (all.problems.length === 0) {
      process.stderr.write(`${e instanceof Error && e.stack ? e.stack : String(e)}\n`);
      process.exit(1);
    }
    process.stderr.write(`${declarationReport(all.problems, e, declaring?.outdir)}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 1;
  });
}

/** The report of a declaration stopped by `error`, after `problems` were recorded. */
export function declarationReport(
  problems: readonly Problem[],
  error: unknown,
  outdir = 'the output directory',
): string {
  const lines = [
    `watchkeeper synth failed; ${outdir} was left as it was.`,
    `synth failed: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
  ];
  lines.push(...problems.map((p) => `  ${formatProblem(p)}`));
  if (!(error instanceof WatchkeeperError)) {
    lines.push(`Declaring the app then stopped at: ${error instanceof Error ? error.message : String(error)}`);
    lines.push(
      '(most likely a consequence of the problems above; run with --debug or WATCHKEEPER_DEBUG=1 for the stack trace)',
    );
  }
  return lines.join('\n');
}
