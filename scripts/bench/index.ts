/**
 * The benchmarks (issue 17, "Speed at every size"), one command: `npm run bench [-- options]`. Not a test:
 * it prints figures and ratios and never fails on them.
 *
 *   npm run bench                     lint: 1, 1,000, 10,000, 50,000 rules and the real-world multi-file set,
 *                                     against promtool; synth: 100 and 1,000 services against raw cdk8s;
 *                                     PromQL parse: the fast path against the full path (promql-parse.ts);
 *                                     CPU and heap profile summaries of lint and synth
 *   npm run bench -- --quick          the same in under a minute: smaller sizes, fewer runs (CI prints it)
 *   npm run bench -- --before <ref>   also measures the sources at a git ref (extracted with git archive into a
 *                                     temporary folder): a "before" column in every table
 *   npm run bench -- --markdown <file>  also writes the tables as Markdown (docs/benchmarks.md takes them)
 *
 * Lint runs as CI runs it: a fresh `node bin/watchkeeper.js lint <paths> --format json` per run, Node start-up
 * included, from a staged package (the bundled CLI when the sources have scripts/build-cli.mjs, else lib/
 * compiled by tsc), alternating with `promtool check rules <files>`; medians. The real-world set is the lint
 * test corpus (test/lint/fixtures/real-world, manifests reduced to their spec.groups for promtool) copied into
 * many folders: a repository of many small rule files. Synth runs scripts/bench/synth-org-worker.ts, each
 * measurement in a fresh process (peak RSS is its own). Peak RSS comes from /usr/bin/time when it is there.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { generateRuleFile } from './generate-rules';
import { cpuByOwner, heapByOwner } from './profile-summary';

const ROOT = path.resolve(__dirname, '..', '..');
const PROMTOOL = process.env.PROMTOOL ?? 'promtool';
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

interface Options {
  quick: boolean;
  before?: string;
  markdown?: string;
  profile: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { quick: false, profile: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--before') o.before = argv[++i];
    else if (a === '--markdown') o.markdown = argv[++i];
    else if (a === '--no-profile') o.profile = false;
    else
      throw new Error(
        `unknown argument ${a}; usage: bench [--quick] [--before <ref>] [--markdown <file>] [--no-profile]`,
      );
  }
  return o;
}

interface Timed {
  readonly seconds: number;
  /** User + system CPU time (every thread), when /usr/bin/time is there. */
  readonly cpu?: number;
  readonly rssMB?: number;
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command, timing it (wall clock) and its peak RSS. */
function timed(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Timed {
  const rssFile = path.join(os.tmpdir(), `wk-bench-rss-${process.pid}`);
  const [cmd, argv] = TIME ? [TIME, ['-f', '%M %U %S', '-o', rssFile, command, ...args]] : [command, [...args]];
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.error) throw new Error(`could not run ${command}: ${r.error.message}`);
  let rssMB: number | undefined;
  let cpu: number | undefined;
  if (TIME && fs.existsSync(rssFile)) {
    const [kb, user, sys] = (fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
    if (Number.isFinite(kb)) rssMB = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpu = user + sys;
    fs.rmSync(rssFile, { force: true });
  }
  return { seconds, cpu, rssMB, status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const max = (xs: ReadonlyArray<number | undefined>): number | undefined =>
  xs.some((x) => x === undefined) ? undefined : Math.max(...(xs as number[]));
const f2 = (x: number): string => x.toFixed(2);
const mb = (x: number | undefined): string => (x === undefined ? '–' : x.toFixed(0));
const optMedian = (xs: ReadonlyArray<number | undefined>): number | undefined =>
  xs.some((x) => x === undefined) ? undefined : median(xs as number[]);
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined ? '–' : `${f2(a / b)}×`;

/** A checkout to measure: this repository's sources, or a ref's (extracted). */
interface Subject {
  readonly label: string;
  /** Where its sources are (src/, scripts/bench/). */
  readonly root: string;
  /** bin/watchkeeper.js of its staged package. */
  bin: string;
  readonly how: string;
}

/** Stages `root`'s CLI as a package without src/: bin/, the bundle (or tsc's lib/), package.json. */
function stage(root: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const bundler = path.join(root, 'scripts', 'build-cli.mjs');
  let how: string;
  if (fs.existsSync(bundler)) {
    const r = spawnSync(process.execPath, [bundler, '--outdir', path.join(dir, 'lib', 'bundle')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`bundling failed:\n${r.stdout}${r.stderr}`);
    how = 'bundled CLI';
  } else {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(
      process.execPath,
      [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', path.join(dir, 'lib')],
      { encoding: 'utf8' },
    );
    if (!fs.existsSync(path.join(dir, 'lib', 'cli', 'main.js')))
      throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
    how = 'tsc lib/';
  }
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(root, 'bin', 'watchkeeper.js'), path.join(dir, 'bin', 'watchkeeper.js'));
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return how;
}

/** The sources at `ref`, extracted (git archive) beside a link to this repository's node_modules. */
function extractRef(ref: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const archive = spawnSync('git', ['archive', '--format=tar', ref], { cwd: ROOT, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr.toString()}`);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  // Measured the same way: this checkout's synth benchmark (the org and the worker), run on the ref's src/.
  for (const f of ['synth-org-worker.ts', 'org-app.ts'])
    fs.copyFileSync(path.join(ROOT, 'scripts', 'bench', f), path.join(dir, 'scripts', 'bench', f));
  return dir;
}

// ---------- lint ----------

interface LintCase {
  readonly name: string;
  readonly rules: number;
  readonly files: number;
  /** What lint is given, and what promtool is given. */
  readonly lintArgs: string[];
  readonly promtoolArgs: string[];
  readonly runs: number;
}

/** The real-world corpus as plain rule files (manifests reduced to spec.groups), `copies` times over. */
function realWorldSet(dir: string, copies: number): LintCase {
  const corpus = path.join(ROOT, 'test', 'lint', 'fixtures', 'real-world');
  const plain: Array<{ name: string; text: string; rules: number }> = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        const docs = jsyaml.loadAll(text) as Array<{
          kind?: string;
          groups?: Array<{ rules?: unknown[] }>;
          spec?: { groups?: Array<{ rules?: unknown[] }> };
        }>;
        const count = (groups: Array<{ rules?: unknown[] }> | undefined): number =>
          (groups ?? []).reduce((n, g) => n + (g.rules?.length ?? 0), 0);
        const base = path
          .relative(corpus, p)
          .replace(/[\\/]/g, '-')
          .replace(/\.ya?ml$/, '');
        if (docs.every((doc) => doc?.kind !== 'PrometheusRule'))
          plain.push({ name: `${base}.yaml`, text, rules: docs.reduce((n, doc) => n + count(doc?.groups), 0) });
        else
          docs.forEach((doc, i) =>
            plain.push({
              name: `${base}-${i}.yaml`,
              text: jsyaml.dump({ groups: doc?.spec?.groups ?? [] }),
              rules: count(doc?.spec?.groups),
            }),
          );
      }
    }
  };
  walk(corpus);
  const files: string[] = [];
  for (let c = 0; c < copies; c++) {
    const sub = path.join(dir, `team-${String(c).padStart(3, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    for (const f of plain) {
      fs.writeFileSync(path.join(sub, f.name), f.text);
      files.push(path.join(sub, f.name));
    }
  }
  const rules = copies * plain.reduce((n, f) => n + f.rules, 0);
  return {
    name: `real-world set (${files.length} files)`,
    rules,
    files: files.length,
    lintArgs: [dir],
    promtoolArgs: files,
    runs: 3,
  };
}

interface LintRow {
  readonly name: string;
  readonly rules: number;
  readonly promtool: number;
  readonly promtoolCpu?: number;
  readonly promtoolMB?: number;
  /** `node -e 0` in the same runs: the start-up floor of any Node command, before it reads a byte. */
  readonly nodeFloor: number;
  readonly lint: Array<{ seconds: number; cpu?: number; mb?: number }>;
}

function measureLint(subjects: readonly Subject[], cases: readonly LintCase[], cwd: string): LintRow[] {
  const rows: LintRow[] = [];
  for (const c of cases) {
    const pt: Timed[] = [];
    const floor: Timed[] = [];
    const ours: Timed[][] = subjects.map(() => []);
    for (let run = 0; run < c.runs; run++) {
      subjects.forEach((s, i) => {
        const l = timed(process.execPath, [s.bin, 'lint', ...c.lintArgs, '--format', 'json'], { cwd });
        if (l.status !== 0 && l.status !== 1)
          throw new Error(`${s.label} lint exited ${l.status}:\n${l.stderr}${l.stdout.slice(0, 2000)}`);
        const summary = (JSON.parse(l.stdout) as { summary: { rules: number } }).summary;
        if (summary.rules !== c.rules)
          throw new Error(`${s.label} lint read ${summary.rules} rules, expected ${c.rules}`);
        ours[i].push(l);
      });
      const p = timed(PROMTOOL, ['check', 'rules', ...c.promtoolArgs], { cwd });
      if (p.status !== 0)
        throw new Error(`promtool exited ${p.status}:\n${p.stdout.slice(0, 2000)}${p.stderr.slice(0, 2000)}`);
      pt.push(p);
      floor.push(timed(process.execPath, ['-e', '0'], { cwd }));
    }
    const row: LintRow = {
      name: c.name,
      rules: c.rules,
      promtool: median(pt.map((t) => t.seconds)),
      promtoolCpu: optMedian(pt.map((t) => t.cpu)),
      promtoolMB: max(pt.map((t) => t.rssMB)),
      nodeFloor: median(floor.map((t) => t.seconds)),
      lint: ours.map((ts) => ({
        seconds: median(ts.map((t) => t.seconds)),
        cpu: optMedian(ts.map((t) => t.cpu)),
        mb: max(ts.map((t) => t.rssMB)),
      })),
    };
    rows.push(row);
    console.error(
      `  lint ${c.name}: promtool ${f2(row.promtool)} s; node -e 0 ${f2(row.nodeFloor)} s; ${row.lint.map((l, i) => `${subjects[i].label} ${f2(l.seconds)} s (${f2(l.seconds / row.promtool)}×; CPU ${ratio(l.cpu, row.promtoolCpu)})`).join('; ')}`,
    );
  }
  return rows;
}

function lintTable(subjects: readonly Subject[], rows: readonly LintRow[], runsNote: string): string {
  const head = [
    'input',
    'rules',
    'promtool s',
    ...subjects.flatMap((s) => [`${s.label} s`, `${s.label} ratio`]),
    'node -e 0 s (ratio)',
    'promtool CPU s',
    ...subjects.flatMap((s) => [`${s.label} CPU s`, `${s.label} CPU ratio`]),
    'promtool MB',
    ...subjects.map((s) => `${s.label} MB`),
  ];
  const lines = rows.map((r) => [
    r.name,
    String(r.rules),
    f2(r.promtool),
    ...r.lint.flatMap((l) => [f2(l.seconds), `**${f2(l.seconds / r.promtool)}×**`]),
    `${f2(r.nodeFloor)} (${f2(r.nodeFloor / r.promtool)}×)`,
    r.promtoolCpu === undefined ? '–' : f2(r.promtoolCpu),
    ...r.lint.flatMap((l) => [l.cpu === undefined ? '–' : f2(l.cpu), ratio(l.cpu, r.promtoolCpu)]),
    mb(r.promtoolMB),
    ...r.lint.map((l) => mb(l.mb)),
  ]);
  return `Lint against promtool (${runsNote}; ratio = lint / promtool in wall-clock time, Node start-up included; node -e 0 = Node starting and exiting with nothing to do, the floor of any Node command, and its ratio to promtool; CPU = user + system time of every thread, which a loaded machine disturbs less than wall time; MB = peak RSS)\n\n${markdownTable(head, lines)}`;
}

// ---------- synth ----------

interface SynthResult {
  mode: string;
  services: number;
  ms: number;
  cpuMs: number;
  maxRssMB: number;
  files: number;
}

function synthOnce(
  root: string,
  mode: 'ours' | 'baseline',
  n: number,
  dir: string,
  env: NodeJS.ProcessEnv = {},
): SynthResult {
  const out = path.join(dir, `${mode}-dist`);
  const worker = path.join(root, 'scripts', 'bench', 'synth-org-worker.ts');
  const r = spawnSync(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), worker, mode, String(n), out, path.join(dir, 'fixture.json')],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, ...env },
    },
  );
  if (r.status !== 0) throw new Error(`synth ${mode} ${n} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as SynthResult;
}

interface SynthRow {
  readonly services: number;
  readonly results: Array<{ ours: SynthResult; baseline: SynthResult; identical?: boolean }>;
}

function sameTree(a: string, b: string): boolean {
  const r = spawnSync('diff', ['-r', '-q', a, b], { encoding: 'utf8' });
  return r.status === 0;
}

function measureSynth(subjects: readonly Subject[], sizes: readonly number[], work: string): SynthRow[] {
  const rows: SynthRow[] = [];
  for (const n of sizes) {
    const results = subjects.map((s, i) => {
      const dir = path.join(work, `synth-${i}-${n}`);
      fs.mkdirSync(dir, { recursive: true });
      const ours = synthOnce(s.root, 'ours', n, dir);
      const baseline = synthOnce(s.root, 'baseline', n, dir);
      return { ours, baseline };
    });
    // The output, byte for byte, against the first subject's (the sources at --before, when given).
    const withIdentity = results.map((r, i) =>
      i === 0
        ? r
        : {
            ...r,
            identical: sameTree(
              path.join(work, `synth-0-${n}`, 'ours-dist'),
              path.join(work, `synth-${i}-${n}`, 'ours-dist'),
            ),
          },
    );
    for (let i = 0; i < subjects.length; i++)
      fs.rmSync(path.join(work, `synth-${i}-${n}`), { recursive: true, force: true });
    rows.push({ services: n, results: withIdentity });
    console.error(
      `  synth ${n} services: ${withIdentity.map((r, i) => `${subjects[i].label} ${r.ours.ms} ms (CPU ${r.ours.cpuMs} ms), ${r.ours.maxRssMB} MB (${f2(r.ours.ms / r.baseline.ms)}× raw cdk8s ${r.baseline.ms} ms, CPU ${r.baseline.cpuMs} ms)`).join('; ')}`,
    );
  }
  return rows;
}

function synthTable(subjects: readonly Subject[], rows: readonly SynthRow[]): string {
  const head = [
    'services',
    ...subjects.flatMap((s) => [
      `${s.label} s`,
      `${s.label} ratio`,
      `${s.label} CPU s`,
      `${s.label} CPU ratio`,
      `${s.label} CPU ms/service`,
      `${s.label} peak MB`,
    ]),
    'raw cdk8s s (CPU s)',
    'raw cdk8s peak MB',
    'files',
  ];
  if (subjects.length > 1) head.push('output identical');
  const lines = rows.map((r) => {
    const base = r.results[r.results.length - 1].baseline;
    const cells = [
      String(r.services),
      ...r.results.flatMap((x) => [
        f2(x.ours.ms / 1000),
        `**${f2(x.ours.ms / x.baseline.ms)}×**`,
        f2(x.ours.cpuMs / 1000),
        `${f2(x.ours.cpuMs / x.baseline.cpuMs)}×`,
        (x.ours.cpuMs / r.services).toFixed(1),
        String(x.ours.maxRssMB),
      ]),
      `${f2(base.ms / 1000)} (${f2(base.cpuMs / 1000)})`,
      String(base.maxRssMB),
      String(r.results[r.results.length - 1].ours.files),
    ];
    if (subjects.length > 1) cells.push(r.results.slice(1).every((x) => x.identical) ? 'yes' : 'NO');
    return cells;
  });
  return `Synth of the generated org (scripts/bench/org-app.ts: per service 2 SLOs, 10 threshold metrics, a dashboard, an HPA) against raw cdk8s writing the same objects (ratio = watchkeeper / raw cdk8s; time = building the app and App.synth(), validation included, in-process, wall clock and CPU (user + system); raw cdk8s is measured beside the last sources; peak MB = the process's peak RSS when the measured part ends, module loading included)\n\n${markdownTable(head, lines)}`;
}

// ---------- profiles ----------

interface ProfileRow {
  readonly what: string;
  readonly subject: string;
  readonly cpu: ReturnType<typeof cpuByOwner>;
  readonly heap: ReturnType<typeof heapByOwner>;
}

function newest(dir: string, ext: string): string {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(ext));
  if (files.length !== 1) throw new Error(`expected one ${ext} in ${dir}, found ${files.length}`);
  return path.join(dir, files[0]);
}

function profile(
  subjects: readonly Subject[],
  lintFile: string,
  lintRules: number,
  synthServices: number,
  work: string,
): ProfileRow[] {
  const rows: ProfileRow[] = [];
  subjects.forEach((s, i) => {
    const lintDir = path.join(work, `prof-lint-${i}`);
    const r = spawnSync(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        lintDir,
        '--heap-prof',
        '--heap-prof-dir',
        lintDir,
        s.bin,
        'lint',
        lintFile,
        '--format',
        'json',
      ],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    if (r.status !== 0 && r.status !== 1) throw new Error(`profiled lint failed: ${r.stderr}`);
    rows.push({
      what: `lint, ${lintRules} rules`,
      subject: s.label,
      cpu: cpuByOwner(newest(lintDir, '.cpuprofile')),
      heap: heapByOwner(newest(lintDir, '.heapprofile')),
    });
    const synthDir = path.join(work, `prof-synth-${i}`);
    fs.mkdirSync(synthDir, { recursive: true });
    // The measured part alone (building the app and App.synth()), recorded by the worker through the inspector.
    synthOnce(s.root, 'ours', synthServices, synthDir, { WATCHKEEPER_BENCH_PROFILE: path.join(synthDir, 'p') });
    rows.push({
      what: `synth, ${synthServices} services`,
      subject: s.label,
      cpu: cpuByOwner(newest(path.join(synthDir, 'p'), '.cpuprofile')),
      heap: heapByOwner(newest(path.join(synthDir, 'p'), '.heapprofile')),
    });
  });
  return rows;
}

function profileTable(rows: readonly ProfileRow[]): string {
  const head = [
    'run',
    'sources',
    'CPU total s',
    'top CPU (self time)',
    'sampled heap MB',
    'top heap (sampled allocations live at exit)',
  ];
  const lines = rows.map((r) => [
    r.what,
    r.subject,
    f2(r.cpu.totalMs / 1000),
    r.cpu.top
      .slice(0, 6)
      .map((t) => `${t.name} ${(t.share * 100).toFixed(0)}%`)
      .join(', '),
    r.heap.totalMB.toFixed(0),
    r.heap.top
      .slice(0, 4)
      .map((t) => `${t.name} ${(t.share * 100).toFixed(0)}%`)
      .join(', '),
  ]);
  return `CPU and heap profiles (node --cpu-prof / --heap-prof; self time by where the code lives: a dependency, a src/ folder, the bundle, GC, module loading)\n\n${markdownTable(head, lines)}`;
}

function markdownTable(head: readonly string[], lines: ReadonlyArray<readonly string[]>): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n');
}

// ---------- PromQL parse ----------

/** scripts/bench/promql-parse.ts in its own process: the PromQL fast path against the full path (this tree only). */
function measurePromqlParse(quick: boolean): string {
  const script = path.join(ROOT, 'scripts', 'bench', 'promql-parse.ts');
  const r = spawnSync(
    process.execPath,
    ['--require', require.resolve('tsx/cjs'), script, ...(quick ? ['--quick'] : [])],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  if (r.status !== 0) throw new Error(`promql-parse failed:\n${r.stderr}`);
  return r.stdout.trim();
}

// ---------- main ----------

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-bench-'));
  try {
    const promtoolVersion = spawnSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
    if (promtoolVersion.status !== 0) throw new Error(`${PROMTOOL} not found: install the Debian package "prometheus"`);
    const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, node ${process.version}, ${promtoolVersion.stdout.split('\n')[0]}, load average ${os.loadavg()[0].toFixed(2)} at start`;
    console.error(`benchmarks${o.quick ? ' (--quick)' : ''} on ${machine}`);

    const subjects: Subject[] = [];
    if (o.before)
      subjects.push({
        label: `before (${o.before})`,
        root: extractRef(o.before, path.join(work, 'before-src')),
        bin: '',
        how: '',
      });
    subjects.push({ label: o.before ? 'after' : 'watchkeeper', root: ROOT, bin: '', how: '' });
    subjects.forEach((s, i) => {
      const dir = path.join(work, `pkg-${i}`);
      (s as { how: string }).how = stage(s.root, dir);
      s.bin = path.join(dir, 'bin', 'watchkeeper.js');
    });

    const rulesDir = path.join(work, 'rules');
    fs.mkdirSync(rulesDir);
    const sizes = o.quick ? [1, 1000, 10_000] : [1, 1000, 10_000, 50_000];
    const runsFor = (n: number): number =>
      o.quick ? (n >= 10_000 ? 1 : n >= 1000 ? 3 : 5) : n >= 50_000 ? 3 : n >= 10_000 ? 3 : 7;
    const cases: LintCase[] = sizes.map((n) => {
      const file = path.join(rulesDir, `rules-${n}.yaml`);
      fs.writeFileSync(file, generateRuleFile(n));
      return {
        name: `one file, ${n} rule${n === 1 ? '' : 's'}`,
        rules: n,
        files: 1,
        lintArgs: [file],
        promtoolArgs: [file],
        runs: runsFor(n),
      };
    });
    const realWorld = realWorldSet(path.join(work, 'real-world'), o.quick ? 10 : 50);
    cases.splice(2, 0, { ...realWorld, runs: o.quick ? 3 : 5 });
    const lintRows = measureLint(subjects, cases, work);
    const synthSizes = o.quick ? [100] : [100, 1000];
    const synthRows = measureSynth(subjects, synthSizes, work);
    const promqlParse = measurePromqlParse(o.quick);
    const profileRows = o.profile
      ? profile(
          subjects,
          cases.find((c) => c.rules === (o.quick ? 1000 : 10_000))?.lintArgs[0] as string,
          o.quick ? 1000 : 10_000,
          o.quick ? 20 : 100,
          work,
        )
      : [];

    const runsNote = `medians of ${[...new Set(cases.map((c) => c.runs))].join('/')} runs`;
    const sections = [
      `Machine: ${machine}. Sources: ${subjects.map((s) => `${s.label} = ${s.how}`).join(', ')}.`,
      lintTable(subjects, lintRows, runsNote),
      synthTable(subjects, synthRows),
      promqlParse,
      ...(profileRows.length ? [profileTable(profileRows)] : []),
      `(${((Date.now() - started) / 1000).toFixed(0)} s in all)`,
    ];
    const text = sections.join('\n\n');
    console.log(text);
    if (o.markdown) fs.writeFileSync(o.markdown, `${text}\n`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
