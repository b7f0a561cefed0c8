import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { AlertRule, RecordingRule, WatchkeeperApp } from '../../src';
import { GrafanaDashboard, GrafanaPanel } from '../../src/dashboards';
import { OCTOLLM, octoLlmAlertGroups } from '../../examples/octollm';
import { PLAYBOOK_ANCHORS, addOctoLlmDashboards } from '../../examples/octollm/dashboards';
import { octoLlmSlos } from '../../examples/octollm';
import { itWithShared, lazily, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';
import { githubAnchors } from './example-support';
import {
  expectAlertPanels,
  expectGrafanaValid,
  expectQueriesValid,
  expectSidecarConfigMaps,
  exprs,
  panelsOf,
  rowsOf,
  steps,
} from './dashboard-support';

interface Synthesized {
  dist: string;
  dashboards: Map<string, GrafanaDashboard>;
}

function synth(props: Parameters<typeof addOctoLlmDashboards>[1] = {}): Synthesized {
  const app = new WatchkeeperApp();
  addOctoLlmDashboards(new Chart(app, 'octollm', { namespace: 'octollm' }), props);
  const dist = synthToTemp(app);
  const dir = path.join(dist, 'dashboards');
  const dashboards = new Map(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as GrafanaDashboard]),
  );
  return { dist, dashboards };
}

const COLOR: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/**
 * The steps a panel of these rules must have, from the rules' conditions alone: levels above (green below the
 * lowest), levels below (green from the highest), or a `== 0` health series (its colour at 0, green from 1).
 */

describe('examples/octollm dashboards', () => {
  const { dist, dashboards } = synth();
  const byTitle = new Map([...dashboards.values()].map((d) => [d.title, d]));
  const rules = octoLlmAlertGroups()
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);
  const anchors = lazily(() => githubAnchors(seed('001')));

  it('writes one dashboard per playbook area, as dashboards/<uid>.json with uids of at most 40 characters', () => {
    expect([...dashboards.keys()]).toEqual([
      'octollm-availability.json',
      'octollm-cache.json',
      'octollm-database.json',
      'octollm-llm-api.json',
      'octollm-performance.json',
      'octollm-resources.json',
      'octollm-security.json',
    ]);
    for (const [file, d] of dashboards) {
      expect(`${d.uid}.json`).toBe(file);
      expect(String(d.uid).length).toBeLessThanOrEqual(40);
    }
    expect([...byTitle.keys()].sort()).toEqual([
      'OctoLLM: Cache',
      'OctoLLM: Database',
      'OctoLLM: LLM API',
      'OctoLLM: Performance',
      'OctoLLM: Resources',
      'OctoLLM: Security',
      'OctoLLM: Service Availability',
    ]);
  });

  itWithShared(
    'has a row for every playbook of the table of contents that names a metric, once, titled as the playbook',
    () => {
      const toc = [...seed('001').matchAll(/^\d+\. \[([^\]]+)\]\(#([a-z-]+)\)$/gm)].map((m) => [m[1], m[2]]);
      expect(toc).toHaveLength(10);
      // Data Corruption is found with SQL queries; no metric, no row.
      const mapped = toc.filter(([name]) => name !== 'Data Corruption');
      expect(Object.entries(PLAYBOOK_ANCHORS).sort()).toEqual([...mapped].sort());
      const rowTitles = [...dashboards.values()]
        .flatMap((d) => rowsOf(d).map((r) => r.title))
        .filter((t) => !t.startsWith('SLO '));
      expect([...rowTitles].sort()).toEqual(mapped.map(([name]) => name).sort());
    },
  );

  it('queries the metrics each playbook names', () => {
    const named: Record<string, string[]> = {
      'OctoLLM: Service Availability': ['up{'],
      'OctoLLM: Performance': ['http_request_duration_seconds_bucket', 'llm_api_duration_seconds'],
      'OctoLLM: Database': ['pg_up', 'pg_stat_database_numbackends', 'pg_settings_max_connections'],
      'OctoLLM: Resources': [
        'container_memory_working_set_bytes',
        'container_cpu_usage_seconds_total',
        'kubelet_volume_stats_available_bytes',
      ],
      'OctoLLM: LLM API': ['llm_api_calls_total{status="error"}', 'llm_api_calls_total[', 'llm_api_duration_seconds'],
      'OctoLLM: Cache': ['cache_hits_total', 'cache_misses_total'],
      'OctoLLM: Security': ['security_violations_total'],
    };
    for (const [title, metrics] of Object.entries(named)) {
      const text = panelsOf(byTitle.get(title) as GrafanaDashboard)
        .flatMap(exprs)
        .join('\n');
      for (const m of metrics) expect([title, m, text.includes(m)]).toEqual([title, m, true]);
    }
  });

  itWithShared('links every panel to the playbook of its row, an anchor of the seed', () => {
    for (const d of dashboards.values()) {
      for (const row of rowsOf(d)) {
        const playbook = row.title.startsWith('SLO ') ? 'High Latency' : row.title;
        const anchor = PLAYBOOK_ANCHORS[playbook as keyof typeof PLAYBOOK_ANCHORS];
        expect(anchors().has(anchor)).toBe(true);
        for (const p of row.panels) {
          expect([p.title, (p.links ?? []).map((l) => l.url)]).toEqual([p.title, [`${OCTOLLM.runbookBase}#${anchor}`]]);
        }
      }
    }
  });

  it("every alert has a panel with the alert's query, and the panel's threshold steps are the alert's levels", () => {
    expectAlertPanels(dashboards, rules, COLOR);
  });

  it("shows the playbooks' numbers: P95 above 5 s, cache hit rate below 50%, connections above 80%", () => {
    const panel = (dash: string, title: string) =>
      panelsOf(byTitle.get(dash) as GrafanaDashboard).find((p) => p.title === title) as GrafanaPanel;
    expect(steps(panel('OctoLLM: Performance', 'P95 latency by service'))).toEqual([
      [null, 'green'],
      [5, 'orange'],
    ]);
    expect(panel('OctoLLM: Performance', 'P95 latency by service').fieldConfig?.defaults.unit).toBe('s');
    expect(steps(panel('OctoLLM: Cache', 'Cache hit rate'))).toEqual([
      [null, 'orange'],
      [0.5, 'green'],
    ]);
    expect(steps(panel('OctoLLM: Database', 'Connections in use (share of max_connections)'))).toEqual([
      [null, 'green'],
      [0.8, 'orange'],
    ]);
    expect(steps(panel('OctoLLM: Resources', 'Free space per volume'))).toEqual([
      [null, 'red'],
      [0.1, 'green'],
    ]);
    expect(steps(panel('OctoLLM: Service Availability', 'Core services up'))).toEqual([
      [null, 'red'],
      [1, 'green'],
    ]);
  });

  it('puts the API latency SLO on the performance dashboard, on the series its rules record', () => {
    const [slo] = octoLlmSlos();
    const row = rowsOf(byTitle.get('OctoLLM: Performance') as GrafanaDashboard).find(
      (r) => r.title === 'SLO api-latency: 95% over 30d',
    );
    expect(row?.panels.map((p) => p.type)).toEqual(['stat', 'gauge', 'timeseries', 'timeseries']);
    const recorded = new Set(
      slo
        .rules()
        .filter((r): r is RecordingRule => r instanceof RecordingRule)
        .map((r) => r.name),
    );
    const used = new Set((row?.panels ?? []).flatMap(exprs).flatMap((e) => e.match(/slo:[a-z0-9_:]+/g) ?? []));
    expect(used.size).toBeGreaterThan(3);
    for (const name of used) expect([name, recorded.has(name)]).toEqual([name, true]);
    for (const e of (row?.panels ?? []).flatMap(exprs)) expect(e).toContain('slo="api-latency", service="octollm"');
  });

  itWithShared("validates every dashboard and panel against Grafana's schemas, with Grafana units", () => {
    expectGrafanaValid(dashboards);
  });

  it("writes one sidecar ConfigMap per dashboard in namespace octollm, folder OctoLLM, holding the file's JSON", () => {
    expectSidecarConfigMaps(dist, 'octollm.k8s.yaml', dashboards, { namespace: 'octollm', folder: 'OctoLLM' });
  });

  it('moves every link with the runbook base, and every selector with the namespace', () => {
    const moved = synth({ runbookBase: 'https://wiki.example/octollm', namespace: 'octo' });
    for (const d of moved.dashboards.values()) {
      for (const p of panelsOf(d))
        for (const l of p.links ?? []) expect(l.url).toMatch(/^https:\/\/wiki\.example\/octollm#[a-z-]+$/);
      const text = panelsOf(d).flatMap(exprs).join('\n');
      expect(text).not.toContain('namespace="octollm"');
    }
    const perf = [...moved.dashboards.values()].find((d) => d.title === 'OctoLLM: Performance') as GrafanaDashboard;
    expect(exprs(panelsOf(perf)[0])[0]).toContain('http_request_duration_seconds_bucket{namespace="octo"}');
  });

  it('every panel and annotation query is valid PromQL and passes promtool check rules (variables filled in)', () => {
    expectQueriesValid(dashboards, 'octollm');
  });
});
