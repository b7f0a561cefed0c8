/**
 * An `autoscaling/v2` HorizontalPodAutoscaler, a cdk8s ApiObject typed by kubernetes-models'
 * autoscaling/v2 models, with exactly the fields given: quantities stay the strings written
 * (`averageValue: "10"`), no behavior or selectPolicy is added, and the target is any workload referenced by
 * apiVersion, kind and name, in the app or not. Custom metrics must be served: each pods, object or external
 * metric either has a source (a prometheus-adapter rule this HPA contributes, or a named provider) or is
 * exposed by a rule of a PrometheusAdapterConfig in the app; otherwise synthesis fails.
 */
import { ApiObject, Chart, Lazy, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { HorizontalPodAutoscaler as HpaModel } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Problem, ProblemList, formatProblem, reportProblems } from '../core';
import { AdapterRule } from './adapter-rule';
import { HpaBehavior, behaviorManifest, checkBehavior } from './behavior';
import { IAdapterRuleSource, PrometheusAdapterConfig } from './prometheus-adapter-config';
import { isDnsLabel, isDnsSubdomain } from '../core';
import { ScaleTargetRef, checkObjectRef, plainObjectRef } from './scale-target';
import { HpaMetric } from './scaling-metric';

/** Settings of a HorizontalPodAutoscaler; field names are Kubernetes'. */
export interface HorizontalPodAutoscalerProps {
  /** `metadata.name`. @default `<chart id>-<construct id>` */
  readonly name?: string;
  /** `metadata.namespace`: the namespace of the workload. @default the chart's namespace, if any */
  readonly namespace?: string;
  /** `metadata.labels`. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** The workload to scale, e.g. `deployment('rlm-api')`, a cdk8s ApiObject or a cdk8s-plus workload. */
  readonly scaleTargetRef: ScaleTargetRef;
  /** Fewest replicas, at least 1. @default Kubernetes' default, 1 (the field is left out) */
  readonly minReplicas?: number;
  /** Most replicas, at least minReplicas. */
  readonly maxReplicas: number;
  /** What to scale on, with targets; at least one (more with addMetric). */
  readonly metrics: readonly HpaMetric[];
  /** Scale-up and scale-down rates and windows. @default none: Kubernetes' defaults apply */
  readonly behavior?: HpaBehavior;
  /** The prometheus-adapter config that serves this HPA's Prometheus-sourced metrics. @default none */
  readonly adapter?: PrometheusAdapterConfig;
}

const INT32_MAX = 2 ** 31 - 1;

/** An autoscaling/v2 HorizontalPodAutoscaler; implements IAdapterRuleSource for its custom metrics. */
export class HorizontalPodAutoscaler extends Construct implements IAdapterRuleSource {
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`, if set here or on the chart. */
  readonly namespace?: string;
  /** The workload scaled. */
  readonly scaleTargetRef: ScaleTargetRef;
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  readonly behavior?: HpaBehavior;
  /** The generated k8s object (for escape hatches). */
  readonly resource: ApiObject;
  private readonly metricList: HpaMetric[];

  constructor(scope: Construct, id: string, props: HorizontalPodAutoscalerProps) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this, { includeHash: false });
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.scaleTargetRef = props.scaleTargetRef;
    this.minReplicas = props.minReplicas;
    this.maxReplicas = props.maxReplicas;
    this.behavior = props.behavior;
    this.metricList = [...(props.metrics ?? [])];
    const problems = this.checkProps(props);
    reportProblems(problems, `HorizontalPodAutoscaler ${this.node.path}`, this);

    this.resource = new ApiObject(this, 'resource', {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: this.name, namespace: props.namespace, labels: props.labels ? { ...props.labels } : undefined },
      spec: {
        scaleTargetRef: plainObjectRef(props.scaleTargetRef),
        minReplicas: props.minReplicas,
        maxReplicas: props.maxReplicas,
        metrics: Lazy.any({ produce: () => this.metricList.map((m) => m.toManifest()) }),
        behavior: behaviorManifest(props.behavior),
      },
    });
    props.adapter?.add(this);
    this.node.addValidation({ validate: () => this.checkAtSynth() });
  }

  /** The metrics, in order. */
  get metrics(): readonly HpaMetric[] {
    return this.metricList;
  }

  /** Adds a metric (checked now); returns this for chaining. */
  addMetric(metric: HpaMetric): this {
    const problems = [
      ...metric.check(this.node.path, `metrics[${this.metricList.length}]`),
      ...this.duplicateOf(metric, this.metricList.length),
    ];
    if (reportProblems(problems, `HorizontalPodAutoscaler ${this.node.path}`, this)) return this;
    this.metricList.push(metric);
    return this;
  }

  /** The prometheus-adapter rules of the metrics sourced from Prometheus. */
  adapterRules(): AdapterRule[] {
    return this.metricList.map((m) => m.metric.adapterRule()).filter((r): r is AdapterRule => r !== undefined);
  }

  /** The manifest as synthesized (plain JSON). */
  toJson(): Record<string, unknown> {
    return this.resource.toJson();
  }

  private checkProps(props: HorizontalPodAutoscalerProps): Problem[] {
    const where = this.node.path;
    const found = new ProblemList(where);
    if (!isDnsSubdomain(this.name)) {
      found.add(
        'name',
        this.name,
        'not a DNS-1123 subdomain',
        'use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit',
      );
    }
    if (props.namespace !== undefined && !isDnsLabel(props.namespace)) {
      found.add(
        'namespace',
        props.namespace,
        'not a DNS-1123 label',
        'use lower-case letters, digits and "-", at most 63 characters',
      );
    }
    found.addAll(checkObjectRef(props.scaleTargetRef, where, 'scaleTargetRef'));
    const { minReplicas: min, maxReplicas: max } = props;
    if (min !== undefined && (!Number.isInteger(min) || min < 1 || min > INT32_MAX)) {
      found.add(
        'minReplicas',
        min,
        'minReplicas must be a whole number of at least 1',
        'use 1 or more (scaling to zero is an alpha feature this construct does not emit)',
      );
    }
    if (!Number.isInteger(max) || max < 1 || max > INT32_MAX) {
      found.add(
        'maxReplicas',
        max,
        'maxReplicas must be a whole number of at least 1',
        'set the most replicas the workload may run',
      );
    } else if (min !== undefined && Number.isInteger(min) && min > max) {
      found.add(
        'minReplicas',
        min,
        `minReplicas is greater than maxReplicas (${max})`,
        `lower minReplicas to ${max} or less, or raise maxReplicas`,
      );
    }
    if (!Array.isArray(props.metrics) || props.metrics.length === 0) {
      found.add(
        'metrics',
        props.metrics,
        'no metrics: Kubernetes would silently scale on 80% CPU',
        'say what to scale on, e.g. [HpaMetric.cpuUtilization(70)]',
      );
    } else {
      props.metrics.forEach((m, i) => {
        found.addAll([...m.check(where, `metrics[${i}]`), ...this.duplicateOf(m, i)]);
      });
    }
    found.addAll(checkBehavior(props.behavior, where));
    return found.problems;
  }

  private duplicateOf(metric: HpaMetric, index: number): Problem[] {
    const first = this.metricList.findIndex((m, i) => i < index && m.metric.key === metric.metric.key);
    return first === -1
      ? []
      : [
          {
            where: this.node.path,
            field: `metrics[${index}]`,
            value: metric.metric.name,
            message: `the same metric as metrics[${first}]; the HPA would use whichever asks for more replicas`,
            fix: 'keep one target per metric',
          },
        ];
  }

  private checkAtSynth(): string[] {
    const found = new ProblemList(this.node.path);
    const adapters = PrometheusAdapterConfig.allIn(this);
    this.metricList.forEach((m, i) => {
      const metric = m.metric;
      if (!metric.isCustom) return;
      const field = `metrics[${i}] (${metric.type} "${metric.name}")`;
      const api = metric.api as 'custom' | 'external';
      const apiName = api === 'external' ? 'external metrics API' : 'custom metrics API';
      const rule = metric.adapterRule();
      if (metric.source?.kind === 'provided') return;
      if (rule) {
        if (!adapters.some((a) => a.includes(rule))) {
          found.add(
            `${field}.source`,
            metric.source?.prometheus?.series,
            `no PrometheusAdapterConfig in the app holds this metric's adapter rule, so nothing serves it through the ${apiName} and the HPA would silently not scale on it`,
            'pass adapter: <PrometheusAdapterConfig> to the HPA, or call adapter.add(hpa)',
          );
        }
      } else if (!adapters.some((a) => a.serves(api, metric.name))) {
        found.add(
          `${field}.source`,
          undefined,
          `a custom metric with no source: nothing serves "${metric.name}" through the ${apiName}, so the HPA would silently not scale on it`,
          `give source: MetricSource.prometheus({ series: "${metric.name}" }) and an adapter, MetricSource.providedBy("<provider>") if another adapter serves it, or add a rule for it to a PrometheusAdapterConfig`,
        );
      }
    });
    const messages = found.problems.map(formatProblem);
    if (messages.length === 0) {
      try {
        new HpaModel(this.resource.toJson() as never).validate();
      } catch (e) {
        messages.push(
          `[${this.node.path}] spec: does not match the autoscaling/v2 HorizontalPodAutoscaler schema: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
    }
    return messages;
  }
}
