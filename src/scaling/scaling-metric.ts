/**
 * What an HPA scales on (ScalingMetric: a resource, pods, object or external metric and how its target is
 * read) and the same with a target value (HpaMetric, one entry of `spec.metrics`). A ScalingMetric also knows
 * the prometheus-adapter rule that serves it and the PromQL giving the value the HPA compares with its target,
 * so capacity alerts and the adapter are rendered from the declaration the HPA is rendered from.
 */
import type { IMetricIdentifier, IMetricSpec, IMetricTarget } from 'kubernetes-models/autoscaling/v2';
import { Problem, ProblemList, sortedCopy } from '../core';
import { analyzePromQL } from '../promql';
import { isValidLabelName, isValidMetricName } from '../core';
import { AdapterRule, GroupResource } from './adapter-rule';
import { MetricSource, PrometheusMetricSourceProps } from './metric-source';
import { QuantityInput, isQuantity, quantityString, quantityValue } from './quantity';
import { ScaleTargetRef, checkObjectRef, plainObjectRef } from './scale-target';

/** The metric source types of autoscaling/v2. */
export type MetricType = 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External';
/** How the target is compared: a percentage of requests, a per-pod average, or a total. */
export type TargetType = 'Utilization' | 'AverageValue' | 'Value';

/** Options of resource metrics (cpu, memory). */
export interface ResourceMetricOptions {
  /** Scale on one container's usage instead of the whole pod's (`ContainerResource`). @default the whole pod */
  readonly container?: string;
  /** `Utilization` (percent of requests) or `AverageValue` (a quantity per pod). @default 'Utilization' */
  readonly targetType?: 'Utilization' | 'AverageValue';
}

/** Options shared by pods, object and external metrics. */
export interface CustomMetricOptions {
  /** Label selector (`matchLabels`) narrowing the metric's series. @default none */
  readonly selector?: Readonly<Record<string, string>>;
  /** What serves the metric; without one, a PrometheusAdapterConfig in the app must have a rule for it. @default none */
  readonly source?: MetricSource;
}

/** Options of object metrics. */
export interface ObjectMetricOptions extends CustomMetricOptions {
  /** The object the metric describes (a Service, an Ingress, ...). */
  readonly describedObject: ScaleTargetRef;
  /** `Value` (the object's value) or `AverageValue` (divided by the current replicas). @default 'Value' */
  readonly targetType?: 'Value' | 'AverageValue';
}

/** Options of external metrics. */
export interface ExternalMetricOptions extends CustomMetricOptions {
  /** `Value` (the total) or `AverageValue` (the total divided by the current replicas). @default 'AverageValue' */
  readonly targetType?: 'Value' | 'AverageValue';
}

/** Where the queries of a metric are evaluated: the HPA's namespace, name and pods. */
export interface MetricContext {
  /** The HPA's namespace. */
  readonly namespace: string;
  /** The HPA's name (kube-state-metrics' `horizontalpodautoscaler` label). */
  readonly hpaName: string;
  /** A regex matching the scaled workload's pod names. */
  readonly podRegex: string;
}

const AGGREGATIONS = ['sum', 'avg', 'max', 'min'];

/** A metric an HPA scales on, without a target value. Immutable. */
export class ScalingMetric {
  /** CPU of the pods (or of one container), by default as a percentage of requests. */
  static cpu(options: ResourceMetricOptions = {}): ScalingMetric {
    return ScalingMetric.resource('cpu', options);
  }

  /** Memory of the pods (or of one container), by default as a percentage of requests. */
  static memory(options: ResourceMetricOptions = {}): ScalingMetric {
    return ScalingMetric.resource('memory', options);
  }

  /** A resource of the pods known to the resource metrics API (`cpu`, `memory`). */
  static resource(name: string, options: ResourceMetricOptions = {}): ScalingMetric {
    return new ScalingMetric(
      options.container === undefined ? 'Resource' : 'ContainerResource',
      name,
      options.targetType ?? 'Utilization',
      { container: options.container },
    );
  }

  /** A metric of each pod of the workload (custom metrics API), averaged over the pods. */
  static pods(name: string, options: CustomMetricOptions = {}): ScalingMetric {
    return new ScalingMetric('Pods', name, 'AverageValue', options);
  }

  /** A metric of another object in the namespace (custom metrics API), e.g. requests per second of an Ingress. */
  static object(name: string, options: ObjectMetricOptions): ScalingMetric {
    return new ScalingMetric('Object', name, options.targetType ?? 'Value', options);
  }

  /** A metric not tied to a Kubernetes object (external metrics API), e.g. a queue's depth. */
  static external(name: string, options: ExternalMetricOptions = {}): ScalingMetric {
    return new ScalingMetric('External', name, options.targetType ?? 'AverageValue', options);
  }

  readonly selector?: Readonly<Record<string, string>>;
  readonly source?: MetricSource;
  readonly describedObject?: ScaleTargetRef;
  readonly container?: string;

  private constructor(
    /** The autoscaling/v2 metric type. */
    readonly type: MetricType,
    /** The metric's name: the resource (`cpu`) or the name in the metrics API. */
    readonly name: string,
    /** How targets are compared. */
    readonly targetType: TargetType,
    options: {
      selector?: Readonly<Record<string, string>>;
      source?: MetricSource;
      describedObject?: ScaleTargetRef;
      container?: string;
    },
  ) {
    this.selector = options.selector;
    this.source = options.source;
    this.describedObject = options.describedObject;
    this.container = options.container;
  }

  /** This metric with a target value: a percentage for Utilization, a quantity otherwise. */
  target(value: QuantityInput): HpaMetric {
    return new HpaMetric(this, value);
  }

  /** Whether the metric comes through the custom or external metrics API (and so needs a source). */
  get isCustom(): boolean {
    return this.type === 'Pods' || this.type === 'Object' || this.type === 'External';
  }

  /** Which metrics API list serves it: `custom` (pods, object) or `external`. */
  get api(): 'custom' | 'external' | undefined {
    if (this.type === 'External') return 'external';
    return this.isCustom ? 'custom' : undefined;
  }

  /** Identity within one HPA: type, name, described object and selector. */
  get key(): string {
    const obj = this.describedObject ? `${this.describedObject.kind}/${this.describedObject.name}` : '';
    const sel = this.selector ? JSON.stringify(Object.entries(this.selector).sort()) : '';
    return `${this.type}|${this.container ?? ''}|${this.name}|${obj}|${sel}`;
  }

  /** The prometheus-adapter rule that serves this metric, when its source is `MetricSource.prometheus`. */
  adapterRule(): AdapterRule | undefined {
    const src = this.source?.prometheus;
    if (!src || !this.isCustom) return undefined;
    const ns = src.namespaceLabel ?? 'namespace';
    const inner = (): string => {
      const selector = `<<.Series>>{<<.LabelMatchers>>}`;
      return src.rate ? `rate(${selector}[${src.rate}])` : selector;
    };
    const agg = src.aggregation ?? 'sum';
    if (this.type === 'External') {
      const namespaced = src.namespaced ?? true;
      return new AdapterRule({
        api: 'external',
        seriesQuery: namespaced ? `${src.series}{${ns}!=""}` : src.series,
        resources: namespaced ? { overrides: { [ns]: { resource: 'namespace' } } } : { namespaced: false },
        nameMatches: `^${src.series}$`,
        nameAs: this.name,
        metricsQuery: src.metricsQuery ?? `${agg}(${inner()})`,
      });
    }
    const objectLabel = this.objectLabel(src);
    const objectResource: GroupResource =
      this.type === 'Pods' ? { resource: 'pod' } : groupResourceOf(this.describedObject as ScaleTargetRef);
    return new AdapterRule({
      api: 'custom',
      seriesQuery: `${src.series}{${ns}!="",${objectLabel}!=""}`,
      resources: { overrides: { [ns]: { resource: 'namespace' }, [objectLabel]: objectResource } },
      nameMatches: `^${src.series}$`,
      nameAs: this.name,
      metricsQuery: src.metricsQuery ?? `${agg}(${inner()}) by (<<.GroupBy>>)`,
    });
  }

  /**
   * PromQL for the value the HPA compares with its target, as one series without labels: resource usage from
   * cAdvisor and kube-state-metrics, custom metrics through the same adapter rule the HPA reads them with.
   * Undefined when it cannot be derived (a source served elsewhere, a resource other than cpu or memory).
   * @internal the capacity alerts'; not part of the public API (stripped from the published typings).
   */
  valueQuery(ctx: MetricContext): string | undefined {
    const q = (s: string): string => JSON.stringify(s);
    if (this.type === 'Resource' || this.type === 'ContainerResource') {
      const container = this.container === undefined ? 'container!=""' : `container=${q(this.container)}`;
      const sel = `namespace=${q(ctx.namespace)},pod=~${q(ctx.podRegex)},${container}`;
      const usage =
        this.name === 'cpu'
          ? `rate(container_cpu_usage_seconds_total{${sel}}[5m])`
          : this.name === 'memory'
            ? `container_memory_working_set_bytes{${sel}}`
            : undefined;
      if (!usage) return undefined;
      if (this.targetType === 'Utilization') {
        return `100 * sum(${usage}) / sum(kube_pod_container_resource_requests{${sel},resource=${q(this.name)}})`;
      }
      return `avg(sum by (pod) (${usage}))`;
    }
    const filled = this.adapterQuery(ctx);
    if (filled === undefined) return undefined;
    if (this.type === 'Pods') return `avg(${filled})`;
    const replicas = `max(kube_horizontalpodautoscaler_status_current_replicas{namespace=${q(ctx.namespace)},horizontalpodautoscaler=${q(ctx.hpaName)}})`;
    return this.targetType === 'AverageValue' ? `${sumQuery(filled)} / ${replicas}` : sumQuery(filled);
  }

  /**
   * The adapter rule's metricsQuery filled in as prometheus-adapter fills it for this HPA's request: per pod
   * for pods metrics (grouped by the pod label), for the described object, or for the namespace (external).
   * Undefined unless the source is `MetricSource.prometheus`.
   * @internal the HPA's and KEDA's; not part of the public API (stripped from the published typings).
   */
  adapterQuery(ctx: MetricContext): string | undefined {
    const rule = this.adapterRule();
    const src = this.source?.prometheus;
    if (!rule || !src) return undefined;
    const q = (s: string): string => JSON.stringify(s);
    const selector = Object.keys(this.selector ?? {})
      .sort()
      .map((k) => `${k}=${q((this.selector as Record<string, string>)[k])}`);
    const ns = src.namespaceLabel ?? 'namespace';
    if (this.type === 'External') {
      const matchers = [...selector, ...((src.namespaced ?? true) ? [`${ns}=${q(ctx.namespace)}`] : [])].join(',');
      return rule.render({ Series: src.series, LabelMatchers: matchers, GroupBy: '' });
    }
    const label = this.objectLabel(src);
    const object =
      this.type === 'Pods'
        ? `${label}=~${q(ctx.podRegex)}`
        : `${label}=${q((this.describedObject as ScaleTargetRef).name)}`;
    return rule.render({
      Series: src.series,
      LabelMatchers: [...selector, `${ns}=${q(ctx.namespace)}`, object].join(','),
      GroupBy: label,
    });
  }

  /** Problems with the metric itself (not its target), as fields under `field`. */
  check(where: string, field: string): Problem[] {
    const found = new ProblemList(where, field, '.');
    if (typeof this.name !== 'string' || this.name.trim() === '' || /[/%\s]/.test(this.name)) {
      found.add(
        'name',
        this.name,
        'a metric name must be non-empty, without "/", "%" or spaces',
        this.isCustom ? 'e.g. "rlm_active_agents"' : 'e.g. "cpu" or "memory"',
      );
    }
    if (
      this.type === 'ContainerResource' &&
      (typeof this.container !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(this.container))
    ) {
      found.add(
        'container',
        this.container,
        'not a container name (a DNS-1123 label)',
        "name a container of the workload's pods",
      );
    }
    if (this.type === 'Object') found.addAll(checkObjectRef(this.describedObject, where, `${field}.describedObject`));
    for (const [k, v] of Object.entries(this.selector ?? {})) {
      if (!isValidLabelName(k))
        found.add(
          `selector.${k}`,
          k,
          'not a label name Prometheus and the adapter can match on',
          'use letters, digits and "_"',
        );
      if (typeof v !== 'string') found.add(`selector.${k}`, v, 'a selector value must be a string', 'quote it');
    }
    const src = this.source;
    if (src?.kind === 'provided' && (typeof src.provider !== 'string' || src.provider.trim() === '')) {
      found.add('source', src.provider, 'name what provides the metric', 'e.g. MetricSource.providedBy("keda")');
    }
    if (src?.kind === 'prometheus' && this.isCustom)
      found.addAll(checkPrometheusSource(src.prometheus as PrometheusMetricSourceProps, where, `${field}.source`));
    return found.problems;
  }

  private objectLabel(src: PrometheusMetricSourceProps): string {
    if (src.objectLabel) return src.objectLabel;
    return this.type === 'Pods' ? 'pod' : (this.describedObject?.kind ?? 'object').toLowerCase();
  }
}

/** One entry of `spec.metrics`: a ScalingMetric and its target value. Immutable. */
export class HpaMetric {
  /** CPU at `utilization` percent of requests. */
  static cpuUtilization(utilization: number): HpaMetric {
    return ScalingMetric.cpu().target(utilization);
  }

  /** Memory at `utilization` percent of requests. */
  static memoryUtilization(utilization: number): HpaMetric {
    return ScalingMetric.memory().target(utilization);
  }

  constructor(
    /** What is measured. */
    readonly metric: ScalingMetric,
    /** The target: a whole percentage for Utilization, a quantity (`"10"`, `"500m"`) otherwise. */
    readonly value: QuantityInput,
  ) {}

  /** Problems with the metric and its target, as fields under `field` (e.g. `metrics[1]`). */
  check(where: string, field: string): Problem[] {
    const problems = this.metric.check(where, field);
    const m = this.metric;
    const target = `${field}.target`;
    if (m.targetType === 'Utilization') {
      if (
        typeof this.value !== 'number' ||
        !Number.isInteger(this.value) ||
        this.value <= 0 ||
        this.value > 2 ** 31 - 1
      ) {
        problems.push({
          where,
          field: `${target}.averageUtilization`,
          value: this.value,
          message: 'a utilization target must be a whole percentage greater than 0',
          fix: 'e.g. 70 for 70% of requests (above 100 is allowed: requests below usage)',
        });
      }
    } else {
      const key = m.targetType === 'Value' ? 'value' : 'averageValue';
      const v = quantityValue(this.value);
      if (v === undefined || (typeof this.value === 'string' && !isQuantity(this.value))) {
        problems.push({
          where,
          field: `${target}.${key}`,
          value: this.value,
          message: 'not a Kubernetes quantity',
          fix: 'write a number or a quantity string such as "10", "500m", "2Gi"',
        });
      } else if (v <= 0) {
        problems.push({
          where,
          field: `${target}.${key}`,
          value: this.value,
          message: 'the target must be greater than 0',
          fix: 'a target of 0 or less would scale to maxReplicas at the first sample',
        });
      }
    }
    return problems;
  }

  /** The entry as the generated k8s type. */
  toManifest(): IMetricSpec {
    const m = this.metric;
    const target: IMetricTarget =
      m.targetType === 'Utilization'
        ? { type: 'Utilization', averageUtilization: this.value as number }
        : m.targetType === 'AverageValue'
          ? { type: 'AverageValue', averageValue: quantityString(this.value) }
          : { type: 'Value', value: quantityString(this.value) };
    const identifier: IMetricIdentifier = {
      name: m.name,
      selector: m.selector ? { matchLabels: sortedCopy(m.selector) } : undefined,
    };
    switch (m.type) {
      case 'Resource':
        return { type: 'Resource', resource: { name: m.name, target } };
      case 'ContainerResource':
        return {
          type: 'ContainerResource',
          containerResource: { name: m.name, container: m.container as string, target },
        };
      case 'Pods':
        return { type: 'Pods', pods: { metric: identifier, target } };
      case 'Object':
        return {
          type: 'Object',
          object: { describedObject: plainObjectRef(m.describedObject as ScaleTargetRef), metric: identifier, target },
        };
      case 'External':
        return { type: 'External', external: { metric: identifier, target } };
    }
  }
}

/** The sum of a query's series (the HPA adds up what an object or external query returns), as one series. */
export function sumQuery(query: string): string {
  const ast = analyzePromQL(query).ast;
  const single =
    ast?.kind === 'aggregate' &&
    !ast.without &&
    ast.grouping.length === 0 &&
    !['topk', 'bottomk', 'limitk', 'limit_ratio', 'count_values'].includes(ast.op);
  return single ? query : `sum(${query})`;
}

/** The group-resource an object's label maps to in an adapter rule: `apps/v1 Deployment` -> `apps` `deployment`. */
export function groupResourceOf(ref: ScaleTargetRef): GroupResource {
  const slash = ref.apiVersion.indexOf('/');
  const resource = ref.kind.toLowerCase();
  return slash === -1 ? { resource } : { group: ref.apiVersion.slice(0, slash), resource };
}

function checkPrometheusSource(src: PrometheusMetricSourceProps, where: string, field: string): Problem[] {
  const found = new ProblemList(where, field, '.');
  if (typeof src.series !== 'string' || !isValidMetricName(src.series))
    found.add(
      'series',
      src.series,
      'not a Prometheus metric name',
      'name the series, e.g. "rlm_active_agents"; put computation in metricsQuery',
    );
  if (src.aggregation !== undefined && !AGGREGATIONS.includes(src.aggregation))
    found.add('aggregation', src.aggregation, 'unknown aggregation', `use one of ${AGGREGATIONS.join(', ')}`);
  for (const key of ['namespaceLabel', 'objectLabel'] as const) {
    const v = src[key];
    if (v !== undefined && !isValidLabelName(v))
      found.add(key, v, 'not a Prometheus label name', 'use letters, digits and "_"');
  }
  if (src.metricsQuery !== undefined && (src.rate !== undefined || src.aggregation !== undefined)) {
    found.add(
      'metricsQuery',
      src.metricsQuery,
      'metricsQuery replaces aggregation and rate, which would be ignored',
      'drop aggregation and rate, or drop metricsQuery',
    );
  }
  return found.problems;
}
