/**
 * Every panel of the four example systems, proven against live data: synthetic series for every raw metric
 * their rules and dashboards read (from the RLM metric catalogue where it declares the metric), loaded into a
 * real Prometheus that evaluates their rule files; every recording rule and every panel target must return
 * data, and a legend may only name labels the result carries. Then planted faults of each cause must be caught
 * with that cause. Required under CI=true; skipped with a printed reason when prometheus/promtool are missing.
 */
import { Chart } from 'cdk8s';
import { Dashboard, WatchkeeperApp } from '../../src';
import { buildExamplesApp } from '../../examples/app';
import { rlmMetrics } from '../../examples/rlm-hypervisor/metrics';
import {
  catalogueOwning,
  collectLiveQueries,
  findPrometheus,
  LiveInput,
  LivePrometheus,
  LiveQuery,
  LiveResult,
  startLivePrometheus,
} from '../support/live-prometheus';
import { synthToTemp } from '../support/synth';

const SYSTEMS = ['rlm-hypervisor', 'octollm', 'aiaas', 'smartcloudops'];
const tools = findPrometheus();
const d = tools ? describe : describe.skip;

d('live data: every recording rule and panel target of the examples shows data in a real Prometheus', () => {
  let input: LiveInput;
  let server: LivePrometheus | undefined;
  const results = new Map<string, LiveResult[]>();

  beforeAll(async () => {
    const dist = synthToTemp(buildExamplesApp());
    input = collectLiveQueries(dist, SYSTEMS);
    server = await startLivePrometheus(input, catalogueOwning(rlmMetrics, 'rlm_'), tools!);
    for (const q of input.queries) {
      const r = await server.check(q);
      results.set(q.system, [...(results.get(q.system) ?? []), r]);
    }
  }, 170_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('the server evaluates every rule of the examples without an error', () => {
    expect(server?.ruleErrors).toEqual([]);
  });

  it.each(SYSTEMS)('%s: every recording rule and panel target shows data', (system) => {
    const rs = results.get(system) ?? [];
    const panels = rs.filter((r) => r.query.kind === 'panel');
    const problems = rs.filter((r) => r.problem).map((r) => `${r.query.where}: ${r.problem}\n    ${r.query.expr}`);
    const records = rs.filter((r) => r.query.kind === 'record');
    console.log(
      `live data ${system}: ${panels.filter((r) => !r.problem).length}/${panels.length} panel targets and ${records.filter((r) => !r.problem).length}/${records.length} recording rules show data (all systems: ${server?.series} series, ${server?.samples} samples)`,
    );
    expect(panels.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  // Faults planted on the RLM data (catalogued metrics), evaluated against the same server: each must be found
  // empty (or its legend wrong) with its cause named.
  const planted: Array<[string, string, string | undefined, RegExp]> = [
    [
      'recording rule no file defines',
      'sum(slo:sli_errors:rate10m{service="rlm-hypervisor"})',
      undefined,
      /^recording rule no file defines: "slo:sli_errors:rate10m"/,
    ],
    [
      'one-to-one division of series with different labels',
      'rlm_cost / (rlm_requests / 1000000)',
      undefined,
      /^vector matching between different label sets: "rlm_cost" carries \{instance, job, namespace, pod\} and "\(rlm_requests \/ 1000000\)" carries \{endpoint, instance, job, namespace, pod\}/,
    ],
    [
      'a matcher on a label the data lacks',
      'sum(rlm_quota_usage{org="acme"})',
      undefined,
      /^a label the data lacks: .*"org", which no series of "rlm_quota_usage" carries \(they carry: instance, job, namespace, pod, user\)/,
    ],
    [
      'a legend naming a label the data lacks',
      'rlm_quota_usage / rlm_quota_limit',
      '{{org}}',
      /^a label the data lacks: the legend "\{\{org\}\}" names "org"/,
    ],
    [
      'a matcher value no series has',
      'sum by (endpoint) (rate(rlm_errors{endpoint="/no-such-endpoint"}[5m]))',
      undefined,
      /^a filter that drops everything: endpoint="\/no-such-endpoint" keeps no series of "rlm_errors"/,
    ],
    [
      'a comparison that keeps nothing',
      'rlm_queue_depth > 1e9',
      undefined,
      /^a filter that drops everything: "> 1e9" keeps no series of "rlm_queue_depth"/,
    ],
    [
      'a metric nothing exports',
      'rlm_active_users',
      undefined,
      /^metric with no series: no series of "rlm_active_users"/,
    ],
  ];
  it.each(planted)('planted fault caught: %s', async (_name, expr, legend, cause) => {
    const q: LiveQuery = { system: 'planted', kind: 'panel', where: 'planted', expr, legend };
    const r = await server!.check(q);
    expect(r.problem).toMatch(cause);
  });

  it('planted faults in a synthesized dashboard are caught through the same collection path, each with its cause', async () => {
    // No metric catalogue on this dashboard: the static checks cannot see these; only live data can.
    const app = new WatchkeeperApp();
    new Dashboard(new Chart(app, 'planted'), 'faults', {
      title: 'Planted faults',
      panels: [
        {
          kind: 'timeseries',
          title: 'Unrecorded',
          queries: ['slo:error_ratio:rate7m{service="rlm-hypervisor"}'],
          unit: 'percentunit',
        },
        { kind: 'timeseries', title: 'Mismatched', queries: ['rlm_cost / rlm_requests'], unit: 'short' },
        {
          kind: 'timeseries',
          title: 'By org',
          queries: [{ expr: 'rlm_quota_usage / rlm_quota_limit', legend: '{{org}}' }],
          unit: 'percentunit',
        },
        {
          kind: 'timeseries',
          title: 'Condition',
          queries: ['rlm_daily_cost > 1.5 * avg_over_time(rlm_daily_cost[7d])'],
          unit: 'currencyUSD',
        },
        {
          kind: 'timeseries',
          title: 'Fine',
          queries: [{ expr: 'sum by (endpoint) (rate(rlm_errors[$__rate_interval]))', legend: '{{endpoint}}' }],
          unit: 'reqps',
        },
      ],
    });
    const collected = collectLiveQueries(synthToTemp(app), ['planted']);
    const found = await Promise.all(collected.queries.map((q) => server!.check(q)));
    expect(found.map((r) => [r.query.where, r.problem?.replace(/:.*/s, '')])).toEqual([
      ['dashboard "Planted faults" panel "Unrecorded" query A', 'recording rule no file defines'],
      ['dashboard "Planted faults" panel "Mismatched" query A', 'vector matching between different label sets'],
      ['dashboard "Planted faults" panel "By org" query A', 'a label the data lacks'],
      ['dashboard "Planted faults" panel "Condition" query A', 'a filter that drops everything'],
      ['dashboard "Planted faults" panel "Fine" query A', undefined],
    ]);
  });
});
