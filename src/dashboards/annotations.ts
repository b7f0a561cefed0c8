/**
 * Annotations: events drawn over every time series panel, from a PromQL query on the datasource variable
 * (e.g. deployments: `changes(kube_deployment_status_observed_generation{deployment="x"}[5m]) > 0`).
 */
import type { GrafanaDataSourceRef, PrometheusAnnotationQuery } from './grafana-types';

/** An annotation from a Prometheus query: each sample of its result marks an event. */
export interface AnnotationSpec {
  /** Name in the dashboard's annotation toggles. */
  readonly name: string;
  /** PromQL; checked like panel queries. */
  readonly expr: string;
  /** Colour of the markers (Grafana colour name or CSS colour). @default 'blue' */
  readonly iconColor?: string;
  /** Event title, with `{{label}}` templates. @default none (the series name) */
  readonly title?: string;
  /** Event text, with `{{label}}` templates. @default none */
  readonly text?: string;
  /** Labels whose values become the event's tags. @default [] */
  readonly tagKeys?: readonly string[];
  /** Query step, e.g. `60s`. @default '60s' */
  readonly step?: string;
  /** Shown when the dashboard opens. @default true */
  readonly enable?: boolean;
  /** Hide the toggle from the dashboard's controls. @default false */
  readonly hide?: boolean;
  /** Use the series value (a Unix time in ms) as the event's time. @default false */
  readonly useValueForTime?: boolean;
}

/** Grafana's own "Annotations & Alerts" entry, which every dashboard it saves carries. */
export const BUILTIN_ANNOTATION: PrometheusAnnotationQuery = {
  builtIn: 1,
  datasource: { type: 'grafana', uid: '-- Grafana --' },
  enable: true,
  hide: true,
  iconColor: 'rgba(0, 211, 255, 1)',
  name: 'Annotations & Alerts',
  type: 'dashboard',
};

/** An annotation's JSON, reading from `datasource`. */
export function renderAnnotation(a: AnnotationSpec, datasource: GrafanaDataSourceRef): PrometheusAnnotationQuery {
  return {
    name: a.name,
    datasource,
    enable: a.enable ?? true,
    hide: a.hide ?? false,
    iconColor: a.iconColor ?? 'blue',
    expr: a.expr,
    step: a.step ?? '60s',
    ...(a.title !== undefined ? { titleFormat: a.title } : {}),
    ...(a.text !== undefined ? { textFormat: a.text } : {}),
    ...(a.tagKeys && a.tagKeys.length > 0 ? { tagKeys: a.tagKeys.join(',') } : {}),
    ...(a.useValueForTime ? { useValueForTime: true } : {}),
  };
}
