import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { Presets, ServiceMonitoring, WatchkeeperApp } from '../../src';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { synthToTemp, tempDir } from '../support/synth';

type RuleFile = {
  groups: Array<{ name: string; rules: Array<{ alert?: string; expr: string; labels?: Record<string, string> }> }>;
};

/** A service with every preset, levels overridden where `overrides` says. */
function presetApp(): WatchkeeperApp {
  const app = new WatchkeeperApp({ outdir: tempDir() });
  const chart = new Chart(app, 'c', { namespace: 'shop' });
  new ServiceMonitoring(chart, 'checkout', {
    service: 'checkout',
    team: 'payments',
    runbookBaseUrl: 'https://wiki.example.com/checkout',
  })
    .addPreset(Presets.httpApi({ selector: 'job="checkout"', levels: { latencyP99: { critical: 1 } } }))
    .addPreset(
      Presets.queueConsumer({
        backlog: 'orders_queue_depth',
        processed: 'orders_processed_total',
        processingTime: 'order_processing_seconds',
      }),
    )
    .addPreset(Presets.kubernetesWorkload({ namespace: 'shop', deployment: 'checkout' }))
    .addPreset(Presets.connectionPool({ inUse: 'pg_pool_in_use', size: 'pg_pool_size', target: 'PostgreSQL' }))
    .addPreset(Presets.tlsCertificate())
    .addPreset(
      Presets.llmApi({
        tokens: 'llm_tokens_total',
        cost: 'llm_cost_usd_total',
        levels: { dailyCost: { warning: 500 } },
      }),
    );
  return app;
}

describe('Presets', () => {
  const dist = synthToTemp(presetApp());
  const rules = YAML.parse(fs.readFileSync(path.join(dist, 'rules', 'checkout.rules.yaml'), 'utf8')) as RuleFile;
  const alerts = rules.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
  const levels = (name: string): string[] =>
    alerts
      .filter((a) => a.alert === name)
      .map((a) => `${a.labels?.severity} ${a.expr.replace(/^[\s\S]*[<>]=? ?/, '')}`);

  it('name their alerts after the service and keep the documented defaults where not overridden', () => {
    expect([...new Set(alerts.map((a) => a.alert))].sort()).toEqual([
      'CheckoutContainerOomKilled',
      'CheckoutCpuThrottling',
      'CheckoutHttpErrorRatio',
      'CheckoutHttpLatencyP99',
      'CheckoutLlmApiErrorRatio',
      'CheckoutLlmDailyCost',
      'CheckoutPodCrashLooping',
      'CheckoutPodRestarts',
      'CheckoutPostgreSQLPoolUtilization',
      'CheckoutQueueBacklog',
      'CheckoutQueueProcessingTimeP95',
      'CheckoutTlsCertificateExpiry',
      'CheckoutUnavailableReplicas',
    ]);
    expect(levels('CheckoutHttpErrorRatio')).toEqual(['critical 0.05', 'warning 0.01']);
    expect(levels('CheckoutHttpLatencyP99')).toEqual(['critical 1']);
    expect(levels('CheckoutTlsCertificateExpiry')).toEqual(['critical 604800', 'warning 1814400']);
    expect(levels('CheckoutCpuThrottling')).toEqual(['info 25']);
    for (const a of alerts) expect(a.labels).toMatchObject({ service: 'checkout', team: 'payments' });
  });

  it('give each preset a dashboard row with its panels', () => {
    const file = fs.readdirSync(path.join(dist, 'dashboards'))[0];
    const dashboard = JSON.parse(fs.readFileSync(path.join(dist, 'dashboards', file), 'utf8')) as {
      panels: Array<{ type: string; title: string }>;
    };
    expect(dashboard.panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual([
      'HTTP API',
      'Queue consumer',
      'Kubernetes: checkout',
      'Connection pool: PostgreSQL',
      'TLS certificates',
      'LLM API',
    ]);
    const titles = dashboard.panels.map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'HTTP requests per second',
        'Messages processed per second',
        'LLM tokens per second',
        'LLM cost, last 24 h',
      ]),
    );
  });

  itWithPromtool('write rules promtool accepts', () => {
    const result = runPromtool(['check', 'rules', path.join(dist, 'rules', 'checkout.rules.yaml')]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });
});
