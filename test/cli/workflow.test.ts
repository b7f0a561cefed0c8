import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { run } from '../../src/cli/main';
import { splitCommand } from '../../src/cli/synth-command';
import { PrometheusRule, WatchkeeperApp } from '../../src';
import { AlertTest, Expect, Series } from '../../src/testing';
import { itWithPromtool } from '../support/promtool';
import { synthToTemp, tempDir } from '../support/synth';

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A project whose app is a plain node script writing one rule file with the level in level.txt. */
function project(level: string): string {
  const dir = tempDir('wk-cli-');
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'app: node app.js\n');
  fs.writeFileSync(path.join(dir, 'level.txt'), level);
  fs.writeFileSync(
    path.join(dir, 'app.js'),
    [
      "const fs = require('fs'); const path = require('path');",
      "const out = process.env.CDK8S_OUTDIR; const level = fs.readFileSync(path.join(__dirname, 'level.txt'), 'utf8').trim();",
      "fs.mkdirSync(path.join(out, 'rules'), { recursive: true });",
      "fs.writeFileSync(path.join(out, 'rules', 'a.rules.yaml'), `groups:\\n  - name: g\\n    rules:\\n      - alert: Deep\\n        expr: queue_depth > ${level}\\n        for: 5m\\n`);",
    ].join('\n'),
  );
  return dir;
}

describe('watchkeeper init', () => {
  it('scaffolds the repo and refuses to overwrite it', () => {
    const dir = path.join(tempDir(), 'infra');
    const r = cli('init', dir, '--watchkeeper-spec', 'file:/tmp/watchkeeper.tgz');
    expect(r.code).toBe(0);
    for (const f of [
      'package.json',
      'tsconfig.json',
      'cdk8s.yaml',
      'main.ts',
      '.github/workflows/monitoring.yml',
      '.gitignore',
    ])
      expect(fs.existsSync(path.join(dir, f))).toBe(true);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('infra');
    expect(pkg.dependencies).toMatchObject({
      watchkeeper: 'file:/tmp/watchkeeper.tgz',
      cdk8s: expect.stringMatching(/^\^2\./),
      constructs: expect.stringMatching(/^\^10\./),
    });
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['tsx', 'typescript']));
    expect(pkg.scripts.test).toBe('watchkeeper test');
    const workflow = fs.readFileSync(path.join(dir, '.github/workflows/monitoring.yml'), 'utf8');
    for (const step of ['npm run synth', 'npm test', 'watchkeeper diff --ref', 'npm run lint'])
      expect(workflow).toContain(step);
    expect(cli('init', dir)).toMatchObject({ code: 2, err: expect.stringContaining('already exist') });
  });
});

describe('watchkeeper synth', () => {
  it('runs the app named by cdk8s.yaml into the output folder', () => {
    const dir = project('1');
    const r = cli('synth', '--output', path.join(dir, 'out'), '--app', `node ${path.join(dir, 'app.js')}`);
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out/rules/a.rules.yaml'), 'utf8')).toContain('queue_depth > 1');
    expect(cli('synth', '--app', 'node app.js | tee x').code).toBe(2);
  });

  it('splits app commands without a shell', () => {
    expect(splitCommand(`npx tsx "my app.ts" --flag='a b'`)).toEqual(['npx', 'tsx', 'my app.ts', '--flag=a b']);
    expect(() => splitCommand('npx tsx main.ts && rm -rf /')).toThrow(/needs a shell/);
    expect(() => splitCommand('echo $HOME')).toThrow(/needs a shell/);
  });
});

describe('watchkeeper diff', () => {
  it('compares two output folders; --exit-code; formats', () => {
    const a = project('1');
    const b = project('0.8');
    expect(cli('synth', '--app', `node ${path.join(a, 'app.js')}`, '-o', path.join(a, 'dist')).code).toBe(0);
    expect(cli('synth', '--app', `node ${path.join(b, 'app.js')}`, '-o', path.join(b, 'dist')).code).toBe(0);
    const r = cli('diff', path.join(a, 'dist'), path.join(b, 'dist'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('~ alert Deep: level 1 -> 0.8');
    expect(cli('diff', '--exit-code', path.join(a, 'dist'), path.join(b, 'dist')).code).toBe(1);
    expect(cli('diff', '--exit-code', path.join(a, 'dist'), path.join(a, 'dist'))).toMatchObject({
      code: 0,
      out: expect.stringContaining('no monitoring changes'),
    });
    expect(cli('diff', '--format', 'markdown', path.join(a, 'dist'), path.join(b, 'dist')).out).toContain(
      '| ✏️ | `alert Deep` | `level 1 -> 0.8` |',
    );
    expect(cli('diff', '--format', 'html', 'x', 'y').code).toBe(2);
    expect(cli('diff', path.join(a, 'nope'), path.join(b, 'dist')).code).toBe(2);
  });

  it('against the last synthesized dist/ and against a git ref', () => {
    const dir = project('1');
    const at = (...args: string[]) => {
      const cwd = process.cwd();
      process.chdir(dir);
      try {
        return cli(...args);
      } finally {
        process.chdir(cwd);
      }
    };
    expect(at('synth').code).toBe(0);
    const git = (...args: string[]) =>
      expect(
        spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
          cwd: dir,
          encoding: 'utf8',
        }).status,
      ).toBe(0);
    fs.writeFileSync(path.join(dir, '.gitignore'), 'dist/\n.watchkeeper/\n');
    git('init', '-q', '.');
    git('add', '-A');
    git('commit', '-qm', 'baseline');
    fs.writeFileSync(path.join(dir, 'level.txt'), '0.8');
    expect(at('diff').out).toContain('level 1 -> 0.8');
    const r = at('diff', '--ref', 'HEAD', '--exit-code');
    expect(r).toMatchObject({ code: 1, out: expect.stringContaining('Monitoring changes since HEAD') });
    expect(r.out).toContain('level 1 -> 0.8');
    expect(fs.existsSync(path.join(dir, '.watchkeeper'))).toBe(false);
    expect(at('diff', '--ref', 'no-such-ref').code).toBe(2);
  });
});

describe('watchkeeper test', () => {
  it('exits 2 with install instructions when promtool is missing, and when there are no tests', () => {
    const a = new WatchkeeperApp();
    const chart = new Chart(a, 'x');
    const rules = new PrometheusRule(chart, 'r');
    rules.addGroup('g').addAlert({ alert: 'A', expr: 'x > 1' });
    new AlertTest(chart, 't', {
      rules: [rules],
      series: [Series.constant('x', 2, { for: '5m' })],
      expect: [Expect.fires('A', { at: '1m' })],
    });
    const dist = synthToTemp(a);
    const r = cli('test', '--promtool', '/nonexistent/promtool', path.join(dist, 'tests'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('apt-get install prometheus');
    expect(r.err).toContain('https://prometheus.io/download/');
    expect(cli('test', path.join(dist, 'rules')).code).toBe(2);
  });

  itWithPromtool("prints each test's result, and expected against got on failure", () => {
    const a = new WatchkeeperApp();
    const chart = new Chart(a, 'x');
    const rules = new PrometheusRule(chart, 'r');
    rules.addGroup('g').addAlert({
      alert: 'A',
      expr: 'x > 1',
      for: '2m',
      labels: { severity: 'page' },
      annotations: { summary: 'x is {{ $value }}' },
    });
    new AlertTest(chart, 't', {
      rules: [rules],
      scenarios: [
        {
          name: 'fires after for',
          series: [Series.constant('x{job="j"}', 2, { for: '5m' })],
          expect: [Expect.fires('A', { at: '3m', labels: { job: 'j' }, value: 2 })],
        },
        {
          name: 'wrong on purpose',
          series: [Series.constant('x{job="j"}', 2, { for: '5m' })],
          expect: [
            Expect.fires('A', { at: '1m', labels: { job: 'j' }, value: 2 }),
            Expect.fires('A', { at: '3m', labels: { job: 'j' }, value: 3 }),
          ],
        },
      ],
    });
    const dist = synthToTemp(a);
    const r = cli('test', path.join(dist, 'tests'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('  ✓ fires after for\n');
    expect(r.out).toContain('  ✗ wrong on purpose\n');
    expect(r.out).toContain(
      'A at 1m:\n        expected: firing {job="j", severity="page"}\n        got:      nothing firing',
    );
    expect(r.out).toContain('summary: expected "x is 3"');
    expect(r.out).toContain('2 tests in 1 file: 1 passed, 1 failed');
  });
});
