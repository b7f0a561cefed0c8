/**
 * Consistency between a notification policy and the alerts it routes, checked at synthesis:
 * - every alert reaches a route below the root (else it falls through to the default receiver);
 * - every route takes at least one alert; every inhibition rule can silence at least one;
 * - every severity an alert or a route uses is one the policy knows.
 */
import { Problem, ProblemList } from '../core';
import { InhibitRule } from './inhibit-rule';
import { LabelValue, Matcher, UNKNOWN, matchAll, quoteMatcherValue } from './matcher';
import { DeclaredAlert, formatLabels } from './declared-alerts';
import { Resolution, RouteNode, TooManyOutcomesError, allRouteNodes, resolveRoutes } from './resolve';

/** What the checks need to know about the policy. */
export interface PolicyCheckInput {
  /** Construct path of the policy, for messages. */
  readonly where: string;
  readonly root: RouteNode;
  readonly alerts: readonly DeclaredAlert[];
  readonly inhibitRules: readonly InhibitRule[];
  readonly severities: readonly string[];
  readonly severityLabel: string;
  /** Whether alerts may fall through to the root's (default) receiver. */
  readonly allowDefaultReceiver: boolean;
  /** Where the alerts were looked for, for the message when there are none. */
  readonly alertScope: string;
}

/** Every inconsistency between the policy and its alerts. */
export function checkPolicy(input: PolicyCheckInput): Problem[] {
  const { where, root, alerts, severities, severityLabel } = input;
  const found = new ProblemList(where);
  const nodes = allRouteNodes(root);

  // Severities named by routes and inhibition rules must be known, whatever the alerts.
  for (const node of nodes.slice(1)) {
    for (const m of node.route.matchers)
      found.addAll(unknownSeverityMatcher(where, `${node.path}.matchers`, m, severityLabel, severities));
  }
  input.inhibitRules.forEach((rule, i) => {
    for (const m of [...rule.source, ...rule.target])
      found.addAll(unknownSeverityMatcher(where, `inhibitRules[${i}]`, m, severityLabel, severities));
  });

  if (alerts.length === 0) {
    found.add(
      'alerts',
      [],
      `no alerts to route: no PrometheusRule under ${input.alertScope} has an alerting rule and no alerts were listed`,
      'add the PrometheusRules to the same chart, widen alertScope, or list the alerts the policy routes in `alerts`',
    );
    return found.problems;
  }

  const reached = new Set<RouteNode>();
  const resolutions = new Map<DeclaredAlert, Resolution[]>();
  // An alert without a known severity is reported once, for that; routing it (no route, routes left unused)
  // would only report the same mistake again.
  let unrouted = 0;
  for (const alert of alerts) {
    const severity = alert.labels.get(severityLabel);
    if (severity === undefined) {
      found.add(
        'severities',
        alert.alert,
        `alert "${alert.alert}" ${formatLabels(alert.labels)} (${alert.source}) has no ${severityLabel} label`,
        `give it a ${severityLabel} label, one of ${severities.join(', ')}`,
      );
      unrouted++;
      continue;
    } else if (severity !== UNKNOWN && !severities.includes(severity)) {
      const meant = severities.find(
        (s) => s.length > 2 && (s.startsWith(severity.slice(0, 3)) || severity.startsWith(s.slice(0, 3))),
      );
      found.add(
        'severities',
        severity,
        `alert "${alert.alert}" (${alert.source}) has ${severityLabel} "${severity}", which the policy does not know (known: ${severities.join(', ')})`,
        meant ? `write "${meant}"` : `use one of them, or add "${severity}" to the policy's severities and route it`,
      );
      unrouted++;
      continue;
    }
    let outcomes: Resolution[];
    try {
      outcomes = resolveRoutes(root, alert.labels);
    } catch (e) {
      if (!(e instanceof TooManyOutcomesError)) throw e;
      found.add(
        'routes',
        alert.alert,
        `alert "${alert.alert}" (${alert.source}): its templated labels make ${e.message}`,
        'route on labels with fixed values',
      );
      continue;
    }
    resolutions.set(alert, outcomes);
    for (const o of outcomes) for (const v of o.visited) reached.add(v);
    if (!input.allowDefaultReceiver && outcomes.every((o) => o.routes.length === 1 && o.routes[0] === root)) {
      found.add(
        'routes',
        alert.alert,
        `alert "${alert.alert}" ${formatLabels(alert.labels)} (${alert.source}) matches no route and would fall through to the default receiver "${root.receiver}". Routes tried: ${root.children.length === 0 ? 'none (the policy has no routes)' : root.children.map((c) => `${c.path} ${c.route.describe()} -> ${c.receiver}: ${whyNot(c.route.matchers, alert.labels)}`).join('; ')}`,
        'add a route whose matchers match its labels, change its labels, or set allowDefaultReceiver: true on the policy',
      );
    }
  }

  for (const node of nodes.slice(1)) {
    if (unrouted > 0 || reached.has(node) || node.route.props.allowNoAlerts) continue;
    found.add(
      node.path,
      node.route.describe(),
      `route ${node.route.describe()} -> ${node.receiver} takes none of the ${alerts.length} alerts${shadowedBy(node, alerts, resolutions)}`,
      'fix its matchers, reorder the routes (or set continue: true on the earlier route), remove it, or set allowNoAlerts: true if its alerts are defined elsewhere',
    );
  }

  input.inhibitRules.forEach((rule, i) => {
    if (rule.props.allowNoAlerts || canInhibit(rule, alerts)) return;
    found.add(
      `inhibitRules[${i}]`,
      rule.describe(),
      `inhibition rule ${rule.describe()} silences none of the ${alerts.length} alerts: no pair of alerts matches its source and target with equal labels`,
      'fix its matchers or equal labels, remove it, or set allowNoAlerts: true',
    );
  });
  return found.problems;
}

/** Why a route's matchers refuse an alert: the first matcher that fails. */
function whyNot(matchers: readonly Matcher[], labels: ReadonlyMap<string, LabelValue>): string {
  for (const m of matchers) {
    const v = labels.get(m.name) ?? '';
    if (m.test(v) === false)
      return `${m.toString()} does not match ${v === '' ? `(no ${m.name} label)` : `${m.name}=${quoteMatcherValue(v as string)}`}`;
  }
  return 'matches';
}

/** When alerts pass a route's matchers (and its ancestors') but earlier routes take them first: which. */
function shadowedBy(
  node: RouteNode,
  alerts: readonly DeclaredAlert[],
  resolutions: ReadonlyMap<DeclaredAlert, Resolution[]>,
): string {
  const chain: RouteNode[] = [];
  for (let n: RouteNode | undefined = node; n && n.parent; n = n.parent) chain.unshift(n);
  const accepted = alerts.filter((a) => chain.every((n) => matchAll(n.route.matchers, a.labels) !== false));
  if (accepted.length === 0) return '';
  const first = accepted[0];
  const taken = (resolutions.get(first) ?? []).flatMap((r) => r.routes).map((r) => `${r.path} ${r.route.describe()}`);
  const names =
    accepted
      .slice(0, 3)
      .map((a) => `"${a.alert}"`)
      .join(', ') + (accepted.length > 3 ? ` and ${accepted.length - 3} more` : '');
  return `: its matchers accept ${names}, but earlier routes take them first ("${first.alert}" goes to ${[...new Set(taken)].join(', ')})`;
}

/** Whether some source alert can silence some other target alert under the rule. */
function canInhibit(rule: InhibitRule, alerts: readonly DeclaredAlert[]): boolean {
  const sources = alerts.filter((a) => matchAll(rule.source, a.labels) !== false);
  const targets = alerts.filter((a) => matchAll(rule.target, a.labels) !== false);
  return sources.some((s) =>
    targets.some(
      (t) =>
        t !== s &&
        rule.equal.every((l) => {
          const a = s.labels.get(l) ?? '';
          const b = t.labels.get(l) ?? '';
          return a === UNKNOWN || b === UNKNOWN || a === b;
        }),
    ),
  );
}

/** A severity matcher that can match no known severity (a typo such as severity="critcal"). */
function unknownSeverityMatcher(
  where: string,
  field: string,
  m: Matcher,
  label: string,
  severities: readonly string[],
): Problem[] {
  if (m.name !== label) return [];
  if (m.type === '=' && !severities.includes(m.value)) {
    return [
      {
        where,
        field,
        value: m.toString(),
        message: `matches ${label} "${m.value}", which the policy does not know (known: ${severities.join(', ')})`,
        fix: `use a known severity, or add "${m.value}" to the policy's severities`,
      },
    ];
  }
  if (m.type === '=~' && !severities.some((s) => m.matches(s))) {
    return [
      {
        where,
        field,
        value: m.toString(),
        message: `matches none of the severities the policy knows (${severities.join(', ')})`,
        fix: "fix the regex, or add the severity to the policy's severities",
      },
    ];
  }
  return [];
}
