import { AlertRule, alertPanel, alertPanels } from '../../src';

const rule = (alert: string, expr: string, severity: string): AlertRule =>
  new AlertRule({ alert, expr, labels: { severity }, annotations: { runbook_url: 'https://x/#a' } });

describe('alertPanel', () => {
  it('draws a health series alerted on == 0 in the alert colour at 0 and green from 1', () => {
    const [p] = alertPanels([rule('Down', 'up{job="api"} == 0', 'critical')]);
    expect(p.thresholds).toEqual([
      { value: null, color: 'red' },
      { value: 1, color: 'green' },
    ]);
  });

  it('maps other severity scales onto colours with stepSeverity', () => {
    const rules = [rule('Slow', 'latency > 2', 'high'), rule('Slow', 'latency > 5', 'critical')];
    const p = alertPanel(
      rules,
      'Slow',
      { title: 'Latency', unit: 's' },
      { stepSeverity: (s) => (s === 'high' ? 'warning' : s) },
    );
    expect(p).toMatchObject({
      title: 'Latency',
      unit: 's',
      queries: [{ expr: 'latency' }],
      links: [{ url: 'https://x/#a' }],
    });
    expect(p.thresholds).toEqual([
      { value: null, color: 'green' },
      { value: 2, color: 'orange' },
      { value: 5, color: 'red' },
    ]);
  });

  it('picks one query of an alert with several, and refuses an alert it cannot draw', () => {
    const rules = [rule('Errs', 'a_errors > 1', 'warning'), rule('Errs', 'b_errors > 1', 'warning')];
    expect(
      alertPanel(rules, 'Errs', { title: 'B', unit: 'short' }, { pick: (q) => q.startsWith('b_') }).queries,
    ).toEqual([{ expr: 'b_errors' }]);
    expect(() => alertPanel(rules, 'Errs', { title: 'both', unit: 'short' })).toThrow(
      /alert Errs: expected the rules of one query/,
    );
  });
});
