/**
 * The fast path of parsePromQL (src/promql/fast-parse.ts, issue 17): whenever it answers, its result is the
 * full path's (parsePromQLFull), node for node, key for key; and it answers for enough of the expressions
 * rule sets hold to be worth having.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { buildExamplesApp } from '../../examples/app';
import { parsePromQLFast } from '../../src/promql/fast-parse';
import { FUNCTIONS } from '../../src/promql/functions';
import * as parse from '../../src/promql/parse';
import { parsePrometheusVersion, type PrometheusVersion } from '../../src/promql/version';
import { tempDir } from '../support/synth';
import corpus from './corpus.json';

/** The oldest release modelled, the corpus oracle's, the first 3.x and the newest. */
const VERSIONS = ['2.0', '2.42', '3.0', '3.15'].map((v) => [v, parsePrometheusVersion(v)] as const);
const LATEST = parsePrometheusVersion('3.15');
/** Generated cases per property (FAST_PARSE_RUNS=200000 for a long hunt). */
const RUNS = Number(process.env.FAST_PARSE_RUNS ?? 5000);

/** Same keys in the same order, same values (NaN equal to NaN), all the way down. */
function sameResult(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(a, b) && JSON.stringify(a) === JSON.stringify(b);
}

/** The expressions where the fast path answers differently from the full path (empty when all is well). */
function disagreements(
  exprs: Iterable<string>,
  version: PrometheusVersion,
  features: parse.ParseFeatures = {},
): string[] {
  const out: string[] = [];
  for (const e of exprs) {
    const fast = parsePromQLFast(e, version, features);
    if (fast && !sameResult(fast, parse.parsePromQLFull(e, version, features))) out.push(e);
  }
  return out;
}

/** The share of the expressions the full path accepts that the fast path answers. */
function coverage(exprs: Iterable<string>, version: PrometheusVersion): { valid: number; answered: number } {
  let valid = 0;
  let answered = 0;
  for (const e of exprs) {
    if (parse.parsePromQLFull(e, version).errors.length > 0) continue;
    valid++;
    if (parsePromQLFast(e, version)) answered++;
  }
  return { valid, answered };
}

function exprsIn(doc: unknown, out: string[]): void {
  if (Array.isArray(doc)) doc.forEach((d) => exprsIn(d, out));
  else if (doc && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) {
      if (k === 'expr' && typeof v === 'string') out.push(v);
      else exprsIn(v, out);
    }
  }
}

function fixtureExprs(): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) jsyaml.loadAll(fs.readFileSync(p, 'utf8'), (doc) => exprsIn(doc, out));
    }
  };
  walk(path.join(__dirname, '..', 'lint', 'fixtures'));
  return [...new Set(out)];
}

const corpusExprs = [...new Set((corpus as { cases: Array<{ expr: string }> }).cases.map((c) => c.expr))];

describe('PromQL fast path', () => {
  it.each(VERSIONS)('answers as the full path does on the corpus (Prometheus %s)', (_, version) => {
    expect(disagreements(corpusExprs, version)).toEqual([]);
  });

  it('answers as the full path does on the corpus with every feature flag on', () => {
    const all = { experimentalFunctions: true, durationExpressions: true, extendedRangeSelectors: true };
    expect(disagreements(corpusExprs, LATEST, all)).toEqual([]);
    expect(disagreements(fixtureExprs(), LATEST, all)).toEqual([]);
  });

  it('answers for most of the corpus expressions the full path accepts, and for none it refuses', () => {
    const { valid, answered } = coverage(corpusExprs, LATEST);
    // The corpus is mostly edge cases (comments, odd numbers, keywords as names, `@`, ...): most are left.
    expect(answered / valid).toBeGreaterThan(0.85);
    const refused = corpusExprs.filter((e) => parse.parsePromQLFull(e, LATEST).errors.length > 0);
    expect(refused.filter((e) => parsePromQLFast(e, LATEST))).toEqual([]);
  });

  it.each(VERSIONS)('answers as the full path does on the lint fixtures (Prometheus %s)', (_, version) => {
    expect(disagreements(fixtureExprs(), version)).toEqual([]);
  });

  it('answers for at least 95% of the lint fixtures', () => {
    const { valid, answered } = coverage(fixtureExprs(), LATEST);
    expect(valid).toBeGreaterThan(100);
    expect(answered / valid).toBeGreaterThanOrEqual(0.95);
  });

  it('answers as the full path does for every expression the examples synthesize, and for at least 95%', () => {
    const calls = new Map<string, Parameters<typeof parse.parsePromQL>>();
    const original = parse.parsePromQL;
    const spy = jest.spyOn(parse, 'parsePromQL').mockImplementation((...args) => {
      calls.set(JSON.stringify(args), args);
      return original(...args);
    });
    try {
      buildExamplesApp(tempDir()).synthesizeFiles();
    } finally {
      spy.mockRestore();
    }
    expect(calls.size).toBeGreaterThan(300);
    const wrong: string[] = [];
    let answered = 0;
    for (const [key, [expr, version, features]] of calls) {
      const fast = parsePromQLFast(expr, version, features);
      if (!fast) continue;
      answered++;
      if (!sameResult(fast, parse.parsePromQLFull(expr, version, features))) wrong.push(key);
    }
    expect(wrong).toEqual([]);
    expect(answered / calls.size).toBeGreaterThanOrEqual(0.95);
    const exprs = new Set([...calls.values()].map(([e]) => e));
    for (const [, version] of VERSIONS) expect(disagreements(exprs, version)).toEqual([]);
  });

  it('answers as the full path does for a call of every function, with and without experimental functions', () => {
    const exprs = [...FUNCTIONS.keys()].flatMap((f) => [`${f}()`, `${f}(x)`, `${f}(x[5m], 1)`, `${f}(x, "a", 1)`]);
    for (const [, version] of VERSIONS) {
      expect(disagreements(exprs, version)).toEqual([]);
      expect(disagreements(exprs, version, { experimentalFunctions: true })).toEqual([]);
    }
  });

  it("binds operators as Prometheus does, as the full path does after re-binding lezer's tree", () => {
    // lezer reads `(-1) ^ 2` and `(a + b offset 5m) * c`; Prometheus `-(1 ^ 2)` and `a + (b offset 5m * c)`
    // (test/promql/binding.test.ts checks the values with promtool). Both paths give Prometheus's tree.
    for (const e of ['-1 ^ 2', '2 ^ -1 ^ 2', 'a + b offset 5m * c', 'a or b[5m:] and c', '-a[5m:] ^ 2', '-a ^ 2']) {
      const fast = parsePromQLFast(e, LATEST);
      expect(fast).toBeDefined();
      expect(fast).toEqual(parse.parsePromQLFull(e, LATEST));
    }
    // A postfix on a signed number stays with the full path.
    for (const e of ['-1[5m:]', '-1 offset 5m']) expect(parsePromQLFast(e, LATEST)).toBeUndefined();
  });
});

// ---- generated expressions ---------------------------------------------------------------------------------

const word = (w: string): fc.Arbitrary<string> => fc.constantFrom(w, w.toUpperCase());
const space = fc.constantFrom(' ', '', '  ', '\n', ' # c\n');
const metric = fc.constantFrom('up', 'http_requests_total', 'job:errors:rate5m', 'a', 'rate', 'sum', 'inf', 'offset');
const labelName = fc.constantFrom('job', 'le', 'quantile', 'by', 'on', 'group', 'offset', 'bool', 'sum');
const labelValue = fc.constantFrom('"api"', "'5..'", '`a|b`', '".+"', '"a\\"b"', '"\\u00e9"', '"(?<n>x)"', '"["');
const duration = fc.constantFrom('5m', '1h30m', '2d', '1ms', '0s', '300', '5m1h', '1y');
const number = fc.constantFrom('1', '0.5', '1e3', '.5', '5.', '0x1f', 'Inf', 'NaN', '1e400', '100');
const binaryOp = fc.constantFrom(
  '^',
  '*',
  '/',
  '%',
  'atan2',
  '+',
  '-',
  '==',
  '!=',
  '>',
  '<',
  '>=',
  '<=',
  'and',
  'or',
  'unless',
);
const matcher = fc
  .tuple(labelName, fc.constantFrom('=', '!=', '=~', '!~'), labelValue)
  .map(([l, op, v]) => `${l}${op}${v}`);
const selector = fc
  .tuple(
    fc.option(metric, { nil: undefined }),
    fc.option(fc.array(matcher, { maxLength: 3 }), { nil: undefined }),
    fc.boolean(),
  )
  .map(([m, ms, trailing]) => `${m ?? ''}${ms ? `{${ms.join(', ')}${trailing && ms.length ? ',' : ''}}` : ''}`)
  .filter((s) => s.length > 0);
const grouping = fc
  .tuple(fc.constantFrom('by', 'without', 'BY'), fc.array(labelName, { maxLength: 3 }))
  .map(([w, ls]) => `${w} (${ls.join(', ')})`);
const matching = fc
  .tuple(
    fc.option(word('bool'), { nil: undefined }),
    fc.option(
      fc.tuple(
        fc.constantFrom('on', 'ignoring', 'ON'),
        fc.array(labelName, { maxLength: 2 }),
        fc.option(
          fc.tuple(fc.constantFrom('group_left', 'group_right'), fc.option(fc.array(labelName, { maxLength: 2 }))),
          { nil: undefined },
        ),
      ),
      { nil: undefined },
    ),
  )
  .map(([b, m]) => {
    let out = b ? ` ${b}` : '';
    if (m) {
      out += ` ${m[0]}(${m[1].join(',')})`;
      if (m[2]) out += ` ${m[2][0]}${m[2][1] ? `(${m[2][1].join(',')})` : ''}`;
    }
    return out;
  });

/** Expressions of any shape, mostly well-formed, some not: type errors and odd corners included. */
const anyExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    selector,
    number,
    fc.constantFrom('"s"', "'x'"),
    fc.tuple(selector, duration).map(([s, d]) => `${s}[${d}]`),
    fc.tuple(tie('e'), duration, fc.option(duration)).map(([e, r, s]) => `${e}[${r}:${s ?? ''}]`),
    fc.tuple(tie('e'), duration).map(([e, d]) => `${e} offset ${d}`),
    fc
      .tuple(
        fc.constantFrom('rate', 'abs', 'histogram_quantile', 'clamp', 'vector', 'time', 'label_replace'),
        fc.array(tie('e'), { maxLength: 3 }),
      )
      .map(([f, args]) => `${f}(${args.join(', ')})`),
    fc
      .tuple(
        fc.constantFrom('sum', 'avg', 'topk', 'quantile', 'count_values', 'limitk', 'SUM'),
        fc.option(grouping, { nil: undefined }),
        fc.array(tie('e'), { minLength: 1, maxLength: 2 }),
        fc.boolean(),
      )
      .map(([a, g, args, before]) =>
        g && before ? `${a} ${g} (${args.join(', ')})` : `${a}(${args.join(', ')})${g ? ` ${g}` : ''}`,
      ),
    fc
      .tuple(tie('e'), space, binaryOp, matching, space, tie('e'))
      .map(([a, s1, op, m, s2, b]) => `${a}${s1 || ' '}${op}${m}${s2 || ' '}${b}`),
    fc.tuple(fc.constantFrom('-', '+', '- '), tie('e')).map(([op, e]) => `${op}${e}`),
    tie('e').map((e) => `(${e})`),
  ),
})).e;

/** Well-formed expressions, deep in operators: precedence, associativity, signs and postfixes. */
const atom = fc.oneof(
  fc.constantFrom('a', 'b{job="x"}', '1', '2.5', 'Inf', 'NaN', 'a[5m]', 'b offset 1h', 'a[5m] offset 1m', 'c[1h:5m]'),
  fc.constantFrom('rate(a[5m])', 'sum by (job) (a)', 'topk(3, a)', 'time()', 'sum(a)[5m:]', '(a)[1h:] offset 5m'),
);
const operatorExpr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'medium', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), binaryOp, matching, tie('e')).map(([a, op, m, b]) => `${a} ${op}${m} ${b}`),
    fc.tuple(fc.constantFrom('-', '+'), tie('e')).map(([op, e]) => `${op}${e}`),
    tie('e').map((e) => `(${e})`),
    fc.tuple(fc.constantFrom('abs', 'sum', 'max by (a)'), tie('e')).map(([f, e]) => `${f}(${e})`),
  ),
})).e;

describe('PromQL fast path, generated expressions', () => {
  it('answers as the full path does on deep operator expressions', () => {
    let answered = 0;
    fc.assert(
      fc.property(operatorExpr, fc.constantFrom(...VERSIONS), (e, [, version]) => {
        const fast = parsePromQLFast(e, version);
        if (!fast) return true;
        answered++;
        if (!sameResult(fast, parse.parsePromQLFull(e, version)))
          throw new Error(`${JSON.stringify(e)}: fast and full differ`);
        return true;
      }),
      { numRuns: RUNS },
    );
    if (process.env.FAST_PARSE_SAMPLE) console.log(fc.sample(operatorExpr, 10).join('\n'), answered);
    expect(answered).toBeGreaterThan(RUNS / 3);
  });

  it('answers as the full path does whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(anyExpr, fc.constantFrom(...VERSIONS), fc.boolean(), (e, [, version], flags) => {
        const features = flags ? { experimentalFunctions: true, durationExpressions: true } : {};
        const fast = parsePromQLFast(e, version, features);
        if (!fast) return true;
        answered++;
        const full = parse.parsePromQLFull(e, version, features);
        if (!sameResult(fast, full)) throw new Error(`${JSON.stringify(e)}: fast and full differ`);
        return true;
      }),
      { numRuns: RUNS },
    );
    if (process.env.FAST_PARSE_SAMPLE) console.log(fc.sample(anyExpr, 15).join('\n'), answered);
    // Not a vacuous property: the fast path answers for a good share of what is generated.
    expect(answered).toBeGreaterThan(RUNS / 5);
  });

  it('answers as the full path does on corpus and fixture expressions with other whitespace and comments', () => {
    const cases = [...corpusExprs, ...fixtureExprs()].filter((e) => /\s/.test(e) && !/["'`]/.test(e));
    const gap = fc.constantFrom(' ', '', '\n', '\t', ' # c\n', '\n# c\n  ');
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.array(gap, { minLength: 1, maxLength: 8 }), (e, gaps) => {
        let i = 0;
        const variant = e.replace(/\s+/g, () => gaps[i++ % gaps.length]);
        const fast = parsePromQLFast(variant, LATEST);
        return !fast || sameResult(fast, parse.parsePromQLFull(variant, LATEST));
      }),
      { numRuns: RUNS },
    );
  });

  it('answers as the full path does on PromQL-flavoured noise', () => {
    const token = fc.constantFrom(
      'sum',
      'rate(',
      'foo',
      '(',
      ')',
      '{',
      'a="b"',
      '}',
      '[5m]',
      '[5m:]',
      ',',
      '"a"',
      'by (a)',
      'offset 5m',
      '@ 1',
      '1',
      '-',
      '+',
      '^',
      '*',
      'and',
      '>',
      'bool',
      'on(a)',
      'group_left',
      'Inf',
      '#',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (ts) => {
        const e = ts.join(' ');
        const fast = parsePromQLFast(e, LATEST);
        return !fast || sameResult(fast, parse.parsePromQLFull(e, LATEST));
      }),
      { numRuns: RUNS },
    );
  });
});
