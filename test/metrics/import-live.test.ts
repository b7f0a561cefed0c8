/**
 * The importer on real exposition: a Prometheus server on loopback scraping itself; its own /metrics and its
 * /api/v1/metadata and /api/v1/series imported. Required under CI=true, skipped with a reason elsewhere.
 */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { CatalogueChecker, Counter, Histogram, importMetrics } from '../../src/metrics';
import { checkPromQL } from '../../src/promql';
import { oracleTool } from '../support/oracle-tool';
import { tempDir } from '../support/synth';

const prometheus = oracleTool('prometheus', 'prometheus');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('metrics import from a live Prometheus', () => {
  const command = prometheus.find();
  (command ? it : it.skip)(
    'imports its /metrics exposition and its /api/v1/metadata and /api/v1/series',
    async () => {
      const dir = tempDir('wk-metrics-live-');
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const config = path.join(dir, 'prometheus.yml');
      fs.writeFileSync(
        config,
        `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: prometheus\n    static_configs:\n      - targets: ['127.0.0.1:${port}']\n`,
      );
      const log: string[] = [];
      const proc: ChildProcess = spawn(
        command as string,
        [
          `--config.file=${config}`,
          `--storage.tsdb.path=${path.join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      proc.stdout?.on('data', (b) => log.push(String(b)));
      proc.stderr?.on('data', (b) => log.push(String(b)));
      let exited = false;
      proc.on('exit', () => (exited = true));
      try {
        const get = async (p: string): Promise<string> => (await fetch(`${url}${p}`)).text();
        // Ready, and scraped itself at least once (metadata and series exist).
        const start = Date.now();
        let series = '';
        for (;;) {
          if (exited) throw new Error(`prometheus exited: ${log.join('').slice(-2000)}`);
          if (Date.now() - start > 60_000)
            throw new Error(`prometheus did not scrape itself within 60 s: ${log.join('').slice(-2000)}`);
          try {
            series = await get(
              `/api/v1/series?${new URLSearchParams({ 'match[]': '{__name__=~"prometheus_http_.*|go_gc_duration_seconds.*|go_goroutines"}' })}`,
            );
            if ((JSON.parse(series) as { data: unknown[] }).data.length > 0) break;
          } catch {
            /* not listening yet */
          }
          await sleep(300);
        }
        const exposition = await get('/metrics');
        const metadata = await get('/api/v1/metadata');
        fs.writeFileSync(path.join(dir, 'metrics.txt'), exposition);

        const fromText = new Map(
          importMetrics([{ source: 'metrics.txt', content: exposition }]).map((m) => [m.name, m]),
        );
        expect(fromText.get('prometheus_http_requests_total')).toMatchObject({
          type: 'counter',
          labels: expect.arrayContaining(['code', 'handler']),
        });
        expect(fromText.get('prometheus_http_request_duration_seconds')).toMatchObject({
          type: 'histogram',
          labels: expect.arrayContaining(['handler']),
        });
        expect(fromText.get('prometheus_http_request_duration_seconds')?.labels).not.toContain('le');
        expect(fromText.get('go_gc_duration_seconds')).toMatchObject({ type: 'summary' });
        expect(fromText.get('go_gc_duration_seconds')?.labels).not.toContain('quantile');
        expect(fromText.get('go_goroutines')).toMatchObject({
          type: 'gauge',
          help: expect.stringMatching(/goroutines/),
        });

        const fromApi = new Map(
          importMetrics([
            { source: 'metadata.json', content: metadata },
            { source: 'series.json', content: series },
          ]).map((m) => [m.name, m]),
        );
        expect(fromApi.get('prometheus_http_requests_total')).toMatchObject({
          type: 'counter',
          labels: expect.arrayContaining(['code', 'handler']),
        });
        expect(fromApi.get('prometheus_http_requests_total')?.labels).not.toContain('job');
        expect(fromApi.get('prometheus_http_request_duration_seconds')).toMatchObject({
          type: 'histogram',
          labels: ['handler'],
        });
        expect(fromApi.get('go_goroutines')).toMatchObject({ type: 'gauge' });

        // Values from the import build queries the validator accepts, and the catalogue checks expressions.
        const requests = new Counter({
          name: 'prometheus_http_requests_total',
          labels: fromText.get('prometheus_http_requests_total')?.labels,
        });
        const latency = new Histogram({
          name: 'prometheus_http_request_duration_seconds',
          labels: fromText.get('prometheus_http_request_duration_seconds')?.labels,
        });
        expect(checkPromQL(String(requests.errorRatio({ code: '500' }, '5m')))).toEqual([]);
        expect(checkPromQL(String(latency.quantile(0.99, '5m', { by: ['handler'] })))).toEqual([]);
        const catalogue = Object.fromEntries(
          [...fromText.values()].map((m) => [m.name, { type: m.type, labels: m.labels }]),
        );
        const checker = new CatalogueChecker(catalogue);
        expect(checker.check('rate(prometheus_http_requests_total{hanlder="/"}[5m])')[0]?.fix).toBe(
          'did you mean "handler"?',
        );
        expect(checker.check('rate(go_goroutines[5m])')[0]?.message).toMatch(/a gauge/);
        expect(checker.check('kube_pod_info')).toEqual([]);
      } finally {
        proc.kill('SIGTERM');
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
        if (!exited) proc.kill('SIGKILL');
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
