/**
 * Synth benchmark (issue: trustworthy at org scale). For N = 10, 100, 1000 services (each 2 SLOs, 10 threshold
 * metrics, a dashboard, an HPA) it times watchkeeper's synth and a raw-cdk8s baseline writing the same objects,
 * each in a fresh process, and prints wall time, peak RSS, the ratio to the baseline and the cost per service.
 *   npx tsx scripts/bench/synth-org.ts [N ...]
 * Goals: 1000 services in under 15 s and 1 GB, cost linear in N, at most 1.5x the baseline.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

interface Result {
  mode: string;
  services: number;
  ms: number;
  maxRssMB: number;
  files: number;
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const ns = sizes.length ? sizes : [10, 100, 1000];
const tsx = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
const worker = path.join(__dirname, 'synth-org-worker.ts');

function run(mode: 'ours' | 'baseline', n: number, dir: string): Result {
  const out = path.join(dir, `${mode}-dist`);
  const line = execFileSync(tsx, [worker, mode, String(n), out, path.join(dir, 'fixture.json')], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(line.trim().split('\n').pop() as string) as Result;
}

console.log(`synth benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
console.log(
  'services | watchkeeper ms | baseline ms | ratio | ms/service | watchkeeper RSS MB | baseline RSS MB | files',
);
const rows: string[] = [];
for (const n of ns) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-bench-'));
  const ours = run('ours', n, dir);
  const base = run('baseline', n, dir);
  const row = `${String(n).padStart(8)} | ${String(ours.ms).padStart(14)} | ${String(base.ms).padStart(11)} | ${(ours.ms / base.ms).toFixed(2).padStart(5)} | ${(ours.ms / n).toFixed(1).padStart(10)} | ${String(ours.maxRssMB).padStart(18)} | ${String(base.maxRssMB).padStart(15)} | ${ours.files}`;
  console.log(row);
  rows.push(row);
  fs.rmSync(dir, { recursive: true, force: true });
}
