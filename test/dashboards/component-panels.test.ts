import { Dashboard, PanelSpec, Panels, workloadPods } from '../../src/dashboards';
import { checkPromQL } from '../../src/promql';
import { appWithChart } from './support/app';

/** Every factory with its props, as a team would call it. */
const SETS: Array<[string, PanelSpec[]]> = [
  ['deployment', Panels.kubernetesWorkload({ namespace: 'shop', deployment: 'checkout' })],
  ['daemonset', Panels.kubernetesWorkload({ namespace: 'logging', daemonset: 'fluentd' })],
  ['cluster', Panels.kubernetesCluster({ namespace: 'shop' })],
  ['requests', Panels.httpRequests({ histogram: 'http_request_duration_seconds', selector: 'job="checkout"' })],
  ['postgres', Panels.postgres({ selector: 'namespace="shop"' })],
  ['redis', Panels.redis({ selector: 'namespace="shop"' })],
  ['prometheus', Panels.prometheus({ selector: 'namespace="shop"' })],
];

const exprs = (panels: PanelSpec[]): string[] =>
  panels.flatMap((p) => ('queries' in p ? (p.queries ?? []) : []).map((q) => (typeof q === 'string' ? q : q.expr)));

describe('Panels', () => {
  it.each(SETS)(
    '%s: panels a dashboard synthesizes (valid PromQL, known units, schema-valid JSON)',
    (_name, panels) => {
      expect(panels.length).toBeGreaterThan(0);
      const { app, chart } = appWithChart();
      new Dashboard(chart, 'dash', { title: 'Components', panels });
      const files = app.synthesizeFiles(); // throws on a bad query, unit or schema violation
      const dashboard = JSON.parse(files.get('dashboards/shop-dash.json') as string);
      expect(dashboard.panels.map((p: { title: string }) => p.title)).toEqual(panels.map((p) => p.title));
      for (const e of exprs(panels)) expect(checkPromQL(e.replace(/\$__rate_interval/g, '5m'))).toEqual([]);
    },
  );

  it("selects a workload's pods by name and namespace, a Deployment by its available replicas", () => {
    const panels = Panels.kubernetesWorkload({ namespace: 'shop', deployment: 'checkout' });
    expect(panels.map((p) => p.title)).toEqual([
      'checkout replicas available',
      'checkout CPU by pod (cores)',
      'checkout working set memory by pod',
      'checkout restarts (1h)',
      'checkout containers in CrashLoopBackOff',
    ]);
    const [replicas, ...perPod] = exprs(panels);
    expect(replicas).toBe('sum(kube_deployment_status_replicas_available{namespace="shop", deployment="checkout"})');
    for (const e of perPod) expect(e).toContain('{namespace="shop", pod=~"checkout-[a-z0-9]+-[a-z0-9]+"');
  });

  it("takes a workload's own pods, not those of a workload whose name starts with its name", () => {
    const matches = (kind: 'deployment' | 'daemonset', name: string, pod: string) =>
      new RegExp(`^(?:${workloadPods(kind, name)})$`).test(pod); // Prometheus anchors label regexes
    expect(matches('deployment', 'checkout', 'checkout-7d9f8b6c5-x2kqz')).toBe(true);
    expect(matches('deployment', 'checkout', 'checkout-worker-7d9f8b6c5-x2kqz')).toBe(false);
    expect(matches('daemonset', 'fluentd', 'fluentd-x2kqz')).toBe(true);
    expect(matches('daemonset', 'fluentd', 'fluentd-bit-x2kqz')).toBe(false);
  });

  it("draws a DaemonSet's ready pods against the desired number", () => {
    const [ready] = Panels.kubernetesWorkload({ namespace: 'logging', daemonset: 'fluentd' });
    expect([ready.title, exprs([ready])]).toEqual([
      'fluentd pods ready',
      [
        'sum(kube_daemonset_status_number_ready{namespace="logging", daemonset="fluentd"})',
        'sum(kube_daemonset_status_desired_number_scheduled{namespace="logging", daemonset="fluentd"})',
      ],
    ]);
  });

  it('refuses a workload that names neither a Deployment nor a DaemonSet, or both', () => {
    expect(() => Panels.kubernetesWorkload({ namespace: 'shop' })).toThrow(/deployment or daemonset, not neither/);
    expect(() => Panels.kubernetesWorkload({ namespace: 'shop', deployment: 'a', daemonset: 'b' })).toThrow(/not both/);
  });

  it('puts the selector on every exporter series, and splits requests by the label it is told', () => {
    for (const e of exprs([
      ...Panels.postgres({ selector: 'namespace="shop"' }),
      ...Panels.redis({ selector: 'namespace="shop"' }),
    ]))
      expect(e).toMatch(/\{namespace="shop"\}/);
    expect(exprs(Panels.postgres())).toContain('max(pg_settings_max_connections)');
    const [rate] = exprs(Panels.httpRequests({ histogram: 'req_seconds', by: 'code', selector: 'job="a"' }));
    expect(rate).toBe('sum by (code) (rate(req_seconds_count{job="a"}[$__rate_interval]))');
  });
});
