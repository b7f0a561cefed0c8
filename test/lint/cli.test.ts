/**
 * `watchkeeper lint` through the CLI entry point (src/cli/main.ts `run`): arguments, exit codes, formats,
 * configuration discovery and unreadable input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { tempDir } from '../support/synth';
import { alert, ruleFile } from './helpers';

function cli(...args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const CLEAN = ruleFile(alert('A', 'up == 0'));
const WARNS = ruleFile(alert('A', 'errors_total > 100'));
const BROKEN = ruleFile(alert('B', 'rate(errors) > 1'));

let cwd: string;
let dir: string;

function write(rel: string, content: string): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

beforeEach(() => {
  cwd = process.cwd();
  dir = tempDir('wk-lint-cli-');
  fs.mkdirSync(path.join(dir, '.git'));
  process.chdir(dir);
});

afterEach(() => process.chdir(cwd));

describe('watchkeeper lint', () => {
  it('exits 0 on clean files', () => {
    write('clean.yaml', CLEAN);
    expect(cli('lint', 'clean.yaml')).toEqual({ code: 0, out: 'no problems (1 file, 1 rule)\n', err: '' });
  });

  it('exits 1 on errors and prints them', () => {
    write('broken.yaml', BROKEN);
    const r = cli('lint', 'broken.yaml', '--format', 'json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).diagnostics).toEqual([
      expect.objectContaining({ file: 'broken.yaml', line: 5, column: 20, check: 'promql/syntax', severity: 'error' }),
    ]);
  });

  it('exits 0 on warnings unless there are more than --max-warnings', () => {
    write('warns.yaml', WARNS);
    expect(cli('lint', 'warns.yaml').code).toBe(0);
    expect(cli('lint', 'warns.yaml', '--max-warnings', '1').code).toBe(0);
    const r = cli('lint', 'warns.yaml', '--max-warnings', '0');
    expect(r.code).toBe(1);
    expect(r.err).toBe('watchkeeper lint: 1 warnings, more than --max-warnings 0\n');
  });

  it('exits 2 on usage errors', () => {
    write('clean.yaml', CLEAN);
    expect(cli('lint').code).toBe(2);
    expect(cli('lint', '--format', 'xml', 'clean.yaml')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--format must be one of text, json, github, sarif/),
    });
    expect(cli('lint', '--max-warnings', 'many', 'clean.yaml')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/--max-warnings must be a whole number/),
    });
    expect(cli('lint', '--prometheus-version', 'latest', 'clean.yaml')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/"latest" is not a Prometheus version/),
    });
  });

  it('exits 2 on unreadable input, after linting what it can read', () => {
    write('broken.yaml', BROKEN);
    const r = cli('lint', 'missing.yaml', 'broken.yaml', 'nothing/*.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'watchkeeper lint: missing.yaml: no such file or directory\nwatchkeeper lint: nothing/*.yaml: no files match\n',
    );
    expect(r.out).toContain('broken.yaml:5:20: error [promql/syntax]');
  });

  it('exits 2 on a missing path without a "no problems" line', () => {
    const r = cli('lint', 'missing.yaml');
    expect(r).toEqual({ code: 2, out: '', err: 'watchkeeper lint: missing.yaml: no such file or directory\n' });
    write('clean.yaml', CLEAN);
    const both = cli('lint', 'clean.yaml', 'missing.yaml');
    expect(both.code).toBe(2);
    expect(both.out).not.toMatch(/no problems/);
    const github = cli('lint', 'missing.yaml', '--format', 'github');
    expect(github.code).toBe(2);
    expect(github.out).toMatch(/^::error title=watchkeeper lint::missing\.yaml: no such file or directory$/m);
  });

  it('writes github and sarif paths relative to the repository root, not the working directory', () => {
    const sub = path.join(dir, 'services', 'api');
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, 'broken.yaml'), BROKEN);
    const saved = process.env.GITHUB_WORKSPACE;
    delete process.env.GITHUB_WORKSPACE;
    process.chdir(sub);
    try {
      expect(cli('lint', 'broken.yaml', '--format', 'github').out).toMatch(
        /^::error file=services\/api\/broken\.yaml,line=5,col=20,/,
      );
      const sarif = JSON.parse(cli('lint', 'broken.yaml', '--format', 'sarif').out);
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation).toEqual({
        uri: 'services/api/broken.yaml',
        uriBaseId: '%SRCROOT%',
      });
      // text and json stay relative to the working directory
      expect(JSON.parse(cli('lint', 'broken.yaml', '--format', 'json').out).diagnostics[0].file).toBe('broken.yaml');
      // GITHUB_WORKSPACE, when it holds the working directory, is the root
      process.env.GITHUB_WORKSPACE = path.join(dir, 'services');
      expect(cli('lint', 'broken.yaml', '--format', 'github').out).toMatch(/^::error file=api\/broken\.yaml,/);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_WORKSPACE;
      else process.env.GITHUB_WORKSPACE = saved;
    }
  });

  it('walks directories for .yaml/.yml files, skipping hidden directories and node_modules, and expands globs', () => {
    write('rules/a.yaml', CLEAN);
    write('rules/deep/b.yml', BROKEN);
    write('rules/.hidden/c.yaml', BROKEN);
    write('rules/node_modules/d.yaml', BROKEN);
    write('rules/e.json', '{');
    write('rules/compose.yaml', 'services: {}\n');
    const r = cli('lint', 'rules', '--format', 'json');
    expect(JSON.parse(r.out).summary).toMatchObject({ files: 3, rules: 2, errors: 1 });
    expect(JSON.parse(r.out).diagnostics.map((d: { file: string }) => d.file)).toEqual(['rules/deep/b.yml']);
    expect(JSON.parse(cli('lint', 'rules/**/*.y*ml', '--format', 'json').out).summary).toMatchObject({
      files: 3,
      errors: 1,
    });
  });

  it('survives symbolic link loops: a directory linking to its parent is walked once, a self-link is unreadable', () => {
    write('rules/a.yaml', CLEAN);
    fs.symlinkSync('..', path.join(dir, 'rules', 'up'));
    fs.symlinkSync('self.yaml', path.join(dir, 'rules', 'self.yaml'));
    const r = cli('lint', 'rules', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.err).toBe('watchkeeper lint: rules/self.yaml: symbolic link loop\n');
    expect(JSON.parse(r.out).summary).toMatchObject({ files: 1, rules: 1 });
    expect(cli('lint', 'rules/self.yaml')).toMatchObject({
      code: 2,
      err: 'watchkeeper lint: rules/self.yaml: symbolic link loop\n',
    });
  });

  it('reads .watchkeeper.yaml from the working directory or --config, and --prometheus-version overrides it', () => {
    write('warns.yaml', WARNS);
    write('.watchkeeper.yaml', 'lint:\n  checks:\n    promql/rate: error\n');
    expect(cli('lint', 'warns.yaml').code).toBe(1);
    write('relaxed.yaml', 'lint:\n  checks:\n    promql/rate: "off"\n');
    expect(cli('lint', 'warns.yaml', '--config', 'relaxed.yaml')).toMatchObject({
      code: 0,
      out: 'no problems (1 file, 1 rule)\n',
    });
    write('hw.yaml', ruleFile(alert('A', 'holt_winters(x[1h], 0.5, 0.5) > 1')));
    expect(cli('lint', 'hw.yaml', '--config', 'relaxed.yaml').code).toBe(1);
    expect(cli('lint', 'hw.yaml', '--config', 'relaxed.yaml', '--prometheus-version', '2.42').code).toBe(0);
  });

  it('exits 2 with the field named when the configuration is wrong', () => {
    write('clean.yaml', CLEAN);
    write('.watchkeeper.yaml', 'lint:\n  checks:\n    promql/rat: error\n');
    const r = cli('lint', 'clean.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/\.watchkeeper\.yaml: checks\.promql\/rat: unknown check/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('prints github annotations and SARIF', () => {
    write('broken.yaml', BROKEN);
    expect(cli('lint', 'broken.yaml', '--format', 'github').out).toMatch(
      /^::error file=broken\.yaml,line=5,col=20,title=watchkeeper promql\/syntax::/,
    );
    expect(
      JSON.parse(cli('lint', 'broken.yaml', '--format', 'sarif').out).runs[0].results[0].locations[0].physicalLocation
        .region,
    ).toEqual({ startLine: 5, startColumn: 20 });
  });
});
