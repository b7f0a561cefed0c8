/**
 * OctoLLM: the alerts of its troubleshooting playbooks (seed 001_58d29907804e4423.txt), as one cdk8s chart.
 *
 * Exports OctoLlmChart (the chart), octoLlmAlertGroups (the rule groups, to compose elsewhere) and OCTOLLM
 * (names and the playbooks' URL).
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule } from '../../src';
import { octoLlmAlertGroups } from './alerts';
import { OCTOLLM } from './common';
import { addOctoLlmScaling } from './scaling';
import { addOctoLlmSlos } from './slos';
import { addOctoLlmDashboards } from './dashboards';

export { octoLlmAlertGroups } from './alerts';
export type { OctoLlmAlertsProps } from './alerts';
export { OCTOLLM, ESCALATION, runbookUrl } from './common';
export type { EscalationLevel } from './common';

export { addOctoLlmDashboards, PLAYBOOK_ANCHORS } from './dashboards';
export type { OctoLlmDashboards, OctoLlmDashboardsProps, OctoLlmPlaybook } from './dashboards';
/** Settings of the OctoLLM chart. */
export interface OctoLlmChartProps {
  /** The namespace of the services and of the PrometheusRule. @default 'octollm' */
  readonly namespace?: string;
  /** Where alerts' runbook links point: `<runbookBase>#<section>`. @default OCTOLLM.runbookBase (the repository's playbooks) */
  readonly runbookBase?: string;
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** OctoLLM's monitoring: one PrometheusRule (`octollm-alerts`) holding the playbooks' alerts. */
export class OctoLlmChart extends Chart {
  /** The PrometheusRule of the alerts; add groups to it to extend them. */
  readonly alerts: PrometheusRule;

  constructor(scope: Construct, id = 'octollm', props: OctoLlmChartProps = {}) {
    const namespace = props.namespace ?? OCTOLLM.namespace;
    super(scope, id, { namespace });
    this.alerts = new PrometheusRule(this, 'alerts', {
      namespace,
      labels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
      groups: octoLlmAlertGroups({ namespace, runbookBase: props.runbookBase }),
    });
    addOctoLlmScaling(this);
    addOctoLlmSlos(this, { namespace, runbookBase: props.runbookBase });
    addOctoLlmDashboards(this, { namespace, runbookBase: props.runbookBase });
  }
}
