import * as fs from 'fs';
import * as path from 'path';
import { WatchkeeperError } from '../../src/core';
import { AlertRule, RecordingRule, RuleGroup, checkRuleGroups } from '../../src/rules';
import { DEFAULT_BUCKETS, Slo, SloProps, Sli, matchBucket, sloRuleGroups } from '../../src/slo';
import { toYaml } from '../../src/core';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { tempDir } from '../support/synth';

const base: SloProps = {
  service: 'rlm-hypervisor',
  name: 'availability',
  objective: 99.9,
  sli: Sli.events('rlm_errors', 'rlm_requests'),
};

/** The problems a bad SLO throws, as `field: message (got value)` strings. */
function problems(props: Partial<SloProps>): string[] {
  try {
    new Slo({ ...base, ...props } as SloProps);
  } catch (e) {
    if (e instanceof WatchkeeperError) return e.problems.map((p) => `${p.field}: ${p.message} | ${p.fix}`);
    throw e;
  }
  return [];
}

const records = (slo: Slo): RecordingRule[] =>
  slo.rules().filter((r): r is RecordingRule => r instanceof RecordingRule);
const alerts = (slo: Slo): AlertRule[] => slo.rules().filter((r): r is AlertRule => r instanceof AlertRule);
const exprOf = (slo: Slo, record: string): string => records(slo).find((r) => r.name === record)?.props.expr as string;

describe('Slo: props', () => {
  it('with() merges labels, as every with() does (AlertRule, ThresholdMetric); alerting.alert names the alert', () => {
    const slo = new Slo({
      ...base,
      labels: { team: 'sre', channel: 'ops' },
      alerting: { alert: 'RlmBudgetBurn' },
    }).with({ labels: { channel: 'slack' } });
    expect(slo.props.labels).toEqual({ team: 'sre', channel: 'slack' });
    expect(slo.alertName).toBe('RlmBudgetBurn');
    expect(alerts(slo)[0].props.labels).toMatchObject({ team: 'sre', channel: 'slack' });
  });

  it('takes the objective as a percentage and refuses a ratio, saying which form is expected', () => {
    expect(problems({ objective: 0.999 })).toEqual([
      'objective: the objective is a percentage, not a ratio | write 99.9 for 99.9% (the percentage form), not 0.999',
    ]);
    expect(problems({ objective: 100 })[0]).toMatch(/^objective: the objective must lie strictly between 0 and 100/);
    expect(problems({ objective: 0 })[0]).toMatch(/strictly between 0 and 100/);
    expect(problems({ objective: -5 })[0]).toMatch(/strictly between 0 and 100/);
    expect(problems({ objective: NaN })[0]).toMatch(/must be a number/);
    expect(problems({ objective: 99.9 })).toEqual([]);
    expect(problems({ objective: 50 })).toEqual([]);
  });

  it('names the SLO, the field and the value in the thrown message', () => {
    expect(() => new Slo({ ...base, objective: 0.999 })).toThrow(
      '[Slo "rlm-hypervisor/availability"] objective: the objective is a percentage, not a ratio (got 0.999). Fix: write 99.9 for 99.9%',
    );
  });

  it('takes a window of whole days (default 30d; 28d, 7d, 4w) and refuses others', () => {
    expect(new Slo(base).window).toBe('30d');
    expect(new Slo({ ...base, window: '28d' }).window).toBe('28d');
    expect(new Slo({ ...base, window: '4w' }).window).toBe('28d');
    expect(new Slo({ ...base, window: '7d' }).windowDays).toBe(7);
    expect(problems({ window: '36h' })[0]).toMatch(/^window: the window must be a whole number of days/);
    expect(problems({ window: '30 days' as never })[0]).toMatch(/^window: not a valid duration string/);
  });

  it('checks names, grouping labels and labels', () => {
    expect(problems({ service: '' })[0]).toMatch(/^service: the service must be a non-empty name/);
    expect(problems({ name: 'a b' })[0]).toMatch(/^name: the name must be a non-empty name/);
    expect(problems({ groupBy: ['endpoint', 'endpoint'] })[0]).toMatch(/^groupBy\[1\]: listed twice/);
    expect(problems({ groupBy: ['slo'] })[0]).toMatch(/set by the SLO itself/);
    expect(problems({ groupBy: ['1x'] })[0]).toMatch(/not a valid label name/);
    expect(problems({ labels: { service: 'x' } })[0]).toMatch(
      /^labels.service: "service" is set from the SLO's service/,
    );
    expect(problems({ alerting: { tiers: { pageFast: { labels: { slo: 'x' } } } } })[0]).toMatch(
      /cannot be re-labelled/,
    );
    expect(problems({ alerting: { tiers: { bogus: false } as never } })[0]).toMatch(
      /^alerting.tiers.bogus: unknown tier/,
    );
    expect(problems({ alerting: { tiers: { pageSlow: { for: '5 m' as never } } } })[0]).toMatch(
      /^alerting.tiers.pageSlow.for: not a valid duration/,
    );
  });

  it('checks every SLI kind', () => {
    expect(problems({ sli: Sli.events('', 'x') })[0]).toMatch(/^sli.errors: the counter is empty/);
    expect(problems({ sli: Sli.events('rate(x[5m])', 'y') })[0]).toMatch(
      /^sli.errors: expected a plain selector .*; an expression must put \$window where the range goes/,
    );
    expect(problems({ sli: Sli.events('sum(rate(x[$window])', 'y') })[0]).toMatch(
      /^sli.errors: .*\(with \$window = 5m\)/,
    );
    expect(problems({ sli: Sli.events('sum by (code) (rate(x[$window]))', 'y') })).toEqual([]);
    expect(problems({ sli: Sli.goodTotal('good_total', 'rate(all_total[5m])') })[0]).toMatch(/^sli.total:/);
    expect(problems({ sli: Sli.latency({ histogram: 'lat_bucket', threshold: 0.15 }) })).toEqual([
      'sli.threshold: no bucket boundary equals 0.15: it falls between the buckets le="0.1" and le="0.25" (buckets: 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, +Inf) | use a threshold equal to one of the histogram\'s le boundaries, or list the histogram\'s boundaries in buckets',
    ]);
    expect(problems({ sli: Sli.latency({ histogram: 'lat_seconds', threshold: 0.1 }) })[0]).toMatch(/ends in _bucket/);
    expect(problems({ sli: Sli.latency({ histogram: 'lat_bucket{le="0.1"}', threshold: 0.1 }) })[0]).toMatch(
      /le matcher is added from the threshold/,
    );
    expect(problems({ sli: Sli.errorRatio('x[5m]') })[0]).toMatch(
      /^sli.expr: expected type instant vector in aggregation expression, got range vector/,
    );
    expect(problems({ sli: Sli.errorRatio('1 - rlm_task_success_rate / 100') })).toEqual([]);
    expect(problems({ sli: { kind: 'weird' } as never })[0]).toMatch(/^sli.kind: unknown SLI kind/);
  });
});

describe('Slo: numbers', () => {
  it('renders objective, budget and thresholds as exact decimals', () => {
    const slo = new Slo({ ...base, objective: 99.99 });
    expect([slo.objectivePercent, slo.objectiveRatio, slo.errorBudget]).toEqual(['99.99', '0.9999', '0.0001']);
    expect(exprOf(slo, 'slo:objective:ratio')).toBe('vector(0.9999)');
    expect(exprOf(slo, 'slo:error_budget:ratio')).toBe('vector(0.0001)');
    expect(exprOf(slo, 'slo:window:days')).toBe('vector(30)');
    const text = toYaml({ groups: slo.ruleGroups().map((g) => g.toRuleFile()) });
    expect(text).not.toMatch(/0\.0000999|0\.000999|99999999/);
    expect(alerts(slo).map((a) => a.props.expr.match(/> ([\d.]+) and/)?.[1])).toEqual(['14.4', '6', '3', '1']);
  });

  it('uses the scaled factors for other windows (28d: 13.44, 5.6, 2.8, 0.9333)', () => {
    const slo = new Slo({ ...base, window: '28d' });
    expect(alerts(slo).map((a) => a.props.expr.match(/> ([\d.]+) and/)?.[1])).toEqual([
      '13.44',
      '5.6',
      '2.8',
      '0.9333',
    ]);
    expect(alerts(slo).map((a) => a.props.annotations?.budget_consumed)).toEqual(['2%', '5%', '10%', '10%']);
  });
});

describe('Slo: recording rules', () => {
  const slo = new Slo(base);

  it('records errors and events per window separately, and the burn rate as their ratio over the budget', () => {
    expect(exprOf(slo, 'slo:sli_errors:rate1h')).toBe('sum(rate(rlm_errors[1h]))');
    expect(exprOf(slo, 'slo:sli_total:rate1h')).toBe('sum(rate(rlm_requests[1h]))');
    expect(exprOf(slo, 'slo:burn_rate:rate1h')).toBe(
      '(slo:sli_errors:rate1h{slo="availability", service="rlm-hypervisor"} or 0 * slo:sli_total:rate1h{slo="availability", service="rlm-hypervisor"}) / (slo:sli_total:rate1h{slo="availability", service="rlm-hypervisor"} > 0) / 0.001 < +Inf',
    );
    // The SLO window is a ratio of sums over 30 days, never an average of short ratios.
    expect(exprOf(slo, 'slo:sli_errors:rate30d')).toBe('sum(rate(rlm_errors[30d]))');
    expect(exprOf(slo, 'slo:error_budget_remaining:ratio')).toBe(
      '1 - slo:burn_rate:rate30d{slo="availability", service="rlm-hypervisor"}',
    );
  });

  it('records every window the tiers use and the SLO window, shortest first, with shared level:metric:operations names', () => {
    expect(slo.windows).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d', '30d']);
    const names = [...new Set(records(slo).map((r) => r.name))];
    expect(names).toEqual([
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:window:days',
      ...slo.windows.flatMap((w) => [`slo:sli_errors:rate${w}`, `slo:sli_total:rate${w}`, `slo:burn_rate:rate${w}`]),
      'slo:error_budget_remaining:ratio',
    ]);
    for (const r of records(slo)) expect(r.props.labels).toEqual({ service: 'rlm-hypervisor', slo: 'availability' });
  });

  it('drops the windows of disabled tiers', () => {
    const pagesOnly = new Slo({ ...base, alerting: { tiers: { ticketFast: false, ticketSlow: false } } });
    expect(pagesOnly.windows).toEqual(['5m', '30m', '1h', '6h', '30d']);
    expect(alerts(pagesOnly)).toHaveLength(2);
  });

  it('sums by the grouping labels', () => {
    const g = new Slo({ ...base, groupBy: ['endpoint', 'method'] });
    expect(exprOf(g, 'slo:sli_errors:rate5m')).toBe('sum by (endpoint, method) (rate(rlm_errors[5m]))');
  });

  it('puts $window where the expression says', () => {
    const g = new Slo({
      ...base,
      sli: Sli.events('sum by (code) (rate(http_requests_total{code=~"5.."}[$window]))', 'http_requests_total'),
    });
    expect(exprOf(g, 'slo:sli_errors:rate6h')).toBe('sum(sum by (code) (rate(http_requests_total{code=~"5.."}[6h])))');
  });

  it('good/total and latency: errors are total - good; a missing good series means all errors', () => {
    const gt = new Slo({ ...base, sli: Sli.goodTotal('http_requests_total{code!~"5.."}', 'http_requests_total') });
    expect(exprOf(gt, 'slo:sli_errors:rate5m')).toBe(
      'sum(rate(http_requests_total[5m])) - sum(rate(http_requests_total{code!~"5.."}[5m]))',
    );
    expect(exprOf(gt, 'slo:burn_rate:rate5m')).toMatch(
      /^\(slo:sli_errors:rate5m\{[^}]*\} or slo:sli_total:rate5m\{[^}]*\}\) \//,
    );
    const lat = new Slo({
      ...base,
      name: 'latency',
      objective: 99,
      sli: Sli.latency({ histogram: 'rlm_api_latency_bucket{job="api"}', threshold: 0.1 }),
    });
    expect(exprOf(lat, 'slo:sli_total:rate5m')).toBe('sum(rate(rlm_api_latency_bucket{job="api", le="+Inf"}[5m]))');
    expect(exprOf(lat, 'slo:sli_errors:rate5m')).toBe(
      'sum(rate(rlm_api_latency_bucket{job="api", le="+Inf"}[5m])) - sum(rate(rlm_api_latency_bucket{job="api", le="0.1"}[5m]))',
    );
  });

  it('latency thresholds match an le string by value and use it verbatim', () => {
    expect(matchBucket(1, DEFAULT_BUCKETS)).toEqual({ ok: true, le: '1.0' });
    expect(matchBucket(1, ['0.5', '1', '+Inf'])).toEqual({ ok: true, le: '1' });
    expect(matchBucket(0.25, ['0.25', '+Inf'])).toEqual({ ok: true, le: '0.25' });
    expect(matchBucket(20, DEFAULT_BUCKETS)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/above the largest bucket le="10.0"/),
    });
    expect(matchBucket(0.001, DEFAULT_BUCKETS)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/below the smallest bucket le="0.005"/),
    });
  });

  it('error ratio: records the cleaned ratio once and averages it per window', () => {
    const r = new Slo({
      ...base,
      name: 'tasks',
      objective: 99.5,
      sli: Sli.errorRatio('1 - rlm_task_success_rate / 100'),
    });
    expect(exprOf(r, 'slo:sli_error:ratio')).toBe('avg(1 - rlm_task_success_rate / 100) >= 0 < +Inf');
    expect(exprOf(r, 'slo:burn_rate:rate1h')).toBe(
      'avg_over_time(slo:sli_error:ratio{slo="tasks", service="rlm-hypervisor"}[1h]) / 0.005',
    );
    expect(records(r).some((x) => x.name.startsWith('slo:sli_errors:'))).toBe(false);
  });

  it("all rules pass the project's rule checks (PromQL as Prometheus parses it, names, templates)", () => {
    const kinds: SloProps[] = [
      base,
      { ...base, name: 'g', groupBy: ['endpoint'], sli: Sli.goodTotal('ok_total', 'all_total') },
      {
        ...base,
        name: 'l',
        objective: 99,
        sli: Sli.latency({ histogram: 'x_bucket', threshold: 0.25 }),
        alerting: { absent: true },
      },
      {
        ...base,
        name: 'r',
        window: '7d',
        sli: Sli.errorRatio('1 - up'),
        alerting: { absent: { for: '5m', severity: 'info' } },
      },
    ];
    for (const version of ['2.42', '3.5']) {
      const groups = sloRuleGroups(kinds.map((k) => new Slo(k))).map((group) => ({
        group,
        rendered: group.toRuleFile(),
      }));
      const outcome = checkRuleGroups(groups, {
        where: 'test',
        file: 'rules/test.rules.yaml',
        prometheusVersion: version,
      });
      expect(outcome.problems).toEqual([]);
      expect(outcome.rules.length).toBeGreaterThan(0);
    }
  });
});

describe('Slo: alerts', () => {
  const slo = new Slo({
    ...base,
    description: 'API requests succeed',
    labels: { team: 'rlm-sre' },
    alerting: {
      runbookUrl: 'https://wiki/rlm#slo',
      tiers: { ticketSlow: false, pageSlow: { severity: 'high', labels: { channel: 'pager' }, for: '2m' } },
    },
  });

  it('one alert per enabled tier, sharing a name, labelled with slo, service, severity and windows', () => {
    const a = alerts(slo);
    expect(a.map((r) => r.name)).toEqual([
      'RlmHypervisorAvailabilityErrorBudgetBurn',
      'RlmHypervisorAvailabilityErrorBudgetBurn',
      'RlmHypervisorAvailabilityErrorBudgetBurn',
    ]);
    expect(a.map((r) => r.props.labels)).toEqual([
      {
        team: 'rlm-sre',
        severity: 'critical',
        long_window: '1h',
        short_window: '5m',
        service: 'rlm-hypervisor',
        slo: 'availability',
      },
      {
        team: 'rlm-sre',
        severity: 'high',
        long_window: '6h',
        short_window: '30m',
        channel: 'pager',
        service: 'rlm-hypervisor',
        slo: 'availability',
      },
      {
        team: 'rlm-sre',
        severity: 'warning',
        long_window: '1d',
        short_window: '2h',
        service: 'rlm-hypervisor',
        slo: 'availability',
      },
    ]);
    expect(a.map((r) => r.props.for)).toEqual([undefined, '2m', undefined]);
    expect(a[0].props.expr).toBe(
      'slo:burn_rate:rate1h{slo="availability", service="rlm-hypervisor"} > 14.4 and slo:burn_rate:rate5m{slo="availability", service="rlm-hypervisor"} > 14.4',
    );
  });

  it('annotations give the objective, the burn rate and the budget share the tier consumes', () => {
    expect(alerts(slo)[0].props.annotations).toEqual({
      summary: 'rlm-hypervisor availability: error budget burning over 14.4x too fast (1h/5m)',
      description:
        'API requests succeed. The error rate over the last 1h and the last 5m is more than 14.4 times what the 99.9% objective over 30d allows; at this rate 2% of the 30d error budget is spent every 1h.',
      objective: '99.9%',
      burn_rate_threshold: '14.4',
      budget_consumed: '2%',
      runbook_url: 'https://wiki/rlm#slo',
    });
  });

  it('ticket severity and page severity are configurable; the absent alert is optional', () => {
    const s = new Slo({ ...base, alerting: { pageSeverity: 'page', ticketSeverity: 'ticket', absent: true } });
    expect(alerts(s).map((a) => a.props.labels?.severity)).toEqual(['page', 'page', 'ticket', 'ticket', 'ticket']);
    expect(alerts(s)[4].props).toMatchObject({
      alert: 'RlmHypervisorAvailabilitySliAbsent',
      expr: 'absent(slo:sli_total:rate5m{slo="availability", service="rlm-hypervisor"})',
      for: '10m',
    });
    expect(alerts(new Slo(base)).some((a) => a.name.endsWith('SliAbsent'))).toBe(false);
  });

  it('with() returns a changed copy', () => {
    const s = new Slo(base).with({ objective: 99.5 });
    expect(s.errorBudget).toBe('0.005');
  });
});

describe('Slo: rule groups', () => {
  it("split at 20 rules by default, never separating a window's three records, deterministically", () => {
    const slo = new Slo({ ...base, alerting: { absent: true } });
    const groups = slo.ruleGroups();
    expect(groups.map((g) => [g.name, g.rules.length])).toEqual([
      ['slo-rlm-hypervisor-availability-1', 18],
      ['slo-rlm-hypervisor-availability-2', 15],
    ]);
    expect(groups.flatMap((g) => g.rules)).toEqual(slo.rules());
    expect(toYaml(groups.map((g) => g.toRuleFile()))).toBe(
      toYaml(new Slo({ ...base, alerting: { absent: true } }).ruleGroups().map((g) => g.toRuleFile())),
    );
    for (const g of groups) {
      const names = g.rules.map((r) => r.name);
      for (const w of slo.windows) {
        const i = names.indexOf(`slo:sli_errors:rate${w}`);
        if (i >= 0)
          expect(names.slice(i, i + 3)).toEqual([
            `slo:sli_errors:rate${w}`,
            `slo:sli_total:rate${w}`,
            `slo:burn_rate:rate${w}`,
          ]);
      }
    }
  });

  it('honour a configured maximum, and refuse one smaller than the largest unit', () => {
    const slo = new Slo(base);
    expect(slo.ruleGroups({ maxRulesPerGroup: 10 }).map((g) => g.rules.length)).toEqual([9, 9, 10, 4]);
    expect(slo.ruleGroups({ maxRulesPerGroup: 100 }).map((g) => g.name)).toEqual(['slo-rlm-hypervisor-availability']);
    expect(() => slo.ruleGroups({ maxRulesPerGroup: 3 })).toThrow(
      /maxRulesPerGroup: must be a whole number of at least 4/,
    );
    expect(slo.ruleGroups({ name: 'custom', interval: '30s' }).map((g) => [g.name, g.props.interval])).toEqual([
      ['custom-1', '30s'],
      ['custom-2', '30s'],
    ]);
  });

  it('an Slo is an IRuleSource: it can go into any RuleGroup', () => {
    const g = new RuleGroup('all').add(new Slo(base));
    expect(g.rules).toHaveLength(32);
  });
});

describe('Slo rules and promtool check rules', () => {
  itWithPromtool('every SLI kind and window loads in Prometheus', () => {
    const slos = [
      new Slo(base),
      new Slo({
        ...base,
        name: 'g',
        window: '28d',
        groupBy: ['endpoint'],
        sli: Sli.goodTotal('ok_total', 'all_total'),
      }),
      new Slo({
        ...base,
        name: 'l',
        window: '7d',
        objective: 99,
        sli: Sli.latency({ histogram: 'x_bucket', threshold: 0.25 }),
        alerting: { absent: true },
      }),
      new Slo({ ...base, name: 'r', window: '90d', sli: Sli.errorRatio('1 - up'), alerting: { absent: true } }),
      new Slo({
        ...base,
        name: 'd',
        window: '1d',
        sli: Sli.events('sum by (code) (rate(h_total{code=~"5.."}[$window]))', 'h_total'),
      }),
    ];
    const dir = tempDir();
    const file = path.join(dir, 'slo.rules.yaml');
    fs.writeFileSync(file, toYaml({ groups: sloRuleGroups(slos).map((g) => g.toRuleFile()) }));
    const r = runPromtool(['check', 'rules', file]);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });
});
