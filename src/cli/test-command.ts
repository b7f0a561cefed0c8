/**
 * `watchkeeper test`: synthesizes (when the project has an app), then runs `promtool test rules` on every
 * test file under `<output>/tests/` and prints each test's result; on failure, expected against got in the
 * test's terms. promtool runs from argv arrays, never through a shell.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { explainFailure, parsePromtoolFailures } from '../testing/promtool-output';
import { CommandIo, readCdk8sConfig, resolveApp, runApp } from './synth-command';

/** Options of `watchkeeper test`. */
export interface TestCommandOptions {
  /** Synthesize first (when there is an app to run). @default true */
  readonly synth?: boolean;
  /** The app command. @default cdk8s.yaml's `app:` */
  readonly app?: string;
  /** The output directory. @default cdk8s.yaml's `output:`, else `dist` */
  readonly output?: string;
  /** The promtool command. @default $PROMTOOL, else `promtool` on PATH */
  readonly promtool?: string;
  readonly cwd?: string;
}

/** How to get promtool, printed when it is missing. */
export const PROMTOOL_INSTALL_HELP = [
  'promtool is needed to run alert tests and was not found.',
  'Install it:',
  '  Debian/Ubuntu:   sudo apt-get install prometheus      (promtool comes with the prometheus package)',
  '  any Linux/macOS: download a release from https://prometheus.io/download/, unpack it and put the',
  '                   promtool binary on PATH (e.g. tar xzf prometheus-*.tar.gz && cp prometheus-*/promtool /usr/local/bin/)',
  '  macOS:           brew install prometheus',
  'or say where it is: --promtool /path/to/promtool, or PROMTOOL=/path/to/promtool.',
].join('\n');

/** The promtool command to run, or undefined when there is none. */
export function findPromtool(explicit?: string): string | undefined {
  const candidate = explicit ?? process.env.PROMTOOL ?? 'promtool';
  const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? candidate : undefined;
}

/** Every `*.test.yaml` under the given files and directories, sorted. */
export function findTestFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const e of fs.readdirSync(p).sort()) walk(path.join(p, e));
    else if (/\.test\.ya?ml$/.test(p)) out.push(p);
  };
  for (const p of paths) if (fs.existsSync(p)) walk(p);
  return [...new Set(out)].sort();
}

/** The result of one test group. */
export interface GroupResult {
  readonly file: string;
  readonly name: string;
  readonly passed: boolean;
  /** Explanation lines when it failed. */
  readonly details: string[];
}

interface TestFileDoc {
  rule_files?: string[];
  tests?: Array<{ name?: string }>;
  [k: string]: unknown;
}

/** Runs promtool on one test file; per group results (a failing file is re-run one group at a time). */
export function runTestFile(promtool: string, file: string): GroupResult[] {
  const doc = parse(fs.readFileSync(file, 'utf8')) as TestFileDoc;
  const groups = doc?.tests ?? [];
  const names = groups.map((g, i) => g.name ?? `test ${i + 1}`);
  const whole = spawnSync(promtool, ['test', 'rules', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (whole.status === 0) return names.map((name) => ({ file, name, passed: true, details: [] }));
  if (groups.length <= 1)
    return [
      groupResult(file, names[0] ?? path.basename(file), whole.status, `${whole.stdout ?? ''}${whole.stderr ?? ''}`),
    ];
  // Which groups failed: promtool does not name the group of a failed expression check, so run each alone.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watchkeeper-test-'));
  try {
    const base = path.dirname(path.resolve(file));
    const ruleFiles = (doc.rule_files ?? []).map((r) => (path.isAbsolute(r) ? r : path.join(base, r)));
    return groups.map((g, i) => {
      const one = path.join(dir, `group-${i}.test.yaml`);
      fs.writeFileSync(one, stringify({ ...doc, rule_files: ruleFiles, tests: [g] }));
      const r = spawnSync(promtool, ['test', 'rules', one], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      return groupResult(file, names[i], r.status, `${r.stdout ?? ''}${r.stderr ?? ''}`);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function groupResult(file: string, name: string, status: number | null, output: string): GroupResult {
  if (status === 0) return { file, name, passed: true, details: [] };
  const failures = parsePromtoolFailures(output);
  const details =
    failures.length > 0
      ? failures.flatMap(explainFailure)
      : output
          .split('\n')
          .map((l) => l.trimEnd())
          .filter((l) => l.trim() !== '' && !/^Unit Testing:/.test(l));
  return { file, name, passed: false, details };
}

/** `watchkeeper test`: 0 every test passed, 1 a test failed (or synth did), 2 no promtool, no tests or bad usage. */
export function testCommand(paths: readonly string[], opts: TestCommandOptions, io: CommandIo): number {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const config = (() => {
    try {
      return readCdk8sConfig(cwd);
    } catch {
      return undefined;
    }
  })();
  const outdir = path.resolve(cwd, opts.output ?? config?.output ?? 'dist');
  if (opts.synth !== false && paths.length === 0 && (opts.app || config?.app)) {
    let resolved;
    try {
      resolved = resolveApp({ app: opts.app, output: opts.output, cwd });
      const code = runApp(resolved.app, resolved.cwd, resolved.outdir, io);
      if (code !== 0) {
        io.err(`watchkeeper test: synth failed (the app exited with ${code}); no tests were run\n`);
        return 1;
      }
    } catch (e) {
      io.err(`watchkeeper test: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  const roots = paths.length > 0 ? paths.map((p) => path.resolve(cwd, p)) : [path.join(outdir, 'tests')];
  const files = findTestFiles(roots);
  if (files.length === 0) {
    io.err(
      `watchkeeper test: no *.test.yaml under ${roots.map((r) => path.relative(cwd, r) || '.').join(', ')}. Declare an AlertTest beside your alerts, or add new GeneratedAlertTests(app), and synthesize.\n`,
    );
    return 2;
  }
  const promtool = findPromtool(opts.promtool);
  if (!promtool) {
    io.err(`watchkeeper test: ${PROMTOOL_INSTALL_HELP}\n`);
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const rel = path.relative(cwd, file) || file;
    io.out(`${rel}\n`);
    for (const r of runTestFile(promtool, file)) {
      if (r.passed) passed++;
      else failed++;
      io.out(`  ${r.passed ? '✓' : '✗'} ${r.name}\n`);
      for (const line of r.details) io.out(`      ${line}\n`);
    }
  }
  io.out(
    `\n${passed + failed} test${passed + failed === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}: ${passed} passed, ${failed} failed\n`,
  );
  return failed > 0 ? 1 : 0;
}
