/**
 * Alertmanager label matchers (`severity="critical"`, `team=~"db|platform"`): parsed as Alertmanager 0.25's
 * `labels.ParseMatcher` parses them, matched as its `Matcher.Matches` matches (regexes anchored, RE2 rules,
 * a missing label reads as ""), printed in the quoted form every Alertmanager release reads back unchanged.
 */
import { compileMatcherRegex } from '../promql';
import { isValidLabelName } from '../core';

/** The four matcher operators. */
export type MatchType = '=' | '!=' | '=~' | '!~';

/** A matcher as the AlertmanagerConfig CRD writes it. */
export interface CrdMatcher {
  readonly name: string;
  readonly value: string;
  readonly matchType: MatchType;
}

/** A label value the checks cannot know before the alert fires (a Go template such as `{{ $labels.pod }}`). */
export const UNKNOWN = Symbol('unknown label value');
/** A label value, or UNKNOWN when it is rendered from a template at evaluation time. */
export type LabelValue = string | typeof UNKNOWN;
/** Three-valued match: true, false, or `'unknown'` when it depends on a value known only at run time. */
export type Tristate = boolean | 'unknown';

/** Alertmanager 0.25's matcher grammar: name, operator, then the rest (optionally double-quoted). */
const MATCHER_RE = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(=~|=|!=|!~)\s*([\s\S]*?)\s*$/;

/** One label matcher. An immutable value. */
export class Matcher {
  /**
   * Parses `name="value"`, `name=~"regex"`, `name!=value`, ... as Alertmanager does.
   * @throws Error with Alertmanager's reason when the text is not a matcher or its regex does not compile
   */
  static parse(text: string): Matcher {
    const r = parseMatcher(text);
    if (!r.ok) throw new Error(r.error);
    return r.matcher;
  }

  /** `name="value"`. */
  static eq(name: string, value: string): Matcher {
    return new Matcher(name, '=', value);
  }

  /** `name=~"regex"` (anchored at both ends, RE2 syntax). */
  static re(name: string, regex: string): Matcher {
    return new Matcher(name, '=~', regex);
  }

  private readonly regex?: (value: string) => boolean;

  /** @throws Error when the name is not a label name or a regex does not compile */
  constructor(
    readonly name: string,
    readonly type: MatchType,
    readonly value: string,
  ) {
    if (!isValidLabelName(name)) throw new Error(`"${name}" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
    if (type === '=~' || type === '!~') {
      const c = compileMatcherRegex(value);
      if (!c.ok) throw new Error(`invalid regex in matcher ${name}${type}"${value}": ${c.error}`);
      this.regex = c.matches;
    }
  }

  /** Whether a label value matches; a label the alert lacks is passed as "". */
  matches(value: string): boolean {
    switch (this.type) {
      case '=':
        return value === this.value;
      case '!=':
        return value !== this.value;
      case '=~':
        return (this.regex as (v: string) => boolean)(value);
      case '!~':
        return !(this.regex as (v: string) => boolean)(value);
    }
  }

  /** As `matches`, with UNKNOWN giving `'unknown'`. */
  test(value: LabelValue): Tristate {
    return value === UNKNOWN ? 'unknown' : this.matches(value);
  }

  /** The matcher as alertmanager.yml and amtool read it: `name="value"`, the value quoted and escaped. */
  toString(): string {
    return `${this.name}${this.type}${quoteMatcherValue(this.value)}`;
  }

  /** The matcher in the AlertmanagerConfig CRD's form. */
  toCrd(): CrdMatcher {
    return { name: this.name, value: this.value, matchType: this.type };
  }
}

/** Quotes a matcher value the way Alertmanager's parser unquotes it: `\`, `"` and newline escaped. */
export function quoteMatcherValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** The outcome of parsing a matcher. */
export type MatcherParse = { ok: true; matcher: Matcher } | { ok: false; error: string };

/**
 * Parses one matcher as Alertmanager 0.25's `labels.ParseMatcher`: the value may be bare or double-quoted;
 * inside it `\n`, `\"` and `\\` are escapes, any other backslash is literal, and an unescaped `"` is an error.
 */
export function parseMatcher(text: string): MatcherParse {
  const m = MATCHER_RE.exec(text);
  if (!m)
    return {
      ok: false,
      error: `bad matcher format: ${text} (expected name="value", name!="value", name=~"regex" or name!~"regex")`,
    };
  const [, name, op, raw] = m;
  let rest = raw;
  let expectTrailingQuote = false;
  if (rest.startsWith('"')) {
    rest = rest.slice(1);
    expectTrailingQuote = true;
  }
  const chars = [...rest];
  let value = '';
  let escaped = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escaped) {
      escaped = false;
      if (c === 'n') value += '\n';
      else if (c === '"' || c === '\\') value += c;
      else value += `\\${c}`;
      continue;
    }
    if (c === '\\') {
      if (i < chars.length - 1) escaped = true;
      else value += '\\';
    } else if (c === '"') {
      if (!expectTrailingQuote || i < chars.length - 1)
        return { ok: false, error: `matcher value contains unescaped double quote: ${raw}` };
      expectTrailingQuote = false;
    } else {
      value += c;
    }
  }
  if (expectTrailingQuote) return { ok: false, error: `matcher value contains unescaped double quote: ${raw}` };
  if (!isValidLabelName(name)) return { ok: false, error: `"${name}" is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)` };
  try {
    return { ok: true, matcher: new Matcher(name, op as MatchType, value) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A matcher given as text (`'severity="critical"'`) or as a Matcher. */
export type MatcherInput = string | Matcher;

/** Three-valued AND of every matcher against a label set (missing labels read as ""). */
export function matchAll(matchers: readonly Matcher[], labels: ReadonlyMap<string, LabelValue>): Tristate {
  let result: Tristate = true;
  for (const m of matchers) {
    const r = m.test(labels.get(m.name) ?? '');
    if (r === false) return false;
    if (r === 'unknown') result = 'unknown';
  }
  return result;
}

/** `{severity="critical", team="rlm-sre"}`, as amtool prints a route. */
export function formatMatchers(matchers: readonly Matcher[]): string {
  return `{${matchers.map((m) => m.toString()).join(', ')}}`;
}
