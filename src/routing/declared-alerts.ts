/**
 * The alerts a policy is checked against: every alerting rule of the PrometheusRule constructs under a scope,
 * plus label sets the user lists (alerts defined elsewhere).
 */
import { IConstruct } from 'constructs';
import { AlertRule, PrometheusRule } from '../rules';
import { LabelValue, UNKNOWN, quoteMatcherValue } from './matcher';

/** An alert as routing sees it: its name and the labels its rule sets. */
export interface AlertLabels {
  /** The alert's name (its `alertname` label). */
  readonly alert: string;
  /** Labels the rule adds (severity, team, ...). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}

/** An alert with its full label set and where it was declared. */
export interface DeclaredAlert {
  readonly alert: string;
  /** alertname, external labels and rule labels; templated values are UNKNOWN. */
  readonly labels: ReadonlyMap<string, LabelValue>;
  /** Where it comes from: `rlm-hypervisor/alerts-critical group "critical"` or `alerts[2]`. */
  readonly source: string;
}

/** An alerting rule as synthesized: the rule, the labels its PrometheusRule adds, and where it was declared. */
export interface SynthesizedAlertRule {
  readonly rule: AlertRule;
  /** The rule's labels with those its PrometheusRule adds (PrometheusRule.labelsOf). */
  readonly labels: Readonly<Record<string, string>>;
  readonly source: string;
}

/** Every alerting rule of every PrometheusRule under `scope`, with where it was declared. */
export function alertRulesUnder(scope: IConstruct): SynthesizedAlertRule[] {
  const out: SynthesizedAlertRule[] = [];
  for (const c of scope.node.findAll()) {
    if (!(c instanceof PrometheusRule)) continue;
    for (const group of c.ruleGroups) {
      for (const rule of group.rules) {
        if (rule instanceof AlertRule)
          out.push({
            rule,
            labels: c.labelsOf(rule),
            source: `${c.node.path} group "${group.name}"`,
          });
      }
    }
  }
  return out;
}

/**
 * The labels an alert fires with, as far as they are known before it fires: Prometheus's external labels,
 * then the rule's labels (which win), then `alertname`. A value holding a Go template is UNKNOWN. Labels the
 * expression's series carry are not known here and read as absent.
 */
export function declaredAlert(
  alert: AlertLabels,
  source: string,
  externalLabels: Readonly<Record<string, string>> = {},
): DeclaredAlert {
  const labels = new Map<string, LabelValue>();
  for (const [k, v] of Object.entries(externalLabels)) labels.set(k, v);
  for (const [k, v] of Object.entries(alert.labels ?? {})) labels.set(k, v.includes('{{') ? UNKNOWN : v);
  labels.set('alertname', alert.alert);
  return { alert: alert.alert, labels, source };
}

/** `{alertname="X", severity="critical"}`; UNKNOWN values print as `<template>`. */
export function formatLabels(labels: ReadonlyMap<string, LabelValue>): string {
  const keys = [...labels.keys()].sort((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)));
  return `{${keys
    .map((k) => {
      const v = labels.get(k) as LabelValue;
      return `${k}=${v === UNKNOWN ? '<template>' : quoteMatcherValue(v)}`;
    })
    .join(', ')}}`;
}
