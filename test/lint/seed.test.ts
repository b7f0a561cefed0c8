/**
 * The RLM monitoring runbook's alert groups (the `# alerts-*.yaml` blocks of seed 002, extracted at test
 * time): exactly one promql/syntax error, on RLMSuddenUserDrop's expr line, plus the policy's warnings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { lintPaths } from '../../src/lint';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { describeWithShared, seed } from '../support/shared';
import { tempDir } from '../support/synth';

/** Writes each `# alerts-*.yaml` block of the seed to its own file; returns the directory. */
function writeSeedBlocks(): { dir: string; files: Map<string, string> } {
  const dir = tempDir('wk-lint-seed-');
  const files = new Map<string, string>();
  for (const m of seed('002').matchAll(/```yaml\n(# (alerts-[a-z]+\.yaml)\n[\s\S]*?)```/g)) {
    fs.writeFileSync(path.join(dir, m[2]), m[1]);
    files.set(m[2], m[1]);
  }
  return { dir, files };
}

/** 1-based line of the `expr:` of alert `name` in `text`. */
function exprLine(text: string, name: string): number {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(`alert: ${name}`));
  return start + lines.slice(start).findIndex((l) => l.trim().startsWith('expr:')) + 1;
}

describeWithShared('the seed runbook alert groups', () => {
  // Read in beforeAll: jest still runs this callback when ../shared is absent and the describe is skipped.
  let { dir, files } = { dir: '', files: new Map<string, string>() };
  let { result, problems } = {} as ReturnType<typeof lintPaths>;
  beforeAll(() => {
    ({ dir, files } = writeSeedBlocks());
    ({ result, problems } = lintPaths([dir], { cwd: dir, threads: 1, config: { preset: 'strict' } }));
  });

  it('are three files holding the eight alerts', () => {
    expect([...files.keys()].sort()).toEqual(['alerts-business.yaml', 'alerts-critical.yaml', 'alerts-warning.yaml']);
    expect(problems).toEqual([]);
    expect(result.summary).toMatchObject({ files: 3, groups: 3, rules: 8 });
  });

  it("lint with exactly one error: promql/syntax on RLMSuddenUserDrop's expr line", () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    const line = exprLine(files.get('alerts-business.yaml')!, 'RLMSuddenUserDrop');
    expect(errors).toEqual([
      {
        file: 'alerts-business.yaml',
        line,
        column: 31,
        severity: 'error',
        check: 'promql/syntax',
        message: 'expected type instant vector in aggregation expression, got range vector',
        group: 'business',
        rule: 'RLMSuddenUserDrop',
        fix: expect.any(String),
      },
    ]);
  });

  it('with the strict preset, warn where the policy asks: every alert lacks a runbook_url, most a description; rate() on non-counters', () => {
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning');
    const byCheck = (check: string, message: RegExp): string[] =>
      warnings
        .filter((d) => d.check === check && message.test(d.message))
        .map((d) => d.rule!)
        .sort();
    expect(byCheck('rule/required', /no "runbook_url"/)).toEqual([
      'RLMCostSpike',
      'RLMDatabaseConnectionFail',
      'RLMElevatedErrorRate',
      'RLMHighErrorRate',
      'RLMHighLatency',
      'RLMQuotaNearLimit',
      'RLMSlowTaskExecution',
      'RLMSuddenUserDrop',
    ]);
    expect(byCheck('rule/required', /no "description"/)).toHaveLength(7);
    expect(byCheck('promql/rate', /not a counter/)).toEqual([
      'RLMElevatedErrorRate',
      'RLMElevatedErrorRate',
      'RLMHighErrorRate',
      'RLMHighErrorRate',
    ]);
    expect(warnings.every((d) => d.check === 'rule/required' || d.check === 'promql/rate')).toBe(true);
  });

  itWithPromtool('promtool agrees: only the business file fails, on the same line', () => {
    const line = exprLine(files.get('alerts-business.yaml')!, 'RLMSuddenUserDrop');
    for (const name of files.keys()) {
      const r = runPromtool(['check', 'rules', path.join(dir, name)]);
      if (name === 'alerts-business.yaml') {
        expect(r.status).toBe(1);
        expect(r.output).toContain(`${line}:`);
        expect(r.output).toContain('expected type instant vector in aggregation expression, got range vector');
      } else expect(r.status).toBe(0);
    }
  });
});
