import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { NotificationPolicy, PrometheusRule, Receiver, WatchkeeperApp, synthApp } from '../../src';
import { tempDir } from '../support/synth';
import { declareMistakes } from './fixtures/many-mistakes';

describe('synthApp: every mistake in one report', () => {
  const report = (): { code: number; text: string; dist: string } => {
    const dist = path.join(tempDir(), 'dist');
    fs.mkdirSync(dist);
    fs.writeFileSync(path.join(dist, 'previous.yaml'), 'kept: true\n');
    let text = '';
    const code = synthApp(declareMistakes(dist), { err: (t) => (text += t), debug: false });
    return { code, text, dist };
  };

  it('lists each mistake once, by the name the user gave, and leaves dist/ as it was', () => {
    const { code, text, dist } = report();
    expect(code).toBe(1);
    expect(fs.readdirSync(dist)).toEqual(['previous.yaml']);
    const expected = [
      /\[ThresholdMetric "PaymentsErrors"\] metric: error parsing regexp: missing closing \): .* \(at 1:30\)/,
      /\[ThresholdMetric "PaymentsTraffic"\] unit: unknown unit \(got "furlongs"\)/,
      /\[ThresholdMetric "PaymentsTraffic"\] thresholds\.critcal: "critcal" looks like a misspelt severity.*Fix: write critical/,
      /\[payments\/Payments_Rules\] id: construct ids become Kubernetes names/,
      /\[Slo "payments\/availability"\] objective: the objective must lie strictly between 0 and 100/,
      /\[Slo "payments\/availability"\] sli\.errors: not valid PromQL: error parsing regexp: missing closing \): .* \(at 1:21\)/,
      /\[payments\/hpa\] minReplicas: minReplicas is greater than maxReplicas \(2\) \(got 5\)/,
      /\[Route \{severity=~"crit\(ical"\} \(receiver "null"\)\] matchers\[0\]: invalid regex/,
    ];
    const lines = text.split('\n').filter((l) => l.startsWith('  ['));
    for (const re of expected) expect(lines.filter((l) => re.test(l))).toHaveLength(1);
    expect(lines).toHaveLength(expected.length);
    expect(text).toContain(`synth failed: ${expected.length} problems`);
    expect(text).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
    expect(text).not.toContain('sum(rate(http_requests_total{code=~"5(.."}[5m])) >'); // never the generated alert
  });

  it('reports the same way when the main file stops at an error after the mistakes (a process of its own)', () => {
    const dist = path.join(tempDir(), 'dist');
    const fixture = path.join(__dirname, 'fixtures', 'many-mistakes.ts');
    const env = { ...process.env };
    delete env.JEST_WORKER_ID; // as a user's process: not under the test runner
    const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), fixture, dist, '--crash'], {
      encoding: 'utf8',
      env,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('synth failed: 8 problems');
    expect(r.stderr).toContain('Declaring the app then stopped at: app.missing is not a function');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
    expect(fs.existsSync(dist)).toBe(false);
  }, 30000);

  it('reports a severity typo once, with the severity meant, not once per route it then misses', () => {
    const app = new WatchkeeperApp({ outdir: path.join(tempDir(), 'dist') });
    const chart = new Chart(app, 'payments', { namespace: 'payments' });
    new PrometheusRule(chart, 'rules')
      .addGroup('g')
      .addAlert({ alert: 'PaymentsDown', expr: 'up{job="payments"} == 0', labels: { severity: 'critcal' } });
    const policy = new NotificationPolicy(chart, 'routing');
    for (const s of ['critical', 'warning', 'info'])
      policy.addRoute({ matchers: [`severity="${s}"`], receiver: Receiver.none(s) });
    let text = '';
    expect(synthApp(app, { err: (t) => (text += t), debug: false })).toBe(1);
    expect(text.split('\n').filter((l) => l.includes('['))).toEqual([
      '[payments/routing] severities: alert "PaymentsDown" (payments/rules group "g") has severity "critcal", which the policy does not know (known: critical, warning, info) (got "critcal"). Fix: write "critical".',
    ]);
  });
});
