/**
 * SmartCloudOps AI: alerts for the issues of its production troubleshooting guide (seed
 * 004_78bffc72f6f6c34a.txt), as one cdk8s chart.
 *
 * Exports SmartCloudOpsChart (the chart), smartCloudOpsAlertGroups (the rule groups, to compose elsewhere),
 * ISSUE_ANCHORS, and SMARTCLOUDOPS / PRIORITIES (names, the guide's URL, P0-P3 escalation).
 */
import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { PrometheusRule } from '../../src';
import { smartCloudOpsAlertGroups } from './alerts';
import { SMARTCLOUDOPS } from './common';
import { addSmartCloudOpsScaling } from './scaling';
import { addSmartCloudOpsSlos } from './slos';
import { addSmartCloudOpsDashboards } from './dashboards';

export { ISSUE_ANCHORS, P95_LATENCY_SECONDS, smartCloudOpsAlertGroups } from './alerts';
export type { SmartCloudOpsAlertsProps } from './alerts';
export { PRIORITIES, SMARTCLOUDOPS, runbookUrl, withPriority } from './common';
export type { SmartCloudOpsArea, SmartCloudOpsSeverity } from './common';

export { addSmartCloudOpsDashboards, ISSUE_TITLES, SEVERITY_STEP_COLORS } from './dashboards';
export type { SmartCloudOpsDashboards, SmartCloudOpsDashboardsProps, SmartCloudOpsIssue } from './dashboards';
/** Settings of the SmartCloudOps chart. */
export interface SmartCloudOpsChartProps {
  /** The application's namespace. @default 'smartcloudops' */
  readonly namespace?: string;
  /**
   * The monitoring stack's namespace, where the PrometheusRule goes (beside Prometheus) and whose targets
   * are watched too. @default 'smartcloudops-monitoring'
   */
  readonly monitoringNamespace?: string;
  /** Where alerts' runbook links point: `<runbookBase>#<section>`. @default SMARTCLOUDOPS.runbookBase */
  readonly runbookBase?: string;
  /** Labels the Prometheus resource's ruleSelector matches. @default { release: 'kube-prometheus-stack' } */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** SmartCloudOps AI's monitoring: one PrometheusRule (`smartcloudops-alerts`) in the monitoring namespace. */
export class SmartCloudOpsChart extends Chart {
  /** The PrometheusRule of the alerts; add groups to it to extend them. */
  readonly alerts: PrometheusRule;

  constructor(scope: Construct, id = 'smartcloudops', props: SmartCloudOpsChartProps = {}) {
    const monitoringNamespace = props.monitoringNamespace ?? SMARTCLOUDOPS.monitoringNamespace;
    super(scope, id, { namespace: monitoringNamespace });
    this.alerts = new PrometheusRule(this, 'alerts', {
      namespace: monitoringNamespace,
      labels: props.ruleLabels ?? { release: 'kube-prometheus-stack' },
      groups: smartCloudOpsAlertGroups({
        namespace: props.namespace,
        monitoringNamespace,
        runbookBase: props.runbookBase,
      }),
    });
    addSmartCloudOpsScaling(this);
    addSmartCloudOpsSlos(this, { namespace: monitoringNamespace, runbookBase: props.runbookBase });
    addSmartCloudOpsDashboards(this, {
      namespace: props.namespace,
      monitoringNamespace,
      runbookBase: props.runbookBase,
    });
  }
}
