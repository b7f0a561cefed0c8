/**
 * RLM Hypervisor: the monitoring its runbooks describe, as one cdk8s chart.
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule, RuleGroup } from '../../src';
import { businessGroup, criticalGroup, warningGroup } from './alert-groups';
import { RLM } from './common';
import { addRlmDashboards } from './dashboards';
import { addRlmScaling } from './scaling';
import { rlmSloDashboard, rlmSloRules } from './slos';
import { troubleshootingGroup } from './troubleshooting-alerts';
import { businessMetrics, resourceUtilization, serviceHealth } from './key-metrics';

/** Labels kube-prometheus-stack's default ruleSelector matches. */
const ruleLabels = { release: 'kube-prometheus-stack' };

export class RlmHypervisorChart extends Chart {
  constructor(scope: Construct, id = 'rlm-hypervisor') {
    super(scope, id, { namespace: RLM.namespace });
    const rules = (name: string, ...groups: RuleGroup[]): PrometheusRule =>
      new PrometheusRule(this, name, { namespace: RLM.namespace, labels: ruleLabels, groups });

    rules('alerts-critical', criticalGroup());
    rules('alerts-warning', warningGroup());
    rules('alerts-business', businessGroup());
    rules('alerts-troubleshooting', troubleshootingGroup());
    rules(
      'key-metrics',
      new RuleGroup('rlm-service-health').add(...serviceHealth),
      new RuleGroup('rlm-resource-utilization').add(...resourceUtilization),
      new RuleGroup('rlm-business-metrics').add(...businessMetrics),
    );
    rlmSloRules(this, { namespace: RLM.namespace, labels: ruleLabels });
    addRlmDashboards(this);
    rlmSloDashboard(this);
    addRlmScaling(this);
  }
}
