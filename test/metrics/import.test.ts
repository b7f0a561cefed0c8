import * as fs from 'fs';
import * as path from 'path';
import { importMetrics, renderMetricsModule } from '../../src/metrics';
import { run } from '../../src/cli/main';
import { tempDir } from '../support/synth';

const EXPOSITION = `# HELP http_requests_total Requests served.
# TYPE http_requests_total counter
http_requests_total{code="200",method="get"} 1027 1395066363000
http_requests_total{code="400",method="post",handler="/a,b{c}=\\"d\\""} 3
# HELP http_request_duration_seconds A histogram of the request duration.
# TYPE http_request_duration_seconds histogram
http_request_duration_seconds_bucket{handler="/",le="0.05"} 24054
http_request_duration_seconds_bucket{handler="/",le="+Inf"} 144320
http_request_duration_seconds_sum{handler="/"} 53423
http_request_duration_seconds_count{handler="/"} 144320
# HELP rpc_duration_seconds A summary of the RPC duration in seconds.
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{service="a",quantile="0.5"} 4773
rpc_duration_seconds_sum{service="a"} 1.7560473e+07
rpc_duration_seconds_count{service="a"} 2693
# HELP process_open_fds Number of open file descriptors.\\nSecond line with \\\\ backslash.
# TYPE process_open_fds gauge
process_open_fds 12
# A comment
untyped_thing{x="1"} 5
`;

const OPENMETRICS = `# TYPE build_info_total counter
# TYPE jobs counter
# HELP jobs Jobs run.
jobs_total{kind="a"} 5
jobs_created{kind="a"} 1.7e9
# EOF
`;

const METADATA = JSON.stringify({
  status: 'success',
  data: {
    prometheus_http_requests_total: [{ type: 'counter', help: 'Counter of HTTP requests.', unit: '' }],
    prometheus_http_request_duration_seconds: [
      { type: 'histogram', help: 'Histogram of latencies for HTTP requests.', unit: '' },
    ],
    go_goroutines: [{ type: 'gauge', help: 'Number of goroutines that currently exist.', unit: '' }],
    up_unknown: [{ type: 'unknown', help: 'x', unit: '' }],
  },
});
const SERIES = JSON.stringify({
  status: 'success',
  data: [
    {
      __name__: 'prometheus_http_requests_total',
      code: '200',
      handler: '/metrics',
      instance: 'localhost:9090',
      job: 'prometheus',
    },
    {
      __name__: 'prometheus_http_request_duration_seconds_bucket',
      handler: '/metrics',
      le: '0.1',
      instance: 'localhost:9090',
      job: 'prometheus',
    },
    {
      __name__: 'prometheus_http_request_duration_seconds_count',
      handler: '/api',
      instance: 'localhost:9090',
      job: 'prometheus',
    },
    { __name__: 'go_goroutines', instance: 'localhost:9090', job: 'prometheus' },
    { __name__: 'scraped_only', zone: 'a', job: 'prometheus' },
  ],
});

describe('metrics import', () => {
  it('reads exposition text: types, help, label names (le, quantile and scrape labels left out), sorted', () => {
    expect(importMetrics([{ source: 'm.txt', content: EXPOSITION }])).toEqual([
      {
        name: 'http_request_duration_seconds',
        type: 'histogram',
        help: 'A histogram of the request duration.',
        labels: ['handler'],
      },
      { name: 'http_requests_total', type: 'counter', help: 'Requests served.', labels: ['code', 'handler', 'method'] },
      {
        name: 'process_open_fds',
        type: 'gauge',
        help: 'Number of open file descriptors.\nSecond line with \\ backslash.',
        labels: [],
      },
      {
        name: 'rpc_duration_seconds',
        type: 'summary',
        help: 'A summary of the RPC duration in seconds.',
        labels: ['service'],
      },
      { name: 'untyped_thing', type: 'gauge', labels: ['x'] },
    ]);
  });

  it('reads OpenMetrics counters (family without _total) as their _total series', () => {
    expect(importMetrics([{ source: 'om.txt', content: OPENMETRICS }])).toEqual([
      { name: 'build_info_total', type: 'counter', labels: [] },
      { name: 'jobs_total', type: 'counter', help: 'Jobs run.', labels: ['kind'] },
    ]);
  });

  it('reads /api/v1/metadata and /api/v1/series JSON, separately or combined', () => {
    const expected = [
      { name: 'go_goroutines', type: 'gauge', help: 'Number of goroutines that currently exist.', labels: [] },
      {
        name: 'prometheus_http_request_duration_seconds',
        type: 'histogram',
        help: 'Histogram of latencies for HTTP requests.',
        labels: ['handler'],
      },
      {
        name: 'prometheus_http_requests_total',
        type: 'counter',
        help: 'Counter of HTTP requests.',
        labels: ['code', 'handler'],
      },
      { name: 'scraped_only', type: 'gauge', labels: ['zone'] },
      { name: 'up_unknown', type: 'gauge', help: 'x', labels: [] },
    ];
    expect(
      importMetrics([
        { source: 'metadata.json', content: METADATA },
        { source: 'series.json', content: SERIES },
      ]),
    ).toEqual(expected);
    expect(
      importMetrics([
        {
          source: 'both.json',
          content: JSON.stringify({ metadata: JSON.parse(METADATA), series: JSON.parse(SERIES) }),
        },
      ]),
    ).toEqual(expected);
  });

  it('refuses JSON that is neither', () => {
    expect(() => importMetrics([{ source: 'x.json', content: '{"data": 3}' }])).toThrow(/\[x.json\] data: is neither/);
    expect(() => importMetrics([{ source: 'y.json', content: '{"data": ' }])).toThrow(/\[y.json\] is not valid JSON/);
  });

  it('renders a deterministic module of metric values', () => {
    const metrics = importMetrics([{ source: 'm.txt', content: EXPOSITION }]);
    const text = renderMetricsModule(metrics, { sources: ['m.txt'] });
    expect(
      renderMetricsModule(
        [...metrics].reverse().sort((a, b) => a.name.localeCompare(b.name)),
        { sources: ['m.txt'] },
      ),
    ).toBe(text);
    expect(text).toContain(
      'import { Counter, Gauge, Histogram, Summary, catalogueOf, type CatalogueSetting } from "watchkeeper";',
    );
    expect(text).toContain(
      'export const httpRequestsTotal = new Counter<"code" | "handler" | "method">({ name: "http_requests_total", help: "Requests served.", labels: ["code", "handler", "method"] });',
    );
    expect(text).toContain('export const processOpenFds = new Gauge<never>({ name: "process_open_fds"');
    expect(text).toContain('export const namespaces: readonly string[] = ["http_", "process_", "rpc_", "untyped_"];');
    expect(text).toContain(
      'export const catalogue: CatalogueSetting = { metrics: catalogueOf(httpRequestDurationSeconds, httpRequestsTotal, processOpenFds, rpcDurationSeconds, untypedThing), namespaces };',
    );
  });

  it('the generated module loads and its values build queries', () => {
    const dir = tempDir();
    const input = path.join(dir, 'metrics.txt');
    fs.writeFileSync(input, EXPOSITION);
    const out = path.join(dir, 'gen', 'metrics.ts');
    const io = { out: jest.fn(), err: jest.fn() };
    expect(run(['metrics', 'import', input, '--out', out, '--from', path.resolve(__dirname, '../../src')], io)).toBe(0);
    expect(io.out).toHaveBeenCalledWith(`wrote 5 metrics to ${out}\n`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(out) as typeof import('../../src') & Record<string, any>;
    expect(String(mod.httpRequestsTotal.rate('5m'))).toBe('rate(http_requests_total[5m])');
    expect(mod.catalogue.metrics.http_request_duration_seconds).toEqual({
      type: 'histogram',
      labels: ['handler'],
      help: 'A histogram of the request duration.',
    });
  });

  it('reports unreadable and empty inputs', () => {
    const io = { out: jest.fn(), err: jest.fn() };
    expect(run(['metrics', 'import', '/nonexistent/metrics.txt'], io)).toBe(2);
    const empty = path.join(tempDir(), 'empty.txt');
    fs.writeFileSync(empty, '# nothing here\n');
    expect(run(['metrics', 'import', empty], io)).toBe(1);
    expect(io.err).toHaveBeenLastCalledWith(expect.stringContaining('no metrics found'));
  });
});
