/**
 * The route tree: which receiver an alert's labels reach, how alerts are grouped and how often they are
 * re-sent. A value, mutable only by adding child routes (until synthesis), like a RuleGroup.
 */
import { Problem, ProblemList, omitEmpty, reportProblems } from '../core';
import { Duration, parseDuration } from '../promql';
import { isValidLabelName } from '../core';
import { Matcher, MatcherInput, formatMatchers, parseMatcher } from './matcher';
import { Receiver } from './receiver';
import { TimeInterval } from './time-interval';

/** Grouping and timing, set on a route and inherited by its children unless they set their own. */
export interface RouteTiming {
  /**
   * Labels whose values split alerts into notification groups; `['...']` groups by every label.
   * @default the parent's (the policy's root: ['alertname', 'service'])
   */
  readonly groupBy?: readonly string[];
  /** How long to wait to send the first notification of a new group. @default the parent's (root: '30s') */
  readonly groupWait?: Duration;
  /** How long to wait before notifying about alerts added to a group. @default the parent's (root: '5m') */
  readonly groupInterval?: Duration;
  /** How long to wait before re-sending a notification still firing. @default the parent's (root: '4h') */
  readonly repeatInterval?: Duration;
}

/** A route: the alerts it takes (matchers), where they go, and its own child routes. */
export interface RouteProps extends RouteTiming {
  /**
   * Label matchers, all of which must match: `'severity="critical"'`, `'team=~"db|platform"'`, `'env!="dev"'`,
   * or Matcher values. @default [] (every alert that reaches this level)
   */
  readonly matchers?: readonly MatcherInput[];
  /** The receiver. @default the parent route's */
  readonly receiver?: Receiver;
  /**
   * Whether an alert this route takes goes on to be matched by the following sibling routes too.
   * @default false: the first matching route wins
   */
  readonly continue?: boolean;
  /** The route notifies only inside these intervals (Alertmanager >= 0.24). @default always */
  readonly activeTimeIntervals?: readonly TimeInterval[];
  /** The route is silent inside these intervals. @default never */
  readonly muteTimeIntervals?: readonly TimeInterval[];
  /** Child routes, tried in order. More can be added with addRoute. @default [] */
  readonly routes?: readonly RouteProps[];
  /**
   * Allow this route to match none of the alerts the policy checks (e.g. it is for alerts defined outside this
   * app). @default false: a route no alert reaches fails synthesis
   */
  readonly allowNoAlerts?: boolean;
}

/** A route of the tree. */
export class Route {
  /**
   * Whether the props were refused: the problems were reported (to the app being declared, or thrown without
   * one), and policies holding this skip their synth checks rather than report the same mistake again.
   */
  readonly refused: boolean;
  readonly matchers: readonly Matcher[];
  private readonly children: Route[] = [];

  /** @throws WatchkeeperError naming the field and value when a matcher, duration or label name is malformed */
  constructor(readonly props: RouteProps) {
    const found = new ProblemList('Route');
    const matchers: Matcher[] = [];
    (props.matchers ?? []).forEach((input, i) => {
      if (input instanceof Matcher) {
        matchers.push(input);
        return;
      }
      const r =
        typeof input === 'string'
          ? parseMatcher(input)
          : { ok: false as const, error: 'a matcher must be a string or a Matcher' };
      if (r.ok) matchers.push(r.matcher);
      else
        found.add(
          `matchers[${i}]`,
          input,
          r.error,
          'write name="value", name!="value", name=~"regex" or name!~"regex"',
        );
    });
    this.matchers = matchers;
    // Named by the matchers as written (a malformed one included) and its receiver, so the route is found.
    const written = (props.matchers ?? []).map((m) => (m instanceof Matcher ? m.toString() : String(m)));
    const where = `Route {${written.join(', ')}}${props.receiver ? ` (receiver "${props.receiver.name}")` : ''}`;
    found.addAll(checkTiming(where, props));
    this.refused = reportProblems(
      found.problems.map((p) => ({ ...p, where })),
      where,
    );
    for (const child of props.routes ?? []) this.children.push(new Route(child));
  }

  /** Adds a child route (tried after the ones already there) and returns it, to add routes under it. */
  addRoute(props: RouteProps): Route {
    const route = new Route(props);
    this.children.push(route);
    return route;
  }

  /** The child routes, in the order they are tried. */
  get routes(): readonly Route[] {
    return this.children;
  }

  /** The receiver set on this route, if any (children without one inherit the parent's). */
  get receiver(): Receiver | undefined {
    return this.props.receiver;
  }

  /** Whether matching goes on to the next sibling after this route matched. */
  get continue(): boolean {
    return this.props.continue === true;
  }

  /** `{severity="critical"}`, as amtool prints routes. */
  describe(): string {
    return formatMatchers(this.matchers);
  }

  /** The route (and its children) as alertmanager.yml writes it. */
  toConfigFile(): Record<string, unknown> {
    const p = this.props;
    return omitEmpty({
      receiver: p.receiver?.name,
      group_by: p.groupBy && [...p.groupBy],
      continue: p.continue,
      matchers: this.matchers.length > 0 ? this.matchers.map((m) => m.toString()) : undefined,
      group_wait: p.groupWait,
      group_interval: p.groupInterval,
      repeat_interval: p.repeatInterval,
      mute_time_intervals: names(p.muteTimeIntervals),
      active_time_intervals: names(p.activeTimeIntervals),
      routes: this.children.length > 0 ? this.children.map((c) => c.toConfigFile()) : undefined,
    });
  }

  /** The route (and its children) as the AlertmanagerConfig CRD writes it. */
  toCrd(): Record<string, unknown> {
    const p = this.props;
    return omitEmpty({
      receiver: p.receiver?.name,
      groupBy: p.groupBy && [...p.groupBy],
      continue: p.continue,
      matchers: this.matchers.length > 0 ? this.matchers.map((m) => m.toCrd()) : undefined,
      groupWait: p.groupWait,
      groupInterval: p.groupInterval,
      repeatInterval: p.repeatInterval,
      muteTimeIntervals: names(p.muteTimeIntervals),
      activeTimeIntervals: names(p.activeTimeIntervals),
      routes: this.children.length > 0 ? this.children.map((c) => c.toCrd()) : undefined,
    });
  }
}

/** Problems with grouping labels and durations, as Alertmanager 0.25 and the CRD's duration pattern see them. */
export function checkTiming(where: string, t: RouteTiming): Problem[] {
  const found = new ProblemList(where);
  if (t.groupBy !== undefined) {
    const seen = new Set<string>();
    t.groupBy.forEach((l, i) => {
      if (l === '...') {
        if (t.groupBy && t.groupBy.length > 1)
          found.add(
            `groupBy[${i}]`,
            t.groupBy,
            '"..." (every label) cannot be combined with other labels',
            "use ['...'] alone or list labels",
          );
      } else if (!isValidLabelName(l)) {
        found.add(`groupBy[${i}]`, l, 'not a label name', 'use [a-zA-Z_][a-zA-Z0-9_]*');
      }
      if (seen.has(l)) found.add(`groupBy[${i}]`, l, 'duplicated label in groupBy', 'list each label once');
      seen.add(l);
    });
  }
  for (const field of ['groupWait', 'groupInterval', 'repeatInterval'] as const) {
    const v: string | undefined = t[field];
    if (v === undefined) continue;
    // "0" alone is a Go duration but not one the CRD's pattern accepts; "0s" is both.
    const d =
      typeof v === 'string' && v !== '0'
        ? parseDuration(v)
        : { ok: false as const, error: `not a duration: ${JSON.stringify(v)}` };
    if (!d.ok)
      found.add(
        field,
        v,
        d.error,
        'write a duration such as "30s", "5m" or "4h" (units y, w, d, h, m, s, ms in that order)',
      );
    else if (d.ms === 0 && field !== 'groupWait')
      found.add(field, v, `${field} cannot be zero`, 'give a positive duration');
  }
  return found.problems;
}

function names(intervals: readonly TimeInterval[] | undefined): string[] | undefined {
  return intervals && intervals.length > 0 ? intervals.map((i) => i.name) : undefined;
}
