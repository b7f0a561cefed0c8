import * as fs from 'fs';
import * as path from 'path';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { AlertRule, RuleGroup, WatchkeeperApp } from '../../src';
import { GrafanaPanel } from '../../src/dashboards';
import { OCTOLLM, OctoLlmChart } from '../../examples/octollm';
import { itWithShared, lazily, seed } from '../support/shared';
import { synthToTemp, tempDir } from '../support/synth';
import { githubAnchors } from './example-support';
import {
  expectAlertPanels,
  expectGrafanaValid,
  expectQueriesValid,
  expectSidecarConfigMaps,
  exprs,
  panelsOf,
  readDashboards,
  rowsOf,
  steps,
} from './dashboard-support';

function synth(props: ConstructorParameters<typeof OctoLlmChart>[2] = {}) {
  const app = new WatchkeeperApp();
  const chart = new OctoLlmChart(app, 'octollm', props);
  const dist = synthToTemp(app);
  return { chart, dist, dashboards: readDashboards(dist) };
}

const COLOR: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** The rows that are no playbook's: the facade's SLO and autoscaling rows. */
const FACADE_ROWS = ['Service level objectives', 'Autoscaling'];

describe('examples/octollm dashboards', () => {
  const { chart, dist, dashboards } = synth();
  const [dashboard] = dashboards.values();
  const rows = rowsOf(dashboard);
  const row = (title: string) => rows.find((r) => r.title === title) as { title: string; panels: GrafanaPanel[] };
  const rules = chart.service.rules.ruleGroups
    .flatMap((g: RuleGroup) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule && !r.name.endsWith('ErrorBudgetBurn'));
  /** The seed's table of contents: [heading, anchor]. */
  const toc = lazily(() => [...seed('001').matchAll(/^\d+\. \[([^\]]+)\]\(#([a-z-]+)\)$/gm)].map((m) => [m[1], m[2]]));
  const anchors = lazily(() => githubAnchors(seed('001')));

  it('writes one dashboard, OctoLLM, as dashboards/<uid>.json with a uid of at most 40 characters', () => {
    expect([...dashboards.keys()]).toEqual(['octollm-service-dashboard.json']);
    expect(dashboard.title).toBe('OctoLLM');
    expect(String(dashboard.uid).length).toBeLessThanOrEqual(40);
  });

  itWithShared(
    'has a row for every playbook of the table of contents that names a metric, once, titled as the playbook, in its order',
    () => {
      expect(toc()).toHaveLength(10);
      // Data Corruption is found with SQL queries; no metric, no row.
      const mapped = toc().filter(([name]) => name !== 'Data Corruption');
      expect(rows.map((r) => r.title).filter((t) => !FACADE_ROWS.includes(t))).toEqual(mapped.map(([name]) => name));
    },
  );

  it('queries the metrics each playbook names, on its row', () => {
    const named: Record<string, string[]> = {
      'Service Unavailable': ['up{'],
      'High Latency': ['http_request_duration_seconds_bucket', 'llm_api_duration_seconds'],
      'Database Connection Issues': ['pg_up', 'pg_stat_database_numbackends', 'pg_settings_max_connections'],
      'Memory Leaks': ['container_memory_working_set_bytes'],
      'Task Routing Failures': ['up{'],
      'LLM API Failures': ['llm_api_calls_total{status="error"}', 'llm_api_calls_total['],
      'Cache Performance Issues': ['cache_hits_total', 'cache_misses_total'],
      'Resource Exhaustion': ['container_cpu_usage_seconds_total', 'kubelet_volume_stats_available_bytes'],
      'Security Violations': ['security_violations_total'],
    };
    for (const [title, metrics] of Object.entries(named)) {
      const text = row(title).panels.flatMap(exprs).join('\n');
      for (const m of metrics) expect([title, m, text.includes(m)]).toEqual([title, m, true]);
    }
  });

  itWithShared('links every panel of a playbook row to that playbook, an anchor of the seed', () => {
    for (const [name, anchor] of toc().filter(([n]) => n !== 'Data Corruption')) {
      expect(anchors().has(anchor)).toBe(true);
      for (const p of row(name).panels)
        expect([p.title, (p.links ?? []).map((l) => l.url)]).toEqual([p.title, [`${OCTOLLM.runbookBase}#${anchor}`]]);
    }
  });

  it("every alert has a panel with the alert's query, and the panel's threshold steps are the alert's levels", () => {
    expectAlertPanels(dashboards, rules, COLOR);
  });

  it("shows the playbooks' numbers: P95 above 5 s, cache hit rate below 50%, connections above 80%", () => {
    const panel = (area: string, alert: string) =>
      row(area).panels.find((p) => (p.description ?? '').includes(`Alert ${alert}:`)) as GrafanaPanel;
    expect(steps(panel('High Latency', 'HighRequestLatency'))).toEqual([
      [null, 'green'],
      [5, 'orange'],
    ]);
    expect(panel('High Latency', 'HighRequestLatency').fieldConfig?.defaults.unit).toBe('s');
    expect(steps(panel('Cache Performance Issues', 'CacheMissRate'))).toEqual([
      [null, 'orange'],
      [0.5, 'green'],
    ]);
    expect(steps(panel('Database Connection Issues', 'HighDatabaseConnections'))).toEqual([
      [null, 'green'],
      [0.8, 'orange'],
    ]);
    expect(steps(panel('Resource Exhaustion', 'DiskSpaceLow'))).toEqual([
      [null, 'red'],
      [0.1, 'green'],
    ]);
    expect(steps(panel('Service Unavailable', 'ServiceDown'))).toEqual([
      [null, 'red'],
      [1, 'green'],
    ]);
    // The thresholds' panels are titled by their description, Go templates read as placeholders.
    expect(panel('LLM API Failures', 'HighLLMAPIErrorRate').title).toBe('LLM API error rate of <provider> <model>');
  });

  it('puts the API latency SLO on the dashboard, on the series its rules record', () => {
    const [slo] = chart.service.slos;
    const sloRow = row('Service level objectives');
    expect(sloRow.panels.map((p) => p.type)).toEqual(['stat', 'gauge', 'timeseries', 'timeseries']);
    const recorded = new Set(
      slo
        .rules()
        .filter((r) => !(r instanceof AlertRule))
        .map((r) => r.name),
    );
    const used = new Set(sloRow.panels.flatMap(exprs).flatMap((e) => e.match(/slo:[a-z0-9_:]+/g) ?? []));
    expect(used.size).toBeGreaterThan(3);
    for (const name of used) expect([name, recorded.has(name)]).toEqual([name, true]);
    for (const e of sloRow.panels.flatMap(exprs)) expect(e).toContain('slo="api-latency", service="octollm"');
  });

  it("shows the orchestrator HPA's replicas against its bounds", () => {
    const [replicas] = row('Autoscaling').panels;
    expect(exprs(replicas).join('\n')).toContain('horizontalpodautoscaler="orchestrator"');
    expect(steps(replicas)).toEqual([
      [null, 'green'],
      [4, 'red'],
    ]);
  });

  itWithShared("validates every dashboard and panel against Grafana's schemas, with Grafana units", () => {
    expectGrafanaValid(dashboards);
  });

  it("writes one sidecar ConfigMap per dashboard in namespace octollm, folder OctoLLM, holding the file's JSON", () => {
    // The chart also holds the HPA's prometheus-adapter ConfigMap (namespace monitoring): left out by name.
    const docs = parseAllDocuments(fs.readFileSync(path.join(dist, 'octollm.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    const adapter = docs.filter((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-adapter');
    expect(adapter.map((m) => parse(m.data['config.yaml']).rules.length)).toEqual([1]);
    const copy = tempDir();
    fs.cpSync(path.join(dist, 'dashboards'), path.join(copy, 'dashboards'), { recursive: true });
    const rest = docs.filter((m) => !adapter.includes(m)).map((m) => stringify(m));
    fs.writeFileSync(path.join(copy, 'octollm.k8s.yaml'), rest.join('---\n'));
    expectSidecarConfigMaps(copy, 'octollm.k8s.yaml', dashboards, { namespace: 'octollm', folder: 'OctoLLM' });
  });

  it('moves every link with the runbook base, and every selector with the namespace', () => {
    const moved = synth({ runbookBase: 'https://wiki.example/octollm', namespace: 'octo' });
    let links = 0;
    for (const d of moved.dashboards.values()) {
      for (const l of panelsOf(d).flatMap((p) => p.links ?? [])) {
        expect(l.url).toMatch(/^https:\/\/wiki\.example\/octollm#[a-z-]+$/);
        links++;
      }
      const text = panelsOf(d).flatMap(exprs).join('\n');
      expect(text).not.toContain('namespace="octollm"');
      expect(text).toContain('http_request_duration_seconds_bucket{namespace="octo"}');
    }
    expect(links).toBeGreaterThan(20);
  });

  it('every panel and annotation query is valid PromQL and passes promtool check rules (variables filled in)', () => {
    expectQueriesValid(dashboards, 'octollm');
  });
});
