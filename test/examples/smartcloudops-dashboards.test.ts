import { Chart } from 'cdk8s';
import { AlertRule, RecordingRule, WatchkeeperApp, alertCondition } from '../../src';
import { GrafanaDashboard, GrafanaPanel } from '../../src/dashboards';
import { ISSUE_ANCHORS, SMARTCLOUDOPS, smartCloudOpsAlertGroups } from '../../examples/smartcloudops';
import { ISSUE_TITLES, addSmartCloudOpsDashboards } from '../../examples/smartcloudops/dashboards';
import { smartCloudOpsSlos } from '../../examples/smartcloudops';
import { itWithShared, seed } from '../support/shared';
import { synthToTemp } from '../support/synth';
import { githubAnchors } from './example-support';
import {
  expectGrafanaValid,
  expectQueriesValid,
  expectSidecarConfigMaps,
  expectedSteps,
  exprs,
  panelsOf,
  readDashboards,
  rowsOf,
  steps,
} from './dashboard-support';

function synth(props: Parameters<typeof addSmartCloudOpsDashboards>[1] = {}, namespace = 'smartcloudops-monitoring') {
  const app = new WatchkeeperApp();
  addSmartCloudOpsDashboards(new Chart(app, 'smartcloudops', { namespace }), props);
  const dist = synthToTemp(app);
  return { dist, dashboards: readDashboards(dist) };
}

/** The guide's P0-P3 on panels: P0 red, P1 and P2 orange, P3 blue. */
const COLOR: Record<string, string> = { critical: 'red', high: 'orange', medium: 'orange', low: 'blue' };

/** Where each area's issues are: the guide's chapters. */
const AREAS: Record<string, string[]> = {
  'SmartCloudOps: Platform and API': [
    'API Service Unavailable (500/503 Errors)',
    'High Response Times / Performance Degradation',
    'Memory Leaks / OOMKilled Events',
    'EKS Cluster Node Issues',
  ],
  'SmartCloudOps: Database and Redis': ['Database Performance Degradation', 'Redis Cache Performance'],
  'SmartCloudOps: Security': ['Suspicious Authentication Activity', 'Certificate Expiration'],
  'SmartCloudOps: Monitoring and Logging': ['Prometheus Not Collecting Metrics', 'Log Ingestion Problems'],
};

describe('examples/smartcloudops dashboards', () => {
  const { dist, dashboards } = synth();
  const byTitle = new Map([...dashboards.values()].map((d) => [d.title, d]));
  const rules = smartCloudOpsAlertGroups()
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRule => r instanceof AlertRule);
  const panel = (dash: string, title: string) =>
    panelsOf(byTitle.get(dash) as GrafanaDashboard).find((p) => p.title === title) as GrafanaPanel;

  it('writes a dashboard per area of the guide, with uids of at most 40 characters', () => {
    expect([...dashboards.keys()]).toEqual([
      'smartcloudops-data.json',
      'smartcloudops-monitoring-logging.json',
      'smartcloudops-platform.json',
      'smartcloudops-security.json',
    ]);
    expect([...byTitle.keys()].sort()).toEqual(Object.keys(AREAS).sort());
    for (const [file, d] of dashboards) {
      expect(`${d.uid}.json`).toBe(file);
      expect(String(d.uid).length).toBeLessThanOrEqual(40);
    }
  });

  itWithShared("has a row per issue of the guide a metric can see, titled as the guide's heading, in its area", () => {
    const issues = [...seed('004').matchAll(/^### Issue: (.+)$/gm)].map((m) => m[1].trim());
    expect(issues).toHaveLength(11);
    // ALB target health lives in CloudWatch, which the stack does not scrape (examples/smartcloudops/README.md).
    expect(Object.values(ISSUE_TITLES).sort()).toEqual(
      issues.filter((i) => i !== 'Load Balancer Health Check Failures').sort(),
    );
    for (const [title, rows] of Object.entries(AREAS)) {
      expect(
        rowsOf(byTitle.get(title) as GrafanaDashboard)
          .map((r) => r.title)
          .filter((t) => !t.startsWith('SLO ')),
      ).toEqual(rows);
    }
  });

  itWithShared("links every panel to its issue's section, an anchor of the seed", () => {
    const anchors = githubAnchors(seed('004'));
    const anchorOf = new Map(
      Object.entries(ISSUE_TITLES).map(([k, t]) => [t, ISSUE_ANCHORS[k as keyof typeof ISSUE_ANCHORS]]),
    );
    for (const d of dashboards.values()) {
      for (const row of rowsOf(d)) {
        const anchor = anchorOf.get(
          row.title.startsWith('SLO ') ? ISSUE_TITLES.highResponseTimes : row.title,
        ) as string;
        expect([row.title, anchors.has(anchor)]).toEqual([row.title, true]);
        for (const p of row.panels)
          expect([p.title, (p.links ?? []).map((l) => l.url)]).toEqual([
            p.title,
            [`${SMARTCLOUDOPS.runbookBase}#${anchor}`],
          ]);
      }
    }
  });

  it("every alert with a level has a panel with the alert's query, and the panel's threshold steps are the alert's levels", () => {
    const shown = new Set<string>();
    for (const d of dashboards.values()) {
      for (const p of panelsOf(d)) {
        const name = /Alert (\w+):/.exec(p.description ?? '')?.[1];
        if (!name) continue;
        const [expr] = exprs(p);
        const mine = rules.filter((r) => r.name === name && alertCondition(r.props.expr)?.query === expr);
        expect([p.title, mine.length > 0]).toEqual([p.title, true]);
        expect([p.title, steps(p)]).toEqual([p.title, expectedSteps(mine, COLOR)]);
        for (const r of mine) shown.add(r.name);
      }
    }
    // SmartCloudOpsPodOOMKilled is `(restarts > 0) and on (...) (OOMKilled == 1)`: no single level to draw.
    expect(alertCondition(rules.find((r) => r.name === 'SmartCloudOpsPodOOMKilled')?.props.expr ?? '')).toBeUndefined();
    expect([...shown, 'SmartCloudOpsPodOOMKilled'].sort()).toEqual([...new Set(rules.map((r) => r.name))].sort());
    // Its panel shows the restarts of containers last OOMKilled, linking the alert's runbook section.
    const oom = panel('SmartCloudOps: Platform and API', 'Restarts of containers last OOMKilled (15m)');
    expect(exprs(oom)[0]).toContain('reason="OOMKilled"');
    expect(oom.links?.map((l) => l.url)).toEqual([
      rules.find((r) => r.name === 'SmartCloudOpsPodOOMKilled')?.props.annotations?.runbook_url,
    ]);
  });

  itWithShared(
    "shows the guide's numbers: P95 above 2 s, and certificate expiry at 1 (P0), 7 (P1) and 30 (P3) days",
    () => {
      expect(seed('004')).toContain('API response times > 2 seconds');
      expect(steps(panel('SmartCloudOps: Platform and API', 'API P95 response time'))).toEqual([
        [null, 'green'],
        [2, 'orange'],
      ]);
      expect(steps(panel('SmartCloudOps: Security', 'Days until the TLS certificate expires'))).toEqual([
        [null, 'red'],
        [1, 'orange'],
        [7, 'blue'],
        [30, 'green'],
      ]);
      expect(steps(panel('SmartCloudOps: Platform and API', 'Share of API requests answered 5xx'))).toEqual([
        [null, 'green'],
        [0.05, 'orange'],
        [0.5, 'red'],
      ]);
      expect(steps(panel('SmartCloudOps: Database and Redis', 'Redis cache hit rate'))).toEqual([
        [null, 'blue'],
        [0.8, 'green'],
      ]);
    },
  );

  it('puts the API latency SLO on the platform dashboard, on the series its rules record', () => {
    const [slo] = smartCloudOpsSlos();
    const row = rowsOf(byTitle.get('SmartCloudOps: Platform and API') as GrafanaDashboard).find(
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
    for (const e of (row?.panels ?? []).flatMap(exprs))
      expect(e).toContain('slo="latency", service="smartcloudops-api"');
  });

  itWithShared("validates every dashboard and panel against Grafana's schemas, with Grafana units", () => {
    expectGrafanaValid(dashboards);
  });

  it("writes one sidecar ConfigMap per dashboard in the chart's namespace, folder SmartCloudOps, holding the file's JSON", () => {
    expectSidecarConfigMaps(dist, 'smartcloudops.k8s.yaml', dashboards, {
      namespace: 'smartcloudops-monitoring',
      folder: 'SmartCloudOps',
    });
  });

  it('namespaces and the runbook base are settable', () => {
    const moved = synth(
      { namespace: 'app', monitoringNamespace: 'mon', runbookBase: 'https://wiki.example/sco' },
      'mon',
    ).dashboards;
    const text = [...moved.values()].flatMap(panelsOf).flatMap(exprs).join('\n');
    expect(text).not.toMatch(/namespace=~?"smartcloudops/);
    expect(text).toContain('up{namespace=~"app|mon"}');
    expect(text).toContain('kube_daemonset_status_number_unavailable{namespace="mon", daemonset="fluentd"}');
    for (const p of [...moved.values()].flatMap(panelsOf))
      for (const l of p.links ?? []) expect(l.url).toMatch(/^https:\/\/wiki\.example\/sco#issue-[a-z0-9-]+$/);
  });

  it('every panel and annotation query is valid PromQL and passes promtool check rules (variables filled in)', () => {
    expectQueriesValid(dashboards, 'smartcloudops');
  });
});
