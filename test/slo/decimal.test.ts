import fc from 'fast-check';
import { Rational, formatExact } from '../../src/slo';

describe('Rational (exact decimals)', () => {
  it('computes error budgets without float noise', () => {
    const budget = (objective: number): string => formatExact(new Rational(1n).sub(Rational.of(objective).div(100)));
    expect(budget(99.9)).toBe('0.001');
    expect(budget(99.99)).toBe('0.0001');
    expect(budget(99.95)).toBe('0.0005');
    expect(budget(99.5)).toBe('0.005');
    expect(budget(95)).toBe('0.05');
    expect(budget(99.999)).toBe('0.00001');
    // What float arithmetic gives, for contrast.
    expect(String(1 - 99.9 / 100)).not.toBe('0.001');
  });

  it('parses decimal literals, exponents included, and refuses anything else', () => {
    expect(Rational.parse('14.4')?.toDecimal()).toBe('14.4');
    expect(Rational.parse('1e-3')?.toDecimal()).toBe('0.001');
    expect(Rational.parse('-2.50')?.toDecimal()).toBe('-2.5');
    expect(Rational.parse('2.5E2')?.toDecimal()).toBe('250');
    for (const bad of ['', 'abc', '1.2.3', '0x10', 'NaN', 'Inf', '1e']) expect(Rational.parse(bad)).toBeUndefined();
  });

  it('keeps a JavaScript number as the user wrote it', () => {
    expect(Rational.of(99.9).cmp(new Rational(999n, 10n))).toBe(0);
    expect(Rational.of(0.1).add(0.2).toDecimal()).toBe('0.3');
    expect(() => Rational.of(NaN)).toThrow(/not a finite number/);
  });

  it('renders non-terminating values to 4 significant digits, terminating ones exactly', () => {
    expect(formatExact(new Rational(14n, 15n))).toBe('0.9333');
    expect(formatExact(new Rational(1n, 3n))).toBe('0.3333');
    expect(formatExact(new Rational(200n, 3n))).toBe('66.67');
    expect(formatExact(new Rational(336n, 25n))).toBe('13.44');
    expect(formatExact(new Rational(1n, 1024n))).toBe('0.0009765625');
    expect(new Rational(2n, 3n).toSignificant(2)).toBe('0.67');
    expect(new Rational(-1n, 8n).toDecimal()).toBe('-0.125');
  });

  it('agrees with exact arithmetic on random decimals (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (a, ea, b, eb) => {
          const x = new Rational(BigInt(a), 10n ** BigInt(ea));
          const y = new Rational(BigInt(b), 10n ** BigInt(eb));
          // (x + y) - y == x, (x * y) / y == x, and rendering round-trips.
          expect(x.add(y).sub(y).cmp(x)).toBe(0);
          expect(x.mul(y).div(y).cmp(x)).toBe(0);
          expect(Rational.parse(formatExact(x))?.cmp(x)).toBe(0);
        },
      ),
    );
  });
});
