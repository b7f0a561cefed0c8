/**
 * service/: the ServiceMonitoring facade. One construct per service declares its labels, team, runbook and
 * dashboard once; chainable add* calls add SLOs, thresholds, alerts, capacity rows and autoscalers, which land
 * in one PrometheusRule, one dashboard and (routeBySeverity) one AlertmanagerConfig.
 */
export * from './service-monitoring';
export * from './declarations';
export * from './presets';
export { kebabCase, runbookLink } from './labels';
