/**
 * Benchmark (not a test): `watchkeeper lint` against `promtool check rules` on one big rule file.
 *
 *   npx tsx scripts/bench/lint-vs-promtool.ts [--rules 50000] [--runs 3] [--no-build] [--keep]
 *
 * Writes a rule file of `--rules` rules (scripts/bench/generate-rules.ts, about 13 MB for 50,000), then
 * times, alternately and `--runs` times each, the two commands as a CI job runs them — a fresh process
 * each, Node start-up included:
 *
 *   node bin/watchkeeper.js lint <file> --format json
 *   promtool check rules <file>
 *
 * and prints every time, the medians and their ratio. bin/watchkeeper.js runs the compiled code in lib/
 * (what `npm ci` builds); the script compiles the current sources into a temporary copy first, so neither
 * a stale lib/ nor TypeScript transpiling skews the result (`--no-build` uses the repository's bin as is).
 * Set PROMTOOL to use another promtool binary.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateRuleFile } from './generate-rules';

const ROOT = path.resolve(__dirname, '..', '..');
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';

interface Options {
  rules: number;
  runs: number;
  build: boolean;
  keep: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { rules: 50_000, runs: 3, build: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rules') options.rules = Number(argv[++i]);
    else if (a === '--runs') options.runs = Number(argv[++i]);
    else if (a === '--no-build') options.build = false;
    else if (a === '--keep') options.keep = true;
    else
      throw new Error(`unknown argument ${a}; usage: lint-vs-promtool.ts [--rules n] [--runs n] [--no-build] [--keep]`);
  }
  if (!Number.isInteger(options.rules) || options.rules < 1) throw new Error('--rules must be a whole number > 0');
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error('--runs must be a whole number > 0');
  return options;
}

/** A copy of bin/ with lib/ compiled and bundled from the current sources, beside links to node_modules and package.json. */
function stageBuild(dir: string): string {
  const started = Date.now();
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(
    process.execPath,
    [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(dir, 'lib')],
    { encoding: 'utf8' },
  );
  if (!fs.existsSync(path.join(dir, 'lib', 'cli', 'main.js'))) throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  // The bundled CLI, as `npm run build` makes it (bin/watchkeeper.js runs it when it is there).
  const b = spawnSync(
    process.execPath,
    [path.join(ROOT, 'scripts', 'build-cli.mjs'), '--outdir', path.join(dir, 'lib', 'bundle')],
    { encoding: 'utf8' },
  );
  if (b.status !== 0) throw new Error(`bundling failed:\n${b.stdout}${b.stderr}`);
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(ROOT, 'bin', 'watchkeeper.js'), path.join(dir, 'bin', 'watchkeeper.js'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  console.log(`compiled the sources into ${dir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return path.join(dir, 'bin', 'watchkeeper.js');
}

interface Timed {
  readonly seconds: number;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function time(command: string, args: readonly string[], cwd: string): Timed {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw new Error(`could not run ${command}: ${r.error.message}`);
  return { seconds, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-lint-bench-'));
  try {
    const file = path.join(dir, 'rules.yaml');
    fs.writeFileSync(file, generateRuleFile(options.rules));
    const mb = fs.statSync(file).size / 1024 / 1024;
    console.log(`rule file: ${file}, ${options.rules} rules, ${mb.toFixed(1)} MB`);
    const bin = options.build ? stageBuild(path.join(dir, 'build')) : path.join(ROOT, 'bin', 'watchkeeper.js');
    const promtoolVersion = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
    if (promtoolVersion.status !== 0) throw new Error(`${PROMTOOL} not found: install the Debian package "prometheus"`);
    console.log(
      `${promtoolVersion.stdout.split('\n')[0]}; node ${process.version}; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)}`,
    );

    const lint: number[] = [];
    const promtool: number[] = [];
    for (let run = 1; run <= options.runs; run++) {
      const l = time(process.execPath, [bin, 'lint', file, '--format', 'json'], dir);
      if (l.status !== 0) throw new Error(`lint exited ${l.status}:\n${l.stderr}${l.stdout.slice(0, 2000)}`);
      const summary = (JSON.parse(l.stdout) as { summary: { rules: number; errors: number; warnings: number } })
        .summary;
      if (summary.rules !== options.rules)
        throw new Error(`lint read ${summary.rules} rules, expected ${options.rules}`);
      const p = time(PROMTOOL, ['check', 'rules', file], dir);
      if (p.status !== 0) throw new Error(`promtool exited ${p.status}:\n${p.stdout}${p.stderr}`);
      lint.push(l.seconds);
      promtool.push(p.seconds);
      console.log(
        `run ${run}: watchkeeper lint ${l.seconds.toFixed(2)} s (${summary.rules} rules, ${summary.errors} errors, ${summary.warnings} warnings); promtool check rules ${p.seconds.toFixed(2)} s`,
      );
    }
    const l = median(lint);
    const p = median(promtool);
    console.log(
      `median: watchkeeper lint ${l.toFixed(2)} s, promtool check rules ${p.toFixed(2)} s, ratio lint/promtool ${(l / p).toFixed(2)}`,
    );
  } finally {
    if (options.keep) console.log(`kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
