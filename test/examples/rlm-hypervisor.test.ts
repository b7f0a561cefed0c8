import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { WatchkeeperApp } from '../../src';
import { checkPromQL } from '../../src/entrypoints/promql';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { kubernetesAjv } from '../support/ajv';
import { itWithShared, prometheusRuleSchema, seed, withShared } from '../support/shared';
import { synthToTemp } from '../support/synth';

function synthRlm(): string {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  return synthToTemp(app);
}

/** The alert blocks of the RLM monitoring runbook, read from the seed at test time. */
function seedAlertGroups(): Array<{ name: string; rules: Array<Record<string, unknown>> }> {
  const blocks = [...seed('002').matchAll(/```yaml\n# alerts-[a-z]+\.yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]));
  return blocks.flatMap((b) => b.groups);
}

describe('examples/rlm-hypervisor', () => {
  const dist = synthRlm();
  const ruleFiles = fs.readdirSync(path.join(dist, 'rules')).map((f) => path.join(dist, 'rules', f));
  const manifests = parseAllDocuments(fs.readFileSync(path.join(dist, 'rlm-hypervisor.k8s.yaml'), 'utf8')).map((d) =>
    d.toJS(),
  );

  it("writes the service's PrometheusRule and its rule file, with a group per alert file and Key Metrics table", () => {
    const rules = manifests.filter((m) => m.kind === 'PrometheusRule');
    expect(rules.map((m) => [m.metadata.name, m.metadata.labels])).toEqual([
      ['rlm-hypervisor', { release: 'kube-prometheus-stack' }],
    ]);
    expect(ruleFiles.map((f) => path.basename(f))).toEqual(['rlm-hypervisor.rules.yaml']);
    const groups = parse(fs.readFileSync(ruleFiles[0], 'utf8')).groups.map((g: { name: string }) => g.name);
    expect(groups).toEqual(
      expect.arrayContaining([
        'critical',
        'warnings',
        'business',
        'rlm-service-health',
        'rlm-resource-utilization',
        'rlm-business-metrics',
        'troubleshooting',
        'rlm-hypervisor-capacity',
      ]),
    );
    // The prometheus-adapter's config lives with the adapter, in monitoring; everything else in the RLM namespace.
    for (const m of manifests)
      expect(m.metadata.namespace).toBe(
        m.kind === 'ConfigMap' && m.metadata.name.includes('adapter') ? 'monitoring' : 'rlm-production',
      );
    expect(manifests.filter((m) => m.kind === 'ConfigMap').length).toBeGreaterThanOrEqual(3);
  });

  itWithShared('every manifest validates against the PrometheusRule CRD schema', () => {
    const validate = kubernetesAjv().compile(prometheusRuleSchema());
    for (const m of manifests.filter((x) => x.kind === 'PrometheusRule')) {
      expect(validate(m) ? [] : validate.errors).toEqual([]);
    }
  });

  itWithShared("reproduces the seed's three alert groups rule for rule (names, for, labels, annotations)", () => {
    // The seed's labels, plus exactly what the service puts on every alert: its name, team and namespace.
    const serviceLabels = { service: 'rlm-hypervisor', team: 'rlm-sre', namespace: 'rlm-production' };
    const ours = new Map(
      ruleFiles.flatMap((f) => parse(fs.readFileSync(f, 'utf8')).groups).map((g: { name: string }) => [g.name, g]),
    );
    const groups = seedAlertGroups();
    expect(groups.map((g) => g.name)).toEqual(['critical', 'warnings', 'business']);
    for (const group of groups) {
      const mine = ours.get(group.name) as unknown as { rules: Array<Record<string, unknown>> };
      expect(mine.rules.map((r) => r.alert)).toEqual(group.rules.map((r) => r.alert));
      group.rules.forEach((rule, i) => {
        const m = mine.rules[i] as Record<string, Record<string, string>>;
        expect(m.for).toEqual(rule.for);
        expect(m.labels).toEqual({ ...(rule.labels as Record<string, string>), ...serviceLabels });
        const { runbook_url: url, ...annotations } = m.annotations;
        expect(annotations).toEqual(rule.annotations);
        expect(url).toMatch(/^https:\/\/wiki\.internal\/rlm-runbooks\//);
        // Expressions as written, except the one the seed got wrong.
        if (rule.alert !== 'RLMSuddenUserDrop') expect(m.expr).toBe(rule.expr);
      });
    }
  });

  it("has every Key Metrics row as warning and critical alerts with the table's numbers", () => {
    const rules = parse(fs.readFileSync(ruleFiles[0], 'utf8'))
      .groups.filter((g: { name: string }) =>
        /^rlm-(service-health|resource-utilization|business-metrics)$/.test(g.name),
      )
      .flatMap((g: { rules: unknown[] }) => g.rules);
    const exprs = rules.map((r: { expr: string }) => r.expr);
    expect(exprs).toEqual(
      expect.arrayContaining([
        'rlm_api_availability < 99',
        'rlm_api_availability < 99.9',
        'rlm_task_success_rate < 95',
        'rlm_task_success_rate < 99',
        'rlm_api_latency_p99 > 500',
        'rlm_api_latency_p99 > 200',
        'rlm_api_latency_p50 > 100',
        'rlm_api_latency_p50 > 50',
        'rlm_cpu_utilization > 95',
        'rlm_cpu_utilization > 80',
        'rlm_memory_utilization > 95',
        'rlm_memory_utilization > 85',
        'rlm_queue_depth > 1000',
        'rlm_queue_depth > 500',
        'rlm_quota_usage_daily > 90',
      ]),
    );
  });

  itWithPromtool('every rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', ...ruleFiles]);
    expect(r.output).not.toMatch(/FAILED/);
    expect(r.status).toBe(0);
    expect(r.output).toMatch(/SUCCESS/);
  });

  withShared(itWithPromtool)(
    "the seed's own RLMSuddenUserDrop is refused by promtool and by our validator alike",
    () => {
      const bad = seedAlertGroups()
        .flatMap((g) => g.rules)
        .find((r) => r.alert === 'RLMSuddenUserDrop') as { expr: string };
      const dir = fs.mkdtempSync(path.join(dist, '..', 'seed-'));
      const file = path.join(dir, 'seed.rules.yaml');
      fs.writeFileSync(file, `groups:\n- name: g\n  rules:\n  - alert: X\n    expr: ${JSON.stringify(bad.expr)}\n`);
      const r = runPromtool(['check', 'rules', file]);
      expect(r.status).not.toBe(0);
      expect(r.output).toMatch(/expected type instant vector in aggregation expression, got range vector/);
      expect(checkPromQL(bad.expr, { prometheusVersion: '2.42' }).map((d) => d.message)).toContain(
        'expected type instant vector in aggregation expression, got range vector',
      );
    },
  );
});
