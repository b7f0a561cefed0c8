import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { AlertRule, RecordingRule, WatchkeeperApp, alertCondition } from '../../src';
import { GrafanaDashboard, GrafanaPanel } from '../../src/dashboards';
import { unguarded } from '../../src/dashboards/service-dashboard';
import { SMARTCLOUDOPS, SmartCloudOpsChart, issueAnchor } from '../../examples/smartcloudops';
import { itWithShared, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';
import { githubAnchors } from './example-support';
import {
  expectGrafanaValid,
  expectQueriesValid,
  expectedSteps,
  exprs,
  panelsOf,
  readDashboards,
  rowsOf,
  steps,
} from './dashboard-support';

/** The SmartCloudOps chart (its ServiceMonitoring's one dashboard) in an app of its own. */
function synth(props: ConstructorParameters<typeof SmartCloudOpsChart>[2] = {}) {
  const app = new WatchkeeperApp();
  const chart = new SmartCloudOpsChart(app, 'smartcloudops', props);
  const dist = synthToTemp(app);
  return { chart, dist, dashboards: readDashboards(dist) };
}

/** The guide's P0-P3 on panels: P0 red, P1 and P2 orange, P3 blue. */
const COLOR: Record<string, string> = { critical: 'red', high: 'orange', medium: 'orange', low: 'blue' };

describe('examples/smartcloudops dashboard', () => {
  const { chart, dist, dashboards } = synth();
  const [dashboard] = [...dashboards.values()];
  const rows = rowsOf(dashboard);
  const panel = (title: string) => panelsOf(dashboard).find((p) => p.title === title) as GrafanaPanel;
  /** The guide's alerts (not the SLO's burn-rate alerts, whose panels are the SLO row's). */
  const rules = chart.service.rules.ruleGroups
    .filter((g) => !g.name.startsWith('slo-'))
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);

  it("writes the service's one dashboard, with a uid of at most 40 characters", () => {
    expect([...dashboards.keys()]).toEqual(['smartcloudops-api-dashboard.json']);
    expect(dashboard.title).toBe('SmartCloudOps AI');
    expect(`${dashboard.uid}.json`).toBe('smartcloudops-api-dashboard.json');
    expect(String(dashboard.uid).length).toBeLessThanOrEqual(40);
  });

  itWithShared(
    "has a row per issue of the guide a metric can see, titled as the guide's heading, in the guide's order",
    () => {
      const issues = [...seed('004').matchAll(/^### Issue: (.+)$/gm)].map((m) => m[1].trim());
      expect(issues).toHaveLength(11);
      // ALB target health lives in CloudWatch, which the stack does not scrape (examples/smartcloudops/README.md).
      expect(rows.map((r) => r.title)).toEqual([
        'Service level objectives',
        ...issues.filter((i) => i !== 'Load Balancer Health Check Failures'),
        'Autoscaling',
      ]);
    },
  );

  itWithShared("links every panel of an issue's row to the issue's section, an anchor of the seed", () => {
    const anchors = githubAnchors(seed('004'));
    for (const row of rows.filter((r) => !['Service level objectives', 'Autoscaling'].includes(r.title))) {
      const anchor = issueAnchor(row.title);
      expect([row.title, anchors.has(anchor)]).toEqual([row.title, true]);
      expect(row.panels.length).toBeGreaterThan(0);
      for (const p of row.panels)
        expect([p.title, (p.links ?? []).map((l) => l.url)]).toEqual([
          p.title,
          [`${SMARTCLOUDOPS.runbookBase}#${anchor}`],
        ]);
    }
  });

  it("every alert with a level has a panel with the alert's query, and the panel's threshold steps are the alert's levels", () => {
    const shown = new Set<string>();
    for (const p of panelsOf(dashboard)) {
      const name = /Alert (\w+):/.exec(p.description ?? '')?.[1];
      if (!name || name === 'SmartCloudOpsPodOOMKilled') continue;
      const [expr] = exprs(p);
      const mine = rules.filter((r) => r.name === name && alertCondition(r.props.expr)?.query === expr);
      expect([p.title, mine.length > 0]).toEqual([p.title, true]);
      expect([p.title, steps(p)]).toEqual([p.title, expectedSteps(mine, COLOR)]);
      for (const r of mine) shown.add(r.name);
    }
    // SmartCloudOpsPodOOMKilled is `(restarts > 0) and on (...) (OOMKilled == 1)`: no single level to draw.
    const oomKilled = rules.find((r) => r.name === 'SmartCloudOpsPodOOMKilled') as AlertRule;
    expect(alertCondition(oomKilled.props.expr)).toBeUndefined();
    expect([...shown, 'SmartCloudOpsPodOOMKilled'].sort()).toEqual([...new Set(rules.map((r) => r.name))].sort());
    // Its panels: the quantity it compares (the restarts, without the OOMKilled guard) with its level drawn, and
    // the restarts of containers last OOMKilled, both linking its runbook section.
    const guarded = alertCondition(unguarded(oomKilled.props.expr).core);
    expect(exprs(panel('SmartCloudOpsPodOOMKilled'))).toEqual([guarded?.query]);
    expect(steps(panel('SmartCloudOpsPodOOMKilled'))).toEqual(
      expectedSteps([oomKilled.with({ expr: unguarded(oomKilled.props.expr).core })], COLOR),
    );
    const restarts = panel('Restarts of containers last OOMKilled (15m)');
    expect(exprs(restarts)[0]).toContain('reason="OOMKilled"');
    expect(restarts.links?.map((l) => l.url)).toEqual([oomKilled.props.annotations?.runbook_url]);
  });

  itWithShared(
    "shows the guide's numbers: P95 above 2 s, and certificate expiry at 1 (P0), 7 (P1) and 30 (P3) days",
    () => {
      expect(seed('004')).toContain('API response times > 2 seconds');
      expect(steps(panel('API P95 response time'))).toEqual([
        [null, 'green'],
        [2, 'orange'],
      ]);
      expect(steps(panel('Days left on the TLS certificate of <instance>'))).toEqual([
        [null, 'red'],
        [1, 'orange'],
        [7, 'blue'],
        [30, 'green'],
      ]);
      expect(steps(panel('Share of API requests answered 5xx'))).toEqual([
        [null, 'green'],
        [0.05, 'orange'],
        [0.5, 'red'],
      ]);
      expect(steps(panel('Redis cache hit rate'))).toEqual([
        [null, 'blue'],
        [0.8, 'green'],
      ]);
    },
  );

  it('puts the API latency SLO on the dashboard, on the series its rules record', () => {
    const [slo] = chart.service.slos;
    const row = rows.find((r) => r.title === 'Service level objectives');
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
    for (const e of (row?.panels ?? []).flatMap(exprs))
      expect(e).toContain('slo="latency", service="smartcloudops-api"');
  });

  it("shows the API's replicas against the HPA's bounds", () => {
    const row = rows.find((r) => r.title === 'Autoscaling');
    expect(row?.panels.map((p) => p.title)).toEqual(['smartcloudops-api: replicas (1-10)']);
    expect(exprs(row?.panels[0] as GrafanaPanel)[0]).toContain(
      'namespace="smartcloudops", horizontalpodautoscaler="smartcloudops-api"',
    );
  });

  itWithShared("validates the dashboard and its panels against Grafana's schemas, with Grafana units", () => {
    expectGrafanaValid(
      new Map(
        [...dashboards].map(([file, d]) => [
          file,
          // The alert panels of alerts without a catalogued metric have no unit (Grafana's default): the rest must.
          withUnits(d, (p) => /^SmartCloudOps\w+$/.test(String(p.title))),
        ]),
      ),
    );
  });

  it("writes the dashboard's sidecar ConfigMap in the chart's namespace, folder SmartCloudOps, holding the file's JSON", () => {
    const manifests = parseAllDocuments(fs.readFileSync(path.join(dist, 'smartcloudops.k8s.yaml'), 'utf8')).map((d) =>
      d.toJS(),
    );
    const cms = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.labels?.grafana_dashboard === '1');
    expect(cms.map((cm) => [cm.metadata.namespace, cm.metadata.annotations])).toEqual([
      ['smartcloudops-monitoring', { grafana_folder: 'SmartCloudOps' }],
    ]);
    const [key] = Object.keys(cms[0].data);
    expect(cms[0].data[key]).toBe(fs.readFileSync(path.join(dist, 'dashboards', key), 'utf8'));
  });

  it('namespaces and the runbook base are settable', () => {
    const moved = synth({ namespace: 'app', monitoringNamespace: 'mon', runbookBase: 'https://wiki.example/sco' });
    const text = [...moved.dashboards.values()].flatMap(panelsOf).flatMap(exprs).join('\n');
    expect(text).not.toMatch(/namespace=~?"smartcloudops/);
    expect(text).toContain('up{namespace=~"app|mon"}');
    expect(text).toContain('kube_daemonset_status_number_unavailable{namespace="mon", daemonset="fluentd"}');
    for (const p of [...moved.dashboards.values()].flatMap(panelsOf))
      for (const l of p.links ?? []) expect(l.url).toMatch(/^https:\/\/wiki\.example\/sco#issue-[a-z0-9-]+$/);
  });

  it('every panel and annotation query is valid PromQL and passes promtool check rules (variables filled in)', () => {
    expectQueriesValid(dashboards, 'smartcloudops');
  });
});

/** The dashboard with the panels `unitless` picks given Grafana's default unit (`none`), so every unit is checked. */
function withUnits(d: GrafanaDashboard, unitless: (p: GrafanaPanel) => boolean): GrafanaDashboard {
  const fill = (p: any): any =>
    p.type === 'row'
      ? { ...p, panels: (p.panels ?? []).map(fill) }
      : p.fieldConfig?.defaults.unit === undefined && unitless(p)
        ? { ...p, fieldConfig: { ...p.fieldConfig, defaults: { ...p.fieldConfig?.defaults, unit: 'none' } } }
        : p;
  return { ...d, panels: (d.panels ?? []).map(fill) };
}
