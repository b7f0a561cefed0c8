import { parseAllDocuments } from 'yaml';
import {
  CONFIGMAP_MAX_BYTES,
  Dashboard,
  GrafanaPanel,
  GrafanaRowPanel,
  PanelSpec,
  findOverlaps,
} from '../../src/dashboards';
import { itWithShared } from '../support/shared';
import { grafanaOracle } from './support/grafana-oracle';
import { appWithChart, synthError, thrown } from './support/app';
import { tempDir } from '../support/synth';

const latency: PanelSpec = {
  kind: 'timeseries',
  title: 'P99 latency',
  queries: [
    {
      expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="$service"}[$__rate_interval])))',
      legend: 'p99',
    },
  ],
  unit: 's',
};

function checkout(): {
  app: ReturnType<typeof appWithChart>['app'];
  chart: ReturnType<typeof appWithChart>['chart'];
  dash: Dashboard;
} {
  const { app, chart } = appWithChart();
  const dash = new Dashboard(chart, 'checkout', {
    title: 'Checkout',
    tags: ['shop'],
    refresh: '30s',
    time: { from: 'now-3h', to: 'now' },
    timezone: 'utc',
    variables: [
      {
        type: 'query',
        name: 'service',
        query: 'label_values(http_requests_total{namespace="shop"}, service)',
        includeAll: true,
        multi: true,
      },
      { type: 'custom', name: 'quantile', values: ['0.5', '0.9', '0.99'], default: '0.99' },
      { type: 'constant', name: 'selector', value: 'namespace="shop"' },
    ],
    annotations: [
      {
        name: 'Deployments',
        expr: 'changes(kube_deployment_status_observed_generation{namespace="shop"}[5m]) > 0',
        title: '{{deployment}}',
        tagKeys: ['deployment'],
      },
    ],
    links: [
      { title: 'Runbook', url: 'https://wiki/checkout' },
      { title: 'Shop', tags: ['shop'] },
    ],
    panels: [
      latency,
      {
        kind: 'stat',
        title: 'Requests',
        queries: ['sum(rate(http_requests_total{$selector}[5m]))'],
        unit: 'reqps',
        decimals: 1,
      },
    ],
  });
  return { app, chart, dash };
}

describe('Dashboard', () => {
  it('renders title, uid, tags, refresh, time, timezone and the schema version', () => {
    const json = checkout().dash.toJson();
    expect(json).toMatchObject({
      id: null,
      uid: 'shop-checkout',
      title: 'Checkout',
      tags: ['shop'],
      refresh: '30s',
      time: { from: 'now-3h', to: 'now' },
      timezone: 'utc',
      schemaVersion: 42,
    });
  });

  it('writes the schema version @grafana/schema writes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('@grafana/schema').defaultDashboard.schemaVersion).toBe(checkout().dash.toJson().schemaVersion);
  });

  it('has a Prometheus datasource variable first, and every panel and query reads from it', () => {
    const json = checkout().dash.toJson();
    expect(json.templating?.list?.[0]).toMatchObject({ type: 'datasource', name: 'datasource', query: 'prometheus' });
    const panels = (json.panels ?? []) as GrafanaPanel[];
    expect(panels.length).toBe(2);
    for (const p of panels) {
      expect(p.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const t of p.targets ?? []) expect(t.datasource).toEqual({ type: 'prometheus', uid: '${datasource}' });
    }
    expect(json.annotations?.list?.[1]).toMatchObject({
      name: 'Deployments',
      datasource: { type: 'prometheus', uid: '${datasource}' },
      tagKeys: 'deployment',
      titleFormat: '{{deployment}}',
    });
    const service = json.templating?.list?.find((v) => v.name === 'service');
    expect(service).toMatchObject({
      type: 'query',
      datasource: { type: 'prometheus', uid: '${datasource}' },
      query: 'label_values(http_requests_total{namespace="shop"}, service)',
      multi: true,
      includeAll: true,
      refresh: 2,
    });
  });

  it('renders custom and constant variables with their values', () => {
    const list = checkout().dash.toJson().templating?.list ?? [];
    expect(list.find((v) => v.name === 'quantile')).toMatchObject({
      type: 'custom',
      query: '0.5,0.9,0.99',
      current: { text: '0.99', value: '0.99' },
    });
    expect(list.find((v) => v.name === 'selector')).toMatchObject({
      type: 'constant',
      query: 'namespace="shop"',
      hide: 2,
    });
  });

  it('renders links with every field Grafana requires', () => {
    expect(checkout().dash.toJson().links).toEqual([
      {
        title: 'Runbook',
        type: 'link',
        url: 'https://wiki/checkout',
        icon: 'external link',
        tooltip: '',
        tags: [],
        asDropdown: false,
        targetBlank: true,
        includeVars: false,
        keepTime: false,
      },
      {
        title: 'Shop',
        type: 'dashboards',
        icon: 'external link',
        tooltip: '',
        tags: ['shop'],
        asDropdown: true,
        targetBlank: false,
        includeVars: true,
        keepTime: true,
      },
    ]);
  });

  it('renders a panel: legend, unit, decimals, refIds, kind defaults', () => {
    const [ts, stat] = checkout().dash.toJson().panels as GrafanaPanel[];
    expect(ts.targets?.[0]).toMatchObject({
      refId: 'A',
      legendFormat: 'p99',
      range: true,
      instant: false,
      format: 'time_series',
    });
    expect(ts.fieldConfig?.defaults).toMatchObject({ unit: 's', color: { mode: 'palette-classic' } });
    expect(ts.options).toMatchObject({ legend: { displayMode: 'list', placement: 'bottom', showLegend: true } });
    expect(stat.fieldConfig?.defaults).toMatchObject({ unit: 'reqps', decimals: 1, color: { mode: 'thresholds' } });
    expect(stat.options).toMatchObject({ reduceOptions: { calcs: ['lastNotNull'] }, graphMode: 'area' });
  });

  it('lands panels, rows, variables and links added after construction (lazy rendering)', () => {
    const { app, dash } = checkout();
    const row = dash.addRow('Saturation', { collapsed: true });
    row.addPanel({
      kind: 'gauge',
      title: 'CPU',
      queries: ['avg(rate(container_cpu_usage_seconds_total{namespace="shop"}[5m]))'],
      unit: 'percentunit',
      min: 0,
      max: 1,
    });
    dash
      .addRow('Errors')
      .addPanel({ kind: 'timeseries', title: 'Errors', queries: ['sum(rate(http_requests_total{code=~"5.."}[5m]))'] });
    dash.addLink({ title: 'Later', url: 'https://later' });
    const json = JSON.parse(app.synthesizeFiles().get('dashboards/shop-checkout.json') as string);
    const titles = json.panels.map((p: { title: string }) => p.title);
    expect(titles).toEqual(['P99 latency', 'Requests', 'Saturation', 'Errors', 'Errors']);
    const saturation = json.panels[2] as GrafanaRowPanel;
    expect(saturation).toMatchObject({ type: 'row', collapsed: true });
    expect(saturation.panels.map((p) => p.title)).toEqual(['CPU']);
    expect(json.panels[3]).toMatchObject({ type: 'row', collapsed: false, panels: [] });
    expect(json.links.map((l: { title: string }) => l.title)).toContain('Later');
  });

  it('gives panels and rows unique ids and non-overlapping positions', () => {
    const { dash } = checkout();
    dash.addRow('More').addPanel(latency, latency, { ...latency, position: { x: 0, y: 0, w: 24, h: 2 } });
    const json = dash.toJson();
    const all = (json.panels ?? []).flatMap((p) => (p.type === 'row' ? [p, ...(p as GrafanaRowPanel).panels] : [p]));
    const ids = all.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(findOverlaps(all.map((p) => p.gridPos as { x: number; y: number; w: number; h: number }))).toEqual([]);
    // The explicit position is relative to the row: right under its header.
    const row = (json.panels ?? []).find((p) => p.type === 'row') as GrafanaRowPanel;
    expect(all.find((p) => p.gridPos?.h === 2)?.gridPos).toEqual({ x: 0, y: (row.gridPos?.y ?? 0) + 1, w: 24, h: 2 });
  });

  it('is byte-identical across synths, uid included', () => {
    const a = checkout().app.synthesizeFiles();
    const b = checkout().app.synthesizeFiles();
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(b.get(k)).toBe(v);
  });

  itWithShared("validates against Grafana's own schemas", () => {
    const { dash } = checkout();
    dash.addRow('Other kinds', { collapsed: true }).addPanel(
      {
        kind: 'bargauge',
        title: 'By org',
        queries: [{ expr: 'sum by (org) (rate(http_requests_total[5m]))', legend: '{{org}}' }],
        thresholds: [{ value: 10, color: 'red' }],
      },
      {
        kind: 'heatmap',
        title: 'Latency',
        queries: ['sum by (le) (rate(http_request_duration_seconds_bucket[$__rate_interval]))'],
        unit: 's',
      },
      { kind: 'table', title: 'Top', queries: ['topk(10, sum by (path) (rate(http_requests_total[5m])))'] },
      { kind: 'text', title: 'Notes', content: '# Checkout\nSee the runbook.' },
      { kind: 'gauge', title: 'Saturation', queries: ['avg(up)'], min: 0, max: 1, unit: 'percentunit' },
    );
    expect(grafanaOracle().validateDashboard(dash.toJson())).toEqual([]);
  });
});

describe('Dashboard outputs', () => {
  function manifests(app: ReturnType<typeof appWithChart>['app']): Array<Record<string, any>> {
    return parseAllDocuments(app.synthesizeFiles().get('shop.k8s.yaml') as string).map((d) => d.toJS());
  }

  it('writes dashboards/<uid>.json and a sidecar ConfigMap holding the same JSON', () => {
    const { app } = checkout();
    const files = app.synthesizeFiles();
    const json = files.get('dashboards/shop-checkout.json') as string;
    expect(JSON.parse(json).uid).toBe('shop-checkout');
    expect(json.endsWith('}\n')).toBe(true);
    const cm = manifests(app).find((m) => m.kind === 'ConfigMap');
    expect(cm).toMatchObject({
      apiVersion: 'v1',
      metadata: { name: 'shop-checkout', namespace: 'monitoring', labels: { grafana_dashboard: '1' } },
    });
    expect(cm?.metadata.annotations).toBeUndefined();
    expect(cm?.data['shop-checkout.json']).toBe(json);
  });

  it('takes the label, its value, the folder and its annotation from props', () => {
    const { app, chart } = appWithChart();
    new Dashboard(chart, 'x', {
      title: 'X',
      panels: [latency],
      variables: [{ type: 'query', name: 'service', query: 'label_values(service)' }],
      configMap: {
        label: 'grafana-dashboards',
        labelValue: 'shop',
        folder: 'Shop',
        folderAnnotation: 'k8s-sidecar-target-directory',
        labels: { team: 'payments' },
        name: 'shop-x-dash',
      },
    });
    expect(manifests(app).find((m) => m.kind === 'ConfigMap')?.metadata).toEqual({
      name: 'shop-x-dash',
      namespace: 'monitoring',
      labels: { 'grafana-dashboards': 'shop', team: 'payments' },
      annotations: { 'k8s-sidecar-target-directory': 'Shop' },
    });
  });

  it('writes a grafana-operator GrafanaDashboard with an instance selector when asked, and no ConfigMap with configMap: false', () => {
    const { app, chart } = appWithChart();
    const dash = new Dashboard(chart, 'ops', {
      title: 'Ops',
      panels: [{ kind: 'stat', title: 'Up', queries: ['sum(up)'] }],
      configMap: false,
      grafanaOperator: {
        instanceSelector: { matchLabels: { dashboards: 'grafana' } },
        folder: 'Shop',
        resyncPeriod: '10m',
      },
    });
    const ms = manifests(app);
    expect(ms.map((m) => m.kind)).toEqual(['GrafanaDashboard']);
    expect(ms[0]).toMatchObject({
      apiVersion: 'grafana.integreatly.org/v1beta1',
      metadata: { name: 'shop-ops', namespace: 'monitoring' },
      spec: { instanceSelector: { matchLabels: { dashboards: 'grafana' } }, folder: 'Shop', resyncPeriod: '10m' },
    });
    expect(ms[0].spec.json).toBe(dash.toJsonString());
  });

  it('fails synth with a clear message when the dashboard is too big for a ConfigMap', () => {
    const { app, chart } = appWithChart();
    const dash = new Dashboard(chart, 'huge', { title: 'Huge' });
    const text = 'x'.repeat(200_000);
    for (let i = 0; i < 6; i++) dash.addPanel({ kind: 'text', title: `Notes ${i}`, content: text });
    expect(synthError(app)).toMatch(
      /\[shop\/huge\] configMap: the dashboard's JSON is larger than a ConfigMap may hold \(1048576 bytes, 1 MiB\) \(got "12\d{5} bytes"\)\. Fix: split the dashboard/,
    );
    expect(CONFIGMAP_MAX_BYTES).toBe(1048576);
    // Without a ConfigMap the same dashboard is fine.
    const { app: app2, chart: chart2 } = appWithChart();
    const d2 = new Dashboard(chart2, 'huge', { title: 'Huge', configMap: false });
    for (let i = 0; i < 6; i++) d2.addPanel({ kind: 'text', title: `Notes ${i}`, content: text });
    expect(synthError(app2)).toBe('');
  });
});

describe('Dashboard validation', () => {
  it('fails synth on an invalid query, naming the dashboard, the panel and the query', () => {
    const { app, dash } = checkout();
    dash.addRow('Broken').addPanel({
      kind: 'timeseries',
      title: 'Error rate',
      queries: ['sum(rate(x[5m]))', 'rate(rlm_errors[5m]) by (endpoint)'],
    });
    expect(synthError(app)).toMatch(
      /\[shop\/checkout\] dashboard "Checkout" row "Broken" panel "Error rate" query B: .*\(got "rate\(rlm_errors\[5m\]\) by \(endpoint\)"\)/,
    );
  });

  it('reads $ and digits in a title or description as an amount, and $ and a name as a variable', () => {
    const amounts = checkout();
    amounts.dash.addPanel({
      kind: 'stat',
      title: 'Spend',
      description: 'Warning above $500 a day.',
      queries: ['sum(increase(llm_cost_usd_total[24h]))'],
    });
    expect(() => amounts.app.synthTo(tempDir())).not.toThrow();
    const typo = checkout();
    typo.dash.addPanel({
      kind: 'stat',
      title: 'Spend',
      description: 'Warning above $limit a day.',
      queries: ['sum(increase(llm_cost_usd_total[24h]))'],
    });
    expect(synthError(typo.app)).toMatch(
      /panel "Spend" description: uses the variable "\$limit", which the dashboard does not define/,
    );
  });

  it('checks queries with sample values for template variables, and reports unknown variables', () => {
    const { app, dash } = checkout();
    dash.addPanel({ kind: 'stat', title: 'Typo', queries: ['sum(rate(http_requests_total{service="$servce"}[5m]))'] });
    expect(synthError(app)).toMatch(
      /panel "Typo" query A: uses the variable "\$servce", which the dashboard does not define/,
    );
  });

  it('reports a query that is invalid only once its variables are filled in', () => {
    const { app, chart } = appWithChart();
    new Dashboard(chart, 'd', {
      title: 'D',
      variables: [{ type: 'interval', name: 'window', values: ['5x'] }],
      panels: [{ kind: 'stat', title: 'Rate', queries: ['sum(rate(up[$window]))'] }],
    });
    expect(synthError(app)).toMatch(
      /panel "Rate" query A: .*in "sum\(rate\(up\[5x\]\)\)", the query with sample values for its variables/,
    );
  });

  it('checks variable queries and annotation expressions as PromQL', () => {
    const { app, chart } = appWithChart();
    new Dashboard(chart, 'd', {
      title: 'D',
      variables: [
        { type: 'query', name: 'job', query: 'label_values(up{job=~"(", job)' },
        { type: 'query', name: 'bad', query: 'values(up)' },
      ],
      annotations: [{ name: 'Deploys', expr: 'changes(x[5m] > 0' }],
      panels: [{ kind: 'stat', title: 'Up', queries: ['sum(up{job="$job"})'] }],
    });
    const msg = synthError(app);
    expect(msg).toMatch(/variable "job" query: .*\(got "label_values\(up\{job=~\\"\(\\", job\)"\)/);
    expect(msg).toMatch(/variable "bad" query: is not a Prometheus variable query/);
    expect(msg).toMatch(/annotation "Deploys" expr: /);
  });

  it("checks against the app's Prometheus version", () => {
    const spec: PanelSpec = { kind: 'stat', title: 'Avg', queries: ['histogram_avg(rate(x[5m]))'] };
    const old = appWithChart({ prometheusVersion: '2.42' });
    new Dashboard(old.chart, 'd', { title: 'D', panels: [spec] });
    expect(synthError(old.app)).toMatch(/panel "Avg" query A/);
    const current = appWithChart();
    new Dashboard(current.chart, 'd', { title: 'D', panels: [spec] });
    expect(synthError(current.app)).toBe('');
  });

  it('throws for bad panel specs when they are added', () => {
    const { dash } = checkout();
    expect(
      thrown(() => dash.addPanel({ kind: 'stat', title: 'Latency', queries: ['x'], unit: 'milliseconds' })),
    ).toMatch(/panel "Latency" unit: is not a Grafana unit id \(got "milliseconds"\)\. Fix: use one of .*"ms"/);
    expect(thrown(() => dash.addPanel({ kind: 'stat', title: 'Wide', queries: ['x'], width: 30 }))).toMatch(
      /panel "Wide" width: must be a whole number from 1 to 24/,
    );
    expect(
      thrown(() => dash.addPanel({ kind: 'stat', title: 'Off grid', queries: ['x'], position: { x: 20, y: 0, w: 8 } })),
    ).toMatch(/panel "Off grid" position: reaches column 28/);
    expect(thrown(() => dash.addPanel({ kind: 'stat', title: 'Empty', queries: [] }))).toMatch(
      /panel "Empty" queries: the panel has no query/,
    );
    expect(thrown(() => dash.addPanel({ kind: 'text', title: 'T' }))).toMatch(
      /panel "T" content: a text panel needs content/,
    );
    expect(thrown(() => dash.addPanel({ kind: 'pie' as 'stat', title: 'Pie', queries: ['x'] }))).toMatch(
      /panel "Pie" kind: unknown panel kind/,
    );
    expect(thrown(() => dash.addPanel({ kind: 'gauge', title: 'G', queries: ['x'], min: 1, max: 0 }))).toMatch(
      /panel "G" min\/max: min must be below max/,
    );
  });

  it('throws for bad dashboard props', () => {
    const { chart } = appWithChart();
    expect(thrown(() => new Dashboard(chart, 'a', { title: '' }))).toMatch(
      /\[shop\/a\] title: a dashboard needs a title/,
    );
    expect(thrown(() => new Dashboard(chart, 'b', { title: 'B', uid: 'x'.repeat(41) }))).toMatch(
      /uid: a Grafana uid is 1 to 40/,
    );
    expect(thrown(() => new Dashboard(chart, 'c', { title: 'C', refresh: '5 minutes' }))).toMatch(
      /refresh: not a Grafana refresh interval/,
    );
    expect(thrown(() => new Dashboard(chart, 'd', { title: 'D', time: { from: 'yesterday', to: 'now' } }))).toMatch(
      /time.from: not a Grafana time/,
    );
    expect(thrown(() => new Dashboard(chart, 'e', { title: 'E', grafanaOperator: { instanceSelector: {} } }))).toMatch(
      /grafanaOperator.instanceSelector: selects no Grafana instance/,
    );
    expect(
      thrown(
        () =>
          new Dashboard(chart, 'f', {
            title: 'F',
            grafanaOperator: { instanceSelector: { matchLabels: { a: 'b' } }, resyncPeriod: '10 min' },
          }),
      ),
    ).toMatch(/resyncPeriod: not a Go duration/);
  });

  it('reports two dashboards with the same uid', () => {
    const { app, chart } = appWithChart();
    new Dashboard(chart, 'a', {
      title: 'A',
      uid: 'same',
      panels: [latency],
      configMap: false,
      variables: [{ type: 'query', name: 'service', query: 'label_values(service)' }],
    });
    new Dashboard(chart, 'b', {
      title: 'B',
      uid: 'same',
      panels: [latency],
      configMap: false,
      variables: [{ type: 'query', name: 'service', query: 'label_values(service)' }],
    });
    expect(synthError(app)).toMatch(/\[shop\/b\] uid: the same uid as the dashboard at shop\/a/);
  });

  it('reports overlapping explicit positions', () => {
    const { app, chart } = appWithChart();
    new Dashboard(chart, 'a', {
      title: 'A',
      panels: [
        { kind: 'stat', title: 'One', queries: ['up'], position: { x: 0, y: 0, w: 12, h: 4 } },
        { kind: 'stat', title: 'Two', queries: ['up'], position: { x: 6, y: 2, w: 12, h: 4 } },
      ],
    });
    expect(synthError(app)).toMatch(/panel "Two" gridPos: overlaps panel "One"/);
  });
});
