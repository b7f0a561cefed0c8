/**
 * Proving SLO rules with real Prometheus: synthetic counters, an exact model of what the rules compute on
 * them, and `promtool test rules` files generated from the synthesized rules and the model's expectations.
 *
 * The model uses exact rationals. It relies on the series' shape: samples every `step` minutes from 0,
 * counters starting at 0, evaluations on the same grid. Then every range holds a sample at each end (or
 * starts at the series' first sample, 0, where Prometheus does not extrapolate a counter below zero), so
 * `rate()` of errors over `rate()` of events is exactly the ratio of their increases. Ranges are closed at
 * both ends, as in Prometheus 2.x (promtool 2.42 here); Prometheus 3 opens them on the left, which a model
 * for 3.x would have to follow.
 */
import * as fs from 'fs';
import * as path from 'path';
import { AlertRule, RuleGroup } from '../../src/rules';
import { Rational, Slo, SloTier, windowMs } from '../../src/slo';
import { toYaml } from '../../src/core';
import { runPromtool } from '../support/promtool';
import { tempDir } from '../support/synth';

/** A stretch of traffic: `minutes` long, `traffic` events a minute, errors burning the budget at `burn`. */
export interface Segment {
  readonly minutes: number;
  /** Burn rate: error ratio / error budget. */
  readonly burn: number;
  /** Events a minute. @default 1000 */
  readonly traffic?: number;
}

/** Cumulative counters sampled every `step` minutes from 0. */
export interface Counters {
  readonly step: number;
  readonly errors: Rational[];
  readonly total: Rational[];
}

/** Builds the counters of a scenario. Segment lengths must be multiples of the step. */
export function counters(segments: readonly Segment[], budget: string, step = 1): Counters {
  const b = Rational.parse(budget) as Rational;
  const errors = [new Rational(0n)];
  const total = [new Rational(0n)];
  for (const s of segments) {
    if (s.minutes % step !== 0) throw new Error(`segment of ${s.minutes}m is not a multiple of the ${step}m step`);
    const perStepTotal = Rational.of(s.traffic ?? 1000).mul(step);
    const perStepErrors = perStepTotal.mul(Rational.of(s.burn)).mul(b);
    for (let i = 0; i < s.minutes / step; i++) {
      total.push(total[total.length - 1].add(perStepTotal));
      errors.push(errors[errors.length - 1].add(perStepErrors));
    }
  }
  return { step, errors, total };
}

/** Length of the counters in minutes. */
export const lengthMinutes = (c: Counters): number => (c.total.length - 1) * c.step;

/**
 * Burn rate over `window` at minute `t` as the rules compute it, or undefined when no events were counted
 * (the rules record nothing then).
 */
export function burnAt(c: Counters, window: string, t: number, budget: string): Rational | undefined {
  const w = windowMs(window) / 60_000;
  if (t % c.step !== 0 || w % c.step !== 0)
    throw new Error(`minute ${t} or window ${window} is off the ${c.step}m grid`);
  const end = t / c.step;
  const start = Math.max(0, (t - w) / c.step);
  if (end <= start) return undefined;
  const dT = c.total[end].sub(c.total[start]);
  if (dT.cmp(0) <= 0) return undefined;
  return c.errors[end]
    .sub(c.errors[start])
    .div(dT)
    .div(Rational.parse(budget) as Rational);
}

/** Whether a tier fires at minute `t`; 'tie' when a window sits exactly on the factor (float rounding decides). */
export function tierState(c: Counters, tier: SloTier, t: number, budget: string): boolean | 'tie' {
  const f = Rational.parse(tier.factor) as Rational;
  const long = burnAt(c, tier.longWindow, t, budget);
  const short = burnAt(c, tier.shortWindow, t, budget);
  if (!long || !short) return false;
  if (long.cmp(f) === 0 || short.cmp(f) === 0) return 'tie';
  return long.cmp(f) > 0 && short.cmp(f) > 0;
}

/** The first minute (on the grid, from `from`) at which the tier fires, or undefined if not before `until`. */
export function firstFiring(
  c: Counters,
  tier: SloTier,
  budget: string,
  from: number,
  until: number,
): number | 'tie' | undefined {
  for (let t = from; t <= until; t += c.step) {
    const s = tierState(c, tier, t, budget);
    if (s === 'tie') return 'tie';
    if (s) return t;
  }
  return undefined;
}

/** The labels and annotations of a tier's alert, as promtool reports them. */
export function expectedAlert(
  slo: Slo,
  tier: SloTier,
): { exp_labels: Record<string, string>; exp_annotations: Record<string, string> } {
  const rule: AlertRule = slo.tierAlert(tier);
  return { exp_labels: { ...(rule.props.labels ?? {}) }, exp_annotations: { ...(rule.props.annotations ?? {}) } };
}

/** One `alert_rule_test` entry. */
export interface AlertCheck {
  readonly eval_time: string;
  readonly alertname: string;
  readonly exp_alerts: ReadonlyArray<{ exp_labels: Record<string, string>; exp_annotations?: Record<string, string> }>;
}

/** One `promql_expr_test` entry. */
export interface ExprCheck {
  readonly expr: string;
  readonly eval_time: string;
  readonly exp_samples: ReadonlyArray<{ labels: string; value: number }>;
}

/** A test group of a promtool test file. */
export interface PromtoolGroup {
  readonly name: string;
  /** Input series step, e.g. `1m`. */
  readonly interval: string;
  readonly input_series: ReadonlyArray<{ series: string; values: string }>;
  readonly alert_rule_test?: readonly AlertCheck[];
  readonly promql_expr_test?: readonly ExprCheck[];
}

/**
 * Alert checks at the given minutes: the tiers the model says fire. `c` is one scenario, or one per
 * grouping label set (`{ labels: { endpoint: '/a' }, counters }`). A tie anywhere is an error: move the point.
 */
export function alertChecks(
  slo: Slo,
  c: Counters | ReadonlyArray<{ labels: Record<string, string>; counters: Counters }>,
  minutes: Iterable<number>,
): AlertCheck[] {
  const sets = 'step' in c ? [{ labels: {}, counters: c }] : c;
  const out: AlertCheck[] = [];
  for (const t of [...new Set(minutes)].sort((a, b) => a - b)) {
    const alerts = sets.flatMap((set) =>
      slo.tiers
        .filter((tier) => {
          const s = tierState(set.counters, tier, t, slo.errorBudget);
          if (s === 'tie')
            throw new Error(`minute ${t}: tier ${tier.id} sits exactly on its factor; pick another check time`);
          return s;
        })
        .map((tier) => {
          const a = expectedAlert(slo, tier);
          return { exp_labels: { ...a.exp_labels, ...set.labels }, exp_annotations: a.exp_annotations };
        }),
    );
    out.push({ eval_time: `${t}m`, alertname: slo.alertName, exp_alerts: alerts });
  }
  return out;
}

/** promtool's series notation for a list of values, runs of equal steps compressed to `a+bxn`. */
export function seriesValues(values: ReadonlyArray<Rational | 'NaN' | 'Inf' | '_'>): string {
  const out: string[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i];
    if (!(v instanceof Rational)) {
      out.push(v);
      i++;
      continue;
    }
    let j = i;
    const next = values[i + 1];
    const d = next instanceof Rational ? next.sub(v) : undefined;
    if (d)
      while (
        j + 1 < values.length &&
        values[j + 1] instanceof Rational &&
        (values[j + 1] as Rational).sub(values[j] as Rational).cmp(d) === 0
      )
        j++;
    if (d && j > i) {
      const negative = d.cmp(0) < 0;
      out.push(`${dec(v)}${negative ? '-' : '+'}${dec(negative ? new Rational(0n).sub(d) : d)}x${j - i}`);
      i = j + 1;
      continue;
    }
    out.push(dec(v));
    i++;
  }
  return out.join(' ');
}

const dec = (r: Rational): string => r.toDecimal(12);

/** An expression check that `expr` is within `tolerance` (relative) of `value`, per the given label sets. */
export function approxCheck(
  expr: string,
  minute: number,
  expected: ReadonlyArray<{ labels: string; value: Rational | number }>,
  labelSelector = '',
): ExprCheck {
  const v = expected[0]?.value;
  const target = v instanceof Rational ? v.toDecimal(12) : String(v);
  const tol = Math.max(1e-9, Math.abs(Number(target)) * 1e-9);
  return {
    expr: `abs(${expr}${labelSelector} - ${target}) < bool ${tol}`,
    eval_time: `${minute}m`,
    exp_samples: expected.map((e) => ({ labels: e.labels, value: 1 })),
  };
}

/** Writes the rule file and the test file into a new directory; returns the test file's path. */
export function writePromtoolTest(
  groups: readonly RuleGroup[],
  tests: readonly PromtoolGroup[],
  evaluationInterval = '1m',
): string {
  const dir = tempDir('wk-slo-');
  fs.writeFileSync(path.join(dir, 'rules.yaml'), toYaml({ groups: groups.map((g) => g.toRuleFile()) }));
  const file = path.join(dir, 'test.yaml');
  fs.writeFileSync(
    file,
    toYaml({
      rule_files: ['rules.yaml'],
      evaluation_interval: evaluationInterval,
      // promtool evaluates groups in this order at each step (unordered otherwise), as Prometheus would
      // within one evaluation interval when the groups are evaluated back to back.
      group_eval_order: groups.map((g) => g.name),
      tests,
    }),
  );
  return file;
}

/** Runs `promtool test rules` and returns its verdict and output. */
export function promtoolTest(file: string): { ok: boolean; output: string } {
  const r = runPromtool(['test', 'rules', file]);
  return { ok: r.status === 0 && /SUCCESS/.test(r.output), output: r.output };
}

/** The two input series of an events SLI. */
export function eventSeries(
  c: Counters,
  errors = 'rlm_errors',
  total = 'rlm_requests',
): Array<{ series: string; values: string }> {
  return [
    { series: total, values: seriesValues(c.total) },
    { series: errors, values: seriesValues(c.errors) },
  ];
}
