/**
 * Operators bound as Prometheus binds them where lezer-promql's tree differs: `^` after a signed operand, and an
 * operator that binds tighter than the one before it after a postfixed operand (offset, range, subquery). The
 * shapes are checked on the full path (the fast path declines these); promtool evaluates the same expressions,
 * so the expected shapes are Prometheus's, not ours.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { canonicalExpr } from '../../src/promql/facts';
import { parsePromQL, parsePromQLFull } from '../../src/promql/parse';
import { parsePrometheusVersion } from '../../src/promql/version';
import { itWithPromtool, runPromtool } from '../support/promtool';
import { tempDir } from '../support/synth';

const v = parsePrometheusVersion('2.42');
const shape = (text: string): string => {
  const r = parsePromQLFull(text, v);
  if (!r.expr || r.errors.length > 0) throw new Error(`${text}: ${JSON.stringify(r.errors)}`);
  return canonicalExpr(r.expr);
};

/** Expression, the same bound explicitly, and its value with a=1, b=2, c=3 (what promtool says). */
const CASES: Array<[string, string, number]> = [
  ['-1 ^ 2', '-(1 ^ 2)', -1],
  ['2 ^ -1 ^ 2', '2 ^ (-(1 ^ 2))', 0.5],
  ['+2 ^ 2', '+(2 ^ 2)', 4],
  ['-a ^ 2', '-(a ^ 2)', -1],
  ['a + b offset 5m * c', 'a + ((b offset 5m) * c)', 7],
  ['a - b offset 5m ^ c', 'a - ((b offset 5m) ^ c)', -7],
  ['a + max_over_time(b[5m:1m]) * c', 'a + (max_over_time(b[5m:1m]) * c)', 7],
  ['a or b offset 5m + c', 'a or ((b offset 5m) + c)', 1],
  ['c - b offset 5m - a', '(c - (b offset 5m)) - a', 0],
  ['a * b offset 5m + c', '(a * (b offset 5m)) + c', 5],
];

describe('operator binding', () => {
  it.each(CASES)('%s binds as %s', (text, explicit) => {
    expect(shape(text)).toBe(shape(explicit));
    // parsePromQL (fast path first) gives the same tree.
    expect(canonicalExpr(parsePromQL(text, v).expr as never)).toBe(shape(explicit));
  });

  it('keeps parenthesized operands as written', () => {
    expect(shape('(-1) ^ 2')).not.toBe(shape('-(1 ^ 2)'));
    expect(shape('(a + b offset 5m) * c')).toBe(shape('(a + (b offset 5m)) * c'));
  });

  itWithPromtool('is what Prometheus evaluates', () => {
    const dir = tempDir('wk-binding-');
    const record = (i: number) => `case_${i}`;
    const rules = {
      groups: [
        {
          name: 'binding',
          rules: CASES.map(([expr], i) => ({ record: record(i), expr: expr.replace(/\b([abc])\b/g, 'vector_$1') })),
        },
      ],
    };
    const series = ['a', 'b', 'c'].map((name, i) => ({ series: `vector_${name}`, values: `${i + 1}x20` }));
    const tests = {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      tests: [
        {
          interval: '1m',
          input_series: series,
          promql_expr_test: CASES.map(([, , value], i) => ({
            expr: record(i),
            eval_time: '10m',
            exp_samples: [{ labels: record(i), value }],
          })),
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'rules.yaml'), stringify(rules));
    fs.writeFileSync(path.join(dir, 'tests.yaml'), stringify(tests));
    const r = runPromtool(['test', 'rules', path.join(dir, 'tests.yaml')]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });
});
