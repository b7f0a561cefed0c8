/**
 * Property tests (fast-check) for the lint loader: on any bytes it returns diagnostics (never throws, never
 * hangs); on generated rule files it reads every rule and puts each diagnostic inside the file; reformatting a
 * file (indentation, flow vs block style, quoting) does not change what it finds.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { lintSources } from '../../src/lint';

/** A hang guard, not a performance test: one input taking this long means a runaway loop. */
const PER_INPUT_BOUND_MS = 5000;

const lint = (content: string | Uint8Array) => lintSources([{ path: 'x.yaml', content }], { threads: 1 });

const yamlNoise = fc
  .array(
    fc.constantFrom(
      'groups:',
      '- name: g',
      '  rules:',
      '  - alert: A',
      '    expr: up == 0',
      '    for: 5m',
      '  - record: a:b:c',
      '&a',
      '*a',
      '[',
      ']',
      '{',
      '}',
      ':',
      '- ',
      '  ',
      '"',
      "'",
      '|',
      '>',
      '#',
      '---',
      '\t',
      '!!str',
      'labels: {severity: critical}',
      '\n',
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,12}$/);
const expr = fc.constantFrom(
  'up == 0',
  'rate(http_requests_total[5m]) > 1',
  'sum by (job) (rate(x_total[5m]))',
  'rate(foo)',
  'count(x[1h])',
  'foo{',
  'histogram_quantile(0.9, sum by (le) (rate(h_bucket[5m]))) > 2',
);
const rule = fc.oneof(
  fc.record({
    alert: name,
    expr,
    for: fc.constantFrom('1m', '5m', undefined),
    labels: fc.constant({ severity: 'warning' }),
  }),
  fc.record({ record: name.map((n) => `job:${n}:rate5m`), expr }),
);
const ruleFile = fc
  .array(fc.record({ name, rules: fc.array(rule, { minLength: 1, maxLength: 5 }) }), { minLength: 1, maxLength: 4 })
  .map((groups) => ({ groups: groups.map((g, i) => ({ ...g, name: `${g.name}-${i}` })) }));

function timedLint(content: string | Uint8Array): ReturnType<typeof lint> {
  const start = Date.now();
  const result = lint(content);
  expect(Date.now() - start).toBeLessThan(PER_INPUT_BOUND_MS);
  return result;
}

describe('lint loader properties', () => {
  it('returns diagnostics for any bytes, never throwing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => Array.isArray(timedLint(b).diagnostics)),
      { numRuns: 1500 },
    );
  });

  it('returns diagnostics for YAML-flavoured noise, never throwing', () => {
    fc.assert(
      fc.property(yamlNoise, (t) => Array.isArray(timedLint(t).diagnostics)),
      { numRuns: 1500 },
    );
  });

  it('reads every rule of a generated file, with every diagnostic inside the file', () => {
    fc.assert(
      fc.property(ruleFile, (file) => {
        const text = stringify(file);
        const result = timedLint(text);
        const lines = text.split('\n').length;
        expect(result.summary.rules).toBe(file.groups.reduce((n, g) => n + g.rules.length, 0));
        for (const d of result.diagnostics) {
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lines);
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('finds the same problems however the YAML is laid out', () => {
    // Messages may cite another rule's position (`as x.yaml:4:16`), which moves with the layout.
    const key = (r: ReturnType<typeof lint>): string[] =>
      r.diagnostics
        .map((d) => `${d.severity} ${d.check} ${d.rule ?? ''} ${d.message.replace(/x\.yaml:\d+:\d+/g, 'x.yaml')}`)
        .sort();
    fc.assert(
      fc.property(
        ruleFile,
        fc.constantFrom(2, 4),
        fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
        (file, indent, defaultStringType) => {
          const block = stringify(file);
          const restyled = stringify(file, { indent, defaultStringType: defaultStringType as 'PLAIN' });
          const flow = JSON.stringify(file); // JSON is YAML too
          const expected = key(timedLint(block));
          expect(key(timedLint(restyled))).toEqual(expected);
          expect(key(timedLint(flow))).toEqual(expected);
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
