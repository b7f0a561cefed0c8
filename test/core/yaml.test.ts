import fc from 'fast-check';
import { parse } from 'yaml';
import { isTypedAsNonString, toYaml } from '../../src/core';
import { toYamlByDocument } from '../../src/core/yaml';
import { itWithPyYaml, loadWithPyYaml } from '../support/pyyaml';

describe('isTypedAsNonString', () => {
  it.each([
    '=',
    '<<',
    'yes',
    'No',
    'on',
    'OFF',
    'y',
    'N',
    'true',
    '~',
    'null',
    '',
    '09:00',
    '1:30:00',
    '0o17',
    '017',
    '0x1F',
    '0b101',
    '1_000',
    '1e3',
    '1.5e-3',
    '.5',
    '-.inf',
    '.NaN',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '+12',
  ])('quotes %j', (s) => {
    expect(isTypedAsNonString(s)).toBe(true);
    expect(toYaml({ k: s })).toBe(`k: "${s}"\n`);
  });

  it.each(['=~', 'foo', 'a=b', '<', 'yess', '5m', '1.2.3', 'monday:friday', '0.99 quantile', 'NaNa', 'ye s'])(
    'leaves %j plain',
    (s) => {
      expect(isTypedAsNonString(s)).toBe(false);
      expect(toYaml({ k: s })).toBe(`k: ${s}\n`);
    },
  );

  it('escapes what YAML 1.1 readers refuse or read as line breaks', () => {
    expect(toYaml({ k: 'a\u2028b\u0085c\u007f' })).toBe('k: "a\\u2028b\\x85c\\x7f"\n');
    expect(toYaml({ k: ' lead', t: 'trail ', tab: 'a\tb' })).toBe('k: " lead"\nt: "trail "\ntab: "a\\tb"\n');
  });

  it('quotes keys too', () => {
    expect(toYaml({ on: 'x', '<<': 'y' })).toBe('"on": x\n"<<": "y"\n');
  });
});

/** Strings built from the pieces YAML schemas type on: digits, signs, colons, dots, words of the 1.1 booleans. */
const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '0',
        '1',
        '7',
        '9',
        '_',
        ':',
        '.',
        '-',
        '+',
        'e',
        'E',
        'x',
        'o',
        'b',
        'y',
        'n',
        'Y',
        'N',
        'on',
        'off',
        'yes',
        'no',
        'true',
        'False',
        'null',
        '~',
        '=',
        '<<',
        '<',
        'inf',
        'NaN',
        'T',
        'Z',
        ' ',
        '\t',
        '#',
        '"',
        "'",
        '\\',
        '{',
        '[',
        '&',
        '*',
        '!',
        '|',
        '>',
        '%',
        '@',
        '`',
        ',',
        '?',
        '\n',
        '2001-12-14',
        '\u00e9',
        '\u2028',
        '\u0085',
      ),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const values = fc.oneof(
  yamlish,
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.array(yamlish, { maxLength: 4 }).map((lines) => lines.join('\n')),
  fc.dictionary(yamlish, fc.oneof(yamlish, fc.array(yamlish, { maxLength: 3 })), { maxKeys: 4 }),
);

describe('toYaml through a YAML 1.1 reader (PyYAML)', () => {
  itWithPyYaml(
    'loads every generated value back exactly as written',
    (python) => {
      const cases = fc.sample(values, { numRuns: 3000, seed: 20261205 });
      const results = loadWithPyYaml(
        python,
        cases.map((v) => toYaml({ v })),
      );
      const mismatches = cases
        .map((v, i) => ({ v, yaml: toYaml({ v }), got: results[i] }))
        .filter(({ v, got }) => !got.ok || JSON.stringify(got.documents) !== JSON.stringify([{ v }]));
      expect(mismatches.slice(0, 5)).toEqual([]);
    },
    60000,
  );

  itWithPyYaml(
    'reads what the YAML 1.2 reader reads (both schemas agree on every generated value)',
    (python) => {
      const cases = fc.sample(values, { numRuns: 500, seed: 7 });
      for (const v of cases) expect(parse(toYaml({ v }))).toEqual({ v });
      expect(loadWithPyYaml(python, ['k: =\n'])[0].ok).toBe(false); // the oracle can tell: an unquoted = breaks PyYAML
    },
    60000,
  );
});

describe('the fast writer gives the bytes of the document model', () => {
  // Characters that steer the `yaml` package's choices: indicators, quotes, white space, line breaks, digits
  // and letters of typed scalars, document markers, escaped characters.
  const piece = fc.constantFrom(
    'a',
    'b',
    'y',
    'n',
    'N',
    'o',
    'true',
    'null',
    '~',
    '0',
    '1',
    '7',
    '0x1f',
    '0o7',
    '1e3',
    '.5',
    '.inf',
    '.nan',
    '12:30',
    '2026-12-05',
    ' ',
    '  ',
    '\t',
    '\n',
    '\n\n',
    '\r',
    ':',
    ': ',
    ' #',
    '#',
    '-',
    '- ',
    '?',
    '? ',
    ',',
    '[',
    ']',
    '{',
    '}',
    '&',
    '*',
    '!',
    '|',
    '>',
    "'",
    '"',
    '%',
    '@',
    '`',
    '---',
    '...',
    '=',
    '<<',
    '\\',
    'é',
    '—',
    '😀',
    '\u0085',
    '\u00a0',
    '\u2028',
    '\ufeff',
    '\x00',
    '\x1b',
    '\x7f',
    '{{ $labels.job }}',
    'sum(rate(x{job="a"}[5m]))',
  );
  const str = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
  const leaf = fc.oneof(
    str,
    fc.constantFrom(
      null,
      true,
      false,
      0,
      1,
      -1,
      0.5,
      0.999,
      1e21,
      1e-7,
      -0,
      3.25,
      100,
      Number.NaN,
      Infinity,
      undefined,
    ),
    fc.integer(),
    fc.double(),
  );
  const { tree } = fc.letrec((tie) => ({
    tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('arr'), tie('obj')),
    arr: fc.array(tie('tree'), { maxLength: 4 }),
    obj: fc.dictionary(str, tie('tree'), { maxKeys: 4 }),
  }));

  it('for random documents', () => {
    fc.assert(
      fc.property(fc.dictionary(str, tree, { maxKeys: 5 }), (doc) => {
        expect(toYaml(doc)).toBe(toYamlByDocument(doc));
      }),
      { numRuns: 3000 },
    );
  });

  it('for long keys, deep nesting and empty collections', () => {
    const docs: unknown[] = [
      { ['k'.repeat(1030)]: 1, ['k'.repeat(1020)]: 2 },
      { a: { b: [[[], {}], [{ c: [] }], { d: {} }], e: [null, [null]] } },
      { s: 'x\n', t: 'x\n\n', u: '\nx', v: ' x\ny', w: 'x\n  y\n', z: 'a\n\n\nb' },
      Object.assign(Object.create(null) as object, { a: 1 }),
      {},
      [],
      'scalar',
    ];
    for (const d of docs) expect(toYaml(d)).toBe(toYamlByDocument(d));
  });
});
