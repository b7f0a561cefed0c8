import { Counter, Gauge, Histogram, Match, Query, Summary, catalogueOf } from '../../src/metrics';
import { WatchkeeperError } from '../../src/core';
import { checkPromQL } from '../../src/promql';

const requests = new Counter<'code' | 'method' | 'handler'>({
  name: 'http_requests_total',
  help: 'HTTP requests.',
  labels: ['code', 'method', 'handler'],
});
const inflight = new Gauge<'handler'>({ name: 'http_requests_in_flight', labels: ['handler'] });
const latency = new Histogram<'handler'>({ name: 'http_request_duration_seconds', labels: ['handler'], unit: 's' });
const rpcLatency = new Summary<'method'>({ name: 'rpc_duration_seconds', labels: ['method'] });

const valid = (q: Query | string): void => {
  expect(checkPromQL(String(q))).toEqual([]);
};

describe('metrics as values', () => {
  const cases: Array<[string, Query, string]> = [
    ['rate', requests.rate('5m'), 'rate(http_requests_total[5m])'],
    [
      'rate by',
      requests.rate('5m', { where: { handler: '/api' }, by: ['code'] }),
      'sum by (code) (rate(http_requests_total{handler="/api"}[5m]))',
    ],
    [
      'increase',
      requests.increase('1h', { where: { method: Match.not('GET') } }),
      'increase(http_requests_total{method!="GET"}[1h])',
    ],
    [
      'error ratio',
      requests.errorRatio({ code: Match.re('5..') }, '5m', { by: ['job'] }),
      'sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))',
    ],
    [
      'ratio of counters',
      requests.ratioTo(latency.count, '5m', { where: { code: Match.notRe('2..') } }),
      'sum (rate(http_requests_total{code!~"2.."}[5m])) / sum (rate(http_request_duration_seconds_count[5m]))',
    ],
    ['gauge', inflight.select({ handler: '/api' }), 'http_requests_in_flight{handler="/api"}'],
    ['gauge over time', inflight.overTime('max_over_time', '10m'), 'max_over_time(http_requests_in_flight[10m])'],
    ['gauge sum by', inflight.select().sum({ by: ['handler'] }), 'sum by (handler) (http_requests_in_flight)'],
    [
      'quantile',
      latency.quantile(0.99, '5m', { by: ['handler'] }),
      'histogram_quantile(0.99, sum by (le, handler) (rate(http_request_duration_seconds_bucket[5m])))',
    ],
    [
      'fraction below',
      latency.fractionBelow('0.25', '5m'),
      'sum (rate(http_request_duration_seconds_bucket{le="0.25"}[5m])) / sum (rate(http_request_duration_seconds_count[5m]))',
    ],
    [
      'mean',
      latency.mean('5m'),
      'rate(http_request_duration_seconds_sum[5m]) / rate(http_request_duration_seconds_count[5m])',
    ],
    [
      'summary quantile',
      rpcLatency.quantile('0.99', { method: 'Get' }),
      'rpc_duration_seconds{method="Get", quantile="0.99"}',
    ],
    ['summary count rate', rpcLatency.count.rate('5m'), 'rate(rpc_duration_seconds_count[5m])'],
    [
      'compare',
      requests.errorRatio({ code: Match.re('5..') }, '5m').compare('>', 0.05),
      '(sum (rate(http_requests_total{code=~"5.."}[5m])) / sum (rate(http_requests_total[5m]))) > 0.05',
    ],
    ['divided, aggregated', inflight.select().aggregate('max').dividedBy(10), 'max(http_requests_in_flight) / 10'],
  ];
  it.each(cases)('%s renders PromQL the validator accepts', (_name, q, text) => {
    expect(q.expr).toBe(text);
    expect(String(q)).toBe(text);
    expect(`${q}`).toBe(text);
    valid(q);
  });

  it('escapes matcher values as PromQL strings', () => {
    const q = requests.select({ handler: 'a"b\\c' });
    expect(q.expr).toBe('http_requests_total{handler="a\\"b\\\\c"}');
    valid(q);
  });

  it('refuses a matcher on an undeclared label, listing the declared labels and the closest one', () => {
    const loose = requests as unknown as Counter<string>;
    expect(() => loose.rate('5m', { where: { cdoe: Match.re('5..') } })).toThrow(WatchkeeperError);
    expect(() => loose.rate('5m', { where: { cdoe: Match.re('5..') } })).toThrow(
      /has no label "cdoe"; it declares "code", "method", "handler".*did you mean "code"\?/,
    );
  });

  it('allows the scrape labels on every metric', () => {
    valid(inflight.select({ job: 'api', instance: Match.re('.*:9090') }));
  });

  it('type-checks: counter-only operations do not exist on a gauge, labels are the declared ones', () => {
    // @ts-expect-error rate() is for counters; a gauge has none
    expect(() => inflight.rate('5m')).toThrow(TypeError);
    // @ts-expect-error increase() is for counters
    expect(inflight.increase).toBeUndefined();
    // @ts-expect-error quantile() is for histograms and summaries
    expect(requests.quantile).toBeUndefined();
    // @ts-expect-error "cdoe" is not a declared label
    expect(() => requests.select({ cdoe: '500' })).toThrow(/did you mean "code"/);
    // @ts-expect-error grouping by an undeclared label
    requests.rate('5m', { by: ['path'] });
  });

  it('builds a catalogue from metric values, sorted by name', () => {
    const c = catalogueOf(requests, latency, inflight);
    expect(Object.keys(c)).toEqual(['http_request_duration_seconds', 'http_requests_in_flight', 'http_requests_total']);
    expect(c.http_request_duration_seconds).toEqual({ type: 'histogram', labels: ['handler'], unit: 's' });
    expect(c.http_requests_total).toEqual({
      type: 'counter',
      labels: ['code', 'method', 'handler'],
      help: 'HTTP requests.',
    });
  });

  it('refuses an invalid metric name', () => {
    expect(() => new Gauge({ name: 'bad-name' })).toThrow(/not a valid metric name/);
  });
});
