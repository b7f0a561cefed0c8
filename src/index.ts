/**
 * watchkeeper: monitoring as code. Declare SLOs, thresholds, alert rules, dashboards and autoscaling once;
 * synthesize PrometheusRules, rule files, Grafana dashboards and HPAs.
 *
 * Folders, each with an index saying what it exports:
 * - promql/      the language: validation equal to Prometheus's, durations, RE2 regexes
 * - rules/       AlertRule, RecordingRule, RuleGroup, PrometheusRule, rule checks and Go templates
 * - thresholds/  ThresholdMetric and units
 * - slo/         Slo, SloRules: burn-rate alerts, traffic-weighted recording rules, error-budget panels, OpenSLO
 * - dashboards/  Dashboard, ServiceDashboard, panels as data, layout, checks, SVG preview
 * - scaling/     HorizontalPodAutoscaler, CapacityThreshold, PrometheusAdapterConfig, KedaScaledObject
 * - routing/     NotificationPolicy (AlertmanagerConfig + alertmanager.yml), checked against the alerts at synth
 * - lint/        watchkeeper lint: rule files and PrometheusRule manifests checked offline (also run on synth output)
 * - testing/     AlertTest, Series, Expect, GeneratedAlertTests: promtool alert tests written at synth
 * - diff/        readOutput, diffOutputs: what a change does to monitoring (watchkeeper diff)
 * - synth/       WatchkeeperApp: validated, deterministic, atomic output
 * - core/        the error shape shared by all
 */
export * from './core';
export * from './promql';
export * from './rules';
export * from './thresholds';
export * from './slo';
export * from './dashboards';
export * from './scaling';
export * from './routing';
export * from './synth';
export * from './lint';
export * from './testing';
export * from './diff';
export * from './metrics';
export * from './service';
