/**
 * What the RLM Hypervisor example needed of the facade: areas with a rule group named as given (addArea ruleGroup), more dashboards
 * per service (addDashboard, a kept uid and refresh), routes with their own timing and routes on labels other
 * than severity (routeBySeverity), threshold panels titled without alert-template actions, and alert panels of
 * guarded alerts (`x > 70 and on () (at max replicas)`, the capacity alerts) drawing the quantity compared.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { AlertRule, Receiver, ServiceMonitoring, ServiceMonitoringProps, WatchkeeperApp } from '../../src';
import { amtoolRoutesTest, itWithAmtool } from '../support/amtool';
import { synthToTemp, tempDir } from '../support/synth';

const pager = Receiver.webhook('pager', { url: 'https://pager.example.com/hook' });
const tickets = Receiver.webhook('tickets', { url: 'https://tickets.example.com/hook' });
const mail = Receiver.webhook('mail', { url: 'https://mail.example.com/hook' });
const catalogue = {
  queue_depth: { type: 'gauge', unit: 'count', labels: ['queue'] },
  task_seconds: { type: 'gauge', unit: 's', labels: [] },
} as const;

function service(props: Partial<ServiceMonitoringProps> = {}): { app: WatchkeeperApp; svc: ServiceMonitoring } {
  const app = new WatchkeeperApp({ outdir: tempDir() });
  const svc = new ServiceMonitoring(new Chart(app, 'ops', { namespace: 'ops' }), 'worker', {
    service: 'worker',
    team: 'ops',
    runbookBaseUrl: 'https://wiki.example.com/worker',
    dashboard: { folder: 'Ops', metrics: catalogue, tags: ['ops'], uid: 'worker-overview', refresh: '1m' },
    ...props,
  });
  return { app, svc };
}

type RuleFile = { groups: Array<{ name: string; rules: Array<Record<string, any>> }> };
const readJson = (dist: string, file: string): any => JSON.parse(fs.readFileSync(path.join(dist, file), 'utf8'));

describe('ServiceMonitoring.addArea with a ruleGroup', () => {
  const build = () => {
    const { app, svc } = service();
    svc.addArea('Backlog', {
      ruleGroup: 'backlog',
      runbook: 'https://runbooks.example.com/backlog',
      thresholds: [
        {
          metric: 'max by (queue) (queue_depth)',
          alert: 'QueueDeep',
          description: 'Depth of queue {{ $labels.queue }}',
          unit: 'count',
          direction: 'above',
          thresholds: { warning: 100 },
          runbook: 'queue-deep',
        },
      ],
      alerts: [
        { alert: 'TasksSlow', expr: 'task_seconds > 30', for: '10m', labels: { severity: 'warning' }, runbook: 'slow' },
        new AlertRule({ alert: 'TasksStuck', expr: 'task_seconds > 600', labels: { severity: 'critical' } }),
      ],
      panels: [{ kind: 'text', title: 'How to read this row', content: 'Backlog first.' }],
    });
    return { app, svc };
  };

  it('puts its thresholds and alerts, named as given, in a rule group of that name with the service labels', () => {
    const dist = synthToTemp(build().app);
    const file = YAML.parse(fs.readFileSync(path.join(dist, 'rules', 'worker.rules.yaml'), 'utf8')) as RuleFile;
    expect(file.groups.map((g) => g.name)).toEqual(['backlog']);
    const rules = file.groups[0].rules;
    expect(rules.map((r) => [r.alert, r.labels.severity, r.annotations.runbook_url])).toEqual([
      ['QueueDeep', 'warning', 'https://wiki.example.com/worker#queue-deep'],
      ['TasksSlow', 'warning', 'https://wiki.example.com/worker#slow'],
      ['TasksStuck', 'critical', 'https://runbooks.example.com/backlog'], // the area's runbook, a whole URL
    ]);
    for (const r of rules) expect(r.labels).toMatchObject({ service: 'worker', team: 'ops', namespace: 'ops' });
  });

  it("draws a row of its own: the threshold's panel titled with its template's label as <label>, alerts in their metric's unit, then its panels", () => {
    const dist = synthToTemp(build().app);
    const d = readJson(dist, 'dashboards/worker-overview.json');
    expect([d.uid, d.refresh]).toEqual(['worker-overview', '1m']);
    expect(d.panels.map((p: any) => [p.type, p.title, p.fieldConfig?.defaults?.unit])).toEqual([
      ['row', 'Backlog', undefined],
      ['timeseries', 'Depth of queue <queue>', 'short'],
      ['timeseries', 'TasksSlow', 's'],
      ['timeseries', 'TasksStuck', 's'],
      ['text', 'How to read this row', undefined],
    ]);
    expect(d.panels.at(-1).links.map((l: any) => l.url)).toEqual(['https://runbooks.example.com/backlog']);
  });

  it('draws an alert guarded by `and`/`unless` by the quantity it compares and its level, not the empty filter', () => {
    const { app, svc } = service();
    svc.addArea('Capacity at max', {
      alerts: [
        {
          alert: 'QueueDeepAtMax',
          expr: 'sum(queue_depth) > 100 and on () (max(task_seconds) >= 1)',
          labels: { severity: 'critical' },
        },
      ],
    });
    const d = readJson(synthToTemp(app), 'dashboards/worker-overview.json');
    const p = d.panels.find((x: any) => x.title === 'QueueDeepAtMax');
    expect(p.targets.map((t: any) => t.expr)).toEqual(['sum(queue_depth)']);
    expect(p.fieldConfig.defaults.thresholds.steps.map((s: any) => s.value)).toEqual([null, 100]);
    expect(p.description).toBe('Alert QueueDeepAtMax: critical when > 100 (and its guard holds).');
  });

  it('reports a rule group another area has, naming the service and the value', () => {
    const { app, svc } = build();
    svc.addArea('Other', {
      ruleGroup: 'backlog',
      alerts: [{ alert: 'X', expr: 'vector(1)', labels: { severity: 'info' } }],
    });
    expect(() => app.synthTo(tempDir())).toThrow(
      /\[ops\/worker\] ruleGroup: the service's rules already have a group named "backlog" \(area "Backlog"\)/,
    );
  });
});

describe('ServiceMonitoring.addDashboard', () => {
  it("adds a dashboard in the service's namespace and folder, with its tags and metric catalogue", () => {
    const { app, svc } = service();
    svc.addDashboard('queues', {
      uid: 'worker-queues',
      title: 'Worker queues',
      tags: ['queues'],
      panels: [{ kind: 'timeseries', title: 'Depth', queries: [{ expr: 'queue_depth', legend: '{{queue}}' }] }],
    });
    const dist = synthToTemp(app);
    const d = readJson(dist, 'dashboards/worker-queues.json');
    expect([d.title, d.tags]).toEqual(['Worker queues', ['worker', 'ops', 'queues']]);
    const cms = YAML.parseAllDocuments(fs.readFileSync(path.join(dist, 'ops.k8s.yaml'), 'utf8'))
      .map((x) => x.toJS())
      .filter((m) => m.kind === 'ConfigMap' && m.data['worker-queues.json'] !== undefined);
    expect(cms.map((m) => [m.metadata.namespace, m.metadata.annotations])).toEqual([
      ['ops', { grafana_folder: 'Ops' }],
    ]);
  });

  it("checks its panels against the service's metric catalogue", () => {
    const { app, svc } = service();
    svc.addDashboard('queues', {
      title: 'Worker queues',
      panels: [{ kind: 'timeseries', title: 'Depth', queries: [{ expr: 'queue_depth', legend: '{{topic}}' }] }],
    });
    expect(() => app.synthTo(tempDir())).toThrow(/topic/);
  });

  it("tops the service's dashboards with its links, its namespace's rollouts and a 30s refresh, unless told otherwise", () => {
    const { app, svc } = service({ dashboard: { uid: 'worker-overview', deployments: 'apps' } });
    svc.addDashboard('queues', { uid: 'worker-queues', title: 'Worker queues', refresh: '5m' });
    svc.addDashboard('plain', { uid: 'worker-plain', title: 'Plain', links: [], annotations: [] });
    const dist = synthToTemp(app);
    const look = (uid: string) => {
      const d = readJson(dist, `dashboards/${uid}.json`);
      const links = d.links.map((l: any) => [l.title, l.url ?? l.tags]);
      const rollouts = d.annotations.list.filter((a: any) => a.name === 'Deployments').map((a: any) => a.expr);
      return [d.refresh, links, rollouts];
    };
    const links = [
      ['worker dashboards', ['worker']], // every dashboard of the service carries its name as a tag
      ['Runbook', 'https://wiki.example.com/worker'],
    ];
    const rollouts = ['changes(kube_deployment_status_observed_generation{namespace="apps"}[5m]) > 0'];
    expect(look('worker-overview')).toEqual(['30s', links, rollouts]);
    expect(look('worker-queues')).toEqual(['5m', links, rollouts]);
    expect(look('worker-plain')).toEqual(['30s', [], []]);
    // Without a runbook, no runbook link; `deployments: false` and `refresh: ''` turn the others off.
    const bare = service({ runbookBaseUrl: undefined, dashboard: { uid: 'bare', deployments: false, refresh: '' } });
    const d = readJson(synthToTemp(bare.app), 'dashboards/bare.json');
    expect([d.refresh, d.links.map((l: any) => l.title), d.annotations.list.map((a: any) => a.name)]).toEqual([
      '',
      ['worker dashboards'],
      ['Annotations & Alerts'],
    ]);
  });
});

describe('ServiceMonitoring.routeBySeverity routes', () => {
  const build = () => {
    const { app, svc } = service({ dashboard: false });
    svc
      .addAlert(
        { alert: 'Down', expr: 'vector(1)', labels: { severity: 'critical' } },
        { alert: 'Report', expr: 'vector(1)', labels: { severity: 'info', channel: 'email' } },
        { alert: 'Note', expr: 'vector(1)', labels: { severity: 'warning', channel: 'email' } },
      )
      .routeBySeverity({
        receivers: { critical: { receiver: pager, repeatInterval: '1h', groupWait: '10s' }, info: tickets },
        routes: [{ matchers: ['channel="email"'], receiver: mail, repeatInterval: '24h' }],
      });
    return { app, svc };
  };

  it('renders severity routes with their own timing, then the other routes, each with the service matcher', () => {
    const dist = synthToTemp(build().app);
    const am = YAML.parse(fs.readFileSync(path.join(dist, 'alertmanager', 'ops-worker-routing.yml'), 'utf8'));
    const routes = am.route.routes.map((r: any) => [r.receiver, r.matchers, r.repeat_interval, r.group_wait]);
    expect(routes.slice(0, 3)).toEqual([
      ['pager', ['service="worker"', 'severity="critical"'], '1h', '10s'],
      ['tickets', ['service="worker"', 'severity="info"'], undefined, undefined],
      ['mail', ['service="worker"', 'channel="email"'], '24h', undefined],
    ]);
  });

  it('severity routes come first: an info alert with channel="email" goes to info, a warning one (no warning receiver) to the channel route', () => {
    const policy = build().svc.routing;
    const resolve = (labels: Record<string, string>) => policy?.resolve(labels).receivers;
    expect(resolve({ service: 'worker', severity: 'info', channel: 'email' })).toEqual(['tickets']);
    expect(resolve({ service: 'worker', severity: 'warning', channel: 'email' })).toEqual(['mail']);
  });

  itWithAmtool('amtool agrees', () => {
    const dist = synthToTemp(build().app);
    const file = path.join(dist, 'alertmanager', 'ops-worker-routing.yml');
    expect(amtoolRoutesTest(file, { service: 'worker', severity: 'warning', channel: 'email' }).receivers).toBe('mail');
    expect(amtoolRoutesTest(file, { service: 'worker', severity: 'info', channel: 'email' }).receivers).toBe('tickets');
  });

  it('reports a route without matchers', () => {
    const { app, svc } = service({ dashboard: false });
    svc
      .addAlert({ alert: 'Down', expr: 'vector(1)', labels: { severity: 'critical' } })
      .routeBySeverity({ receivers: { critical: pager }, routes: [{ receiver: mail }] });
    expect(() => app.synthTo(tempDir())).toThrow(
      /routeBySeverity routes\[0\]\.matchers: a route without matchers takes every alert of the service/,
    );
  });
});
