/**
 * A PrometheusRule's groups through the rule-check core (src/checks) that `watchkeeper lint` runs: the same
 * rule model, the same checks, each rule checked once per synth. Findings Prometheus would refuse, and
 * errors under lint's default preset, become problems naming the construct, group, rule and field; the rest
 * are warnings for the synth report. On top, watchkeeper's naming policy for what it writes: classic label
 * and annotation names, no reserved `__` labels, record names as `level:metric:operations`.
 */
import { isValidLabelName, isValidLabelValue, isValidMetricName, followsRecordConvention, type Problem } from '../core';
import { checkGroupFields, checkRuleFields, type FieldProblem } from '../checks/fields';
import { parseDuration } from '../promql/durations';
import type { RuleCheckResult } from '../checks/check-rule';
import { ruleCheckerFor } from '../checks/rule-checker';
import type { RuleData, RuleFinding } from '../checks/rule-data';
import { check as checkInfo } from '../checks/registry';
import { findingSeverity } from '../checks/severity';
import type { CheckId, DiagnosticSeverity } from '../checks/types';
import { RecordingRule } from './recording-rule';
import type { RuleGroup } from './rule-group';
import type { RuleFileGroup, RuleFileRule } from './rule-file';

/** A rule of a PrometheusRule as the checks read it, where it was declared, and what they found. */
export interface DeclaredRule extends RuleData {
  /** The PrometheusRule's construct path. */
  readonly where: string;
  /** Its rule file, relative to the output directory. */
  readonly file: string;
  readonly group: string;
  readonly result: RuleCheckResult;
}

/** A finding below the error level, for the synth report. */
export interface RuleWarning {
  /** The PrometheusRule's construct path. */
  readonly where: string;
  /** Its rule file, relative to the output directory. */
  readonly file: string;
  readonly group: string;
  /** The alert or record name. */
  readonly rule: string;
  /** The rule's field the finding is about: `expr`, `for`, `labels.team`, ... */
  readonly field: string;
  readonly severity: Exclude<DiagnosticSeverity, 'error'>;
  readonly check: CheckId;
  readonly message: string;
  readonly fix: string;
}

/** What checking a PrometheusRule found. */
export interface RuleCheckOutcome {
  readonly problems: Problem[];
  readonly warnings: RuleWarning[];
  readonly rules: DeclaredRule[];
}

/** A group as declared and as rendered (with the labels the PrometheusRule adds). */
export interface RenderedGroup {
  readonly group: RuleGroup;
  readonly rendered: RuleFileGroup;
}

/** Options of checkRuleGroups. */
export interface CheckRuleGroupsOptions {
  /** The PrometheusRule's construct path, named in every problem. */
  readonly where: string;
  /** Its rule file, relative to the output directory. */
  readonly file: string;
  /** The Prometheus release the rules must load in. @default the current 3.x release */
  readonly prometheusVersion?: string;
}

/** Checks a PrometheusRule's groups; every problem and warning, and the rules with their results. */
export function checkRuleGroups(groups: readonly RenderedGroup[], options: CheckRuleGroupsOptions): RuleCheckOutcome {
  const checker = ruleCheckerFor(options.prometheusVersion);
  const problems: Problem[] = [];
  const warnings: RuleWarning[] = [];
  const rules: DeclaredRule[] = [];
  const seen = new Set<string>();
  for (const { group, rendered } of groups) {
    const at = (field: string, value: unknown, message: string, fix?: string): void => {
      problems.push({ where: options.where, field: `group "${group.name}" ${field}`.trim(), value, message, fix });
    };
    const fields = {
      name: group.name,
      interval: group.props.interval,
      limit: group.props.limit === undefined ? undefined : String(group.props.limit),
    };
    for (const p of checkGroupFields(fields, seen, 'PrometheusRule'))
      at(p.field, fields[p.field as keyof typeof fields], unprefixed(p), p.fix);
    const interval = group.props.interval === undefined ? undefined : parseDuration(group.props.interval);
    if (interval?.ok && interval.ms === 0)
      at(
        'interval',
        group.props.interval,
        'the duration must be greater than 0',
        'leave interval out for the global evaluation_interval, or write e.g. "30s"',
      );
    if (rendered.rules.length === 0 && !group.holdsRefused)
      at('rules', [], 'a rule group needs at least one rule', 'add a rule or remove the group');
    const declared = group.rules;
    rendered.rules.forEach((r, i) => {
      const data = ruleData(r);
      const ruleAt = (field: string, value: unknown, message: string, fix?: string): void =>
        at(`${data.kind} "${data.name}" ${field}`, value, message, fix);
      for (const p of checkRuleFields({
        kind: data.kind,
        for: r.for,
        keep_firing_for: r.keep_firing_for,
        hasAnnotations: Object.keys(data.annotations).length > 0,
      })) {
        ruleAt(PROP_NAMES[p.field] ?? p.field, (r as Record<string, unknown>)[p.field], unprefixed(p), p.fix);
      }
      const allowUnconventional =
        declared[i] instanceof RecordingRule && declared[i].props.allowUnconventionalName === true;
      namingPolicy(data, allowUnconventional, ruleAt);
      const result = checker.check(data);
      rules.push({ ...data, where: options.where, file: options.file, group: group.name, result });
      for (const f of result.findings) {
        // The naming policy above holds names to a stricter standard than rule/name: one mistake, one problem.
        if (f.check === 'rule/name') continue;
        const severity = findingSeverity(checker.config, f);
        if (severity === undefined) continue;
        const { field, value, message } = place(data, f);
        const fix = f.fix ?? checkInfo(f.check).fix;
        if (severity === 'error') ruleAt(field, value, message, fix);
        else
          warnings.push({
            where: options.where,
            file: options.file,
            group: group.name,
            rule: data.name,
            field,
            severity,
            check: f.check,
            message: f.message,
            fix,
          });
      }
    });
  }
  return { problems, warnings, rules };
}

/** A rendered rule as the checks' rule model. */
export function ruleData(r: RuleFileRule): RuleData {
  const alert = 'alert' in r && r.alert !== undefined;
  return {
    kind: alert ? 'alert' : 'record',
    name: (alert ? r.alert : r.record) ?? '',
    expr: String(r.expr ?? ''),
    for: r.for,
    labels: r.labels ?? {},
    annotations: r.annotations ?? {},
    groupLabels: {},
  };
}

/** Rule-file field names as the props that set them are named. */
const PROP_NAMES: Readonly<Record<string, string>> = { keep_firing_for: 'keepFiringFor', query_offset: 'queryOffset' };

/** rulefmt's message without the field it starts with (the problem names the field). */
const unprefixed = (p: FieldProblem): string =>
  p.message.startsWith(`${p.field}: `) ? p.message.slice(p.field.length + 2) : p.message;

type At = (field: string, value: unknown, message: string, fix?: string) => void;

/** watchkeeper's naming policy for the rules it writes. */
function namingPolicy(rule: RuleData, allowUnconventional: boolean, at: At): void {
  if (rule.kind === 'alert') {
    if (rule.name.trim() === '' || !isValidLabelValue(rule.name))
      at(
        'alert',
        rule.name,
        'the alert name must be a non-empty, valid UTF-8 label value',
        'name the alert, e.g. "HighErrorRate"',
      );
  } else if (!isValidMetricName(rule.name)) {
    at('record', rule.name, 'not a valid metric name', 'use letters, digits, "_" and ":", not starting with a digit');
  } else if (!followsRecordConvention(rule.name) && !allowUnconventional) {
    at(
      'record',
      rule.name,
      'record names follow the level:metric:operations convention',
      'e.g. "job:http_requests:rate5m", or set allowUnconventionalName',
    );
  }
  for (const [name, value] of Object.entries(rule.labels)) {
    if (!isValidLabelName(name))
      at(`labels.${name}`, name, 'not a valid label name', 'use letters, digits and "_", not starting with a digit');
    else if (name.startsWith('__'))
      at(
        `labels.${name}`,
        name,
        'label names starting with "__" are reserved for Prometheus',
        'drop the leading underscores',
      );
    if (!isValidLabelValue(value)) at(`labels.${name}`, value, 'not valid UTF-8', 'use a valid UTF-8 value');
  }
  for (const name of Object.keys(rule.annotations)) {
    if (!isValidLabelName(name))
      at(
        `annotations.${name}`,
        name,
        'not a valid annotation name',
        'use letters, digits and "_", not starting with a digit',
      );
  }
}

/** The field a finding points at, the value there, and the message with its position in an expression. */
function place(rule: RuleData, f: RuleFinding): { field: string; value: unknown; message: string } {
  const l = f.location;
  switch (l.at) {
    case 'name':
      return { field: rule.kind, value: rule.name, message: f.message };
    case 'for':
      return { field: 'for', value: rule.for, message: f.message };
    case 'expr': {
      const before = rule.expr.slice(0, l.offset).split('\n');
      return {
        field: 'expr',
        value: rule.expr,
        message: `${f.message} (at ${before.length}:${before[before.length - 1].length + 1})`,
      };
    }
    default: {
      const map = l.at === 'label' ? rule.labels : rule.annotations;
      // The problem names the field: the finding's own `annotation "summary": ` prefix would say it twice.
      const prefix = `${l.at} ${JSON.stringify(l.key)}: `;
      return {
        field: `${l.at}s.${l.key}`,
        value: map[l.key],
        message: f.message.startsWith(prefix) ? f.message.slice(prefix.length) : f.message,
      };
    }
  }
}
