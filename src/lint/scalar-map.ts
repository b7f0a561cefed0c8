/**
 * Where a character of a YAML scalar's value sits in the file. A value is not its source: quotes, escapes,
 * block indentation and line folding lie between. Positions inside expressions and templates need the
 * source offset of any value offset, in every scalar style:
 *
 * - plain and single-quoted: the value is the source, with `''` for `'` and line breaks folded to spaces;
 * - double-quoted: escapes (`\n`, `\"`, `\u00e9`, an escaped line break) and folding;
 * - literal (`|`) and folded (`>`) blocks: the lines after the header, without their indentation, folded
 *   or not.
 *
 * Rather than re-implement each style's folding rules, the value is aligned with the source: every value
 * character is found at or after the previous one's source, skipping whitespace that indentation and
 * folding removed; value whitespace that folding created (a space for a line break, the final newline of
 * a block) maps to the next source character. When alignment fails (a style or escape this does not
 * understand) the caller falls back to the scalar's start.
 */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;
const isBreak = (c: number): boolean => c === 0x0a || c === 0x0d;
const isWhite = (c: number): boolean => isSpace(c) || isBreak(c);

/**
 * For every offset of `value` (and one past its end), the source offset in `text`, given the offset where
 * the scalar's source starts (its first quote, block indicator or character). Returns undefined when the
 * value cannot be aligned with the source.
 */
export function mapScalar(text: string, start: number, value: string): Int32Array | undefined {
  const first = text.charCodeAt(start);
  const style =
    first === 0x22 ? 'double' : first === 0x27 ? 'single' : first === 0x7c || first === 0x3e ? 'block' : 'plain';
  let p = start;
  if (style === 'double' || style === 'single') p++;
  else if (style === 'block') {
    // Skip the header line (indicators and an optional comment).
    while (p < text.length && !isBreak(text.charCodeAt(p))) p++;
  }
  const map = new Int32Array(value.length + 1);
  let i = 0;
  while (i < value.length) {
    const c = value.charCodeAt(i);
    const s = text.charCodeAt(p);
    if (p >= text.length) return undefined;
    if (style === 'double' && s === 0x5c /* \ */) {
      const next = text[p + 1];
      if (next === '\n' || next === '\r') {
        // An escaped line break: nothing in the value; the next line's indentation goes too.
        p += 2;
        while (p < text.length && isWhite(text.charCodeAt(p))) p++;
        continue;
      }
      const decoded = decodeEscape(text, p);
      if (decoded === undefined || value.slice(i, i + decoded.value.length) !== decoded.value) return undefined;
      for (let k = 0; k < decoded.value.length; k++) map[i + k] = p;
      i += decoded.value.length;
      p += decoded.length;
      continue;
    }
    if (style === 'single' && s === 0x27 && text.charCodeAt(p + 1) === 0x27 && c === 0x27) {
      map[i++] = p;
      p += 2;
      continue;
    }
    if (s === c && !(style !== 'block' && isBreak(s))) {
      map[i++] = p++;
      continue;
    }
    if (isWhite(s)) {
      // Indentation or a folded line break: skip the source's whitespace run; a value space or newline
      // made by folding maps to where the source continues.
      const runStart = p;
      while (p < text.length && isWhite(text.charCodeAt(p))) p++;
      if (isWhite(c)) map[i++] = runStart;
      continue;
    }
    if (isWhite(c)) {
      // Whitespace the source does not have here (a block's final newline, folding): no source char.
      map[i++] = p;
      continue;
    }
    return undefined;
  }
  map[value.length] = p;
  return map;
}

/** Decodes the double-quoted escape at `at` (a backslash): its value and source length. */
function decodeEscape(text: string, at: number): { value: string; length: number } | undefined {
  const kind = text[at + 1];
  if (kind === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[kind];
  if (simple !== undefined) return { value: simple, length: 2 };
  const digits = HEX_ESCAPES[kind];
  if (digits === undefined) return undefined;
  const hex = text.slice(at + 2, at + 2 + digits);
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
  const cp = parseInt(hex, 16);
  if (cp > 0x10ffff) return undefined;
  return { value: String.fromCodePoint(cp), length: 2 + digits };
}
