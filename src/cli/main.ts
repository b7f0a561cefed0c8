/**
 * The `watchkeeper` command line. Thin: parses arguments (commander) and calls the library.
 */
import { Command, CommanderError } from 'commander';
import { DEFAULT_PROMETHEUS_VERSION, validatePromQL } from '../promql';

/** Exit codes: 0 clean, 1 problems found, 2 usage error or unreadable input. */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const defaultIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export function run(argv: readonly string[], io: Io = defaultIo): number {
  let code: number = EXIT.ok;
  const program = new Command('watchkeeper')
    .description('Monitoring as code: synthesize and check Prometheus rules, Grafana dashboards and HPAs.')
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('check-expr')
    .description('check PromQL expressions as Prometheus would when loading them')
    .argument('<expr...>', 'PromQL expressions')
    .option('--prometheus-version <version>', 'the Prometheus release to check against', DEFAULT_PROMETHEUS_VERSION)
    .action((exprs: string[], opts: { prometheusVersion: string }) => {
      for (const expr of exprs) {
        const diagnostics = validatePromQL(expr, { prometheusVersion: opts.prometheusVersion });
        for (const d of diagnostics) io.out(`${JSON.stringify(expr)}:${d.line}:${d.column}: error: ${d.message}\n`);
        if (diagnostics.length > 0) code = EXIT.problems;
      }
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    io.err(`watchkeeper: ${e instanceof Error ? e.message : String(e)}\n`);
    if (program.opts().debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return EXIT.usage;
  }
  return code;
}
