/**
 * The live-data check: every recording rule and every panel target of synthesized output evaluated by a real
 * Prometheus (Debian package `prometheus`) over synthetic series for every raw metric they read.
 *
 * 1. `collectLiveQueries(dist)` reads dist/rules/*.rules.yaml and dist/dashboards/*.json.
 * 2. `syntheticOpenMetrics(queries, catalogue)` writes 26 h of series for every raw metric selector: with the
 *    labels the metric catalogue declares (plus job/instance), or, for a metric no catalogue declares, the
 *    labels the queries name (matchers, `by`, `on`, legends). Counters increase, histograms get `le` buckets,
 *    boolean-style gauges (`up`, `*_reason`, ...) are 1, other gauges vary around a level.
 * 3. `startLivePrometheus` backfills them (`promtool tsdb create-blocks-from openmetrics`) and starts the server
 *    on 127.0.0.1 with the rule files, which it evaluates every second.
 * 4. `LivePrometheus.check(query)` evaluates one target; when it is empty, `explain` evaluates its sub-expressions
 *    to name the cause: a recording rule no rule file defines, a metric with no series, a label the data lacks,
 *    a filter that drops everything, or vector matching between different label sets.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { MetricCatalogue } from '../../src';
import { interpolateSamples, lookupMetric } from '../../src/dashboards';
import { analyzePromQL } from '../../src/entrypoints/promql';
import type { ast } from '../../src/promql';
import { tempDir } from './synth';
import { compileMatcherRegex } from '../../src/promql';

type Expr = ast.Expr;

/** One expression to evaluate, and where it comes from. */
export interface LiveQuery {
  /** The chart (example system) whose output holds it: the file name's prefix. */
  readonly system: string;
  /** e.g. `dashboard "RLM Operations" panel "Error Rate by Endpoint" query A`, `rule file x record "y"`. */
  readonly where: string;
  readonly kind: 'panel' | 'record';
  /** As written (with Grafana variables). */
  readonly expr: string;
  readonly legend?: string;
}

/** What a synthesized dist/ holds for the live check. */
export interface LiveInput {
  readonly queries: LiveQuery[];
  readonly ruleFiles: string[];
  /** Names recording rules define. */
  readonly recorded: Set<string>;
}

/** The panel targets and recording rules of `dist`, for the systems (chart names) listed. */
export function collectLiveQueries(dist: string, systems: readonly string[]): LiveInput {
  const systemOf = (file: string): string =>
    systems.filter((s) => file.startsWith(`${s}-`)).sort((a, b) => b.length - a.length)[0] ?? 'other';
  const queries: LiveQuery[] = [];
  const recorded = new Set<string>();
  const ruleDir = path.join(dist, 'rules');
  const ruleFiles = fs.existsSync(ruleDir)
    ? fs
        .readdirSync(ruleDir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => path.join(ruleDir, f))
    : [];
  for (const file of ruleFiles) {
    const doc = parse(fs.readFileSync(file, 'utf8'));
    for (const g of doc?.groups ?? []) {
      for (const r of g.rules ?? []) {
        if (r.record === undefined) continue;
        recorded.add(r.record);
        queries.push({
          system: systemOf(path.basename(file)),
          kind: 'record',
          where: `${path.basename(file)} group "${g.name}" record "${r.record}"`,
          expr: String(r.expr),
        });
      }
    }
  }
  const dashDir = path.join(dist, 'dashboards');
  const dashFiles = fs.existsSync(dashDir)
    ? fs
        .readdirSync(dashDir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  for (const f of dashFiles) {
    const d = JSON.parse(fs.readFileSync(path.join(dashDir, f), 'utf8'));
    const samples = new Map<string, string>();
    for (const v of d.templating?.list ?? []) {
      const cur = v.current?.value;
      const value = Array.isArray(cur) ? cur[0] : cur;
      if (typeof value === 'string' && value !== '' && value !== '$__all') samples.set(v.name, value);
    }
    const walkPanels = (ps: any[]): void => {
      for (const p of ps ?? []) {
        walkPanels(p.panels);
        for (const t of p.targets ?? []) {
          if (typeof t.expr !== 'string' || t.expr === '') continue;
          queries.push({
            system: systemOf(f),
            kind: 'panel',
            where: `dashboard "${d.title}" panel "${p.title}" query ${t.refId ?? '?'}`,
            expr: interpolateSamples(t.expr, samples),
            legend: t.legendFormat,
          });
        }
      }
    };
    walkPanels(d.panels);
  }
  return { queries, ruleFiles, recorded };
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic data

/** A metric catalogue, and the names it owns: a name it owns but does not declare has no series. */
export interface LiveCatalogue {
  readonly metrics: MetricCatalogue;
  readonly owns: (name: string) => boolean;
}

/** A catalogue owning every name that starts with one of `prefixes`. */
export const catalogueOwning = (metrics: MetricCatalogue, ...prefixes: string[]): LiveCatalogue => ({
  metrics,
  owns: (name) => prefixes.some((p) => name.startsWith(p)),
});

const parseExpr = (text: string): Expr | undefined => analyzePromQL(text, { prometheusVersion: '2.42' }).ast;

/** Calls `visit` with each vector selector and the expressions above it (outermost first). */
function selectorsWithAncestors(
  e: Expr,
  visit: (sel: ast.VectorSelector, ancestors: readonly Expr[]) => void,
  above: Expr[] = [],
): void {
  if (e.kind === 'vector') {
    visit(e, above);
    return;
  }
  const next = [...above, e];
  const kids: Array<Expr | undefined> =
    e.kind === 'matrix'
      ? [e.selector]
      : e.kind === 'subquery' || e.kind === 'paren' || e.kind === 'unary'
        ? [e.expr]
        : e.kind === 'call'
          ? e.args
          : e.kind === 'aggregate'
            ? [e.param, e.expr]
            : e.kind === 'binary'
              ? [e.lhs, e.rhs]
              : [];
  for (const k of kids) if (k) selectorsWithAncestors(k, visit, next);
}

const nameOf = (sel: ast.VectorSelector): string | undefined =>
  sel.name || sel.matchers.find((m) => m.name === '__name__' && m.op === '=')?.value;
const legendLabels = (legend: string | undefined): string[] =>
  [...(legend ?? '').matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]);

const BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
const BOOLEAN_GAUGE = /(^up$|_up$|_reason$|_condition$|_phase$|health_check|_info$)/;
const SLOW_COUNTER = /(error|fail|violation|rollback|evict|drop|miss|restart)/;

/** A label value matching a regex matcher, or undefined when none of the simple candidates does. */
function regexValue(pattern: string, matches: (v: string) => boolean): string | undefined {
  const candidates = pattern.split('|').map((alt) =>
    alt
      .replace(/^\^|\$$/g, '')
      .replace(/\[(\^?)([^\]]+)\][+*?]?/g, (_m, neg: string, cls: string) => (neg ? 'x' : cls.replace(/\\/g, '')[0]))
      .replace(/\.\*|\.\+/g, 'x')
      .replace(/\\(.)/g, '$1')
      .replace(/\./g, '0'),
  );
  return candidates.find((c) => matches(`${c}`)) ?? ['x', '0', 'a'].find(matches);
}

/** One synthetic series: name and labels (le apart). */
interface SeriesSpec {
  readonly name: string;
  readonly labels: Record<string, string>;
}

/**
 * OpenMetrics text with series for every raw metric `queries` read (recorded names apart), from `start` to
 * `end` (ms): every 2 min, every 15 s in the last 3 h.
 */
export function syntheticOpenMetrics(
  queries: readonly LiveQuery[],
  recorded: ReadonlySet<string>,
  catalogue: LiveCatalogue,
  start: number,
  end: number,
): { text: string; series: number; samples: number } {
  const labelsOf = new Map<string, Set<string>>();
  const selectorsOf = new Map<string, ast.VectorSelector[]>();
  const counters = new Set<string>();
  for (const q of queries) {
    const e = parseExpr(q.expr);
    if (!e) continue;
    selectorsWithAncestors(e, (sel, ancestors) => {
      const name = nameOf(sel);
      if (!name || recorded.has(name) || name.includes(':')) return;
      // A catalogue is the whole truth for the names it owns: what it does not declare is not exported.
      if (catalogue.owns(name) && !lookupMetric(catalogue.metrics, name)) return;
      if (!labelsOf.has(name)) labelsOf.set(name, new Set(['job', 'instance']));
      const set = labelsOf.get(name)!;
      for (const m of sel.matchers) if (m.name !== '__name__') set.add(m.name);
      for (const a of ancestors) {
        if (a.kind === 'aggregate' && !a.without) a.grouping.forEach((l) => set.add(l));
        if (a.kind === 'binary' && a.matching?.on)
          [...a.matching.labels, ...a.matching.include].forEach((l) => set.add(l));
        if (a.kind === 'call' && ['rate', 'irate', 'increase', 'resets'].includes(a.func)) counters.add(name);
      }
      legendLabels(q.legend).forEach((l) => set.add(l));
      selectorsOf.set(name, [...(selectorsOf.get(name) ?? []), sel]);
    });
  }
  const series: SeriesSpec[] = [];
  const seen = new Set<string>();
  // Bucket bounds as the queries spell them (a Python client writes "5.0" where a Go client writes "5").
  const leValues = new Set<string>();
  for (const [name, derived] of [...labelsOf].sort(([a], [b]) => a.localeCompare(b))) {
    const declared = lookupMetric(catalogue.metrics, name);
    const labels = (declared ? [...declared.labels] : [...derived]).filter((l) => l !== 'le');
    for (const sel of selectorsOf.get(name) ?? []) {
      for (const m of sel.matchers)
        if (m.name === 'le' && m.op === '=' && name.endsWith('_bucket')) leValues.add(m.value);
    }
    const variants: Array<Record<string, string>> = [{}, { __variant: '2' }];
    for (const sel of selectorsOf.get(name) ?? []) {
      const fixed: Record<string, string> = {};
      for (const m of sel.matchers) {
        if (m.name === '__name__' || !labels.includes(m.name)) continue;
        if (m.op === '=') fixed[m.name] = m.value;
        else if (m.op === '=~') {
          const re = compileMatcherRegex(m.value);
          const v = re.ok ? regexValue(m.value, re.matches) : undefined;
          if (v !== undefined) fixed[m.name] = v;
        }
      }
      variants.push(fixed);
    }
    for (const v of variants) {
      const ls: Record<string, string> = {};
      for (const l of labels.sort()) ls[l] = v[l] ?? (l === 'job' ? 'app' : `${l}-${v.__variant ?? '1'}`);
      const key = `${name}${JSON.stringify(ls)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      series.push({ name, labels: ls });
    }
  }
  const num = (le: string): number => (/^\+?inf$/i.test(le) ? Infinity : Number(le));
  const buckets = BUCKETS.map((b) => [...leValues].find((v) => num(v) === num(b)) ?? b);
  for (const v of leValues) if (!Number.isNaN(num(v)) && !buckets.some((b) => num(b) === num(v))) buckets.push(v);
  buckets.sort((a, b) => num(a) - num(b));
  const times: number[] = [];
  const dense = end - 3 * 3600_000;
  for (let t = start; t < dense; t += 120_000) times.push(t);
  for (let t = dense; t <= end; t += 15_000) times.push(t);
  const lines: string[] = [];
  let samples = 0;
  const fmtLabels = (ls: Record<string, string>): string =>
    Object.entries(ls)
      .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
      .join(',');
  series.forEach((s, i) => {
    const declared = lookupMetric(catalogue.metrics, s.name)?.declaration;
    const isBucket = s.name.endsWith('_bucket');
    const isCounter =
      isBucket ||
      /_(total|count|sum)$/.test(s.name) ||
      counters.has(s.name) ||
      declared?.type === 'counter' ||
      declared?.type === 'histogram';
    const perSecond = (SLOW_COUNTER.test(s.name) ? 0.02 : 5) * (1 + (i % 3) * 0.25);
    const level = (s.name.endsWith('_bytes') ? 1e8 : 40) * (1 + (i % 5) * 0.1);
    const value = (t: number): number => {
      if (isCounter) return Math.round((perSecond * (t - start)) / 10) / 100 + 100;
      if (BOOLEAN_GAUGE.test(s.name)) return 1;
      return Math.round(level * (1 + 0.05 * Math.sin(t / 3600_000)) * 1000) / 1000;
    };
    const les = isBucket ? buckets : [undefined];
    for (const le of les) {
      const ls = le === undefined ? fmtLabels(s.labels) : fmtLabels({ ...s.labels, le });
      const share = le === undefined ? 1 : 1 - Math.exp(-num(le) / 0.05);
      for (const t of times) {
        lines.push(
          `${s.name}{${ls}} ${isBucket ? Math.round(value(t) * share * 100) / 100 : value(t)} ${(t / 1000).toFixed(3)}`,
        );
        samples++;
      }
    }
  });
  lines.push('# EOF', '');
  return { text: lines.join('\n'), series: series.length, samples };
}

// ---------------------------------------------------------------------------------------------------------
// The server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One evaluated target. */
export interface LiveResult {
  readonly query: LiveQuery;
  readonly series: number;
  /** Why it is empty (or its legend names labels the result lacks); undefined when it shows data. */
  readonly problem?: string;
}

/** A running Prometheus holding the synthetic data. */
export interface LivePrometheus {
  readonly url: string;
  /** The evaluation time every query uses (seconds). */
  readonly time: number;
  readonly series: number;
  readonly samples: number;
  /** Rules the server reports unhealthy after evaluating them (a runtime error such as many-to-many matching). */
  readonly ruleErrors: string[];
  /** Evaluates `expr` at `time`: its result series. */
  query(expr: string): Promise<Array<{ metric: Record<string, string> }>>;
  /** Evaluates a target, and when it is empty names the cause. */
  check(q: LiveQuery): Promise<LiveResult>;
  stop(): Promise<void>;
}

/** Which prometheus and promtool to run: null when missing (skipped), throwing under CI=true. */
export function findPrometheus(): { prometheus: string; promtool: string } | null {
  const ok = (c: string): boolean => spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0;
  if (ok('prometheus') && ok('promtool')) return { prometheus: 'prometheus', promtool: 'promtool' };
  if (process.env.CI === 'true')
    throw new Error('prometheus and promtool are required under CI=true: install the Debian package "prometheus"');
  console.log(
    'SKIPPED: prometheus/promtool not found on PATH; install the Debian package "prometheus" to run the live-data check',
  );
  return null;
}

/**
 * Backfills synthetic series for `input` and starts Prometheus on 127.0.0.1 with its rule files; resolves once
 * every rule group has been evaluated several times.
 */
export async function startLivePrometheus(
  input: LiveInput,
  catalogue: LiveCatalogue,
  tools = { prometheus: 'prometheus', promtool: 'promtool' },
): Promise<LivePrometheus> {
  const dir = tempDir('wk-live-');
  const end = Math.floor(Date.now() / 15_000) * 15_000 - 15_000;
  const start = end - 26 * 3600_000;
  const om = syntheticOpenMetrics(input.queries, input.recorded, catalogue, start, end);
  const omFile = path.join(dir, 'data.om.txt');
  fs.writeFileSync(omFile, om.text);
  const data = path.join(dir, 'data');
  const backfill = spawnSync(tools.promtool, ['tsdb', 'create-blocks-from', 'openmetrics', omFile, data], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr}`);
  fs.rmSync(omFile);
  // The rule files as written, evaluated every second (group intervals dropped).
  const rules: string[] = [];
  for (const f of input.ruleFiles) {
    const doc = parse(fs.readFileSync(f, 'utf8'));
    for (const g of doc.groups ?? []) delete g.interval;
    const out = path.join(dir, path.basename(f));
    fs.writeFileSync(out, stringify(doc));
    rules.push(out);
  }
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(
    config,
    stringify({ global: { evaluation_interval: '1s', scrape_interval: '1m' }, rule_files: rules }),
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const log: string[] = [];
  const proc: ChildProcess = spawn(
    tools.prometheus,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${data}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--storage.tsdb.retention.time=30d',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout?.on('data', (b) => log.push(String(b)));
  proc.stderr?.on('data', (b) => log.push(String(b)));
  let exited = false;
  proc.on('exit', () => {
    exited = true;
  });
  const stop = async (): Promise<void> => {
    if (!exited) {
      proc.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) proc.kill('SIGKILL');
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const get = async (p: string): Promise<any> => {
      const r = await fetch(`${url}${p}`);
      return r.json();
    };
    const ready = Date.now();
    for (;;) {
      if (exited) throw new Error(`prometheus exited: ${log.join('').slice(-2000)}`);
      if (Date.now() - ready > 60_000) throw new Error(`prometheus not ready after 60 s: ${log.join('').slice(-2000)}`);
      try {
        if ((await fetch(`${url}/-/ready`)).ok) break;
      } catch {
        /* not listening yet */
      }
      await sleep(200);
    }
    // Every group evaluated at least three times after start (rules reading other groups' records included).
    const since = Date.now();
    for (;;) {
      const groups: Array<{ lastEvaluation: string; name: string }> = (await get('/api/v1/rules?type=record')).data
        .groups;
      const last = groups.map((g) => Date.parse(g.lastEvaluation));
      if (last.every((t) => t >= since + 3000)) break;
      if (Date.now() - since > 60_000) throw new Error('rule groups not evaluated within 60 s');
      await sleep(500);
    }
    const ruleErrors: string[] = [];
    for (const g of (await get('/api/v1/rules')).data.groups) {
      for (const r of g.rules)
        if (r.health === 'err')
          ruleErrors.push(
            `${g.file} group "${g.name}" ${r.type === 'alerting' ? 'alert' : 'record'} "${r.name}": ${r.lastError}`,
          );
    }
    const time = Date.now() / 1000;
    // The data ends where the server started; 5-minute windows must still hold it when queried.
    if (time * 1000 - end > 180_000)
      throw new Error(
        `the live check started ${Math.round((time * 1000 - end) / 1000)} s after its data ends; 5m windows would be empty (machine too slow?)`,
      );
    const queryFn = async (expr: string): Promise<Array<{ metric: Record<string, string> }>> => {
      const body = new URLSearchParams({ query: expr, time: String(time) });
      const r = await fetch(`${url}/api/v1/query`, { method: 'POST', body });
      const j: any = await r.json();
      if (j.status !== 'success') throw new Error(`query failed: ${expr}: ${j.error}`);
      const res = j.data.result;
      if (j.data.resultType === 'scalar' || j.data.resultType === 'string') return [{ metric: {} }];
      return res;
    };
    const live: LivePrometheus = {
      url,
      time,
      series: om.series,
      samples: om.samples,
      query: queryFn,
      stop,
      ruleErrors,
      check: async (q) => {
        let result: Array<{ metric: Record<string, string> }>;
        try {
          result = await queryFn(q.expr);
        } catch (e) {
          return { query: q, series: 0, problem: `the query fails: ${(e as Error).message}` };
        }
        if (result.length === 0)
          return { query: q, series: 0, problem: await explain(q.expr, queryFn, input.recorded) };
        const missing = legendLabels(q.legend).filter((l) => !result.some((s) => s.metric[l] !== undefined));
        if (missing.length > 0) {
          const carried = [...new Set(result.flatMap((s) => Object.keys(s.metric)))]
            .filter((l) => l !== '__name__')
            .sort();
          return {
            query: q,
            series: result.length,
            problem: `a label the data lacks: the legend "${q.legend}" names ${missing.map((l) => `"${l}"`).join(', ')}, which the result does not carry (it carries: ${carried.join(', ') || 'no labels'})`,
          };
        }
        return { query: q, series: result.length };
      },
    };
    return live;
  } catch (e) {
    await stop();
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Why a query is empty

type Query = (expr: string) => Promise<Array<{ metric: Record<string, string> }>>;

const labelNames = (rs: Array<{ metric: Record<string, string> }>): string[] =>
  [...new Set(rs.flatMap((s) => Object.keys(s.metric)))].filter((l) => l !== '__name__').sort();

/**
 * The cause of an empty result, found by evaluating `text`'s sub-expressions: the deepest empty one names it.
 * Causes start with one of: "recording rule no file defines", "metric with no series", "a label the data
 * lacks", "a filter that drops everything", "vector matching between different label sets", "empty:".
 */
export async function explain(text: string, query: Query, recorded: ReadonlySet<string>): Promise<string> {
  const root = parseExpr(text);
  if (!root) return `empty: the query does not parse`;
  const src = (e: Expr): string => text.slice(e.from, e.to);
  const empty = async (e: Expr): Promise<boolean> => (await query(src(e))).length === 0;
  const visit = async (e: Expr): Promise<string> => {
    switch (e.kind) {
      case 'vector':
        return selectorCause(e, src(e), query, recorded);
      case 'matrix':
        if (await empty(e.selector)) return visit(e.selector);
        return `empty: "${src(e)}" holds no samples in its range`;
      case 'paren':
      case 'unary':
      case 'subquery':
        return (await empty(e.expr)) ? visit(e.expr) : `empty: "${src(e)}" is empty though "${src(e.expr)}" is not`;
      case 'call':
      case 'aggregate': {
        const args = e.kind === 'call' ? e.args : [e.expr, e.param].filter((x): x is Expr => x !== undefined);
        for (const a of args) if (a.kind !== 'number' && a.kind !== 'string' && (await empty(a))) return visit(a);
        return `empty: ${e.kind === 'call' ? e.func : e.op}() returns nothing from non-empty arguments in "${src(e)}"`;
      }
      case 'binary': {
        const scalar = (x: Expr): boolean =>
          x.kind === 'number' || (x.kind === 'paren' && scalar(x.expr)) || (x.kind === 'unary' && scalar(x.expr));
        for (const side of [e.lhs, e.rhs]) if (!scalar(side) && (await empty(side))) return visit(side);
        const comparison = ['==', '!=', '>', '<', '>=', '<='].includes(e.op) && !e.returnBool;
        if (comparison && (scalar(e.lhs) || scalar(e.rhs))) {
          return `a filter that drops everything: "${e.op} ${src(scalar(e.rhs) ? e.rhs : e.lhs)}" keeps no series of "${src(scalar(e.rhs) ? e.lhs : e.rhs)}"`;
        }
        const modifiers = text
          .slice(e.opSpan.to, e.rhs.from)
          .replace(/\bbool\b/, '')
          .replace(/\bgroup_(left|right)\b(\s*\([^)]*\))?/, '');
        const left = await query(src(e.lhs));
        const right = await query(src(e.rhs));
        const matched = ['and', 'or', 'unless'].includes(e.op)
          ? `(${src(e.lhs)}) and${modifiers}(${src(e.rhs)})`
          : `(${src(e.lhs)}) -${modifiers.replace(/\bon\b|\bignoring\b/, (m) => m)}(${src(e.rhs)})`;
        let matches = true;
        try {
          matches = (await query(matched)).length > 0;
        } catch {
          matches = false;
        }
        if (!matches) {
          return `vector matching between different label sets: "${src(e.lhs)}" carries {${labelNames(left).join(', ')}} and "${src(e.rhs)}" carries {${labelNames(right).join(', ')}}; no series pair has the same labels${e.matching?.explicit ? ' on the matching labels' : ' (match on(...) the labels they share, or aggregate both sides first)'}`;
        }
        if (comparison)
          return `a filter that drops everything: "${src(e)}" keeps no series (the sides match, but "${e.op}" is false for every pair)`;
        return `empty: "${src(e)}" is empty though its sides match`;
      }
      default:
        return `empty: "${src(e)}"`;
    }
  };
  return visit(root);
}

async function selectorCause(
  sel: ast.VectorSelector,
  text: string,
  query: Query,
  recorded: ReadonlySet<string>,
): Promise<string> {
  const name = nameOf(sel);
  if (name !== undefined) {
    if (name.includes(':') && !recorded.has(name))
      return `recording rule no file defines: "${name}" is read by "${text}" but no rule file records it`;
    const all = await query(`{__name__="${name}"}`);
    if (all.length === 0)
      return `metric with no series: no series of "${name}" exists${recorded.has(name) ? ' (its recording rule is empty)' : ''}`;
    const carried = labelNames(all);
    for (const m of sel.matchers) {
      if (m.name === '__name__') continue;
      const matchesEmpty = m.op === '=' ? m.value === '' : m.op === '!=' ? m.value !== '' : false;
      if (!carried.includes(m.name) && !matchesEmpty)
        return `a label the data lacks: "${text}" matches on "${m.name}", which no series of "${name}" carries (they carry: ${carried.join(', ') || 'no labels'})`;
    }
    for (const m of sel.matchers) {
      if (m.name === '__name__') continue;
      const one = await query(`{__name__="${name}", ${m.name}${m.op}${JSON.stringify(m.value)}}`);
      if (one.length === 0) {
        const values = [...new Set(all.map((s) => s.metric[m.name] ?? ''))].sort().slice(0, 10);
        return `a filter that drops everything: ${m.name}${m.op}"${m.value}" keeps no series of "${name}" (its values: ${values.map((v) => `"${v}"`).join(', ')})`;
      }
    }
    return `a filter that drops everything: the matchers of "${text}" together keep no series of "${name}"`;
  }
  return `empty: no series matches "${text}"`;
}
