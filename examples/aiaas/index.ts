/**
 * The Multi-Tenant AIaaS Platform: the alerts of its operational runbooks (seed 003_17a6ac30130628c2.txt), as
 * one cdk8s chart.
 *
 * Exports AiaasChart (the chart), aiaasAlertGroups (the rule groups, to compose elsewhere), the runbooks'
 * toggles and anchors, and AIAAS / PRIORITIES (names, the runbooks' URL, P0-P2 response times).
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule } from '../../src';
import { AiaasToggles, aiaasAlertGroups } from './alerts';
import { AIAAS } from './common';
import { addAiaasScaling } from './scaling';
import { addAiaasSlos } from './slos';
import { addAiaasDashboards } from './dashboards';

export { DEFAULT_TOGGLES, P95_LATENCY_WARNING_MS, RUNBOOK_ANCHORS, aiaasAlertGroups } from './alerts';
export type { AiaasAlertsProps, AiaasToggles } from './alerts';
export { AIAAS, PRIORITIES, runbookUrl, withPriority } from './common';
export type { AiaasSeverity, RunbookCode } from './common';

export { addAiaasDashboards, RUNBOOK_TITLES } from './dashboards';
export type { AiaasDashboards, AiaasDashboardsProps } from './dashboards';
/** Settings of the AIaaS chart. */
export interface AiaasChartProps {
  /** The namespace of the PrometheusRule. @default 'production' (the runbooks' namespace) */
  readonly namespace?: string;
  /** Where alerts' runbook links point: `<runbookBase>#<section>`. @default AIAAS.runbookBase */
  readonly runbookBase?: string;
  /** Runbook toggles in force where they differ from the defaults (levels follow them). @default the runbooks' defaults */
  readonly toggles?: Partial<AiaasToggles>;
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** The AIaaS platform's monitoring: one PrometheusRule (`aiaas-alerts`) with a group per runbook. */
export class AiaasChart extends Chart {
  /** The PrometheusRule of the alerts; add groups to it to extend them. */
  readonly alerts: PrometheusRule;

  constructor(scope: Construct, id = 'aiaas', props: AiaasChartProps = {}) {
    const namespace = props.namespace ?? AIAAS.namespace;
    super(scope, id, { namespace });
    this.alerts = new PrometheusRule(this, 'alerts', {
      namespace,
      labels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
      groups: aiaasAlertGroups({ runbookBase: props.runbookBase, toggles: props.toggles }),
    });
    addAiaasScaling(this);
    addAiaasSlos(this, { namespace, runbookBase: props.runbookBase });
    addAiaasDashboards(this, { namespace, runbookBase: props.runbookBase, toggles: props.toggles });
  }
}
