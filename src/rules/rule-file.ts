import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';

/** A rule group as the prometheus-operator model types it. */
export type ModelRuleGroup = NonNullable<IPrometheusRule['spec']['groups']>[number];

/**
 * A rule as written in a rule file and a PrometheusRule's spec: the prometheus-operator model's type, plus
 * `keep_firing_for` (Prometheus >= 2.42), which the model package does not have yet.
 */
export type RuleFileRule = NonNullable<ModelRuleGroup['rules']>[number] & { keep_firing_for?: string };

/** A rule group as written in a rule file and a PrometheusRule's spec. */
export type RuleFileGroup = Omit<ModelRuleGroup, 'rules'> & { rules: RuleFileRule[] };
