/**
 * Routing as prometheus-operator applies an AlertmanagerConfig: under its default matcher strategy,
 * OnNamespace, only alerts labelled namespace="<the config's namespace>" reach the config's receivers. Synth
 * checks that, and amtool on the configuration the operator generates agrees.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { PrometheusRule, RuleGroup, ThresholdMetric, WatchkeeperApp } from '../../src';
import { toYaml } from '../../src/core';
import { MatcherStrategy, NotificationPolicy, Receiver, UNKNOWN } from '../../src/routing';
import { buildExamplesApp } from '../../examples/app';
import { amtoolRoutesTest, itWithAmtool, runAmtool } from '../support/amtool';
import { readTree, tempDir } from '../support/synth';

const errors = new ThresholdMetric({
  metric: 'sum(rate(http_requests_total{code=~"5.."}[5m]))',
  alert: 'ShopErrors',
  description: 'Errors',
  unit: 'reqps',
  direction: 'above',
  thresholds: { critical: 5 },
});

function shop(options: { strategy?: MatcherStrategy; alertmanagerNamespace?: string; label?: boolean } = {}): {
  app: WatchkeeperApp;
  policy: NotificationPolicy;
} {
  const app = new WatchkeeperApp();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const group = new RuleGroup('shop').add(errors);
  group.addAlert({ alert: 'ShopTargetDown', expr: 'up{job="shop"} == 0', labels: { severity: 'critical' } }); // keeps its series' namespace
  new PrometheusRule(chart, 'rules', { groups: [group] });
  const policy = new NotificationPolicy(chart, 'routing', {
    matcherStrategy: options.strategy,
    alertmanagerNamespace: options.alertmanagerNamespace,
  });
  policy.addRoute({
    matchers: ['severity="critical"'],
    receiver: Receiver.webhook('pager', { url: 'https://pager.example.com/hook' }),
  });
  if (options.label) PrometheusRule.labelAlertsWithNamespace(chart);
  return { app, policy };
}

const synthError = (app: WatchkeeperApp): string => {
  try {
    app.synthesizeFiles();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('NotificationPolicy matcherStrategy', () => {
  it('fails synth by default (OnNamespace), naming the alerts that would be dropped and the fix', () => {
    const message = synthError(shop().app);
    expect(message).toMatch(
      /\[shop\/routing\] matcherStrategy: prometheus-operator routes this AlertmanagerConfig only alerts with namespace="shop", and 1 alert cannot carry it .*: ShopErrors/,
    );
    expect(message).toContain('PrometheusRule.labelAlertsWithNamespace(chart)');
    expect(message).not.toContain('ShopTargetDown'); // its series carry namespace
  });

  it.each([
    ['None', { strategy: 'None' as const }],
    [
      "OnNamespaceExceptForAlertmanagerNamespace in the Alertmanager's namespace",
      { strategy: 'OnNamespaceExceptForAlertmanagerNamespace' as const, alertmanagerNamespace: 'shop' },
    ],
    ['labelAlertsWithNamespace', { label: true }],
  ])('passes with %s', (_what, options) => {
    expect(synthError(shop(options).app)).toBe('');
  });

  it("still fails under OnNamespaceExceptForAlertmanagerNamespace outside the Alertmanager's namespace", () => {
    expect(
      synthError(
        shop({ strategy: 'OnNamespaceExceptForAlertmanagerNamespace', alertmanagerNamespace: 'monitoring' }).app,
      ),
    ).toMatch(/ShopErrors/);
  });

  it('labelAlertsWithNamespace labels every alert in the manifest and the rule file, rule labels first', () => {
    const files = shop({ label: true }).app.synthesizeFiles();
    const ruleFile = parse(files.get('rules/shop-rules.rules.yaml') as string);
    expect(ruleFile.groups[0].rules.map((r: { labels: Record<string, string> }) => r.labels.namespace)).toEqual([
      'shop',
      'shop',
    ]);
    expect(files.get('shop.k8s.yaml')).toContain('namespace: shop');
  });

  itWithAmtool("amtool on the operator's configuration drops the unlabelled alert and routes the labelled one", () => {
    const dir = tempDir();
    const file = path.join(dir, 'operator.yml');
    fs.writeFileSync(file, toYaml(shop().policy.toOperatorConfigFile()));
    expect(runAmtool(['check-config', file]).status).toBe(0);
    expect(amtoolRoutesTest(file, { alertname: 'ShopErrors', severity: 'critical' }).receivers).toBe(
      'operator-default',
    );
    expect(amtoolRoutesTest(file, { alertname: 'ShopErrors', severity: 'critical', namespace: 'shop' }).receivers).toBe(
      'pager',
    );
    fs.writeFileSync(file, toYaml(shop({ strategy: 'None' }).policy.toOperatorConfigFile()));
    expect(amtoolRoutesTest(file, { alertname: 'ShopErrors', severity: 'critical' }).receivers).toBe('pager');
  });

  itWithAmtool(
    "amtool routes every declared alert of the examples under the operator's strategy as synth does",
    () => {
      const app = buildExamplesApp(path.join(tempDir(), 'dist'));
      app.synth();
      expect(readTree(app.outdir).size).toBeGreaterThan(0);
      const policies = app.node.findAll().filter((c): c is NotificationPolicy => c instanceof NotificationPolicy);
      expect(policies.length).toBe(3);
      for (const policy of policies) {
        const file = path.join(tempDir(), `${policy.name}.operator.yml`);
        fs.writeFileSync(file, toYaml(policy.toOperatorConfigFile()));
        expect(runAmtool(['check-config', file]).status).toBe(0);
        const ns = policy.operatorNamespaceMatcher;
        for (const alert of policy.declaredAlerts()) {
          const labels = Object.fromEntries([...alert.labels].filter(([, v]) => v !== UNKNOWN)) as Record<
            string,
            string
          >;
          // An alert without a namespace label here keeps its series' one (synth proved it can carry it).
          const sent = ns !== undefined && labels.namespace === undefined ? { ...labels, namespace: ns } : labels;
          const got = amtoolRoutesTest(file, sent).receivers;
          expect({ alert: alert.alert, got }).toEqual({
            alert: alert.alert,
            got: policy.resolve(sent).receivers.join(','),
          });
          expect(got).not.toBe('operator-default');
        }
      }
    },
    120000,
  );
});
