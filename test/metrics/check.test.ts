import {
  CatalogueChecker,
  MetricCatalogue,
  catalogueSetting,
  defaultNamespaces,
  lookupMetric,
} from '../../src/metrics';

const catalogue: MetricCatalogue = {
  http_requests_total: { type: 'counter', labels: ['code'] },
  http_request_duration_seconds: { type: 'histogram', labels: ['method'] },
  rpc_duration_seconds: { type: 'summary', labels: ['method'] },
  queue_depth: { type: 'gauge', labels: [] },
};

describe('CatalogueChecker', () => {
  const checker = new CatalogueChecker(catalogue, new Set(['job:http_requests:rate5m']));

  it('covers declared names, their histogram and summary series, and the namespaces', () => {
    expect(defaultNamespaces(catalogue)).toEqual(['http_', 'queue_', 'rpc_']);
    expect(checker.covers('http_request_duration_seconds_bucket')).toBe(true);
    expect(checker.covers('rpc_duration_seconds_count')).toBe(true);
    expect(checker.covers('http_anything')).toBe(true);
    expect(checker.covers('node_load1')).toBe(false);
    expect(lookupMetric(catalogue, 'rpc_duration_seconds')?.labels).toContain('quantile');
    expect(lookupMetric(catalogue, 'rpc_duration_seconds_bucket')).toBeUndefined();
  });

  it('checks __name__ matchers like names, and leaves regex names alone', () => {
    expect(checker.check('{__name__="http_request_total"}')[0]?.fix).toBe('did you mean "http_requests_total"?');
    expect(checker.check('{__name__=~"http_.*", cdoe="1"}')).toEqual([]);
  });

  it('refuses rate() on a summary quantile series and histogram_quantile over a summary', () => {
    expect(checker.check('rate(rpc_duration_seconds[5m])')[0]?.message).toMatch(/summary quantile/);
    expect(checker.check('rate(rpc_duration_seconds_count[5m])')).toEqual([]);
    expect(checker.check('histogram_quantile(0.9, rpc_duration_seconds)')[0]?.fix).toMatch(/quantile="0.99"/);
    expect(checker.check('deriv(queue_depth[5m])')).toEqual([]);
  });

  it("knows the app's recorded series and says nothing about expressions that do not parse", () => {
    expect(checker.check('rate(job:http_requests:rate5m[5m])')).toEqual([]);
    expect(checker.check('rate(http_requests_total[5m]')).toEqual([]);
  });

  it('tells a catalogue from a setting, even with a metric named "metrics"', () => {
    const odd: MetricCatalogue = { metrics: { type: 'gauge', labels: [] } };
    expect(catalogueSetting(odd)).toEqual({ metrics: odd });
    expect(catalogueSetting({ metrics: odd, namespaces: [] })).toEqual({ metrics: odd, namespaces: [] });
  });
});
