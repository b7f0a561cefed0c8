/**
 * ServiceMonitoring: one service's monitoring declared once. The service, its team, shared labels, runbook base
 * URL and dashboard folder are written once; each `add*` call adds one SLO, threshold, alert, capacity row or
 * autoscaler, and the facade puts them into one PrometheusRule and one dashboard with a row per kind.
 */
import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KNOWN_SEVERITIES, type KnownSeverity, type Problem, reportProblems } from '../core';
import {
  AlertPanelLook,
  AnnotationSpec,
  Dashboard,
  DashboardRow,
  IPanelSource,
  LinkSpec,
  MetricCatalogue,
  alertPanels,
  declarationPanels,
  thresholdMetricPanel,
  type PanelSpec,
} from '../dashboards';
import { MatcherInput, NotificationPolicy, NotificationPolicyProps, Receiver, RouteProps } from '../routing';
import { AlertRule, PrometheusRule, RuleGroup, type SeverityAdditions } from '../rules';
import { CapacityThreshold, HorizontalPodAutoscaler, HorizontalPodAutoscalerProps } from '../scaling';
import { DEFAULT_MAX_RULES_PER_GROUP, Slo, sloAlertName } from '../slo';
import { ThresholdMetric, thresholdAlertName } from '../thresholds';
import type {
  ServiceAlertProps,
  ServiceArea,
  ServiceCapacityProps,
  ServiceExtraDashboardProps,
  ServicePreset,
  ServiceSloProps,
  ServiceThresholdProps,
} from './declarations';
import { kebabCase, pascalName, runbookLink, serviceLabels } from './labels';

/** The dashboard of a service. */
export interface ServiceDashboardSettings {
  /** The dashboard's title. @default the service's name */
  readonly title?: string;
  /** The Grafana folder (the sidecar's folder annotation). @default the sidecar's default folder */
  readonly folder?: string;
  /** The metric catalogue the panels' units and labels are checked against. @default none */
  readonly metrics?: MetricCatalogue;
  /** More tags (the service's name is always one). @default [] */
  readonly tags?: readonly string[];
  /**
   * For a severity scale of the service's own: the known severity whose colour (critical red, warning orange,
   * info blue) each severity's levels are drawn in on the panels, e.g. `{ high: 'warning', medium: 'warning',
   * low: 'info' }` beside `critical`. Panel descriptions keep the alerts' own severities.
   * @default each severity drawn as itself: one other than critical, warning and info is purple
   */
  readonly stepSeverity?: Readonly<Record<string, KnownSeverity>>;
  /** Grafana's uid (and file name), e.g. to keep a dashboard's uid when it moves to the facade. @default from the construct path */
  readonly uid?: string;
  /** How often Grafana refreshes the dashboard, e.g. `1m`; `''` for never. @default '30s' */
  readonly refresh?: string;
  /**
   * The namespace whose Deployment rollouts are marked on every panel (a `Deployments` annotation from
   * kube-state-metrics' `kube_deployment_status_observed_generation`), or `false` for none: a rollout is the
   * first suspect when a graph changes. @default the service's namespace; none without one
   */
  readonly deployments?: string | false;
}

/** Settings of a service's monitoring, declared once for everything the service adds. */
export interface ServiceMonitoringProps {
  /** The service's name: the `service` label of every alert, the rule file's name, the dashboard's title. */
  readonly service: string;
  /** The owning team: the `team` label of every alert. @default none */
  readonly team?: string;
  /** More labels for every alert (`tier`, `system`, ...). An add* call's own labels win. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The runbook's URL. Every alert links `<runbookBaseUrl>#<anchor>`: the anchor an add* call names with
   * `runbook`, else the alert's name in kebab case (`CheckoutLatencyP99` → `#checkout-latency-p99`). A
   * `runbook` that is a whole URL is used as it is. @default none: no `runbook_url` unless a call gives one
   */
  readonly runbookBaseUrl?: string;
  /** Namespace of the PrometheusRule, the dashboard's ConfigMap, HPAs and routing. @default the chart's namespace */
  readonly namespace?: string;
  /**
   * `metadata.labels` of the PrometheusRule and the AlertmanagerConfig: what prometheus-operator's selectors
   * match, e.g. `{ release: 'kube-prometheus-stack' }`. @default {}
   */
  readonly resourceLabels?: Readonly<Record<string, string>>;
  /**
   * Label every alert with the namespace (as prometheus-operator's `enforcedNamespaceLabel` would), so an
   * AlertmanagerConfig in that namespace routes them under its default matcher strategy. @default true
   */
  readonly labelAlertsWithNamespace?: boolean;
  /**
   * Put `service="<service>"` on the alerts of thresholds, alerts, presets and capacity rows. Set `false` when
   * the series carry a `service` label of their own (a Kubernetes Service, a microservice) that the alerts
   * must keep. An SLO's series and alerts always carry it: it names the SLO's series. @default true
   */
  readonly labelAlertsWithService?: boolean;
  /** The service's dashboard, or `false` for none. @default a dashboard titled with the service's name */
  readonly dashboard?: ServiceDashboardSettings | false;
  /** Most rules in one SLO rule group (Mimir's ruler refuses more than 20 by default). @default 20 */
  readonly maxRulesPerGroup?: number;
  /**
   * What every alert of the service carries by its severity, besides its own labels and annotations: an
   * escalation matrix written once, e.g. `{ critical: { labels: { priority: 'P0' } }, warning: { ... } }`.
   * Applies to every alert the service makes (SLO, threshold, preset, capacity and addAlert alerts); an alert
   * of a severity not listed fails synth, naming it. @default none
   */
  readonly alertsBySeverity?: Readonly<Record<string, SeverityAdditions>>;
  /**
   * The prefix of the names of a preset's alerts (`<prefix><suffix>`): the alert-name convention of the team,
   * e.g. `SmartCloudOps` for the service `smartcloudops-api` (`SmartCloudOpsHighErrorRate`); `''` for the
   * suffix alone. @default the service's name in PascalCase (`checkout-api` -> `CheckoutApi`)
   */
  readonly presetAlertPrefix?: string;
}

/** A severity's route with settings of its own: its receiver and timing, time intervals or `continue`. */
export interface SeverityRoute extends Omit<RouteProps, 'matchers' | 'receiver' | 'routes'> {
  /** Who gets the severity's alerts. */
  readonly receiver: Receiver;
}

/** Where each severity's alerts go. */
export interface SeverityRoutingProps extends Omit<NotificationPolicyProps, 'routes' | 'labels' | 'namespace'> {
  /**
   * The receiver of each severity, e.g. `{ critical: pager, warning: tickets }`, or a route with its own timing,
   * e.g. `{ critical: { receiver: pager, repeatInterval: '1h' } }`. At least one.
   */
  readonly receivers: Readonly<Record<string, Receiver | SeverityRoute>>;
  /**
   * More routes, tried after the severity routes, for the alerts none of them takes, told apart by another label
   * (`channel="email"`), each with its receiver and timing. Each needs a matcher; the service's matchers are
   * added to it. @default none
   */
  readonly routes?: readonly RouteProps[];
  /** The matchers every route of the service needs. @default [`service="<service>"`]; none with `labelAlertsWithService: false` */
  readonly matchers?: readonly MatcherInput[];
}

/** How often a service's dashboards refresh unless its settings say (ServiceDashboardSettings.refresh). */
const DEFAULT_REFRESH = '30s';

/** Where an area's rules and panels go. */
interface AreaPlace {
  readonly groupName: string;
  readonly group: () => RuleGroup;
  readonly row?: DashboardRow;
}

/** What an area gives its thresholds and alerts unless they say otherwise. */
interface AreaDefaults {
  readonly runbook?: string;
  readonly labels?: Readonly<Record<string, string>>;
}

type Section = 'slos' | 'thresholds' | 'alerts' | 'capacity' | 'autoscaling';
const SECTION_TITLES: Readonly<Record<Section, string>> = {
  slos: 'Service level objectives',
  thresholds: 'Thresholds',
  alerts: 'Alerts',
  capacity: 'Capacity',
  autoscaling: 'Autoscaling',
};

/**
 * A service's monitoring in one construct: one PrometheusRule (`<service>` rule file), one dashboard with a row
 * per kind of declaration (SLOs, thresholds with their levels drawn, alerts, capacity, autoscaling) and,
 * with routeBySeverity, one AlertmanagerConfig. Each `add*` returns this, so a service reads as one chain:
 *
 * ```ts
 * new ServiceMonitoring(chart, 'checkout', { service: 'checkout', team: 'payments', runbookBaseUrl: 'https://wiki/checkout' })
 *   .addSlo({ name: 'availability', objective: 99.9, sli: Sli.events(errors, total) })
 *   .addThreshold({ metric: p99, description: 'P99 latency', unit: 's', direction: 'above', thresholds: { warning: 0.2, critical: 0.5 } })
 *   .routeBySeverity({ receivers: { critical: pager, warning: tickets } });
 * ```
 *
 * The constructs underneath stay reachable: `rules`, `dashboard`, `routing`, and the values each add* made
 * (`slos`, `thresholds`).
 */
export class ServiceMonitoring extends Construct {
  /** The service's name. */
  readonly service: string;
  /** The service's dashboard (undefined with `dashboard: false`). */
  readonly dashboard?: Dashboard;
  /** The Prometheus namespace the service's resources go to, if any. */
  readonly namespace?: string;
  private readonly props: ServiceMonitoringProps;
  private readonly groups = new Map<Section, RuleGroup>();
  private readonly rows = new Map<string, DashboardRow>();
  private readonly sloList: Slo[] = [];
  private readonly thresholdList: ThresholdMetric[] = [];
  private readonly userAlerts: AlertRule[] = [];
  private readonly areas = new Map<string, AreaPlace>();
  private readonly looks = new Map<AlertRule, AlertPanelLook>();
  private policy?: NotificationPolicy;
  private ruleResource?: PrometheusRule;

  constructor(scope: Construct, id: string, props: ServiceMonitoringProps) {
    super(scope, id);
    this.props = props;
    this.service = props.service;
    this.namespace = props.namespace ?? chartNamespace(this);
    reportProblems(propProblems(props, this.node.path), `ServiceMonitoring "${this.service}"`, this);
    if (props.labelAlertsWithNamespace ?? true) PrometheusRule.labelAlertsWithNamespace(this);
    if (props.dashboard !== false) {
      const d = props.dashboard ?? {};
      this.dashboard = new Dashboard(this, 'dashboard', {
        title: d.title ?? props.service,
        tags: [...new Set([props.service, ...(d.tags ?? [])])],
        uid: d.uid,
        refresh: d.refresh ?? DEFAULT_REFRESH,
        namespace: this.namespace,
        metrics: d.metrics,
        configMap: d.folder !== undefined ? { folder: d.folder } : undefined,
        links: this.dashboardLinks(),
        annotations: this.rollouts(),
      });
    }
  }

  /**
   * The PrometheusRule holding every rule of the service (`rules/<service>.rules.yaml`). Made when the first
   * rule is added (or when read here), so a service with only a dashboard or an HPA writes no empty rule file.
   */
  get rules(): PrometheusRule {
    this.ruleResource ??= new PrometheusRule(this, 'rules', {
      name: this.props.service,
      namespace: this.namespace,
      labels: this.props.resourceLabels,
      alertsBySeverity: this.props.alertsBySeverity,
    });
    return this.ruleResource;
  }

  /** The SLOs added, in order. */
  get slos(): readonly Slo[] {
    return this.sloList;
  }

  /** The threshold metrics added, in order. */
  get thresholds(): readonly ThresholdMetric[] {
    return this.thresholdList;
  }

  /** The AlertmanagerConfig made by routeBySeverity, if any. */
  get routing(): NotificationPolicy | undefined {
    return this.policy;
  }

  /**
   * Adds an SLO of this service: its recording rules and burn-rate alerts (groups of at most
   * `maxRulesPerGroup` rules) and its four panels. The service's labels and runbook apply.
   */
  addSlo(props: ServiceSloProps): this {
    const { runbook, ...sloProps } = props;
    const duplicate = this.sloList.find((s) => s.props.name === props.name);
    if (duplicate) {
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'name',
            value: props.name,
            message: `the service already has an SLO named "${props.name}" (their series would collide)`,
            fix: 'give each SLO of a service its own name',
          },
        ],
        `ServiceMonitoring "${this.service}"`,
        this,
      );
      return this;
    }
    const alertName = sloAlertName({ ...sloProps, service: this.service });
    const runbookUrl = sloProps.alerting?.runbookUrl ?? runbookLink(this.props.runbookBaseUrl, runbook, alertName);
    const slo = new Slo({
      ...sloProps,
      service: this.service,
      labels: { ...serviceLabels(this.props, false), ...sloProps.labels },
      alerting: { ...sloProps.alerting, ...(runbookUrl !== undefined ? { runbookUrl } : {}) },
    });
    this.sloList.push(slo);
    // A refused SLO was reported when it was made and renders no rules: no rule file only for it.
    if (!slo.refused)
      this.rules.addGroups(
        ...slo.ruleGroups({ maxRulesPerGroup: this.props.maxRulesPerGroup ?? DEFAULT_MAX_RULES_PER_GROUP }),
      );
    this.row('slos')?.addPanel(slo);
    return this;
  }

  /**
   * Adds a threshold metric (props, or a ThresholdMetric value): one alert per level in the
   * `<service>-thresholds` group, and a panel with the same levels drawn as threshold lines on the Thresholds row.
   */
  addThreshold(input: ServiceThresholdProps | ThresholdMetric): this {
    const panel = this.threshold(input, this.group('thresholds'));
    this.row('thresholds')?.addPanel(panel);
    return this;
  }

  /** A threshold metric with the service's labels and runbook (the area's first), in `group`; returns its panel. */
  private threshold(input: ServiceThresholdProps | ThresholdMetric, group: RuleGroup, area?: AreaDefaults) {
    const { runbook, panel, ...props } =
      input instanceof ThresholdMetric ? { ...input.props, runbook: input.props.runbookUrl, panel: undefined } : input;
    const alertName = thresholdAlertName({ alert: props.alert, metric: String(props.metric) });
    const metric = new ThresholdMetric({
      ...props,
      // A ThresholdMetric value's own service wins, as its labels do.
      service:
        (input instanceof ThresholdMetric ? input.props.service : undefined) ??
        (this.props.labelAlertsWithService === false ? undefined : this.service),
      // The service's team as a label, so a metric's own `team` (prop or label) wins.
      labels: { ...serviceLabels(this.props, false), ...area?.labels, ...props.labels },
      runbookUrl: runbookLink(this.props.runbookBaseUrl, runbook ?? area?.runbook, alertName),
    });
    this.thresholdList.push(metric);
    group.add(metric);
    const stepSeverity = this.panelOptions.stepSeverity;
    return panel || stepSeverity
      ? { panels: () => [thresholdMetricPanel(metric, { ...panel, stepSeverity })] }
      : metric;
  }

  /**
   * Adds alerts (props or AlertRule values) to the `<service>-alerts` group, with the service's labels (the
   * alert's own win) and runbook link; each gets a panel of the quantity it compares, its level drawn, on the
   * Alerts row.
   */
  addAlert(...alerts: ReadonlyArray<ServiceAlertProps | AlertRule>): this {
    const added = alerts.map((a) => this.serviceAlert(a instanceof AlertRule ? a.props : a));
    if (added.length === 0) return this;
    this.group('alerts').add(...added);
    this.userAlerts.push(...added);
    // The row reads the list when the dashboard renders, so alerts added later land.
    this.row('alerts', () => this.alertPanels(() => this.userAlerts));
    return this;
  }

  /**
   * Adds an area of the service: a part with a runbook section of its own (a playbook, a component, a table of
   * key metrics). Its thresholds and alerts go to its rule group (`<service>-<title in kebab case>`, or
   * `ruleGroup`) with the service's labels, the area's and their own; their panels, then `panels`, to its
   * dashboard row titled `title`; all link the area's runbook section unless they name their own. An area named
   * again adds to the same group and row. A title without a letter or digit, or naming a kind's group
   * (`Alerts`, `Thresholds`, ...), fails synth, as does a `ruleGroup` another area or kind has.
   */
  addArea(title: string, area: ServiceArea): this {
    const place = this.area(title, area.ruleGroup);
    if (!place) return this;
    const defaults: AreaDefaults = { runbook: area.runbook ?? kebabCase(title), labels: area.labels };
    const panels = (area.thresholds ?? []).map((t) => this.threshold(t, place.group(), defaults));
    place.row?.addPanel(...panels);
    const alerts = (area.alerts ?? []).map((a) => this.serviceAlert(a instanceof AlertRule ? a.props : a, defaults));
    if (alerts.length > 0) {
      place.group().add(...alerts);
      place.row?.addPanel(this.alertPanels(() => alerts));
    }
    const url = runbookLink(this.props.runbookBaseUrl, defaults.runbook, title);
    const link = (p: PanelSpec): PanelSpec =>
      p.links !== undefined || url === undefined ? p : { ...p, links: [{ title: `Runbook: ${title}`, url }] };
    if ((area.panels ?? []).length > 0) place.row?.addPanel(...(area.panels ?? []).map(link));
    return this;
  }

  /**
   * Adds another dashboard of the service (a runbook's executive summary or operations view), beside the
   * service's own: in the service's namespace, with the service's folder, metric catalogue, tags (the service's
   * name, the dashboard settings' tags, then `props.tags`), links, Deployments annotation and refresh unless
   * `props` gives its own.
   */
  addDashboard(id: string, props: ServiceExtraDashboardProps): this {
    const d = this.props.dashboard || {};
    new Dashboard(this, id, {
      links: this.dashboardLinks(),
      annotations: this.rollouts(),
      refresh: d.refresh ?? DEFAULT_REFRESH,
      ...props,
      namespace: this.namespace,
      tags: [...new Set([this.service, ...(d.tags ?? []), ...(props.tags ?? [])])],
      metrics: props.metrics ?? d.metrics,
      configMap: props.configMap ?? (d.folder !== undefined ? { folder: d.folder } : undefined),
    });
    return this;
  }

  /** The links atop each dashboard of the service: its other dashboards (all carry its name as a tag), its runbook. */
  private dashboardLinks(): LinkSpec[] {
    const runbook = this.props.runbookBaseUrl;
    return [
      { title: `${this.service} dashboards`, tags: [this.service] },
      ...(runbook !== undefined ? [{ title: 'Runbook', url: runbook, icon: 'doc' as const }] : []),
    ];
  }

  /** The Deployments annotation of the service's dashboards (ServiceDashboardSettings.deployments). */
  private rollouts(): AnnotationSpec[] {
    const d = this.props.dashboard || {};
    const namespace = d.deployments ?? this.namespace;
    if (!namespace) return [];
    const expr = `changes(kube_deployment_status_observed_generation{namespace="${namespace}"}[5m]) > 0`;
    return [
      { name: 'Deployments', expr, title: 'Deployment {{deployment}}', tagKeys: ['deployment'], iconColor: 'purple' },
    ];
  }

  /** An alert with the service's labels (the area's, then its own, win) and runbook link (its own, else the area's). */
  private serviceAlert(props: ServiceAlertProps, area?: AreaDefaults): AlertRule {
    const { runbook, panel, ...ruleProps } = props;
    const runbookUrl =
      ruleProps.annotations?.runbook_url ??
      runbookLink(this.props.runbookBaseUrl, runbook ?? area?.runbook, ruleProps.alert);
    const service = this.props.labelAlertsWithService !== false;
    const rule = new AlertRule({
      ...ruleProps,
      labels: { ...serviceLabels(this.props, service), ...area?.labels, ...ruleProps.labels },
      annotations: { ...ruleProps.annotations, ...(runbookUrl !== undefined ? { runbook_url: runbookUrl } : {}) },
    });
    if (panel !== undefined) this.looks.set(rule, panel);
    return rule;
  }

  /**
   * The panels of alerts (read at synthesis): one per alert name and query with the alerts' levels drawn, as
   * declarationPanels draws them, looking as the first of their `panel` looks says.
   */
  private alertPanels(alerts: () => readonly AlertRule[]): IPanelSource {
    return { panels: () => alertPanels(alerts(), { ...this.panelOptions, lookOf: (r) => this.looks.get(r) }) };
  }

  /**
   * Adds a capacity-table row: its HPA, the needed-replicas record and the capacity alerts (in the `capacity`
   * group, with the service's labels), and their panels.
   */
  addCapacity(id: string, props: ServiceCapacityProps): this {
    const { runbook, ...capacityProps } = props;
    const group = this.group('capacity');
    new CapacityThreshold(this, id, {
      ...capacityProps,
      namespace: capacityProps.namespace ?? this.namespace,
      ruleGroup: group,
      labels: { ...serviceLabels(this.props, this.props.labelAlertsWithService !== false), ...capacityProps.labels },
      runbookUrl: runbookLink(this.props.runbookBaseUrl, runbook ?? 'capacity', 'capacity'),
    });
    this.row('capacity', () => declarationPanels([group], undefined, this.panelOptions));
    return this;
  }

  /**
   * Adds a preset (see Presets): an area titled as the preset, whose thresholds' and alerts' names the service
   * prefixes (`<Service><suffix>`, or the preset's `alertPrefix`).
   */
  addPreset(preset: ServicePreset): this {
    const { title, alertPrefix, ...area } = preset;
    const prefix = alertPrefix ?? this.props.presetAlertPrefix ?? pascalName(this.service);
    const unnamed = prefix === '' ? (area.thresholds ?? []).findIndex((t) => t.alert === undefined) : -1;
    if (!isAlertNamePrefix(prefix) || unnamed >= 0) {
      reportProblems(
        [
          {
            where: `${this.node.path} preset "${title}"`,
            field: unnamed >= 0 ? `thresholds[${unnamed}].alert` : 'alertPrefix',
            value: unnamed >= 0 ? null : prefix,
            message:
              unnamed >= 0
                ? "with alertPrefix '' a threshold's alert name is its `alert`, and this one has none"
                : 'an alert-name prefix takes letters, digits and _ only',
            fix: unnamed >= 0 ? 'give the threshold an `alert`' : "e.g. 'Checkout', or '' for the names as written",
          },
        ],
        `ServiceMonitoring "${this.service}"`,
        this,
      );
      return this;
    }
    return this.addArea(title, {
      ...area,
      thresholds: area.thresholds?.map((t) => ({ ...t, alert: `${prefix}${t.alert ?? ''}` })),
      alerts: area.alerts?.map((a) => ({ ...a, alert: `${prefix}${a.alert}` })),
    });
  }

  /** Adds a HorizontalPodAutoscaler, and a panel of its replicas against its bounds. */
  addAutoscaling(id: string, props: HorizontalPodAutoscalerProps): this {
    const hpa = new HorizontalPodAutoscaler(this, id, { ...props, namespace: props.namespace ?? this.namespace });
    this.row('autoscaling')?.addPanel(replicasPanel(hpa, props));
    return this;
  }

  /**
   * Routes the service's alerts by severity: one AlertmanagerConfig in the service's namespace with a route per
   * severity (`service="<service>", severity="<s>"`). An alert of a severity without a receiver fails synth,
   * naming it. Call once.
   */
  routeBySeverity(props: SeverityRoutingProps): this {
    const where = `ServiceMonitoring "${this.service}"`;
    const severities = Object.keys(props.receivers);
    if (this.policy !== undefined || severities.length === 0) {
      reportProblems(
        [
          {
            where: this.node.path,
            field: 'routeBySeverity',
            value: severities,
            message: this.policy !== undefined ? 'routing was already declared' : 'no receivers',
            fix:
              this.policy !== undefined
                ? 'call routeBySeverity once, with every severity'
                : 'name a receiver per severity, e.g. { critical: pager }',
          },
        ],
        where,
        this,
      );
      return this;
    }
    const { receivers, matchers, routes, ...policyProps } = props;
    const unmatched = (routes ?? []).flatMap((r, i) => ((r.matchers ?? []).length === 0 ? [i] : []));
    if (unmatched.length > 0) {
      reportProblems(
        unmatched.map((i) => ({
          where: this.node.path,
          field: `routeBySeverity routes[${i}].matchers`,
          value: [],
          message: 'a route without matchers takes every alert of the service the severity routes leave',
          fix: 'give the route the label it routes on, e.g. matchers: [\'channel="email"\']',
        })),
        where,
        this,
      );
      return this;
    }
    const base = matchers ?? this.serviceMatchers();
    this.policy = new NotificationPolicy(this, 'routing', {
      ...policyProps,
      namespace: this.namespace,
      labels: this.props.resourceLabels,
      alertScope: policyProps.alertScope ?? this,
      routes: [
        ...severities.map((severity) => {
          const r = receivers[severity];
          return { ...(r instanceof Receiver ? { receiver: r } : r), matchers: [...base, `severity="${severity}"`] };
        }),
        ...(routes ?? []).map((r) => ({ ...r, matchers: [...base, ...(r.matchers ?? [])] })),
      ],
    });
    return this;
  }

  /** What tells this service's alerts from others in the namespace: its `service` label, when they carry it. */
  private serviceMatchers(): string[] {
    return this.props.labelAlertsWithService === false ? [] : [`service="${this.service}"`];
  }

  /**
   * An area's place: its rule group (made when the first rule goes in, so a panels-only area writes no empty
   * group) and row, made on first use; undefined, reported, when the title or the group name cannot be.
   */
  private area(title: string, ruleGroup: string | undefined): AreaPlace | undefined {
    const name = typeof title === 'string' ? kebabCase(title) : '';
    const groupName = ruleGroup ?? `${this.service}-${name}`;
    const known = this.areas.get(title);
    // A title naming a kind (`Alerts`) would share its row; a rule group named as a kind's, its group.
    const kind = (Object.keys(SECTION_TITLES) as Section[]).find(
      (k) => name === k || groupName === `${this.service}-${k}`,
    );
    const byTitle = kind !== undefined && (ruleGroup === undefined || name === kind);
    const holder = [...this.areas].find(([t, a]) => t !== title && a.groupName === groupName)?.[0];
    const problem: [string, unknown, string, string] | undefined =
      name === ''
        ? [
            'addArea title',
            title,
            'the title has no letter or digit to name its rule group',
            'name the area in words, e.g. its runbook section',
          ]
        : kind !== undefined
          ? [
              byTitle ? 'addArea title' : 'ruleGroup',
              byTitle ? title : groupName,
              byTitle
                ? `the area would share the service's own "${SECTION_TITLES[kind]}" row and "${this.service}-${kind}" rule group`
                : `the service's ${SECTION_TITLES[kind]} rules go to the rule group "${groupName}"`,
              byTitle ? 'name the area in words, e.g. its runbook section' : 'give the area a rule group of its own',
            ]
          : known !== undefined && known.groupName !== groupName
            ? [
                'ruleGroup',
                groupName,
                `the area "${title}" already has the rule group "${known.groupName}"`,
                'name the rule group once, where the area is first added',
              ]
            : holder !== undefined || (known === undefined && this.rules.ruleGroups.some((g) => g.name === groupName))
              ? [
                  'ruleGroup',
                  groupName,
                  `the service's rules already have a group named "${groupName}"${holder !== undefined ? ` (area "${holder}")` : ''}: Prometheus refuses a group name twice in a file`,
                  'give each area a rule group of its own',
                ]
              : undefined;
    if (problem) {
      this.refuse(...problem);
      return undefined;
    }
    if (known) return known;
    let group: RuleGroup | undefined;
    const made: AreaPlace = {
      groupName,
      group: () => (group ??= this.rules.addGroup(groupName)),
      row: this.row({ title }),
    };
    this.areas.set(title, made);
    return made;
  }

  /** Reports a refused value of an add* call, naming the service, the field and the value. */
  private refuse(field: string, value: unknown, message: string, fix: string): void {
    reportProblems(
      [{ where: this.node.path, field, value, message, fix }],
      `ServiceMonitoring "${this.service}"`,
      this,
    );
  }

  /** How alert and threshold panels draw severities and find units (ServiceDashboardSettings.stepSeverity, metrics). */
  private get panelOptions(): {
    readonly stepSeverity?: (severity: string) => string;
    readonly metrics?: MetricCatalogue;
  } {
    const settings = this.props.dashboard ? this.props.dashboard : {};
    const map = settings.stepSeverity;
    return {
      // Each alert's panel in the unit its metric is catalogued in.
      ...(settings.metrics !== undefined ? { metrics: settings.metrics } : {}),
      ...(map ? { stepSeverity: (s: string) => (Object.prototype.hasOwnProperty.call(map, s) ? map[s] : s) } : {}),
    };
  }

  /** The rule group of a section, made on first use. */
  private group(section: Exclude<Section, 'slos' | 'autoscaling'>): RuleGroup {
    let group = this.groups.get(section);
    if (!group) {
      group = this.rules.addGroup(`${this.service}-${section}`);
      this.groups.set(section, group);
    }
    return group;
  }

  /** The dashboard row of a section, made on first use (with its panels, when given). */
  private row(
    section: Section | { readonly title: string },
    panels?: () => ReturnType<typeof declarationPanels>,
  ): DashboardRow | undefined {
    if (!this.dashboard) return undefined;
    const title = typeof section === 'string' ? SECTION_TITLES[section] : section.title;
    let row = this.rows.get(title);
    if (!row) {
      row = this.dashboard.addRow(title);
      if (panels) row.addPanel(panels());
      this.rows.set(title, row);
    }
    return row;
  }
}

/** A timeseries of an HPA's current and desired replicas, with its minimum and maximum drawn. */
function replicasPanel(hpa: HorizontalPodAutoscaler, props: HorizontalPodAutoscalerProps): PanelSpec {
  const sel = `{namespace="${hpa.namespace ?? ''}", horizontalpodautoscaler="${hpa.name}"}`;
  return {
    kind: 'timeseries',
    title: `${hpa.name}: replicas (${props.minReplicas ?? 1}-${props.maxReplicas})`,
    description: `Current and desired replicas of the HorizontalPodAutoscaler ${hpa.name} (kube-state-metrics); red at its maximum.`,
    queries: [
      { expr: `kube_horizontalpodautoscaler_status_current_replicas${sel}`, legend: 'current' },
      { expr: `kube_horizontalpodautoscaler_status_desired_replicas${sel}`, legend: 'desired' },
    ],
    unit: 'none',
    min: 0,
    thresholds: {
      steps: [
        { value: null, color: 'green' },
        { value: props.maxReplicas, color: 'red' },
      ],
    },
  };
}

/** Whether a text can start an alert name (a preset's or the service's alert-name prefix); '' can. */
function isAlertNamePrefix(prefix: string): boolean {
  return /^([a-zA-Z_][a-zA-Z0-9_]*)?$/.test(prefix);
}

/** Mistakes in the props that the constructs underneath would not name. */
function propProblems(props: ServiceMonitoringProps, where: string): Problem[] {
  const problems: Problem[] = [];
  const prefix = props.presetAlertPrefix;
  if (prefix !== undefined && !isAlertNamePrefix(prefix))
    problems.push({
      where,
      field: 'presetAlertPrefix',
      value: prefix,
      message: 'must start an alert name: letters, digits and underscores, not starting with a digit',
      fix: 'e.g. CheckoutApi, or an empty string for the suffix alone',
    });
  const steps = props.dashboard ? (props.dashboard.stepSeverity ?? {}) : {};
  for (const [severity, known] of Object.entries(steps))
    if (!(KNOWN_SEVERITIES as readonly string[]).includes(known))
      problems.push({
        where,
        field: `dashboard.stepSeverity.${severity}`,
        value: known,
        message: `a severity is drawn in the colour of one of ${KNOWN_SEVERITIES.join(', ')}`,
        fix: `use one of ${KNOWN_SEVERITIES.join(', ')}`,
      });
  return problems;
}

function chartNamespace(c: IConstruct): string | undefined {
  try {
    return Chart.of(c).namespace;
  } catch {
    return undefined;
  }
}
