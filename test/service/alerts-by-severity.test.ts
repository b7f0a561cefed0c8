import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { Receiver, ServiceMonitoring, Sli, WatchkeeperApp } from '../../src';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { synthToTemp, tempDir } from '../support/synth';

const MATRIX = {
  critical: { labels: { priority: 'P0' }, annotations: { acknowledge_within: '5 minutes' } },
  warning: { labels: { priority: 'P1' }, annotations: { acknowledge_within: '15 minutes' } },
};

/** A service with an escalation matrix, an SLO, a threshold and a raw alert. */
function app(extraAlertSeverity = 'warning'): WatchkeeperApp {
  const a = new WatchkeeperApp({ outdir: tempDir() });
  new ServiceMonitoring(new Chart(a, 'shop', { namespace: 'shop' }), 'checkout', {
    service: 'checkout',
    alertsBySeverity: MATRIX,
  })
    .addSlo({
      name: 'availability',
      objective: 99.9,
      sli: Sli.events('http_requests_total{job="checkout", code=~"5.."}', 'http_requests_total{job="checkout"}'),
    })
    .addThreshold({
      metric: 'checkout_queue_depth',
      description: 'Orders waiting',
      unit: 'count',
      direction: 'above',
      thresholds: { warning: 100, critical: 500 },
    })
    .addAlert({
      alert: 'CheckoutOwnPriority',
      expr: 'up{job="checkout"} == 0',
      labels: { severity: extraAlertSeverity, priority: 'P9' },
      annotations: { acknowledge_within: 'now' },
    })
    .routeBySeverity({
      receivers: {
        critical: Receiver.webhook('pager', { url: 'https://pager.example.com/hook' }),
        warning: Receiver.webhook('tickets', { url: 'https://tickets.example.com/hook' }),
      },
    });
  return a;
}

type Rule = { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
function alerts(dist: string): Rule[] {
  const doc = YAML.parse(fs.readFileSync(path.join(dist, 'rules/checkout.rules.yaml'), 'utf8')) as {
    groups: Array<{ rules: Rule[] }>;
  };
  return doc.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
}

describe('ServiceMonitoring alertsBySeverity', () => {
  it("adds each severity's labels and annotations to every alert of the service; an alert's own win", () => {
    const dist = synthToTemp(app());
    const all = alerts(dist);
    // SLO burn-rate alerts, both threshold levels and the raw alert.
    expect(all.length).toBeGreaterThanOrEqual(4);
    for (const a of all) {
      const sev = a.labels?.severity as keyof typeof MATRIX;
      if (a.alert === 'CheckoutOwnPriority') {
        expect(a.labels?.priority).toBe('P9');
        expect(a.annotations?.acknowledge_within).toBe('now');
      } else {
        expect(a.labels?.priority).toBe(MATRIX[sev].labels.priority);
        expect(a.annotations?.acknowledge_within).toBe(MATRIX[sev].annotations.acknowledge_within);
      }
    }
    expect(new Set(all.map((a) => a.labels?.severity))).toEqual(new Set(['critical', 'warning']));
  });

  it('fails synth naming an alert whose severity the matrix does not list', () => {
    expect(() => app('info').synthTo(tempDir())).toThrow(
      /alert "CheckoutOwnPriority"[\s\S]*labels\.severity[\s\S]*"info"[\s\S]*critical, warning/,
    );
  });

  itWithPromtool('the rules with the added labels load in promtool', () => {
    const dist = synthToTemp(app());
    expect(runPromtool(['check', 'rules', path.join(dist, 'rules/checkout.rules.yaml')]).status).toBe(0);
  });
});
