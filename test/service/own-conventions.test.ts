/**
 * ServiceMonitoring for a team with conventions of its own: presetAlertPrefix (preset alert names that are not
 * the service's name) and dashboard.stepSeverity (a severity scale other than critical/warning/info, drawn in
 * the known severities' colours).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { KnownSeverity, ServiceMonitoring, ServiceMonitoringProps, WatchkeeperApp } from '../../src';
import { synthToTemp, tempDir } from '../support/synth';

type Panel = { title: string; type: string; panels?: Panel[]; fieldConfig?: any };

/** A service on a P0-P3 scale (critical, high, medium, low): a preset with a threshold and an alert. */
function synth(props: Partial<ServiceMonitoringProps> = {}): {
  alerts: string[];
  steps: (title: string) => Array<[number | null, string]>;
} {
  const app = new WatchkeeperApp({ outdir: tempDir() });
  new ServiceMonitoring(new Chart(app, 'c', { namespace: 'ns' }), 'api', { service: 'shop-api', ...props })
    .addPreset({
      title: 'Queue',
      thresholds: [
        {
          alert: 'QueueDepth',
          metric: 'shop_queue_depth',
          description: 'Orders waiting',
          unit: 'count',
          direction: 'above',
          thresholds: { critical: 500, high: 100, low: 10 },
        },
      ],
      alerts: [{ alert: 'QueueStuck', expr: 'shop_queue_oldest_seconds > 600', labels: { severity: 'medium' } }],
    })
    .addThreshold({
      metric: 'shop_free_slots',
      description: 'Free slots',
      unit: 'count',
      direction: 'below',
      thresholds: { high: 5, low: 20 },
    });
  const dist = synthToTemp(app);
  const rules = YAML.parse(fs.readFileSync(path.join(dist, 'rules', 'shop-api.rules.yaml'), 'utf8'));
  const alerts: string[] = rules.groups.flatMap((g: { rules: Array<{ alert?: string }> }) =>
    g.rules.map((r) => r.alert),
  );
  const [file] = fs.readdirSync(path.join(dist, 'dashboards'));
  const dashboard = JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', file), 'utf8'));
  const panels: Panel[] = dashboard.panels.flatMap((p: Panel) => (p.type === 'row' ? [p, ...(p.panels ?? [])] : [p]));
  const steps = (title: string): Array<[number | null, string]> =>
    (panels.find((p) => p.title === title)?.fieldConfig?.defaults.thresholds.steps ?? []).map(
      (s: { value: number | null; color: string }) => [s.value, s.color],
    );
  return { alerts: [...new Set(alerts)], steps };
}

const P0_P3: Record<string, KnownSeverity> = { high: 'warning', medium: 'warning', low: 'info' };

describe('ServiceMonitoring presetAlertPrefix', () => {
  it("names a preset's alerts <prefix><suffix>; by default the service's name in PascalCase", () => {
    // The preset's area (its own rule group) first, then the service's thresholds group.
    expect(synth().alerts).toEqual(['ShopApiQueueDepth', 'ShopApiQueueStuck', 'ShopFreeSlots']);
    expect(synth({ presetAlertPrefix: 'Shop' }).alerts).toEqual(['ShopQueueDepth', 'ShopQueueStuck', 'ShopFreeSlots']);
    expect(synth({ presetAlertPrefix: '' }).alerts).toEqual(['QueueDepth', 'QueueStuck', 'ShopFreeSlots']);
  });

  it('fails naming the construct, field and value of a prefix no alert name can start with', () => {
    expect(() => synth({ presetAlertPrefix: '9Shop' })).toThrow(/\[c\/api\] presetAlertPrefix: .*\(got "9Shop"\)/);
    expect(() => synth({ presetAlertPrefix: 'Shop-Api' })).toThrow(
      /\[c\/api\] presetAlertPrefix: .*\(got "Shop-Api"\)/,
    );
  });
});

describe("a threshold metric's panel title", () => {
  it("shows the Go templates of the metric's description as <label> (or …), which Grafana would read as variables", () => {
    const app = new WatchkeeperApp({ outdir: tempDir() });
    new ServiceMonitoring(new Chart(app, 'c', { namespace: 'ns' }), 'api', { service: 'tls' }).addThreshold({
      metric: '(probe_ssl_earliest_cert_expiry - time()) / 86400',
      description: 'Days left on the certificate of {{ $labels.instance }}',
      unit: 'count',
      direction: 'below',
      thresholds: { critical: 7 },
    });
    const dist = synthToTemp(app); // a `$labels` in a panel title fails synth: the dashboard defines no such variable
    const [file] = fs.readdirSync(path.join(dist, 'dashboards'));
    const panels: Panel[] = JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', file), 'utf8')).panels;
    expect(panels.filter((p) => p.type !== 'row').map((p) => p.title)).toEqual([
      'Days left on the certificate of <instance>',
    ]);
    // The alerts keep the template.
    expect(fs.readFileSync(path.join(dist, 'rules', 'tls.rules.yaml'), 'utf8')).toContain(
      'summary: Days left on the certificate of {{ $labels.instance }} below 7',
    );
  });
});

describe('ServiceMonitoring dashboard.stepSeverity', () => {
  it('draws each severity of a scale of its own in the colour of the known severity it names', () => {
    const { steps } = synth({ dashboard: { stepSeverity: P0_P3 } });
    // A threshold of a preset and of addThreshold (above and below), and an alert's level.
    expect(steps('Orders waiting')).toEqual([
      [null, 'green'],
      [10, 'blue'],
      [100, 'orange'],
      [500, 'red'],
    ]);
    expect(steps('Free slots')).toEqual([
      [null, 'orange'],
      [5, 'blue'],
      [20, 'green'],
    ]);
    expect(steps('ShopApiQueueStuck')).toEqual([
      [null, 'green'],
      [600, 'orange'],
    ]);
  });

  it('draws severities other than critical, warning and info purple without it', () => {
    const { steps } = synth();
    expect(steps('Orders waiting')).toEqual([
      [null, 'green'],
      [10, 'purple'],
      [100, 'purple'],
      [500, 'red'],
    ]);
    expect(steps('ShopApiQueueStuck')).toEqual([
      [null, 'green'],
      [600, 'purple'],
    ]);
  });

  it('fails naming the construct, field and value of a colour that is not a known severity', () => {
    expect(() => synth({ dashboard: { stepSeverity: { high: 'orange' as KnownSeverity } } })).toThrow(
      /\[c\/api\] dashboard\.stepSeverity\.high: .*\(got "orange"\)/,
    );
  });
});
