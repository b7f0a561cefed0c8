import { omitEmpty, sortedRecord } from '../core';
import { type PromQLExpr, Query, promqlText } from '../metrics';
import type { RuleFileRule } from './rule-file';

/** The fields of a recording rule, as in a Prometheus rule file. */
export interface RecordingRuleProps {
  /** The metric name the result is stored under, in `level:metric:operations` form. */
  readonly record: string;
  /** The PromQL expression to evaluate. */
  readonly expr: string;
  /** Labels added to every recorded series (no templates: recording rules do not expand them). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Accept a record name outside the `level:metric:operations` convention (for names dashboards already use).
   * @default false
   */
  readonly allowUnconventionalName?: boolean;
}

/** A recording rule: an immutable value, checked when the PrometheusRule holding it is synthesized. */
/** RecordingRuleProps as given: the expression as PromQL text or a Query built from metric values. */
export type RecordingRuleInput = Omit<RecordingRuleProps, 'expr'> & { readonly expr: PromQLExpr };

export class RecordingRule {
  readonly kind = 'record';
  readonly props: RecordingRuleProps;
  constructor(props: RecordingRuleInput) {
    this.props = !(props.expr instanceof Query)
      ? (props as RecordingRuleProps)
      : { ...props, expr: promqlText(props.expr) };
  }

  /** The rule's name (its `record` field). */
  get name(): string {
    return this.props.record;
  }

  /** The rule as it appears in a rule file. */
  toRuleFile(): RuleFileRule {
    return omitEmpty<RuleFileRule>({
      record: this.props.record,
      expr: this.props.expr,
      labels: sortedRecord(this.props.labels),
    });
  }
}
