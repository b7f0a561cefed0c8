import { AlertRule, RecordingRule, RuleGroup, ThresholdMetric, mapAlerts } from '../../src';

describe('mapAlerts', () => {
  it('changes the alerts of a source when the group renders, leaving recording rules alone', () => {
    const metric = new ThresholdMetric({
      metric: 'q',
      description: 'Queue',
      unit: 'count',
      direction: 'above',
      thresholds: { warning: 1, critical: 2 },
    });
    const withTeam = (a: AlertRule): AlertRule =>
      a.with({ labels: { team: a.props.labels?.severity === 'critical' ? 'oncall' : 'backlog' } });
    const record = new RecordingRule({ record: 'job:q:sum', expr: 'sum(q)' });
    const group = new RuleGroup('g').add(mapAlerts(metric, withTeam), mapAlerts({ rules: () => [record] }, withTeam));
    expect(group.rules.map((r) => r.props.labels)).toEqual([
      { severity: 'critical', team: 'oncall' },
      { severity: 'warning', team: 'backlog' },
      undefined,
    ]);
  });
});
