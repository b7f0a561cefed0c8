/**
 * Property tests (fast-check) for the PromQL validator: it never throws, never hangs, keeps its verdict when only
 * whitespace changes, and accepts every expression of a type-correct generated grammar.
 */
import fc from 'fast-check';
import { checkPromQL } from '../../src/promql';
import corpus from './corpus.json';

const opts = { prometheusVersion: '2.42' };
/** A hang guard, not a performance test: a single expression taking this long means a runaway loop. */
const PER_INPUT_BOUND_MS = 2000;

function timed(expr: string): number {
  const start = Date.now();
  checkPromQL(expr, opts);
  return Date.now() - start;
}

const SPACE = fc.constantFrom(' ', '  ', '\t', '\n', ' \n  ', ' # a comment\n');

/** Replaces each space outside string literals with arbitrary whitespace (or a comment line). */
function respace(expr: string, pick: () => string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (quote) {
      out += c;
      if (c === '\\' && quote !== '`') out += expr[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      out += c;
    } else out += c === ' ' ? pick() : c;
  }
  return out;
}

const metric = fc.constantFrom('up', 'http_requests_total', 'node_cpu_seconds_total', 'job:errors:rate5m');
const label = fc.constantFrom('job', 'instance', 'code', 'le');
const value = fc.constantFrom('api', '5..', 'a|b', '.+');
const range = fc.constantFrom('1m', '5m', '1h30m', '2d');
const selector = fc
  .tuple(metric, fc.array(fc.tuple(label, fc.constantFrom('=', '!=', '=~', '!~'), value), { maxLength: 2 }))
  .map(([m, ms]) => (ms.length ? `${m}{${ms.map(([l, op, v]) => `${l}${op}"${v}"`).join(',')}}` : m));

/** Instant-vector expressions that are type-correct by construction. */
const vectorExpr: fc.Arbitrary<string> = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    fc
      .tuple(fc.constantFrom('rate', 'increase', 'avg_over_time', 'max_over_time'), selector, range)
      .map(([f, s, r]) => `${f}(${s}[${r}])`),
    fc
      .tuple(fc.constantFrom('sum', 'avg', 'max', 'count'), fc.constantFrom('by', 'without'), label, tie('v'))
      .map(([a, m, l, e]) => `${a} ${m} (${l}) (${e})`),
    fc
      .tuple(tie('v'), fc.constantFrom('+', '-', '*', '/', '>', '<=', 'and', 'or', 'unless'), tie('v'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    fc
      .tuple(tie('v'), fc.constantFrom('>', '<', '=='), fc.double({ min: -1e6, max: 1e6, noNaN: true }))
      .map(([a, op, n]) => `${a} ${op} ${n}`),
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), selector)
      .map(([q, s]) => `histogram_quantile(${q}, sum by (le) (rate(${s}[5m])))`),
    tie('v').map((e) => `abs(${e})`),
    tie('v').map((e) => `-(${e})`),
  ),
})).v;

describe('checkPromQL properties', () => {
  it('never throws and stays within a per-input bound on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => timed(s) < PER_INPUT_BOUND_MS),
      { numRuns: 3000 },
    );
  });

  it('never throws on PromQL-flavoured noise', () => {
    const token = fc.constantFrom(
      'sum',
      'rate',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '5m',
      ':',
      ',',
      '"a"',
      'foo',
      'by',
      'offset',
      '@',
      '1',
      '+',
      '>',
      'bool',
      'on',
      'group_left',
      '=~',
      '#',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), (ts) => timed(ts.join(' ')) < PER_INPUT_BOUND_MS),
      { numRuns: 3000 },
    );
  });

  it('keeps its verdict when only whitespace and comments change (corpus expressions)', () => {
    const cases = (corpus as { cases: Array<{ expr: string }> }).cases.filter(
      (c) => c.expr.includes(' ') && !c.expr.includes('#') && !/[\u0080-\uffff]/.test(c.expr),
    );
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(SPACE, { minLength: 1, maxLength: 8 }), (c, spaces) => {
        let i = 0;
        const variant = respace(c.expr, () => spaces[i++ % spaces.length]);
        // Prometheus's lexer reads a duration right after "[" (spaces skipped, comments not): promtool 2.42
        // refuses `foo[ # c\n 5m]` with "missing unit character in duration".
        if (/\[\s*#/.test(variant))
          return checkPromQL(variant, opts)[0]?.message === 'missing unit character in duration';
        return (checkPromQL(variant, opts).length === 0) === (checkPromQL(c.expr, opts).length === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every expression of a type-correct generated grammar', () => {
    fc.assert(
      fc.property(vectorExpr, (e) => {
        const d = checkPromQL(e, opts);
        if (d.length) throw new Error(`${e}: ${d[0].message}`);
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});
