/**
 * One row of a capacity table ("API Pods | CPU > 70% | CPU < 30% | max 50") as the things that enforce it:
 * an HPA whose target is the scale-up level and whose maxReplicas is the Max column, and capacity alerts for
 * what the HPA cannot do by itself (docs/scaling.md maps every column). The numbers are written once here.
 */
import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problem, ProblemList, isRefused, reportProblems } from '../core';
import { parseDuration } from '../promql';
import { PrometheusRule, Rule, RuleGroup, IRuleSource } from '../rules';
import { Unit, UNITS, isUnit, pascalCase } from '../thresholds';
import { AdapterRule } from './adapter-rule';
import { HpaBehavior } from './behavior';
import { CapacityAlertOptions, capacityRules } from './capacity-alerts';
import { HorizontalPodAutoscaler } from './horizontal-pod-autoscaler';
import { IAdapterRuleSource, PrometheusAdapterConfig } from './prometheus-adapter-config';
import { ScaleTargetRef, podNameRegex } from './scale-target';
import { ScalingMetric } from './scaling-metric';

/** A row of a capacity table. */
export interface CapacityThresholdProps {
  /**
   * What the row is about, in words, for alert text: "API Pods" (the capacity table's Resource column; not a
   * Kubernetes resource).
   */
  readonly displayName: string;
  /** The workload scaled. */
  readonly scaleTargetRef: ScaleTargetRef;
  /** What the Scale Up / Scale Down levels measure, e.g. `ScalingMetric.cpu()`. */
  readonly metric: ScalingMetric;
  /** The Scale Up column: the HPA's target and the level of the breach-at-max alert. */
  readonly scaleUp: number;
  /** The Scale Down column: the level of the over-provisioned alert (an HPA has no scale-down level). */
  readonly scaleDown: number;
  /** The Max column: maxReplicas, and the level of the at-max and forecast alerts. */
  readonly maxReplicas: number;
  /** Fewest replicas. @default Kubernetes' default, 1 (left out of the manifest) */
  readonly minReplicas?: number;
  /** HPA behavior. @default none: Kubernetes' defaults */
  readonly behavior?: HpaBehavior;
  /** The HPA's `metadata.name`. @default `<chart id>-<construct id>` */
  readonly name?: string;
  /** The HPA's namespace. @default the chart's namespace */
  readonly namespace?: string;
  /** The prometheus-adapter config serving a Prometheus-sourced metric. @default none */
  readonly adapter?: PrometheusAdapterConfig;
  /** Unit of the levels, for alert text. @default 'percent' for utilization, else 'count' */
  readonly unit?: Unit;
  /** What the levels measure, in words. @default "CPU utilization", "memory utilization", or the metric's name */
  readonly description?: string;
  /**
   * PromQL giving the value the HPA compares with the scale-up level (one series, no labels).
   * @default derived from the metric: cAdvisor and kube-state-metrics for cpu/memory, the adapter rule's query for
   * Prometheus-sourced metrics (required when the metric is provided elsewhere)
   */
  readonly query?: string;
  /** Regex matching the workload's pod names, in derived queries. @default from the kind, e.g. `rlm-api-[a-z0-9]+-[a-z0-9]+` */
  readonly podRegex?: string;
  /** Group to add the capacity rules to. @default a PrometheusRule of its own, with one group */
  readonly ruleGroup?: RuleGroup;
  /** `metadata.labels` of its own PrometheusRule (ignored with ruleGroup). @default none */
  readonly ruleLabels?: Readonly<Record<string, string>>;
  /** Alert name prefix. @default the workload's name in PascalCase, e.g. `RlmApi` */
  readonly alertPrefix?: string;
  /** Labels on every capacity alert (service, team, ...). @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** `runbook_url` annotation of every capacity alert. @default none */
  readonly runbookUrl?: string;
  /** Which alerts, with their `for` and severity. @default all four (see CapacityAlertOptions) */
  readonly alerts?: CapacityAlertOptions;
}

/**
 * A capacity table row: an HPA (child `hpa`) plus capacity rules, which go to `ruleGroup` or to a
 * PrometheusRule of its own (child `rules`). Implements IRuleSource and IAdapterRuleSource.
 */
export class CapacityThreshold extends Construct implements IRuleSource, IAdapterRuleSource {
  readonly hpa: HorizontalPodAutoscaler;
  /** Its own PrometheusRule, when no ruleGroup was given. */
  readonly prometheusRule?: PrometheusRule;
  /** PromQL of the value compared with the levels. */
  readonly valueQuery: string;

  constructor(
    scope: Construct,
    id: string,
    readonly props: CapacityThresholdProps,
  ) {
    super(scope, id);
    const problems = this.checkLevels(props);
    reportProblems(problems, `CapacityThreshold ${this.node.path}`, this);
    this.hpa = new HorizontalPodAutoscaler(this, 'hpa', {
      name: props.name ?? Names.toDnsLabel(this, { includeHash: false }),
      namespace: props.namespace,
      scaleTargetRef: props.scaleTargetRef,
      minReplicas: props.minReplicas,
      maxReplicas: props.maxReplicas,
      metrics: [props.metric.target(props.scaleUp)],
      behavior: props.behavior,
      adapter: props.adapter,
    });
    if (this.hpa.namespace === undefined) {
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'namespace',
            value: undefined,
            message: 'the capacity alerts select the HPA by namespace, and none is set',
            fix: 'give namespace, or put the threshold in a chart with a namespace',
          },
        ],
        `CapacityThreshold ${this.node.path}`,
        this,
      );
      this.valueQuery = '';
      return;
    }
    const namespace = this.hpa.namespace;
    const query =
      props.query ??
      props.metric.valueQuery({
        namespace,
        hpaName: this.hpa.name,
        podRegex: props.podRegex ?? podNameRegex(props.scaleTargetRef),
      });
    if (query === undefined) {
      this.valueQuery = '';
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'query',
            value: undefined,
            message: `no query for the value of ${props.metric.type} metric "${props.metric.name}" can be derived (its source is ${props.metric.source?.kind === 'provided' ? `provided by ${props.metric.source.provider}` : 'not a Prometheus series'})`,
            fix: 'give query: PromQL returning the value the HPA compares with scaleUp, as one series without labels',
          },
        ],
        `CapacityThreshold ${this.node.path}`,
        this,
      );
      return;
    }
    this.valueQuery = query;
    if (props.ruleGroup) {
      props.ruleGroup.add(this);
    } else {
      this.prometheusRule = new PrometheusRule(this, 'rules', {
        name: `${this.hpa.name}-capacity`,
        namespace: props.namespace,
        labels: props.ruleLabels,
        groups: [new RuleGroup(`${this.hpa.name}-capacity`).add(this)],
      });
    }
  }

  /** The capacity rules: the needed-replicas record and the alerts. */
  rules(): Rule[] {
    if (isRefused(this)) return []; // its mistakes were reported; the rules would only repeat them
    const p = this.props;
    return capacityRules({
      prefix: p.alertPrefix ?? pascalCase(p.scaleTargetRef.name.replace(/[-.]/g, '_')),
      displayName: p.displayName,
      namespace: this.hpa.namespace as string,
      hpaName: this.hpa.name,
      workload: p.scaleTargetRef.name,
      value: this.valueQuery,
      valueDescription: p.description ?? describe(p.metric),
      unit: p.unit ?? (p.metric.targetType === 'Utilization' ? 'percent' : 'count'),
      scaleUp: p.scaleUp,
      scaleDown: p.scaleDown,
      maxReplicas: p.maxReplicas,
      labels: p.labels,
      runbookUrl: p.runbookUrl,
      alerts: p.alerts,
    });
  }

  /** The adapter rule of a Prometheus-sourced metric. */
  adapterRules(): AdapterRule[] {
    return this.hpa.adapterRules();
  }

  private checkLevels(p: CapacityThresholdProps): Problem[] {
    const where = this.node.path;
    const found = new ProblemList(where);
    const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
    if (typeof p.displayName !== 'string' || p.displayName.trim() === '') {
      found.add('displayName', p.displayName, 'name the resource the row is about', 'e.g. "API Pods"');
    }
    if (!finite(p.scaleUp) || p.scaleUp <= 0) {
      found.add(
        'scaleUp',
        p.scaleUp,
        'the scale-up level must be a number greater than 0',
        'write the level from the table, e.g. 70 for CPU > 70%',
      );
    }
    if (!finite(p.scaleDown) || p.scaleDown < 0) {
      found.add(
        'scaleDown',
        p.scaleDown,
        'the scale-down level must be a number of at least 0',
        'write the level from the table, e.g. 30 for CPU < 30%',
      );
    } else if (finite(p.scaleUp) && p.scaleDown >= p.scaleUp) {
      found.add(
        'scaleDown',
        p.scaleDown,
        `the scale-down level must be below the scale-up level (${p.scaleUp})`,
        'swap them, or lower scaleDown',
      );
    }
    for (const [name, setting] of Object.entries(p.alerts ?? {})) {
      if (!setting) continue;
      const durations: Array<[string, unknown]> = [
        ['for', setting.for],
        ['lookback', (setting as { lookback?: unknown }).lookback],
        ['horizon', (setting as { horizon?: unknown }).horizon],
      ];
      for (const [key, value] of durations) {
        if (value === undefined) continue;
        const d = typeof value === 'string' ? parseDuration(value) : { ok: false as const, error: 'not a string' };
        if (!d.ok || (key !== 'for' && d.ms === 0)) {
          found.add(
            `alerts.${name}.${key}`,
            value,
            d.ok ? 'the duration must be greater than 0' : d.error,
            'write a Prometheus duration such as "15m" or "7d"',
          );
        }
      }
    }
    if (p.unit !== undefined && !isUnit(p.unit)) {
      found.add('unit', p.unit, 'unknown unit', `use one of ${Object.keys(UNITS).join(', ')}`);
    }
    return found.problems;
  }
}

function describe(m: ScalingMetric): string {
  if (m.type === 'Resource' || m.type === 'ContainerResource') {
    const what = m.name === 'cpu' ? 'CPU' : m.name;
    return m.targetType === 'Utilization' ? `${what} utilization` : `${what} per pod`;
  }
  return m.type === 'Pods' ? `${m.name} per pod` : m.name;
}
