/**
 * Tests for free: the scenarios every Slo and ThresholdMetric can prove about its own alerts, generated
 * from its numbers and checked against the rules as synthesized (the alert found by name and labels in the
 * rule file, its annotations rendered from the rule's templates).
 *
 * - Slo: for each tier, a burn between its factor and the next higher one, after healthy traffic as long as
 *   the tier's long window, opens the tier within that window (and not one evaluation earlier), with exactly
 *   the tiers an exact model of the rules predicts; a burn below 1 (and below every factor) never alerts; no
 *   traffic never alerts.
 * - ThresholdMetric: each level fires above its number (with the levels below it) once `for` has passed,
 *   and not below it; no data never alerts.
 *
 * The model of the recorded burn rates holds for Prometheus 2.x ranges (closed at both ends) and 3.x ranges
 * (open on the left): check times are chosen where both agree.
 */
import { Construct, IConstruct } from 'constructs';
import { Problem, WatchkeeperError } from '../core';
import { Duration, ast, compileMatcherRegex, parseDuration } from '../promql';
import { PrometheusRule, RuleGroup } from '../rules';
import { ServiceMonitoring } from '../service';
import { Slo, SloRules, SloTier } from '../slo';
import { latencySelectors, parseSelector } from '../slo/sli';
import { ISynthesizesFiles, SynthesizedFile, constructsOfType, prometheusVersionOf } from '../core';
import { ThresholdMetric } from '../thresholds';
import { UNITS } from '../thresholds/units';
import { expectedAlert } from './alert-test';
import {
  PromtoolAlertTest,
  PromtoolTestFile,
  PromtoolTestGroup,
  TESTS_DIR,
  alertRules,
  groupEvalOrder,
  labelSet,
  renderTestFile,
  ruleFilePath,
} from './promtool-file';
import { compress } from './series';

/** Settings of GeneratedAlertTests. */
export interface GeneratedAlertTestsProps {
  /** Folder under `tests/`. @default 'generated' */
  readonly folder?: string;
}

/** A source whose scenarios could not be generated, and why. */
export interface SkippedSource {
  readonly source: string;
  readonly reason: string;
}

/**
 * The app-wide switch: `new GeneratedAlertTests(app)` writes, at synth, one promtool test file per Slo and
 * ThresholdMetric found in the app's PrometheusRules, SloRules and ServiceMonitorings (`tests/generated/<rule file>-<source>.test.yaml`).
 * Sources it cannot drive (a metric that is an expression rather than a selector, a raw error-ratio SLI)
 * are listed in `tests/generated/SKIPPED.txt`.
 */
export class GeneratedAlertTests extends Construct implements ISynthesizesFiles {
  private readonly folder: string;

  constructor(scope: Construct, id = 'generated-alert-tests', props: GeneratedAlertTestsProps = {}) {
    super(scope, id);
    this.folder = props.folder ?? 'generated';
  }

  /** The test files, and the skipped sources. */
  synthesizeFiles(): SynthesizedFile[] {
    const { files, skipped } = generateAlertTestFiles(this, this.folder);
    const out = [...files];
    if (skipped.length > 0) {
      out.push({
        path: `${TESTS_DIR}/${this.folder}/SKIPPED.txt`,
        content: `Sources without generated scenarios (write an AlertTest for them):\n${skipped.map((s) => `- ${s.source}: ${s.reason}\n`).join('')}`,
      });
    }
    return out;
  }
}

/** The generated test files of every source in the app of `scope`. */
export function generateAlertTestFiles(
  scope: IConstruct,
  folder = 'generated',
): { files: SynthesizedFile[]; skipped: SkippedSource[] } {
  const version = prometheusVersionOf(scope);
  const files: SynthesizedFile[] = [];
  const skipped: SkippedSource[] = [];
  const used = new Set<string>();
  const emit = (rule: PrometheusRule, slug: string, source: string, build: () => PromtoolTestGroup[]): void => {
    let base = `${rule.name}-${slug}`;
    for (let i = 2; used.has(base); i++) base = `${rule.name}-${slug}-${i}`;
    used.add(base);
    try {
      const tests = build();
      // One file per sampling interval: promtool evaluates a whole file at one evaluation_interval.
      const intervals = [...new Set(tests.map((t) => t.interval))];
      for (const interval of intervals) {
        const path = `${TESTS_DIR}/${folder}/${base}${intervals.length > 1 ? `-${interval}` : ''}.test.yaml`;
        const file: PromtoolTestFile = {
          rule_files: [ruleFilePath(rule, path)],
          evaluation_interval: interval,
          ...(groupEvalOrder([rule]) ? { group_eval_order: groupEvalOrder([rule]) } : {}),
          tests: tests.filter((t) => t.interval === interval),
        };
        files.push({
          path,
          content: renderTestFile(
            file,
            `Generated scenarios of ${source} in ${rule.node.path}; edit the source, not this file.`,
          ),
        });
      }
    } catch (e) {
      if (e instanceof Skip) skipped.push({ source: `${source} (${rule.node.path})`, reason: e.message });
      else if (e instanceof WatchkeeperError)
        skipped.push({ source: `${source} (${rule.node.path})`, reason: e.problems.map((p) => p.message).join('; ') });
      else throw e;
    }
  };
  const sloOwners = new Map<PrometheusRule, Slo[]>();
  for (const owner of constructsOfType(scope, SloRules)) sloOwners.set(owner.prometheusRule, [...owner.slos]);
  for (const service of constructsOfType(scope, ServiceMonitoring)) {
    // Its PrometheusRule exists once it holds a rule; reading `rules` here would make an empty one.
    const rule = service.node.tryFindChild('rules');
    if (rule instanceof PrometheusRule) sloOwners.set(rule, [...service.slos]);
  }
  for (const rule of constructsOfType(scope, PrometheusRule)) {
    const slos = [...(sloOwners.get(rule) ?? [])];
    const metrics: ThresholdMetric[] = [];
    for (const group of rule.ruleGroups) {
      for (const source of groupSources(group)) {
        if (source instanceof Slo) slos.push(source);
        else if (source instanceof ThresholdMetric) metrics.push(source);
      }
    }
    for (const slo of slos)
      emit(
        rule,
        `slo-${slo.props.service}-${slo.props.name}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-'),
        `Slo "${slo.props.service}/${slo.props.name}"`,
        () => sloScenarios(slo, rule, version),
      );
    for (const m of metrics)
      emit(rule, kebab(m.alertName), `ThresholdMetric ${m.alertName} (${m.props.metric})`, () =>
        thresholdScenarios(m, rule, version),
      );
  }
  return { files, skipped };
}

/** The sources added to a group (Slo, ThresholdMetric, ...), which RuleGroup keeps as given. */
function groupSources(group: RuleGroup): readonly unknown[] {
  return group.sources;
}

class Skip extends Error {}

const kebab = (s: string): string =>
  s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-');

const MINUTE = 60_000;
const ms = (d: Duration | string): number => {
  const r = parseDuration(d as Duration);
  if (!r.ok) throw new Skip(r.error);
  return r.ms;
};

/** A duration in promtool's notation, from milliseconds. */
export function formatDuration(msValue: number): string {
  if (msValue === 0) return '0s';
  const units: Array<[string, number]> = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', MINUTE],
    ['s', 1000],
  ];
  let rest = msValue;
  let out = '';
  for (const [u, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * size;
    }
  }
  return out || `${msValue}ms`;
}

// ---------------------------------------------------------------------------------------------------------
// Series that a selector selects

type Matcher = ast.LabelMatcher;

interface Sel {
  readonly name: string;
  readonly matchers: readonly Matcher[];
}

function selector(text: string, what: string): Sel {
  const s = parseSelector(text);
  if (!s.ok) throw new Skip(`${what} is not a plain selector (${s.message}); state its input series in an AlertTest`);
  return { name: s.name, matchers: s.matchers };
}

function matches(m: Matcher, value: string): boolean {
  switch (m.op) {
    case '=':
      return value === m.value;
    case '!=':
      return value !== m.value;
    case '=~':
    case '!~': {
      const re = compileMatcherRegex(m.value);
      const hit = re.ok ? re.matches(value) : false;
      return m.op === '=~' ? hit : !hit;
    }
  }
  return false;
}

function selects(sel: Sel, name: string, labels: Readonly<Record<string, string>>): boolean {
  return sel.name === name && sel.matchers.every((m) => matches(m, labels[m.name] ?? ''));
}

const POOL = [
  '',
  'generated',
  '200',
  '500',
  '503',
  '404',
  '2xx',
  '5xx',
  'true',
  'false',
  'ok',
  'error',
  'success',
  'failure',
  '0',
  '1',
  'GET',
  'POST',
];

/**
 * Labels for a series named `name` that every selector in `must` selects and none in `mustNot` does, or
 * undefined. `required` labels get a non-empty value.
 */
function labelsFor(
  name: string,
  must: readonly Sel[],
  mustNot: readonly Sel[],
  required: readonly string[],
): Record<string, string> | undefined {
  if (must.some((s) => s.name !== name)) return undefined;
  const all = [...must, ...mustNot];
  const names = [...new Set([...all.flatMap((s) => s.matchers.map((m) => m.name)), ...required])].sort();
  const pool = [
    ...new Set([
      ...POOL,
      ...all.flatMap((s) =>
        s.matchers.filter((m) => m.op === '=' || !/[\\^$.|?*+()[\]{}]/.test(m.value)).map((m) => m.value),
      ),
    ]),
  ];
  // Per label, the values the `must` selectors accept.
  const options = names.map((l) =>
    pool.filter(
      (v) =>
        (v !== '' || !required.includes(l)) &&
        must.every((s) => s.matchers.filter((m) => m.name === l).every((m) => matches(m, v))),
    ),
  );
  if (options.some((o) => o.length === 0)) return undefined;
  const make = (choice: number[]): Record<string, string> =>
    Object.fromEntries(names.map((l, i) => [l, options[i][choice[i]]]).filter(([, v]) => v !== ''));
  const first = names.map(() => 0);
  const ok = (labels: Record<string, string>): boolean => mustNot.every((s) => !selects(s, name, labels));
  if (ok(make(first))) return make(first);
  // Change one label at a time, then two, until no `mustNot` selector selects the series.
  for (let i = 0; i < names.length; i++) {
    for (let a = 1; a < options[i].length; a++) {
      const c = [...first];
      c[i] = a;
      if (ok(make(c))) return make(c);
      for (let j = i + 1; j < names.length; j++) {
        for (let b = 1; b < options[j].length; b++) {
          const d = [...c];
          d[j] = b;
          if (ok(make(d))) return make(d);
        }
      }
    }
  }
  return undefined;
}

const seriesText = (name: string, labels: Readonly<Record<string, string>>): string =>
  labelSet({ __name__: name, ...labels });

// ---------------------------------------------------------------------------------------------------------
// ThresholdMetric

function thresholdScenarios(m: ThresholdMetric, rule: PrometheusRule, version?: string): PromtoolTestGroup[] {
  const sel = selector(m.props.metric, `the metric "${m.props.metric}"`);
  const labels = labelsFor(sel.name, [sel], [], []);
  if (!labels) throw new Skip(`no label values found that the selector "${m.props.metric}" selects`);
  const forMs = ms(m.props.for ?? '5m');
  const step = [MINUTE, 10_000, 1000].find((s) => forMs % s === 0) ?? 1000;
  const above = m.props.direction === 'above';
  const range = UNITS[m.props.unit].range;
  // Levels from the least to the most severe side: ascending for "above", descending for "below".
  const levels = [...m.levels].sort((a, b) => (above ? a.value - b.value : b.value - a.value));
  const crossed = (v: number) => levels.filter((l) => (above ? v > l.value : v < l.value));
  const candidates = rule.ruleGroups
    .flatMap((g) => g.rules)
    .filter((r) => r.kind === 'alert' && r.name === m.alertName);
  const named = alertRules([rule])
    .filter((a) => a.rule.name === m.alertName)
    .map((a) => a.rule);
  if (candidates.length === 0 || named.length === 0) throw new Skip(`no alert named ${m.alertName} in the rule file`);
  const inRange = (v: number) => !range || (v >= range[0] && v <= range[1]);
  const problems: Problem[] = [];
  const where = `ThresholdMetric ${m.alertName}`;
  const alertsAt = (v: number): PromtoolAlertTest['exp_alerts'] =>
    crossed(v)
      .map((l) =>
        expectedAlert(
          m.alertName,
          { labels: { ...labels, severity: l.severity }, value: v },
          named,
          { where, field: l.severity },
          problems,
          version,
        ),
      )
      .filter((a): a is NonNullable<typeof a> => a !== undefined);
  const groups: PromtoolTestGroup[] = [];
  const hold = (v: number) => {
    const n = (forMs + 2 * step) / step;
    return compress(Array.from({ length: n + 1 }, () => v));
  };
  const checkAt = formatDuration(forMs + step);
  levels.forEach((level, i) => {
    const sign = above ? 1 : -1;
    const margin = Math.max(Math.abs(level.value) * 0.5, 1);
    const beyond = levels[i + 1] ? (level.value + levels[i + 1].value) / 2 : level.value + sign * margin;
    const before = levels[i - 1] ? (level.value + levels[i - 1].value) / 2 : level.value - sign * margin;
    for (const [kind, v] of [
      ['above', beyond],
      ['below', before],
    ] as const) {
      const word = kind === 'above' ? (above ? 'above' : 'below') : above ? 'below' : 'above';
      if (!inRange(v)) continue;
      const tests: PromtoolAlertTest[] = [{ eval_time: checkAt, alertname: m.alertName, exp_alerts: alertsAt(v) }];
      if (forMs >= 2 * step)
        tests.unshift({ eval_time: formatDuration(forMs - step), alertname: m.alertName, exp_alerts: [] });
      groups.push({
        name: `${m.alertName} ${level.severity} (${level.value}): ${v} is ${word} it${kind === 'above' ? ', fires after for' : ', does not fire'}`,
        interval: formatDuration(step),
        input_series: [{ series: seriesText(sel.name, labels), values: hold(v) }],
        alert_rule_test: tests,
      });
    }
  });
  groups.push({
    name: `${m.alertName}: no data, no alert`,
    interval: formatDuration(step),
    input_series: [{ series: seriesText(`${sel.name}_unrelated`, labels), values: hold(0) }],
    alert_rule_test: [{ eval_time: checkAt, alertname: m.alertName, exp_alerts: [] }],
  });
  if (problems.length > 0) throw new Skip(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  return groups;
}

// ---------------------------------------------------------------------------------------------------------
// Slo

/** The two counters an SLI reads, as the series to write. */
interface SloInputs {
  /** The series of the SLI's first counter: errors (events SLI) or good events (good/total, latency). */
  readonly first: string;
  readonly firstIsGood: boolean;
  /** The other series: the rest of the events when total also counts the first series, else all events. */
  readonly second: string;
  readonly shared: boolean;
  /** Labels every alert of the SLO carries from its grouping. */
  readonly groupLabels: Record<string, string>;
}

function sloInputs(slo: Slo): SloInputs {
  const sli = slo.props.sli;
  const group = [...slo.groupBy];
  const pair = (a: Sel, t: Sel, firstIsGood: boolean): SloInputs => {
    // (1) total also counts the first counter's series: write it and the rest of the events.
    const shared = labelsFor(a.name, [a, t], [], group);
    const rest = shared && labelsFor(t.name, [t], [a], group);
    if (shared && rest && group.every((g) => shared[g] === rest[g])) {
      return {
        first: seriesText(a.name, shared),
        firstIsGood,
        second: seriesText(t.name, rest),
        shared: true,
        groupLabels: pick(shared, group),
      };
    }
    // (2) separate series: the first counter's and all events'.
    const own = labelsFor(a.name, [a], [t], group);
    const total = own && labelsFor(t.name, [t], [a], group);
    if (own && total && group.every((g) => own[g] === total[g])) {
      return {
        first: seriesText(a.name, own),
        firstIsGood,
        second: seriesText(t.name, total),
        shared: false,
        groupLabels: pick(own, group),
      };
    }
    throw new Skip("no label values found that separate the SLI's counters");
  };
  switch (sli.kind) {
    case 'events':
      return pair(selector(sli.errors, 'the errors counter'), selector(sli.total, 'the total counter'), false);
    case 'good-total':
      return pair(selector(sli.good, 'the good counter'), selector(sli.total, 'the total counter'), true);
    case 'latency': {
      const s = latencySelectors(sli);
      return pair(selector(s.good, 'the latency bucket'), selector(s.total, 'the +Inf bucket'), true);
    }
    default:
      throw new Skip('a raw error-ratio SLI is an expression: state its input series in an AlertTest');
  }
}

const pick = (labels: Record<string, string>, names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.map((n) => [n, labels[n]]));

/** A scenario's counters at every step: events and errors per step, from a large offset. */
interface Timeline {
  readonly stepMs: number;
  /** Errors and events counted at each sample (cumulative). */
  readonly errors: number[];
  readonly total: number[];
}

const OFFSET = 10_000_000;
const TRAFFIC_PER_SECOND = 100;

function timeline(
  stepMs: number,
  phases: ReadonlyArray<{ ms: number; burn: number; traffic?: number }>,
  budget: number,
): Timeline {
  const errors = [OFFSET];
  const total = [OFFSET];
  for (const p of phases) {
    const events = ((p.traffic ?? TRAFFIC_PER_SECOND) * stepMs) / 1000;
    for (let i = 0; i < p.ms / stepMs; i++) {
      total.push(total[total.length - 1] + events);
      errors.push(errors[errors.length - 1] + events * p.burn * budget);
    }
  }
  return { stepMs, errors, total };
}

/** Burn rate over `window` at sample index `k` as the rules record it (undefined: nothing recorded). */
function burnAt(tl: Timeline, windowMs: number, k: number, budget: number, leftOpen: boolean): number | undefined {
  const t = k * tl.stepMs;
  let first = Math.ceil((t - windowMs) / tl.stepMs);
  if (leftOpen && first * tl.stepMs === t - windowMs) first++;
  first = Math.max(0, first);
  if (k - first < 1) return undefined;
  const dT = tl.total[k] - tl.total[first];
  if (!(dT > 0)) return undefined;
  return (tl.errors[k] - tl.errors[first]) / dT / budget;
}

/** Which tiers fire at sample `k` (undefined when a burn sits within rounding of a factor). */
function firingTiers(
  tl: Timeline,
  tiers: readonly SloTier[],
  k: number,
  budget: number,
  leftOpen: boolean,
): SloTier[] | undefined {
  const out: SloTier[] = [];
  for (const tier of tiers) {
    const f = Number(tier.factor);
    const forSteps = Math.ceil(ms(tier.for ?? '0s') / tl.stepMs);
    let firing = k - forSteps >= 0;
    for (let j = k - forSteps; firing && j <= k; j++) {
      const long = burnAt(tl, ms(tier.longWindow), j, budget, leftOpen);
      const short = burnAt(tl, ms(tier.shortWindow), j, budget, leftOpen);
      for (const b of [long, short]) if (b !== undefined && Math.abs(b - f) <= f * 1e-6) return undefined;
      firing = long !== undefined && short !== undefined && long > f && short > f;
    }
    if (firing) out.push(tier);
  }
  return out;
}

/** The tiers firing at `k` when both range semantics agree, else undefined. */
function agreed(tl: Timeline, tiers: readonly SloTier[], k: number, budget: number): SloTier[] | undefined {
  const closed = firingTiers(tl, tiers, k, budget, false);
  const open = firingTiers(tl, tiers, k, budget, true);
  if (!closed || !open) return undefined;
  const key = (ts: SloTier[]) => ts.map((t) => t.id).join(',');
  return key(closed) === key(open) ? closed : undefined;
}

const NICE_STEPS = [MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE];

/** Evaluation step for a tier: the largest round step at most a sixth of its short window. */
const stepFor = (tier: SloTier): number =>
  [...NICE_STEPS].reverse().find((s) => s <= ms(tier.shortWindow) / 6) ?? MINUTE;

function sloScenarios(slo: Slo, rule: PrometheusRule, version?: string): PromtoolTestGroup[] {
  if (slo.tiers.length === 0) throw new Skip('every tier is disabled');
  const inputs = sloInputs(slo);
  const budget = Number(slo.errorBudget);
  const named = alertRules([rule])
    .filter((a) => a.rule.name === slo.alertName)
    .map((a) => a.rule);
  if (named.length === 0) throw new Skip(`no alert named ${slo.alertName} in the rule file`);
  const problems: Problem[] = [];
  const where = `Slo ${slo.props.service}/${slo.props.name}`;
  const expected = (tiers: readonly SloTier[]): PromtoolAlertTest['exp_alerts'] =>
    tiers
      .map((t) =>
        expectedAlert(
          slo.alertName,
          { labels: { ...inputs.groupLabels, long_window: t.longWindow, short_window: t.shortWindow } },
          named,
          { where, field: t.id },
          problems,
          version,
        ),
      )
      .filter((a): a is NonNullable<typeof a> => a !== undefined);
  const series = (tl: Timeline) => {
    const good = tl.total.map((t, i) => OFFSET + (t - OFFSET) - (tl.errors[i] - OFFSET));
    const first = inputs.firstIsGood ? good : tl.errors;
    const second = !inputs.shared ? tl.total : inputs.firstIsGood ? tl.errors : good;
    return [
      { series: inputs.first, values: compress(first) },
      { series: inputs.second, values: compress(second) },
    ];
  };
  const factors = [...new Set(slo.tiers.map((t) => Number(t.factor)))].sort((a, b) => a - b);
  const groups: PromtoolTestGroup[] = [];
  for (const tier of slo.tiers) {
    const f = Number(tier.factor);
    const higher = factors.find((x) => x > f);
    const burn = Math.min(higher === undefined ? f * 2 : (f + higher) / 2, 1 / budget);
    if (!(burn > f)) {
      problems.push({
        where,
        field: tier.id,
        message: `its factor ${tier.factor} needs more than 100% errors to open`,
      });
      continue;
    }
    const step = stepFor(tier);
    const long = ms(tier.longWindow);
    const healthy = Math.ceil(long / step) * step;
    const forMs = ms(tier.for ?? '0s');
    const horizon = healthy + long + forMs + 2 * step;
    const tl = timeline(
      step,
      [
        { ms: healthy, burn: 0 },
        { ms: horizon - healthy, burn },
      ],
      budget,
    );
    let fireK: number | undefined;
    let fireSet: SloTier[] | undefined;
    for (let k = healthy / step; k * step <= horizon - step; k++) {
      const set = agreed(tl, slo.tiers, k, budget);
      if (set && set.includes(tier)) {
        fireK = k;
        fireSet = set;
        break;
      }
    }
    if (fireK === undefined || !fireSet) {
      problems.push({ where, field: tier.id, message: 'the model found no time at which the tier opens' });
      continue;
    }
    let beforeK = fireK - 1;
    let beforeSet = agreed(tl, slo.tiers, beforeK, budget);
    while (beforeK > 0 && (!beforeSet || beforeSet.includes(tier)))
      beforeSet = agreed(tl, slo.tiers, --beforeK, budget);
    const trimmed: Timeline = {
      stepMs: step,
      errors: tl.errors.slice(0, fireK + 2),
      total: tl.total.slice(0, fireK + 2),
    };
    const detection = fireK * step - healthy;
    groups.push({
      name: `${slo.alertName} ${tier.id} (${tier.longWindow}/${tier.shortWindow}, factor ${tier.factor}): burn ${round4(burn)} after ${tier.longWindow} healthy opens it after ${formatDuration(detection)}, within its ${tier.longWindow} window`,
      interval: formatDuration(step),
      input_series: series(trimmed),
      alert_rule_test: [
        ...(beforeSet
          ? [{ eval_time: formatDuration(beforeK * step), alertname: slo.alertName, exp_alerts: expected(beforeSet) }]
          : []),
        { eval_time: formatDuration(fireK * step), alertname: slo.alertName, exp_alerts: expected(fireSet) },
      ],
    });
    if (detection > long + forMs)
      problems.push({
        where,
        field: tier.id,
        message: `opens after ${formatDuration(detection)}, later than its long window`,
      });
  }
  // Below 1 (and below every factor), and no traffic: never alerts, at each tier's long window and after.
  const low = Math.min(0.5, factors[0] / 2);
  const byStep = new Map<number, SloTier[]>();
  for (const t of slo.tiers) byStep.set(stepFor(t), [...(byStep.get(stepFor(t)) ?? []), t]);
  for (const [step, tiers] of [...byStep].sort((a, b) => a[0] - b[0])) {
    const longest = Math.max(...tiers.map((t) => ms(t.longWindow)));
    const horizon = Math.ceil(longest / step) * step + 2 * step;
    const checks = [...new Set([...tiers.map((t) => Math.ceil(ms(t.longWindow) / step) * step), horizon])].sort(
      (a, b) => a - b,
    );
    const silent = checks.map((t) => ({ eval_time: formatDuration(t), alertname: slo.alertName, exp_alerts: [] }));
    groups.push({
      name: `${slo.alertName}: burn ${low} (below every factor) never alerts (${tiers.map((t) => t.id).join(', ')})`,
      interval: formatDuration(step),
      input_series: series(timeline(step, [{ ms: horizon, burn: low }], budget)),
      alert_rule_test: silent,
    });
    groups.push({
      name: `${slo.alertName}: no traffic never alerts (${tiers.map((t) => t.id).join(', ')})`,
      interval: formatDuration(step),
      input_series: series(timeline(step, [{ ms: horizon, burn: 0, traffic: 0 }], budget)),
      alert_rule_test: silent,
    });
  }
  if (problems.length > 0) throw new Skip(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
  return groups;
}

const round4 = (x: number): string => String(Number(x.toPrecision(4)));
