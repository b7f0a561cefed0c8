import { PrometheusRule, ThresholdMetric, ThresholdMetricProps, UNITS } from '../../src';
import { Dashboard, GrafanaPanel, thresholdMetricPanel } from '../../src/dashboards';
import { parse } from 'yaml';
import { appWithChart } from './support/app';

const latency: ThresholdMetricProps = {
  metric: 'rlm_api_latency_p99',
  description: 'P99 response time',
  unit: 'ms',
  direction: 'above',
  target: 100,
  thresholds: { warning: 200, critical: 500 },
  alert: 'RlmApiLatencyP99',
  runbookUrl: 'https://wiki/rlm#latency',
};

/** Synthesizes one metric as an alert group and a dashboard panel; returns the alert expressions and the panel. */
function synth(metric: ThresholdMetric): { exprs: string[]; panel: GrafanaPanel } {
  const { app, chart } = appWithChart();
  new PrometheusRule(chart, 'rules').addGroup('latency').add(metric);
  new Dashboard(chart, 'dash', { title: 'RLM', panels: [metric] });
  const files = app.synthesizeFiles();
  const rules = parse(files.get('rules/shop-rules.rules.yaml') as string).groups[0].rules as Array<{ expr: string }>;
  const dashboard = JSON.parse(files.get('dashboards/shop-dash.json') as string);
  return { exprs: rules.map((r) => r.expr), panel: dashboard.panels[0] };
}

describe('a ThresholdMetric on a dashboard', () => {
  it("renders as a panel whose thresholds are its levels, in its unit, linking to its alert's runbook", () => {
    const spec = thresholdMetricPanel(new ThresholdMetric(latency));
    expect(spec).toMatchObject({
      kind: 'timeseries',
      title: 'P99 response time',
      unit: UNITS.ms.grafana,
      queries: [{ expr: 'rlm_api_latency_p99' }],
      thresholds: [
        { value: null, color: 'green' },
        { value: 200, color: 'orange' },
        { value: 500, color: 'red' },
      ],
      links: [{ title: 'Runbook: RlmApiLatencyP99', url: 'https://wiki/rlm#latency' }],
    });
    expect(spec.description).toBe(
      'Alert RlmApiLatencyP99: critical above 500 ms, warning above 200 ms. Target: 100 ms.',
    );
  });

  it('shares its numbers with the alert by construction: one level changed, both move', () => {
    const before = synth(new ThresholdMetric(latency));
    expect(before.exprs).toEqual(['rlm_api_latency_p99 > 500', 'rlm_api_latency_p99 > 200']);
    expect(before.panel.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 200, 500]);

    const after = synth(new ThresholdMetric({ ...latency, thresholds: { warning: 200, critical: 400 } }));
    expect(after.exprs).toEqual(['rlm_api_latency_p99 > 400', 'rlm_api_latency_p99 > 200']);
    expect(after.panel.fieldConfig?.defaults.thresholds?.steps.map((s) => s.value)).toEqual([null, 200, 400]);
    expect(after.panel.fieldConfig?.defaults.unit).toBe('ms');
    expect(after.panel.links?.[0].url).toBe('https://wiki/rlm#latency');
  });

  it("uses the unit's Grafana id and, for gauges, the unit's range", () => {
    const avail = new ThresholdMetric({
      metric: 'avail',
      description: 'Availability',
      unit: 'percent',
      direction: 'below',
      thresholds: { warning: 99.9, critical: 99 },
    });
    expect(thresholdMetricPanel(avail, { kind: 'gauge' })).toMatchObject({
      kind: 'gauge',
      unit: 'percent',
      min: 0,
      max: 100,
      thresholds: [
        { value: null, color: 'red' },
        { value: 99, color: 'orange' },
        { value: 99.9, color: 'green' },
      ],
    });
    const ratio = new ThresholdMetric({
      metric: 'err_ratio',
      description: 'Errors',
      unit: 'ratio',
      direction: 'above',
      thresholds: { critical: 0.05 },
    });
    expect(thresholdMetricPanel(ratio, { kind: 'stat' })).toMatchObject({ unit: 'percentunit' });
    expect(thresholdMetricPanel(ratio, { kind: 'stat' }).min).toBeUndefined();
  });

  it('titles the panel by a templated description with placeholders, never a Go template Grafana would misread', () => {
    const templated = (description: string) =>
      thresholdMetricPanel(new ThresholdMetric({ ...latency, description })).title;
    expect(templated('Free space on volume {{ $labels.persistentvolumeclaim }}')).toBe(
      'Free space on volume <persistentvolumeclaim>',
    );
    expect(templated('Latency of {{$labels.route}} ({{ $value | humanize }})')).toBe('Latency of <route> (…)');
    expect(thresholdMetricPanel(new ThresholdMetric(latency), { title: 'Own {{x}}' }).title).toBe('Own {{x}}');
  });
});
