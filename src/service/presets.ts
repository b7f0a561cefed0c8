/**
 * Presets: documented bundles of thresholds, alerts and panels for the components the seed systems run, added
 * to a service with `addPreset`. Every level can be overridden; each default names where it comes from.
 * Alert names are suffixes: the service prefixes them with its name in PascalCase (`HttpErrorRatio` →
 * `CheckoutHttpErrorRatio`).
 */
import { Panels, type PanelSpec, selectorOf, workloadPods } from '../dashboards';
import type { ThresholdLevels } from '../thresholds';
import type { ServicePreset } from './declarations';

/** Levels a preset's user may override, by the preset's name for them. */
export type PresetLevels<K extends string> = { readonly [P in K]?: ThresholdLevels };

/** An HTTP API: request rate, error ratio and P99 duration from the Prometheus client libraries' conventions. */
export interface HttpApiPresetProps {
  /** Matchers selecting the service's series, e.g. `job="checkout"`. */
  readonly selector: string;
  /** The request counter. @default 'http_requests_total' */
  readonly requests?: string;
  /** The matcher of failed requests on the counter. @default 'code=~"5.."' */
  readonly errors?: string;
  /** The request-duration histogram (seconds), without `_bucket`. @default 'http_request_duration_seconds' */
  readonly duration?: string;
  /**
   * Levels. Defaults from the RLM Hypervisor runbook: `errorRatio` warning 1% (RLMElevatedErrorRate), critical
   * 5% (RLMHighErrorRate); `latencyP99` warning 200 ms, critical 500 ms (its Key Metrics table, P99 response time).
   */
  readonly levels?: PresetLevels<'errorRatio' | 'latencyP99'>;
}

/** A queue consumer: backlog, throughput and processing time. */
export interface QueueConsumerPresetProps {
  /** PromQL of the backlog (messages or tasks waiting), e.g. `rlm_queue_depth` or a Kafka consumer-group lag. */
  readonly backlog: string;
  /** The counter of processed messages (its rate is the throughput panel). */
  readonly processed: string;
  /** The processing-time histogram (seconds), without `_bucket`. @default none: no processing-time alert */
  readonly processingTime?: string;
  /**
   * Levels. Defaults from the RLM Hypervisor runbook's Key Metrics table: `backlog` warning 500, critical 1000
   * pending tasks; `processingTimeP95` warning 30 s, critical 60 s (the runbook's task-timeout guidance).
   */
  readonly levels?: PresetLevels<'backlog' | 'processingTimeP95'>;
}

/** A Kubernetes workload, from kube-state-metrics and cAdvisor series. */
export interface KubernetesWorkloadPresetProps {
  /** The workload's namespace. */
  readonly namespace: string;
  /** The Deployment's name; its pods are matched as `<name>-<replicaset hash>-<suffix>`. */
  readonly deployment: string;
  /**
   * Levels. Defaults from the kubernetes-mixin's alerts: `cpuThrottling` info at 25% of CFS periods throttled
   * for 15m (CPUThrottlingHigh); `unavailableReplicas` warning above 0 for 15m (KubeDeploymentReplicasMismatch);
   * `restarts` warning above 3 restarts in an hour (watchkeeper's: the mixin alerts on CrashLoopBackOff, which
   * this preset also does).
   */
  readonly levels?: PresetLevels<'cpuThrottling' | 'unavailableReplicas' | 'restarts'>;
}

/** A connection pool (database, HTTP client). */
export interface ConnectionPoolPresetProps {
  /** PromQL of the connections in use. */
  readonly inUse: string;
  /** PromQL of the pool's size. */
  readonly size: string;
  /** What the pool connects to, in words: `PostgreSQL`. */
  readonly target: string;
  /**
   * Levels in percent of the pool. Defaults from the RLM Hypervisor runbook's resource-utilization levels
   * (warning 80%, critical 95%); at 100% requests wait (its RLMDatabaseConnectionFail fires at 0 available).
   */
  readonly levels?: PresetLevels<'utilization'>;
}

/** TLS certificate expiry, from the blackbox exporter or cert-manager. */
export interface TlsCertificatePresetProps {
  /**
   * The expiry-timestamp series with its matchers.
   * @default 'probe_ssl_earliest_cert_expiry' (blackbox exporter); cert-manager's is `certmanager_certificate_expiration_timestamp_seconds`
   */
  readonly expiry?: string;
  /**
   * Levels in days left. Defaults: warning below 21 days, critical below 7. cert-manager renews a 90-day
   * certificate 30 days before expiry (its default renewBefore, a third of the duration), so 21 days left
   * means renewal has failed for 9 days.
   */
  readonly levels?: PresetLevels<'daysLeft'>;
}

/** An LLM API client: calls, provider errors, tokens and cost. */
export interface LlmApiPresetProps {
  /** The call counter. @default 'llm_api_calls_total' (OctoLLM's playbook) */
  readonly calls?: string;
  /** The matcher of failed calls. @default 'status="error"' (OctoLLM's playbook) */
  readonly errors?: string;
  /** Labels to split by. @default ['provider', 'model'] */
  readonly by?: readonly string[];
  /** The token counter (panel). @default none */
  readonly tokens?: string;
  /** The cost counter in USD (panel, and the daily-cost alert when `dailyCost` levels are given). @default none */
  readonly cost?: string;
  /**
   * Levels. `errorRatio` default warning 10% (OctoLLM's HighLLMAPIErrorRate, LLM API Failures playbook);
   * `dailyCost` in USD per 24 h, default none (budgets are the team's).
   */
  readonly levels?: PresetLevels<'errorRatio' | 'dailyCost'>;
}

const DAY = 86_400;

/** The presets: static factories, one per component kind. */
export const Presets = {
  /** Request rate and duration distribution (panels), error ratio and P99 duration (threshold metrics) of an HTTP API. */
  httpApi(props: HttpApiPresetProps): ServicePreset {
    const requests = props.requests ?? 'http_requests_total';
    const duration = props.duration ?? 'http_request_duration_seconds';
    return {
      title: 'HTTP API',
      thresholds: [
        {
          alert: 'HttpErrorRatio',
          description: 'Share of HTTP requests failing',
          unit: 'ratio',
          direction: 'above',
          metric: `sum(rate(${requests}${selectorOf(props.selector, props.errors ?? 'code=~"5.."')}[5m])) / sum(rate(${requests}${selectorOf(props.selector)}[5m]))`,
          thresholds: props.levels?.errorRatio ?? { warning: 0.01, critical: 0.05 },
        },
        {
          alert: 'HttpLatencyP99',
          description: 'P99 HTTP request duration',
          unit: 's',
          direction: 'above',
          metric: `histogram_quantile(0.99, sum by (le) (rate(${duration}_bucket${selectorOf(props.selector)}[5m])))`,
          thresholds: props.levels?.latencyP99 ?? { warning: 0.2, critical: 0.5 },
        },
      ],
      panels: [
        {
          kind: 'timeseries',
          title: 'HTTP requests per second',
          unit: 'reqps',
          queries: [{ expr: `sum(rate(${requests}${selectorOf(props.selector)}[5m]))`, legend: 'requests' }],
        },
        Panels.httpRequests({ histogram: duration, selector: props.selector, title: 'HTTP requests' })[1],
      ],
    };
  },

  /** Backlog and P95 processing time (threshold metrics), throughput (panel) of a queue consumer. */
  queueConsumer(props: QueueConsumerPresetProps): ServicePreset {
    return {
      title: 'Queue consumer',
      thresholds: [
        {
          alert: 'QueueBacklog',
          description: 'Messages waiting',
          unit: 'count',
          direction: 'above',
          metric: `sum(${props.backlog})`,
          thresholds: props.levels?.backlog ?? { warning: 500, critical: 1000 },
        },
        ...(props.processingTime !== undefined
          ? [
              {
                alert: 'QueueProcessingTimeP95',
                description: 'P95 processing time',
                unit: 's' as const,
                direction: 'above' as const,
                metric: `histogram_quantile(0.95, sum by (le) (rate(${props.processingTime}_bucket[5m])))`,
                thresholds: props.levels?.processingTimeP95 ?? { warning: 30, critical: 60 },
              },
            ]
          : []),
      ],
      panels: [
        {
          kind: 'timeseries',
          title: 'Messages processed per second',
          unit: 'ops',
          queries: [{ expr: `sum(rate(${props.processed}[5m]))`, legend: 'processed' }],
        },
      ],
    };
  },

  /**
   * Restarts, CPU throttling and unavailable replicas (threshold metrics), crash loops and OOM kills (alerts);
   * the workload's replicas, CPU, memory, restarts and crash loops (Panels.kubernetesWorkload).
   */
  kubernetesWorkload(props: KubernetesWorkloadPresetProps): ServicePreset {
    const ns = `namespace="${props.namespace}"`;
    const podRegex = `pod=~"${workloadPods('deployment', props.deployment)}"`;
    const pods = selectorOf(ns, podRegex);
    return {
      title: `Kubernetes: ${props.deployment}`,
      thresholds: [
        {
          alert: 'PodRestarts',
          description: 'Container restarts in the last hour',
          unit: 'count',
          direction: 'above',
          metric: `sum(increase(kube_pod_container_status_restarts_total${pods}[1h]))`,
          thresholds: props.levels?.restarts ?? { warning: 3 },
        },
        {
          alert: 'CpuThrottling',
          description: 'Share of CPU periods throttled',
          unit: 'percent',
          direction: 'above',
          for: '15m',
          metric: `100 * sum(increase(container_cpu_cfs_throttled_periods_total${selectorOf(ns, podRegex, 'container!=""')}[5m])) / sum(increase(container_cpu_cfs_periods_total${selectorOf(ns, podRegex, 'container!=""')}[5m]))`,
          thresholds: props.levels?.cpuThrottling ?? { info: 25 },
        },
        {
          alert: 'UnavailableReplicas',
          description: 'Replicas unavailable',
          unit: 'count',
          direction: 'above',
          for: '15m',
          metric: `sum(kube_deployment_status_replicas_unavailable${selectorOf(ns, `deployment="${props.deployment}"`)})`,
          thresholds: props.levels?.unavailableReplicas ?? { warning: 0 },
        },
      ],
      alerts: [
        {
          alert: 'PodCrashLooping',
          for: '15m',
          labels: { severity: 'warning' },
          expr: `max by (pod, container) (max_over_time(kube_pod_container_status_waiting_reason${selectorOf(ns, podRegex, 'reason="CrashLoopBackOff"')}[5m])) >= 1`,
          annotations: {
            summary: `A container of ${props.deployment} is in CrashLoopBackOff`,
            description:
              'Pod {{ $labels.pod }} container {{ $labels.container }} has been restarting in a loop for 15 minutes.',
          },
        },
        {
          alert: 'ContainerOomKilled',
          labels: { severity: 'warning' },
          expr: `(sum by (pod, container) (increase(kube_pod_container_status_restarts_total${pods}[10m])) > 0) and on (pod, container) (max by (pod, container) (kube_pod_container_status_last_terminated_reason${selectorOf(ns, podRegex, 'reason="OOMKilled"')}) == 1)`,
          annotations: {
            summary: `A container of ${props.deployment} was OOMKilled`,
            description:
              'Pod {{ $labels.pod }} container {{ $labels.container }} restarted after running out of memory.',
          },
        },
      ],
      panels: Panels.kubernetesWorkload({ namespace: props.namespace, deployment: props.deployment }),
    };
  },

  /** Utilization of a connection pool (threshold metric). */
  connectionPool(props: ConnectionPoolPresetProps): ServicePreset {
    return {
      title: `Connection pool: ${props.target}`,
      thresholds: [
        {
          alert: `${props.target.replace(/[^A-Za-z0-9]+/g, '')}PoolUtilization`,
          description: `${props.target} connection pool in use`,
          unit: 'percent',
          direction: 'above',
          metric: `100 * sum(${props.inUse}) / sum(${props.size})`,
          thresholds: props.levels?.utilization ?? { warning: 80, critical: 95 },
        },
      ],
    };
  },

  /** Time left before the earliest TLS certificate expires (threshold metric, in seconds). */
  tlsCertificate(props: TlsCertificatePresetProps = {}): ServicePreset {
    const days = props.levels?.daysLeft ?? { warning: 21, critical: 7 };
    return {
      title: 'TLS certificates',
      thresholds: [
        {
          alert: 'TlsCertificateExpiry',
          description: 'Time left before the earliest certificate expires',
          unit: 's',
          direction: 'below',
          metric: `min(${props.expiry ?? 'probe_ssl_earliest_cert_expiry'}) - time()`,
          thresholds: Object.fromEntries(Object.entries(days).map(([severity, d]) => [severity, (d as number) * DAY])),
        },
      ],
    };
  },

  /** Provider error ratio (threshold metric), daily cost (when levelled), calls, tokens and cost (panels). */
  llmApi(props: LlmApiPresetProps = {}): ServicePreset {
    const calls = props.calls ?? 'llm_api_calls_total';
    const by = (props.by ?? ['provider', 'model']).join(', ');
    const panels: PanelSpec[] = [
      {
        kind: 'timeseries',
        title: 'LLM API calls per second',
        unit: 'reqps',
        queries: [
          {
            expr: `sum by (${by}) (rate(${calls}[5m]))`,
            legend: (props.by ?? ['provider', 'model']).map((l) => `{{${l}}}`).join(' '),
          },
        ],
      },
    ];
    if (props.tokens !== undefined)
      panels.push({
        kind: 'timeseries',
        title: 'LLM tokens per second',
        unit: 'short',
        queries: [
          {
            expr: `sum by (${by}) (rate(${props.tokens}[5m]))`,
            legend: (props.by ?? ['provider', 'model']).map((l) => `{{${l}}}`).join(' '),
          },
        ],
      });
    if (props.cost !== undefined)
      panels.push({
        kind: 'stat',
        title: 'LLM cost, last 24 h',
        unit: 'currencyUSD',
        queries: [{ expr: `sum(increase(${props.cost}[24h]))`, legend: 'USD' }],
      });
    return {
      title: 'LLM API',
      thresholds: [
        {
          alert: 'LlmApiErrorRatio',
          description: 'Share of LLM API calls failing',
          unit: 'ratio',
          direction: 'above',
          metric: `sum by (${by}) (rate(${calls}${selectorOf(props.errors ?? 'status="error"')}[5m])) / sum by (${by}) (rate(${calls}[5m]))`,
          thresholds: props.levels?.errorRatio ?? { warning: 0.1 },
        },
        ...(props.cost !== undefined && props.levels?.dailyCost !== undefined
          ? [
              {
                alert: 'LlmDailyCost',
                description: 'LLM spend over the last 24 h',
                unit: 'usd' as const,
                direction: 'above' as const,
                metric: `sum(increase(${props.cost}[24h]))`,
                thresholds: props.levels.dailyCost,
              },
            ]
          : []),
      ],
      panels,
    };
  },
};
