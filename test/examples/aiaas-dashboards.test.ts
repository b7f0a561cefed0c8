import * as fs from 'fs';
import * as path from 'path';
import { AlertRule, RecordingRule, alertCondition } from '../../src';
import { GrafanaDashboard, GrafanaPanel } from '../../src/dashboards';
import {
  AIAAS,
  AiaasChart,
  AiaasChartProps,
  RUNBOOKS,
  RunbookCode,
  runbookAnchor,
  runbookHeading,
} from '../../examples/aiaas';
import { itWithShared, seed } from '../support/shared';
import { githubAnchors, synthExample } from './example-support';
import {
  expectAlertPanels,
  expectGrafanaValid,
  expectQueriesValid,
  exprs,
  panelsOf,
  readDashboards,
  rowsOf,
  steps,
} from './dashboard-support';

/** The AIaaS chart's dashboards and its runbook alerts (as AlertRules read back from the rule file). */
function synth(props: AiaasChartProps = {}) {
  let chart: AiaasChart | undefined;
  const out = synthExample((app) => (chart = new AiaasChart(app, 'aiaas', props)), /^aiaas-platform\.rules\.yaml$/);
  const rules = out.alerts.map(
    (a) => new AlertRule({ alert: a.alert, expr: a.expr, labels: a.labels, annotations: a.annotations }),
  );
  return {
    dist: out.dist,
    manifests: out.manifests,
    dashboards: readDashboards(out.dist),
    rules,
    chart: chart as AiaasChart,
  };
}

const COLOR: Record<string, string> = { critical: 'red', warning: 'orange', info: 'blue' };

/** The runbooks of the seed: code, heading, the Grafana dashboard and the Prometheus metrics of "Dashboards to Check". */
function seedRunbooks(): Array<{ code: string; heading: string; dashboard: string; metrics: string[] }> {
  return seed('003')
    .split(/^### /m)
    .slice(1)
    .filter((s) => /^[A-Z_]+: /.test(s))
    .map((s) => ({
      code: s.split(':')[0],
      heading: s.split('\n')[0].trim(),
      dashboard: (/- Grafana: (.+)/.exec(s) as RegExpExecArray)[1].trim(),
      metrics: [...s.matchAll(/- Prometheus: `([a-z_]+)`/g)].map((m) => m[1]),
    }));
}

/** The row title of a runbook: its heading and the Grafana dashboard it names. */
const rowTitle = (code: RunbookCode): string => `${runbookHeading(code)} (${RUNBOOKS[code].grafana})`;

describe('examples/aiaas dashboard', () => {
  const { dist, manifests, dashboards, rules, chart } = synth();
  const [dashboard] = dashboards.values();
  const row = (title: string, from = dashboard) => rowsOf(from).find((r) => r.title === title);
  const panel = (title: string, from = dashboard) => panelsOf(from).find((p) => p.title === title) as GrafanaPanel;

  it('writes one dashboard for the platform, with a uid of at most 40 characters', () => {
    expect([...dashboards.keys()]).toEqual(['aiaas-platform-dashboard.json']);
    expect(`${dashboard.uid}.json`).toBe('aiaas-platform-dashboard.json');
    expect(String(dashboard.uid).length).toBeLessThanOrEqual(40);
    expect(dashboard.title).toBe('AIaaS Platform');
  });

  itWithShared(
    'has a row per runbook, titled with its heading and the Grafana dashboard it names, querying its Prometheus metrics',
    () => {
      const runbooks = seedRunbooks();
      expect(runbooks.map((r) => r.dashboard)).toEqual([
        'Service Latency Dashboard',
        'Tool Service Health Dashboard',
        'Validation Error Dashboard',
        'WebSocket Dashboard',
      ]);
      expect(rowsOf(dashboard).map((r) => r.title)).toEqual([
        'Service level objectives',
        ...runbooks.map((r) => `${r.heading} (${r.dashboard})`),
        'Autoscaling',
      ]);
      for (const r of runbooks) {
        expect(rowTitle(r.code as RunbookCode)).toBe(`${r.heading} (${r.dashboard})`);
        const text = (row(`${r.heading} (${r.dashboard})`)?.panels ?? []).flatMap(exprs).join('\n');
        expect(r.metrics.length).toBeGreaterThan(0);
        for (const m of r.metrics) expect([r.dashboard, m, text.includes(m)]).toEqual([r.dashboard, m, true]);
      }
    },
  );

  itWithShared("links every panel of a runbook's row to the runbook's section, an anchor of the seed", () => {
    const anchors = githubAnchors(seed('003'));
    for (const code of Object.keys(RUNBOOKS) as RunbookCode[]) {
      const anchor = runbookAnchor(code);
      expect([code, anchors.has(anchor)]).toEqual([code, true]);
      const panels = row(rowTitle(code))?.panels ?? [];
      expect(panels.length).toBeGreaterThan(0);
      for (const p of panels)
        expect([p.title, (p.links ?? []).map((l) => l.url)]).toEqual([p.title, [`${AIAAS.runbookBase}#${anchor}`]]);
    }
  });

  it("every alert has a panel with the alert's query, and the panel's threshold steps are the alert's levels", () => {
    expect(rules.map((r) => r.name)).toHaveLength(7);
    expectAlertPanels(dashboards, rules, COLOR);
  });

  itWithShared(
    'the WebSocket panels mark backpressure (0.8 of the limit) and the 1000-connection limit, from the WebSocketOverload rules',
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
      const websocket = (row(rowTitle('WS_OVERLOAD'))?.panels ?? []).map((p) => p.title);
      expect(websocket).toEqual([
        'Share of the connection limit',
        'Active WebSocket connections',
        'Backpressure drops (5m)',
        // `kubectl scale deployment realtime`: the realtime workload's replicas, resources and restarts.
        'realtime replicas available',
        'realtime CPU by pod (cores)',
        'realtime working set memory by pod',
        'realtime restarts (1h)',
        'realtime containers in CrashLoopBackOff',
      ]);
      const connections = panel('Active WebSocket connections');
      expect(exprs(connections)).toEqual(['websocket_connections_active']);
      expect(steps(connections)).toEqual([
        [null, 'green'],
        [1000, 'red'],
      ]);
      const gauge = panel('Share of the connection limit');
      expect(gauge.type).toBe('gauge');
      expect(exprs(gauge)).toEqual([share?.c?.query]);
      expect(steps(gauge)).toEqual([
        [null, 'green'],
        [0.8, 'orange'],
      ]);
      expect(gauge.fieldConfig?.defaults.unit).toBe('percentunit');
    },
  );

  it('follows the toggles the runbooks tell the team to raise, as the alerts do', () => {
    const toggles = { maxWebsocketConnections: 2000, backpressureThreshold: 0.9, timeoutThresholdMs: 10000 };
    const moved = synth({ toggles, runbookBase: 'https://wiki.example/aiaas' });
    const [d] = moved.dashboards.values();
    expect(steps(panel('Active WebSocket connections', d))).toEqual([
      [null, 'green'],
      [2000, 'red'],
    ]);
    expect(exprs(panel('Share of the connection limit', d))).toEqual(['websocket_connections_active / 2000']);
    expect(steps(panel('Share of the connection limit', d))).toEqual([
      [null, 'green'],
      [0.9, 'orange'],
    ]);
    expect(steps(panel('P95 latency by service', d))).toEqual([
      [null, 'green'],
      [500, 'orange'],
      [10000, 'red'],
    ]);
    expect(moved.rules.map((r) => r.props.expr)).toContain('websocket_connections_active >= 2000');
    for (const p of panelsOf(d))
      for (const l of p.links ?? []) expect(l.url).toMatch(/^https:\/\/wiki\.example\/aiaas#[a-z_-]+$/);
  });

  it('puts the platform latency SLO on the dashboard, on the series its rules record', () => {
    const [slo] = chart.service.slos;
    const panels = row('Service level objectives')?.panels ?? [];
    expect(panels.map((p) => p.type)).toEqual(['stat', 'gauge', 'timeseries', 'timeseries']);
    const recorded = new Set(
      slo
        .rules()
        .filter((r): r is RecordingRule => r instanceof RecordingRule)
        .map((r) => r.name),
    );
    const used = new Set(panels.flatMap(exprs).flatMap((e) => e.match(/slo:[a-z0-9_:]+/g) ?? []));
    expect(used.size).toBeGreaterThan(3);
    for (const name of used) expect([name, recorded.has(name)]).toEqual([name, true]);
    for (const e of panels.flatMap(exprs)) expect(e).toContain('slo="latency", service="aiaas-platform"');
  });

  it("shows the realtime HPA's replicas against its maximum of 5", () => {
    const [replicas] = row('Autoscaling')?.panels ?? [];
    expect(exprs(replicas).join('\n')).toContain('horizontalpodautoscaler="realtime"');
    expect(steps(replicas)).toEqual([
      [null, 'green'],
      [5, 'red'],
    ]);
  });

  itWithShared("validates the dashboard and every panel against Grafana's schemas, with Grafana units", () => {
    expectGrafanaValid(dashboards as Map<string, GrafanaDashboard>);
  });

  it('writes one sidecar ConfigMap in namespace production, folder AIaaS, holding the JSON (beside the adapter config)', () => {
    const cms = manifests.filter((m) => m.kind === 'ConfigMap');
    expect(cms.map((m) => m.metadata.name).sort()).toEqual(['aiaas-platform-dashboard', 'prometheus-adapter']);
    const sidecar = cms.find((m) => m.metadata.name === 'aiaas-platform-dashboard') as Record<string, any>;
    expect(sidecar.metadata.namespace).toBe('production');
    expect(sidecar.metadata.labels).toEqual({ grafana_dashboard: '1' });
    expect(sidecar.metadata.annotations).toEqual({ grafana_folder: 'AIaaS' });
    expect(Object.keys(sidecar.data)).toEqual(['aiaas-platform-dashboard.json']);
    expect(sidecar.data['aiaas-platform-dashboard.json']).toBe(
      fs.readFileSync(path.join(dist, 'dashboards', 'aiaas-platform-dashboard.json'), 'utf8'),
    );
  });

  it('every panel and annotation query is valid PromQL and passes promtool check rules (variables filled in)', () => {
    expectQueriesValid(dashboards, 'aiaas');
  });
});
