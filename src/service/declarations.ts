/** What a service's add* calls take: the constructs' props less what the service declares once. */
import type { DashboardProps, PanelSpec } from '../dashboards';
import type { AlertRule, AlertRuleInput } from '../rules';
import type { CapacityThresholdProps } from '../scaling';
import type { SloProps } from '../slo';
import type { ThresholdMetric, ThresholdMetricInput } from '../thresholds';

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

/**
 * An area of the service added with addAlertGroup (a runbook's `critical` alert file, a table of key metrics):
 * a rule group of its own and a dashboard row of its own. Names are used as given (no service prefix).
 */
export interface ServiceAlertGroup {
  /** The dashboard row's title. @default the group's name */
  readonly title?: string;
  /** Threshold metrics (props or values), in the group, each with its panel on the row. @default [] */
  readonly thresholds?: ReadonlyArray<ServiceThresholdProps | ThresholdMetric>;
  /** Alerts (props or values), in the group, each with its panel on the row. @default [] */
  readonly alerts?: ReadonlyArray<ServiceAlertProps | AlertRule>;
  /** Panels without an alert (a note, a traffic graph), after the alerts' panels. @default [] */
  readonly panels?: readonly PanelSpec[];
}

/**
 * Another dashboard of the service (a runbook's executive summary, an operations view): DashboardProps; its
 * namespace is the service's, and the service's dashboard folder, metric catalogue and tags apply unless given.
 */
export type ServiceExtraDashboardProps = Omit<DashboardProps, 'namespace'>;
