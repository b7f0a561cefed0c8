/**
 * Item 4 and the rest of item 5, under promtool: long healthy-ish runs never alert, a 100% burst pages at
 * once and resolves when the short windows stop seeing it, no traffic alerts nothing, counter resets do
 * not fire, NaN and infinities never reach a comparison that fires, and long windows are traffic-weighted.
 */
import { RecordingRule, RuleGroup } from '../../src/rules';
import { Rational, Slo, Sli } from '../../src/slo';
import { itWithPromtool } from '../support/promtool';
import { HEALTHY_BURN } from './detection-table';
import {
  Counters,
  ExprCheck,
  PromtoolGroup,
  alertChecks,
  approxCheck,
  burnAt,
  counters,
  eventSeries,
  promtoolTest,
  seriesValues,
  tierState,
  writePromtoolTest,
} from './promtool-harness';

const LABELS = '{service="checkout", slo="availability"}';
const slo = new Slo({
  service: 'checkout',
  name: 'availability',
  objective: 99.9,
  sli: Sli.events('rlm_errors', 'rlm_requests'),
});
const BUDGET = slo.errorBudget;

/** Checks that `record` has no series at `minute`. */
const absentAt = (record: string, minute: number): ExprCheck => ({
  expr: `${record}${LABELS}`,
  eval_time: `${minute}m`,
  exp_samples: [],
});

/** Checks `record` against the model at `minute`. */
const burnCheck = (c: Counters, window: string, minute: number): ExprCheck => {
  const v = burnAt(c, window, minute, BUDGET);
  if (!v) throw new Error(`no burn rate over ${window} at ${minute}m in the model`);
  return approxCheck(`slo:burn_rate:rate${window}${LABELS}`, minute, [{ labels: LABELS, value: v }]);
};

const range = (from: number, to: number, every = 1): number[] => {
  const out: number[] = [];
  for (let t = from; t <= to; t += every) out.push(t);
  return out;
};

function expectPass(groups: readonly RuleGroup[], tests: PromtoolGroup[], evaluationInterval = '1m'): void {
  const r = promtoolTest(writePromtoolTest(groups, tests, evaluationInterval));
  expect(r.output).not.toMatch(/FAILED/);
  expect(r.ok).toBe(true);
}

describe('SLO rules under promtool: safety', () => {
  itWithPromtool('B = 0.5 after a day of healthy traffic never alerts in 3 days, and every window reads 0.5', () => {
    const step = 5;
    const c = counters(
      [
        { minutes: 1440, burn: HEALTHY_BURN },
        { minutes: 3 * 1440, burn: 0.5 },
      ],
      BUDGET,
      step,
    );
    const end = 4 * 1440;
    const checks = range(0, end, 180);
    for (const t of checks) for (const tier of slo.tiers) expect(tierState(c, tier, t, BUDGET)).toBe(false);
    expectPass(
      slo.ruleGroups(),
      [
        {
          name: 'burn 0.5 for 3 days',
          interval: `${step}m`,
          input_series: eventSeries(c),
          alert_rule_test: alertChecks(slo, c, checks),
          promql_expr_test: ['5m', '30m', '1h', '2h', '6h', '1d', '3d'].map((w) => burnCheck(c, w, end)),
        },
      ],
      '15m',
    );
  });

  itWithPromtool(
    '100% errors page within 5 minutes; the pages resolve when the short windows no longer see the burst',
    () => {
      const healthy = 120;
      const burst = 20;
      const c = counters(
        [
          { minutes: healthy, burn: HEALTHY_BURN },
          { minutes: burst, burn: 1000 },
          { minutes: 180, burn: HEALTHY_BURN },
        ],
        BUDGET,
      );
      const end = healthy + burst + 180;
      const pages = slo.tiers.filter((t) => t.kind === 'page');
      const pageFiring = (t: number): boolean => pages.some((tier) => tierState(c, tier, t, BUDGET) === true);
      const firstPage = range(healthy, end).find(pageFiring) as number;
      const lastPage = range(healthy, end).filter(pageFiring).pop() as number;
      expect(firstPage - healthy).toBeLessThanOrEqual(5);
      const burstEnd = healthy + burst;
      // The 6h/30m page stops the evaluation its 30-minute window no longer holds an errored increment.
      expect(lastPage + 1 - burstEnd).toBe(30);
      // The tickets keep going for hours (their short windows are 2h and 6h): they are tickets, not pages.
      const ticketStill = slo.tiers
        .filter((t) => t.kind === 'ticket')
        .some((tier) => tierState(c, tier, burstEnd + 120, BUDGET) === true);
      expect(ticketStill).toBe(true);
      expectPass(slo.ruleGroups(), [
        {
          name: '20-minute total outage',
          interval: '1m',
          input_series: eventSeries(c),
          alert_rule_test: alertChecks(slo, c, [
            ...range(healthy - 2, burstEnd + 40),
            ...range(burstEnd + 60, end, 30),
          ]),
        },
      ]);
    },
  );

  itWithPromtool(
    'no traffic at all alerts nothing and records no burn rate; the optional absent alert fires after its for',
    () => {
      const withAbsent = slo.with({ alerting: { absent: true } });
      const none: PromtoolGroup = {
        name: 'no SLI series at all',
        interval: '1m',
        input_series: [{ series: 'up{job="other"}', values: '1+0x180' }],
        alert_rule_test: [
          ...[5, 60, 180].map((t) => ({ eval_time: `${t}m`, alertname: slo.alertName, exp_alerts: [] })),
          { eval_time: '9m', alertname: 'CheckoutAvailabilitySliAbsent', exp_alerts: [] },
          {
            eval_time: '10m',
            alertname: 'CheckoutAvailabilitySliAbsent',
            exp_alerts: [
              {
                exp_labels: { ...withAbsent.absentAlert()!.props.labels },
                exp_annotations: { ...withAbsent.absentAlert()!.props.annotations },
              },
            ],
          },
        ],
        promql_expr_test: ['5m', '1h', '30d'].map((w) => absentAt(`slo:burn_rate:rate${w}`, 120)),
      };
      expectPass(withAbsent.ruleGroups(), [none]);
    },
  );

  itWithPromtool(
    'traffic that stops (0/0) alerts nothing, leaves no NaN series and does not poison the long windows',
    () => {
      // Healthy-ish traffic, three hours of none (flat counters), then traffic again.
      const c = counters(
        [
          { minutes: 120, burn: 0.5 },
          { minutes: 180, burn: 0, traffic: 0 },
          { minutes: 120, burn: 0.5 },
        ],
        BUDGET,
      );
      const end = 420;
      expectPass(slo.ruleGroups(), [
        {
          name: 'traffic stops for 3 hours',
          interval: '1m',
          input_series: eventSeries(c),
          alert_rule_test: alertChecks(slo, c, range(0, end, 5)),
          promql_expr_test: [
            // Windows that saw only the idle period record nothing (not NaN) ...
            ...['5m', '30m', '1h', '2h'].map((w) => absentAt(`slo:burn_rate:rate${w}`, 290)),
            // ... the longer ones and the SLO window stay exactly 0.5: idle minutes add nothing to either sum.
            ...['6h', '1d', '3d', '30d'].map((w) => burnCheck(c, w, 290)),
            burnCheck(c, '30d', end),
            approxCheck(`slo:error_budget_remaining:ratio${LABELS}`, end, [{ labels: LABELS, value: 0.5 }]),
          ],
        },
      ]);
    },
  );

  itWithPromtool('an error counter that does not exist yet reads as zero errors: burn rates are 0, not missing', () => {
    const l = LABELS;
    expectPass(slo.ruleGroups(), [
      {
        name: 'requests only',
        interval: '1m',
        input_series: [{ series: 'rlm_requests', values: '0+1000x60' }],
        alert_rule_test: [{ eval_time: '60m', alertname: slo.alertName, exp_alerts: [] }],
        promql_expr_test: ['5m', '1h', '30d'].map((w) => ({
          expr: `slo:burn_rate:rate${w}${l}`,
          eval_time: '60m',
          exp_samples: [{ labels: `slo:burn_rate:rate${w}${l}`, value: 0 }],
        })),
      },
    ]);
  });

  itWithPromtool('long windows are traffic-weighted: a ratio of sums, not an average of ratios', () => {
    // One hour at 10x traffic with 0.5% errors (burn 5), then five quiet hours without errors.
    const c = counters(
      [
        { minutes: 60, burn: 5, traffic: 10_000 },
        { minutes: 300, burn: 0, traffic: 1000 },
      ],
      BUDGET,
    );
    const v = burnAt(c, '30d', 360, BUDGET) as Rational;
    // 3000 errors / 900000 events / 0.001 = 10/3; averaging the 5-minute ratios over time would give about 0.83.
    expect(v.cmp(new Rational(10n, 3n))).toBe(0);
    expectPass(slo.ruleGroups(), [
      {
        name: 'busy hour then quiet hours',
        interval: '1m',
        input_series: eventSeries(c),
        promql_expr_test: [burnCheck(c, '30d', 360), burnCheck(c, '6h', 360)],
      },
    ]);
  });

  itWithPromtool(
    'counter resets (a restart, errors and events reset a minute apart) fire nothing and keep the rates exact',
    () => {
      const c = counters([{ minutes: 240, burn: 0.5 }], BUDGET);
      // After a restart a counter counts from 0 again: the raw value is what was counted since the restart.
      const reset = (values: Rational[], at: number): Rational[] =>
        values.map((v, i) => (i >= at ? v.sub(values[at - 1]) : v));
      expectPass(slo.ruleGroups(), [
        {
          name: 'restart at 2h',
          interval: '1m',
          input_series: [
            { series: 'rlm_requests', values: seriesValues(reset(c.total, 120)) },
            { series: 'rlm_errors', values: seriesValues(reset(c.errors, 121)) },
          ],
          alert_rule_test: alertChecks(slo, c, range(0, 240, 1)),
          promql_expr_test: ['5m', '1h', '2h', '30d'].map((w) => burnCheck(c, w, 150)).concat(burnCheck(c, '30d', 240)),
        },
      ]);
    },
  );

  itWithPromtool('NaN and +Inf junk samples never fire; without the guard the +Inf would page', () => {
    const c = counters([{ minutes: 240, burn: 0.5 }], BUDGET);
    const errors: Array<Rational | 'NaN' | 'Inf'> = [...c.errors];
    errors[60] = 'NaN';
    errors[120] = 'Inf';
    const input = [
      { series: 'rlm_requests', values: seriesValues(c.total) },
      { series: 'rlm_errors', values: seriesValues(errors) },
    ];
    const quiet = range(0, 240, 1).map((t) => ({ eval_time: `${t}m`, alertname: slo.alertName, exp_alerts: [] }));
    expectPass(slo.ruleGroups(), [
      {
        name: 'junk samples',
        interval: '1m',
        input_series: input,
        alert_rule_test: quiet,
        promql_expr_test: [
          // NaN as the newest sample: no series that minute; NaN inside a range: ignored, rates exact.
          absentAt('slo:burn_rate:rate5m', 60),
          burnCheck(c, '1h', 100),
          burnCheck(c, '30d', 100),
          // +Inf inside a range makes the rate infinite: the window records nothing instead of a number that fires.
          absentAt('slo:burn_rate:rate1h', 150),
          burnCheck(c, '5m', 150),
        ],
      },
    ]);
    // Negative control: the same rules without `< +Inf` page on the junk sample.
    const naive = slo
      .ruleGroups()
      .map((g) =>
        new RuleGroup(g.name).add(
          ...g.rules.map((r) =>
            r instanceof RecordingRule
              ? new RecordingRule({ ...r.props, expr: r.props.expr.replace(' < +Inf', '') })
              : r,
          ),
        ),
      );
    const r = promtoolTest(
      writePromtoolTest(naive, [
        { name: 'junk, unguarded', interval: '1m', input_series: input, alert_rule_test: quiet },
      ]),
    );
    expect(r.ok).toBe(false);
    expect(r.output).toMatch(/alertname: CheckoutAvailabilityErrorBudgetBurn, time: 2h/);
  });
});
