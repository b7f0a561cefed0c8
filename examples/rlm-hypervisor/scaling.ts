/**
 * RLM Hypervisor autoscaling: the monitoring runbook's "Auto-Scaling Configuration" (hpa.yaml) and "Capacity
 * Thresholds" table (seed 002_ded32a8254555b95.txt), as HPAs, the prometheus-adapter rules that feed their
 * custom metrics, and capacity alerts. Every number of the table and of hpa.yaml is written once, here.
 *
 * | Resource      | Scale Up        | Scale Down     | Max |
 * | API Pods      | CPU > 70%       | CPU < 30%      | 50  |
 * | OOLONG Pods   | Queue > 100     | Queue < 10     | 100 |
 * | Quota Manager | Latency > 100ms | Latency < 20ms | 10  |
 */
import { Chart } from 'cdk8s';
import {
  CapacityThreshold,
  MetricSource,
  PrometheusAdapterConfig,
  PrometheusRule,
  RuleGroup,
  ScalingMetric,
  deployment,
} from '../../src';
import { RLM, runbook } from './common';

/** Options of addRlmScaling. */
export interface RlmScalingOptions {
  /** An adapter config to add the rules to (one per cluster). @default a new one, `prometheus-adapter` in `monitoring` */
  readonly adapter?: PrometheusAdapterConfig;
}

/** What addRlmScaling created. */
export interface RlmScaling {
  readonly adapter: PrometheusAdapterConfig;
  readonly capacityRules: PrometheusRule;
  readonly api: CapacityThreshold;
  readonly oolong: CapacityThreshold;
  readonly quotaManager: CapacityThreshold;
}

/** Adds the RLM HPAs, capacity alerts and prometheus-adapter config to `chart`. */
export function addRlmScaling(chart: Chart, options: RlmScalingOptions = {}): RlmScaling {
  // prometheus-adapter runs beside Prometheus; with the prometheus-community chart set rules.existing to this name.
  const adapter =
    options.adapter ??
    new PrometheusAdapterConfig(chart, 'prometheus-adapter', { name: 'prometheus-adapter', namespace: 'monitoring' });
  const group = new RuleGroup('rlm-capacity');
  const capacityRules = new PrometheusRule(chart, 'capacity', {
    namespace: RLM.namespace,
    labels: { release: 'kube-prometheus-stack' },
    groups: [group],
  });
  const common = {
    namespace: RLM.namespace,
    adapter,
    ruleGroup: group,
    labels: { service: RLM.service, team: RLM.team },
    runbookUrl: runbook('capacity-thresholds'),
  };

  // API Pods: hpa.yaml field for field. The table's CPU > 70% is the CPU target, its max 50 the maxReplicas;
  // hpa.yaml adds minReplicas 5, the per-pod agents target and the behavior.
  const api = new CapacityThreshold(chart, 'rlm-api', {
    ...common,
    displayName: 'API Pods',
    name: 'rlm-api-hpa',
    scaleTargetRef: deployment('rlm-api'),
    metric: ScalingMetric.cpu(),
    scaleUp: 70,
    scaleDown: 30,
    maxReplicas: 50,
    minReplicas: 5,
    behavior: {
      scaleUp: { stabilizationWindowSeconds: 60, policies: [{ type: 'Percent', value: 100, periodSeconds: 60 }] },
      scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Percent', value: 10, periodSeconds: 60 }] },
    },
  });
  api.hpa.addMetric(
    ScalingMetric.pods('rlm_active_agents', {
      source: MetricSource.prometheus({ series: 'rlm_active_agents' }),
    }).target('10'),
  );

  // OOLONG Pods: queue depth is not a pod's metric but the backlog's, so an external metric. Target type Value:
  // the HPA sizes the pool so the whole queue sits at 100 (Key Metrics: target 100, warning 500). AverageValue
  // would mean 100 per pod, reaching the 100-pod max only at 10,000 pending tasks, ten times the critical level.
  const oolong = new CapacityThreshold(chart, 'rlm-oolong', {
    ...common,
    displayName: 'OOLONG Pods',
    name: 'rlm-oolong-hpa',
    scaleTargetRef: deployment('rlm-oolong'),
    metric: ScalingMetric.external('rlm_queue_depth', {
      targetType: 'Value',
      source: MetricSource.prometheus({ series: 'rlm_queue_depth' }),
    }),
    description: 'Queue depth',
    scaleUp: 100,
    scaleDown: 10,
    maxReplicas: 100,
  });

  // Quota Manager: P99 latency in ms per pod (rlm_api_latency_p99, the Key Metrics' P99 gauge, read from the
  // quota manager's pods); a pod's several series (endpoints) are combined with max, not summed. The runbooks
  // never name its Deployment: rlm-quota-manager follows the rlm-<component> names they do use.
  const quotaManager = new CapacityThreshold(chart, 'rlm-quota-manager', {
    ...common,
    displayName: 'Quota Manager',
    name: 'rlm-quota-manager-hpa',
    scaleTargetRef: deployment('rlm-quota-manager'),
    metric: ScalingMetric.pods('rlm_api_latency_p99', {
      source: MetricSource.prometheus({ series: 'rlm_api_latency_p99', aggregation: 'max' }),
    }),
    description: 'P99 latency',
    unit: 'ms',
    scaleUp: 100,
    scaleDown: 20,
    maxReplicas: 10,
  });

  return { adapter, capacityRules, api, oolong, quotaManager };
}
