/**
 * Checks of constant arguments that Prometheus's template functions parse when the alert renders:
 * regular expressions (`match`, `reReplaceAll`, by Go's RE2 syntax) and durations (`parseDuration`).
 */
import { RE2JS } from 're2js';
import { parseDuration } from '../promql/durations';

/** Go's `regexp.Compile` error for `pattern` (e.g. "error parsing regexp: missing closing ): `(a`"), or undefined. */
export function regexpError(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Prometheus's `parseDuration` error for `text` (e.g. `not a valid duration string: "5x"`), or undefined.
 * @param allowNegative Prometheus 3.6 and later accept `-5m`.
 */
export function durationError(text: string, allowNegative: boolean): string | undefined {
  const body = allowNegative && text.startsWith('-') ? text.slice(1) : text;
  const r = parseDuration(body);
  return r.ok ? undefined : r.error;
}
