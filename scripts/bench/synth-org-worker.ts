/**
 * One measured run of the synth benchmark, in its own process so peak RSS is its own:
 *   tsx scripts/bench/synth-org-worker.ts ours <services> <outdir> <fixture.json>
 *   tsx scripts/bench/synth-org-worker.ts baseline <services> <outdir> <fixture.json>
 * `ours` builds the org with watchkeeper's constructs and synthesizes it (validation included), then saves every
 * manifest and file it wrote as the fixture. `baseline` reads that fixture and writes the same objects as raw
 * cdk8s ApiObjects (plus the same extra files) with App.synth(): the cost of cdk8s alone.
 * Prints one JSON line: { mode, services, ms, cpuMs, maxRssMB, files }; cpuMs is user + system time of the measured
 * part; maxRssMB is the peak when the measured part ends
 * (for `ours` before the fixture is read back, for `baseline` before the process exits).
 * With WATCHKEEPER_BENCH_PROFILE=<dir>, `ours` records a CPU profile and a sampled heap profile of the measured
 * part alone (through the inspector, so module loading and the fixture's read-back stay out of them) as
 * <dir>/synth.cpuprofile and <dir>/synth.heapprofile, and writes no fixture.
 */
import * as fs from 'fs';
import { Session } from 'inspector';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildOrgApp } from './org-app';

const [mode, servicesArg, outdir, fixture] = process.argv.slice(2);
const services = Number(servicesArg);

/** Peak RSS when the measured part ends: `ours` then reads its whole output back for the fixture, which is not synth's. */
let measuredRssMB = 0;

/** CPU time (user + system) of the measured part. */
let cpuMs = 0;

const profileDir = process.env.WATCHKEEPER_BENCH_PROFILE;

/** Posts an inspector command; an in-process session answers before post returns. */
function post(session: Session, method: string): unknown {
  let result: unknown;
  let failure: Error | null = null;
  session.post(method, (err: Error | null, r?: unknown) => {
    failure = err;
    result = r;
  });
  if (failure) throw failure;
  return result;
}

function ours(): number {
  const session = profileDir !== undefined ? new Session() : undefined;
  if (session) {
    session.connect();
    for (const m of ['Profiler.enable', 'Profiler.start', 'HeapProfiler.enable', 'HeapProfiler.startSampling'])
      post(session, m);
  }
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const app = buildOrgApp(services, outdir);
  app.synth();
  const ms = performance.now() - start;
  cpuMs = cpuSince(cpuStart);
  measuredRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (session && profileDir !== undefined) {
    const cpu = post(session, 'Profiler.stop') as { profile: unknown };
    const heap = post(session, 'HeapProfiler.stopSampling') as { profile: unknown };
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, 'synth.cpuprofile'), JSON.stringify(cpu.profile));
    fs.writeFileSync(path.join(profileDir, 'synth.heapprofile'), JSON.stringify(heap.profile));
    session.disconnect();
    return ms;
  }
  // The fixture for the baseline: every chart's objects and every other file, as written.
  const charts: Record<string, unknown[]> = {};
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(outdir, { recursive: true }) as string[]) {
    const p = path.join(outdir, f);
    if (fs.statSync(p).isDirectory()) continue;
    const text = fs.readFileSync(p, 'utf8');
    if (f.endsWith('.k8s.yaml')) charts[f.replace(/\.k8s\.yaml$/, '')] = parseAllDocuments(text).map((d) => d.toJS());
    else files[f] = text;
  }
  fs.writeFileSync(fixture, JSON.stringify({ charts, files }));
  return ms;
}

function baseline(): number {
  const data = JSON.parse(fs.readFileSync(fixture, 'utf8')) as {
    charts: Record<string, Array<Record<string, unknown>>>;
    files: Record<string, string>;
  };
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const app = new App({ outdir });
  for (const [name, objects] of Object.entries(data.charts)) {
    const chart = new Chart(app, name);
    objects.forEach((o, i) => new ApiObject(chart, `o${i}`, o as never));
  }
  app.synth();
  for (const [f, text] of Object.entries(data.files)) {
    fs.mkdirSync(path.dirname(path.join(outdir, f)), { recursive: true });
    fs.writeFileSync(path.join(outdir, f), text);
  }
  const ms = performance.now() - start;
  cpuMs = cpuSince(cpuStart);
  measuredRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  return ms;
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(start);
  return Math.round((d.user + d.system) / 1000);
}

const ms = mode === 'ours' ? ours() : baseline();
const fileCount = (fs.readdirSync(outdir, { recursive: true }) as string[]).length;
console.log(JSON.stringify({ mode, services, ms: Math.round(ms), cpuMs, maxRssMB: measuredRssMB, files: fileCount }));
