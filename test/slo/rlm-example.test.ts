import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { parse } from 'yaml';
import { WatchkeeperApp } from '../../src/synth';
import { rlmSloDashboard, rlmSloPanels, rlmSloRules, rlmSlos } from '../../examples/rlm-hypervisor/slos';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';

function synth(): { rules: string; dashboard: string } {
  const app = new WatchkeeperApp();
  const chart = new Chart(app, 'rlm-hypervisor', { namespace: 'rlm-production' });
  rlmSloRules(chart, { namespace: 'rlm-production', labels: { release: 'kube-prometheus-stack' } });
  const d = rlmSloDashboard(chart);
  const dist = synthToTemp(app);
  return {
    rules: path.join(dist, 'rules', 'rlm-hypervisor-slos.rules.yaml'),
    dashboard: path.join(dist, 'dashboards', `${d.uid}.json`),
  };
}

describe('examples/rlm-hypervisor SLOs', () => {
  const out = synth();
  const file = out.rules;
  const groups = parse(fs.readFileSync(file, 'utf8')).groups as Array<{
    name: string;
    rules: Array<Record<string, unknown>>;
  }>;
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

  it('groups hold at most 20 rules; every alert carries slo, service, team, severity and windows', () => {
    for (const g of groups) expect(g.rules.length).toBeLessThanOrEqual(20);
    const burn = rules.filter((r) => String(r.alert ?? '').endsWith('ErrorBudgetBurn'));
    expect(burn).toHaveLength(12);
    for (const a of burn)
      expect(Object.keys(a.labels as object).sort()).toEqual([
        'long_window',
        'service',
        'severity',
        'short_window',
        'slo',
        'team',
      ]);
    expect(rules.filter((r) => String(r.alert ?? '').endsWith('SliAbsent'))).toHaveLength(3);
  });

  it('has four error-budget panels per SLO, in a dashboard with one row per SLO', () => {
    expect(rlmSloPanels()).toHaveLength(12);
    const json = JSON.parse(fs.readFileSync(out.dashboard, 'utf8'));
    const rows = json.panels.filter((p: { type: string }) => p.type === 'row').map((p: { title: string }) => p.title);
    expect(rows).toEqual([
      'availability: 99.99% over 30d',
      'task-success: 99.5% over 30d',
      'api-latency: 99% over 30d',
    ]);
    expect(json.panels.filter((p: { type: string }) => p.type !== 'row' && p.type !== 'text')).toHaveLength(12);
    // Plus the note on the availability row saying why the SLO can be red while the error-rate alerts are quiet.
    expect(
      json.panels.filter((p: { type: string }) => p.type === 'text').map((p: { title: string }) => p.title),
    ).toEqual(['Why the SLO can be red while the error-rate alerts are quiet']);
  });

  itWithPromtool('the rule file passes promtool check rules', () => {
    const r = runPromtool(['check', 'rules', file]);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });
});
