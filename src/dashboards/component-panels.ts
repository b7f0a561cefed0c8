/**
 * Panels: what an SRE looks at for a common component while diagnosing, without alerts (a preset or an area adds
 * the alerts). Static factories over the exporters' standard series names (kube-state-metrics, cAdvisor,
 * postgres_exporter, redis_exporter, Prometheus's own metrics, the client libraries' request histograms); each
 * returns panels to put on a dashboard row, e.g. `service.addArea('Database', { panels: Panels.postgres({ selector }) })`.
 */
import type { PanelSpec } from './panel';

/** A Kubernetes workload: a Deployment or a DaemonSet, by namespace and name. */
export interface WorkloadPanelsProps {
  /** The workload's namespace. */
  readonly namespace: string;
  /** The Deployment's name (its pods: `<name>-<hash>-<suffix>`). Give this or `daemonset`. */
  readonly deployment?: string;
  /** The DaemonSet's name (its pods: `<name>-<suffix>`). Give this or `deployment`. */
  readonly daemonset?: string;
}

/** Series of one exporter or application, chosen by matchers. */
export interface SelectorPanelsProps {
  /** Matchers selecting the component's series, e.g. `namespace="shop"`. @default none: every series */
  readonly selector?: string;
}

/** HTTP requests from a request-duration histogram (prometheus_flask_exporter, the client libraries). */
export interface RequestPanelsProps extends SelectorPanelsProps {
  /** The histogram's name without `_bucket`, in seconds, e.g. `http_request_duration_seconds`. */
  readonly histogram: string;
  /** The label the request rate is split by. @default 'status' */
  readonly by?: string;
  /** What the requests are, for titles. @default 'Requests' */
  readonly title?: string;
}

/** `{a, b}` of the non-empty matchers; '' when there are none. */
export function selectorOf(...matchers: Array<string | undefined>): string {
  const given = matchers.filter((m) => m !== undefined && m !== '');
  return given.length > 0 ? `{${given.join(', ')}}` : '';
}

/**
 * The `pod` regex of a workload's pods: a Deployment's are `<name>-<replicaset hash>-<suffix>`, a DaemonSet's
 * `<name>-<suffix>`, so `checkout` does not also take the pods of a `checkout-worker` Deployment (Prometheus
 * anchors the regex).
 */
export function workloadPods(kind: 'deployment' | 'daemonset', name: string): string {
  const escaped = name.replace(/[.]/g, '\\\\.');
  return kind === 'deployment' ? `${escaped}-[a-z0-9]+-[a-z0-9]+` : `${escaped}-[a-z0-9]+`;
}

/** A panel of `[expr, legend]` queries. */
function panel(kind: PanelSpec['kind'], title: string, unit: string, ...queries: Array<[string, string]>): PanelSpec {
  return { kind, title, unit, queries: queries.map(([expr, legend]) => ({ expr, legend })) } as PanelSpec;
}

/** The panels: static factories, one per component kind. */
export const Panels = {
  /**
   * A workload's replicas (a Deployment's available replicas, a DaemonSet's ready pods against desired), its
   * pods' CPU in cores and working-set memory (cAdvisor), restarts in the last hour and containers in
   * CrashLoopBackOff (kube-state-metrics).
   * @throws Error unless exactly one of `deployment` and `daemonset` is given
   */
  kubernetesWorkload(props: WorkloadPanelsProps): PanelSpec[] {
    const name = props.deployment ?? props.daemonset;
    if (name === undefined || (props.deployment !== undefined && props.daemonset !== undefined))
      throw new Error(`Panels.kubernetesWorkload: give deployment or daemonset, not ${name ? 'both' : 'neither'}`);
    const ns = `namespace="${props.namespace}"`;
    const podRegex = `pod=~"${workloadPods(props.deployment !== undefined ? 'deployment' : 'daemonset', name)}"`;
    const pods = selectorOf(ns, podRegex);
    const containers = selectorOf(ns, podRegex, 'container!=""');
    const replicas =
      props.deployment !== undefined
        ? panel('stat', `${name} replicas available`, 'short', [
            `sum(kube_deployment_status_replicas_available${selectorOf(ns, `deployment="${name}"`)})`,
            'available',
          ])
        : panel(
            'timeseries',
            `${name} pods ready`,
            'short',
            [`sum(kube_daemonset_status_number_ready${selectorOf(ns, `daemonset="${name}"`)})`, 'ready'],
            [`sum(kube_daemonset_status_desired_number_scheduled${selectorOf(ns, `daemonset="${name}"`)})`, 'desired'],
          );
    return [
      replicas,
      panel('timeseries', `${name} CPU by pod (cores)`, 'short', [
        `sum by (pod) (rate(container_cpu_usage_seconds_total${containers}[$__rate_interval]))`,
        '{{pod}}',
      ]),
      panel('timeseries', `${name} working set memory by pod`, 'bytes', [
        `sum by (pod) (container_memory_working_set_bytes${containers})`,
        '{{pod}}',
      ]),
      panel('timeseries', `${name} restarts (1h)`, 'short', [
        `sum by (pod) (increase(kube_pod_container_status_restarts_total${pods}[1h]))`,
        '{{pod}}',
      ]),
      panel('timeseries', `${name} containers in CrashLoopBackOff`, 'short', [
        `sum by (pod, container) (kube_pod_container_status_waiting_reason${selectorOf(ns, podRegex, 'reason="CrashLoopBackOff"')})`,
        '{{pod}}/{{container}}',
      ]),
    ];
  },

  /**
   * The cluster under the workloads: nodes Ready, pods Pending (in `namespace` when given), and the share of
   * each node's allocatable CPU and memory that pods request (kube-state-metrics).
   */
  kubernetesCluster(props: { readonly namespace?: string } = {}): PanelSpec[] {
    const ns = props.namespace !== undefined ? `namespace="${props.namespace}"` : undefined;
    const allocated = (resource: string): [string, string] => [
      `sum by (node) (kube_pod_container_resource_requests{resource="${resource}"}) / sum by (node) (kube_node_status_allocatable{resource="${resource}"})`,
      '{{node}}',
    ];
    return [
      panel('stat', 'Nodes Ready', 'short', [
        'sum(kube_node_status_condition{condition="Ready", status="true"})',
        'ready',
      ]),
      panel('stat', 'Pods Pending', 'short', [
        `sum(kube_pod_status_phase${selectorOf(ns, 'phase="Pending"')})`,
        'pending',
      ]),
      panel('timeseries', 'Allocated CPU (requests / allocatable)', 'percentunit', allocated('cpu')),
      panel('timeseries', 'Allocated memory (requests / allocatable)', 'percentunit', allocated('memory')),
    ];
  },

  /** A request histogram's request rate split by `by` (status by default) and its latency distribution. */
  httpRequests(props: RequestPanelsProps): PanelSpec[] {
    const what = props.title ?? 'Requests';
    const by = props.by ?? 'status';
    return [
      panel('timeseries', `${what} per second by ${by}`, 'reqps', [
        `sum by (${by}) (rate(${props.histogram}_count${selectorOf(props.selector)}[$__rate_interval]))`,
        `{{${by}}}`,
      ]),
      panel('heatmap', `${what}: duration distribution`, 's', [
        `sum by (le) (rate(${props.histogram}_bucket${selectorOf(props.selector)}[$__rate_interval]))`,
        '{{le}}',
      ]),
    ];
  },

  /** PostgreSQL (postgres_exporter): connections by database against max_connections, commits and rollbacks. */
  postgres(props: SelectorPanelsProps = {}): PanelSpec[] {
    const s = selectorOf(props.selector);
    return [
      panel(
        'timeseries',
        'Connections by database',
        'short',
        [`sum by (datname) (pg_stat_database_numbackends${s})`, '{{datname}}'],
        [`max(pg_settings_max_connections${s})`, 'max_connections'],
      ),
      panel(
        'timeseries',
        'Transactions per second',
        'ops',
        [`sum(rate(pg_stat_database_xact_commit${s}[$__rate_interval]))`, 'commits'],
        [`sum(rate(pg_stat_database_xact_rollback${s}[$__rate_interval]))`, 'rollbacks'],
      ),
    ];
  },

  /** Redis (redis_exporter): memory against maxmemory, connected clients, keys and evictions. */
  redis(props: SelectorPanelsProps = {}): PanelSpec[] {
    const s = selectorOf(props.selector);
    return [
      panel(
        'timeseries',
        'Redis memory',
        'bytes',
        [`sum by (instance) (redis_memory_used_bytes${s})`, 'used {{instance}}'],
        [`sum by (instance) (redis_memory_max_bytes${s})`, 'maxmemory {{instance}}'],
      ),
      panel('timeseries', 'Redis connected clients', 'short', [
        `sum by (instance) (redis_connected_clients${s})`,
        '{{instance}}',
      ]),
      panel(
        'timeseries',
        'Redis keys and evictions',
        'short',
        [`sum(redis_db_keys${s})`, 'keys'],
        [`sum(rate(redis_evicted_keys_total${s}[$__rate_interval]))`, 'evicted per second'],
      ),
    ];
  },

  /** Prometheus itself: its scrape targets' `up` (those `selector` picks) and rule evaluation failures. */
  prometheus(props: SelectorPanelsProps = {}): PanelSpec[] {
    return [
      panel('timeseries', 'Scrape targets up', 'short', [
        `up${selectorOf(props.selector)}`,
        '{{namespace}}/{{job}} {{instance}}',
      ]),
      panel('timeseries', 'Rule evaluation failures per second', 'ops', [
        'sum by (rule_group) (rate(prometheus_rule_evaluation_failures_total[$__rate_interval]))',
        '{{rule_group}}',
      ]),
    ];
  },
};
