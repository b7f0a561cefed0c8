/**
 * PromQL string literals: Go's quoting rules as Prometheus's lexer applies them.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
};

/** A string literal's value, or the error Prometheus reports and its offset inside the literal. */
export type UnquoteResult = { ok: true; value: string } | { ok: false; error: string; offset: number };

/** Formats a code point the way Go's `%#U` does: `U+0071 'q'`. */
export function formatRune(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const ch = String.fromCodePoint(cp);
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? `U+${hex} '${ch}'` : `U+${hex}`;
}

/**
 * Unquotes a PromQL string literal (`"..."`, `'...'` or a raw `` `...` ``) with the escapes Go's lexer allows:
 * `\a \b \f \n \r \t \v \\`, the quote itself, `\ooo` octal, `\xhh`, `\uhhhh` and `\Uhhhhhhhh`.
 */
export function unquotePromQLString(literal: string): UnquoteResult {
  const quote = literal[0];
  if (literal.length < 2 || literal[literal.length - 1] !== quote || !['"', "'", '`'].includes(quote)) {
    return { ok: false, error: 'unterminated quoted string', offset: 0 };
  }
  const body = literal.slice(1, -1);
  if (quote === '`') return { ok: true, value: body };
  // Most literals hold no escape and no newline: the body is the value (issue 17, speed).
  if (!body.includes('\\') && !body.includes('\n')) return { ok: true, value: body };
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\n') return { ok: false, error: 'unterminated quoted string', offset: i + 1 };
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) return { ok: false, error: 'escape sequence not terminated', offset: i + 1 };
    if (e in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[e];
      i++;
      continue;
    }
    if (e === quote) {
      out += quote;
      i++;
      continue;
    }
    let digits = 0;
    let base = 16;
    let max = 0x10ffff;
    if (e >= '0' && e <= '7') [digits, base, max] = [3, 8, 255];
    else if (e === 'x') [digits, base, max] = [2, 16, 255];
    else if (e === 'u') [digits, base, max] = [4, 16, 0x10ffff];
    else if (e === 'U') [digits, base, max] = [8, 16, 0x10ffff];
    else return { ok: false, error: `unknown escape sequence ${formatRune(e.codePointAt(0) ?? 0)}`, offset: i + 2 };
    const start = base === 8 ? i + 1 : i + 2;
    const text = body.slice(start, start + digits);
    const valid = base === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
    if (text.length < digits || !valid.test(text)) {
      const bad = body[start + (text.match(base === 8 ? /^[0-7]*/ : /^[0-9a-fA-F]*/)?.[0].length ?? 0)];
      return bad === undefined
        ? { ok: false, error: 'escape sequence not terminated', offset: start + text.length }
        : {
            ok: false,
            error: `illegal character ${formatRune(bad.codePointAt(0) ?? 0)} in escape sequence`,
            offset: start + 1,
          };
    }
    const cp = parseInt(text, base);
    if (cp > max || (cp >= 0xd800 && cp < 0xe000)) {
      return { ok: false, error: 'escape sequence is an invalid Unicode code point', offset: start };
    }
    // \x and octal escapes are bytes; as label values they are what Go's strconv.Unquote yields.
    out += base === 8 || e === 'x' ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    i = start + digits - 1;
  }
  return { ok: true, value: out };
}
