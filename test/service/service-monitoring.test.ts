import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import {
  AlertRule,
  Counter,
  Match,
  Presets,
  Receiver,
  ScalingMetric,
  ServiceMonitoring,
  Sli,
  ThresholdMetric,
  WatchkeeperApp,
  deployment,
} from '../../src';
import { kebabCase, runbookLink } from '../../src/service';
import { amtoolRoutesTest, itWithAmtool, runAmtool } from '../support/amtool';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { GeneratedAlertTests } from '../../src/testing';
import { synthToTemp, tempDir } from '../support/synth';

const pager = Receiver.webhook('pager', { url: 'https://pager.example.com/hook' });
const tickets = Receiver.webhook('tickets', { url: 'https://tickets.example.com/hook' });

/** One service declared through the facade: two SLOs, a threshold, a raw alert, a capacity row and an HPA. */
function checkoutApp(): { app: WatchkeeperApp; service: ServiceMonitoring } {
  const app = new WatchkeeperApp({ outdir: tempDir() });
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const service = new ServiceMonitoring(chart, 'checkout', {
    service: 'checkout',
    team: 'payments',
    labels: { tier: 'frontend' },
    runbookBaseUrl: 'https://wiki.example.com/checkout',
    resourceLabels: { release: 'kube-prometheus-stack' },
    dashboard: { folder: 'Payments' },
  })
    .addSlo({
      name: 'availability',
      objective: 99.9,
      sli: Sli.events('http_requests_total{job="checkout", code=~"5.."}', 'http_requests_total{job="checkout"}'),
    })
    .addThreshold({
      metric: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))',
      alert: 'CheckoutLatencyP99',
      description: 'P99 checkout latency',
      unit: 's',
      direction: 'above',
      thresholds: { warning: 0.2, critical: 0.5 },
    })
    .addAlert({
      alert: 'CheckoutQueueStuck',
      expr: 'checkout_queue_depth{job="checkout"} > 1000',
      for: '10m',
      labels: { severity: 'warning' },
      runbook: '#queue',
    })
    .addCapacity('api', {
      displayName: 'Checkout Pods',
      scaleTargetRef: deployment('checkout'),
      metric: ScalingMetric.cpu(),
      scaleUp: 70,
      scaleDown: 30,
      maxReplicas: 20,
      minReplicas: 2,
    })
    .routeBySeverity({ receivers: { critical: pager, warning: tickets, info: tickets } });
  return { app, service };
}

describe('ServiceMonitoring', () => {
  it('writes one rule file for the service, every alert carrying its labels and runbook link', () => {
    const dist = synthToTemp(checkoutApp().app);
    const file = YAML.parse(fs.readFileSync(path.join(dist, 'rules', 'checkout.rules.yaml'), 'utf8')) as {
      groups: Array<{
        name: string;
        rules: Array<{
          alert?: string;
          record?: string;
          labels?: Record<string, string>;
          annotations?: Record<string, string>;
        }>;
      }>;
    };
    expect(file.groups.map((g) => g.name)).toEqual(
      expect.arrayContaining(['checkout-thresholds', 'checkout-alerts', 'checkout-capacity']),
    );
    expect(file.groups.every((g) => g.rules.length <= 20)).toBe(true);
    const alerts = file.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
    expect(alerts.length).toBeGreaterThan(6);
    for (const a of alerts) {
      expect(a.labels).toMatchObject({ service: 'checkout', team: 'payments', tier: 'frontend', namespace: 'shop' });
      expect(a.annotations?.runbook_url).toMatch(/^https:\/\/wiki\.example\.com\/checkout#[a-z0-9-]+$/);
    }
    const links = (name: string): string[] => [
      ...new Set(alerts.filter((a) => a.alert === name).map((a) => a.annotations?.runbook_url as string)),
    ];
    expect(links('CheckoutLatencyP99')).toEqual(['https://wiki.example.com/checkout#checkout-latency-p99']);
    expect(links('CheckoutQueueStuck')).toEqual(['https://wiki.example.com/checkout#queue']);
    expect(links('CheckoutAvailabilityErrorBudgetBurn')).toEqual([
      'https://wiki.example.com/checkout#checkout-availability-error-budget-burn',
    ]);
  });

  it('draws one dashboard with a row per kind, in its folder, the threshold levels on the threshold panel', () => {
    const dist = synthToTemp(checkoutApp().app);
    const files = fs.readdirSync(path.join(dist, 'dashboards'));
    expect(files).toHaveLength(1);
    const dashboard = JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', files[0]), 'utf8')) as {
      title: string;
      panels: Array<{
        type: string;
        title: string;
        fieldConfig?: { defaults?: { thresholds?: { steps: Array<{ value: number | null; color: string }> } } };
      }>;
    };
    expect(dashboard.title).toBe('checkout');
    expect(dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual([
      'Service level objectives',
      'Thresholds',
      'Alerts',
      'Capacity',
    ]);
    const latency = dashboard.panels.find((p) => p.title.includes('P99 checkout latency'));
    expect(latency?.fieldConfig?.defaults?.thresholds?.steps.map((s) => s.value)).toEqual([null, 0.2, 0.5]);
    const manifests = YAML.parseAllDocuments(fs.readFileSync(path.join(dist, 'shop.k8s.yaml'), 'utf8')).map(
      (d) => d.toJSON() as { kind: string; metadata: { annotations?: Record<string, string> } },
    );
    expect(manifests.find((m) => m.kind === 'ConfigMap')?.metadata.annotations).toEqual({ grafana_folder: 'Payments' });
    expect(manifests.filter((m) => m.kind === 'HorizontalPodAutoscaler')).toHaveLength(1);
    expect(manifests.filter((m) => m.kind === 'PrometheusRule')).toHaveLength(1);
  });

  it('takes ThresholdMetric and AlertRule values as they are, adding the service labels (their own labels win)', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const s = new ServiceMonitoring(chart, 'api', { service: 'api', team: 'core', dashboard: false })
      .addThreshold(
        new ThresholdMetric({
          metric: 'api_queue_depth',
          description: 'Queue',
          unit: 'count',
          direction: 'above',
          thresholds: { warning: 10 },
          labels: { team: 'queue-owners' },
        }),
      )
      .addAlert(new AlertRule({ alert: 'ApiDown', expr: 'up{job="api"} == 0', labels: { severity: 'critical' } }));
    const rules = s.rules.ruleGroups.flatMap((g) =>
      g.rules.flatMap((r) => ('rules' in r && typeof r.rules === 'function' ? r.rules() : [r])),
    );
    const labels = rules.map((r) => (r as AlertRule).props.labels);
    expect(labels).toEqual([
      expect.objectContaining({ service: 'api', team: 'queue-owners', severity: 'warning' }),
      expect.objectContaining({ service: 'api', team: 'core', severity: 'critical' }),
    ]);
    expect(s.dashboard).toBeUndefined();
  });

  it('takes queries built from metric values wherever it takes PromQL, named as the text would be', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const requests = new Counter<'code'>({ name: 'http_requests_total', help: 'Requests', labels: ['code'] });
    const s = new ServiceMonitoring(chart, 'api', { service: 'api', runbookBaseUrl: 'https://w/api', dashboard: false })
      .addThreshold({
        metric: requests.errorRatio({ code: Match.re('5..') }, '5m'),
        alert: 'ApiErrors',
        description: 'Errors',
        unit: 'ratio',
        direction: 'above',
        thresholds: { critical: 0.05 },
      })
      .addAlert({
        alert: 'ApiNoTraffic',
        expr: requests.rate('5m').sum().compare('==', 0),
        labels: { severity: 'warning' },
      });
    expect(s.thresholds[0].props.metric).toBe(String(requests.errorRatio({ code: Match.re('5..') }, '5m')));
    expect(s.thresholds[0].rules()[0].props.annotations?.runbook_url).toBe('https://w/api#api-errors');
    expect(() => app.synthTo(tempDir())).not.toThrow();
  });

  it('leaves the series their own service label with labelAlertsWithService: false (SLOs keep theirs)', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const s = new ServiceMonitoring(chart, 'platform', {
      service: 'platform',
      team: 'core',
      labelAlertsWithService: false,
      dashboard: false,
    })
      .addThreshold({
        metric: 'queue_depth',
        description: 'Queue',
        unit: 'count',
        direction: 'above',
        thresholds: { warning: 10 },
      })
      .addAlert({ alert: 'PodDown', expr: 'up{job="kubernetes-pods"} == 0', labels: { severity: 'critical' } })
      .addSlo({ name: 'availability', objective: 99, sli: Sli.events('x_total{code="5xx"}', 'x_total') });
    const alerts = s.rules.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRule => r instanceof AlertRule);
    const byName = (name: string) => alerts.filter((a) => a.name === name).map((a) => a.props.labels ?? {});
    expect(byName('QueueDepth')).toEqual([expect.not.objectContaining({ service: expect.anything() })]);
    expect(byName('PodDown')).toEqual([expect.not.objectContaining({ service: expect.anything() })]);
    expect(byName('PodDown')[0]).toMatchObject({ team: 'core' });
    const sloAlerts = byName('PlatformAvailabilityErrorBudgetBurn');
    expect(sloAlerts.length).toBeGreaterThan(0);
    expect(sloAlerts.every((l) => l.service === 'platform')).toBe(true);
  });

  it("routes a service whose alerts keep their series' service label, and shows a preset's alerts on its row only", () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    new ServiceMonitoring(chart, 'platform', { service: 'platform', labelAlertsWithService: false })
      .addAlert({ alert: 'PodDown', expr: 'up{job="kubernetes-pods"} == 0', labels: { severity: 'critical' } })
      .addPreset(Presets.kubernetesWorkload({ namespace: 'ns', deployment: 'api' }))
      .routeBySeverity({ receivers: { critical: pager, warning: tickets, info: tickets } });
    const dist = synthToTemp(app);
    const file = fs.readdirSync(path.join(dist, 'dashboards'))[0];
    const panels = (
      JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', file), 'utf8')) as { panels: Array<{ title: string }> }
    ).panels;
    const titled = (text: string) => panels.filter((p) => p.title.includes(text)).length;
    expect(titled('PodDown')).toBe(1);
    expect(titled('PlatformPodCrashLooping')).toBe(1);
  });

  it('fails synth naming an SLO declared twice for the service', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const sli = Sli.events('x_total{code="5xx"}', 'x_total');
    new ServiceMonitoring(chart, 'api', { service: 'api' })
      .addSlo({ name: 'availability', objective: 99, sli })
      .addSlo({ name: 'availability', objective: 99.9, sli });
    expect(() => app.synthTo(tempDir())).toThrow(
      /\[c\/api\] name: the service already has an SLO named "availability"/,
    );
  });

  it('reports a refused SLO once, and writes no rule file for a service without rules', () => {
    const refused = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(refused, 'c', { namespace: 'ns' }), 'api', { service: 'api' }).addSlo({
      name: 'availability',
      objective: 120,
      sli: Sli.events('x_total{code="5xx"}', 'x_total'),
    });
    expect(() => refused.synthTo(tempDir())).toThrow(
      /^\[Slo "api\/availability"\] objective: the objective must lie strictly between 0 and 100/,
    );

    const hpaOnly = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(hpaOnly, 'c', { namespace: 'ns' }), 'api', { service: 'api' }).addAutoscaling(
      'hpa',
      {
        scaleTargetRef: deployment('api'),
        maxReplicas: 4,
        metrics: [ScalingMetric.cpu().target(70)],
      },
    );
    const dist = synthToTemp(hpaOnly);
    expect(fs.existsSync(path.join(dist, 'rules'))).toBe(false);
    expect(fs.readdirSync(path.join(dist, 'dashboards'))).toHaveLength(1);
  });

  it('fails synth naming the alerts of a severity no route takes', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    new ServiceMonitoring(chart, 'api', { service: 'api' })
      .addThreshold({
        metric: 'api_queue_depth',
        description: 'Queue',
        unit: 'count',
        direction: 'above',
        thresholds: { info: 5, critical: 10 },
      })
      .routeBySeverity({ receivers: { critical: pager } });
    expect(() => app.synthTo(tempDir())).toThrow(
      /ApiQueueDepth[^\n]*severity="info"|severity="info"[^\n]*ApiQueueDepth/,
    );
  });

  itWithPromtool('writes rules promtool accepts', (promtool) => {
    const dist = synthToTemp(checkoutApp().app);
    const result = runPromtool(['check', 'rules', path.join(dist, 'rules', 'checkout.rules.yaml')]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
    expect(promtool).toBeTruthy();
  });

  itWithAmtool('routes each severity of the service to its receiver (amtool)', () => {
    const dist = synthToTemp(checkoutApp().app);
    const config = path.join(dist, 'alertmanager', fs.readdirSync(path.join(dist, 'alertmanager'))[0]);
    expect(runAmtool(['check-config', config]).status).toBe(0);
    const route = (severity: string): string =>
      amtoolRoutesTest(config, { alertname: 'CheckoutLatencyP99', service: 'checkout', namespace: 'shop', severity })
        .receivers;
    expect([route('critical'), route('warning'), route('info')].map((r) => r.replace(/^.*?-/, ''))).toEqual([
      'pager',
      'tickets',
      'tickets',
    ]);
  });
});

describe('runbook links', () => {
  it('kebab-cases alert names, takes anchors with or without #, and whole URLs as they are', () => {
    expect(kebabCase('CheckoutLatencyP99')).toBe('checkout-latency-p99');
    expect(kebabCase('RLMHighErrorRate')).toBe('rlm-high-error-rate');
    expect(runbookLink('https://w/x', undefined, 'ApiDown')).toBe('https://w/x#api-down');
    expect(runbookLink('https://w/x#old', '#queue', 'ApiDown')).toBe('https://w/x#queue');
    expect(runbookLink(undefined, 'https://other/y#z', 'ApiDown')).toBe('https://other/y#z');
    expect(runbookLink(undefined, 'queue', 'ApiDown')).toBeUndefined();
  });
});

describe('ServiceMonitoring with GeneratedAlertTests', () => {
  itWithPromtool('generates the scenarios of its SLOs and thresholds, and promtool passes them', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'shop', { namespace: 'shop' });
    new ServiceMonitoring(chart, 'checkout', { service: 'checkout', team: 'payments', dashboard: false })
      .addSlo({
        name: 'availability',
        objective: 99.9,
        sli: Sli.events('http_requests_total{job="checkout", code=~"5.."}', 'http_requests_total{job="checkout"}'),
      })
      .addThreshold({
        metric: 'checkout_latency_p99_ms{job="checkout"}',
        alert: 'CheckoutLatencyP99',
        description: 'P99',
        unit: 'ms',
        direction: 'above',
        thresholds: { warning: 200, critical: 500 },
      });
    new GeneratedAlertTests(app);
    const dist = synthToTemp(app);
    const generated = fs.readdirSync(path.join(dist, 'tests', 'generated')).sort();
    expect(generated).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/slo-checkout-availability/),
        expect.stringMatching(/checkout-latency-p99/),
      ]),
    );
    for (const file of generated) {
      const r = runPromtool(['test', 'rules', path.join(dist, 'tests', 'generated', file)]);
      expect({ file, status: r.status, output: r.status === 0 ? '' : r.output }).toEqual({
        file,
        status: 0,
        output: '',
      });
    }
  });
});

describe('ServiceMonitoring areas', () => {
  /** A service whose runbook has a section per area: two areas (one named twice), a preset, panels and a look. */
  function areaApp(): { app: WatchkeeperApp; service: ServiceMonitoring } {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    const chart = new Chart(app, 'c', { namespace: 'ns' });
    const service = new ServiceMonitoring(chart, 'llm', {
      service: 'llm',
      runbookBaseUrl: 'https://wiki.example.com/llm',
      labelAlertsWithNamespace: false,
    })
      .addArea('Service Unavailable', {
        labels: { escalation: 'L1' },
        alerts: [
          { alert: 'LlmDown', expr: 'up{job="llm"} == 0', labels: { severity: 'critical' }, panel: { unit: 'count' } },
        ],
      })
      .addArea('Cache Performance Issues', {
        thresholds: [
          {
            metric: 'llm_cache_hit_ratio',
            alert: 'CacheMissRate',
            description: 'Hit rate of the {{ $labels.cache_type }} cache',
            unit: 'ratio',
            direction: 'below',
            thresholds: { warning: 0.5 },
          },
        ],
        panels: [{ kind: 'timeseries', title: 'Redis memory', unit: 'bytes', queries: ['redis_memory_used_bytes'] }],
      })
      .addArea('Service Unavailable', {
        panels: [
          {
            kind: 'timeseries',
            title: 'Restarts',
            unit: 'short',
            queries: ['kube_pod_container_status_restarts_total'],
            links: [{ title: 'Elsewhere', url: 'https://elsewhere.example.com' }],
          },
        ],
        alerts: [
          { alert: 'LlmStuck', expr: 'llm_queue_depth > 100', labels: { severity: 'warning', escalation: 'L2' } },
        ],
      })
      .addAlert({ alert: 'LlmSlow', expr: 'llm_latency_seconds > 5', labels: { severity: 'warning' } })
      .addPreset({
        title: 'Queue',
        runbook: 'queues',
        alerts: [{ alert: 'Backlog', expr: 'llm_queue_depth > 1000', labels: { severity: 'warning' } }],
      });
    return { app, service };
  }

  it("puts an area's rules in a group of its own and its panels on a row titled as it, linking its runbook section", () => {
    const dist = synthToTemp(areaApp().app);
    const file = YAML.parse(fs.readFileSync(path.join(dist, 'rules', 'llm.rules.yaml'), 'utf8')) as {
      groups: Array<{
        name: string;
        rules: Array<{ alert: string; labels: Record<string, string>; annotations: Record<string, string> }>;
      }>;
    };
    expect(file.groups.map((g) => [g.name, g.rules.map((r) => r.alert)])).toEqual([
      ['llm-service-unavailable', ['LlmDown', 'LlmStuck']], // named again: the same group
      ['llm-cache-performance-issues', ['CacheMissRate']],
      ['llm-alerts', ['LlmSlow']],
      ['llm-queue', ['LlmBacklog']], // a preset is an area, its alerts prefixed
    ]);
    const rules = file.groups.flatMap((g) => g.rules);
    expect(Object.fromEntries(rules.map((r) => [r.alert, r.annotations.runbook_url]))).toEqual({
      LlmDown: 'https://wiki.example.com/llm#service-unavailable',
      LlmStuck: 'https://wiki.example.com/llm#service-unavailable',
      CacheMissRate: 'https://wiki.example.com/llm#cache-performance-issues',
      LlmSlow: 'https://wiki.example.com/llm#llm-slow',
      LlmBacklog: 'https://wiki.example.com/llm#queues',
    });
    // The area's labels under the alert's own; only the area that gives them.
    expect(Object.fromEntries(rules.map((r) => [r.alert, r.labels.escalation]))).toEqual({
      LlmDown: 'L1',
      LlmStuck: 'L2',
      CacheMissRate: undefined,
      LlmSlow: undefined,
      LlmBacklog: undefined,
    });
    const [json] = fs.readdirSync(path.join(dist, 'dashboards'));
    const dashboard = JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', json), 'utf8')) as {
      panels: Array<{
        type: string;
        title: string;
        links?: Array<{ url: string }>;
        fieldConfig?: { defaults?: { unit?: string } };
      }>;
    };
    const shown = dashboard.panels.map((p) => [
      p.type === 'row' ? `row ${p.title}` : p.title,
      p.links?.map((l) => l.url),
    ]);
    expect(shown).toEqual([
      ['row Service Unavailable', undefined],
      ['LlmDown', ['https://wiki.example.com/llm#service-unavailable']],
      ['LlmStuck', ['https://wiki.example.com/llm#service-unavailable']],
      ['Restarts', ['https://elsewhere.example.com']], // its own links stay
      ['row Cache Performance Issues', undefined],
      ['Hit rate of the <cache_type> cache', ['https://wiki.example.com/llm#cache-performance-issues']],
      ['Redis memory', ['https://wiki.example.com/llm#cache-performance-issues']],
      ['row Alerts', undefined],
      ['LlmSlow', ['https://wiki.example.com/llm#llm-slow']],
      ['row Queue', undefined],
      ['LlmBacklog', ['https://wiki.example.com/llm#queues']],
    ]);
    // The look's watchkeeper unit as Grafana's id; an alert without a look gets none (no catalogue here).
    const unit = (title: string) => dashboard.panels.find((p) => p.title === title)?.fieldConfig?.defaults?.unit;
    expect([unit('LlmDown'), unit('LlmSlow')]).toEqual(['short', undefined]);
  });

  it.each([
    ['--', undefined, /addArea title: the title has no letter or digit to name its rule group/],
    [
      'Alerts',
      undefined,
      /addArea title: the area would share the service's own "Alerts" row and "api-alerts" rule group/,
    ],
    ['Thresholds', 'th', /addArea title: .*own "Thresholds" row and "api-thresholds" rule group \(got "Thresholds"\)/],
    [
      'Edge',
      'api-capacity',
      /ruleGroup: the service's Capacity rules go to the rule group "api-capacity" \(got "api-capacity"\)/,
    ],
    ['Edge', 'api-core', /ruleGroup: the service's rules already have a group named "api-core" \(area "Core"\)/],
  ])('fails synth naming an area %s (rule group %s) that cannot have a group of its own', (title, group, message) => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(app, 'c', { namespace: 'ns' }), 'api', { service: 'api' })
      .addArea('Core', { alerts: [{ alert: 'ApiDown', expr: 'up == 0', labels: { severity: 'critical' } }] })
      .addArea(title, {
        ruleGroup: group,
        alerts: [{ alert: 'ApiSlow', expr: 'latency > 1', labels: { severity: 'warning' } }],
      });
    expect(() => app.synthTo(tempDir())).toThrow(message);
  });

  it('fails synth on a rule group other than the one an area was first given, and on an unknown unit of a look', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(app, 'c', { namespace: 'ns' }), 'api', { service: 'api' })
      .addArea('Core', { ruleGroup: 'core', panels: [{ kind: 'text', title: 'n', content: 'x' }] })
      .addArea('Core', { ruleGroup: 'core-2', panels: [{ kind: 'text', title: 'm', content: 'y' }] })
      .addAlert({ alert: 'ApiDown', expr: 'up == 0', labels: { severity: 'critical' }, panel: { unit: 'seconds' } });
    expect(() => app.synthTo(tempDir())).toThrow(/ruleGroup: the area "Core" already has the rule group "core"/);
    expect(() => app.synthTo(tempDir())).toThrow(/ApiDown.*unit.*"seconds"/s);
  });

  it('writes no rule group for an area of panels only', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(app, 'c', { namespace: 'ns' }), 'api', { service: 'api' })
      .addAlert({ alert: 'ApiDown', expr: 'up == 0', labels: { severity: 'critical' } })
      .addArea('Notes', { panels: [{ kind: 'text', title: 'n', content: 'x' }] });
    const file = YAML.parse(fs.readFileSync(path.join(synthToTemp(app), 'rules', 'api.rules.yaml'), 'utf8'));
    expect(file.groups.map((g: { name: string }) => g.name)).toEqual(['api-alerts']);
  });

  itWithPromtool('writes area rules promtool accepts', () => {
    const dist = synthToTemp(areaApp().app);
    const result = runPromtool(['check', 'rules', path.join(dist, 'rules', 'llm.rules.yaml')]);
    expect(result.output).toContain('SUCCESS: 5 rules found');
    expect(result.status).toBe(0);
  });
});
