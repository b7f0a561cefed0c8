/**
 * Inhibition: while an alert matching `source` fires, alerts matching `target` whose `equal` labels have the
 * same values are not notified. The usual one: a critical silences the warning of the same metric.
 */
import { PAGE_SEVERITY, ProblemList, TICKET_SEVERITY, reportProblems } from '../core';
import { isValidLabelName } from '../core';
import { Matcher, MatcherInput, formatMatchers, parseMatcher } from './matcher';

/** Labels that tell one ThresholdMetric alert instance from another: its name, service, and where it fires. */
export const DEFAULT_INHIBIT_EQUAL: readonly string[] = ['alertname', 'service', 'namespace', 'job', 'instance', 'pod'];

/** Settings of an inhibition rule. */
export interface InhibitRuleProps {
  /** Matchers of the alerts that silence others (e.g. `'severity="critical"'`). At least one. */
  readonly source: readonly MatcherInput[];
  /** Matchers of the alerts that are silenced (e.g. `'severity="warning"'`). At least one. */
  readonly target: readonly MatcherInput[];
  /**
   * Labels whose values must be equal in source and target; a label absent from both counts as equal.
   * @default []: any source alert silences every target alert
   */
  readonly equal?: readonly string[];
  /** Allow the rule to silence none of the alerts the policy checks. @default false: such a rule fails synthesis */
  readonly allowNoAlerts?: boolean;
}

/** Settings of InhibitRule.bySeverity. */
export interface SeverityInhibitOptions {
  /** @default DEFAULT_INHIBIT_EQUAL: alertname, service, namespace, job, instance, pod */
  readonly equal?: readonly string[];
  /** The label holding the severity. @default 'severity' */
  readonly severityLabel?: string;
}

/** An inhibition rule. An immutable value. */
export class InhibitRule {
  /**
   * Whether the props were refused: the problems were reported (to the app being declared, or thrown without
   * one), and policies holding this skip their synth checks rather than report the same mistake again.
   */
  readonly refused: boolean;
  /**
   * A `source` severity silences the `target` severity of the same alert: ThresholdMetric levels share one
   * alertname and differ only in severity, so equal labels [alertname, service, ...] pair them up.
   */
  static bySeverity(source: string, target: string, opts: SeverityInhibitOptions = {}): InhibitRule {
    const label = opts.severityLabel ?? 'severity';
    return new InhibitRule({
      source: [Matcher.eq(label, source)],
      target: [Matcher.eq(label, target)],
      equal: opts.equal ?? DEFAULT_INHIBIT_EQUAL,
    });
  }

  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];

  /** @throws WatchkeeperError naming the field and value when a matcher or label name is malformed */
  constructor(readonly props: InhibitRuleProps) {
    const found = new ProblemList('InhibitRule');
    const parse = (field: 'source' | 'target'): Matcher[] => {
      const inputs = props[field] ?? [];
      if (inputs.length === 0)
        found.add(
          field,
          inputs,
          'at least one matcher is needed (an empty list matches every alert)',
          `e.g. ['severity="${field === 'source' ? PAGE_SEVERITY : TICKET_SEVERITY}"']`,
        );
      const out: Matcher[] = [];
      inputs.forEach((input, i) => {
        if (input instanceof Matcher) out.push(input);
        else {
          const r = parseMatcher(input);
          if (r.ok) out.push(r.matcher);
          else
            found.add(
              `${field}[${i}]`,
              input,
              r.error,
              'write name="value", name!="value", name=~"regex" or name!~"regex"',
            );
        }
      });
      return out;
    };
    this.source = parse('source');
    this.target = parse('target');
    this.equal = [...(props.equal ?? [])];
    this.equal.forEach((l, i) => {
      if (!isValidLabelName(l)) found.add(`equal[${i}]`, l, 'not a label name', 'use [a-zA-Z_][a-zA-Z0-9_]*');
    });
    this.refused = reportProblems(found.problems, 'InhibitRule');
  }

  /** `{severity="critical"} silences {severity="warning"} when equal [alertname, service]`. */
  describe(): string {
    return `${formatMatchers(this.source)} silences ${formatMatchers(this.target)}${this.equal.length ? ` when equal [${this.equal.join(', ')}]` : ''}`;
  }

  /** The rule as alertmanager.yml writes it. */
  toConfigFile(): Record<string, unknown> {
    return {
      source_matchers: this.source.map((m) => m.toString()),
      target_matchers: this.target.map((m) => m.toString()),
      ...(this.equal.length > 0 ? { equal: [...this.equal] } : {}),
    };
  }

  /** The rule as the AlertmanagerConfig CRD writes it. */
  toCrd(): Record<string, unknown> {
    return {
      sourceMatch: this.source.map((m) => m.toCrd()),
      targetMatch: this.target.map((m) => m.toCrd()),
      ...(this.equal.length > 0 ? { equal: [...this.equal] } : {}),
    };
  }
}
