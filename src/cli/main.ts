/**
 * The `watchkeeper` command line. Thin: parses arguments (commander) and calls the library.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from '../core/exit-codes';
import { DEFAULT_PROMETHEUS_VERSION } from '../promql/version';

/*
 * Each command's module is loaded when that command runs, not at start-up: `watchkeeper lint` loads the
 * linter and nothing of synth, diff or init (start-up is most of a small lint's time). The bundled CLI
 * (scripts/build-cli.mjs) builds each of these requires as a bundle of its own beside the CLI's.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const commands = {
  checkExpr: () => require('../promql') as typeof import('../promql'),
  lint: () => require('../lint/command') as typeof import('../lint/command'),
  synth: () => require('./synth-command') as typeof import('./synth-command'),
  test: () => require('./test-command') as typeof import('./test-command'),
  diff: () => require('./diff-command') as typeof import('./diff-command'),
  init: () => require('./init-command') as typeof import('./init-command'),
  metrics: () => require('./metrics-command') as typeof import('./metrics-command'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether `out` is a terminal (colour). @default false */
  readonly isTTY?: boolean;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: process.stdout.isTTY === true,
};

/** The package's root: src/cli or lib/cli are two levels below it, in this repository and when installed. */
const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
/** The docs folder that ships with the package (an absolute path, so links work wherever it is installed). */
const PACKAGE_DOCS = path.join(PACKAGE_ROOT, 'docs');

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export function run(argv: readonly string[], io: Io = defaultIo): number {
  let code: number = EXIT_CODES.ok;
  const program = new Command('watchkeeper')
    .description('Monitoring as code: synthesize and check Prometheus rules, Grafana dashboards and HPAs.')
    .version(packageVersion(), '-V, --version', 'print the watchkeeper version')
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('check-expr')
    .description('check PromQL expressions as Prometheus would when loading them')
    .argument('<expr...>', 'PromQL expressions')
    .option('--prometheus-version <version>', 'the Prometheus release to check against', DEFAULT_PROMETHEUS_VERSION)
    .action((exprs: string[], opts: { prometheusVersion: string }) => {
      const { checkPromQL } = commands.checkExpr();
      for (const expr of exprs) {
        const diagnostics = checkPromQL(expr, { prometheusVersion: opts.prometheusVersion });
        for (const d of diagnostics) io.out(`${JSON.stringify(expr)}:${d.line}:${d.column}: error: ${d.message}\n`);
        if (diagnostics.length > 0) code = EXIT_CODES.problems;
      }
    });

  program
    .command('lint')
    .description(`lint Prometheus rule files and PrometheusRule manifests (checks: ${PACKAGE_DOCS}/lint.md)`)
    .argument('<paths...>', 'rule files, directories (searched for .yaml/.yml) or globs')
    .option('-f, --format <format>', 'report format: text, json, github or sarif', 'text')
    .option(
      '-c, --config <file>',
      'configuration file (default: .watchkeeper.yaml or package.json "watchkeeper", searched upwards)',
    )
    .option('--prometheus-version <version>', 'the Prometheus release rules must load in (overrides the configuration)')
    .option('--max-warnings <n>', 'exit 1 when there are more than n warnings')
    .option('--color', 'colour the text report (default: on a terminal, unless NO_COLOR is set)')
    .option('--no-color', 'never colour the text report')
    .action(
      (
        paths: string[],
        opts: { format: string; config?: string; prometheusVersion?: string; maxWarnings?: string; color?: boolean },
      ) => {
        const color = opts.color ?? (io.isTTY === true && !process.env.NO_COLOR);
        code = commands.lint().lintCommand(paths, { ...opts, color }, io);
      },
    );

  program
    .command('synth')
    .description("run the app named by cdk8s.yaml's app: (or --app) and write its output")
    .option('--app <command>', 'the app command, e.g. "npx tsx main.ts" (default: cdk8s.yaml app:)')
    .option('-o, --output <dir>', 'output directory, passed as CDK8S_OUTDIR (default: cdk8s.yaml output:, else dist)')
    .option('-q, --quiet', 'print nothing on success (errors are still printed)')
    .action((opts: { app?: string; output?: string; quiet?: boolean }) => {
      code = commands.synth().synthCommand(opts, io);
    });

  program
    .command('test')
    .description('synthesize, then run promtool test rules on every test file under <output>/tests/')
    .argument('[paths...]', 'test files or directories (default: <output>/tests, after synthesizing)')
    .option('--app <command>', 'the app command (default: cdk8s.yaml app:)')
    .option('-o, --output <dir>', 'output directory (default: cdk8s.yaml output:, else dist)')
    .option('--no-synth', 'test the output directory as it is')
    .option('--promtool <path>', 'the promtool command (default: $PROMTOOL, else promtool on PATH)')
    .action((paths: string[], opts: { app?: string; output?: string; synth: boolean; promtool?: string }) => {
      code = commands.test().testCommand(paths, opts, io);
    });

  program
    .command('diff')
    .description(
      'what a change does to monitoring: the app now against dist/, against a git ref (--ref), or two output folders',
    )
    .argument('[dirs...]', 'two output folders (before, after); with --ref, at most the "after" folder')
    .option('--ref <ref>', 'compare with the app at this git ref, synthesized in a temporary git worktree')
    .option('-f, --format <format>', 'text or markdown (a pull-request comment)', 'text')
    .option('--exit-code', 'exit 1 when there are changes, as git diff --exit-code')
    .option('--app <command>', 'the app command (default: cdk8s.yaml app:)')
    .option('-o, --output <dir>', 'the previous output folder (default: cdk8s.yaml output:, else dist)')
    .action(
      (dirs: string[], opts: { ref?: string; format: string; exitCode?: boolean; app?: string; output?: string }) => {
        code = commands.diff().diffCommand(dirs, opts, io);
      },
    );

  program
    .command('init')
    .description('scaffold an infra repo: package.json, tsconfig, cdk8s.yaml, main.ts with an alert test, CI workflow')
    .argument('[dir]', 'the folder (default: the current folder)')
    .option('--name <name>', 'package name (default: the folder name)')
    .option(
      '--watchkeeper-spec <spec>',
      'the watchkeeper dependency, e.g. file:/path/to/watchkeeper-0.1.0.tgz (default: ^<this version>)',
    )
    .option('--force', 'overwrite existing files')
    .action((dir: string | undefined, opts: { name?: string; watchkeeperSpec?: string; force?: boolean }) => {
      code = commands.init().initCommand(dir, opts, io);
    });

  program
    .command('metrics')
    .description('metric catalogues: typed metric values for queries and synth checks')
    .command('import')
    .description(
      'write a TypeScript module of metric values from /metrics exposition text or /api/v1/metadata and /api/v1/series JSON',
    )
    .argument('<files...>', 'saved /metrics output, or Prometheus API JSON (metadata, series)')
    .option('--out <file>', 'the module to write (default: print it)')
    .option('--from <module>', 'where the module imports watchkeeper from', 'watchkeeper')
    .option('--namespace <prefix...>', "name prefixes the catalogue covers (default: each metric name's first word)")
    .action((files: string[], opts: { out?: string; from: string; namespace?: string[] }) => {
      code = commands.metrics().metricsImportCommand(files, opts, io);
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    io.err(`watchkeeper: ${e instanceof Error ? e.message : String(e)}\n`);
    if (program.opts().debug && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    return EXIT_CODES.usage;
  }
  return code;
}
