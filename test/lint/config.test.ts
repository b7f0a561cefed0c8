import * as fs from 'fs';
import * as path from 'path';
import { findLintConfig, LintConfigError, readLintConfigFile, resolveLintConfig } from '../../src/lint';
import { tempDir } from '../support/synth';
import { alert, brief, lintText, ruleFile } from './helpers';

describe('lint configuration', () => {
  it('has defaults for everything', () => {
    const c = resolveLintConfig();
    expect(c).toMatchObject({
      preset: 'default',
      scrapeIntervalMs: 30_000,
      requiredLabels: ['severity'],
      severityValues: ['critical', 'warning', 'info', 'none'],
      requiredAnnotations: ['summary', 'description'],
      forMaxMs: 86_400_000,
    });
    expect(resolveLintConfig({ preset: 'strict' })).toMatchObject({
      tier: 2,
      severityValues: ['critical', 'warning', 'info'],
      requiredAnnotations: ['summary', 'description', 'runbook_url'],
    });
  });

  it.each([
    [{ checks: { 'promql/rat': 'error' } }, /checks\.promql\/rat: unknown check/],
    [{ checks: { 'promql/rate': 'fatal' } }, /expected error, warning, info or off/],
    [{ scrapeInterval: '1 minute' }, /scrapeInterval: not a valid duration string/],
    [{ prometheusVersion: 'latest' }, /prometheusVersion: "latest" is not a Prometheus version/],
    [{ required: { labels: 'severity' } }, /required\.labels: expected a list of names/],
    [{ names: { alert: '(' } }, /names\.alert: not a regular expression/],
    [{ colour: true }, /colour: unknown setting/],
    [{ preset: 'pedantic' }, /preset: expected one of default, recommended, strict/],
    [{ loadSets: [{ name: 'a' }] }, /loadSets\[0\]: expected \{name/],
    [{ metrics: { up: 'counterish' } }, /metrics\.up: expected one of counter, gauge/],
  ])('refuses %j with a message naming the field', (config, message) => {
    expect(() => resolveLintConfig(config as never, '.watchkeeper.yaml')).toThrow(LintConfigError);
    expect(() => resolveLintConfig(config as never, '.watchkeeper.yaml')).toThrow(message);
  });

  it('sets severities per check, or turns checks off', () => {
    const text = ruleFile(alert('A', 'rate(errors[5m]) > 1'));
    expect(brief(lintText(text, { checks: { 'promql/rate': 'error' } }))[0]).toMatch(/ error promql\/rate/);
    expect(brief(lintText(text, { checks: { 'promql/rate': 'info' } }))[0]).toMatch(/ info promql\/rate/);
    expect(brief(lintText(text, { checks: { 'promql/rate': 'off' } }))).toEqual([]);
  });

  it('finds .watchkeeper.yaml or package.json upwards from the working directory', () => {
    const root = tempDir('wk-lint-config-');
    fs.mkdirSync(path.join(root, '.git'));
    fs.mkdirSync(path.join(root, 'a', 'b'), { recursive: true });
    expect(findLintConfig(path.join(root, 'a', 'b'))).toBeUndefined();
    fs.writeFileSync(
      path.join(root, 'package.json'),
      JSON.stringify({ watchkeeper: { lint: { scrapeInterval: '30s' } } }),
    );
    expect(findLintConfig(path.join(root, 'a', 'b'))).toEqual({
      file: path.join(root, 'package.json'),
      config: { scrapeInterval: '30s' },
    });
    fs.writeFileSync(path.join(root, 'a', '.watchkeeper.yaml'), 'lint:\n  prometheusVersion: "2.42"\n');
    expect(findLintConfig(path.join(root, 'a', 'b'))?.config).toEqual({ prometheusVersion: '2.42' });
  });

  it('reports unreadable or malformed configuration files', () => {
    const dir = tempDir('wk-lint-config-');
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'lint: [\n');
    expect(() => readLintConfigFile(file)).toThrow(/not valid YAML/);
    fs.writeFileSync(file, 'lint: 3\n');
    expect(() => readLintConfigFile(file)).toThrow(/lint: expected a mapping/);
    expect(() => readLintConfigFile(path.join(dir, 'missing.yaml'))).toThrow(/cannot read configuration/);
  });
});
