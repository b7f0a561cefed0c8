/**
 * The AIaaS and SmartCloudOps policies on the charts that hold those systems' alert rules (examples/aiaas and
 * examples/smartcloudops index.ts): with the example label sets switched off, every real alert must reach its
 * receiver, and amtool must agree.
 */
import * as path from 'path';
import { WatchkeeperApp } from '../../src';
import { NotificationPolicy, UNKNOWN } from '../../src/routing';
import { AiaasChart } from '../../examples/aiaas';
import { addAiaasRouting } from '../../examples/aiaas/routing';
import { SmartCloudOpsChart } from '../../examples/smartcloudops';
import { amtoolRoutesTest, itWithAmtool, runAmtool } from '../support/amtool';
import { synthToTemp } from '../support/synth';

/** Concrete label sets of a policy's alerts; labels rendered from templates are dropped (amtool needs values). */
function labelSets(policy: NotificationPolicy): Array<Record<string, string>> {
  return policy
    .declaredAlerts()
    .map((a) => Object.fromEntries([...a.labels].filter(([, v]) => v !== UNKNOWN)) as Record<string, string>);
}

describe("routing the example charts' own alerts", () => {
  const app = new WatchkeeperApp();
  const aiaas = addAiaasRouting(new AiaasChart(app), { alerts: [] });
  const sco = new SmartCloudOpsChart(app).routing;
  const dist = synthToTemp(app); // synth passes: every alert routed, every route used, severities known

  it('routes every AIaaS alert by its severity', () => {
    const expected: Record<string, string> = {
      critical: 'aiaas-oncall-pagerduty',
      warning: 'aiaas-alerts-slack',
      info: 'aiaas-info-email',
    };
    const sets = labelSets(aiaas);
    expect(sets.length).toBeGreaterThan(0);
    for (const labels of sets)
      expect({ labels, receivers: aiaas.resolve(labels).receivers }).toEqual({
        labels,
        receivers: [expected[labels.severity]],
      });
  });

  it('routes every SmartCloudOps alert by area and severity', () => {
    const sets = labelSets(sco);
    expect(sets.length).toBeGreaterThan(0);
    for (const labels of sets) {
      const area = `${labels.area}-alerts`;
      const expected =
        labels.severity === 'critical'
          ? ['smartcloudops-oncall', area]
          : labels.severity === 'low'
            ? ['smartcloudops-backlog']
            : [area];
      expect({ labels, receivers: sco.resolve(labels).receivers }).toEqual({ labels, receivers: expected });
    }
  });

  itWithAmtool('amtool agrees on every alert', () => {
    for (const [policy, name] of [
      [aiaas, 'aiaas-routing'],
      [sco, 'smartcloudops-routing'],
    ] as const) {
      const file = path.join(dist, 'alertmanager', `${name}.yml`);
      expect(runAmtool(['check-config', file]).status).toBe(0);
      for (const labels of labelSets(policy)) {
        expect({ labels, receivers: amtoolRoutesTest(file, labels).receivers }).toEqual({
          labels,
          receivers: policy.resolve(labels).receivers.join(','),
        });
      }
    }
  });
});
