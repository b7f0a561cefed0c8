import { WatchkeeperError } from '../core';
import { SynthReport, formatSynthReport } from './synth-report';
import type { SynthPhase, WatchkeeperApp } from './watchkeeper-app';

/** Where synthApp writes its report. */
export interface SynthAppOptions {
  /** Show stack traces. @default true when argv has `--debug` or WATCHKEEPER_DEBUG=1 */
  readonly debug?: boolean;
  /** @default process.stderr */
  readonly err?: (text: string) => void;
  /** Where the summary of a successful synth (and progress) goes. @default process.stdout */
  readonly out?: (text: string) => void;
  /**
   * Print nothing on success (errors are still printed).
   * @default true when argv has `--quiet` or WATCHKEEPER_QUIET=1
   */
  readonly quiet?: boolean;
  /**
   * Show the phase as one line redrawn with `\r` once the synth has run for `progressAfterMs`.
   * @default true when printing to process.stdout and it is a terminal (never in CI logs); false with `out`
   */
  readonly progress?: boolean;
  /** @default 1000 */
  readonly progressAfterMs?: number;
}

/**
 * The entry point for an app's main file: synthesizes; on success prints what it wrote (files by kind: added,
 * changed, unchanged, removed; lint warnings; time) unless quiet; on failure prints every problem (no stack
 * trace unless debugging) and returns exit code 1, leaving the previous output directory as it was.
 * Usage: `process.exitCode = synthApp(app);`
 */
export function synthApp(app: WatchkeeperApp, options: SynthAppOptions = {}): number {
  const err = options.err ?? ((t: string) => process.stderr.write(t));
  const debug = options.debug ?? (process.argv.includes('--debug') || process.env.WATCHKEEPER_DEBUG === '1');
  const quiet = options.quiet ?? (process.argv.includes('--quiet') || process.env.WATCHKEEPER_QUIET === '1');
  const out = options.out ?? ((t: string) => process.stdout.write(t));
  const showProgress = !quiet && (options.progress ?? (options.out === undefined && process.stdout.isTTY === true));
  const progress = showProgress ? progressLine(out, options.progressAfterMs ?? 1000) : undefined;
  let report: SynthReport;
  try {
    report = app.synth({ onProgress: progress?.update });
  } catch (e) {
    progress?.clear();
    const message = e instanceof Error ? e.message : String(e);
    err(`watchkeeper synth failed; ${app.outdir} was left as it was.\n${message}\n`);
    if (!(e instanceof WatchkeeperError) && !debug)
      err('(an internal error: run with --debug or WATCHKEEPER_DEBUG=1 for the stack trace)\n');
    if (debug && e instanceof Error && e.stack) err(`${e.stack}\n`);
    return 1;
  }
  progress?.clear();
  if (!quiet) out(formatSynthReport(report));
  return 0;
}

/**
 * One status line, redrawn in place (`\r`, erase to end of line): nothing until the run has taken `afterMs`,
 * then each phase as it starts and its counts at most ten times a second.
 */
function progressLine(
  write: (text: string) => void,
  afterMs: number,
): { update: (phase: SynthPhase, done?: number, total?: number) => void; clear: () => void } {
  const start = Date.now();
  let drawn = false;
  let lastPhase: SynthPhase | undefined;
  let lastDraw = 0;
  return {
    update: (phase, done, total) => {
      const now = Date.now();
      if (now - start < afterMs) return;
      if (phase === lastPhase && now - lastDraw < 100 && done !== total) return;
      lastPhase = phase;
      lastDraw = now;
      drawn = true;
      write(
        `\rwatchkeeper synth: ${phase}${done !== undefined && total !== undefined ? ` ${done}/${total}` : ''}...\x1b[K`,
      );
    },
    clear: () => {
      if (drawn) write('\r\x1b[K');
      drawn = false;
    },
  };
}
