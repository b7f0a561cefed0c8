/**
 * Units from the metric (issue 18, item 3): an expression's unit follows from the catalogue, a panel or a
 * ThresholdMetric stating another unit is refused unless the library's convertUnit converts it.
 */
import { Chart } from 'cdk8s';
import {
  Dashboard,
  ServiceDashboard,
  ThresholdMetric,
  WatchkeeperApp,
  convertUnit,
  thresholdMetricPanel,
} from '../../src';
import { expressionUnit, rawCounterProblems, unitProblem } from '../../src/dashboards';
import { rlmMetrics } from '../../examples/rlm-hypervisor/metrics';
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { synthToTemp } from '../support/synth';

describe('units from the metric', () => {
  it('infers the unit of an expression from the catalogue, through aggregations, functions and scaling', () => {
    expect(expressionUnit('avg by (connector) (rlm_storage_latency)', rlmMetrics)).toEqual({
      unit: 'ms',
      factor: 1,
      metric: 'rlm_storage_latency',
    });
    expect(expressionUnit('rlm_task_duration_p99 / 1000', rlmMetrics)).toEqual({
      unit: 'ms',
      factor: 0.001,
      metric: 'rlm_task_duration_p99',
    });
    expect(
      expressionUnit('histogram_quantile(0.99, sum by (le) (rate(rlm_api_latency_bucket[5m])))', rlmMetrics)?.unit,
    ).toBe('s');
    expect(expressionUnit('avg(avg_over_time(rlm_api_availability[24h]))', rlmMetrics)?.unit).toBe('percent');
    // Rates and ratios have no declared unit.
    expect(expressionUnit('rate(rlm_errors[5m]) / rate(rlm_requests[5m])', rlmMetrics)).toBeUndefined();
    expect(expressionUnit('rlm_quota_usage / rlm_quota_limit', rlmMetrics)).toBeUndefined();
  });

  it('refuses a metric declared in ms shown in s (Storage Connector Latency: 104 ms read as 104 s, about 1.7 minutes)', () => {
    expect(unitProblem('avg(rlm_storage_latency) by (connector)', 's', rlmMetrics)?.message).toBe(
      'is stated in s, but rlm_storage_latency is declared in ms and the query does not convert it: 104 ms would read as 104 s',
    );
    expect(unitProblem('avg(rlm_storage_latency) by (connector)', 'ms', rlmMetrics)).toBeUndefined();
    expect(
      unitProblem(convertUnit('avg(rlm_storage_latency) by (connector)', 'ms', 's'), 's', rlmMetrics),
    ).toBeUndefined();
    expect(unitProblem('rlm_storage_latency / 100', 's', rlmMetrics)?.message).toMatch(/scales it by 0.01, not 0.001/);
    expect(unitProblem('rlm_storage_latency', 'bytes', rlmMetrics)?.message).toMatch(/measure different things/);
    // A multiplier is not a conversion: an alert level of 1.5 times a 7-day average is still in its unit.
    expect(unitProblem('1.5 * avg_over_time(rlm_daily_cost[7d])', 'usd', rlmMetrics)).toBeUndefined();
    expect(unitProblem('0.5 * rlm_storage_latency / 1000', 's', rlmMetrics)).toBeUndefined();
    expect(unitProblem('rlm_storage_latency / 1000', 'ms', rlmMetrics)?.message).toMatch(/scales it by 0.001, not 1/);
  });

  it('convertUnit writes the conversion', () => {
    expect(convertUnit('rlm_task_duration_p99', 'ms', 's')).toBe('rlm_task_duration_p99 / 1000');
    expect(convertUnit('histogram_quantile(0.99, rate(x_bucket[5m]))', 's', 'ms')).toBe(
      'histogram_quantile(0.99, rate(x_bucket[5m])) * 1000',
    );
    expect(convertUnit('a - b', 'ratio', 'percent')).toBe('(a - b) * 100');
    expect(convertUnit('x', 'percent', 'ratio')).toBe('x / 100');
    expect(() => convertUnit('x', 'ms', 'bytes')).toThrow(/measure different things/);
  });

  it('refuses counters read raw (Daily Tasks Executed summed the lifetime total)', () => {
    expect(rawCounterProblems('sum(rlm_tasks_completed)', rlmMetrics).map((p) => p.message)).toEqual([
      'reads the counter rlm_tasks_completed raw: a lifetime total that drops to zero on every restart',
    ]);
    expect(rawCounterProblems('rlm_cost / (rlm_requests / 1000000)', rlmMetrics)).toHaveLength(2);
    expect(rawCounterProblems('sum(increase(rlm_tasks_completed[24h]))', rlmMetrics)).toEqual([]);
    expect(
      rawCounterProblems('histogram_quantile(0.99, sum by (le) (rate(rlm_api_latency_bucket[5m])))', rlmMetrics),
    ).toEqual([]);
    expect(rawCounterProblems('sum(rlm_api_latency_bucket)', rlmMetrics)).toHaveLength(1);
    expect(rawCounterProblems('sum(rlm_queue_depth)', rlmMetrics)).toEqual([]);
  });

  it("fails synth of a panel whose unit disagrees with its metric's declared unit", () => {
    const app = new WatchkeeperApp();
    new Dashboard(new Chart(app, 'rlm'), 'ops', {
      title: 'Old operations',
      metrics: rlmMetrics,
      panels: [
        {
          kind: 'timeseries',
          title: 'Storage Connector Latency',
          queries: [{ expr: 'avg(rlm_storage_latency) by (connector)', legend: '{{connector}}' }],
          unit: 's',
        },
      ],
    });
    expect(() => synthToTemp(app)).toThrow(
      /panel "Storage Connector Latency" unit[\s\S]*declared in ms and the query does not convert it/,
    );
  });

  it('fails synth of a ThresholdMetric on a catalogued dashboard whose unit contradicts its metric (alert, panel and text share it)', () => {
    const app = new WatchkeeperApp();
    const wrong = new ThresholdMetric({
      metric: 'avg by (connector) (rlm_storage_latency)',
      alert: 'StorageSlow',
      description: 'Storage latency',
      unit: 's',
      direction: 'above',
      thresholds: { warning: 0.2, critical: 0.5 },
      service: 'rlm',
      team: 'sre',
      runbookUrl: 'https://wiki.example.com/x',
    });
    new ServiceDashboard(new Chart(app, 'rlm'), 'svc', {
      service: 'rlm',
      metrics: rlmMetrics,
      sections: [{ title: 'Storage', declarations: [wrong] }],
    });
    expect(() => synthToTemp(app)).toThrow(
      /panel "Storage latency" unit[\s\S]*declared in ms and the query does not convert it/,
    );
  });

  it('every RLM ThresholdMetric states the unit its metric is declared in, or converts (panel unit, levels and alert text from one declaration)', () => {
    // Every threshold metric of the RLM service: Key Metrics rows and troubleshooting alerts.
    const metrics: readonly ThresholdMetric[] = new RlmHypervisorChart(new WatchkeeperApp()).service.thresholds;
    const byAlert = (name: string): ThresholdMetric => metrics.find((m) => m.alertName === name) as ThresholdMetric;
    expect(metrics).toHaveLength(13);
    const problems = metrics.flatMap((m) => {
      const p = unitProblem(m.props.metric, m.props.unit, rlmMetrics);
      return p ? [`${m.alertName}: ${p.message}`] : [];
    });
    expect(problems).toEqual([]);
    const storage = byAlert('RLMStorageConnectorSlow');
    const panel = thresholdMetricPanel(storage);
    expect(panel.unit).toBe('ms');
    expect(panel.thresholds).toEqual([
      { value: null, color: 'green' },
      { value: 200, color: 'orange' },
      { value: 500, color: 'red' },
    ]);
    const alerts = storage
      .rules()
      .map((r) => [r.props.expr, r.props.annotations?.summary ?? r.props.annotations?.description]);
    expect(alerts.map(([e]) => e)).toEqual(
      expect.arrayContaining([
        'avg by (connector) (rlm_storage_latency) > 500',
        'avg by (connector) (rlm_storage_latency) > 200',
      ]),
    );
    expect(JSON.stringify(storage.rules().map((r) => r.props.annotations))).toMatch(/500 ms/);
    // RLMTaskTimeouts: rlm_task_duration_p99 (ms) in seconds, converted by the library.
    expect(
      byAlert('RLMTaskTimeouts')
        .rules()
        .map((r) => r.props.expr),
    ).toContain('rlm_task_duration_p99 / 1000 > 600');
  });
});
