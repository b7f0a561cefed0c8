/** What a service declares once and every add* call applies: its labels and its runbook links. */

/**
 * The labels a service puts on every alert: its shared labels, `team`, and `service` when the construct
 * underneath does not set it itself (Slo and ThresholdMetric do).
 */
export function serviceLabels(
  props: { readonly service: string; readonly team?: string; readonly labels?: Readonly<Record<string, string>> },
  withService: boolean,
): Record<string, string> {
  return {
    ...props.labels,
    ...(props.team !== undefined ? { team: props.team } : {}),
    ...(withService ? { service: props.service } : {}),
  };
}

/** `CheckoutLatencyP99` → `checkout-latency-p99`: the default runbook anchor of an alert. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/**
 * The runbook link of an alert: `runbook` when it is a whole URL; else `<base>#<anchor>` with the anchor
 * `runbook` names (a leading `#` is optional) or the alert's name in kebab case; undefined without a base.
 */
export function runbookLink(
  base: string | undefined,
  runbook: string | undefined,
  alertName: string,
): string | undefined {
  if (runbook !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(runbook)) return runbook;
  if (base === undefined) return undefined;
  const anchor = runbook !== undefined ? runbook.replace(/^#/, '') : kebabCase(alertName);
  return `${base.replace(/#.*$/, '')}#${anchor}`;
}

/** `checkout-api` → `CheckoutApi`: a service's name as an alert-name prefix. */
export function pascalName(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
