import { omitEmpty, sortedRecord } from '../core';
import { type PromQLExpr, Query, promqlText } from '../metrics';
import { Duration } from '../promql';
import type { RuleFileRule } from './rule-file';

/** The fields of an alerting rule, as in a Prometheus rule file. */
export interface AlertRuleProps {
  /** The alert's name: the `alertname` label of every alert it fires. */
  readonly alert: string;
  /** The PromQL expression; every series it returns is a pending or firing alert. */
  readonly expr: string;
  /**
   * How long the expression must keep returning a series before the alert fires.
   * @default none: the alert fires at the first evaluation that returns the series
   */
  readonly for?: Duration;
  /**
   * How long the alert keeps firing after the expression stops returning the series (Prometheus >= 2.42).
   * @default none
   */
  readonly keepFiringFor?: Duration;
  /** Labels added to the alert; values may use Go templates. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations (summary, description, runbook_url, ...); values may use Go templates. @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** AlertRuleProps as given: the expression as PromQL text or a Query built from metric values. */
export type AlertRuleInput = Omit<AlertRuleProps, 'expr'> & { readonly expr: PromQLExpr };

/** An alerting rule: an immutable value, checked when the PrometheusRule holding it is synthesized. */
export class AlertRule {
  readonly kind = 'alert';
  readonly props: AlertRuleProps;
  constructor(props: AlertRuleInput) {
    this.props = !(props.expr instanceof Query)
      ? (props as AlertRuleProps)
      : { ...props, expr: promqlText(props.expr) };
  }

  /** The rule's name (its `alert` field). */
  get name(): string {
    return this.props.alert;
  }

  /** A copy with some fields replaced; `labels` are merged, as in every `with()`, and so are `annotations`. */
  with(changes: Partial<AlertRuleInput>): AlertRule {
    return new AlertRule({
      ...this.props,
      ...changes,
      labels: { ...this.props.labels, ...changes.labels },
      annotations: { ...this.props.annotations, ...changes.annotations },
    });
  }

  /** The rule as it appears in a rule file, fields in Prometheus's order. */
  toRuleFile(): RuleFileRule {
    const p = this.props;
    return omitEmpty<RuleFileRule>({
      alert: p.alert,
      expr: p.expr,
      for: p.for,
      keep_firing_for: p.keepFiringFor,
      labels: sortedRecord(p.labels),
      annotations: sortedRecord(p.annotations),
    });
  }
}
