/**
 * How many arguments a Go `fmt.Printf` format consumes, to spot `printf` calls whose verbs and arguments
 * disagree (Go prints `%!d(MISSING)` or `%!(EXTRA ...)` into the alert instead of failing).
 */

/**
 * Arguments `format` consumes: one per verb other than `%%`, plus one per `*` width or precision.
 * Undefined when the format uses explicit argument indexes (`%[2]d`), which this count does not model.
 */
export function printfArgCount(format: string): number | undefined {
  let count = 0;
  const chars = Array.from(format);
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] !== '%') continue;
    i++;
    while (i < chars.length && '+-# 0'.includes(chars[i])) i++;
    if (chars[i] === '[') return undefined;
    if (chars[i] === '*') {
      count++;
      i++;
    } else while (i < chars.length && /[0-9]/.test(chars[i])) i++;
    if (chars[i] === '.') {
      i++;
      if (chars[i] === '[') return undefined;
      if (chars[i] === '*') {
        count++;
        i++;
      } else while (i < chars.length && /[0-9]/.test(chars[i])) i++;
    }
    if (i >= chars.length) break;
    if (chars[i] === '[') return undefined;
    if (chars[i] !== '%') count++;
  }
  return count;
}
