import { checkPromQL, parsePrometheusVersion, DEFAULT_PROMETHEUS_VERSION } from '../../src/promql';

const v242 = { prometheusVersion: '2.42' };
const messages = (expr: string, opts = v242): string[] => checkPromQL(expr, opts).map((d) => d.message);

describe('checkPromQL', () => {
  test.each([
    'up',
    'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05',
    'histogram_quantile(0.99, sum by (le) (rate(rlm_api_latency_bucket[5m]))) > 1',
    'absent(up{job="api"})',
    'foo offset -5m @ end()',
    'rate(foo[5m:1m])',
    'a > bool on(x) group_left(y) b',
    'label_replace(up, "dst", "$1", "src", "(.*)")',
    'holt_winters(foo[1h], 0.5, 0.5)',
    'foo{a=~"(?P<n>x)[[:alpha:]]\\\\pL"}',
  ])('accepts %s', (expr) => {
    expect(checkPromQL(expr, v242)).toEqual([]);
  });

  test.each([
    ['count(rlm_active_users[1h])', 'expected type instant vector in aggregation expression, got range vector'],
    ['rate(foo)', 'expected type range vector in call to function "rate", got instant vector'],
    ['count_unique(x)', 'unknown function with name "count_unique"'],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier'],
    ['a + bool b', 'bool modifier can only be used on comparison operators'],
    ['1 and foo', 'set operator "and" not allowed in binary scalar expression'],
    ['a and on(b) group_left c', 'no grouping allowed for "and" operation'],
    ['foo offset 5m offset 1m', 'offset may not be set multiple times'],
    ['foo @ 1 @ 2', '@ <timestamp> may not be set multiple times'],
    [
      'rate(foo[5m]) offset 1m',
      'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
    ],
    ['foo[0s]', 'duration must be greater than 0'],
    ['foo[5m:0s]', 'duration must be greater than 0'],
    ['foo[60]', 'missing unit character in duration'],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher'],
    ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher'],
    ['foo{a="\\q"}', "unknown escape sequence U+0071 'q'"],
    ['foo{a=~"(?=x)"}', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['foo{a=~"(a)\\\\1"}', 'error parsing regexp: invalid escape sequence: `\\1`'],
    ['foo[5m:1m][10m:]', 'subquery is only allowed on instant vector, got matrix instead'],
    ['topk("a", foo)', 'expected type scalar in aggregation parameter, got string'],
    ['sum()', 'no arguments for aggregate expression provided'],
    ['topk(foo)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1'],
    ['clamp_max(foo)', 'expected 2 argument(s) in call to "clamp_max", got 1'],
    ['foo{', 'unexpected end of input inside braces'],
    ['sort_by_label(foo, "a")', 'unknown function with name "sort_by_label"'],
    ['{"foo.bar"}', 'unexpected string "\\"foo.bar\\"" in label matching, expected identifier or "}"'],
  ])('refuses %s', (expr, message) => {
    expect(messages(expr)).toContain(message);
  });

  it('reports 1-based line and column inside the expression', () => {
    const [d] = checkPromQL('sum(\n  rate(foo)\n)', v242);
    expect(d).toMatchObject({ line: 2, column: 8, severity: 'error' });
  });

  it('reports an error at the very end of the input', () => {
    const [d] = checkPromQL('rate(foo[5m]', v242);
    expect(d.message).toBe('unclosed left parenthesis');
    expect(d.column).toBe(13);
  });

  it('knows which release has which function', () => {
    expect(messages('holt_winters(foo[1h], 0.5, 0.5)', { prometheusVersion: '3.0' })).toEqual([
      'unknown function with name "holt_winters"',
    ]);
    expect(messages('histogram_avg(foo)', { prometheusVersion: '2.42' })).toEqual([
      'unknown function with name "histogram_avg"',
    ]);
    expect(messages('histogram_avg(foo)', { prometheusVersion: '3.0' })).toEqual([]);
  });

  it('keeps experimental functions behind their feature flag, as Prometheus does', () => {
    expect(messages('sort_by_label(foo, "a")', { prometheusVersion: '3.5' })).toEqual([
      'function "sort_by_label" is not enabled',
    ]);
    expect(
      messages('sort_by_label(foo, "a")', { prometheusVersion: '3.5', experimentalFunctions: true } as never),
    ).toEqual([]);
    expect(messages('limitk(2, foo)', { prometheusVersion: '3.5' })[0]).toMatch(/experimental/);
  });

  it("knows integral() (3.11+, experimental), which lezer-promql's grammar lacks", () => {
    const on = { prometheusVersion: '3.15', experimentalFunctions: true } as never;
    expect(messages('integral(foo[5m])', on)).toEqual([]);
    expect(messages('sum by (job) (integral(rate(foo[5m])[1h:1m]))', on)).toEqual([]);
    expect(messages('integral(foo[5m])', { prometheusVersion: '3.15' })).toEqual([
      'function "integral" is not enabled',
    ]);
    expect(messages('integral(foo[5m])', { prometheusVersion: '3.10', experimentalFunctions: true } as never)).toEqual([
      'unknown function with name "integral"',
    ]);
    expect(messages('integral(foo)', on)[0]).toMatch(/expected type range vector/);
  });

  it('accepts quoted UTF-8 names from Prometheus 3.0 on', () => {
    expect(messages('{"foo.bar", "a.b"="c"}', { prometheusVersion: '3.0' })).toEqual([]);
    expect(messages('sum by ("a.b") (foo)', { prometheusVersion: '2.42' })).toHaveLength(1);
  });

  it('defaults to the current 3.x release', () => {
    expect(parsePrometheusVersion(DEFAULT_PROMETHEUS_VERSION).major).toBe(3);
    expect(checkPromQL('holt_winters(foo[1h], 0.5, 0.5)')).toHaveLength(1);
  });

  it('refuses an unknown version with a message saying the expected form', () => {
    expect(() => checkPromQL('up', { prometheusVersion: 'latest' })).toThrow(/expected "major.minor"/);
  });

  it('says when the input is empty', () => {
    expect(messages('')).toEqual(['no expression found in input']);
    expect(messages('  # only a comment')).toEqual(['no expression found in input']);
  });
});
