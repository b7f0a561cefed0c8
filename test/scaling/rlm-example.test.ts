import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { WatchkeeperApp } from '../../src';
import { checkPromQL } from '../../src/entrypoints/promql';
import { AdapterRule, fillMetricsQuery, sampleTemplateValues } from '../../src/scaling';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { OctoLlmChart } from '../../examples/octollm';
import { AiaasChart } from '../../examples/aiaas';
import { SmartCloudOpsChart } from '../../examples/smartcloudops';
import { kubernetesAjv } from '../support/ajv';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, prometheusRuleSchema } from '../support/shared';
import { synthToTemp, tempDir } from '../support/synth';
import { hpaSchemaErrors, seedCapacityTable, seedHpa } from './support';

function synthRlm(): { dist: string; manifests: Array<Record<string, any>> } {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  const dist = synthToTemp(app);
  const manifests = parseAllDocuments(fs.readFileSync(path.join(dist, 'rlm-hypervisor.k8s.yaml'), 'utf8')).map((d) =>
    d.toJS(),
  );
  return { dist, manifests };
}

/** Every example's manifests, synthesized as `npm run synth` would (one chart each). */
function allExampleManifests(): Array<Record<string, any>> {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  new OctoLlmChart(app); // its HPA is declared on the chart's ServiceMonitoring
  new AiaasChart(app); // the realtime HPA, beside the chart's rules and dashboard
  new SmartCloudOpsChart(app); // its HPA is the service's (ServiceMonitoring.addAutoscaling)
  const files = app.synthesizeFiles();
  return [...files.entries()]
    .filter(([f]) => f.endsWith('.k8s.yaml'))
    .flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()));
}

describe('examples/rlm-hypervisor/scaling', () => {
  const { dist, manifests } = synthRlm();
  const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');
  // The capacity group of the service's rule file, as a rule file of its own.
  const capacityGroup = parse(
    fs.readFileSync(path.join(dist, 'rules', 'rlm-hypervisor.rules.yaml'), 'utf8'),
  ).groups.find((g: { name: string }) => g.name === 'rlm-hypervisor-capacity');
  const ruleFile = path.join(tempDir(), 'capacity.rules.yaml');
  fs.writeFileSync(ruleFile, stringify({ groups: [capacityGroup] }));

  itWithShared("reproduces the seed's hpa.yaml field for field (read from ../shared/seeds at test time)", () => {
    const seedManifest = seedHpa();
    const ours = hpas.find((h) => h.metadata.name === 'rlm-api-hpa');
    expect(ours).toEqual(seedManifest);
    // The number the high-level cdk8s-plus construct gets wrong stays a string here.
    expect(typeof (ours as any).spec.metrics[1].pods.target.averageValue).toBe('string');
  });

  itWithShared('the field-for-field comparison can fail (a changed seed value is noticed)', () => {
    const seedManifest = seedHpa() as any;
    const ours = JSON.parse(JSON.stringify(hpas.find((h) => h.metadata.name === 'rlm-api-hpa')));
    ours.spec.metrics[1].pods.target.averageValue = 10;
    expect(ours).not.toEqual(seedManifest);
    const extra = JSON.parse(JSON.stringify(seedManifest));
    extra.metadata.labels = { app: 'rlm' };
    expect(hpas.find((h) => h.metadata.name === 'rlm-api-hpa')).not.toEqual(extra);
  });

  itWithShared("writes one HPA per capacity table row, with the table's Max and Scale Up numbers", () => {
    const rows = seedCapacityTable();
    expect(rows.map((r) => r[0])).toEqual(['API Pods', 'OOLONG Pods', 'Quota Manager']);
    const byName = new Map(hpas.map((h) => [h.metadata.name, h]));
    const expectations: Array<[string, string]> = [
      ['rlm-api-hpa', 'API Pods'],
      ['rlm-oolong-hpa', 'OOLONG Pods'],
      ['rlm-quota-manager-hpa', 'Quota Manager'],
    ];
    for (const [name, resource] of expectations) {
      const row = rows.find((r) => r[0] === resource) as string[];
      const hpa = byName.get(name) as any;
      expect(hpa.spec.maxReplicas).toBe(Number(row[3]));
      const scaleUp = Number(/(\d+)/.exec(row[1])?.[1]);
      const target =
        hpa.spec.metrics[0][hpa.spec.metrics[0].type.charAt(0).toLowerCase() + hpa.spec.metrics[0].type.slice(1)]
          .target;
      expect(target.averageUtilization ?? Number(target.averageValue ?? target.value)).toBe(scaleUp);
    }
  });

  it('writes the prometheus-adapter ConfigMap exposing every custom metric the HPAs use', () => {
    const cm = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-adapter') as any;
    expect(cm.metadata).toEqual({ name: 'prometheus-adapter', namespace: 'monitoring' });
    const config = parse(cm.data['config.yaml']);
    const custom = hpas.flatMap((h) => h.spec.metrics).filter((m: any) => m.type !== 'Resource');
    for (const m of custom) {
      const list = m.type === 'External' ? config.externalRules : config.rules;
      const name = (m.pods ?? m.external ?? m.object).metric.name;
      expect(list.map((r: any) => r.name.as)).toContain(name);
    }
    expect(config.rules.map((r: any) => r.name.as).sort()).toEqual(['rlm_active_agents', 'rlm_api_latency_p99']);
    expect(config.externalRules.map((r: any) => r.name.as)).toEqual(['rlm_queue_depth']);
    expect(config.rules[0]).toEqual({
      seriesQuery: 'rlm_active_agents{namespace!="",pod!=""}',
      resources: { overrides: { namespace: { resource: 'namespace' }, pod: { resource: 'pod' } } },
      name: { matches: '^rlm_active_agents$', as: 'rlm_active_agents' },
      metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)',
    });
  });

  itWithShared('the capacity PrometheusRule validates against the CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    const rule = manifests.find((m) => m.kind === 'PrometheusRule');
    expect(validate(rule) ? [] : validate.errors).toEqual([]);
  });

  it('has all four capacity alerts for every row', () => {
    const alerts = parse(fs.readFileSync(ruleFile, 'utf8'))
      .groups[0].rules.filter((r: any) => r.alert)
      .map((r: any) => r.alert);
    for (const prefix of ['RlmApi', 'RlmOolong', 'RlmQuotaManager']) {
      expect(alerts).toEqual(
        expect.arrayContaining([
          `${prefix}AtMaxReplicas`,
          `${prefix}ScaleUpLevelBreachedAtMax`,
          `${prefix}OverProvisioned`,
          `${prefix}CapacityForecastAboveMax`,
        ]),
      );
    }
  });

  it('synthesizes byte-identical output twice', () => {
    const again = synthRlm().dist;
    for (const f of ['rlm-hypervisor.k8s.yaml', path.join('rules', 'rlm-hypervisor.rules.yaml')]) {
      expect(fs.readFileSync(path.join(again, f), 'utf8')).toBe(fs.readFileSync(path.join(dist, f), 'utf8'));
    }
  });

  itWithPromtool('the capacity rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', ruleFile]);
    expect(r.output).toMatch(/SUCCESS: 15 rules found/);
    expect(r.status).toBe(0);
  });
});

describe('every example HPA', () => {
  const manifests = allExampleManifests();
  const hpas = manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler');

  it("covers the RLM rows and the other seeds' manual scale commands", () => {
    expect(hpas.map((h) => `${h.metadata.namespace}/${h.metadata.name}`).sort()).toEqual([
      'octollm/orchestrator',
      'production/realtime',
      'rlm-production/rlm-api-hpa',
      'rlm-production/rlm-oolong-hpa',
      'rlm-production/rlm-quota-manager-hpa',
      'smartcloudops/smartcloudops-api',
    ]);
  });

  it.each(hpas.map((h) => [h.metadata.name, h]))(
    '%s validates against the Kubernetes autoscaling/v2 schema',
    (_name, hpa) => {
      expect(hpaSchemaErrors(hpa)).toBe('');
    },
  );

  it('the schema check can fail', () => {
    const broken = JSON.parse(JSON.stringify(hpas[0]));
    broken.spec.maxReplicas = '50';
    expect(hpaSchemaErrors(broken)).toMatch(/maxReplicas must be integer/);
  });

  it("every adapter rule's series query and filled-in metrics query are PromQL Prometheus accepts", () => {
    const rules = manifests
      .filter((m) => m.kind === 'ConfigMap' && m.data?.['config.yaml'] !== undefined) // adapter configs, not dashboards
      .flatMap((cm) => {
        const config = parse(cm.data['config.yaml']);
        return [
          ...(config.rules ?? []).map((r: any) => ({ ...r, api: 'custom' })),
          ...(config.externalRules ?? []).map((r: any) => ({ ...r, api: 'external' })),
        ];
      });
    expect(rules.length).toBe(6);
    for (const r of rules) {
      expect(checkPromQL(r.seriesQuery)).toEqual([]);
      const rule = new AdapterRule({
        api: r.api,
        seriesQuery: r.seriesQuery,
        resources: r.resources,
        nameMatches: r.name.matches,
        nameAs: r.name.as,
        metricsQuery: r.metricsQuery,
      });
      const filled = fillMetricsQuery(r.metricsQuery, sampleTemplateValues(rule));
      expect(filled.errors).toEqual([]);
      expect(filled.text).not.toMatch(/<<|>>/);
      expect(checkPromQL(filled.text)).toEqual([]);
    }
  });
});
