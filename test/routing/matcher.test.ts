import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { Matcher, UNKNOWN, matchAll, parseMatcher, quoteMatcherValue } from '../../src/routing';
import { toYaml } from '../../src/core';
import { itWithAmtool, runAmtool } from '../support/amtool';
import { tempDir } from '../support/synth';

describe('parseMatcher', () => {
  it.each([
    ['severity="critical"', 'severity', '=', 'critical'],
    ['severity=critical', 'severity', '=', 'critical'],
    ['  team != "db"  ', 'team', '!=', 'db'],
    ['team=~"db|platform"', 'team', '=~', 'db|platform'],
    ['team!~"test.*"', 'team', '!~', 'test.*'],
    ['x=""', 'x', '=', ''],
    ['x=', 'x', '=', ''],
    ['x="a\\"b"', 'x', '=', 'a"b'],
    ['x="a\\\\b"', 'x', '=', 'a\\b'],
    ['x="line\\nnext"', 'x', '=', 'line\nnext'],
    ['x="a\\db"', 'x', '=', 'a\\db'], // any other escape keeps its backslash
    ['x=a\\', 'x', '=', 'a\\'], // a trailing backslash is literal
    ['x="a, b"', 'x', '=', 'a, b'],
    ['x=~"\\\\d+"', 'x', '=~', '\\d+'],
  ])('%s -> %s %s %j', (text, name, type, value) => {
    const r = parseMatcher(text);
    expect(r.ok && { name: r.matcher.name, type: r.matcher.type, value: r.matcher.value }).toEqual({
      name,
      type,
      value,
    });
  });

  it.each([
    ['severity', /bad matcher format/],
    ['="x"', /bad matcher format/],
    ['1abc="x"', /bad matcher format/],
    ['x="a"b"', /unescaped double quote/],
    ['x="abc', /unescaped double quote/],
    ['x=a"', /unescaped double quote/],
    ['x=~"(?=a)"', /invalid regex/],
    ['x=~"a("', /invalid regex/],
    ['a:b="c"', /not a label name/],
  ])('refuses %s', (text, error) => {
    const r = parseMatcher(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('Matcher.parse throws the reason', () => {
    expect(() => Matcher.parse('x="a"b"')).toThrow(/unescaped double quote/);
  });
});

describe('Matcher', () => {
  it('matches regexes anchored at both ends', () => {
    const m = Matcher.re('team', 'db|platform');
    expect(m.matches('db')).toBe(true);
    expect(m.matches('platform')).toBe(true);
    expect(m.matches('dbx')).toBe(false);
    expect(m.matches('xdb')).toBe(false);
  });

  it('reads a missing label as ""', () => {
    const labels = new Map<string, string>([['severity', 'critical']]);
    expect(matchAll([Matcher.parse('team!="db"')], labels)).toBe(true);
    expect(matchAll([Matcher.parse('team=~".*"')], labels)).toBe(true);
    expect(matchAll([Matcher.parse('team=~".+"')], labels)).toBe(false);
    expect(matchAll([Matcher.parse('team=""')], labels)).toBe(true);
  });

  it('gives unknown for templated values, false wins over unknown', () => {
    const labels = new Map<string, string | typeof UNKNOWN>([
      ['team', UNKNOWN],
      ['severity', 'warning'],
    ]);
    expect(matchAll([Matcher.eq('team', 'db')], labels)).toBe('unknown');
    expect(matchAll([Matcher.eq('team', 'db'), Matcher.eq('severity', 'critical')], labels)).toBe(false);
    expect(matchAll([Matcher.eq('team', 'db'), Matcher.eq('severity', 'warning')], labels)).toBe('unknown');
  });

  it('prints the quoted form and the CRD form', () => {
    const m = Matcher.parse('x=a"b'.replace('"', '\\"'));
    expect(m.toString()).toBe('x="a\\"b"');
    expect(Matcher.parse('t=~"a|b"').toCrd()).toEqual({ name: 't', value: 'a|b', matchType: '=~' });
    expect(quoteMatcherValue('a\\b\n"')).toBe('"a\\\\b\\n\\""');
  });

  it('refuses bad names and regexes in the constructor', () => {
    expect(() => new Matcher('9x', '=', 'a')).toThrow(/not a label name/);
    expect(() => Matcher.re('x', '(?<=a)b')).toThrow(/invalid regex/);
  });

  it('reads back what it prints, for any value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('=', '!='), (value, op) => {
        const m = new Matcher('x', op as '=' | '!=', value);
        const back = Matcher.parse(m.toString());
        return back.name === 'x' && back.type === op && back.value === value;
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('matchers against amtool 0.25', () => {
  const dir = tempDir('wk-matcher-');

  /** Writes a config whose routes (all `continue`) each hold one matcher on label x; returns its path. */
  function configWith(matchers: readonly Matcher[], name: string): string {
    const file = path.join(dir, `${name}.yml`);
    fs.writeFileSync(
      file,
      toYaml({
        route: {
          receiver: 'none',
          routes: matchers.map((m, i) => ({ receiver: `r${i}`, continue: true, matchers: [m.toString()] })),
        },
        receivers: [{ name: 'none' }, ...matchers.map((_, i) => ({ name: `r${i}` }))],
      }),
    );
    return file;
  }

  /** The receivers amtool routes a label set to, by `x=<arg>`. */
  function amtoolReceivers(file: string, arg: string): { status: number; receivers: string[] } {
    const r = runAmtool(['--no-version-check', 'config', 'routes', 'test', `--config.file=${file}`, arg]);
    return { status: r.status, receivers: r.stdout.trim() === '' ? [] : r.stdout.trim().split(',') };
  }

  itWithAmtool('parses label arguments as we do: same value, same refusals', () => {
    const args = [
      'x=plain',
      'x="quoted"',
      'x="a \\"b\\", c"',
      'x="back\\\\slash"',
      'x="odd\\escape"',
      'x=trailing\\',
      'x="new\\nline"',
      'x=  spaced  ',
      'x="a"b"',
      'x="unterminated',
    ];
    const parsed = args.map(parseMatcher);
    const ok = parsed.flatMap((p) => (p.ok ? [p.matcher] : []));
    const file = configWith(ok, 'parse');
    for (let i = 0; i < args.length; i++) {
      const p = parsed[i];
      const r = amtoolReceivers(file, args[i]);
      if (!p.ok) {
        expect({ arg: args[i], refused: r.status !== 0 }).toEqual({ arg: args[i], refused: true });
      } else {
        // The route holding our parse of this argument matches; routes of other values do not.
        const expected = ok.map((m, j) => (m.value === p.matcher.value ? `r${j}` : '')).filter(Boolean);
        expect({ arg: args[i], receivers: r.receivers }).toEqual({
          arg: args[i],
          receivers: expected.length ? expected : ['none'],
        });
      }
    }
  });

  itWithAmtool('matches regexes as Alertmanager does (anchored RE2), for generated patterns and values', () => {
    const atom = fc.constantFrom(
      'a',
      'b',
      'ab',
      '.',
      '.*',
      '[ab]',
      '[^a]',
      'a+',
      'b?',
      '(a|b)',
      '\\d',
      'x{2}',
      '(?i)A',
    );
    const regexes = fc.sample(
      fc.array(atom, { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
      { seed: 7, numRuns: 40 },
    );
    const matchers = [...new Set(regexes)].map((re) => Matcher.re('x', re));
    const file = configWith(matchers, 'regex');
    expect(runAmtool(['check-config', file]).status).toBe(0);
    for (const value of ['', 'a', 'b', 'ab', 'ba', 'aab', 'A', '1', 'xx', 'abc']) {
      const r = amtoolReceivers(file, `x=${quoteMatcherValue(value)}`);
      const ours = matchers.map((m, i) => (m.matches(value) ? `r${i}` : '')).filter(Boolean);
      expect({ value, receivers: r.receivers }).toEqual({ value, receivers: ours.length ? ours : ['none'] });
    }
  });

  itWithAmtool('refuses the regexes we refuse', () => {
    for (const re of ['(?=a)', 'a(', '(?<n>a)\\k<n>', '[z-a]']) {
      expect(parseMatcher(`x=~${quoteMatcherValue(re)}`).ok).toBe(false);
      const file = path.join(dir, 'bad.yml');
      fs.writeFileSync(
        file,
        toYaml({
          route: { receiver: 'a', routes: [{ matchers: [`x=~${quoteMatcherValue(re)}`] }] },
          receivers: [{ name: 'a' }],
        }),
      );
      expect({ re, status: runAmtool(['check-config', file]).status }).toEqual({ re, status: 1 });
    }
  });
});
