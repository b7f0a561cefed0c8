/**
 * A KEDA `ScaledObject` (keda.sh/v1alpha1) from the same declarations an HPA takes: instead of an HPA plus a
 * prometheus-adapter rule, KEDA creates the HPA and queries Prometheus itself through `prometheus` triggers.
 * Each Prometheus-sourced metric becomes a trigger whose query is the adapter rule's query filled in for the
 * workload, summed (KEDA divides by the replicas for AverageValue); cpu and memory become `cpu` / `memory`
 * triggers. Metrics served by another provider cannot be expressed and are refused.
 */
import { ApiObject, Chart, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problem, reportProblems, throwProblem } from '../core';
import { checkPromQL } from '../promql';
import { HpaBehavior, behaviorManifest, checkBehavior } from './behavior';
import { quantityString } from './quantity';
import { isDnsLabel, isDnsSubdomain } from '../core';
import { ScaleTargetRef, checkObjectRef, podNameRegex, plainObjectRef } from './scale-target';
import { HpaMetric, sumQuery } from './scaling-metric';

/** Settings of a KedaScaledObject. */
export interface KedaScaledObjectProps {
  /** `metadata.name`; KEDA names the HPA it creates `keda-hpa-<name>`. @default `<chart id>-<construct id>` */
  readonly name?: string;
  /** `metadata.namespace`. @default the chart's namespace */
  readonly namespace?: string;
  /** The workload to scale. */
  readonly scaleTargetRef: ScaleTargetRef;
  /** Fewest replicas (`minReplicaCount`). @default KEDA's default, 0 (left out) */
  readonly minReplicaCount?: number;
  /** Most replicas (`maxReplicaCount`). */
  readonly maxReplicaCount: number;
  /** What to scale on, as for an HPA. Pods, object and external metrics need `MetricSource.prometheus`. */
  readonly metrics: readonly HpaMetric[];
  /** Passed to the HPA KEDA creates (`advanced.horizontalPodAutoscalerConfig.behavior`). @default none */
  readonly behavior?: HpaBehavior;
  /** Prometheus' URL for the triggers, e.g. `http://prometheus-operated.monitoring.svc:9090`. */
  readonly serverAddress: string;
  /** Regex of the workload's pod names in trigger queries. @default from the kind, e.g. `api-[a-z0-9]+-[a-z0-9]+` */
  readonly podRegex?: string;
}

/** A keda.sh/v1alpha1 ScaledObject. */
export class KedaScaledObject extends Construct {
  readonly name: string;

  constructor(scope: Construct, id: string, props: KedaScaledObjectProps) {
    super(scope, id);
    this.name = props.name ?? Names.toDnsLabel(this, { includeHash: false });
    const namespace = props.namespace ?? Chart.of(this).namespace;
    const where = this.node.path;
    const problems: Problem[] = [
      ...checkObjectRef(props.scaleTargetRef, where, 'scaleTargetRef'),
      ...checkBehavior(props.behavior, where),
    ];
    if (!isDnsSubdomain(this.name))
      problems.push({
        where,
        field: 'name',
        value: this.name,
        message: 'not a DNS-1123 subdomain',
        fix: 'use lower-case letters, digits, "-" and "."',
      });
    if (namespace === undefined || !isDnsLabel(namespace))
      problems.push({
        where,
        field: 'namespace',
        value: namespace,
        message: 'trigger queries are scoped to the namespace, which must be a DNS-1123 label',
        fix: 'give namespace or use a chart with one',
      });
    const { minReplicaCount: min, maxReplicaCount: max } = props;
    if (min !== undefined && (!Number.isInteger(min) || min < 0))
      problems.push({
        where,
        field: 'minReplicaCount',
        value: min,
        message: 'minReplicaCount must be a whole number of at least 0',
        fix: 'use 0 to scale to zero, 1 or more otherwise',
      });
    if (!Number.isInteger(max) || max < 1)
      problems.push({
        where,
        field: 'maxReplicaCount',
        value: max,
        message: 'maxReplicaCount must be a whole number of at least 1',
        fix: 'set the most replicas the workload may run',
      });
    else if (min !== undefined && min > max)
      problems.push({
        where,
        field: 'minReplicaCount',
        value: min,
        message: `minReplicaCount is greater than maxReplicaCount (${max})`,
        fix: `lower it to ${max} or less`,
      });
    if (typeof props.serverAddress !== 'string' || !/^https?:\/\/\S+$/.test(props.serverAddress)) {
      problems.push({
        where,
        field: 'serverAddress',
        value: props.serverAddress,
        message: 'not an http(s) URL',
        fix: 'e.g. "http://prometheus-operated.monitoring.svc:9090"',
      });
    }
    if (!Array.isArray(props.metrics) || props.metrics.length === 0)
      problems.push({
        where,
        field: 'metrics',
        value: props.metrics,
        message: 'a ScaledObject needs at least one trigger',
        fix: 'say what to scale on',
      });
    if (problems.length === 0) {
      props.metrics.forEach((m, i) => problems.push(...m.check(where, `metrics[${i}]`)));
    }
    if (reportProblems(problems, `KedaScaledObject ${where}`, this)) return;

    const ctx = {
      namespace: namespace as string,
      hpaName: `keda-hpa-${this.name}`,
      podRegex: props.podRegex ?? podNameRegex(props.scaleTargetRef),
    };
    const triggers = props.metrics.map((m, i) => this.trigger(m, i, ctx, props.serverAddress));
    const behavior = behaviorManifest(props.behavior);
    new ApiObject(this, 'resource', {
      apiVersion: 'keda.sh/v1alpha1',
      kind: 'ScaledObject',
      metadata: { name: this.name, namespace: props.namespace },
      spec: {
        scaleTargetRef: plainObjectRef(props.scaleTargetRef),
        minReplicaCount: props.minReplicaCount,
        maxReplicaCount: props.maxReplicaCount,
        advanced: behavior ? { horizontalPodAutoscalerConfig: { behavior } } : undefined,
        triggers,
      },
    });
  }

  private trigger(
    m: HpaMetric,
    i: number,
    ctx: { namespace: string; hpaName: string; podRegex: string },
    serverAddress: string,
  ): Record<string, unknown> {
    const metric = m.metric;
    const value = quantityString(m.value);
    if (metric.type === 'Resource' || metric.type === 'ContainerResource') {
      return {
        type: metric.name,
        metricType: metric.targetType,
        metadata: { value, ...(metric.container ? { containerName: metric.container } : {}) },
      };
    }
    const filled = metric.adapterQuery(ctx);
    if (filled === undefined) {
      throwProblem({
        where: this.node.path,
        field: `metrics[${i}].source`,
        value: metric.source?.provider,
        message: `KEDA's prometheus trigger needs the metric's Prometheus series; "${metric.name}" has ${metric.source ? `a source provided by ${metric.source.provider}` : 'no source'}`,
        fix: 'give source: MetricSource.prometheus({ series: "<name>" }), or use a HorizontalPodAutoscaler',
      });
    }
    const query = sumQuery(filled);
    const diagnostics = checkPromQL(query);
    if (diagnostics.length > 0) {
      throwProblem({
        where: this.node.path,
        field: `metrics[${i}].source`,
        value: query,
        message: `the trigger query is not PromQL: ${diagnostics[0].message}`,
        fix: "fix the source's metricsQuery",
      });
    }
    return {
      type: 'prometheus',
      name: metric.name,
      // Pods metrics are per-pod averages: KEDA divides the summed query by the replicas (AverageValue).
      metricType: metric.type === 'Pods' ? 'AverageValue' : metric.targetType,
      metadata: { serverAddress, query, threshold: value },
    };
  }
}
