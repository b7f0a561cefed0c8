import { ThresholdMetric, ThresholdMetricProps } from '../../src';
import { pascalCase, thresholdAlertName } from '../../src/thresholds';

const latency: ThresholdMetricProps = {
  metric: 'rlm_api_latency_p99',
  description: 'P99 response time',
  unit: 'ms',
  direction: 'above',
  target: 100,
  thresholds: { warning: 200, critical: 500 },
  service: 'rlm',
  team: 'sre',
  runbookUrl: 'https://wiki/x#latency',
};

describe('ThresholdMetric', () => {
  it('with() merges labels, as every with() does (AlertRule, Slo)', () => {
    const m = new ThresholdMetric({ ...latency, labels: { tier: 'api', channel: 'ops' } }).with({
      labels: { channel: 'slack' },
    });
    expect(m.props.labels).toEqual({ tier: 'api', channel: 'slack' });
    expect(m.rules()[0].props.labels).toEqual({
      tier: 'api',
      channel: 'slack',
      severity: 'critical',
      service: 'rlm',
      team: 'sre',
    });
    expect(new ThresholdMetric(latency).with({ for: '10m' }).props.labels).toBeUndefined();
  });

  it('renders one alert per level, same name, severity in the label, numbers in the expression and text', () => {
    const rules = new ThresholdMetric(latency).rules();
    expect(rules.map((r) => r.props.expr)).toEqual(['rlm_api_latency_p99 > 500', 'rlm_api_latency_p99 > 200']);
    expect(rules.map((r) => r.name)).toEqual(['RlmApiLatencyP99', 'RlmApiLatencyP99']);
    expect(rules[0].props.labels).toEqual({ severity: 'critical', service: 'rlm', team: 'sre' });
    expect(rules[1].props.annotations).toEqual({
      summary: 'P99 response time above 200 ms',
      description:
        'P99 response time is {{ $value | printf "%.0f" }} ms, above the warning level of 200 ms (target: < 100 ms).',
      runbook_url: 'https://wiki/x#latency',
    });
    expect(rules[0].props.for).toBe('5m');
  });

  it('compares the other way for direction below, and renders percent levels exactly', () => {
    const m = new ThresholdMetric({
      metric: 'avail',
      description: 'Availability',
      unit: 'percent',
      direction: 'below',
      thresholds: { warning: 99.9, critical: 99 },
    });
    expect(m.rules().map((r) => r.props.expr)).toEqual(['avail < 99', 'avail < 99.9']);
  });

  it('parenthesizes an expression that binds looser than the comparison', () => {
    const m = new ThresholdMetric({ ...latency, metric: 'a or b' });
    expect(m.rules()[0].props.expr).toBe('(a or b) > 500');
    expect(new ThresholdMetric({ ...latency, metric: 'a / b' }).rules()[0].props.expr).toBe('a / b > 500');
  });

  it('moves alert and panel numbers together when a level changes once', () => {
    const moved = new ThresholdMetric(latency).with({ thresholds: { warning: 300, critical: 600 } });
    expect(moved.rules().map((r) => r.props.expr)).toEqual(['rlm_api_latency_p99 > 600', 'rlm_api_latency_p99 > 300']);
    expect(moved.levels).toEqual([
      { severity: 'critical', value: 600 },
      { severity: 'warning', value: 300 },
    ]);
  });

  it('derives alert names in PascalCase', () => {
    expect(pascalCase('rlm_api_latency_p99')).toBe('RlmApiLatencyP99');
    expect(pascalCase('job:errors:rate5m')).toBe('JobErrorsRate5m');
    // The default alert name: the first metric the expression selects, not a function or aggregation.
    expect(thresholdAlertName({ metric: 'sum(rate(http_errors_total{code=~"5.."}[5m])) / sum(rate(x[5m]))' })).toBe(
      'HttpErrorsTotal',
    );
    expect(thresholdAlertName({ metric: 'rlm_queue_depth' })).toBe('RlmQueueDepth');
    expect(thresholdAlertName({ metric: 'time() - 1', alert: 'Clock' })).toBe('Clock');
  });

  test.each([
    [
      'warning beyond critical (above)',
      { thresholds: { warning: 600, critical: 500 } },
      /thresholds.warning: is beyond the critical level \(500\) for direction "above" \(got 600\)/,
    ],
    [
      'warning beyond critical (below)',
      { direction: 'below', thresholds: { warning: 90, critical: 95 } },
      /thresholds.warning: is beyond the critical level \(95\) for direction "below"/,
    ],
    ['equal levels', { thresholds: { warning: 500, critical: 500 } }, /thresholds.warning: equals the critical level/],
    [
      'a NaN level',
      { thresholds: { warning: NaN, critical: 500 } },
      /thresholds.warning: a level must be a finite number \(got NaN\)/,
    ],
    [
      'an infinite level',
      { thresholds: { critical: Infinity } },
      /thresholds.critical: a level must be a finite number \(got Infinity\)/,
    ],
    [
      'a percentage above 100',
      { unit: 'percent', thresholds: { critical: 150 } },
      /thresholds.critical: a level in percent must lie between 0 and 100 \(got 150\)/,
    ],
    ['a percentage below 0', { unit: 'percent', thresholds: { critical: -1 } }, /between 0 and 100/],
    [
      'a ratio written as a percentage',
      { unit: 'ratio', thresholds: { critical: 99.9 } },
      /a level in ratio must lie between 0 and 1/,
    ],
    ['an unknown unit', { unit: 'miles' }, /unit: unknown unit \(got "miles"\). Fix: use one of percent, ratio, ms/],
    ['no levels', { thresholds: {} }, /thresholds: at least one level is needed/],
    ['a bad direction', { direction: 'up' }, /direction: direction must be "above" or "below"/],
  ])('refuses %s with a message naming the metric, field and value', (_what, change, pattern) => {
    expect(() => new ThresholdMetric({ ...latency, ...(change as Partial<ThresholdMetricProps>) })).toThrow(pattern);
    expect(() => new ThresholdMetric({ ...latency, ...(change as Partial<ThresholdMetricProps>) })).toThrow(
      /ThresholdMetric "RlmApiLatencyP99"/,
    ); // named by its alert, not its PromQL
  });
});
