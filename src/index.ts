/**
 * watchkeeper: monitoring as code. Declare SLOs, thresholds, alert rules, dashboards and autoscaling once;
 * synthesize PrometheusRules, rule files, Grafana dashboards and HPAs.
 *
 * The public API is chosen here, name by name: constructs, the values and props users pass and read, and the
 * documented functions. Everything else is internal (the folders' own index files export more, for use
 * inside the package). Two subpaths hold what a consumer may want without the constructs:
 * - `watchkeeper/lint`   the rule-file linter (src/entrypoints/lint.ts)
 * - `watchkeeper/promql` PromQL validation, durations, Prometheus versions (src/entrypoints/promql.ts)
 * api/*.api.md is the report of each entry point (`npm run api` regenerates it; `npm test` fails when it is stale).
 *
 * Folders:
 * - promql/      the language: validation equal to Prometheus's, durations, RE2 regexes
 * - rules/       AlertRule, RecordingRule, RuleGroup, PrometheusRule
 * - thresholds/  ThresholdMetric and units
 * - slo/         Slo, SloRules: burn-rate alerts, traffic-weighted recording rules, error-budget panels, OpenSLO
 * - dashboards/  Dashboard, ServiceDashboard, panels as data, SVG preview
 * - scaling/     HorizontalPodAutoscaler, CapacityThreshold, PrometheusAdapterConfig, KedaScaledObject
 * - routing/     NotificationPolicy (AlertmanagerConfig + alertmanager.yml), checked against the alerts at synth
 * - testing/     AlertTest, Series, Expect, GeneratedAlertTests: promtool alert tests written at synth
 * - synth/       WatchkeeperApp: validated, deterministic, atomic output
 * - core/        the error shape shared by all
 */

// core: the error every user mistake is reported with; the severity vocabulary every construct shares
export { WatchkeeperError, type Problem, type ISynthesizesFiles, type SynthesizedFile } from './core';
export { KNOWN_SEVERITIES, SEVERITY_COLORS, HEALTHY_COLOR, type Severity, type KnownSeverity } from './core';

// promql: the types props use (functions: watchkeeper/promql)
export type { Duration, PrometheusVersion } from './promql';

// rules
export {
  AlertRule,
  RecordingRule,
  RuleGroup,
  PrometheusRule,
  mapAlerts,
  type AlertRuleProps,
  type AlertRuleInput,
  type RecordingRuleInput,
  type RecordingRuleProps,
  type RuleGroupProps,
  type PrometheusRuleProps,
  type SeverityAdditions,
  type Rule,
  type IRuleSource,
  type RuleFileGroup,
  type RuleFileRule,
  type ModelRuleGroup,
  type RuleWarning,
} from './rules';
export type { CheckId, DiagnosticSeverity } from './lint';

// thresholds
export {
  ThresholdMetric,
  UNITS,
  type ThresholdMetricProps,
  type ThresholdMetricInput,
  type ThresholdLevel,
  type ThresholdLevels,
  type ThresholdTarget,
  type Unit,
  type UnitInfo,
} from './thresholds';

// slo
export {
  Slo,
  SloRules,
  Sli,
  sloPanels,
  readOpenSlo,
  burnRateTiers,
  burnFactor,
  budgetShare,
  SRE_WORKBOOK_POLICY,
  type SloProps,
  type SloRulesProps,
  type SloAlertingProps,
  type AbsentAlertProps,
  type SloTier,
  type TierOverride,
  type SliDefinition,
  type EventsSli,
  type GoodTotalSli,
  type LatencySli,
  type ErrorRatioSli,
  type SloPanelSource,
  type SloRuleGroupOptions,
  type OpenSloFile,
  type ReadOpenSloOptions,
  type BurnRateTier,
  type PolicyTier,
  type TierId,
  type TierKind,
} from './slo';

// dashboards
export {
  Dashboard,
  DashboardRow,
  ServiceDashboard,
  thresholdMetricPanel,
  alertPanel,
  alertPanels,
  alertCondition,
  alertComparison,
  levelSteps,
  convertUnit,
  renderLayoutSvg,
  DEFAULT_PANEL_SIZES,
  GRAFANA_UNITS,
  Panels,
  type WorkloadPanelsProps,
  type SelectorPanelsProps,
  type RequestPanelsProps,
  type DashboardProps,
  type DashboardConfigMapProps,
  type GrafanaOperatorProps,
  type DashboardRowProps,
  type ServiceDashboardProps,
  type ServiceSection,
  type Declaration,
  type PanelSpec,
  type PanelSpecBase,
  type PanelQuery,
  type PanelLink,
  type PanelPosition,
  type PanelKind,
  type PanelInput,
  type PanelOptionsByKind,
  type PanelCustomFieldConfigByKind,
  type GrafanaColorMode,
  type GrafanaFieldConfigSource,
  type Plain,
  type PanelThresholds,
  type ThresholdStep,
  type IPanelSource,
  type ThresholdPanelOptions,
  type AlertCondition,
  type AlertComparison,
  type AlertPanelsOptions,
  type AlertPanelLook,
  type MetricCatalogue,
  type MetricDeclaration,
  type GrafanaUnit,
  type KnownGrafanaUnit,
  type CustomUnitPrefix,
  type AnnotationSpec,
  type LinkSpec,
  type UrlLinkSpec,
  type DashboardsLinkSpec,
  type LinkIcon,
  type VariableSpec,
  type VariableBase,
  type QueryVariableSpec,
  type CustomVariableSpec,
  type ConstantVariableSpec,
  type IntervalVariableSpec,
  type TextboxVariableSpec,
  type DatasourceVariableProps,
  type PreviewOptions,
  type GrafanaDashboard,
} from './dashboards';

// scaling
export {
  HorizontalPodAutoscaler,
  ScalingMetric,
  HpaMetric,
  MetricSource,
  PrometheusAdapterConfig,
  AdapterRule,
  CapacityThreshold,
  KedaScaledObject,
  deployment,
  statefulSet,
  replicaSet,
  type HorizontalPodAutoscalerProps,
  type PrometheusAdapterConfigProps,
  type AdapterRuleProps,
  type AdapterResources,
  type SeriesFilter,
  type TemplateValues,
  type TemplateField,
  type GroupResource,
  type MetricType as ScalingMetricType,
  type CapacityThresholdProps,
  type KedaScaledObjectProps,
  type PrometheusMetricSourceProps,
  type IAdapterRuleSource,
  type ScaleTargetRef,
  type HpaBehavior,
  type HpaScalingPolicy,
  type HpaScalingRules,
  type QuantityInput,
  type TargetType,
  type ResourceMetricOptions,
  type CustomMetricOptions,
  type ObjectMetricOptions,
  type ExternalMetricOptions,
  type CapacityAlertOptions,
  type CapacityAlertSetting,
  type CapacityForecastSetting,
} from './scaling';

// routing
export {
  NotificationPolicy,
  Receiver,
  Route,
  InhibitRule,
  TimeInterval,
  Matcher,
  resolveRoute,
  type NotificationPolicyProps,
  type MatcherStrategy,
  type ReceiverProps,
  type PagerDutyConfig,
  type SlackConfig,
  type EmailConfig,
  type SmtpSettings,
  type WebhookConfig,
  type SecretKeyRef,
  type RouteProps,
  type RouteTiming,
  type InhibitRuleProps,
  type SeverityInhibitOptions,
  type TimeRange,
  type TimeOfDayRange,
  type BusinessHoursProps,
  type MatcherInput,
  type RouteNode,
  type Resolution,
  type DeclaredAlert,
  type LabelValue,
  type Tristate,
  type CrdMatcher,
  type MatchType,
  type AlertLabels,
} from './routing';

// synth
export {
  WatchkeeperApp,
  synthApp,
  type WatchkeeperAppProps,
  type SynthOptions,
  type SynthPhase,
  type SynthProgress,
  type SynthAppOptions,
  type SynthReport,
  type FileChange,
  type OutputKind,
  type OutputKindCounts,
  type OutputComparison,
  type OutputChange,
  type AfterWriteHook,
} from './synth';

// testing
export {
  AlertTest,
  Expect,
  Series,
  GeneratedAlertTests,
  type AlertTestProps,
  type AlertTestScenario,
  type Expectation,
  type ExpectedAlert,
  type GeneratedAlertTestsProps,
  type SkippedSource,
  type RuleFileOwner,
  type PromtoolTestFile,
  type PromtoolAlert,
  type PromtoolTestGroup,
  type PromtoolAlertTest,
  type PromtoolExprTest,
} from './testing';

// metrics: metrics as values, the queries built from them, the catalogue synth checks selectors against
export {
  Counter,
  Gauge,
  Histogram,
  Summary,
  Metric,
  Query,
  Match,
  catalogueOf,
  type PromQLExpr,
  type QueryBinding,
  type MetricProps,
  type RangeOptions,
  type Matchers,
  type MatchValue,
  type ScrapeLabel,
  type MetricKind,
  type CatalogueSetting,
} from './metrics';

// service: the facade, one construct per service
export {
  ServiceMonitoring,
  Presets,
  type ServiceMonitoringProps,
  type ServiceDashboardSettings,
  type SeverityRoutingProps,
  type ServiceSloProps,
  type ServiceThresholdProps,
  type ServiceAlertProps,
  type ServiceArea,
  type ServiceCapacityProps,
  type ServicePreset,
  type ServiceExtraDashboardProps,
  type SeverityRoute,
  type HttpApiPresetProps,
  type QueueConsumerPresetProps,
  type KubernetesWorkloadPresetProps,
  type ConnectionPoolPresetProps,
  type TlsCertificatePresetProps,
  type LlmApiPresetProps,
  type PresetLevels,
} from './service';
