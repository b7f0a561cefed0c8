/**
 * dashboards/: Grafana dashboards from the same model as the alerts.
 *
 * - Dashboard (construct): panels, rows, variables, annotations, links -> dashboards/<uid>.json, a sidecar
 *   ConfigMap (grafana_dashboard: "1"), optionally a grafana-operator GrafanaDashboard; checked at synth.
 * - ServiceDashboard (construct): a dashboard generated from a service's declarations (ThresholdMetrics,
 *   alert rules, panel sources such as SLOs), each panel linking to its alert's runbook.
 * - PanelSpec / IPanelSource: panels as plain data; thresholdMetricPanel renders a ThresholdMetric.
 * - layoutDashboard, dashboardUid, levelSteps, checkDashboard: the pure functions behind them.
 * - renderLayoutSvg: a dashboard's layout as an SVG picture, for review without Grafana.
 */
export * from './dashboard';
export * from './dashboard-row';
export * from './service-dashboard';
export * from './panel';
export * from './threshold-panel';
export * from './component-panels';
export * from './threshold-steps';
export * from './variables';
export * from './annotations';
export * from './links';
export * from './layout';
export * from './uid';
export * from './units';
export * from './metric-catalogue';
export * from './query-labels';
export * from './metric-units';
export * from './template-variables';
export * from './check-dashboard';
export * from './check-panel-spec';
export * from './render-panel';
export * from './dashboard-schema';
export * from './preview-svg';
export type * from './grafana-types';
export { PANEL_KINDS } from './grafana-types';
