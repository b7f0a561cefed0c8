import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { toYaml } from '../../src/core';
import { Receiver, Route, RouteProps, UNKNOWN, indexRoutes, resolveRoute, resolveRoutes } from '../../src/routing';
import { amtoolRoutesTest, itWithAmtool, runAmtool } from '../support/amtool';
import { tempDir } from '../support/synth';

const rx = (name: string): Receiver => Receiver.none(name);

function tree(routes: RouteProps[], receiver = 'default'): ReturnType<typeof indexRoutes> {
  return indexRoutes(new Route({ receiver: rx(receiver), routes }));
}

describe("resolveRoute: Alertmanager's matching", () => {
  const t = tree([
    { matchers: ['severity="critical"'], receiver: rx('pager'), continue: true },
    {
      matchers: ['team="db"'],
      receiver: rx('db'),
      routes: [{ matchers: ['severity="warning"'], receiver: rx('db-warn') }],
    },
    { matchers: ['team="db"'], receiver: rx('db-shadowed') },
    { matchers: ['team=~"web|api"'], routes: [{ matchers: ['env="prod"'] }] },
  ]);

  it('the first matching route wins', () => {
    expect(resolveRoute(t, { team: 'db', severity: 'info' }).receivers).toEqual(['db']);
  });

  it('continue goes on to the following siblings', () => {
    expect(resolveRoute(t, { team: 'db', severity: 'critical' }).receivers).toEqual(['pager', 'db']);
    expect(resolveRoute(t, { severity: 'critical' }).receivers).toEqual(['pager']);
  });

  it('a matching child wins over its parent; without one the parent is the result', () => {
    expect(resolveRoute(t, { team: 'db', severity: 'warning' }).routes.map((r) => r.path)).toEqual([
      'routes[1].routes[0]',
    ]);
    expect(resolveRoute(t, { team: 'db' }).routes.map((r) => r.path)).toEqual(['routes[1]']);
  });

  it("children without a receiver use their parent's, up to the root", () => {
    expect(resolveRoute(t, { team: 'web', env: 'prod' }).receivers).toEqual(['default']);
    expect(resolveRoute(t, { team: 'web', env: 'prod' }).routes[0].path).toBe('routes[3].routes[0]');
  });

  it('an alert no route takes stays at the root', () => {
    const r = resolveRoute(t, { team: 'other' });
    expect(r.routes.map((n) => n.path)).toEqual(['route']);
    expect(r.receivers).toEqual(['default']);
  });

  it('records every route that took the alert on the way', () => {
    const r = resolveRoute(t, { team: 'db', severity: 'warning' });
    expect([...r.visited].map((n) => n.path).sort()).toEqual(['route', 'routes[1]', 'routes[1].routes[0]']);
  });

  it('a templated label value makes both outcomes possible', () => {
    const outcomes = resolveRoutes(
      t,
      new Map<string, string | typeof UNKNOWN>([
        ['team', UNKNOWN],
        ['severity', 'info'],
      ]),
    );
    const receivers = outcomes.map((o) => o.receivers.join(',')).sort();
    // team may be db, web/api (env is absent, so routes[3] itself), or anything else (the root). Each unknown
    // matcher is decided on its own, so the shadowed second team="db" route counts as possible too: the
    // outcomes over-approximate, never miss one.
    expect(receivers).toEqual(['db', 'db-shadowed', 'default', 'default']);
    expect(outcomes.map((o) => o.routes.map((r) => r.path).join(',')).sort()).toEqual([
      'route',
      'routes[1]',
      'routes[2]',
      'routes[3]',
    ]);
    expect(outcomes.every((o) => !o.certain)).toBe(true);
  });
});

describe('resolveRoute against amtool config routes test', () => {
  const labelNames = ['a', 'b', 'c'];
  const values = ['x', 'y', ''];

  const matcherArb = fc
    .tuple(
      fc.constantFrom(...labelNames),
      fc.constantFrom('=', '!=', '=~', '!~'),
      fc.constantFrom(...values, 'x|y', '.+', 'x.*'),
    )
    .map(([n, op, v]) => `${n}${op}"${v}"`);
  const routeArb: fc.Memo<RouteProps> = fc.memo((depth) =>
    fc.record({
      matchers: fc.array(matcherArb, { minLength: 0, maxLength: 2 }),
      receiver: fc.option(fc.constantFrom('r1', 'r2', 'r3', 'r4').map(rx), { nil: undefined }),
      continue: fc.boolean(),
      routes: depth <= 1 ? fc.constant([]) : fc.array(routeArb(depth - 1), { maxLength: 3 }),
    }),
  );
  const labelsArb = fc
    .record({ a: fc.constantFrom(...values), b: fc.constantFrom(...values), c: fc.constantFrom(...values) })
    .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== '')));

  itWithAmtool('agrees on the receivers of generated trees and label sets', () => {
    const dir = tempDir('wk-resolve-');
    const cases = fc.sample(
      fc.tuple(
        fc.array(routeArb(3), { minLength: 1, maxLength: 4 }),
        fc.array(labelsArb, { minLength: 4, maxLength: 4 }),
      ),
      { seed: 2024, numRuns: 30 },
    );
    let compared = 0;
    cases.forEach(([routes, labelSets], i) => {
      const root = new Route({ receiver: rx('default'), routes });
      const receivers = ['default', 'r1', 'r2', 'r3', 'r4'].map((name) => ({ name }));
      const file = path.join(dir, `tree-${i}.yml`);
      fs.writeFileSync(file, toYaml({ route: root.toConfigFile(), receivers }));
      expect(runAmtool(['check-config', file]).status).toBe(0);
      for (const labels of labelSets) {
        const ours = resolveRoute(indexRoutes(root), labels).receivers.join(',');
        const theirs = amtoolRoutesTest(file, labels);
        expect({ tree: i, labels, receivers: theirs.receivers }).toEqual({ tree: i, labels, receivers: ours });
        compared++;
      }
    });
    expect(compared).toBe(120);
  });
});
