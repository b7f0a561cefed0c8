/**
 * Go's number formatting as Prometheus's alert templates print numbers: `{{ $value }}` (fmt's `%v`),
 * `printf "%.2f"`, and the `humanize*` functions (`%.4g` with SI or binary prefixes). Rounding works on the
 * exact decimal value of the float64, half to even, as Go's strconv does.
 */

/** The exact decimal digits of a finite, non-negative number: value = 0.digits × 10^point. */
interface Decimal {
  digits: string;
  point: number;
}

function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biased === 0) exp2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exp2 = biased - 1075;
  }
  let digits: string;
  let point: number;
  if (exp2 >= 0) {
    digits = (mantissa << BigInt(exp2)).toString();
    point = digits.length;
  } else {
    digits = (mantissa * 5n ** BigInt(-exp2)).toString();
    point = digits.length + exp2;
  }
  return trim({ digits, point });
}

function trim(d: Decimal): Decimal {
  let digits = d.digits.replace(/0+$/, '');
  let point = d.point;
  const lead = /^0*/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(lead);
  point -= lead;
  if (digits === '') point = 0;
  return { digits, point };
}

/** Rounds to `nd` digits (half to even on the exact value). */
function roundTo(d: Decimal, nd: number): Decimal {
  if (nd < 0) return { digits: '', point: 0 };
  if (nd >= d.digits.length) return d;
  const next = d.digits.charCodeAt(nd) - 48;
  const rest = d.digits.slice(nd + 1);
  const kept = d.digits.slice(0, nd);
  let up = next > 5 || (next === 5 && /[1-9]/.test(rest));
  if (next === 5 && !/[1-9]/.test(rest)) up = nd > 0 && (kept.charCodeAt(nd - 1) - 48) % 2 === 1;
  if (!up) return trim({ digits: kept, point: d.point });
  const n = (BigInt(kept || '0') + 1n).toString();
  const grown = n.length > kept.length;
  return trim({ digits: n, point: d.point + (grown ? 1 : 0) });
}

/** Shortest round-trip digits, as JavaScript and Go both compute them. */
function shortest(x: number): Decimal {
  const [mant, exp] = x.toExponential().split('e');
  return trim({ digits: mant.replace('.', ''), point: Number(exp) + 1 });
}

function special(x: number): string | undefined {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  return undefined;
}

function fixed(d: Decimal, prec: number): string {
  const r = roundTo(d, d.point + prec);
  const digits = r.digits;
  const intPart = r.point > 0 ? digits.slice(0, r.point) + '0'.repeat(Math.max(0, r.point - digits.length)) : '0';
  let frac = '';
  for (let i = 0; i < prec; i++) {
    const pos = r.point + i;
    frac += pos >= 0 && pos < digits.length ? digits[pos] : '0';
  }
  return prec > 0 ? `${intPart}.${frac}` : intPart;
}

function exponent(d: Decimal, prec: number): string {
  // prec digits after the point; d already rounded to prec + 1 digits.
  const digits = (d.digits || '0').padEnd(prec + 1, '0');
  const e = d.digits === '' ? 0 : d.point - 1;
  const mant = prec > 0 ? `${digits[0]}.${digits.slice(1, prec + 1)}` : digits[0];
  const abs = Math.abs(e);
  return `${mant}e${e < 0 ? '-' : '+'}${abs < 10 ? `0${abs}` : abs}`;
}

/** Go's `%.<prec>f`. */
export function goFixed(x: number, prec: number): string {
  const s = special(x);
  if (s) return s;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return sign + fixed(exactDecimal(Math.abs(x)), prec);
}

/** Go's `%.<prec>e`. */
export function goExp(x: number, prec: number): string {
  const s = special(x);
  if (s) return s;
  const sign = x < 0 ? '-' : '';
  return sign + exponent(roundTo(exactDecimal(Math.abs(x)), prec + 1), prec);
}

/** Go's `%g` with a precision, or the shortest representation (`%v`, `%g`) when `prec` is undefined. */
export function goG(x: number, prec?: number): string {
  const s = special(x);
  if (s) return s;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  if (a === 0) return `${sign}0`;
  let d: Decimal;
  let eprec: number;
  if (prec === undefined) {
    d = shortest(a);
    eprec = 6;
  } else {
    const p = prec === 0 ? 1 : prec;
    d = roundTo(exactDecimal(a), p);
    eprec = p;
    const nd = d.digits.length;
    if (eprec > nd && nd >= d.point) eprec = nd;
  }
  const nd = Math.max(d.digits.length, 1);
  const exp = d.digits === '' ? 0 : d.point - 1;
  if (exp < -4 || exp >= eprec) return sign + exponent(d, nd - 1);
  return sign + fixed(d, Math.max(nd - d.point, 0));
}

/** `{{ $value }}`: Go's `%v` of a float64. */
export const goValue = (x: number): string => goG(x);

const BIG = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
const SMALL = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'];

/** Prometheus's `humanize`. */
export function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goG(v, 4);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of BIG) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return `${goG(v, 4)}${prefix}`;
  }
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goG(v, 4)}${prefix}`;
}

/** Prometheus's `humanize1024`. */
export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !Number.isFinite(v)) return goG(v, 4);
  let prefix = '';
  for (const p of ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi']) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return `${goG(v, 4)}${prefix}`;
}

/** Prometheus's `humanizeDuration` (seconds). */
export function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return goG(v, 4);
  if (v === 0) return `${goG(v, 4)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const a = Math.abs(v);
    const whole = Math.trunc(a);
    const seconds = whole % 60;
    const minutes = Math.trunc(whole / 60) % 60;
    const hours = Math.trunc(whole / 3600) % 24;
    const days = Math.trunc(whole / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${goG(a, 4)}s`;
  }
  let prefix = '';
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goG(v, 4)}${prefix}s`;
}

/** Prometheus's `humanizePercentage`. */
export const humanizePercentage = (v: number): string => `${goG(v * 100, 4)}%`;

/**
 * Go's `fmt.Sprintf` for the verbs alert templates use: `%v %s %d %f %e %g %q`-less subset with an optional
 * precision (`%.2f`) and `%%`. @throws Error for anything else (the caller reports it as not renderable).
 */
export function goSprintf(format: string, args: readonly unknown[]): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    i++;
    if (format[i] === '%') {
      out += '%';
      continue;
    }
    let prec: number | undefined;
    if (format[i] === '.') {
      i++;
      let digits = '';
      while (i < format.length && /[0-9]/.test(format[i])) digits += format[i++];
      prec = digits === '' ? 0 : Number(digits);
    }
    const verb = format[i];
    if (verb === undefined || !'vsdfeg'.includes(verb))
      throw new Error(`printf verb "%${format.slice(i, i + 1)}" is not supported`);
    if (argIndex >= args.length) throw new Error('printf: missing argument');
    const arg = args[argIndex++];
    if (typeof arg === 'number') {
      switch (verb) {
        case 'v':
        case 'g':
          out += goG(arg, prec);
          break;
        case 'f':
          out += goFixed(arg, prec ?? 6);
          break;
        case 'e':
          out += goExp(arg, prec ?? 6);
          break;
        case 'd':
          if (!Number.isInteger(arg)) throw new Error('printf %d of a float');
          out += String(arg);
          break;
        default:
          throw new Error(`printf %${verb} of a number`);
      }
    } else if (typeof arg === 'string') {
      if (verb !== 's' && verb !== 'v') throw new Error(`printf %${verb} of a string`);
      out += prec === undefined ? arg : Array.from(arg).slice(0, prec).join('');
    } else {
      throw new Error('printf of a value that is neither a number nor a string');
    }
  }
  if (argIndex < args.length) throw new Error('printf: extra arguments');
  return out;
}
