import { Chart } from 'cdk8s';
import { AlertRule, RecordingRule, WatchkeeperApp, alertCondition } from '../../src';
import { GrafanaDashboard, GrafanaPanel } from '../../src/dashboards';
import { AIAAS, RUNBOOK_ANCHORS, aiaasAlertGroups } from '../../examples/aiaas';
import { RUNBOOK_TITLES, addAiaasDashboards } from '../../examples/aiaas/dashboards';
import { aiaasSlos } from '../../examples/aiaas';
import { itWithShared, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';
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

function synth(props: Parameters<typeof addAiaasDashboards>[1] = {}): {
  dist: string;
  dashboards: Map<string, GrafanaDashboard>;
} {
  const app = new WatchkeeperApp();
  addAiaasDashboards(new Chart(app, 'aiaas', { namespace: 'production' }), props);
  const dist = synthToTemp(app);
  return { dist, dashboards: readDashboards(dist) };
}

const COLOR: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** The runbooks of the seed: heading, the Grafana dashboard and the Prometheus metrics of "Dashboards to Check". */
function seedRunbooks(): Array<{ heading: string; dashboard: string; metrics: string[] }> {
  return seed('003')
    .split(/^### /m)
    .slice(1)
    .filter((s) => /^[A-Z_]+: /.test(s))
    .map((s) => ({
      heading: s.split('\n')[0].trim(),
      dashboard: (/- Grafana: (.+)/.exec(s) as RegExpExecArray)[1].trim(),
      metrics: [...s.matchAll(/- Prometheus: `([a-z_]+)`/g)].map((m) => m[1]),
    }));
}

describe('examples/aiaas dashboards', () => {
  const { dist, dashboards } = synth();
  const byTitle = new Map([...dashboards.values()].map((d) => [d.title, d]));
  const rules = aiaasAlertGroups()
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);
  const panel = (dash: string, title: string, from = dashboards) =>
    panelsOf([...from.values()].find((d) => d.title === dash) as GrafanaDashboard).find(
      (p) => p.title === title,
    ) as GrafanaPanel;

  itWithShared(
    'writes the four dashboards the runbooks name, titled as they name them, with uids of at most 40 characters',
    () => {
      const runbooks = seedRunbooks();
      expect(runbooks.map((r) => r.dashboard)).toEqual([
        'Service Latency Dashboard',
        'Tool Service Health Dashboard',
        'Validation Error Dashboard',
        'WebSocket Dashboard',
      ]);
      expect([...byTitle.keys()].sort()).toEqual(runbooks.map((r) => r.dashboard).sort());
      expect([...dashboards.keys()]).toEqual([
        'aiaas-service-latency.json',
        'aiaas-tool-service-health.json',
        'aiaas-validation-errors.json',
        'aiaas-websocket.json',
      ]);
      for (const [file, d] of dashboards) {
        expect(`${d.uid}.json`).toBe(file);
        expect(String(d.uid).length).toBeLessThanOrEqual(40);
      }
    },
  );

  itWithShared(
    "each dashboard is the runbook that names it: its row is titled as the runbook and queries the runbook's Prometheus metrics",
    () => {
      for (const r of seedRunbooks()) {
        const d = byTitle.get(r.dashboard) as GrafanaDashboard;
        const rows = rowsOf(d)
          .map((x) => x.title)
          .filter((t) => !t.startsWith('SLO '));
        expect(rows).toEqual([r.heading]);
        expect(Object.values(RUNBOOK_TITLES)).toContain(r.heading);
        const text = panelsOf(d).flatMap(exprs).join('\n');
        expect(r.metrics.length).toBeGreaterThan(0);
        for (const m of r.metrics) expect([r.dashboard, m, text.includes(m)]).toEqual([r.dashboard, m, true]);
      }
    },
  );

  itWithShared("links every panel to its runbook's section, an anchor of the seed", () => {
    const anchors = githubAnchors(seed('003'));
    for (const d of dashboards.values()) {
      const code = (Object.keys(RUNBOOK_TITLES) as Array<keyof typeof RUNBOOK_TITLES>).find((c) =>
        rowsOf(d).some((r) => r.title === RUNBOOK_TITLES[c]),
      );
      expect(code).toBeDefined();
      const anchor = RUNBOOK_ANCHORS[code as keyof typeof RUNBOOK_ANCHORS];
      expect(anchors.has(anchor)).toBe(true);
      for (const p of panelsOf(d))
        expect([p.title, (p.links ?? []).map((l) => l.url)]).toEqual([p.title, [`${AIAAS.runbookBase}#${anchor}`]]);
    }
  });

  it("every alert has a panel with the alert's query, and the panel's threshold steps are the alert's levels", () => {
    // WebSocketOverload's panels combine its two rules (limit and backpressure share): checked below.
    expectAlertPanels(dashboards, rules, COLOR, ['WebSocketOverload']);
  });

  itWithShared(
    'the WebSocket panels mark backpressure (0.8 of the limit) and the 1000-connection limit, read from the WebSocketOverload rules',
    () => {
      expect(seed('003')).toContain('`MAX_WEBSOCKET_CONNECTIONS`: Increase from 1000 to 2000');
      expect(seed('003')).toContain('`BACKPRESSURE_THRESHOLD`: Increase from 0.8 to 0.9');
      const ws = rules
        .filter((r) => r.name === 'WebSocketOverload')
        .map((r) => ({ severity: r.props.labels?.severity, c: alertCondition(r.props.expr) }));
      const limit = ws.find((x) => x.c?.op === '>=');
      const share = ws.find((x) => x.c?.op === '>');
      expect([limit?.severity, limit?.c?.value, share?.severity, share?.c?.value]).toEqual([
        'critical',
        1000,
        'warning',
        0.8,
      ]);
      const connections = panel('WebSocket Dashboard', 'Active WebSocket connections');
      expect(exprs(connections)).toEqual(['websocket_connections_active']);
      expect(steps(connections)).toEqual([
        [null, 'green'],
        [0.8 * 1000, 'orange'],
        [1000, 'red'],
      ]);
      const gauge = panel('WebSocket Dashboard', 'Share of the connection limit');
      expect(exprs(gauge)).toEqual([share?.c?.query]);
      expect(steps(gauge)).toEqual([
        [null, 'green'],
        [0.8, 'orange'],
        [1, 'red'],
      ]);
      expect(gauge.fieldConfig?.defaults.unit).toBe('percentunit');
    },
  );

  it('follows the toggles the runbooks tell the team to raise, as the alerts do', () => {
    const toggles = { maxWebsocketConnections: 2000, backpressureThreshold: 0.9, timeoutThresholdMs: 10000 };
    const moved = synth({ toggles, runbookBase: 'https://wiki.example/aiaas' }).dashboards;
    expect(steps(panel('WebSocket Dashboard', 'Active WebSocket connections', moved))).toEqual([
      [null, 'green'],
      [1800, 'orange'],
      [2000, 'red'],
    ]);
    expect(exprs(panel('WebSocket Dashboard', 'Share of the connection limit', moved))).toEqual([
      'websocket_connections_active / 2000',
    ]);
    expect(steps(panel('WebSocket Dashboard', 'Share of the connection limit', moved))).toEqual([
      [null, 'green'],
      [0.9, 'orange'],
      [1, 'red'],
    ]);
    expect(steps(panel('Service Latency Dashboard', 'P95 latency by service', moved))).toEqual([
      [null, 'green'],
      [500, 'orange'],
      [10000, 'red'],
    ]);
    const alerts = aiaasAlertGroups({ toggles })
      .flatMap((g) => g.rules)
      .map((r) => r.props.expr);
    expect(alerts).toContain('websocket_connections_active >= 2000');
    for (const d of moved.values())
      for (const p of panelsOf(d))
        for (const l of p.links ?? []) expect(l.url).toMatch(/^https:\/\/wiki\.example\/aiaas#[a-z_-]+$/);
  });

  it('puts the platform latency SLO on the Service Latency Dashboard, on the series its rules record', () => {
    const [slo] = aiaasSlos();
    const row = rowsOf(byTitle.get('Service Latency Dashboard') as GrafanaDashboard).find(
      (r) => r.title === 'SLO latency: 95% over 30d',
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
    for (const e of (row?.panels ?? []).flatMap(exprs)) expect(e).toContain('slo="latency", service="aiaas-platform"');
  });

  itWithShared("validates every dashboard and panel against Grafana's schemas, with Grafana units", () => {
    expectGrafanaValid(dashboards);
  });

  it("writes one sidecar ConfigMap per dashboard in namespace production, folder AIaaS, holding the file's JSON", () => {
    expectSidecarConfigMaps(dist, 'aiaas.k8s.yaml', dashboards, { namespace: 'production', folder: 'AIaaS' });
  });

  it('every panel and annotation query is valid PromQL and passes promtool check rules (variables filled in)', () => {
    expectQueriesValid(dashboards, 'aiaas');
  });
});
