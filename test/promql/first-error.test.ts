/**
 * The first error checkPromQL reports is promtool's first error — same message at the same line and
 * column — for the corpus's invalid expressions (test/promql/corpus.json records promtool 2.42's messages).
 * scripts/promql-corpus/first-error.ts computes the figure; `--list` prints the disagreements.
 */
import { firstErrorCases } from '../../scripts/promql-corpus/first-error';
import { checkPromQL } from '../../src/promql';

describe('first error agrees with promtool', () => {
  it('for at least 95% of the corpus invalid expressions (message and position)', () => {
    const cases = firstErrorCases();
    const agree = cases.filter((c) => c.agrees);
    const percent = (100 * agree.length) / cases.length;
    console.log(`first error as promtool's: ${agree.length}/${cases.length} (${percent.toFixed(1)}%)`);
    expect(cases.length).toBeGreaterThan(1000);
    expect(percent).toBeGreaterThanOrEqual(95);
  });

  test.each([
    ['x / y * 100 > 80and y > 0', 1, 15, 'bad number or duration syntax: "80"'],
    ['foo > 5mand bar', 1, 7, 'bad number or duration syntax: "5ma"'],
    ['foo > 1e3x', 1, 7, 'bad number or duration syntax: "1e3"'],
    ['rate(foo[5mx])', 1, 10, 'bad duration syntax: "5mx"'],
    ['foo > .5and bar', 1, 7, 'bad number or duration syntax: ".5"'],
    ['clamp_min(x[5m])', 1, 1, 'expected 2 argument(s) in call to "clamp_min", got 1'],
    ['sum(rate(foo[5m])', 1, 18, 'unclosed left parenthesis'],
    ['foo{a="b"', 1, 10, 'unexpected end of input inside braces'],
    ['sum by (a b) (foo)', 1, 11, 'unexpected identifier "b" in grouping opts, expected "," or ")"'],
    ['rate(foo[5m],)', 1, 13, 'trailing commas not allowed in function call args'],
  ])('%s: %i:%i %s', (expr, line, column, message) => {
    const [d] = checkPromQL(expr, { prometheusVersion: '2.42' });
    expect(d).toMatchObject({ line, column, message });
  });

  it('accepts a number or duration followed by a space or an operator', () => {
    for (const expr of ['x / y * 100 > 80 and y > 0', 'rate(foo[5m])and bar', 'foo>80', 'foo > 80#comment']) {
      expect(checkPromQL(expr, { prometheusVersion: '2.42' })).toEqual([]);
    }
  });
});
