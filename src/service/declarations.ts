/** What a service's add* calls take: the constructs' props less what the service declares once. */
import type { AlertPanelLook, DashboardProps, PanelSpec, ThresholdPanelOptions } from '../dashboards';
import type { AlertRule, AlertRuleInput } from '../rules';
import type { CapacityThresholdProps } from '../scaling';
import type { SloProps } from '../slo';
import type { ThresholdMetric, ThresholdMetricInput, Unit } from '../thresholds';

/** An SLO of the service: SloProps without what the service declares. */
export interface ServiceSloProps extends Omit<SloProps, 'service'> {
  /** Runbook anchor (`#` optional) or whole URL of the SLO's alerts. @default the alert's name in kebab case */
  readonly runbook?: string;
}

/** Where a threshold's or an alert's rules and panel go: a part of the service (see `area`). */
export interface ServiceAreaProps {
  /**
   * The part of the service it belongs to, e.g. a runbook section (`Database Connection Issues`) or a
   * component: its rules go to the rule group `<service>-<area in kebab case>` and its panel to the dashboard
   * row titled `area` (each made on first use, so areas keep the order they are first named in), and its
   * runbook defaults to that section, `#<area in kebab case>` (a Markdown heading's anchor). An area whose
   * kebab case is empty or a kind's group (`thresholds`, `alerts`, `capacity`, ...) fails synth.
   * @default none: the kind's group and row (`<service>-thresholds` on Thresholds, `<service>-alerts` on Alerts, a preset's row)
   */
  readonly area?: string;
}

/** A threshold metric of the service (metric a string or a Query): ThresholdMetricProps without what the service declares. */
export type ServiceThresholdProps = Omit<ThresholdMetricInput, 'service' | 'team' | 'runbookUrl'> &
  ServiceAreaProps & {
    /** Runbook anchor (`#` optional) or whole URL. @default the area's anchor, else the alert's name in kebab case */
    readonly runbook?: string;
    /**
     * How the threshold's panel looks (title, legend, kind, size): e.g. a title without the Go templates a
     * per-series `description` carries. @default a timeseries titled with the description, no legend
     */
    readonly panel?: ThresholdPanelOptions;
  };

/** An alert of the service: AlertRuleProps (expr a string or a Query), with the runbook as an anchor. */
export type ServiceAlertProps = AlertRuleInput &
  ServiceAreaProps & {
    /** Runbook anchor (`#` optional) or whole URL. @default the area's anchor, else the alert's name in kebab case */
    readonly runbook?: string;
    /**
     * The unit of the quantity the alert compares (`up == 0`: `count`), for its panel when no `panel` look is
     * given; an unknown unit fails synth. @default the metric catalogue's unit, else plain numbers
     */
    readonly unit?: Unit;
    /**
     * How the panel of the alert's query looks (title, Grafana unit, legend, kind), for an alert comparing a query
     * with a number; its query, levels and runbook link stay the alert's. When several alerts share the query, the
     * first look given applies. @default a timeseries titled with the alert's name, in `unit`
     */
    readonly panel?: AlertPanelLook;
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
  /**
   * What the service puts before each threshold's and alert's `alert`. `''` keeps the names as written (alerts
   * a runbook already names); every threshold then needs its own `alert`. Letters, digits and `_` only.
   * @default the service's name in PascalCase
   */
  readonly alertPrefix?: string;
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
