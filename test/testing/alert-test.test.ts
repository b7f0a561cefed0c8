import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { PrometheusRule, Sli, Slo, SloRules, ThresholdMetric, WatchkeeperApp } from '../../src';
import { AlertTest, Expect, GeneratedAlertTests, Series } from '../../src/testing';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { synthToTemp } from '../support/synth';

function app(): { app: WatchkeeperApp; chart: Chart; rules: PrometheusRule } {
  const a = new WatchkeeperApp();
  const chart = new Chart(a, 'shop', { namespace: 'shop' });
  const rules = new PrometheusRule(chart, 'alerts');
  rules
    .addGroup('shop')
    .add(
      new ThresholdMetric({
        metric: 'queue_depth{job="worker"}',
        alert: 'QueueDepth',
        description: 'Queue depth',
        unit: 'count',
        direction: 'above',
        thresholds: { warning: 100, critical: 500 },
        service: 'worker',
      }),
    )
    .add(
      new ThresholdMetric({
        metric: 'cache_hit_ratio',
        description: 'Cache hit ratio',
        unit: 'ratio',
        direction: 'below',
        thresholds: { warning: 0.8, critical: 0.5 },
        for: '10m',
      }),
    )
    .addAlert({
      alert: 'Errors',
      expr: 'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
      for: '5m',
      labels: { severity: 'critical' },
      annotations: { summary: '{{ $labels.job }}: {{ $value | humanizePercentage }} errors' },
    });
  new SloRules(chart, 'slos', {
    slos: [
      new Slo({
        service: 'shop',
        name: 'availability',
        objective: 99.9,
        sli: Sli.events('http_requests_total{job="shop",code=~"5.."}', 'http_requests_total{job="shop"}'),
      }),
      new Slo({
        service: 'shop',
        name: 'latency',
        objective: 99,
        window: '28d',
        groupBy: ['endpoint'],
        sli: Sli.latency({ histogram: 'http_request_duration_seconds_bucket{job="shop"}', threshold: 0.25 }),
        alerting: { tiers: { pageSlow: { for: '10m' } } },
      }),
    ],
  });
  return { app: a, chart, rules };
}

const errorsSeries = [
  Series.steadyRate('http_requests_total{job="api", code="500"}', { perSecond: 1, for: '20m' }),
  Series.steadyRate('http_requests_total{job="api", code="200"}', { perSecond: 9, for: '20m' }),
];

function testFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.test.yaml')) out.push(path.join(d, e.name));
    }
  };
  walk(dir);
  return out.sort();
}

describe('AlertTest', () => {
  it('writes a promtool test file beside the rule files, with labels and annotations from the rule', () => {
    const { app: a, chart, rules } = app();
    new AlertTest(chart, 'errors', {
      rules: [rules],
      series: errorsSeries,
      expect: [
        Expect.fires('Errors', { at: '10m', labels: { job: 'api' }, value: 0.1 }),
        Expect.silent('Errors', { at: '4m' }),
      ],
    });
    const files = a.synthesizeFiles();
    const text = files.get('tests/shop-errors.test.yaml') as string;
    expect(text).toContain('- ../rules/shop-alerts.rules.yaml');
    expect(text).toContain('summary: "api: 10% errors"');
    expect(text).toContain('severity: critical');
  });

  it('refuses at synth what it cannot render, with a fix', () => {
    const { app: a, chart, rules } = app();
    new AlertTest(chart, 'bad', {
      rules: [rules],
      series: errorsSeries,
      expect: [
        Expect.fires('Errors', { at: '10m', labels: { job: 'api' } }),
        Expect.fires('Nope', { at: '1m' }),
        Expect.fires('QueueDepth', { at: '1m', value: 1 }),
      ],
    });
    expect(() => a.synthesizeFiles()).toThrow(/give value: the expression's value at that time/);
    expect(() => a.synthesizeFiles()).toThrow(/no alert of that name/);
    expect(() => a.synthesizeFiles()).toThrow(/2 rules named QueueDepth match these labels.*severity/);
  });

  itWithPromtool('passes promtool test rules, and a wrong expectation fails', () => {
    const { app: a, chart, rules } = app();
    new AlertTest(chart, 'errors', {
      rules: [rules],
      series: errorsSeries,
      expect: [
        Expect.fires('Errors', { at: '10m', labels: { job: 'api' }, value: 0.1 }),
        Expect.silent('Errors', { at: '4m' }),
      ],
    });
    new AlertTest(chart, 'wrong', {
      rules: [rules],
      series: errorsSeries,
      expect: [Expect.fires('Errors', { at: '10m', labels: { job: 'api' }, value: 0.2 })],
    });
    const dir = synthToTemp(a);
    expect(runPromtool(['test', 'rules', path.join(dir, 'tests/shop-errors.test.yaml')]).status).toBe(0);
    const wrong = runPromtool(['test', 'rules', path.join(dir, 'tests/shop-wrong.test.yaml')]);
    expect(wrong.status).toBe(1);
    expect(wrong.output).toContain('api: 20% errors');
  });

  itWithPromtool('renders annotations exactly as Prometheus does', () => {
    const a = new WatchkeeperApp();
    const chart = new Chart(a, 'fmt');
    const rules = new PrometheusRule(chart, 'fmt');
    const templates = {
      v: '{{ $value }}',
      h: '{{ humanize $value }}',
      h1024: '{{ humanize1024 $value }}',
      d: '{{ humanizeDuration $value }}',
      p: '{{ humanizePercentage $value }}',
      f2: '{{ printf "%.2f" $value }}',
      f0: '{{ printf "%.0f" $value }}',
      g: '{{ printf "%g" $value }}',
      t: '{{ $labels.job | toUpper }} {{ if ge $value 100.0 }}big{{ else }}small{{ end }}',
    };
    const values = [0, 0.5, 2.5, 0.001234, 99.995, 1234.5678, 1e6, 1536, 3661.5, 123456789];
    const g = rules.addGroup('fmt');
    values.forEach((_, i) =>
      g.addAlert({ alert: `Fmt${i}`, expr: `fmt_value{i="${i}"} >= -1`, annotations: templates }),
    );
    new AlertTest(chart, 'fmt-test', {
      rules: [rules],
      series: values.map((v, i) => Series.constant(`fmt_value{i="${i}", job="x"}`, v, { for: '2m' })),
      expect: values.map((v, i) => Expect.fires(`Fmt${i}`, { at: '1m', labels: { i: String(i), job: 'x' }, value: v })),
    });
    const dir = synthToTemp(a);
    const r = runPromtool(['test', 'rules', path.join(dir, 'tests/fmt-fmt-test.test.yaml')]);
    expect(r.output).toContain('SUCCESS');
  });
});

describe('GeneratedAlertTests', () => {
  it('writes scenarios for every Slo and ThresholdMetric, one file per sampling interval', () => {
    const { app: a } = app();
    new GeneratedAlertTests(a);
    const names = [...a.synthesizeFiles().keys()].filter((k) => k.startsWith('tests/'));
    expect(names).toEqual(
      expect.arrayContaining([
        'tests/generated/shop-alerts-queue-depth.test.yaml',
        'tests/generated/shop-alerts-cache-hit-ratio.test.yaml',
        'tests/generated/shop-slos-slo-shop-availability-1m.test.yaml',
        'tests/generated/shop-slos-slo-shop-latency-1h.test.yaml',
      ]),
    );
    expect(names).not.toContain('tests/generated/SKIPPED.txt');
  });

  it('lists what it cannot drive', () => {
    const a = new WatchkeeperApp();
    const chart = new Chart(a, 'x');
    new PrometheusRule(chart, 'r').addGroup('g').add(
      new ThresholdMetric({
        metric: 'sum(rate(x_total[5m]))',
        alert: 'X',
        description: 'x',
        unit: 'reqps',
        direction: 'above',
        thresholds: { warning: 1 },
      }),
    );
    new SloRules(chart, 'slos', {
      slos: [new Slo({ service: 's', name: 'ratio', objective: 99, sli: Sli.errorRatio('1 - up') })],
    });
    new GeneratedAlertTests(a);
    const skipped = a.synthesizeFiles().get('tests/generated/SKIPPED.txt') as string;
    expect(skipped).toMatch(/ThresholdMetric X .*not a plain selector/);
    expect(skipped).toMatch(/Slo "s\/ratio".*raw error-ratio/);
  });

  itWithPromtool(
    'every generated scenario passes promtool test rules',
    () => {
      const { app: a } = app();
      new GeneratedAlertTests(a);
      const dir = synthToTemp(a);
      const files = testFiles(path.join(dir, 'tests'));
      expect(files.length).toBeGreaterThanOrEqual(8);
      for (const f of files) {
        const r = runPromtool(['test', 'rules', f]);
        expect({ file: path.basename(f), status: r.status, output: r.status === 0 ? '' : r.output }).toEqual({
          file: path.basename(f),
          status: 0,
          output: '',
        });
      }
    },
    120_000,
  );
});
