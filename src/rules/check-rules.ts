/**
 * The checks run on rule groups before anything is written: everything Prometheus would refuse to load, plus
 * the naming convention for records. Each problem names the group, rule, field and value.
 */
import { Problem } from '../core';
import { parseDuration, validatePromQL } from '../promql';
import { AlertRule } from './alert-rule';
import { followsRecordConvention, isValidLabelName, isValidLabelValue, isValidMetricName } from '../core/names';
import { Rule, RuleGroup } from './rule-group';
import { checkTemplate } from '../gotemplate';

/** Options of checkRuleGroups. */
export interface CheckRulesOptions {
  /** Where the groups are declared (construct path or file), used in every problem. */
  readonly where: string;
  /** The Prometheus release the rules must load in. @default the current 3.x release */
  readonly prometheusVersion?: string;
}

/** Checks groups as Prometheus would when loading them, plus our conventions; returns every problem. */
export function checkRuleGroups(groups: readonly RuleGroup[], options: CheckRulesOptions): Problem[] {
  const problems: Problem[] = [];
  const seenGroups = new Set<string>();
  groups.forEach((group, gi) => {
    const at = (field: string, value: unknown, message: string, fix?: string): void => {
      problems.push({ where: options.where, field: `group "${group.name}" ${field}`.trim(), value, message, fix });
    };
    if (group.name.trim() === '') at(`groups[${gi}].name`, group.name, 'a rule group needs a name', 'give the group a non-empty name');
    if (seenGroups.has(group.name)) at('name', group.name, 'group names must be unique in a rule file', 'rename one of the groups or move it to another PrometheusRule');
    seenGroups.add(group.name);
    if (group.props.interval !== undefined) checkDuration(group.props.interval, (m) => at('interval', group.props.interval, m, 'write a duration such as "30s" or "1m"'), true);
    if (group.props.limit !== undefined && (!Number.isInteger(group.props.limit) || group.props.limit < 0)) {
      at('limit', group.props.limit, 'limit must be a whole number >= 0', 'use 0 for no limit');
    }
    const rules = group.rules;
    if (rules.length === 0 && !group.holdsRefused) at('rules', [], 'a rule group needs at least one rule', 'add a rule or remove the group');
    const seenRules = new Map<string, number>();
    rules.forEach((rule, ri) => {
      const ruleAt = (field: string, value: unknown, message: string, fix?: string): void =>
        at(`${rule.kind} "${rule.name}" ${field}`, value, message, fix);
      checkRule(rule, ruleAt, options.prometheusVersion);
      const key = `${rule.kind}\u0000${rule.name}\u0000${JSON.stringify(rule.props.labels ? Object.entries(rule.props.labels).sort() : [])}`;
      const first = seenRules.get(key);
      if (first !== undefined) {
        ruleAt('labels', rule.props.labels ?? {}, `duplicates rule ${first + 1} of the group (same ${rule.kind} name and labels)`, 'rename it, give it distinguishing labels, or remove one');
      } else seenRules.set(key, ri);
    });
  });
  return problems;
}

type At = (field: string, value: unknown, message: string, fix?: string) => void;

function checkRule(rule: Rule, at: At, prometheusVersion: string | undefined): void {
  const p = rule.props;
  if (rule instanceof AlertRule) {
    if (rule.name.trim() === '' || !isValidLabelValue(rule.name)) at('alert', rule.name, 'the alert name must be a non-empty, valid UTF-8 label value', 'name the alert, e.g. "HighErrorRate"');
    const a = rule.props;
    if (a.for !== undefined) checkDuration(a.for, (m) => at('for', a.for, m, 'write a duration such as "5m"'), false);
    if (a.keepFiringFor !== undefined) checkDuration(a.keepFiringFor, (m) => at('keepFiringFor', a.keepFiringFor, m, 'write a duration such as "5m"'), false);
    checkTemplates(a.labels, 'label', at);
    checkTemplates(a.annotations, 'annotation', at);
  } else {
    if (!isValidMetricName(rule.name)) {
      at('record', rule.name, 'not a valid metric name', 'use letters, digits, "_" and ":", not starting with a digit');
    } else if (!followsRecordConvention(rule.name) && !rule.props.allowUnconventionalName) {
      at('record', rule.name, 'record names follow the level:metric:operations convention', 'e.g. "job:http_requests:rate5m", or set allowUnconventionalName');
    }
  }
  if (p.expr.trim() === '') {
    at('expr', p.expr, 'the expression is empty', 'write a PromQL expression');
  } else {
    for (const d of validatePromQL(p.expr, { prometheusVersion })) {
      at('expr', p.expr, `${d.message} (at ${d.line}:${d.column})`, 'make it an expression Prometheus accepts');
    }
  }
  for (const [name, value] of Object.entries(p.labels ?? {})) {
    if (!isValidLabelName(name)) at(`labels.${name}`, name, 'not a valid label name', 'use letters, digits and "_", not starting with a digit');
    else if (name.startsWith('__')) at(`labels.${name}`, name, 'label names starting with "__" are reserved for Prometheus', 'drop the leading underscores');
    if (!isValidLabelValue(value)) at(`labels.${name}`, value, 'not valid UTF-8', 'use a valid UTF-8 value');
  }
  for (const name of Object.keys(rule instanceof AlertRule ? rule.props.annotations ?? {} : {})) {
    if (!isValidLabelName(name)) at(`annotations.${name}`, name, 'not a valid annotation name', 'use letters, digits and "_", not starting with a digit');
  }
}

function checkDuration(value: string, report: (message: string) => void, positive: boolean): void {
  const d = parseDuration(value);
  if (!d.ok) report(d.error);
  else if (positive && d.ms === 0) report('the duration must be greater than 0');
}

function checkTemplates(values: Readonly<Record<string, string>> | undefined, where: 'label' | 'annotation', at: At): void {
  for (const [name, text] of Object.entries(values ?? {})) {
    for (const d of checkTemplate(text, { where })) {
      if (d.severity === 'error') at(`${where}s.${name}`, text, `template: ${d.message} (at ${d.line}:${d.column})`, 'fix the Go template');
    }
  }
}
