/**
 * Static label checks at synth (issue 18, item 4): legends, `by`/`on` clauses and matchers naming labels a
 * query's result cannot carry, and one-to-one matching between metrics whose declared labels differ.
 */
import { Chart } from 'cdk8s';
import { AlertRule, Dashboard, WatchkeeperApp, alertComparison, alertPanels } from '../../src';
import { queryLabelProblems } from '../../src/dashboards';
import { rlmMetrics } from '../../examples/rlm-hypervisor/metrics';
import { synthToTemp } from '../support/synth';

const problems = (expr: string, legend?: string) => queryLabelProblems(expr, legend, rlmMetrics).map((p) => p.message);

describe('queryLabelProblems', () => {
  it('refuses a legend naming a label the result cannot carry (the quota bars named {{org}})', () => {
    expect(problems('rlm_quota_usage / rlm_quota_limit', '{{org}}')).toEqual([
      expect.stringMatching(
        /^the legend "\{\{org\}\}" names "org", which the result cannot carry \(it carries \{instance, job, namespace, pod, user\}/,
      ),
    ]);
    expect(problems('rlm_quota_usage / rlm_quota_limit', '{{user}}')).toEqual([]);
    // Without a catalogue, labels are known after an aggregation's by.
    expect(queryLabelProblems('sum by (service) (rate(x[5m]))', '{{instance}}').map((p) => p.message)).toEqual([
      expect.stringMatching(
        /names "instance", which the result cannot carry \(it carries \{service\}: "sum by \(service\) \(rate\(x\[5m\]\)\)" keeps only service\)/,
      ),
    ]);
    expect(queryLabelProblems('histogram_quantile(0.95, sum by (le, job) (rate(x_bucket[5m])))', '{{job}}')).toEqual(
      [],
    );
    expect(
      queryLabelProblems('histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))', '{{le}}').map((p) => p.message),
    ).toHaveLength(1);
    expect(queryLabelProblems('rate(x[5m])', '{{anything}}')).toEqual([]);
  });

  it('refuses one-to-one matching between metrics whose declared labels differ (Cost Per Million Requests)', () => {
    expect(problems('rlm_cost / (rlm_requests / 1000000)')).toEqual([
      expect.stringMatching(
        /^one-to-one matching of "rlm_cost" \{instance, job, namespace, pod\} with "\(rlm_requests \/ 1000000\)" \{endpoint, instance, job, namespace, pod\}: their label sets differ/,
      ),
    ]);
    expect(problems('sum(increase(rlm_cost[1h])) / sum(increase(rlm_requests[1h])) * 1000000')).toEqual([]);
    expect(problems('rate(rlm_errors[5m]) / rate(rlm_requests[5m])')).toEqual([]);
    expect(problems('rlm_cost / ignoring (endpoint) rlm_requests')).toEqual([]);
    expect(problems('rlm_cost / on (job) group_right rlm_requests')).toEqual([]);
  });

  it('refuses by, on and matchers naming labels the input cannot carry', () => {
    expect(problems('sum by (org) (rlm_quota_usage)')).toEqual([
      expect.stringMatching(/^sum by \(org\) groups by "org", which its input cannot carry/),
    ]);
    expect(problems('rlm_quota_usage{org="acme"}')).toEqual([
      expect.stringMatching(/matches on the label "org", which rlm_quota_usage does not carry/),
    ]);
    expect(problems('rlm_quota_usage / on (org) rlm_quota_limit')).toHaveLength(2);
    expect(problems('sum by (user) (rlm_quota_usage)', '{{user}}')).toEqual([]);
  });

  it("fails synth of a dashboard with a metric catalogue on the issue's two label findings, naming each", () => {
    const app = new WatchkeeperApp();
    new Dashboard(new Chart(app, 'rlm'), 'capacity', {
      title: 'Old capacity',
      metrics: rlmMetrics,
      panels: [
        {
          kind: 'bargauge',
          title: 'Quota Utilization by Org',
          queries: [{ expr: 'rlm_quota_usage / rlm_quota_limit', legend: '{{org}}' }],
          unit: 'percentunit',
        },
        {
          kind: 'timeseries',
          title: 'Cost Per Million Requests',
          queries: ['rlm_cost / (rlm_requests / 1000000)'],
          unit: 'currencyUSD',
        },
      ],
    });
    expect(() => synthToTemp(app)).toThrow(
      /panel "Quota Utilization by Org" query A[\s\S]*names "org"[\s\S]*panel "Cost Per Million Requests" query A[\s\S]*one-to-one matching/,
    );
  });
});

describe('alert panels show the quantity (issue 18, item 2)', () => {
  const rule = (alert: string, expr: string, severity = 'info') => new AlertRule({ alert, expr, labels: { severity } });

  it("splits a comparison of two series into its sides; a comparison with a number is alertCondition's", () => {
    expect(alertComparison('rlm_daily_cost > 1.5 * avg_over_time(rlm_daily_cost[7d])')).toEqual({
      lhs: 'rlm_daily_cost',
      op: '>',
      rhs: '1.5 * avg_over_time(rlm_daily_cost[7d])',
    });
    expect(alertComparison('x > 0.5 * 2')).toBeUndefined();
    expect(alertComparison('x > 5')).toBeUndefined();
    expect(alertComparison('x > bool y')).toBeUndefined();
  });

  it('draws both sides of a non-constant comparison, and the quantity with threshold lines for a constant one', () => {
    const [spike] = alertPanels([rule('CostSpike', 'cost > 1.5 * avg_over_time(cost[7d])')]);
    expect(spike.queries).toEqual([
      { expr: 'cost', legend: 'value' },
      { expr: '1.5 * avg_over_time(cost[7d])', legend: 'alert level (value > level)' },
    ]);
    expect(spike.description).toContain('info when the value > the level (1.5 * avg_over_time(cost[7d]))');
    const [errs] = alertPanels([
      rule('Errs', 'rate(e[5m]) > 0.05', 'critical'),
      rule('Errs', 'rate(e[5m]) > 0.01', 'warning'),
    ]);
    expect(errs.queries).toEqual([{ expr: 'rate(e[5m])' }]);
    expect(errs.thresholds).toEqual([
      { value: null, color: 'green' },
      { value: 0.01, color: 'orange' },
      { value: 0.05, color: 'red' },
    ]);
  });
});
