import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { PrometheusRule, SynthAppOptions, SynthReport, WatchkeeperApp, synthApp } from '../../src';
import { lintFiles } from '../../src/entrypoints/lint';
import type { RuleWarning } from '../../src/rules';
import { formatSynthReport, outputKind } from '../../src/synth';
import { readTree, tempDir } from '../support/synth';

const annotations = {
  summary: 'Payments fail',
  description: 'Payments fail for 5 minutes.',
  runbook_url: 'https://runbooks.example.com/payments',
};

/** One chart, two PrometheusRules: the chart's manifest and two rule files. */
const paymentsApp = (outdir: string, errorLevel = 5): WatchkeeperApp => {
  const app = new WatchkeeperApp({ outdir });
  const chart = new Chart(app, 'payments', { namespace: 'payments' });
  new PrometheusRule(chart, 'errors').addGroup('payments-errors').addAlert({
    alert: 'PaymentsErrors',
    expr: `sum(rate(http_requests_total{job="payments",code=~"5.."}[5m])) > ${errorLevel}`,
    for: '5m',
    labels: { severity: 'critical' },
    annotations,
  });
  new PrometheusRule(chart, 'availability').addGroup('payments-availability').addAlert({
    alert: 'PaymentsDown',
    expr: 'up{job="payments"} == 0',
    for: '5m',
    labels: { severity: 'critical' },
    annotations,
  });
  return app;
};

/** synthApp's output, captured; never the terminal's. */
const run = (app: WatchkeeperApp, options: SynthAppOptions = {}): { code: number; out: string; err: string } => {
  let out = '';
  let err = '';
  const code = synthApp(app, { out: (t) => (out += t), err: (t) => (err += t), debug: false, ...options });
  return { code, out, err };
};

const kindLine = (out: string, kind: string): string | undefined =>
  out.split('\n').find((l) => l.startsWith(`  ${kind} `));

describe('synth says what it did', () => {
  it('a first synth: every file added, by kind, with the time', () => {
    const dist = path.join(tempDir(), 'dist');
    const { code, out, err } = run(paymentsApp(dist));
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/^watchkeeper synth: wrote .*dist\/ in \d+(\.\d)? m?s\n/);
    expect(kindLine(out, 'manifests')).toMatch(/^ {2}manifests +1 file +\(1 added\)$/);
    expect(kindLine(out, 'rules')).toMatch(/^ {2}rules +2 files \(2 added\)$/);
    expect(kindLine(out, 'dashboards')).toBeUndefined();
    expect(out).not.toContain('nothing changed');
    expect(out).not.toMatch(/^ {2}added:/m); // a first synth does not list every file
    const report = paymentsApp(path.join(tempDir(), 'dist')).synth();
    expect(report.previousOutput).toBe(false);
    expect(report.kinds.rules).toEqual({ files: 2, added: 2, changed: 0, unchanged: 0, removed: 0 });
    expect(report.changes.map((c) => c.change)).toEqual(['added', 'added', 'added']);
  });

  it('a second identical synth: every file unchanged, and the output byte-identical', () => {
    const dist = path.join(tempDir(), 'dist');
    expect(run(paymentsApp(dist)).code).toBe(0);
    const before = readTree(dist);
    const { code, out } = run(paymentsApp(dist));
    expect(code).toBe(0);
    expect(readTree(dist)).toEqual(before);
    expect(out.split('\n')[0]).toMatch(/, nothing changed$/);
    expect(kindLine(out, 'manifests')).toMatch(/\(1 unchanged\)$/);
    expect(kindLine(out, 'rules')).toMatch(/ 2 files \(2 unchanged\)$/);
    expect(out).not.toMatch(/added|changed:|removed/);
  });

  it('changing one alert level: that rule file and the chart manifest changed, the rest unchanged', () => {
    const dist = path.join(tempDir(), 'dist');
    paymentsApp(dist).synth();
    const app = paymentsApp(dist, 7); // same length: the bytes, not only the size, are compared
    const { code, out } = run(app);
    expect(code).toBe(0);
    expect(kindLine(out, 'manifests')).toMatch(/ 1 file +\(1 changed\)$/);
    expect(kindLine(out, 'rules')).toMatch(/ 2 files \(1 changed, 1 unchanged\)$/);
    const report = app.lastSynthReport as SynthReport;
    expect(report.changes).toEqual([
      { path: 'payments.k8s.yaml', kind: 'manifests', change: 'changed' },
      { path: 'rules/payments-errors.rules.yaml', kind: 'rules', change: 'changed' },
    ]);
    expect(out).toContain('  changed:\n    ');
    expect(out).toMatch(/\n {4}\S*dist\/payments\.k8s\.yaml\n {4}\S*dist\/rules\/payments-errors\.rules\.yaml\n/);
    expect(fs.readFileSync(path.join(dist, 'rules/payments-errors.rules.yaml'), 'utf8')).toContain('> 7');
  });

  it('counts and lists files the new output no longer has as removed, by kind', () => {
    const dist = path.join(tempDir(), 'dist');
    paymentsApp(dist).synth();
    fs.mkdirSync(path.join(dist, 'tests'));
    fs.writeFileSync(path.join(dist, 'tests', 'old.test.yaml'), 'tests: []\n');
    fs.writeFileSync(path.join(dist, 'rules', 'gone.rules.yaml'), 'groups: []\n');
    const { out } = run(paymentsApp(dist));
    expect(kindLine(out, 'rules')).toMatch(/ 2 files \(1 removed, 2 unchanged\)$/);
    expect(kindLine(out, 'tests')).toMatch(/ 0 files \(1 removed\)$/);
    expect(out).toMatch(/\n {2}removed:\n {4}\S*dist\/rules\/gone\.rules\.yaml\n {4}\S*dist\/tests\/old\.test\.yaml\n/);
    expect(fs.existsSync(path.join(dist, 'tests'))).toBe(false);
  });

  it('classifies files by path', () => {
    expect(outputKind('payments.k8s.yaml')).toBe('manifests');
    expect(outputKind('rules/payments-errors.rules.yaml')).toBe('rules');
    expect(outputKind('dashboards/payments.json')).toBe('dashboards');
    expect(outputKind('alertmanager/alertmanager.yml')).toBe('alertmanager');
    expect(outputKind('tests/payments/errors.test.yaml')).toBe('tests');
    expect(outputKind('README.txt')).toBe('other');
    expect(outputKind('rules.k8s.yaml')).toBe('manifests');
  });

  describe('quiet', () => {
    const quietly = (options: SynthAppOptions): { code: number; out: string; dist: string } => {
      const dist = path.join(tempDir(), 'dist');
      const { code, out } = run(paymentsApp(dist), { progress: true, progressAfterMs: 0, ...options });
      return { code, out, dist };
    };

    it('quiet: true prints nothing on success, progress included, and still writes', () => {
      const { code, out, dist } = quietly({ quiet: true });
      expect(code).toBe(0);
      expect(out).toBe('');
      expect(fs.existsSync(path.join(dist, 'payments.k8s.yaml'))).toBe(true);
    });

    it('--quiet in argv, and WATCHKEEPER_QUIET=1, print nothing', () => {
      const argv = process.argv;
      process.argv = [...argv, '--quiet'];
      try {
        expect(quietly({}).out).toBe('');
      } finally {
        process.argv = argv;
      }
      const env = process.env.WATCHKEEPER_QUIET;
      process.env.WATCHKEEPER_QUIET = '1';
      try {
        expect(quietly({}).out).toBe('');
      } finally {
        if (env === undefined) delete process.env.WATCHKEEPER_QUIET;
        else process.env.WATCHKEEPER_QUIET = env;
      }
      expect(quietly({}).out).toContain('watchkeeper synth: wrote');
    });

    it('errors are still printed when quiet', () => {
      const app = paymentsApp(path.join(tempDir(), 'dist'));
      new PrometheusRule(new Chart(app, 'broken'), 'bad').addGroup('g').addAlert({ alert: 'A', expr: 'rate(foo)' });
      const { code, out, err } = run(app, { quiet: true });
      expect(code).toBe(1);
      expect(out).toBe('');
      expect(err).toMatch(/synth failed; .*dist was left as it was/);
    });
  });

  it('the summary goes to stdout (or out), never to stderr', () => {
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(synthApp(paymentsApp(path.join(tempDir(), 'dist')), { debug: false, quiet: false, progress: false })).toBe(
        0,
      );
      expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toMatch(
        /^watchkeeper synth: wrote .*\n( {2}.*\n)* {2}rules +2 files/,
      );
      expect(stderr).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });

  describe('progress', () => {
    const withTty = (isTTY: boolean, f: () => void): string => {
      const had = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
      Object.defineProperty(process.stdout, 'isTTY', { value: isTTY, configurable: true, writable: true });
      const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        f();
        return stdout.mock.calls.map((c) => String(c[0])).join('');
      } finally {
        stdout.mockRestore();
        if (had) Object.defineProperty(process.stdout, 'isTTY', had);
        else delete (process.stdout as { isTTY?: boolean }).isTTY;
      }
    };
    const synthOnce = (): void => {
      expect(
        synthApp(paymentsApp(path.join(tempDir(), 'dist')), { debug: false, quiet: false, progressAfterMs: 0 }),
      ).toBe(0);
    };

    it('on a terminal, a long run shows its phases on one line, cleared before the summary', () => {
      const text = withTty(true, synthOnce);
      for (const phase of ['validating', 'rendering', 'checking', 'writing'])
        expect(text).toContain(`\rwatchkeeper synth: ${phase}`);
      expect(text).toContain('rendering 3/3...'); // one chart and two PrometheusRules' files
      expect(text).not.toMatch(/\n.*\r/); // all before the summary: no line of it is redrawn
      expect(text).toContain('\r\x1b[Kwatchkeeper synth: wrote ');
    });

    it('never when stdout is not a terminal (CI logs stay clean)', () => {
      const text = withTty(false, synthOnce);
      expect(text).toMatch(/^watchkeeper synth: wrote /);
      expect(text).not.toContain('\r');
      expect(text).not.toContain('\x1b');
    });

    it('not on a short run', () => {
      const text = withTty(true, () => {
        expect(
          synthApp(paymentsApp(path.join(tempDir(), 'dist')), { debug: false, quiet: false, progressAfterMs: 60_000 }),
        ).toBe(0);
      });
      expect(text).toMatch(/^watchkeeper synth: wrote /);
      expect(text).not.toContain('\r');
    });
  });

  describe('lint warnings in the output are listed, not dropped', () => {
    /** Alerts lint may warn about (an absent() alert without `for`, topk, a literal regex, no runbook). */
    const suspiciousApp = (outdir: string): WatchkeeperApp => {
      const app = new WatchkeeperApp({ outdir });
      const chart = new Chart(app, 'payments', { namespace: 'payments' });
      new PrometheusRule(chart, 'fragile')
        .addGroup('payments-fragile')
        .addAlert({
          alert: 'PaymentsAbsent',
          expr: 'absent(up{job="payments"})',
          labels: { severity: 'warning' },
          annotations,
        })
        .addAlert({
          alert: 'PaymentsTopPods',
          expr: 'topk(3, rate(http_requests_total{job=~"payments"}[5m])) > 100',
          for: '5m',
          labels: { severity: 'warning' },
          annotations: { summary: 'Top pods' },
        });
      return app;
    };

    it('the report holds what lint finds below the error level in the rule files, each finding once', () => {
      const app = suspiciousApp(path.join(tempDir(), 'dist'));
      // What lint itself says about the rule files synth writes, whatever its defaults are today: synth runs the
      // same check core on the rules it declared, so the verdicts must agree.
      const files = app.synthesizeFiles();
      const linted = lintFiles(new Map([...files].filter(([p]) => p.startsWith('rules/'))), {});
      const expected = linted.diagnostics.filter((d) => d.severity !== 'error');
      expect(expected.length).toBeGreaterThan(0); // the app must trigger a warning for this test to mean anything
      const { code, out } = run(app);
      expect(code).toBe(0);
      const key = (w: {
        file: string;
        check: string;
        group: string | null;
        rule: string | null;
        message: string;
        severity: string;
      }): string => JSON.stringify([w.file, w.check, w.group, w.rule, w.message, w.severity]);
      expect((app.lastSynthReport?.ruleWarnings ?? []).map(key).sort()).toEqual(expected.map(key).sort());
      expect(out).toMatch(/\nchecks: \d+ (warning|info)/);
      const listed = out.split('\n').filter((l) => /^ {2}\S+\.rules\.yaml /.test(l));
      expect(listed).toHaveLength(expected.length);
      for (const d of expected)
        expect(out).toContain(
          `dist/${d.file} ${d.severity === 'warning' ? '' : `${d.severity} `}[${d.check}] group "${d.group}" rule "${d.rule}" `,
        );
    });

    it('lists them with file, check id, rule, field and message, at most 20 lines then "and N more"', () => {
      const warnings: RuleWarning[] = Array.from({ length: 25 }, (_, i) => ({
        where: 'app/chart/rules',
        file: 'rules/many.rules.yaml',
        group: 'many',
        rule: `Absent${i}`,
        field: 'expr',
        severity: 'warning',
        check: 'promql/fragile',
        message: `absent() message ${i}`,
        fix: 'fix it',
      }));
      const report: SynthReport = {
        outdir: 'dist',
        previousOutput: true,
        kinds: {
          manifests: { files: 0, added: 0, changed: 0, unchanged: 0, removed: 0 },
          rules: { files: 1, added: 0, changed: 0, unchanged: 1, removed: 0 },
          dashboards: { files: 0, added: 0, changed: 0, unchanged: 0, removed: 0 },
          alertmanager: { files: 0, added: 0, changed: 0, unchanged: 0, removed: 0 },
          tests: { files: 0, added: 0, changed: 0, unchanged: 0, removed: 0 },
          other: { files: 0, added: 0, changed: 0, unchanged: 0, removed: 0 },
        },
        changes: [],
        ruleWarnings: warnings,
        durationMs: 1234,
      };
      const text = formatSynthReport(report, { cwd: '/' });
      const lines = text.split('\n');
      expect(lines[0]).toBe('watchkeeper synth: wrote dist/ in 1.2 s, nothing changed');
      expect(lines[1]).toBe('  rules         1 file  (1 unchanged)');
      expect(lines[2]).toBe('checks: 25 warnings');
      expect(lines[3]).toBe(
        '  dist/rules/many.rules.yaml [promql/fragile] group "many" rule "Absent0" expr: absent() message 0',
      );
      expect(lines.filter((l) => l.startsWith('  dist/rules/many.rules.yaml '))).toHaveLength(20);
      expect(lines[23]).toBe('  ... and 5 more warnings (watchkeeper lint dist/ lists them all)');
      expect(text.endsWith('more warnings (watchkeeper lint dist/ lists them all)\n')).toBe(true);
    });
  });
});
