/**
 * The ConfigMap prometheus-adapter reads (`config.yaml` with `rules:` and `externalRules:`), holding a rule for
 * every custom metric the HPAs added to it use. With the prometheus-community chart, point `rules.existing`
 * at this ConfigMap's name.
 */
import { ApiObject, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { formatProblem, reportProblems } from '../core';
import { toYaml } from '../core';
import { constructsOfType, prometheusVersionOf } from '../core';
import { AdapterRule } from './adapter-rule';
import { isDnsLabel, isDnsSubdomain } from '../core';

/** Something that contributes adapter rules when the config is rendered (an HPA, a CapacityThreshold). */
export interface IAdapterRuleSource {
  /** The rules, computed at synthesis so later additions land. */
  adapterRules(): AdapterRule[];
}

/** Settings of a PrometheusAdapterConfig. */
export interface PrometheusAdapterConfigProps {
  /** `metadata.name` of the ConfigMap. @default `<chart id>-<construct id>` */
  readonly name?: string;
  /** `metadata.namespace`: where prometheus-adapter runs. @default the chart's namespace, if any */
  readonly namespace?: string;
  /** `metadata.labels`. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Rules to start with (for metrics no HPA here declares). @default none */
  readonly rules?: readonly AdapterRule[];
  /** The Prometheus release the queries must run on. @default the app's prometheusVersion, else the current 3.x release */
  readonly prometheusVersion?: string;
}

/** prometheus-adapter's configuration as a ConfigMap; rules come from HPAs added to it and from addRule. */
export class PrometheusAdapterConfig extends Construct {
  /** Finds every PrometheusAdapterConfig in the app `scope` belongs to. */
  static allIn(scope: Construct): PrometheusAdapterConfig[] {
    return constructsOfType(scope, PrometheusAdapterConfig);
  }

  /** `metadata.name` of the ConfigMap. */
  readonly name: string;
  private readonly entries: Array<AdapterRule | IAdapterRuleSource> = [];
  private readonly prometheusVersion?: string;

  constructor(scope: Construct, id: string, props: PrometheusAdapterConfigProps = {}) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this, { includeHash: false });
    if (!isDnsSubdomain(this.name)) {
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'name',
            value: this.name,
            message: 'not a DNS-1123 subdomain',
            fix: 'use lower-case letters, digits, "-" and "."',
          },
        ],
        `PrometheusAdapterConfig ${this.node.path}`,
        this,
      );
    }
    if (props.namespace !== undefined && !isDnsLabel(props.namespace)) {
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'namespace',
            value: props.namespace,
            message: 'not a DNS-1123 label',
            fix: 'use lower-case letters, digits and "-", at most 63 characters',
          },
        ],
        `PrometheusAdapterConfig ${this.node.path}`,
        this,
      );
    }
    this.prometheusVersion = props.prometheusVersion;
    this.entries.push(...(props.rules ?? []));
    new ApiObject(this, 'resource', {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels ? { ...props.labels } : undefined },
      data: Lazy.any({ produce: () => ({ 'config.yaml': toYaml(this.toConfig()) }) }),
    });
    this.node.addValidation({ validate: () => this.checkAtSynth() });
  }

  /** Adds rules written by hand; returns this for chaining. */
  addRule(...rules: AdapterRule[]): this {
    this.entries.push(...rules);
    return this;
  }

  /** Adds the rules of HPAs or capacity thresholds (read at synthesis); returns this for chaining. */
  add(...sources: IAdapterRuleSource[]): this {
    for (const s of sources) if (!this.entries.includes(s)) this.entries.push(s);
    return this;
  }

  /** Every rule, sources expanded, identical rules once, in the order added. */
  get rules(): AdapterRule[] {
    const seen = new Set<string>();
    const out: AdapterRule[] = [];
    for (const e of this.entries) {
      for (const r of e instanceof AdapterRule ? [e] : e.adapterRules()) {
        const key = JSON.stringify([r.props.api, r.toConfig()]);
        if (!seen.has(key)) out.push(r);
        seen.add(key);
      }
    }
    return out;
  }

  /** Whether a rule exposes `metricName` through the `api` list. */
  serves(api: 'custom' | 'external', metricName: string): boolean {
    return this.rules.some((r) => r.props.api === api && r.metricName === metricName);
  }

  /** Whether this exact rule is in the config. */
  includes(rule: AdapterRule): boolean {
    const key = JSON.stringify([rule.props.api, rule.toConfig()]);
    return this.rules.some((r) => JSON.stringify([r.props.api, r.toConfig()]) === key);
  }

  /** The config file's content: `rules` and `externalRules`, each present when it has entries. */
  toConfig(): Record<string, unknown> {
    const rules = this.rules;
    const out: Record<string, unknown> = {};
    const custom = rules.filter((r) => r.props.api === 'custom').map((r) => r.toConfig());
    const external = rules.filter((r) => r.props.api === 'external').map((r) => r.toConfig());
    if (custom.length > 0) out.rules = custom;
    if (external.length > 0) out.externalRules = external;
    return out;
  }

  private checkAtSynth(): string[] {
    const version = this.prometheusVersion ?? prometheusVersionOf(this);
    const rules = this.rules;
    const problems = rules.flatMap((r) => {
      const list = r.props.api === 'external' ? 'externalRules' : 'rules';
      const index = rules.filter((x) => x.props.api === r.props.api).indexOf(r);
      return r.check(this.node.path, `${list}[${index}] (${r.metricName})`, version);
    });
    const byName = new Map<string, AdapterRule>();
    for (const r of rules) {
      const key = `${r.props.api}/${r.metricName}`;
      const first = byName.get(key);
      if (first) {
        problems.push({
          where: this.node.path,
          field: `${r.props.api === 'external' ? 'externalRules' : 'rules'} (${r.metricName})`,
          value: r.toConfig(),
          message: `two different rules expose "${r.metricName}"; the adapter would answer with either`,
          fix: 'give the metrics different names, or use the same source for both HPAs',
        });
      } else byName.set(key, r);
    }
    if (rules.length === 0) {
      problems.push({
        where: this.node.path,
        field: 'rules',
        value: [],
        message: 'the adapter config has no rules',
        fix: 'add an HPA with a custom metric (adapter.add(hpa)) or addRule(), or remove the construct',
      });
    }
    return problems.map(formatProblem);
  }
}
