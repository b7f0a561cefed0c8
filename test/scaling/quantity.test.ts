import fc from 'fast-check';
import { isQuantity, parseQuantity, quantityString, quantityValue } from '../../src/scaling';

describe('Kubernetes quantities', () => {
  test.each<[string, number]>([
    ['10', 10],
    ['500m', 0.5],
    ['2Ki', 2048],
    ['1Gi', 2 ** 30],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['2k', 2000],
    ['1M', 1e6],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1E', 1e18],
    ['+3', 3],
    ['-1', -1],
    ['1e-3', 0.001],
  ])('%s is %d', (text, value) => {
    expect(isQuantity(text)).toBe(true);
    expect(parseQuantity(text)).toBeCloseTo(value, 10);
  });

  test.each(['', 'ten', '10 ', '1KB', '1ki', '--1', '1.2.3', 'Mi', '0x10', '1e'])('%j is not a quantity', (text) => {
    expect(isQuantity(text)).toBe(false);
    expect(parseQuantity(text)).toBeUndefined();
  });

  it('keeps strings as written and writes numbers in a form that parses back to the same value', () => {
    expect(quantityString('10')).toBe('10');
    expect(quantityString(800)).toBe('800');
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e21, noNaN: true }), (n) => {
        const s = quantityString(n);
        expect(isQuantity(s)).toBe(true);
        expect(parseQuantity(s)).toBeCloseTo(n, 6);
      }),
    );
  });

  it('has no value for non-finite numbers or junk', () => {
    expect(quantityValue(Infinity)).toBeUndefined();
    expect(quantityValue(NaN)).toBeUndefined();
    expect(quantityValue('x')).toBeUndefined();
    expect(quantityValue('250m')).toBe(0.25);
  });
});
