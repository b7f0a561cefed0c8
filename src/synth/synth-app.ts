import { WatchkeeperError } from '../core';
import { WatchkeeperApp } from './watchkeeper-app';

/** Where synthApp writes its report. */
export interface SynthAppOptions {
  /** Show stack traces. @default true when argv has `--debug` or WATCHKEEPER_DEBUG=1 */
  readonly debug?: boolean;
  /** @default process.stderr */
  readonly err?: (text: string) => void;
}

/**
 * The entry point for an app's main file: synthesizes, and on failure prints every problem (no stack trace
 * unless debugging) and returns exit code 1, leaving the previous output directory as it was.
 * Usage: `process.exitCode = synthApp(app);`
 */
export function synthApp(app: WatchkeeperApp, options: SynthAppOptions = {}): number {
  const err = options.err ?? ((t: string) => process.stderr.write(t));
  const debug = options.debug ?? (process.argv.includes('--debug') || process.env.WATCHKEEPER_DEBUG === '1');
  try {
    app.synth();
    return 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    err(`watchkeeper synth failed; ${app.outdir} was left as it was.\n${message}\n`);
    if (!(e instanceof WatchkeeperError) && !debug) err('(an internal error: run with --debug or WATCHKEEPER_DEBUG=1 for the stack trace)\n');
    if (debug && e instanceof Error && e.stack) err(`${e.stack}\n`);
    return 1;
  }
}
