/**
 * ServiceMonitoring: a preset's alertPrefix (alert names kept as written) and the `panel` look of a threshold
 * or an alert (title, unit, legend, kind of its dashboard panel; query, levels and runbook stay the rule's).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { ServiceAlertProps, ServiceMonitoring, ServicePreset, WatchkeeperApp } from '../../src';
import { GrafanaDashboard } from '../../src/dashboards';
import { rowsOf } from '../examples/dashboard-support';
import { synthToTemp, tempDir } from '../support/synth';

type Panel = {
  type: string;
  title: string;
  description?: string;
  targets?: Array<{ expr: string; legendFormat?: string }>;
  fieldConfig?: { defaults: { unit?: string; thresholds?: { steps: Array<{ value: number | null; color: string }> } } };
  links?: Array<{ url: string }>;
};

const stuck: ServiceAlertProps = {
  alert: 'CheckoutQueueStuck',
  expr: 'checkout_queue_depth > 1000',
  labels: { severity: 'warning' },
};

const runbook: ServicePreset = {
  title: 'QUEUE: Queue Backlog',
  alertPrefix: '',
  thresholds: [
    {
      alert: 'QueueLatency',
      metric: 'queue_wait_seconds{queue="orders"}',
      description: 'Wait of {{ $labels.queue }}',
      unit: 's',
      direction: 'above',
      thresholds: { warning: 30, critical: 60 },
      panel: { title: 'Queue wait', legend: '{{queue}}' },
    },
  ],
  alerts: [
    { ...stuck, panel: { kind: 'stat', title: 'Orders waiting', unit: 'short', legend: '{{instance}}' } },
    { ...stuck, expr: 'checkout_queue_depth > 5000', labels: { severity: 'critical' } },
    { alert: 'QueueConsumerDown', expr: 'up{job="consumer"} == 0', labels: { severity: 'critical' } },
  ],
};

function synth(build: (s: ServiceMonitoring) => void): { dist: string; rows: Map<string, Panel[]> } {
  const app = new WatchkeeperApp({ outdir: tempDir() });
  build(
    new ServiceMonitoring(new Chart(app, 'shop', { namespace: 'shop' }), 'checkout', {
      service: 'checkout',
      runbookBaseUrl: 'https://wiki.example.com/checkout',
    }),
  );
  const dist = synthToTemp(app);
  const dir = path.join(dist, 'dashboards');
  const [file] = fs.readdirSync(dir);
  const dashboard = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as GrafanaDashboard;
  return { dist, rows: new Map(rowsOf(dashboard).map((r) => [r.title, r.panels as unknown as Panel[]])) };
}

const steps = (p: Panel) => (p.fieldConfig?.defaults.thresholds?.steps ?? []).map((s) => [s.value, s.color]);

describe('ServiceMonitoring panel looks and alertPrefix', () => {
  it("alertPrefix '' keeps a preset's alert names as written; the default prefixes them with the service", () => {
    const { dist } = synth((s) =>
      s.addPreset(runbook).addPreset({ ...runbook, title: 'Prefixed', alertPrefix: undefined }),
    );
    const file = YAML.parse(fs.readFileSync(path.join(dist, 'rules', 'checkout.rules.yaml'), 'utf8'));
    const names = file.groups.flatMap((g: { rules: Array<{ alert: string }> }) => g.rules.map((r) => r.alert));
    expect([...new Set(names)].sort()).toEqual([
      'CheckoutCheckoutQueueStuck',
      'CheckoutQueueConsumerDown',
      'CheckoutQueueLatency',
      'CheckoutQueueStuck',
      'QueueConsumerDown',
      'QueueLatency',
    ]);
  });

  it("draws a threshold's and an alert's panel as their look says, with the rule's query, levels and runbook", () => {
    const { rows } = synth((s) => s.addPreset(runbook));
    const panels = rows.get('QUEUE: Queue Backlog') as Panel[];
    expect(panels.map((p) => [p.type, p.title])).toEqual([
      ['timeseries', 'Queue wait'],
      ['stat', 'Orders waiting'],
      ['timeseries', 'QueueConsumerDown'],
    ]);
    const [wait, waiting, down] = panels;
    expect(wait.targets).toEqual([
      expect.objectContaining({ expr: 'queue_wait_seconds{queue="orders"}', legendFormat: '{{queue}}' }),
    ]);
    expect(wait.fieldConfig?.defaults.unit).toBe('s');
    expect(steps(wait)).toEqual([
      [null, 'green'],
      [30, 'orange'],
      [60, 'red'],
    ]);
    // Both levels of the alert's query on the panel one of its rules gave a look.
    expect(waiting.targets).toEqual([
      expect.objectContaining({ expr: 'checkout_queue_depth', legendFormat: '{{instance}}' }),
    ]);
    expect(waiting.fieldConfig?.defaults.unit).toBe('short');
    expect(steps(waiting)).toEqual([
      [null, 'green'],
      [1000, 'orange'],
      [5000, 'red'],
    ]);
    expect(waiting.description).toMatch(/Alert CheckoutQueueStuck: warning when > 1000; critical when > 5000/);
    // A preset is an area: its runbook section is its title's anchor.
    expect(waiting.links?.map((l) => l.url)).toEqual(['https://wiki.example.com/checkout#queue-queue-backlog']);
    // Without a look: the default panel, titled with the alert's name.
    expect(down.fieldConfig?.defaults.unit).toBeUndefined();
    expect(steps(down)).toEqual([
      [null, 'red'],
      [1, 'green'],
    ]);
  });

  it("gives addAlert's alerts their looks on the Alerts row", () => {
    const { rows } = synth((s) => s.addAlert({ ...stuck, panel: { title: 'Orders waiting', unit: 'short' } }));
    expect(rows.get('Alerts')?.map((p) => [p.title, p.fieldConfig?.defaults.unit])).toEqual([
      ['Orders waiting', 'short'],
    ]);
  });

  it('gives a look to an alert that compares no query with a number: its panel plots the condition', () => {
    const { rows } = synth((s) =>
      s.addAlert({
        alert: 'CheckoutGone',
        expr: 'absent(up{job="checkout"})',
        labels: { severity: 'critical' },
        panel: { title: 'Checkout absent', unit: 'count', legend: 'absent' },
      }),
    );
    const [p] = rows.get('Alerts') as Panel[];
    expect([p.title, p.fieldConfig?.defaults.unit, p.targets?.map((t) => [t.expr, t.legendFormat])]).toEqual([
      'Checkout absent',
      'short', // watchkeeper's `count` is Grafana's `short`
      [['absent(up{job="checkout"})', 'absent']],
    ]);
  });

  it('fails synth on a look whose unit neither watchkeeper nor Grafana knows, suggesting one', () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(app, 'shop', { namespace: 'shop' }), 'checkout', { service: 'checkout' }).addAlert({
      ...stuck,
      panel: { unit: 'seconds' },
    });
    expect(() => app.synthTo(tempDir())).toThrow(/CheckoutQueueStuck[\s\S]*unit[\s\S]*"seconds"[\s\S]*"s"/);
  });

  it("refuses a bad alertPrefix, and a threshold without an alert name under alertPrefix ''", () => {
    const refused = (preset: ServicePreset) => {
      const app = new WatchkeeperApp({ outdir: tempDir() });
      new ServiceMonitoring(new Chart(app, 'shop'), 'checkout', { service: 'checkout' }).addPreset(preset);
      return () => app.synthTo(tempDir());
    };
    expect(refused({ ...runbook, alertPrefix: 'Check-out' })).toThrow(
      /preset "QUEUE: Queue Backlog"[\s\S]*alertPrefix[\s\S]*letters, digits and _[\s\S]*"Check-out"/,
    );
    const unnamed = { ...runbook, thresholds: [{ ...runbook.thresholds![0], alert: undefined }] };
    expect(refused(unnamed)).toThrow(/preset "QUEUE: Queue Backlog"[\s\S]*thresholds\[0\]\.alert/);
  });
});
