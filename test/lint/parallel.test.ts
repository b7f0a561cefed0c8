/**
 * Checking rules in a worker thread gives exactly what checking them in this thread gives.
 */
import { generateRuleFile } from '../../scripts/bench/generate-rules';
import { lintSources } from '../../src/lint';

describe('parallel rule checks', () => {
  it('two threads report the same diagnostics as one', () => {
    const text = generateRuleFile(1200)
      .replace('expr: up{job="svc-2"} == 0', 'expr: rate(up{job="svc-2"}) == 0')
      .replace(/severity: warning/g, (m, offset: number) => (offset % 7 === 0 ? 'severity: page' : m))
      .replace('- alert: InstanceDown8\n', '- alert: InstanceDown8\n    # watchkeeper-disable rule/required\n');
    const one = lintSources([{ path: 'big.yaml', content: text }], { threads: 1 });
    const two = lintSources([{ path: 'big.yaml', content: text }], { threads: 2 });
    expect(one.summary.rules).toBe(1200);
    expect(one.summary.errors).toBe(1);
    expect(two).toEqual(one);
  }, 120_000);
});
