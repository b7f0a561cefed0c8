import { AlertRule, RuleGroup, ThresholdMetric } from '../../src';
import {
  GrafanaPanel,
  GrafanaRowPanel,
  ServiceDashboard,
  alertCondition,
  alertPanels,
  declarationPanels,
} from '../../src/dashboards';
import { itWithShared } from '../support/shared';
import { grafanaOracle } from './support/grafana-oracle';
import { appWithChart, synthError } from './support/app';

const errors = new AlertRule({
  alert: 'HighErrorRate',
  expr: 'sum(rate(errors[5m])) / sum(rate(requests[5m])) > 0.05',
  for: '2m',
  labels: { severity: 'critical' },
  annotations: { summary: 'Error rate is {{ $value | humanizePercentage }}', runbook_url: 'https://wiki/svc#errors' },
});

describe('alertCondition', () => {
  it('splits `query op number` at the comparison, either way round', () => {
    expect(alertCondition('sum(rate(errors[5m])) / sum(rate(requests[5m])) > 0.05')).toEqual({
      query: 'sum(rate(errors[5m])) / sum(rate(requests[5m]))',
      op: '>',
      value: 0.05,
    });
    expect(alertCondition('(up == 0)')).toEqual({ query: 'up', op: '==', value: 0 });
    expect(alertCondition('0.8 < rlm_quota_usage / rlm_quota_limit')).toEqual({
      query: 'rlm_quota_usage / rlm_quota_limit',
      op: '>',
      value: 0.8,
    });
    expect(alertCondition('x < -1')).toEqual({ query: 'x', op: '<', value: -1 });
  });

  it('gives nothing for other shapes', () => {
    expect(alertCondition('absent(up)')).toBeUndefined();
    expect(alertCondition('a > b')).toBeUndefined();
    expect(alertCondition('a > bool 1')).toBeUndefined();
    expect(alertCondition('a > 1 and b')).toBeUndefined();
  });
});

describe('alertPanels', () => {
  it("shows an alert's query with its level as a threshold coloured by severity, linking to its runbook", () => {
    const [p] = alertPanels([errors]);
    expect(p).toMatchObject({
      kind: 'timeseries',
      title: 'HighErrorRate',
      queries: [{ expr: 'sum(rate(errors[5m])) / sum(rate(requests[5m]))' }],
      thresholds: [
        { value: null, color: 'green' },
        { value: 0.05, color: 'red' },
      ],
      links: [{ title: 'Runbook: HighErrorRate', url: 'https://wiki/svc#errors' }],
    });
    // Go templates are dropped from the description: Grafana would read $value as a variable.
    expect(p.description).toBe('Error rate is …. Alert HighErrorRate: critical when > 0.05 for 2m.');
  });

  it('merges the levels of one alert name into one panel', () => {
    const warn = errors.with({
      expr: 'sum(rate(errors[5m])) / sum(rate(requests[5m])) > 0.01',
      labels: { severity: 'warning' },
    });
    const panels = alertPanels([errors, warn]);
    expect(panels).toHaveLength(1);
    expect(panels[0].thresholds).toEqual([
      { value: null, color: 'green' },
      { value: 0.01, color: 'orange' },
      { value: 0.05, color: 'red' },
    ]);
  });

  it('shows the whole expression, without thresholds, when it is not a comparison with a number', () => {
    const [p] = alertPanels([
      new AlertRule({ alert: 'Absent', expr: 'absent(up{job="x"})', labels: { severity: 'warning' } }),
    ]);
    expect(p.queries).toEqual([{ expr: 'absent(up{job="x"})' }]);
    expect(p.thresholds).toBeUndefined();
    expect(p.links).toEqual([]);
  });
});

describe('ServiceDashboard', () => {
  const latency = new ThresholdMetric({
    metric: 'latency_p99_ms',
    description: 'P99 latency',
    unit: 'ms',
    direction: 'above',
    thresholds: { warning: 200, critical: 500 },
    service: 'svc',
    runbookUrl: 'https://wiki/svc#latency',
  });

  itWithShared("renders one row per section and one panel per declaration, each linking to its alert's runbook", () => {
    const { app, chart } = appWithChart();
    const group = new RuleGroup('svc').add(latency, errors);
    const dash = new ServiceDashboard(chart, 'svc', {
      service: 'svc',
      sections: [
        { title: 'Key metrics', declarations: [latency] },
        // The group's latency alerts are the ThresholdMetric's: no second panel for them.
        { title: 'Alerts', declarations: [group], collapsed: true },
        {
          title: 'SLO',
          declarations: [
            {
              panels: () => [
                {
                  kind: 'stat',
                  title: 'Error budget left',
                  queries: ['1 - slo:error_budget_spent:ratio'],
                  unit: 'percentunit',
                },
              ],
            },
          ],
        },
      ],
    });
    expect(synthError(app)).toBe('');
    const json = dash.toJson();
    expect(json.title).toBe('svc: service overview');
    expect(json.tags).toEqual(['svc']);
    const titles = (json.panels ?? []).map((p) => `${p.type}:${p.title}`);
    expect(titles).toEqual([
      'row:Key metrics',
      'timeseries:P99 latency',
      'row:Alerts',
      'row:SLO',
      'stat:Error budget left',
    ]);
    const alerts = (json.panels ?? []).find((p) => p.title === 'Alerts') as GrafanaRowPanel;
    expect(alerts.panels.map((p) => p.title)).toEqual(['HighErrorRate']);
    const panels = [...(json.panels ?? []), ...alerts.panels].filter((p): p is GrafanaPanel => p.type !== 'row');
    expect(panels.find((p) => p.title === 'P99 latency')?.links?.map((l) => l.url)).toEqual([
      'https://wiki/svc#latency',
    ]);
    expect(panels.find((p) => p.title === 'HighErrorRate')?.links?.map((l) => l.url)).toEqual([
      'https://wiki/svc#errors',
    ]);
    expect(grafanaOracle().validateDashboard(json)).toEqual([]);
  });

  it('computes its panels at synthesis, so rules added to a group later land', () => {
    const group = new RuleGroup('late');
    const source = declarationPanels([group]);
    expect(source.panels()).toEqual([]);
    group.add(errors);
    expect(source.panels().map((p) => p.title)).toEqual(['HighErrorRate']);
  });
});
