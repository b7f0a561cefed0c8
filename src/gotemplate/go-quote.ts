/**
 * Go's quoting rules as text/template's error messages and literals use them: `%q`, `%.10q`, `%#U`,
 * and `strconv.Unquote` / `strconv.UnquoteChar` for string and character constants.
 */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `strconv.IsPrint`, closely enough for messages: letters, marks, numbers, punctuation, symbols, ASCII space. */
export function isGoPrintable(ch: string): boolean {
  return PRINTABLE.test(ch);
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

/** Go's `%q` of a string: double-quoted, with Go's escapes for non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (isGoPrintable(ch)) out += ch;
    else if (SIMPLE_ESCAPES[ch] !== undefined) out += SIMPLE_ESCAPES[ch];
    else out += escapeCodePoint(ch.codePointAt(0) ?? 0);
  }
  return `${out}"`;
}

function escapeCodePoint(cp: number): string {
  if (cp < 0x80) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/** Go's `%.10q`: the first ten characters of `s`, quoted. */
export function goQuoteTruncated(s: string, max: number): string {
  return goQuote(Array.from(s).slice(0, max).join(''));
}

/** Go's `%#U` of one character: `U+0023 '#'`, or just `U+00A0` when it is not printable. */
export function goRune(ch: string): string {
  const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return isGoPrintable(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

/** One character decoded from the front of a quoted literal's body, and what follows it. */
interface DecodedChar {
  readonly value: string;
  readonly rest: string;
}

const HEX = /^[0-9a-fA-F]+$/;
const OCTAL = /^[0-7]{3}$/;

/**
 * Go's `strconv.UnquoteChar(s, quote)`: decodes the first character or escape of `s`.
 * Returns undefined on `strconv.ErrSyntax` ("invalid syntax").
 */
export function unquoteGoChar(s: string, quote: '"' | "'"): DecodedChar | undefined {
  const first = String.fromCodePoint(s.codePointAt(0) ?? 0);
  if (s === '' || first === quote) return undefined;
  if (first !== '\\') return { value: first, rest: s.slice(first.length) };
  const kind = s[1];
  if (kind === undefined) return undefined;
  const simple = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' }[kind];
  if (simple !== undefined) return { value: simple, rest: s.slice(2) };
  if (kind === "'" || kind === '"') return kind === quote ? { value: kind, rest: s.slice(2) } : undefined;
  if (kind >= '0' && kind <= '7') {
    const digits = s.slice(1, 4);
    if (!OCTAL.test(digits)) return undefined;
    const v = parseInt(digits, 8);
    return v > 255 ? undefined : { value: String.fromCharCode(v), rest: s.slice(4) };
  }
  const width = { x: 2, u: 4, U: 8 }[kind];
  if (width === undefined) return undefined;
  const digits = s.slice(2, 2 + width);
  if (digits.length !== width || !HEX.test(digits)) return undefined;
  const v = parseInt(digits, 16);
  if (kind !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return undefined;
  return { value: String.fromCodePoint(v), rest: s.slice(2 + width) };
}

/**
 * Go's `strconv.Unquote` of a `"..."` or `` `...` `` literal (quotes included).
 * Returns undefined on "invalid syntax".
 */
export function unquoteGoString(literal: string): string | undefined {
  if (literal.length < 2) return undefined;
  const quote = literal[0];
  if (literal[literal.length - 1] !== quote) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replace(/\r/g, '');
  if (quote !== '"' || body.includes('\n')) return undefined;
  let out = '';
  let rest = body;
  while (rest !== '') {
    const d = unquoteGoChar(rest, '"');
    if (!d) return undefined;
    out += d.value;
    rest = d.rest;
  }
  return out;
}

/** The outcome of reading a character constant such as `'a'` or `'\n'`. */
export type CharConstant = { ok: true; codePoint: number } | { ok: false; error: string };

/** text/template's reading of a character constant: `invalid syntax` or `malformed character constant: 'ab'`. */
export function parseGoCharConstant(literal: string): CharConstant {
  const d = unquoteGoChar(literal.slice(1), "'");
  if (!d) return { ok: false, error: 'invalid syntax' };
  if (d.rest !== "'") return { ok: false, error: `malformed character constant: ${literal}` };
  return { ok: true, codePoint: d.value.codePointAt(0) ?? 0 };
}
