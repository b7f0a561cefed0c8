import { CHECKS, formatResult, toSarif, type LintResult } from '../../src/lint';
import { escapeData, escapeProperty } from '../../src/lint/format';
import { alert, lintText, ruleFile } from './helpers';

const result: LintResult = lintText(
  ruleFile(alert('A', 'rate(errors[5m]) > 1'), alert('B', 'rate(x) > 1')),
  {},
  'rules/a b,c.yaml',
);

describe('lint reports', () => {
  it('json follows the contract: diagnostics with file, line, column, severity, check, message, group, rule (and fix), and a summary', () => {
    const json = JSON.parse(formatResult(result, 'json'));
    expect(Object.keys(json)).toEqual(['diagnostics', 'summary']);
    expect(json.diagnostics[0]).toEqual({
      file: 'rules/a b,c.yaml',
      line: 5,
      column: 20,
      severity: 'warning',
      check: 'promql/rate',
      message:
        'rate() on "errors", which is not a counter by its name (counters end in _total, _count, _sum or _bucket)',
      group: 'g',
      rule: 'A',
      fix: expect.any(String),
    });
    expect(json.diagnostics[1]).toMatchObject({
      line: 14,
      column: 20,
      severity: 'error',
      check: 'promql/syntax',
      group: 'g',
      rule: 'B',
    });
    expect(json.summary).toEqual({ files: 1, groups: 1, rules: 2, errors: 1, warnings: 1, infos: 0 });
  });

  it('github writes workflow commands with escaped properties and messages', () => {
    const lines = formatResult(result, 'github').trimEnd().split('\n');
    expect(lines[0]).toBe(
      `::warning file=rules/a b%2Cc.yaml,line=5,col=20,title=watchkeeper promql/rate::rate() on "errors", which is not a counter by its name (counters end in _total, _count, _sum or _bucket)%0Afix: if "errors" is a gauge use deriv() or delta(); if it is a counter, name it with a _total suffix`,
    );
    expect(lines[1]).toMatch(
      /^::error file=rules\/a b%2Cc\.yaml,line=14,col=20,title=watchkeeper promql\/syntax::expected type range vector/,
    );
    expect(lines[2]).toBe('watchkeeper lint: 1 error(s), 1 warning(s) in 1 file(s), 2 rule(s)');
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
  });

  it('sarif is a SARIF 2.1.0 log with the checks as rules and relative file locations', () => {
    const log = toSarif(result) as { version: string; $schema: string; runs: Array<Record<string, any>> };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run = log.runs[0];
    expect(run.tool.driver.name).toBe('watchkeeper');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(CHECKS.map((c) => c.id));
    expect(run.tool.driver.rules[1]).toMatchObject({
      id: 'promql/syntax',
      defaultConfiguration: { level: 'error' },
      shortDescription: { text: expect.any(String) },
    });
    expect(run.columnKind).toBe('unicodeCodePoints');
    expect(run.results).toHaveLength(2);
    expect(run.results[1]).toMatchObject({
      ruleId: 'promql/syntax',
      ruleIndex: 1,
      level: 'error',
      message: { text: expect.stringMatching(/^expected type range vector/) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'rules/a%20b%2Cc.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 14, startColumn: 20 },
          },
        },
      ],
    });
    expect(run.results[0].level).toBe('warning');
    expect(JSON.parse(formatResult(result, 'sarif'))).toEqual(log);
  });

  it('text lists file:line:column, severity, check, message and fix, colour only when asked', () => {
    const text = formatResult(result, 'text');
    expect(text).toContain('rules/a b,c.yaml:14:20: error [promql/syntax] expected type range vector');
    expect(text).toContain('  fix: make the expression one Prometheus accepts');
    expect(text.trimEnd().split('\n').pop()).toBe('1 error, 1 warning (1 file, 2 rules)');
    expect(text).not.toContain('\x1b[');
    expect(formatResult(result, 'text', { color: true })).toContain('\x1b[31merror\x1b[0m');
    expect(formatResult(lintText(''), 'text')).toBe('no problems (1 file, 0 rules)\n');
  });
});
