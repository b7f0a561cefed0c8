/**
 * Our own output: what `npm run synth` writes for the RLM example lints without errors, both in memory
 * (the hook synth can call, lintFiles) and from disk (the CLI's path).
 */
import { RlmHypervisorChart } from '../../examples/rlm-hypervisor';
import { WatchkeeperApp } from '../../src';
import { lintFiles, lintPaths, lintProblems } from '../../src/lint';
import { synthToTemp } from '../support/synth';

function rlmApp(): WatchkeeperApp {
  const app = new WatchkeeperApp();
  new RlmHypervisorChart(app);
  return app;
}

describe('lint on synthesized output', () => {
  it('finds no errors in the files synth is about to write (manifests and rule files)', () => {
    const files = rlmApp().synthesizeFiles();
    const result = lintFiles(files, { threads: 1 });
    expect(result.summary.rules).toBeGreaterThan(20);
    expect(lintProblems(result)).toEqual([]);
    expect(result.summary.errors).toBe(0);
  });

  it('finds no errors in dist/ read from disk', () => {
    const dist = synthToTemp(rlmApp());
    const { result, problems } = lintPaths([dist], { threads: 1 });
    expect(problems).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('turns errors into Problems that name file, position, group, rule and check', () => {
    const result = lintFiles(
      new Map([['rules/x.rules.yaml', 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: rate(x)\n']]),
      { threads: 1 },
    );
    expect(lintProblems(result)).toEqual([
      {
        where: 'rules/x.rules.yaml:5:20',
        field: 'group "g" rule "A" [promql/syntax]',
        message: 'expected type range vector in call to function "rate", got instant vector',
        fix: expect.any(String),
      },
    ]);
  });
});
