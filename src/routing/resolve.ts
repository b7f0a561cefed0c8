/**
 * Alertmanager's route matching (dispatch/route.go, `Route.Match`), as a pure function:
 * - a route takes an alert when all its matchers match (the root takes every alert);
 * - its children are tried in order; the first that takes the alert wins, unless it has `continue`, in which
 *   case the following siblings are tried too;
 * - a route none of whose children took the alert is itself a result;
 * - a child without a receiver uses its parent's.
 * Label values known only when the alert fires (templates) are UNKNOWN; a matcher on one may go either way, so
 * resolution returns every outcome that is possible.
 */
import { LabelValue, Tristate, matchAll } from './matcher';
import { Route } from './route';

/** A route of the tree with what it inherits: its path, depth and effective receiver. */
export interface RouteNode {
  readonly route: Route;
  /** `routes[1].routes[0]`; the root is `route`. */
  readonly path: string;
  /** The receiver's name, inherited from the nearest ancestor that sets one. */
  readonly receiver: string;
  readonly children: readonly RouteNode[];
  readonly parent?: RouteNode;
}

/** Indexes a route tree: paths and effective receivers. The root must have a receiver. */
export function indexRoutes(root: Route): RouteNode {
  const build = (route: Route, path: string, inherited: string, parent?: RouteNode): RouteNode => {
    const node: { route: Route; path: string; receiver: string; children: RouteNode[]; parent?: RouteNode } = {
      route,
      path,
      receiver: route.receiver?.name ?? inherited,
      children: [],
      parent,
    };
    route.routes.forEach((c, i) =>
      node.children.push(build(c, `${path === 'route' ? '' : `${path}.`}routes[${i}]`, node.receiver, node)),
    );
    return node;
  };
  return build(root, 'route', root.receiver?.name ?? '');
}

/** Every node of the tree, depth first, in order. */
export function allRouteNodes(root: RouteNode): RouteNode[] {
  return [root, ...root.children.flatMap(allRouteNodes)];
}

/** One way an alert can be routed. */
export interface Resolution {
  /** The routes that notify, in order (more than one only through `continue`). */
  readonly routes: readonly RouteNode[];
  /** Their receivers, in order: what `amtool config routes test` prints, comma-separated. */
  readonly receivers: readonly string[];
  /** Every route that took the alert on the way, the root included. */
  readonly visited: ReadonlySet<RouteNode>;
  /** False when the outcome depends on a label value known only when the alert fires. */
  readonly certain: boolean;
}

interface Branch {
  finals: RouteNode[];
  visited: Set<RouteNode>;
  certain: boolean;
  stopped: boolean;
}

/** Thrown when an alert's unknown labels make more outcomes possible than the limit. */
export class TooManyOutcomesError extends Error {}

/**
 * Every possible routing of an alert with these labels (exactly one when no value is UNKNOWN).
 * A label absent from the map reads as "", as in Alertmanager.
 * @throws TooManyOutcomesError past `limit` outcomes
 */
export function resolveRoutes(root: RouteNode, labels: ReadonlyMap<string, LabelValue>, limit = 256): Resolution[] {
  const walk = (node: RouteNode, isRoot: boolean): Branch[] => {
    const m: Tristate = isRoot ? true : matchAll(node.route.matchers, labels);
    if (m === false) return [{ finals: [], visited: new Set(), certain: true, stopped: false }];
    const out: Branch[] = [];
    if (m === 'unknown') out.push({ finals: [], visited: new Set(), certain: false, stopped: false });
    let states: Branch[] = [{ finals: [], visited: new Set([node]), certain: m === true, stopped: false }];
    for (const child of node.children) {
      const next: Branch[] = [];
      for (const s of states) {
        if (s.stopped) {
          next.push(s);
          continue;
        }
        for (const b of walk(child, false)) {
          const visited = new Set([...s.visited, ...b.visited]);
          const certain = s.certain && b.certain;
          if (b.finals.length === 0) next.push({ finals: s.finals, visited, certain, stopped: false });
          else next.push({ finals: [...s.finals, ...b.finals], visited, certain, stopped: !child.route.continue });
        }
      }
      states = dedupe(next, limit);
    }
    for (const s of states)
      out.push({
        finals: s.finals.length > 0 ? s.finals : [node],
        visited: s.visited,
        certain: s.certain,
        stopped: false,
      });
    return dedupe(out, limit);
  };
  return walk(root, true).map((b) => ({
    routes: b.finals,
    receivers: b.finals.map((n) => n.receiver),
    visited: b.visited,
    certain: b.certain,
  }));
}

/** Branches with the same results and state are one: union what they visited. */
function dedupe(branches: Branch[], limit: number): Branch[] {
  const byKey = new Map<string, Branch>();
  for (const b of branches) {
    const key = `${b.stopped}|${b.finals.map((f) => f.path).join(',')}`;
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...b, visited: new Set(b.visited) });
    else {
      for (const v of b.visited) seen.visited.add(v);
      seen.certain = seen.certain && b.certain;
    }
  }
  if (byKey.size > limit) throw new TooManyOutcomesError(`more than ${limit} possible routings`);
  return [...byKey.values()];
}

/** The routing of an alert whose labels are all known: what Alertmanager (and amtool) does with it. */
export function resolveRoute(root: RouteNode, labels: Readonly<Record<string, string>>): Resolution {
  const [only] = resolveRoutes(root, new Map(Object.entries(labels)));
  return only;
}
