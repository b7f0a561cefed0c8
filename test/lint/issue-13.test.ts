/**
 * Regression tests for the shapes issue 13 found on public rule sets: false duplicate errors, noisy
 * defaults, load sets, metric metadata, template comparisons, and `80and`. Written from the shapes, not
 * copied from anyone's files.
 */
import { lintSources, type LintConfig } from '../../src/lint';
import { checkPromQL } from '../../src/promql';
import { alert, brief, lintText, ruleFile } from './helpers';

const record = (name: string, expr: string, ...extra: string[]): string =>
  [`- record: ${name}`, `  expr: '${expr}'`, ...extra.map((l) => `  ${l}`)].join('\n');
const duplicates = (text: string, config: LintConfig = {}): string[] =>
  brief(lintText(text, { preset: 'default', ...config }), 'rule/duplicate');

describe('rule/duplicate: outputs that can never collide are not reported', () => {
  test.each([
    [
      'regexes on a kept label',
      'sum by (code) (rate(x_total{code=~"2.."}[5m]))',
      'sum by (code) (rate(x_total{code=~"5.."}[5m]))',
    ],
    [
      '= and != on a kept label',
      'sum by (handler) (rate(x_total{handler="/q"}[5m]))',
      'sum by (handler) (rate(x_total{handler!="/q"}[5m]))',
    ],
    ['!~ and =', 'sum by (ns) (x{ns!~"mcrouter|batch"})', 'sum by (ns) (x{ns="mcrouter"})'],
    [
      'constant label_replace',
      'label_replace(count(a == 0), "reason", "offline", "", "")',
      'label_replace(count(b == 0), "reason", "dponly", "", "")',
    ],
    [
      'a label copied in by group_left',
      'up * on (instance) group_left (ip_version) addr_info{ip_version="ipv4"}',
      'up * on (instance) group_left (ip_version) addr_info{ip_version="ipv6"}',
    ],
    ['labels pinned through on()', 'a{job="x"} / on (job) b', 'a{job="y"} / on (job) b'],
    ['alternations', 'sum by (verb) (x{verb=~"GET|LIST"})', 'sum by (verb) (x{verb=~"POST|PUT|PATCH"})'],
  ])('%s', (_what, a, b) => {
    expect(duplicates(ruleFile(record('a:b:c', a), record('a:b:c', b)))).toEqual([]);
  });

  it('but a label the aggregation drops does not keep them apart', () => {
    expect(
      duplicates(ruleFile(record('a:b:c', 'sum(x{code=~"2.."})'), record('a:b:c', 'sum(x{code=~"5.."})'))),
    ).toEqual([expect.stringMatching(/^6:17 warning rule\/duplicate same record name and labels/)]);
  });

  it('nor does a rule label that overrides the pinned one', () => {
    const text = ruleFile(
      record('a:b:c', 'x{job="a"}', 'labels: {job: z}'),
      record('a:b:c', 'x{job="b"}', 'labels: {job: z}'),
    );
    expect(duplicates(text)).toHaveLength(1);
  });
});

describe('rule/duplicate: deliberate same-name patterns are warnings, the same rule twice an error', () => {
  it('one alert name over several rules, one per condition: a warning', () => {
    const text = ruleFile(alert('NodeUnhealthy', 'node_ready == 0'), alert('NodeUnhealthy', 'node_disk_pressure == 1'));
    expect(duplicates(text)).toEqual([expect.stringMatching(/warning rule\/duplicate same alert name and labels/)]);
  });

  it('threshold variants with different severities: nothing', () => {
    const text = ruleFile(
      alert('HighLatency', 'p99 > 1'),
      alert('HighLatency', 'p99 > 2').replace('severity: warning', 'severity: critical'),
    );
    expect(duplicates(text)).toEqual([]);
  });

  it('a renamed metric kept in both forms: a warning', () => {
    const text = ruleFile(
      record('cluster:objects:sum', 'sum by (resource) (apiserver_storage_objects)'),
      record('cluster:objects:sum', 'sum by (resource) (etcd_object_counts)'),
    );
    expect(duplicates(text)).toEqual([expect.stringMatching(/warning rule\/duplicate/)]);
  });

  it('the same expression up to formatting: an error', () => {
    const text = ruleFile(
      alert('A', 'sum by (job) (rate(x_total{a="1",b="2"}[5m])) > 1'),
      alert('A', '(SUM BY(job)(rate(x_total{b="2", a="1"}[5m]))) > 1'),
    );
    expect(duplicates(text)).toEqual([
      expect.stringMatching(/error rule\/duplicate the same alert as rules\.yaml:4:16/),
    ]);
  });
});

describe('load sets: cross-file checks compare what one server loads', () => {
  const a = ruleFile(alert('A', 'up == 0'));
  const lint = (files: Record<string, string>, config: LintConfig = {}) =>
    lintSources(
      Object.entries(files).map(([path, content]) => ({ path, content })),
      { config, threads: 1 },
    ).diagnostics.filter((d) => d.check === 'rule/duplicate');

  it('by default, plain rule files in different directories are different servers', () => {
    expect(lint({ 'prod/a.yaml': a, 'staging/a.yaml': a })).toEqual([]);
    expect(lint({ 'prod/a.yaml': a, 'prod/b.yaml': a })).toEqual([
      expect.objectContaining({ file: 'prod/b.yaml', severity: 'error' }),
    ]);
  });

  it('by default, PrometheusRule manifests in different namespaces are different servers', () => {
    const manifest = (ns: string): string =>
      `apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r, namespace: ${ns}}\nspec:\n${a
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n')}`;
    expect(lint({ 'x.yaml': manifest('team-a'), 'y.yaml': manifest('team-b') })).toEqual([]);
    expect(lint({ 'x.yaml': manifest('team-a'), 'y.yaml': manifest('team-a') })).toHaveLength(1);
  });

  it('configured sets name which files load together', () => {
    const config: LintConfig = {
      loadSets: [
        { name: 'prod', files: ['prod/**/*.yaml', 'shared/*.yaml'] },
        { name: 'staging', files: ['staging/**', 'shared/*.yaml'] },
      ],
    };
    expect(lint({ 'prod/x/a.yaml': a, 'staging/a.yaml': a }, config)).toEqual([]);
    expect(lint({ 'prod/x/a.yaml': a, 'shared/a.yaml': a }, config)).toHaveLength(1);
    expect(lint({ 'prod/x/a.yaml': a, 'staging/a.yaml': a, 'shared/a.yaml': a }, config)).toHaveLength(1);
  });

  it('rule/dependency looks within configured sets', () => {
    const rec = ruleFile(record('job:x:rate5m', 'sum by (job) (rate(x_total[5m]))'));
    const use = ruleFile(alert('A', 'job:x:rate5m > 1'));
    const deps = (config: LintConfig) =>
      lintSources(
        [
          { path: 'a/rec.yaml', content: rec },
          { path: 'b/use.yaml', content: use },
        ],
        { config, threads: 1 },
      ).diagnostics.filter((d) => d.check === 'rule/dependency');
    expect(deps({})).toEqual([]);
    expect(
      deps({
        loadSets: [
          { name: 'a', files: ['a/*'] },
          { name: 'b', files: ['b/*'] },
        ],
      }),
    ).toHaveLength(1);
  });
});

describe('defaults a well-kept mixin passes quietly', () => {
  const defaults = (text: string, config: LintConfig = {}): string[] =>
    brief(lintText(text, { preset: 'default', ...config }));

  it('no policy by default: missing runbook_url, description, severity label are recommended/strict findings', () => {
    const text = ruleFile('- alert: A\n  expr: up == 0\n  for: 5m');
    expect(defaults(text)).toEqual([]);
    expect(brief(lintText(text, { preset: 'recommended' }), 'rule/required')).toHaveLength(3);
    expect(brief(lintText(text, { preset: 'strict' }), 'rule/required')).toHaveLength(4);
  });

  it('record names like :99quantile and one-colon records pass by default and in recommended', () => {
    const text = ruleFile(
      record(
        'cluster_job:loki_request_duration_seconds:99quantile',
        'histogram_quantile(0.99, sum by (le, job) (rate(x_bucket[1m])))',
      ),
      record('apiserver_request:burnrate1h', 'sum(rate(x_total[1h]))'),
    );
    expect(defaults(text)).toEqual([]);
    expect(brief(lintText(text, { preset: 'recommended' }), 'rule/name')).toEqual([]);
    expect(brief(lintText(text, { preset: 'strict' }), 'rule/name')).toHaveLength(1);
  });

  it('windows of 1m are fine at the default 30s scrape interval; the interval is configurable', () => {
    const text = ruleFile(record('a:b:rate1m', 'rate(x_total[1m])'), record('a:b:rate30s', 'rate(x_total[30s])'));
    expect(defaults(text)).toEqual([
      expect.stringMatching(/^7:28 warning promql\/rate rate\(\) over 30s, less than 2 x the 30s scrape interval/),
    ]);
    expect(defaults(text, { scrapeInterval: '15s' })).toEqual([]);
    expect(brief(lintText(text, { preset: 'recommended', scrapeInterval: '15s' }), 'promql/rate')).toHaveLength(1);
  });

  it('counters without _total and gauges named _count are not guessed at by default', () => {
    const text = ruleFile(
      record('a:b:rate1m', 'rate(node_vmstat_pgmajfault[1m])'),
      alert('A', 'certificate_expiration_seconds_count > 0'),
    );
    expect(defaults(text)).toEqual([]);
    expect(brief(lintText(text, { preset: 'strict', scrapeInterval: '15s' }), 'promql/rate')).toHaveLength(2);
  });

  it('metric metadata decides when it is known', () => {
    const text = ruleFile(
      record('a:b:rate1m', 'rate(queue_length[1m])'),
      alert('A', 'http_request_duration_seconds_count > 100'),
      alert('B', 'jobs_processed > 10'),
    );
    const metrics = {
      queue_length: 'gauge',
      http_request_duration_seconds: 'histogram',
      jobs_processed: 'counter',
    } as const;
    expect(defaults(text, { metrics })).toEqual([
      expect.stringMatching(/promql\/rate rate\(\) on "queue_length", a gauge by its metadata/),
      expect.stringMatching(/promql\/rate compares the raw value of counter "http_request_duration_seconds_count"/),
      expect.stringMatching(/promql\/rate compares the raw value of counter "jobs_processed"/),
    ]);
  });

  it('topk by (...) (1, ...) is a deduplication, not a ranking', () => {
    const text = ruleFile(alert('A', '(ready == 0) * on (node) group_left (provider) topk by (node) (1, node_info)'));
    expect(brief(lintText(text), 'promql/fragile')).toEqual([]);
    expect(brief(lintText(ruleFile(alert('A', 'topk(3, errors) > 1'))), 'promql/fragile')).toHaveLength(1);
  });

  it('an info-metric join filters: no "no comparison" finding, even in strict', () => {
    const text = ruleFile(
      alert(
        'A',
        'waiting_reason{reason="ImagePullBackOff"} * on (namespace) group_left (team) namespace_labels{team="payments"}',
      ),
    );
    expect(brief(lintText(text), 'alerts/comparison')).toEqual([]);
    expect(brief(lintText(ruleFile(alert('A', 'sum by (job) (rate(x_total[5m]))'))), 'alerts/comparison')).toHaveLength(
      1,
    );
    expect(defaults(ruleFile(alert('A', 'sum by (job) (rate(x_total[5m]))')))).toEqual([]);
  });

  it('explicitly configured checks turn their recommended findings on', () => {
    const text = ruleFile('- alert: A\n  expr: up == 0\n  for: 5m');
    expect(defaults(text, { checks: { 'rule/required': 'warning' } })).toHaveLength(3);
  });
});

describe('templates that fail on every firing', () => {
  it('comparisons of the float64 $value with an int, of a label with a number', () => {
    const text = ruleFile(
      alert('A', 'up == 0').replace(
        'description: d',
        'description: "{{ if gt $value 1 }}high{{ end }} {{ if eq $labels.code 500 }}5xx{{ end }}"',
      ),
    );
    expect(brief(lintText(text, { preset: 'default' }), 'alerts/template')).toEqual([
      expect.stringMatching(
        /error alerts\/template annotation "description": error calling gt: incompatible types for comparison: float64 and int/,
      ),
      expect.stringMatching(
        /error alerts\/template annotation "description": error calling eq: incompatible types for comparison: string and int/,
      ),
    ]);
    const fixed = text
      .replace('gt $value 1 ', 'gt $value 1.0 ')
      .replace('eq $labels.code 500', 'eq $labels.code "500"');
    expect(brief(lintText(fixed, { preset: 'default' }), 'alerts/template')).toEqual([]);
  });
});

describe('numbers and durations followed by a letter', () => {
  it.each(['x / y * 100 > 80and y > 0', 'foo > 5mand bar', 'foo > 1e3x', 'rate(foo[5mx])'])(
    '%s is refused as promtool refuses it',
    (expr) => {
      expect(checkPromQL(expr, { prometheusVersion: '2.42' })[0]?.message).toMatch(/^bad (number or )?duration syntax/);
      const text = ruleFile(alert('A', `'${expr}'`));
      expect(brief(lintText(text, { preset: 'default' }), 'promql/syntax')).toEqual([
        expect.stringMatching(/error promql\/syntax bad/),
      ]);
    },
  );
});
