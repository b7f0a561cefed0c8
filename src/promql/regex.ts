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
 * Unicode classes re2js knows but Go's regexp (as Prometheus is built) does not: `Cn` and `LC` are not in
 * Go's unicode.Categories.
 */
const UNKNOWN_TO_GO = /\\[pP]\{\^?(?:Cn|LC)\}/;

function compile(pattern: string): RegexCompile {
  try {
    const re = RE2JS.compile(`^(?:${pattern})$`);
    return { ok: true, matches: (value: string) => re.matches(value) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // Go accepts a group name used twice; re2js refuses. Names do not change what matches, so drop them.
    if (message.includes('duplicate capture group name'))
      return compile(pattern.replace(/\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?:'));
    return { ok: false, error: message };
  }
}

/**
 * Compiles a label-matcher regex as Prometheus does: anchored at both ends (`^(?:re)$`).
 * Results are cached: rule sets repeat the same few patterns.
 */
export function compileMatcherRegex(pattern: string): RegexCompile {
  let hit = cache.get(pattern);
  if (hit) return hit;
  const unknownClass = UNKNOWN_TO_GO.exec(pattern);
  if (unknownClass) {
    hit = { ok: false, error: `error parsing regexp: invalid character class range: \`${unknownClass[0]}\`` };
  } else {
    hit = compile(pattern);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(pattern, hit);
  return hit;
}
