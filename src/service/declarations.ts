/** What a service's add* calls take: the constructs' props less what the service declares once. */
import type { PanelSpec } from '../dashboards';
import type { AlertRuleInput } from '../rules';
import type { CapacityThresholdProps } from '../scaling';
import type { SloProps } from '../slo';
import type { ThresholdMetricInput } from '../thresholds';

/** An SLO of the service: SloProps without what the service declares. */
export interface ServiceSloProps extends Omit<SloProps, 'service'> {
  /** Runbook anchor (`#` optional) or whole URL of the SLO's alerts. @default the alert's name in kebab case */
  readonly runbook?: string;
}

/** A threshold metric of the service (metric a string or a Query): ThresholdMetricProps without what the service declares. */
export type ServiceThresholdProps = Omit<ThresholdMetricInput, 'service' | 'team' | 'runbookUrl'> & {
  /** Runbook anchor (`#` optional) or whole URL. @default the alert's name in kebab case */
  readonly runbook?: string;
};

/** An alert of the service: AlertRuleProps (expr a string or a Query), with the runbook as an anchor. */
export type ServiceAlertProps = AlertRuleInput & {
  /** Runbook anchor (`#` optional) or whole URL. @default the alert's name in kebab case */
  readonly runbook?: string;
};

/** A capacity-table row of the service: CapacityThresholdProps without what the service declares. */
export interface ServiceCapacityProps extends Omit<CapacityThresholdProps, 'ruleGroup' | 'ruleLabels' | 'runbookUrl'> {
  /** Runbook anchor (`#` optional) or whole URL of the capacity alerts. @default `capacity` */
  readonly runbook?: string;
}

/** A bundle a ServiceMonitoring adds with addPreset: a dashboard row of its own, its alerts in the service's rules. */
export interface ServicePreset {
  /** The dashboard row's title, e.g. `HTTP API`. */
  readonly title: string;
  /** Threshold metrics; `alert` is a suffix the service prefixes with its name. @default [] */
  readonly thresholds?: readonly ServiceThresholdProps[];
  /** Alerts; `alert` is a suffix the service prefixes with its name. @default [] */
  readonly alerts?: readonly ServiceAlertProps[];
  /** Panels without an alert (traffic, throughput). @default [] */
  readonly panels?: readonly PanelSpec[];
}
