/**
 * The findings of issue 18 on the example dashboards, one test each (each failed before its fix). The live-data
 * check (test/dashboards/live-data.test.ts) proves every panel shows data; these pin what it cannot see: which
 * metric name is real, what an alert fires on, what a panel plots.
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyzePromQL, ast } from '../../src/entrypoints/promql';
import { lookupMetric } from '../../src/dashboards';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { rlmMetrics } from '../../examples/rlm-hypervisor/metrics';
import { buildExamplesApp } from '../../examples/app';
import { itWithPromtool } from '../support/promtool';
import { synthToTemp } from '../support/synth';
import { promtoolTestAlerts, synthExample } from './example-support';

interface Target {
  dashboard: string;
  panel: string;
  expr: string;
  legend?: string;
}

function targets(dist: string): Target[] {
  const dir = path.join(dist, 'dashboards');
  const out: Target[] = [];
  for (const f of fs.readdirSync(dir).sort()) {
    const d = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    const walk = (ps: any[]): void => {
      for (const p of ps ?? []) {
        walk(p.panels);
        for (const t of p.targets ?? [])
          out.push({ dashboard: d.title, panel: p.title, expr: t.expr, legend: t.legendFormat });
      }
    };
    walk(d.panels);
  }
  return out;
}

const metricNames = (expr: string): string[] => {
  const tree = analyzePromQL(expr.replace(/\$__rate_interval/g, '4m')).ast;
  const names: string[] = [];
  if (tree)
    ast.walk(tree, (e) => {
      if (e.kind === 'vector' && e.name) names.push(e.name);
    });
  return names;
};

describe('issue 18 findings on the example dashboards', () => {
  const all = synthToTemp(buildExamplesApp());
  const rlm = synthExample((app) => new RlmHypervisorChart(app));

  it('every rlm_ metric the RLM rules and dashboards read is one the RLM metric catalogue declares (rlm_user_active, not rlm_active_users)', () => {
    const read = new Set<string>();
    for (const t of targets(rlm.dist)) metricNames(t.expr).forEach((n) => read.add(n));
    for (const text of rlm.ruleFileText.values()) for (const m of text.matchAll(/\b(rlm_[a-z0-9_]+)/g)) read.add(m[1]);
    const undeclared = [...read].filter((n) => n.startsWith('rlm_') && !lookupMetric(rlmMetrics, n)).sort();
    expect(undeclared).toEqual([]);
  });

  itWithPromtool(
    'RLMSuddenUserDrop fires when fewer than half of the users of an hour ago are active, not on a drop of a third or a doubling',
    () => {
      const file = rlm.ruleFiles.find((f) => f.endsWith('rlm-hypervisor.rules.yaml')) as string;
      const users = (n: number, values: string): Record<string, string> =>
        Object.fromEntries(Array.from({ length: n }, (_, i) => [`rlm_user_active{user="u${i}", job="rlm"}`, values]));
      const labels = {
        severity: 'info',
        channel: 'email',
        service: 'rlm-hypervisor',
        team: 'rlm-sre',
        namespace: 'rlm-production',
      };
      // 10 users for an hour; then `stay` of them remain (the others' series end), or 15 more arrive.
      const drop = (stay: number) => ({
        ...users(stay, '1x150'),
        ...Object.fromEntries(Object.entries(users(10, '1x59')).slice(stay)),
      });
      const r = promtoolTestAlerts(file, [
        { series: drop(4), evalTime: '90m', alert: 'RLMSuddenUserDrop', expect: [labels] },
        { series: drop(6), evalTime: '90m', alert: 'RLMSuddenUserDrop', expect: [] },
        { series: drop(0), evalTime: '90m', alert: 'RLMSuddenUserDrop', expect: [labels] },
        {
          series: {
            ...users(10, '1x150'),
            ...Object.fromEntries(
              Array.from({ length: 15 }, (_, i) => [`rlm_user_active{user="n${i}", job="rlm"}`, '_x60 1x90']),
            ),
          },
          evalTime: '90m',
          alert: 'RLMSuddenUserDrop',
          expect: [],
        },
      ]);
      expect(r.output).toMatch(/SUCCESS/);
      expect(r.status).toBe(0);
    },
  );

  it('no panel plots a filter: alert panels and tables show the quantity, not `x > level` (empty while healthy)', () => {
    const filters = targets(all).filter((t) => {
      let tree = analyzePromQL(t.expr.replace(/\$__rate_interval/g, '4m')).ast;
      while (tree?.kind === 'paren') tree = tree.expr;
      return tree?.kind === 'binary' && ast.isComparison(tree.op) && !tree.returnBool;
    });
    expect(filters.map((t) => `${t.dashboard} / ${t.panel}: ${t.expr}`)).toEqual([]);
  });

  it('RLMCostSpike and RLMSuddenUserDrop panels draw both sides of their comparison', () => {
    const byPanel = (title: string) =>
      targets(rlm.dist)
        .filter((t) => t.dashboard === 'RLM Hypervisor: service overview' && t.panel === title)
        .map((t) => [t.expr, t.legend]);
    expect(byPanel('RLMCostSpike')).toEqual([
      ['rlm_daily_cost', 'value'],
      ['1.5 * avg_over_time(rlm_daily_cost[7d])', 'alert level (value > level)'],
    ]);
    expect(byPanel('RLMSuddenUserDrop')).toEqual([
      ['(count(rlm_user_active) or vector(0))', 'value'],
      ['0.5 * count(rlm_user_active offset 1h)', 'alert level (value < level)'],
    ]);
  });

  it("the availability SLO's levels and the error-rate alerts' levels are explained on the service dashboard, from the same numbers", () => {
    const d = JSON.parse(
      fs.readFileSync(path.join(rlm.dist, 'dashboards', 'rlm-hypervisor-service-overview.json'), 'utf8'),
    );
    const texts: string[] = [];
    const walk = (ps: any[]): void => {
      for (const p of ps ?? []) {
        walk(p.panels);
        if (p.type === 'text') texts.push(p.options.content);
      }
    };
    walk(d.panels);
    const text = texts.join('\n');
    // The burn-rate tiers of a 99.99% objective (factors 14.4, 6, 3, 1 of the 0.01% budget) against the alerts' levels.
    for (const line of [
      'critical: 0.144% of requests failing over 1h',
      'critical: 0.06% of requests failing over 6h',
      'warning: 0.03% of requests failing over 1d',
      'warning: 0.01% of requests failing over 3d',
      'RLMHighErrorRate (critical) at 5%, RLMElevatedErrorRate (warning) at 1%.',
      'From 0.01% to 1% failing',
    ])
      expect(text).toContain(line);
  });

  it('alert panels of the RLM service overview are in the unit their metric is declared in', () => {
    const d = JSON.parse(
      fs.readFileSync(path.join(rlm.dist, 'dashboards', 'rlm-hypervisor-service-overview.json'), 'utf8'),
    );
    const units = new Map<string, string | undefined>();
    const walk = (ps: any[]): void => {
      for (const p of ps ?? []) {
        walk(p.panels);
        units.set(p.title, p.fieldConfig?.defaults?.unit);
      }
    };
    walk(d.panels);
    expect(
      ['RLMHighLatency', 'RLMDatabaseConnectionFail', 'RLMSlowTaskExecution', 'RLMCostSpike'].map((t) => [
        t,
        units.get(t),
      ]),
    ).toEqual([
      ['RLMHighLatency', 's'],
      ['RLMDatabaseConnectionFail', 'short'],
      ['RLMSlowTaskExecution', 'ms'],
      ['RLMCostSpike', 'currencyUSD'],
    ]);
  });

  it('SmartCloudOps "Targets down" counts the targets down per job (0 while all are up)', () => {
    const t = targets(all).find((x) => x.panel === 'Targets down');
    expect(t?.expr).toBe('sum by (namespace, job) (1 - up{namespace=~"smartcloudops|smartcloudops-monitoring"})');
  });
});
