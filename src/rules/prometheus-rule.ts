import { ApiObject, Chart, Lazy, Names } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { PrometheusRule as PrometheusRuleModel } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { formatProblem, reportProblems, sortedRecord, toYaml, type Problem } from '../core';
import { AlertRule } from './alert-rule';
import { ISynthesizesFiles, SynthesizedFile, prometheusVersionOf } from '../core';
import { checkRuleGroups, type RuleCheckOutcome } from './check-rules';
import { isDnsLabel } from '../core/names';
import { RuleGroup, RuleGroupProps } from './rule-group';
import type { RuleFileGroup } from './rule-file';

/** Labels and annotations added to every alert of one severity (see PrometheusRuleProps.alertsBySeverity). */
export interface SeverityAdditions {
  /** Labels added (the alert's own win). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations added (the alert's own win). @default {} */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Settings of a PrometheusRule. */
export interface PrometheusRuleProps {
  /**
   * `metadata.name` of the resource, also the rule file's name (`rules/<name>.rules.yaml`).
   * @default `<chart id>-<construct id>`
   */
  readonly name?: string;
  /** `metadata.namespace`. @default the namespace of the chart, if any */
  readonly namespace?: string;
  /**
   * `metadata.labels`: what the Prometheus resource's `ruleSelector` matches, e.g.
   * `{ release: 'kube-prometheus-stack' }`. @default {}
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Groups to start with; more can be added with addGroup. @default [] */
  readonly groups?: readonly RuleGroup[];
  /**
   * What every alert of a severity carries besides its own labels and annotations, by the value of its
   * `severity` label, e.g. `{ critical: { labels: { priority: 'P0' }, annotations: { acknowledge_within: '5m' } } }`
   * (an escalation matrix written once). An alert's own labels and annotations win. When set, an alert whose
   * severity is not a key fails synth, naming it: a severity the matrix forgot would otherwise page without
   * its priority. @default none
   */
  readonly alertsBySeverity?: Readonly<Record<string, SeverityAdditions>>;
  /**
   * The Prometheus release the rules must load in.
   * @default the app's prometheusVersion, else the current 3.x release
   */
  readonly prometheusVersion?: string;
}

/**
 * A `monitoring.coreos.com/v1` PrometheusRule, and the same groups as a plain rule file
 * (`rules/<name>.rules.yaml`) for promtool, Thanos Ruler and Mimir's ruler. Every rule is checked at
 * synthesis: expressions as Prometheus parses them, names, durations and templates.
 */
/** Scopes whose PrometheusRules label their alerts with their namespace (labelAlertsWithNamespace). */
const namespaceLabelScopes = new WeakSet<IConstruct>();

export class PrometheusRule extends Construct implements ISynthesizesFiles {
  /** `metadata.name`, also the rule file's base name. */
  readonly name: string;
  /** `metadata.namespace`, or the chart's namespace. */
  readonly namespace?: string;
  private readonly groups: RuleGroup[];
  private readonly prometheusVersion?: string;
  private readonly bySeverity?: Readonly<Record<string, SeverityAdditions>>;
  private checked?: RuleCheckOutcome;

  constructor(scope: Construct, id: string, props: PrometheusRuleProps = {}) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this, { includeHash: false });
    // One mistake, one problem: the default name comes from the id, so a bad id is reported alone.
    reportProblems(
      !isDnsLabel(id)
        ? [
            {
              where: this.node.path,
              field: 'id',
              value: id,
              message: 'construct ids become Kubernetes names, which must be DNS-1123 labels',
              fix: `use lower-case letters, digits and "-", e.g. "${id
                .toLowerCase()
                .replace(/[^a-z0-9-]+/g, '-')
                .replace(/^-+|-+$/g, '')}"`,
            },
          ]
        : !isDnsLabel(this.name)
          ? [
              {
                where: this.node.path,
                field: 'name',
                value: this.name,
                message: 'not a DNS-1123 label',
                fix: 'use lower-case letters, digits and "-", at most 63 characters',
              },
            ]
          : [],
      `PrometheusRule ${this.node.path}`,
      this,
    );
    this.namespace = props.namespace ?? chartNamespace(this);
    this.groups = [...(props.groups ?? [])];
    this.prometheusVersion = props.prometheusVersion;
    this.bySeverity = props.alertsBySeverity;
    new ApiObject(this, 'resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels ? { ...props.labels } : undefined },
      spec: Lazy.any({ produce: () => ({ groups: this.renderGroups() }) }),
    });
    this.node.addValidation({ validate: () => this.checkAtSynth() });
  }

  /** Adds a rule group and returns it, to add rules to. */
  addGroup(name: string, props?: RuleGroupProps): RuleGroup {
    const group = new RuleGroup(name, props);
    this.groups.push(group);
    return group;
  }

  /** Adds existing groups; returns this for chaining. */
  addGroups(...groups: RuleGroup[]): this {
    this.groups.push(...groups);
    return this;
  }

  /** The groups, in order. */
  get ruleGroups(): readonly RuleGroup[] {
    return this.groups;
  }

  /**
   * Makes every alert of the PrometheusRules under `scope` carry `namespace="<its PrometheusRule's namespace>"`
   * (alerts whose rule sets `namespace` keep theirs), as prometheus-operator's `enforcedNamespaceLabel` would.
   * prometheus-operator routes an AlertmanagerConfig only alerts whose `namespace` label is the config's own
   * (its default matcher strategy, OnNamespace); alerts that aggregate the label away (`sum(...)`, SLO and
   * threshold alerts) reach no receiver without it. One line: `PrometheusRule.labelAlertsWithNamespace(chart)`.
   */
  static labelAlertsWithNamespace(scope: IConstruct): void {
    namespaceLabelScopes.add(scope);
  }

  /** The labels synthesis adds to every alert of this PrometheusRule (see labelAlertsWithNamespace). */
  get addedAlertLabels(): Readonly<Record<string, string>> {
    const ns = this.namespace;
    return ns !== undefined && this.node.scopes.some((c) => namespaceLabelScopes.has(c)) ? { namespace: ns } : {};
  }

  /**
   * The labels an alert of this PrometheusRule is written with: those synthesis adds (labelAlertsWithNamespace,
   * alertsBySeverity), then its own, which win.
   */
  labelsOf(rule: AlertRule): Readonly<Record<string, string>> {
    return this.withAdditions(rule.props.labels ?? {}).labels;
  }

  /** An alert's labels and annotations with what synthesis adds; its own win. */
  private withAdditions(
    labels: Readonly<Record<string, string>>,
    annotations?: Readonly<Record<string, string>>,
  ): { labels: Record<string, string>; annotations?: Record<string, string> } {
    const bySeverity = this.bySeverity?.[labels.severity ?? ''];
    return {
      labels: { ...this.addedAlertLabels, ...bySeverity?.labels, ...labels },
      annotations: bySeverity?.annotations !== undefined ? { ...bySeverity.annotations, ...annotations } : annotations,
    };
  }

  /** The plain rule file's path, relative to the output directory. */
  get ruleFile(): string {
    return `rules/${this.name}.rules.yaml`;
  }

  /** The plain rule file. */
  synthesizeFiles(): SynthesizedFile[] {
    return [{ path: this.ruleFile, content: toYaml({ groups: this.renderGroups() }) }];
  }

  /** The groups as written, with the added alert labels (rule labels win). */
  private renderGroups(): RuleFileGroup[] {
    const groups = this.groups.map((g) => g.toRuleFile());
    if (Object.keys(this.addedAlertLabels).length === 0 && this.bySeverity === undefined) return groups;
    return groups.map((g) => ({
      ...g,
      rules: g.rules.map((r) => {
        if (!('alert' in r) || r.alert === undefined) return r;
        const { labels, annotations } = this.withAdditions(r.labels ?? {}, r.annotations);
        return {
          ...r,
          labels: sortedRecord(labels),
          ...(annotations !== undefined ? { annotations: sortedRecord(annotations) } : {}),
        };
      }),
    }));
  }

  /** Alerts whose severity alertsBySeverity does not list. */
  private severityProblems(): Problem[] {
    const bySeverity = this.bySeverity;
    if (bySeverity === undefined) return [];
    const known = Object.keys(bySeverity);
    return this.groups.flatMap((g) =>
      g.rules
        .filter((r): r is AlertRule => r instanceof AlertRule)
        .filter((r) => !Object.prototype.hasOwnProperty.call(bySeverity, r.props.labels?.severity ?? ''))
        .map((r) => ({
          where: `${this.node.path} alert "${r.name}"`,
          field: 'labels.severity',
          value: r.props.labels?.severity ?? null,
          message: `alertsBySeverity declares what alerts of ${known.join(', ')} carry; this alert's severity is not one of them`,
          fix: `give it one of ${known.join(', ')}, or add its severity to alertsBySeverity`,
        })),
    );
  }

  /**
   * Runs the rule checks (once; synth calls this while validating and again for the cross-rule checks and
   * its report): problems, warnings, and every rule with its findings.
   * @internal synth's; not part of the public API (stripped from the published typings).
   */
  checkRules(): RuleCheckOutcome {
    if (!this.checked) {
      const rendered = this.renderGroups();
      const groups = this.groups.map((group, i) => ({ group, rendered: rendered[i] }));
      this.checked = checkRuleGroups(groups, {
        where: this.node.path,
        file: this.ruleFile,
        prometheusVersion: this.prometheusVersion ?? prometheusVersionOf(this),
      });
    }
    return this.checked;
  }

  private checkAtSynth(): string[] {
    this.checked = undefined;
    const problems = [...this.checkRules().problems, ...this.severityProblems()];
    if (this.groups.length === 0) {
      problems.push({
        where: this.node.path,
        field: 'groups',
        value: [],
        message: 'a PrometheusRule needs at least one group',
        fix: 'call addGroup() or remove the construct',
      });
    }
    const messages = problems.map(formatProblem);
    if (messages.length === 0) {
      // The operator's own schema, through the prometheus-operator models package.
      try {
        new PrometheusRuleModel({ metadata: { name: this.name }, spec: { groups: this.renderGroups() } }).validate();
      } catch (e) {
        messages.push(
          `[${this.node.path}] spec: does not match the PrometheusRule schema: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return messages;
  }
}

function chartNamespace(c: IConstruct): string | undefined {
  try {
    return Chart.of(c).namespace;
  } catch {
    return undefined;
  }
}
