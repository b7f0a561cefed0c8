/**
 * scaling/: autoscaling and capacity. HorizontalPodAutoscaler (autoscaling/v2 typed by kubernetes-models,
 * exactly the fields given), ScalingMetric / HpaMetric (what to scale on, with targets),
 * MetricSource (who serves a custom metric), PrometheusAdapterConfig and AdapterRule (prometheus-adapter's
 * config.yaml as a ConfigMap), CapacityThreshold (a capacity-table row: HPA + capacity alerts) and the pure
 * functions behind them (capacityRules, quantities, scale-target references); KedaScaledObject, the KEDA
 * alternative to the HPA + adapter pair.
 */
export * from './quantity';
export * from './scale-target';
export * from './behavior';
export * from './metric-source';
export * from './adapter-rule';
export * from './scaling-metric';
export * from './prometheus-adapter-config';
export * from './horizontal-pod-autoscaler';
export { capacityRules, hpaSelector, NEEDED_REPLICAS_RECORD } from './capacity-alerts';
export type {
  CapacityAlertOptions,
  CapacityAlertSetting,
  CapacityForecastSetting,
  CapacityRuleParams,
} from './capacity-alerts';
export * from './capacity-threshold';
export * from './keda-scaled-object';
