/** What a service's add* calls take: the constructs' props less what the service declares once. */
import type { AlertPanelLook, DashboardProps, PanelSpec, ThresholdPanelOptions } from '../dashboards';
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
  /** Runbook anchor (`#` optional) or whole URL. @default the area's runbook, else the alert's name in kebab case */
  readonly runbook?: string;
  /**
   * How the threshold's panel looks (title, legend, kind, size): e.g. a title without the Go templates a
   * per-series `description` carries. @default a timeseries titled with the description, no legend
   */
  readonly panel?: ThresholdPanelOptions;
};

/** An alert of the service: AlertRuleProps (expr a string or a Query), with the runbook as an anchor. */
export type ServiceAlertProps = AlertRuleInput & {
  /** Runbook anchor (`#` optional) or whole URL. @default the area's runbook, else the alert's name in kebab case */
  readonly runbook?: string;
  /**
   * How the panel of the quantity the alert compares looks: its title, unit (`up == 0`: `{ unit: 'count' }`),
   * legend, kind and size; its query, levels and runbook link stay the alert's. When several alerts share the
   * query, the first look given applies. @default a timeseries titled with the alert's name, in the metric
   * catalogue's unit
   */
  readonly panel?: AlertPanelLook;
};

/** A capacity-table row of the service: CapacityThresholdProps without what the service declares. */
export interface ServiceCapacityProps extends Omit<CapacityThresholdProps, 'ruleGroup' | 'ruleLabels' | 'runbookUrl'> {
  /** Runbook anchor (`#` optional) or whole URL of the capacity alerts. @default `capacity` */
  readonly runbook?: string;
}

/**
 * A part of the service (a runbook section, a component, a table of key metrics), added with addArea: a rule
 * group and a dashboard row of its own, one runbook section and labels for all it holds.
 */
export interface ServiceArea {
  /** Threshold metrics (props or values), each with its panel on the area's row. @default [] */
  readonly thresholds?: ReadonlyArray<ServiceThresholdProps | ThresholdMetric>;
  /** Alerts (props or values), each with a panel of the quantity it compares on the area's row. @default [] */
  readonly alerts?: ReadonlyArray<ServiceAlertProps | AlertRule>;
  /**
   * Panels without an alert (what the section's diagnosis looks at, traffic, a note), after the alerts' panels;
   * each links the area's runbook unless it has links of its own. @default []
   */
  readonly panels?: readonly PanelSpec[];
  /**
   * Runbook anchor (`#` optional) or whole URL of the area's section: the default of its alerts' and panels'
   * links. @default the area's title in kebab case (`Database Connection Issues` -> `#database-connection-issues`)
   */
  readonly runbook?: string;
  /** Labels of every alert of the area, over the service's (an alert's own win). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The rule group's name, e.g. a runbook's own alert file (`critical`). An area named again adds to its group.
   * @default `<service>-<title in kebab case>`
   */
  readonly ruleGroup?: string;
}

/**
 * A bundle a ServiceMonitoring adds with addPreset (see Presets): an area whose alerts' names the service
 * prefixes.
 */
export interface ServicePreset extends ServiceArea {
  /** The area's title (its dashboard row), e.g. `HTTP API`. */
  readonly title: string;
  /**
   * What the service puts before each threshold's and alert's `alert`. `''` keeps the names as written (alerts
   * a runbook already names); every threshold then needs its own `alert`. Letters, digits and `_` only.
   * @default the service's `presetAlertPrefix`, else its name in PascalCase
   */
  readonly alertPrefix?: string;
  /** Threshold metrics; `alert` is a suffix the service prefixes. @default [] */
  readonly thresholds?: readonly ServiceThresholdProps[];
  /** Alerts; `alert` is a suffix the service prefixes. @default [] */
  readonly alerts?: readonly ServiceAlertProps[];
}

/**
 * Another dashboard of the service (a runbook's executive summary, an operations view): DashboardProps; its
 * namespace is the service's, and the service's dashboard folder, metric catalogue and tags apply unless given.
 */
export type ServiceExtraDashboardProps = Omit<DashboardProps, 'namespace'>;
