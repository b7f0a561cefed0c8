/**
 * AlertTest: tests declared beside the alerts. Input series by shape, expectations that an alert fires
 * (with its labels and annotations, rendered from the rule's own templates) or stays silent at a time, and
 * expression values; written at synth as a promtool test file under `tests/` that loads the synthesized
 * rule files. `watchkeeper test` runs them.
 */
import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problem, WatchkeeperError, formatProblem, throwIfAny, throwProblem } from '../core';
import { Duration, parseDuration, checkPromQL } from '../promql';
import { isDnsLabel } from '../core';
import { AlertRule, PrometheusRule } from '../rules';
import { ISynthesizesFiles, SynthesizedFile, prometheusVersionOf } from '../core';
import {
  PromtoolAlert,
  PromtoolAlertTest,
  PromtoolExprTest,
  PromtoolTestFile,
  PromtoolTestGroup,
  RuleFileOwner,
  TESTS_DIR,
  alertRules,
  groupEvalOrder,
  labelSet,
  renderTestFile,
  ruleFilePath,
  rulesUnderTest,
} from './promtool-file';
import { NotRenderable, renderTemplate } from './render-template';
import { Series } from './series';

/** One alert expected to fire. */
export interface ExpectedAlert {
  /**
   * Labels of the alert: those its expression's result carries (`job`, `instance`, ...) and any of the rule's
   * own labels that pick one rule among several sharing the name (`severity`). The rule's labels are added.
   * @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** The expression's value at that time, for annotations that read `$value`. @default not stated */
  readonly value?: number;
  /**
   * The annotations, when they cannot be rendered from the rule's templates (or to check them literally).
   * @default rendered from the rule's annotation templates
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A check of the test. */
export type Expectation =
  | { readonly kind: 'fires'; readonly alert: string; readonly at: Duration; readonly alerts: readonly ExpectedAlert[] }
  | { readonly kind: 'silent'; readonly alert: string; readonly at: Duration }
  | {
      readonly kind: 'value';
      readonly expr: string;
      readonly at: Duration;
      readonly samples: ReadonlyArray<{ labels?: Readonly<Record<string, string>>; value: number }>;
    };

/** Builders of expectations. */
export const Expect = {
  /** `alert` fires at `at` exactly as described (one alert; see `firesAll` for several). */
  fires: (alert: string, opts: { readonly at: Duration } & ExpectedAlert): Expectation => {
    const { at, ...one } = opts;
    return { kind: 'fires', alert, at, alerts: [one] };
  },
  /** Exactly these alerts named `alert` fire at `at` (several series, or several levels). */
  firesAll: (
    alert: string,
    opts: { readonly at: Duration; readonly alerts: readonly ExpectedAlert[] },
  ): Expectation => ({ kind: 'fires', alert, at: opts.at, alerts: opts.alerts }),
  /** No alert named `alert` fires at `at` (pending ones do not count, as in Prometheus). */
  silent: (alert: string, opts: { readonly at: Duration }): Expectation => ({ kind: 'silent', alert, at: opts.at }),
  /** `expr` evaluates to one sample with `value` (and `labels`, default none) at `at`. */
  value: (
    expr: string,
    opts: { readonly at: Duration; readonly value: number; readonly labels?: Readonly<Record<string, string>> },
  ): Expectation => ({ kind: 'value', expr, at: opts.at, samples: [{ labels: opts.labels, value: opts.value }] }),
  /** `expr` evaluates to exactly these samples at `at` (none: an empty result). */
  values: (
    expr: string,
    opts: {
      readonly at: Duration;
      readonly samples: ReadonlyArray<{ labels?: Readonly<Record<string, string>>; value: number }>;
    },
  ): Expectation => ({ kind: 'value', expr, at: opts.at, samples: opts.samples }),
} as const;

/** One scenario: input series and the checks on them. */
export interface AlertTestScenario {
  /** Name shown in results. */
  readonly name: string;
  /** Step between input samples. @default the test's interval */
  readonly interval?: Duration;
  readonly series: readonly Series[];
  readonly expect: readonly Expectation[];
  /** External labels the templates see. @default none */
  readonly externalLabels?: Readonly<Record<string, string>>;
  /** External URL the templates see. @default none */
  readonly externalUrl?: string;
}

/** Settings of an AlertTest. */
export interface AlertTestProps {
  /**
   * The rule files under test (PrometheusRule or SloRules constructs).
   * @default every PrometheusRule in the app
   */
  readonly rules?: readonly RuleFileOwner[];
  /** File name: `tests/<name>.test.yaml`. @default `<chart id>-<construct id>` */
  readonly name?: string;
  /** Step between input samples and between evaluations. @default '1m' */
  readonly interval?: Duration;
  /** Input series of the first scenario (named after the construct). */
  readonly series?: readonly Series[];
  /** Checks of the first scenario. */
  readonly expect?: readonly Expectation[];
  /** More scenarios. @default [] */
  readonly scenarios?: readonly AlertTestScenario[];
}

/**
 * A promtool test file, written at synth as `tests/<name>.test.yaml` beside the rule files it loads
 * (`rules/<name>.rules.yaml`). Expected labels and annotations come from the rules themselves: state the
 * labels the expression yields and, when an annotation reads `$value`, the value.
 */
export class AlertTest extends Construct implements ISynthesizesFiles {
  readonly name: string;
  private readonly scenarios: AlertTestScenario[] = [];

  constructor(
    scope: Construct,
    id: string,
    private readonly props: AlertTestProps = {},
  ) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this, { includeHash: false });
    if (!isDnsLabel(this.name)) {
      throwProblem({
        where: this.node.path,
        field: 'name',
        value: this.name,
        message: 'a test file name must be a DNS-1123 label',
        fix: 'use lower-case letters, digits and "-"',
      });
    }
    if (props.series || props.expect)
      this.addScenario({ name: id, series: props.series ?? [], expect: props.expect ?? [] });
    for (const s of props.scenarios ?? []) this.addScenario(s);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Adds a scenario; returns this for chaining. */
  addScenario(scenario: AlertTestScenario): this {
    this.scenarios.push(scenario);
    return this;
  }

  /** The test file. */
  synthesizeFiles(): SynthesizedFile[] {
    const path = `${TESTS_DIR}/${this.name}.test.yaml`;
    return [
      {
        path,
        content: renderTestFile(
          this.testFile(path),
          `Alert tests of ${this.node.path}, generated by watchkeeper; edit the source, not this file.`,
        ),
      },
    ];
  }

  /** The test file as data. @throws WatchkeeperError when an expectation cannot be rendered */
  testFile(path = `${TESTS_DIR}/${this.name}.test.yaml`): PromtoolTestFile {
    const rules = rulesUnderTest(this, this.props.rules);
    const problems: Problem[] = [];
    const interval = this.props.interval ?? '1m';
    const version = prometheusVersionOf(this);
    const tests = this.scenarios.map((s) =>
      buildGroup(s, rules, interval, `${this.node.path} scenario "${s.name}"`, problems, version),
    );
    throwIfAny(problems, 'alert test');
    return {
      rule_files: rules.map((r) => ruleFilePath(r, path)),
      evaluation_interval: interval,
      ...(groupEvalOrder(rules) ? { group_eval_order: groupEvalOrder(rules) } : {}),
      tests,
    };
  }

  private validate(): string[] {
    const problems: Problem[] = [];
    if (this.scenarios.length === 0)
      problems.push({
        where: this.node.path,
        field: 'scenarios',
        message: 'an alert test needs at least one scenario',
        fix: 'give series and expect, or call addScenario()',
      });
    if (rulesUnderTest(this, this.props.rules).length === 0)
      problems.push({
        where: this.node.path,
        field: 'rules',
        message: 'there are no rule files to test',
        fix: 'add a PrometheusRule to the app or pass rules',
      });
    if (problems.length === 0) {
      try {
        this.testFile();
      } catch (e) {
        if (e instanceof WatchkeeperError) problems.push(...e.problems);
        else throw e;
      }
    }
    return problems.map(formatProblem);
  }
}

/** One promtool test group from a scenario; problems are collected, not thrown. */
export function buildGroup(
  s: AlertTestScenario,
  rules: readonly PrometheusRule[],
  defaultInterval: Duration,
  where: string,
  problems: Problem[],
  prometheusVersion?: string,
): PromtoolTestGroup {
  const interval = s.interval ?? defaultInterval;
  const iv = parseDuration(interval);
  if (!iv.ok || iv.ms === 0) {
    problems.push({
      where,
      field: 'interval',
      value: interval,
      message: iv.ok ? 'the interval must be longer than 0' : iv.error,
      fix: 'write a duration such as "1m"',
    });
  }
  const input_series = s.series.map((x) => {
    try {
      return { series: x.series, values: x.values(iv.ok ? iv.ms : 60_000) };
    } catch (e) {
      if (e instanceof WatchkeeperError)
        problems.push(...e.problems.map((p) => ({ ...p, where: `${where} ${p.where}` })));
      else throw e;
      return { series: x.series, values: '' };
    }
  });
  const all = alertRules(rules);
  const alertTests = new Map<string, PromtoolAlertTest & { silent: boolean }>();
  const exprTests: PromtoolExprTest[] = [];
  for (const [i, e] of s.expect.entries()) {
    const field = `expect[${i}]`;
    const at = parseDuration(e.at);
    if (!at.ok) {
      problems.push({
        where,
        field: `${field}.at`,
        value: e.at,
        message: at.error,
        fix: 'write a duration such as "10m"',
      });
      continue;
    }
    if (e.kind === 'value') {
      for (const d of checkPromQL(e.expr, { prometheusVersion }))
        problems.push({
          where,
          field: `${field}.expr`,
          value: e.expr,
          message: d.message,
          fix: 'write an expression Prometheus accepts',
        });
      exprTests.push({
        expr: e.expr,
        eval_time: e.at,
        exp_samples: e.samples.map((x) => ({ labels: labelSet(x.labels ?? {}), value: x.value })),
      });
      continue;
    }
    const named = all.filter((a) => a.rule.name === e.alert);
    if (named.length === 0) {
      problems.push({
        where,
        field: `${field}.alert`,
        value: e.alert,
        message: 'no alert of that name in the rule files under test',
        fix: `use one of ${[...new Set(all.map((a) => a.rule.name))].slice(0, 8).join(', ') || '(none)'}`,
      });
      continue;
    }
    const key = `${e.alert}\u0000${e.at}`;
    const entry = alertTests.get(key) ?? { eval_time: e.at, alertname: e.alert, exp_alerts: [], silent: false };
    alertTests.set(key, entry);
    if (e.kind === 'silent') {
      if (entry.exp_alerts.length > 0)
        problems.push({
          where,
          field,
          value: e.alert,
          message: `expected both to fire and to stay silent at ${e.at}`,
          fix: 'remove one of the two expectations',
        });
      entry.silent = true;
      continue;
    }
    if (entry.silent)
      problems.push({
        where,
        field,
        value: e.alert,
        message: `expected both to fire and to stay silent at ${e.at}`,
        fix: 'remove one of the two expectations',
      });
    for (const [j, a] of e.alerts.entries()) {
      const rendered = expectedAlert(
        e.alert,
        a,
        named.map((n) => n.rule),
        { where, field: `${field}.alerts[${j}]` },
        problems,
        prometheusVersion,
        s,
      );
      if (rendered) entry.exp_alerts.push(rendered);
    }
  }
  const alert_rule_test = [...alertTests.values()].map(({ silent: _silent, ...t }) => t);
  return {
    name: s.name,
    interval,
    input_series,
    ...(alert_rule_test.length > 0 ? { alert_rule_test } : {}),
    ...(exprTests.length > 0 ? { promql_expr_test: exprTests } : {}),
    ...(s.externalLabels ? { external_labels: { ...s.externalLabels } } : {}),
    ...(s.externalUrl ? { external_url: s.externalUrl } : {}),
  };
}

/**
 * The labels and annotations promtool should see for one firing alert: the stated labels plus the matching
 * rule's own labels, and its annotations rendered with `$labels` and `$value`.
 */
export function expectedAlert(
  alert: string,
  a: ExpectedAlert,
  candidates: readonly AlertRule[],
  at: { where: string; field: string },
  problems: Problem[],
  prometheusVersion?: string,
  scenario?: Pick<AlertTestScenario, 'externalLabels' | 'externalUrl'>,
): PromtoolAlert | undefined {
  const stated = { ...(a.labels ?? {}) };
  const data = (labels: Record<string, string>) => ({
    labels,
    value: a.value,
    externalLabels: scenario?.externalLabels,
    externalURL: scenario?.externalUrl,
  });
  const renderLabels = (rule: AlertRule): Record<string, string> | undefined => {
    const own = rule.props.labels ?? {};
    const seriesLabels = Object.fromEntries(Object.entries(stated).filter(([k]) => !(k in own)));
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(own)) {
      try {
        out[k] = renderTemplate(v, data(seriesLabels), prometheusVersion);
      } catch (e) {
        if (!(e instanceof NotRenderable)) throw e;
        if (k in stated) out[k] = stated[k];
        else return undefined;
      }
    }
    return out;
  };
  const matching = candidates.filter((r) => {
    const own = renderLabels(r);
    return own !== undefined && Object.entries(own).every(([k, v]) => !(k in stated) || stated[k] === v);
  });
  if (matching.length !== 1) {
    const options = candidates.map((r) => JSON.stringify(r.props.labels ?? {})).join(', ');
    problems.push({
      where: at.where,
      field: `${at.field}.labels`,
      value: stated,
      message:
        matching.length === 0
          ? `no rule named ${alert} has these labels (its rules' labels: ${options})`
          : `${matching.length} rules named ${alert} match these labels`,
      fix:
        matching.length === 0
          ? 'state labels that agree with one of the rules'
          : 'add a label that tells them apart, e.g. severity',
    });
    return undefined;
  }
  const rule = matching[0];
  const own = renderLabels(rule) ?? {};
  const seriesLabels = Object.fromEntries(Object.entries(stated).filter(([k]) => !(k in (rule.props.labels ?? {}))));
  const exp_labels = { ...stated, ...own };
  let exp_annotations: Record<string, string>;
  if (a.annotations) exp_annotations = { ...a.annotations };
  else {
    exp_annotations = {};
    for (const [k, v] of Object.entries(rule.props.annotations ?? {})) {
      try {
        exp_annotations[k] = renderTemplate(v, data(seriesLabels), prometheusVersion);
      } catch (e) {
        if (!(e instanceof NotRenderable)) throw e;
        problems.push({
          where: at.where,
          field: `${at.field}.annotations.${k}`,
          value: v,
          message: `cannot render this annotation of ${alert}: ${e.message}`,
          fix: e.message.includes('$value')
            ? "give value: the expression's value at that time"
            : 'state annotations in the expectation',
        });
      }
    }
  }
  return { exp_labels: sortRecord(exp_labels), exp_annotations: sortRecord(exp_annotations) };
}

const sortRecord = (r: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
