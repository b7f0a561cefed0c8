import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { WatchkeeperApp } from '../../src';
import { checkPromQL } from '../../src/entrypoints/promql';
import { GrafanaDashboard, GrafanaPanel, GrafanaRowPanel, interpolateSamples } from '../../src/dashboards';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { itWithShared, seed } from '../support/shared';
import { synthToTemp, tempDir } from '../support/synth';
import { grafanaOracle } from './support/grafana-oracle';

interface SeedDashboard {
  name: string;
  refresh: string;
  panels: Array<{ title: string; type: string; query: string }>;
}

/** The dashboards of the RLM monitoring runbook, read from the seed at test time. */
function seedDashboards(): SeedDashboard[] {
  return [...seed('002').matchAll(/```yaml\n(dashboard:[\s\S]*?)```/g)].map((m) => parse(m[1]).dashboard);
}

const KIND: Record<string, string> = {
  stat: 'stat',
  graph: 'timeseries',
  heatmap: 'heatmap',
  'bar gauge': 'bargauge',
  gauge: 'gauge',
};

/** Seed queries this example changes although they are valid PromQL, and why (each commented in the example). */
const CHANGED_VALID = new Map([
  ['Agent Pool Utilization', 'shown as the Key Metrics row evaluates it, in percent'],
  ['Service Availability (24h)', 'the title says 24 h: avg_over_time over 24 h, not the latest value'],
  ['Daily Tasks Executed', 'a counter: its increase over 24 h, not its lifetime total'],
  ['Cost Per Million Requests', 'empty: one-to-one division of counters with different labels'],
  ['Storage Connector Latency', "the alert's declaration in ms, not a panel in s"],
]);

/** Seed panel titles this example changes, and why. */
const RENAMED = new Map([['Quota Utilization by Org', 'Quota Utilization by User']]);

function synthRlm(): string {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  return synthToTemp(app);
}

const visualPanels = (d: GrafanaDashboard): GrafanaPanel[] =>
  (d.panels ?? []).flatMap((p) => (p.type === 'row' ? (p as GrafanaRowPanel).panels : [p as GrafanaPanel]));

describe('examples/rlm-hypervisor dashboards', () => {
  const dist = synthRlm();
  const files = fs.readdirSync(path.join(dist, 'dashboards')).sort();
  const dashboards = new Map(
    files.map((f) => [f, JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', f), 'utf8')) as GrafanaDashboard]),
  );
  const byTitle = new Map([...dashboards.values()].map((d) => [d.title, d]));
  const source = fs.readFileSync(
    path.join(__dirname, '..', '..', 'examples', 'rlm-hypervisor', 'dashboards.ts'),
    'utf8',
  );

  it('writes the three seed dashboards and the service dashboard as dashboards/<uid>.json', () => {
    expect(files).toEqual([
      'rlm-hypervisor-capacity-planning.json',
      'rlm-hypervisor-executive-summary.json',
      'rlm-hypervisor-operations.json',
      'rlm-hypervisor-service-overview.json',
    ]);
  });

  itWithShared('rebuilds each seed dashboard: title, refresh, panel titles and kinds, in order', () => {
    const seeds = seedDashboards();
    expect(seeds.map((s) => s.name)).toEqual(['RLM Executive Summary', 'RLM Operations', 'RLM Capacity Planning']);
    for (const s of seeds) {
      const d = byTitle.get(s.name) as GrafanaDashboard;
      expect(d).toBeDefined();
      expect(d.refresh).toBe(s.refresh);
      expect(visualPanels(d).map((p) => [p.title, p.type])).toEqual(
        s.panels.map((p) => [RENAMED.get(p.title) ?? p.title, KIND[p.type]]),
      );
    }
  });

  itWithShared(
    "keeps the seed's valid queries and replaces each invalid one by valid PromQL, with a one-line comment",
    () => {
      const replaced: string[] = [];
      for (const s of seedDashboards()) {
        const panels = visualPanels(byTitle.get(s.name) as GrafanaDashboard);
        s.panels.forEach((sp, i) => {
          const ours = (panels[i].targets?.[0] as { expr: string }).expr;
          expect(checkPromQL(interpolateSamples(ours))).toEqual([]);
          if (checkPromQL(sp.query).length > 0) {
            replaced.push(sp.query);
            expect(ours).not.toBe(sp.query);
            expect(source).toContain(`// Seed: ${sp.query} — `);
          } else if (CHANGED_VALID.has(sp.title)) {
            expect(source).toContain(`// Seed: ${sp.query},`);
          } else {
            expect(ours).toBe(sp.query);
          }
        });
      }
      expect(replaced).toEqual([
        'count_unique(rlm_user_active)',
        'histogram(rlm_api_latency)',
        'rate(rlm_errors[5m]) by (endpoint)',
        'forecast_linear(rlm_active_agents[7d], 30d)',
      ]);
    },
  );

  it('forecasts the capacity sum 30 days ahead with predict_linear, beside the sum and the limit (not each pod)', () => {
    const forecast = visualPanels(byTitle.get('RLM Capacity Planning') as GrafanaDashboard).find(
      (p) => p.title === 'Forecast: 30-day Capacity',
    );
    expect(
      (forecast?.targets ?? []).map((t) => [
        (t as { expr: string }).expr,
        (t as { legendFormat?: string }).legendFormat,
      ]),
    ).toEqual([
      ['sum(rlm_active_agents)', 'active agents'],
      ['predict_linear(sum(rlm_active_agents)[7d:1h], 30 * 86400)', 'forecast in 30 days'],
      ['sum(rlm_max_agents)', 'agent limit'],
    ]);
  });

  it("shows counters as increases over the panel's window, and a stat that says 24 h computes 24 h", () => {
    const exec = visualPanels(byTitle.get('RLM Executive Summary') as GrafanaDashboard);
    const expr = (title: string): string =>
      (exec.find((p) => p.title === title)?.targets?.[0] as { expr: string }).expr;
    expect(expr('Daily Tasks Executed')).toBe('sum(increase(rlm_tasks_completed[24h]))');
    expect(expr('Service Availability (24h)')).toBe('avg(avg_over_time(rlm_api_availability[24h]))');
    expect(expr('Cost Per Million Requests')).toBe(
      'sum(increase(rlm_cost[1h])) / sum(increase(rlm_requests[1h])) * 1000000',
    );
  });

  it('names quota bars by user, the label the quota series carry', () => {
    const capacity = visualPanels(byTitle.get('RLM Capacity Planning') as GrafanaDashboard);
    expect((capacity[0].targets?.[0] as { legendFormat?: string }).legendFormat).toBe('{{user}}');
  });

  it("shows storage connector latency in ms with RLMStorageConnectorSlow's levels, from the alert's declaration", () => {
    const ops = visualPanels(byTitle.get('RLM Operations') as GrafanaDashboard);
    const panel = ops.find((p) => p.title === 'Storage Connector Latency');
    expect(panel?.fieldConfig?.defaults.unit).toBe('ms');
    expect(panel?.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 200, 500]);
    expect(panel?.description).toBe('Alert RLMStorageConnectorSlow: critical above 500 ms, warning above 200 ms.');
    expect((panel?.targets?.[0] as { legendFormat?: string }).legendFormat).toBe('{{connector}}');
  });

  it('takes panel thresholds from the declarations the alerts come from', () => {
    const capacity = visualPanels(byTitle.get('RLM Capacity Planning') as GrafanaDashboard);
    const steps = (title: string): Array<number | null> =>
      (capacity.find((p) => p.title === title)?.fieldConfig?.defaults.thresholds?.steps ?? []).map((s) => s.value);
    // RlmActiveAgents in Key Metrics: warning 80, critical 95; RLMQuotaNearLimit: > 0.8.
    expect(steps('Agent Pool Utilization')).toEqual([null, 80, 95]);
    expect(steps('Quota Utilization by User')).toEqual([null, 0.8]);
    const exec = visualPanels(byTitle.get('RLM Executive Summary') as GrafanaDashboard);
    expect(exec[0].fieldConfig?.defaults.thresholds?.steps).toEqual([
      { color: 'red', value: null },
      { color: 'orange', value: 99 },
      { color: 'green', value: 99.9 },
    ]);
  });

  itWithShared("validates every dashboard and panel against Grafana's schemas", () => {
    const oracle = grafanaOracle();
    for (const [file, d] of dashboards) expect([file, oracle.validateDashboard(d)]).toEqual([file, []]);
  });

  it("writes one sidecar ConfigMap per dashboard, holding the file's JSON", () => {
    const manifests = parseAllDocuments(fs.readFileSync(path.join(dist, 'rlm-hypervisor.k8s.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    const cms = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.labels?.grafana_dashboard);
    expect(cms).toHaveLength(dashboards.size);
    for (const cm of cms) {
      expect(cm.metadata.labels).toEqual({ grafana_dashboard: '1' });
      expect(cm.metadata.annotations).toEqual({ grafana_folder: 'RLM Hypervisor' });
      expect(cm.metadata.namespace).toBe('rlm-production');
      const [key] = Object.keys(cm.data);
      expect(cm.data[key]).toBe(fs.readFileSync(path.join(dist, 'dashboards', key), 'utf8'));
    }
  });

  it("links each alert's panel on the service dashboard to the alert's runbook section", () => {
    const panels = visualPanels(byTitle.get('RLM Hypervisor: service overview') as GrafanaDashboard);
    const runbooks = new Map<string, string>(
      parse(fs.readFileSync(path.join(dist, 'rules', 'rlm-hypervisor.rules.yaml'), 'utf8'))
        .groups.flatMap((g: { rules: Array<Record<string, any>> }) => g.rules)
        .filter((r: Record<string, any>) => r.alert)
        .map((r: Record<string, any>) => [r.alert, r.annotations.runbook_url]),
    );
    // A threshold metric's panel is titled by its description and says its alert's name in its description.
    const alertOf = (p: GrafanaPanel): string | undefined =>
      runbooks.has(p.title as string) ? p.title : /^Alert (\w+):/.exec(p.description ?? '')?.[1];
    const alertPanels = panels.filter((p) => alertOf(p) !== undefined);
    expect(alertPanels.length).toBeGreaterThan(30);
    for (const p of alertPanels)
      expect([p.title, p.links?.[0]?.url]).toEqual([p.title, runbooks.get(alertOf(p) as string)]);
    expect(panels.find((p) => p.title === 'RLMHighErrorRate')?.links?.[0]?.url).toBe(
      'https://wiki.internal/rlm-runbooks/monitoring#sev-2-high-error-rate',
    );
  });

  itWithPromtool('every panel query passes promtool check rules (as recording rules, variables filled in)', () => {
    const exprs = [...dashboards.values()].flatMap((d) =>
      visualPanels(d).flatMap((p) => (p.targets ?? []).map((t) => interpolateSamples((t as { expr: string }).expr))),
    );
    const file = path.join(tempDir(), 'panel-queries.rules.yaml');
    const rules = [...new Set(exprs)].map(
      (expr, i) => `      - record: panel_query_${i}\n        expr: ${JSON.stringify(expr)}`,
    );
    fs.writeFileSync(file, `groups:\n  - name: panels\n    rules:\n${rules.join('\n')}\n`);
    const r = runPromtool(['check', 'rules', file]);
    expect(r.output).toMatch(new RegExp(`SUCCESS: ${rules.length} rules found`));
    expect(r.status).toBe(0);
  });
});
