import { Duration } from '../promql';
import { omitEmpty } from '../core';
import { AlertRule, AlertRuleInput } from './alert-rule';
import { RecordingRule, RecordingRuleInput } from './recording-rule';
import type { RuleFileGroup } from './rule-file';

/** A rule of either kind. */
export type Rule = AlertRule | RecordingRule;

/** Something that contributes rules to a group when it is rendered (a ThresholdMetric, an SLO, ...). */
export interface IRuleSource {
  /** The rules, computed when the group is rendered so later changes still land. */
  rules(): Rule[];
}

/**
 * A source whose alerting rules pass through `change` when the group renders (recording rules unchanged): add
 * the labels and annotations an organisation's policy derives from an alert's severity, for example.
 */
export function mapAlerts(source: IRuleSource, change: (alert: AlertRule) => AlertRule): IRuleSource {
  return { rules: () => source.rules().map((r) => (r instanceof AlertRule ? change(r) : r)) };
}

/** Settings of a rule group. */
export interface RuleGroupProps {
  /** Evaluation interval. @default the Prometheus global evaluation_interval */
  readonly interval?: Duration;
  /** Most alerts or series a rule of this group may produce; 0 is no limit. @default 0 */
  readonly limit?: number;
}

/** A named group of rules evaluated together, in order. Rules may be added until synthesis. */
export class RuleGroup {
  private readonly entries: Array<Rule | IRuleSource> = [];

  constructor(
    readonly name: string,
    readonly props: RuleGroupProps = {},
  ) {}

  /** Adds an alerting rule; returns this group for chaining. */
  addAlert(props: AlertRuleInput): this {
    this.entries.push(new AlertRule(props));
    return this;
  }

  /** Adds a recording rule; returns this group for chaining. */
  addRecording(props: RecordingRuleInput): this {
    this.entries.push(new RecordingRule(props));
    return this;
  }

  /** Adds rules, or sources of rules such as a ThresholdMetric; returns this group for chaining. */
  add(...items: Array<Rule | IRuleSource>): this {
    this.entries.push(...items);
    return this;
  }

  /** What was added, in order: rules, and sources (ThresholdMetric, Slo, ...) as given, not expanded. */
  get sources(): ReadonlyArray<Rule | IRuleSource> {
    return this.entries;
  }

  /**
   * Whether a source added to the group was refused (a ThresholdMetric or Slo whose props had mistakes, already
   * reported): it renders no rules, and the group's checks do not report that as a second mistake.
   */
  get holdsRefused(): boolean {
    return this.entries.some((e) => (e as { refused?: unknown }).refused === true);
  }

  /** Every rule, sources expanded, in the order added. */
  get rules(): Rule[] {
    return this.entries.flatMap((e) => (e instanceof AlertRule || e instanceof RecordingRule ? [e] : e.rules()));
  }

  /** The group as it appears in a rule file. */
  toRuleFile(): RuleFileGroup {
    return omitEmpty<RuleFileGroup>({
      name: this.name,
      interval: this.props.interval,
      limit: this.props.limit || undefined,
      rules: this.rules.map((r) => r.toRuleFile()),
    });
  }
}
