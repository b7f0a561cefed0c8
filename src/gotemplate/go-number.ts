/**
 * Number constants in actions, judged as text/template's parser judges them (`parse.(*Tree).newNumber`):
 * through Go's `strconv.ParseUint`, `ParseInt` and `ParseFloat` with base prefixes (0x, 0o, 0b, leading 0)
 * and digit-separating underscores, so `08` is an "integer overflow" and `1e400` an "illegal number syntax",
 * exactly as Go reports them.
 */
import { goQuote, parseGoCharConstant } from './go-quote';

/** What a number constant turned out to be, or Go's reason for refusing it. */
export type NumberConstant = { ok: true; kind: 'int' | 'float' | 'complex' } | { ok: false; error: string };

const MAX_UINT64 = (1n << 64n) - 1n;
const MAX_INT64 = (1n << 63n) - 1n;

type IntParse = { ok: true; value: bigint } | { ok: false; reason: 'syntax' | 'range' };

/** Go's `underscoreOK`: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s[0] === '+' || s[0] === '-') s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(s[1].toLowerCase())) {
    i = 2;
    saw = '0';
    hex = s[1].toLowerCase() === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i].toLowerCase();
    if ((c >= '0' && c <= '9') || (hex && c >= 'a' && c <= 'f')) saw = '0';
    else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

function digitValue(c: string): number {
  const code = c.toLowerCase().charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 97 + 10;
  return 99;
}

/** Go's `strconv.ParseUint(s, 0, 64)`. */
export function parseGoUint(s: string): IntParse {
  if (s === '') return { ok: false, reason: 'syntax' };
  let base = 10;
  let body = s;
  if (s[0] === '0') {
    const p = s.length >= 3 ? s[1].toLowerCase() : '';
    base = p === 'b' ? 2 : p === 'o' ? 8 : p === 'x' ? 16 : 8;
    body = p === 'b' || p === 'o' || p === 'x' ? s.slice(2) : s.slice(1);
  }
  let underscores = false;
  let n = 0n;
  for (const c of body) {
    if (c === '_') {
      underscores = true;
      continue;
    }
    const d = digitValue(c);
    if (d >= base) return { ok: false, reason: 'syntax' };
    n = n * BigInt(base) + BigInt(d);
    if (n > MAX_UINT64) return { ok: false, reason: 'range' };
  }
  if (underscores && !underscoreOK(s)) return { ok: false, reason: 'syntax' };
  return { ok: true, value: n };
}

/** Go's `strconv.ParseInt(s, 0, 64)`. */
export function parseGoInt(s: string): IntParse {
  const negative = s[0] === '-';
  const unsigned = parseGoUint(s[0] === '+' || s[0] === '-' ? s.slice(1) : s);
  if (!unsigned.ok) return unsigned;
  const limit = negative ? MAX_INT64 + 1n : MAX_INT64;
  return unsigned.value > limit
    ? { ok: false, reason: 'range' }
    : { ok: true, value: negative ? -unsigned.value : unsigned.value };
}

/** The outcome of Go's `strconv.ParseFloat`: a value, or why not ("invalid syntax", "value out of range"). */
type FloatParse = { ok: true; value: number } | { ok: false; reason: 'syntax' | 'range' };

/** Go's `strconv.ParseFloat(s, 64)` for the forms the template lexer can produce; undefined on any error. */
export function parseGoFloat(s: string): number | undefined {
  const r = goParseFloat(s);
  return r.ok ? r.value : undefined;
}

function goParseFloat(s: string): FloatParse {
  const syntax: FloatParse = { ok: false, reason: 'syntax' };
  let i = 0;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  let base = 10;
  if (i + 2 < s.length && s[i] === '0' && s[i + 1].toLowerCase() === 'x') {
    base = 16;
    i += 2;
  }
  const mantissaStart = i;
  let sawDot = false;
  let sawDigits = false;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s[i].toLowerCase();
    if (c === '_') underscores = true;
    else if (c === '.') {
      if (sawDot) break;
      sawDot = true;
    } else if ((c >= '0' && c <= '9') || (base === 16 && c >= 'a' && c <= 'f')) sawDigits = true;
    else break;
  }
  if (!sawDigits) return syntax;
  const mantissa = s.slice(mantissaStart, i).replace(/_/g, '');
  let exponent = 0;
  const expChar = base === 16 ? 'p' : 'e';
  if (i < s.length && s[i].toLowerCase() === expChar) {
    i++;
    let expNegative = false;
    if (s[i] === '+' || s[i] === '-') expNegative = s[i++] === '-';
    if (i >= s.length || s[i] < '0' || s[i] > '9') return syntax;
    let digits = '';
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') underscores = true;
      else digits += s[i];
    }
    exponent = (expNegative ? -1 : 1) * Number(digits);
  } else if (base === 16) return syntax;
  if (underscores && !underscoreOK(s.slice(0, i))) return syntax;
  if (i !== s.length) return syntax;
  const magnitude = base === 16 ? hexFloat(mantissa, exponent) : Number(`${mantissa}e${exponent}`);
  if (!Number.isFinite(magnitude)) return { ok: false, reason: 'range' };
  return { ok: true, value: negative ? -magnitude : magnitude };
}

function hexFloat(mantissa: string, binaryExponent: number): number {
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const value = digits === '' ? 0 : Number(BigInt(`0x${digits}`));
  return value * Math.pow(2, binaryExponent - 4 * fraction.length);
}

/**
 * Reads a complex constant such as `1+2i` as `fmt.Sscan` does into a complex128: two float tokens
 * around a sign, then `i`, each converted by `strconv.ParseFloat`. Returns Go's error, or undefined.
 */
function complexConstantError(text: string): string | undefined {
  let pos = 0;
  const accept = (chars: string): boolean => {
    if (pos < text.length && chars.includes(text[pos])) {
      pos++;
      return true;
    }
    return false;
  };
  const floatToken = (): string => {
    const from = pos;
    if (accept('nN') && accept('aA') && accept('nN')) return text.slice(from, pos);
    accept('+-');
    if (accept('iI') && accept('nN') && accept('fF')) return text.slice(from, pos);
    let digits = '0123456789_';
    let exp = 'eEpP';
    if (accept('0') && accept('xX')) {
      digits = '0123456789aAbBcCdDeEfF_';
      exp = 'pP';
    }
    while (accept(digits));
    if (accept('.')) while (accept(digits));
    if (accept(exp)) {
      accept('+-');
      while (accept('0123456789_'));
    }
    return text.slice(from, pos);
  };
  const complexError = 'syntax error scanning complex number';
  const real = floatToken();
  const signAt = pos;
  if (!accept('+-')) return complexError;
  const imag = text[signAt] + floatToken();
  if (!accept('i')) return complexError;
  for (const part of [real, imag]) {
    const r = goParseFloat(part);
    if (!r.ok)
      return `strconv.ParseFloat: parsing ${goQuote(part)}: ${r.reason === 'range' ? 'value out of range' : 'invalid syntax'}`;
  }
  return undefined;
}

/**
 * Judges a number-like token (`itemNumber`, `itemComplex` or `itemCharConstant`) as `newNumber` does.
 * @param token the token kind: `'number'`, `'complex'` or `'charConstant'`
 */
export function parseNumberConstant(text: string, token: 'number' | 'complex' | 'charConstant'): NumberConstant {
  if (token === 'charConstant') {
    const c = parseGoCharConstant(text);
    return c.ok ? { ok: true, kind: 'int' } : c;
  }
  if (token === 'complex') {
    const error = complexConstantError(text);
    return error === undefined ? { ok: true, kind: 'complex' } : { ok: false, error };
  }
  if (text.endsWith('i') && parseGoFloat(text.slice(0, -1)) !== undefined) return { ok: true, kind: 'complex' };
  if (parseGoUint(text).ok || parseGoInt(text).ok) return { ok: true, kind: 'int' };
  if (parseGoFloat(text) !== undefined) {
    // Go: parsed as a float but written like an integer means it is too large for int64/uint64.
    if (!/[.eEpP]/.test(text)) return { ok: false, error: `integer overflow: ${goQuote(text)}` };
    return { ok: true, kind: 'float' };
  }
  return { ok: false, error: `illegal number syntax: ${goQuote(text)}` };
}
