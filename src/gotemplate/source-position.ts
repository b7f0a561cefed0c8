/**
 * Offsets in a template's text turned into 1-based line and column numbers, the way editors count them.
 */

/** A place in a template's text. `line` and `column` are 1-based; `column` counts Unicode code points. */
export interface SourcePosition {
  /** UTF-16 offset into the text (what `String.prototype.slice` takes). */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

/** Maps an offset in one text to its {@link SourcePosition}. */
export type Locator = (offset: number) => SourcePosition;

/**
 * Builds a {@link Locator} for `text`. Lines end at `\n` (so `\r\n` counts once, as in Go's error lines);
 * offsets past the end clamp to the end.
 */
export function createLocator(text: string): Locator {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  return (offset: number): SourcePosition => {
    const at = Math.max(0, Math.min(offset, text.length));
    const lineIndex = lastAtOrBefore(lineStarts, at);
    return { offset: at, line: lineIndex + 1, column: codePointCount(text, lineStarts[lineIndex], at) + 1 };
  };
}

/** Index of the last entry of the sorted `starts` that is `<= value`. */
function lastAtOrBefore(starts: readonly number[], value: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Code points in `text.slice(from, to)`: a surrogate pair is one column. */
function codePointCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > from && isHighSurrogate(text.charCodeAt(i - 1))) continue;
    n++;
  }
  return n;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
