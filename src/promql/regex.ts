/**
 * Label-matcher regexes by RE2's rules, through re2js (a port of Go's regexp engine), so verdicts and error
 * text are Go's: JavaScript's RegExp accepts lookarounds and backreferences RE2 refuses, and refuses or reads
 * differently `(?P<n>x)`, `[[:alpha:]]` and `\pL` that RE2 accepts.
 */
import { RE2JS } from 're2js';

/** A compiled, fully anchored matcher regex, or Go's compile error. */
export type RegexCompile = { ok: true; matches: (value: string) => boolean } | { ok: false; error: string };

const cache = new Map<string, RegexCompile>();

/**
 * Compiles a label-matcher regex as Prometheus does: anchored at both ends (`^(?:re)$`).
 * Results are cached: rule sets repeat the same few patterns.
 */
export function compileMatcherRegex(pattern: string): RegexCompile {
  let hit = cache.get(pattern);
  if (hit) return hit;
  try {
    const re = RE2JS.compile(`^(?:${pattern})$`);
    hit = { ok: true, matches: (value: string) => re.matches(value) };
  } catch (e) {
    hit = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(pattern, hit);
  return hit;
}
