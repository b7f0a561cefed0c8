/**
 * PromQL parse benchmark (issue 17): the fast path (src/promql/fast-parse.ts) against the full path
 * (lezer-promql plus parse.ts's checks) over the PromQL corpus (test/promql/corpus.json), the real-world lint
 * fixtures and the expressions the examples synthesize (written to a temporary folder). Prints the fast
 * path's coverage (the share it answers), whether every answer equals the full path's, and the throughput
 * of the full path, the fast path alone and parsePromQL (fast, falling back to full).
 *   npx tsx scripts/bench/promql-parse.ts [--quick] [--version 3.15]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import * as jsyaml from 'js-yaml';
import { buildExamplesApp } from '../../examples/app';
import { parsePromQLFast } from '../../src/promql/fast-parse';
import { parsePromQL, parsePromQLFull } from '../../src/promql/parse';
import { parsePrometheusVersion } from '../../src/promql/version';

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

function main(): void {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const vi = args.indexOf('--version');
  const versionText = vi >= 0 ? args[vi + 1] : '3.15';
  const version = parsePrometheusVersion(versionText);
  const sets: Array<[string, string[]]> = [
    ['corpus', [...new Set(corpusExprs())]],
    ['lint fixtures', [...new Set(exprsUnder(path.join(ROOT, 'test/lint/fixtures')))]],
    ['synthesized examples', [...new Set(synthesizedExprs())]],
  ];
  const minMs = quick ? 300 : 2000;
  console.log(`PromQL parse, Prometheus ${versionText}: fast path vs full path`);
  console.log('set                  | exprs | fast answers | differs | full /s | fast /s | parsePromQL /s | ratio');
  let mismatches = 0;
  for (const [name, exprs] of sets) {
    let answered = 0;
    let differs = 0;
    for (const e of exprs) {
      const fast = parsePromQLFast(e, version);
      if (!fast) continue;
      answered++;
      if (!isDeepStrictEqual(fast, parsePromQLFull(e, version))) {
        differs++;
        if (differs <= 5) console.error(`differs: ${e}`);
      }
    }
    mismatches += differs;
    // Warm both paths before timing.
    throughput(exprs, (e) => parsePromQLFull(e, version), minMs / 4);
    throughput(exprs, (e) => parsePromQL(e, version), minMs / 4);
    const full = throughput(exprs, (e) => parsePromQLFull(e, version), minMs);
    const fast = throughput(exprs, (e) => parsePromQLFast(e, version), minMs);
    const both = throughput(exprs, (e) => parsePromQL(e, version), minMs);
    const pct = ((100 * answered) / exprs.length).toFixed(1);
    console.log(
      `${name.padEnd(20)} | ${String(exprs.length).padStart(5)} | ${`${answered} (${pct}%)`.padStart(12)} | ${String(differs).padStart(7)} | ${full.toFixed(0).padStart(7)} | ${fast.toFixed(0).padStart(7)} | ${both.toFixed(0).padStart(14)} | ${(both / full).toFixed(1).padStart(4)}x`,
    );
  }
  if (mismatches > 0) {
    console.error(`${mismatches} fast-path answers differ from the full path's`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();
