/**
 * PromQL parse benchmark (issue 17): the fast path (src/promql/fast-parse.ts) against the full path
 * (lezer-promql plus parse.ts's checks) over the PromQL corpus (test/promql/corpus.json), the real-world lint
 * fixtures and the expressions the examples synthesize (written to a temporary folder). Prints, as a Markdown
 * table, the fast path's coverage (the share of the expressions the full path accepts that it answers), how
 * many of its answers differ from the full path's (0, or the exit status is 1), and the throughput of the
 * full path, the fast path alone and parsePromQL (fast, falling back to full). `npm run bench` includes it.
 *   npx tsx scripts/bench/promql-parse.ts [--quick] [--version 3.15]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as jsyaml from 'js-yaml';
import { buildExamplesApp } from '../../examples/app';
import { parsePromQLFast } from '../../src/promql/fast-parse';
import { parsePromQL, parsePromQLFull } from '../../src/promql/parse';
import { parsePrometheusVersion, type PrometheusVersion } from '../../src/promql/version';

const ROOT = path.resolve(__dirname, '..', '..');

/** Every string under an `expr` key in a parsed YAML or JSON document. */
export function exprsIn(doc: unknown, out: string[] = []): string[] {
  if (Array.isArray(doc)) doc.forEach((d) => exprsIn(d, out));
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k === 'expr' && typeof v === 'string') out.push(v);
      else if (typeof v === 'string' && v.startsWith('{') && v.includes('"expr"')) exprsIn(parseJson(v), out);
      else exprsIn(v, out);
    }
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Every `expr` in the YAML and JSON files under `dir`. */
export function exprsUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.json$/.test(e.name)) exprsIn(JSON.parse(fs.readFileSync(p, 'utf8')), out);
      else if (/\.ya?ml$/.test(e.name)) jsyaml.loadAll(fs.readFileSync(p, 'utf8'), (d) => exprsIn(d, out));
    }
  };
  walk(dir);
  return out;
}

function corpusExprs(): string[] {
  const corpus = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/promql/corpus.json'), 'utf8')) as {
    cases: Array<{ expr: string }>;
  };
  return corpus.cases.map((c) => c.expr);
}

function synthesizedExprs(): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-bench-promql-'));
  try {
    buildExamplesApp(dir).synthTo(dir);
    return exprsUnder(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses per second of `parse` over `exprs`, repeated for at least `minMs`. */
function throughput(exprs: readonly string[], parse: (e: string) => unknown, minMs: number): number {
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (const e of exprs) parse(e);
    n += exprs.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs);
  return (n / elapsed) * 1000;
}

interface Row {
  readonly set: string;
  readonly exprs: number;
  /** Expressions the full path accepts. */
  readonly valid: number;
  /** Expressions the fast path answers (all of them accepted by the full path). */
  readonly answered: number;
  readonly differs: number;
  readonly full: number;
  readonly fast: number;
  readonly both: number;
}

type Mode = 'full' | 'fast' | 'both';

const PARSERS: Record<Mode, (e: string, v: PrometheusVersion) => unknown> = {
  full: parsePromQLFull,
  fast: parsePromQLFast,
  both: parsePromQL,
};

/**
 * Throughput of one parser over each set, measured in a fresh process: the paths share the lexer and the
 * tree's shapes, so measuring one after another in one process charges the second with the first's type
 * feedback and heap.
 */
function throughputInChild(mode: Mode, setsFile: string, versionText: string, quick: boolean): number[] {
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      require.resolve('tsx/cjs'),
      __filename,
      '--child',
      mode,
      setsFile,
      '--version',
      versionText,
      ...(quick ? ['--quick'] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`promql-parse child ${mode} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as number[];
}

/** Coverage, agreement and throughput of the fast path on each set of expressions. */
export function measure(versionText: string, quick: boolean): Row[] {
  const version = parsePrometheusVersion(versionText);
  const sets: Array<[string, string[]]> = [
    ['corpus (test/promql/corpus.json)', [...new Set(corpusExprs())]],
    ['lint fixtures (test/lint/fixtures)', [...new Set(exprsUnder(path.join(ROOT, 'test/lint/fixtures')))]],
    ['synthesized examples (examples/)', [...new Set(synthesizedExprs())]],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-bench-promql-sets-'));
  const setsFile = path.join(dir, 'sets.json');
  fs.writeFileSync(setsFile, JSON.stringify(sets.map(([, exprs]) => exprs)));
  try {
    const rates = Object.fromEntries(
      (['full', 'fast', 'both'] as const).map((m) => [m, throughputInChild(m, setsFile, versionText, quick)]),
    ) as Record<Mode, number[]>;
    return sets.map(([set, exprs], i) => {
      let valid = 0;
      let answered = 0;
      let differs = 0;
      for (const e of exprs) {
        const full = parsePromQLFull(e, version);
        if (full.errors.length === 0) valid++;
        const fast = parsePromQLFast(e, version);
        if (!fast) continue;
        answered++;
        if (!isDeepStrictEqual(fast, full)) {
          differs++;
          if (differs <= 5) console.error(`differs: ${e}`);
        }
      }
      return {
        set,
        exprs: exprs.length,
        valid,
        answered,
        differs,
        full: rates.full[i],
        fast: rates.fast[i],
        both: rates.both[i],
      };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** In a child process: parses per second of one parser over each set of the file. */
function child(mode: Mode, setsFile: string, versionText: string, quick: boolean): void {
  const version = parsePrometheusVersion(versionText);
  const parse = PARSERS[mode];
  const sets = JSON.parse(fs.readFileSync(setsFile, 'utf8')) as string[][];
  const minMs = quick ? 300 : 2000;
  const rates = sets.map((exprs) => {
    throughput(exprs, (e) => parse(e, version), minMs / 4); // warm-up
    return throughput(exprs, (e) => parse(e, version), minMs);
  });
  console.log(JSON.stringify(rates));
}

const pct = (n: number, of: number): string => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;
const perSecond = (n: number): string => Math.round(n).toLocaleString('en-US');

/** The rows as a Markdown table, with its caption. */
export function table(rows: readonly Row[], versionText: string): string {
  const head = [
    'expressions',
    'distinct',
    'valid (full path)',
    'fast path answers (of valid)',
    'fast ≠ full',
    'full path /s',
    'fast path /s',
    'parsePromQL /s',
    'parsePromQL / full',
  ];
  const lines = rows.map((r) => [
    r.set,
    String(r.exprs),
    String(r.valid),
    `${r.answered} (${pct(r.answered, r.valid)})`,
    String(r.differs),
    perSecond(r.full),
    perSecond(r.fast),
    perSecond(r.both),
    `${(r.both / r.full).toFixed(1)}×`,
  ]);
  return [
    `PromQL parse, Prometheus ${versionText}: the fast path (src/promql/fast-parse.ts) against the full path (lezer-promql and parse.ts's checks); parsePromQL = fast path, falling back to the full path; parses per second, one thread, each parser measured in its own process`,
    '',
    `| ${head.join(' | ')} |`,
    `|${head.map(() => ' --- ').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n');
}

function main(): void {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const vi = args.indexOf('--version');
  const versionText = vi >= 0 ? args[vi + 1] : '3.15';
  const ci = args.indexOf('--child');
  if (ci >= 0) {
    child(args[ci + 1] as Mode, args[ci + 2], versionText, quick);
    return;
  }
  const rows = measure(versionText, quick);
  console.log(table(rows, versionText));
  const differs = rows.reduce((n, r) => n + r.differs, 0);
  if (differs > 0) {
    console.error(`${differs} fast-path answers differ from the full path's`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
