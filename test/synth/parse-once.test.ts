/**
 * Each expression is parsed once per synth: constructs' own checks, the rule checks and the cross-rule checks
 * share results (the rule-check core keeps them; PromQL analysis is cached per release and flags).
 */
import * as parse from '../../src/promql/parse';
import { buildExamplesApp } from '../../examples/app';
import { tempDir } from '../support/synth';

describe('one parse per expression per synth', () => {
  it('the four examples: no expression is parsed twice for the same release and flags', () => {
    const seen = new Map<string, number>();
    const original = parse.parsePromQL;
    const spy = jest.spyOn(parse, 'parsePromQL').mockImplementation((...args: Parameters<typeof parse.parsePromQL>) => {
      const [expr, version, options] = args;
      const key = JSON.stringify([expr, version, options ?? {}]);
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return original(...args);
    });
    try {
      buildExamplesApp(tempDir()).synthesizeFiles();
    } finally {
      spy.mockRestore();
    }
    const twice = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
    expect(seen.size).toBeGreaterThan(300); // the examples hold hundreds of distinct expressions
    expect(twice).toEqual([]);
  });
});
