/**
 * promtool's unit-test file format (`promtool test rules`), as data, and the parts every test shares:
 * which rule files a test loads and the rules they hold.
 */
import { IConstruct } from 'constructs';
import { parse } from 'yaml';
import { AlertRule, AlertRuleProps, PrometheusRule, RuleFileGroup } from '../rules';
import { toYaml } from '../core';
import { constructsOfType } from '../core';

/** An expected alert. */
export interface PromtoolAlert {
  readonly exp_labels: Record<string, string>;
  readonly exp_annotations?: Record<string, string>;
}

/** An `alert_rule_test` entry: the alerts firing under one name at one time (all of them). */
export interface PromtoolAlertTest {
  readonly eval_time: string;
  readonly alertname: string;
  readonly exp_alerts: PromtoolAlert[];
}

/** A `promql_expr_test` entry. */
export interface PromtoolExprTest {
  readonly expr: string;
  readonly eval_time: string;
  readonly exp_samples: Array<{ labels: string; value: number }>;
}

/** A test group: input series and what to check. */
export interface PromtoolTestGroup {
  readonly name: string;
  readonly interval: string;
  readonly input_series: Array<{ series: string; values: string }>;
  readonly alert_rule_test?: PromtoolAlertTest[];
  readonly promql_expr_test?: PromtoolExprTest[];
  readonly external_labels?: Record<string, string>;
  readonly external_url?: string;
}

/** A whole test file. */
export interface PromtoolTestFile {
  /** Paths relative to the test file. */
  readonly rule_files: string[];
  readonly evaluation_interval: string;
  readonly group_eval_order?: string[];
  readonly tests: PromtoolTestGroup[];
}

/** Where synth writes tests, under the output directory. */
export const TESTS_DIR = 'tests';

/** The rule file of a PrometheusRule as a test file in `tests/` (or a folder below it) refers to it. */
export function ruleFilePath(rule: PrometheusRule, testFile: string): string {
  const depth = testFile.split('/').length - 1;
  return `${'../'.repeat(depth)}rules/${rule.name}.rules.yaml`;
}

/** Something holding a PrometheusRule: the PrometheusRule itself, or an SloRules. */
export type RuleFileOwner = PrometheusRule | { readonly prometheusRule: PrometheusRule };

/** The PrometheusRules under test: those given, else every one in the app of `scope`. */
export function rulesUnderTest(scope: IConstruct, owners?: readonly RuleFileOwner[]): PrometheusRule[] {
  if (owners && owners.length > 0) return owners.map((o) => (o instanceof PrometheusRule ? o : o.prometheusRule));
  return constructsOfType(scope, PrometheusRule);
}

/**
 * Every alerting rule as the synthesized rule file holds it (what promtool loads: labels a PrometheusRule adds
 * when it renders are included), with its group's name.
 */
export function alertRules(
  rules: readonly PrometheusRule[],
): Array<{ rule: AlertRule; group: string; file: PrometheusRule }> {
  return rules.flatMap((file) => {
    const doc = parse(file.synthesizeFiles()[0]?.content ?? '') as { groups?: RuleFileGroup[] } | null;
    return (doc?.groups ?? []).flatMap((group) =>
      (group.rules ?? [])
        .filter((r) => typeof r.alert === 'string')
        .map((r) => ({
          rule: new AlertRule({
            alert: r.alert as string,
            expr: String(r.expr),
            ...(r.for ? { for: r.for as AlertRuleProps['for'] } : {}),
            labels: { ...(r.labels ?? {}) },
            annotations: { ...(r.annotations ?? {}) },
          }),
          group: group.name,
          file,
        })),
    );
  });
}

/** Group names in evaluation order, when they are unique (promtool identifies groups by name). */
export function groupEvalOrder(rules: readonly PrometheusRule[]): string[] | undefined {
  const names = rules.flatMap((r) => r.ruleGroups.map((g) => g.name));
  return new Set(names).size === names.length && names.length > 1 ? names : undefined;
}

/** The YAML of a test file, with a header saying where it came from. */
export function renderTestFile(file: PromtoolTestFile, header: string): string {
  return `# ${header}\n# Run: watchkeeper test (promtool test rules on every file under ${TESTS_DIR}/)\n${toYaml(file)}`;
}

/** promtool's label-set notation: `name{a="b", c="d"}`, or `{a="b"}` without `__name__`. */
export function labelSet(labels: Readonly<Record<string, string>>): string {
  const { __name__: name, ...rest } = labels;
  const inner = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(', ');
  return `${name ?? ''}{${inner}}`;
}
