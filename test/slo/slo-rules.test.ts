import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { WatchkeeperApp } from '../../src/synth';
import { Slo, SloRules, Sli } from '../../src/slo';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema } from '../support/shared';
import { synthToTemp } from '../support/synth';

const availability = new Slo({
  service: 'shop',
  name: 'availability',
  objective: 99.9,
  sli: Sli.events('errors_total', 'requests_total'),
});
const latency = new Slo({
  service: 'shop',
  name: 'latency',
  objective: 99,
  sli: Sli.latency({ histogram: 'http_duration_seconds_bucket', threshold: 0.25 }),
});

function app(): { app: WatchkeeperApp; chart: Chart } {
  const a = new WatchkeeperApp();
  return { app: a, chart: new Chart(a, 'shop', { namespace: 'shop' }) };
}

describe('SloRules', () => {
  itWithShared(
    "writes one PrometheusRule with every SLO's groups (at most 20 rules each) and the plain rule file",
    () => {
      const { app: a, chart } = app();
      const rules = new SloRules(chart, 'slos', { labels: { release: 'kube-prometheus-stack' }, slos: [availability] });
      rules.addSlo(latency);
      const dist = synthToTemp(a);
      const manifest = parseAllDocuments(fs.readFileSync(path.join(dist, 'shop.k8s.yaml'), 'utf8'))
        .map((d) => d.toJS())
        .find((m) => m.kind === 'PrometheusRule');
      expect(manifest.metadata).toEqual({
        name: 'shop-slos',
        namespace: 'shop',
        labels: { release: 'kube-prometheus-stack' },
      });
      const groups = manifest.spec.groups as Array<{ name: string; rules: unknown[] }>;
      expect(groups.map((g) => g.name)).toEqual([
        'slo-shop-availability-1',
        'slo-shop-availability-2',
        'slo-shop-latency-1',
        'slo-shop-latency-2',
      ]);
      for (const g of groups) expect(g.rules.length).toBeLessThanOrEqual(20);
      const validate = kubernetesAjv().compile(prometheusRuleSchema());
      expect(validate(manifest) ? [] : validate.errors).toEqual([]);
      const file = parse(fs.readFileSync(path.join(dist, 'rules', 'shop-slos.rules.yaml'), 'utf8'));
      expect(file.groups).toEqual(groups);
    },
  );

  it('honours maxRulesPerGroup and interval', () => {
    const { chart } = app();
    const rules = new SloRules(chart, 'slos', { slos: [availability], maxRulesPerGroup: 12, interval: '30s' });
    const groups = rules.prometheusRule.ruleGroups;
    expect(groups.map((g) => g.rules.length)).toEqual([12, 12, 8]);
    expect(groups.every((g) => g.props.interval === '30s')).toBe(true);
  });

  it('refuses two SLOs with the same service and name anywhere in the app, at synth, with the construct path', () => {
    const { app: a, chart } = app();
    new SloRules(chart, 'one', { slos: [availability] });
    new SloRules(chart, 'two', { slos: [availability.with({ objective: 99.5 })] });
    expect(() => a.synthesizeFiles()).toThrow(
      /\[shop\/two\] slos: another SLO with this service and name is declared at shop\/one/,
    );
  });

  itWithPromtool('its rule file passes promtool check rules', () => {
    const { app: a, chart } = app();
    new SloRules(chart, 'slos', { slos: [availability, latency] });
    const dist = synthToTemp(a);
    const r = runPromtool(['check', 'rules', path.join(dist, 'rules', 'shop-slos.rules.yaml')]);
    expect(r.output).toMatch(/SUCCESS: 64 rules found/);
  });
});
