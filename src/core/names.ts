/**
 * Names: Prometheus label and metric names, the recording-rule naming convention, Kubernetes object names.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** `level:metric:operations`: at least three colon-separated parts, none empty (Prometheus's naming guide). */
const RECORD_CONVENTION = /^[a-zA-Z_][a-zA-Z0-9_]*(:[a-zA-Z_][a-zA-Z0-9_]*){2,}$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A label name Prometheus accepts in rule labels (`[a-zA-Z_][a-zA-Z0-9_]*`). */
export const isValidLabelName = (name: string): boolean => LABEL_NAME.test(name);
/** A metric name Prometheus accepts as a record name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). */
export const isValidMetricName = (name: string): boolean => METRIC_NAME.test(name);
/** A record name in the `level:metric:operations` form. */
export const followsRecordConvention = (name: string): boolean => RECORD_CONVENTION.test(name);
/** A Kubernetes DNS-1123 label: lower-case letters, digits and `-`, at most 63 characters. */
export const isDnsLabel = (name: string): boolean =>
  typeof name === 'string' && name.length <= 63 && DNS_LABEL.test(name);
/** A Kubernetes DNS-1123 subdomain (most object names): labels joined by `.`, at most 253 characters. */
export function isDnsSubdomain(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 253 &&
    name.split('.').every((l) => l.length <= 63 && DNS_LABEL.test(l))
  );
}

/** A label value Prometheus accepts: any valid UTF-8, which a JS string is unless it holds a lone surrogate. */
export function isValidLabelValue(value: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
}
