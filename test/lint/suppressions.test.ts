import { findSuppressions } from '../../src/lint/suppressions';
import { alert, brief, lintText, ruleFile } from './helpers';

const noisy = (name: string): string => alert(name, 'rate(errors[5m]) > 1');

describe('watchkeeper-disable comments', () => {
  it('parses check lists, reasons and file-wide comments', () => {
    expect(
      findSuppressions(
        '# watchkeeper-disable promql/rate, rule/required -- gauge\nx: 1 # watchkeeper-disable\n# watchkeeper-disable-file rule/name\n',
      ),
    ).toEqual([
      { line: 1, ownLine: true, wholeFile: false, checks: ['promql/rate', 'rule/required'], offset: 0 },
      { line: 2, ownLine: false, wholeFile: false, checks: [], offset: 63 },
      { line: 3, ownLine: true, wholeFile: true, checks: ['rule/name'], offset: 85 },
    ]);
    expect(findSuppressions('expr: "# watchkeeper-disable"\nkey: a#watchkeeper-disable\n')).toHaveLength(0);
  });

  it('a comment on its own line applies to the rule starting below it, and only to it', () => {
    const text = ruleFile(noisy('A'), `# watchkeeper-disable promql/rate\n${noisy('B')}`, noisy('C'));
    expect(brief(lintText(text), 'promql/rate').map((l) => l.split(' ')[0])).toEqual(['5:20', '24:20']);
  });

  it('a comment at the end of a line or inside the rule applies to that rule', () => {
    const trailing = ruleFile(
      noisy('A').replace('expr: rate(errors[5m]) > 1', 'expr: rate(errors[5m]) > 1  # watchkeeper-disable promql/rate'),
      noisy('B'),
    );
    expect(brief(lintText(trailing), 'promql/rate').map((l) => l.split(' ')[0])).toEqual(['14:20']);
    const inside = ruleFile(noisy('A').replace('  for: 5m', '  # watchkeeper-disable\n  for: 5m'), noisy('B'));
    expect(brief(lintText(inside), 'promql/rate').map((l) => l.split(' ')[0])).toEqual(['15:20']);
  });

  it('a file-wide comment disables the checks it names everywhere in the file', () => {
    const text = `# watchkeeper-disable-file promql/rate\n${ruleFile(noisy('A'), noisy('B'))}`;
    expect(brief(lintText(text), 'promql/rate')).toEqual([]);
  });

  it('does not disable what makes Prometheus refuse the file', () => {
    const text = ruleFile(`# watchkeeper-disable\n${alert('A', 'rate(errors) > 1')}`);
    expect(brief(lintText(text), 'promql/syntax')).toHaveLength(1);
  });
});
