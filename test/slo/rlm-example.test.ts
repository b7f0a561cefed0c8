import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { WatchkeeperApp } from '../../src/synth';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';

const chart = new RlmHypervisorChart(new WatchkeeperApp());
const rlmSlos = chart.service.slos;

function synth(): { rules: string; dashboard: string } {
  const dist = synthToTemp(chart.node.scope as WatchkeeperApp);
  return {
    rules: path.join(dist, 'rules', 'rlm-hypervisor.rules.yaml'),
    dashboard: path.join(dist, 'dashboards', 'rlm-hypervisor-service-overview.json'),
  };
}

describe('examples/rlm-hypervisor SLOs', () => {
  const out = synth();
  const file = out.rules;
  // The SLOs' groups of the service's rule file.
  const groups = (
    parse(fs.readFileSync(file, 'utf8')).groups as Array<{
      name: string;
      rules: Array<Record<string, unknown>>;
    }>
  ).filter((g) => g.name.startsWith('slo-'));
  const rules = groups.flatMap((g) => g.rules);

  itWithShared("takes its objectives from the runbook's Service Health targets", () => {
    const text = seed('002');
    expect(text).toMatch(/\| `rlm_api_availability` \| API uptime percentage \| 99\.99% \|/);
    expect(text).toMatch(/\| `rlm_task_success_rate` \| Task completion success \| > 99\.5% \|/);
    expect(text).toMatch(/\| `rlm_api_latency_p99` \| P99 response time \| < 100ms \|/);
    expect(rlmSlos.map((s) => [s.props.name, s.objectivePercent, s.errorBudget])).toEqual([
      ['availability', '99.99', '0.0001'],
      ['task-success', '99.5', '0.005'],
      ['api-latency', '99', '0.01'],
    ]);
  });

  it('reads the metrics the runbook names', () => {
    const exprs = rules.map((r) => String(r.expr));
    expect(exprs).toContain('sum(rate(rlm_errors[5m]))');
    expect(exprs).toContain('sum(rate(rlm_requests[30d]))');
    expect(exprs).toContain('avg(1 - rlm_task_success_rate / 100) >= 0 < +Inf');
    expect(exprs).toContain(
      'sum(rate(rlm_api_latency_bucket{le="+Inf"}[1h])) - sum(rate(rlm_api_latency_bucket{le="0.1"}[1h]))',
    );
  });

  it('groups hold at most 20 rules; every alert carries slo, service, team, namespace, severity and windows', () => {
    for (const g of groups) expect(g.rules.length).toBeLessThanOrEqual(20);
    const burn = rules.filter((r) => String(r.alert ?? '').endsWith('ErrorBudgetBurn'));
    expect(burn).toHaveLength(12);
    for (const a of burn)
      expect(Object.keys(a.labels as object).sort()).toEqual([
        'long_window',
        'namespace',
        'service',
        'severity',
        'short_window',
        'slo',
        'team',
      ]);
    expect(rules.filter((r) => String(r.alert ?? '').endsWith('SliAbsent'))).toHaveLength(3);
  });

  it("has four error-budget panels per SLO, in the service dashboard's SLO row", () => {
    const json = JSON.parse(fs.readFileSync(out.dashboard, 'utf8'));
    const panels = json.panels as Array<{ type: string; title: string }>;
    const row = panels.findIndex((p) => p.type === 'row' && p.title === 'Service level objectives');
    const next = panels.findIndex((p, i) => i > row && p.type === 'row');
    const sloPanels = panels.slice(row + 1, next);
    expect(sloPanels).toHaveLength(12);
    expect(sloPanels.map((p) => p.title.split(':')[0])).toEqual(
      rlmSlos.flatMap((s) => Array(4).fill(`rlm-hypervisor ${s.props.name}`)),
    );
    // Plus the note on the paging alerts' row saying why the SLO can be red while the error-rate alerts are quiet.
    expect(panels.filter((p) => p.type === 'text').map((p) => p.title)).toEqual([
      'Why the SLO can be red while the error-rate alerts are quiet',
    ]);
  });

  itWithPromtool('the rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', file]);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });
});
