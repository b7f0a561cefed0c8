/**
 * Exact decimal arithmetic for the numbers an SLO renders into rules: objectives, error budgets, burn-rate
 * factors, budget shares. Rationals over BigInt, so `1 - 99.9/100` is `0.001` and never `0.000999…`.
 */

/** A rational number `n / d` in lowest terms, `d > 0`. Immutable. */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new Error('Rational: division by zero');
    const sign = d < 0n ? -1n : 1n;
    const g = gcd(abs(n), abs(d)) || 1n;
    this.n = (sign * n) / g;
    this.d = (sign * d) / g;
  }

  /** Parses a decimal literal: `99.9`, `-0.5`, `1e-3`, `14.4`. Returns undefined for anything else. */
  static parse(text: string): Rational | undefined {
    const m = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (!m) return undefined;
    const frac = m[3] ?? '';
    let n = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
    let d = 10n ** BigInt(frac.length);
    const exp = Number(m[4] ?? 0);
    if (exp > 0) n *= 10n ** BigInt(exp);
    else if (exp < 0) d *= 10n ** BigInt(-exp);
    return new Rational(n, d);
  }

  /**
   * The exact value of a JavaScript number as written in its shortest round-trip form (`String(99.9)` is
   * `"99.9"`), which is what a user typing `99.9` means. @throws Error for NaN and infinities.
   */
  static of(x: number | bigint | Rational): Rational {
    if (x instanceof Rational) return x;
    if (typeof x === 'bigint') return new Rational(x);
    if (!Number.isFinite(x)) throw new Error(`Rational: ${x} is not a finite number`);
    return Rational.parse(String(x)) as Rational;
  }

  add(o: number | Rational): Rational {
    const r = Rational.of(o);
    return new Rational(this.n * r.d + r.n * this.d, this.d * r.d);
  }

  sub(o: number | Rational): Rational {
    const r = Rational.of(o);
    return new Rational(this.n * r.d - r.n * this.d, this.d * r.d);
  }

  mul(o: number | Rational): Rational {
    const r = Rational.of(o);
    return new Rational(this.n * r.n, this.d * r.d);
  }

  div(o: number | Rational): Rational {
    const r = Rational.of(o);
    return new Rational(this.n * r.d, this.d * r.n);
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `o`. */
  cmp(o: number | Rational): number {
    const r = Rational.of(o);
    const diff = this.n * r.d - r.n * this.d;
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }

  /** Whether the value has a finite decimal expansion (the denominator has no prime factor but 2 and 5). */
  get isTerminating(): boolean {
    let d = this.d;
    while (d % 2n === 0n) d /= 2n;
    while (d % 5n === 0n) d /= 5n;
    return d === 1n;
  }

  /** The nearest JavaScript number (for comparisons in tests and layout math, never for rendering). */
  toNumber(): number {
    return Number(this.toDecimal(20));
  }

  /**
   * The value as a plain decimal string (no exponent): exact when the expansion terminates within
   * `maxFractionDigits`, else rounded half-up to that many fraction digits with trailing zeros dropped.
   */
  toDecimal(maxFractionDigits = 12): string {
    const neg = this.n < 0n;
    const n = abs(this.n);
    const scale = 10n ** BigInt(maxFractionDigits);
    // Round half up at maxFractionDigits.
    const scaled = (n * scale * 2n + this.d) / (this.d * 2n);
    const int = scaled / scale;
    let frac = (scaled % scale).toString().padStart(maxFractionDigits, '0').replace(/0+$/, '');
    if (maxFractionDigits === 0) frac = '';
    const body = frac ? `${int}.${frac}` : `${int}`;
    return neg && body !== '0' ? `-${body}` : body;
  }

  /**
   * The value rounded to `digits` significant digits (exact when it has no more), as a plain decimal:
   * `14/15` -> `0.9333`, `13.44` -> `13.44`.
   */
  toSignificant(digits = 4): string {
    if (this.n === 0n) return '0';
    const a = abs(this.n);
    // Number of integer digits of |value| (may be <= 0 for values below 1).
    let intDigits = (a / this.d).toString().length;
    if (a < this.d) {
      intDigits = 0;
      let x = a * 10n;
      while (x < this.d) {
        x *= 10n;
        intDigits--;
      }
    }
    const fractionDigits = Math.max(0, digits - intDigits);
    return this.toDecimal(fractionDigits);
  }

  toString(): string {
    return this.toDecimal();
  }
}

/** Renders a rational for a rule file: exact if it terminates within 12 fraction digits, else 4 significant digits. */
export function formatExact(r: Rational): string {
  if (r.isTerminating) {
    const exact = r.toDecimal(12);
    if (Rational.parse(exact)?.cmp(r) === 0) return exact;
  }
  return r.toSignificant(4);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}
