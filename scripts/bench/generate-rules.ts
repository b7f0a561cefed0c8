/**
 * Writes a large, valid Prometheus rule file for the lint benchmark: `rules` alerting and recording rules
 * (default 50,000, about 13 MB), every expression distinct, shapes taken from real rule sets (error ratios,
 * latency quantiles, saturation, recording rules), annotations with Go templates. The file is clean: lint
 * and promtool both have every rule to check and little to print.
 *
 *   npx tsx scripts/bench/generate-rules.ts <out-file> [rules]
 */
import * as fs from 'fs';

const SHAPES: ReadonlyArray<(i: number, job: string) => { expr: string; alert?: string; record?: string }> = [
  (i, job) => ({
    alert: `HighErrorRate${i}`,
    expr: `sum by (job) (rate(http_requests_total{job="${job}",code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="${job}"}[5m])) > 0.0${(i % 9) + 1}`,
  }),
  (i, job) => ({
    alert: `HighLatency${i}`,
    expr: `histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="${job}"}[5m]))) > ${(i % 7) + 1}`,
  }),
  (i, job) => ({ alert: `InstanceDown${i}`, expr: `up{job="${job}"} == 0` }),
  (i, job) => ({
    alert: `DiskFilling${i}`,
    expr: `node_filesystem_avail_bytes{job="${job}",fstype!="tmpfs"} / node_filesystem_size_bytes{job="${job}"} < 0.${(i % 8) + 1}`,
  }),
  (i, job) => ({
    record: `job:http_requests:rate5m_${i}`,
    expr: `sum by (job) (rate(http_requests_total{job="${job}"}[5m]))`,
  }),
  (i, job) => ({
    alert: `MemoryHigh${i}`,
    expr: `container_memory_working_set_bytes{namespace="${job}"} > ${(i % 50) + 1} * 1024 * 1024 * 1024`,
  }),
  (i, job) => ({
    record: `instance:node_cpu:ratio_${i}`,
    expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{job="${job}",mode="idle"}[5m]))`,
  }),
  (i, job) => ({
    record: `job:request_errors:ratio_rate5m_${i}`,
    expr: `sum by (job) (rate(http_requests_total{job="${job}",code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="${job}"}[5m]))`,
  }),
];

/** The rule file's text. */
export function generateRuleFile(rules: number): string {
  const out: string[] = ['groups:'];
  const perGroup = 25;
  for (let i = 0; i < rules; i++) {
    if (i % perGroup === 0) out.push(`- name: service-${i / perGroup}`, '  rules:');
    const job = `svc-${i}`;
    const r = SHAPES[i % SHAPES.length](i, job);
    if (r.record) {
      out.push(`  - record: ${r.record}`, `    expr: ${r.expr}`, '    labels:', `      team: team-${i % 40}`);
      continue;
    }
    out.push(
      `  - alert: ${r.alert}`,
      `    expr: ${r.expr}`,
      `    for: ${(i % 10) + 1}m`,
      '    labels:',
      `      severity: ${i % 3 === 0 ? 'critical' : 'warning'}`,
      '    annotations:',
      `      summary: "{{ $labels.job }} is {{ $value }}"`,
      `      description: ${r.alert} on {{ $labels.job }}`,
      `      runbook_url: https://rb.example.com/${i}`,
    );
  }
  return `${out.join('\n')}\n`;
}

if (require.main === module) {
  const [file, count] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: generate-rules.ts <out-file> [rules]\n');
    process.exit(2);
  }
  fs.writeFileSync(file, generateRuleFile(count ? Number(count) : 50_000));
}
