/**
 * Inline disabling: YAML comments that turn checks off for one rule or a whole file.
 *
 * ```yaml
 * # watchkeeper-disable promql/rate, rule/required -- gauge, renamed next quarter
 * - alert: QueueGrowing
 *   expr: rate(queue_depth[5m]) > 10        # watchkeeper-disable promql/rate  (same effect)
 * # watchkeeper-disable-file rule/dependency
 * ```
 *
 * A comment on a line of its own applies to the rule that starts on the next line holding something other
 * than comments; otherwise (at the end of a line, or inside a rule) to the rule it sits in. Without check
 * ids it disables every check. Findings that make Prometheus refuse the file cannot be disabled.
 */
import type { LintFile, LintRule } from './rule-model';

/** One `watchkeeper-disable` comment. */
export interface Suppression {
  /** 1-based line of the comment. */
  readonly line: number;
  /** The comment is alone on its line. */
  readonly ownLine: boolean;
  /** `watchkeeper-disable-file`. */
  readonly wholeFile: boolean;
  /** The check ids listed; empty for all. */
  readonly checks: readonly string[];
  /** Offset of the comment's `#`. */
  readonly offset: number;
}

const MARKER = 'watchkeeper-disable';

/** Every suppression comment in a file's text. */
export function findSuppressions(text: string): Suppression[] {
  const out: Suppression[] = [];
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf(MARKER); at >= 0; at = text.indexOf(MARKER, at + MARKER.length)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const before = text.slice(lineStart, at);
    const hash = before.lastIndexOf('#');
    if (hash < 0 || !/^\s*$/.test(before.slice(hash + 1))) continue;
    if (hash > 0 && !/\s/.test(before[hash - 1])) continue;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < lineStart; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    const lineEnd = text.indexOf('\n', at);
    const rest = text.slice(at + MARKER.length, lineEnd < 0 ? text.length : lineEnd);
    const m = /^(-file)?(?=\s|$)(.*)$/.exec(rest);
    if (!m) continue;
    const list = m[2].split('--')[0];
    out.push({
      line,
      ownLine: /^\s*$/.test(before.slice(0, hash)),
      wholeFile: m[1] === '-file',
      checks: list.split(/[\s,]+/).filter((s) => s !== ''),
      offset: lineStart + hash,
    });
  }
  return out;
}

/** Which checks are disabled where in one file. */
export class FileSuppressions {
  private readonly fileChecks: Set<string> = new Set();
  private allInFile = false;
  private readonly byRule = new Map<LintRule, { all: boolean; checks: Set<string> }>();

  constructor(file: LintFile, suppressions: readonly Suppression[], rules: readonly LintRule[]) {
    const src = file.source;
    const starts = rules
      .map((rule) => {
        const start = src.line(src.contentStart(rule.node));
        let end = src.tree.close(rule.node);
        while (end > 0 && /\s/.test(src.text[end - 1])) end--;
        return { rule, start, end: Math.max(start, src.line(end)) };
      })
      .sort((a, b) => a.start - b.start);
    const byStart = new Map(starts.map((s) => [s.start, s.rule]));
    for (const s of suppressions) {
      if (s.wholeFile) {
        if (s.checks.length === 0) this.allInFile = true;
        for (const c of s.checks) this.fileChecks.add(c);
        continue;
      }
      let target: LintRule | undefined;
      if (s.ownLine) {
        const next = nextContentLine(src.text, src.lineStart(s.line + 1), s.line + 1);
        target = next !== undefined ? byStart.get(next) : undefined;
      }
      if (!target) {
        for (const r of starts) if (r.start <= s.line && s.line <= r.end) target = r.rule;
      }
      if (!target) continue;
      const entry = this.byRule.get(target) ?? { all: false, checks: new Set<string>() };
      if (s.checks.length === 0) entry.all = true;
      for (const c of s.checks) entry.checks.add(c);
      this.byRule.set(target, entry);
    }
  }

  /** Whether `check` is disabled for findings about `rule` (or, without a rule, the file). */
  disabled(check: string, rule?: LintRule): boolean {
    if (this.allInFile || this.fileChecks.has(check)) return true;
    if (!rule) return false;
    const entry = this.byRule.get(rule);
    return entry !== undefined && (entry.all || entry.checks.has(check));
  }
}

/** The first line at or after `line` (starting at `offset`) holding something besides blanks and comments. */
function nextContentLine(text: string, offset: number, line: number): number | undefined {
  let at = offset;
  let n = line;
  while (at < text.length) {
    const end = text.indexOf('\n', at);
    const content = text.slice(at, end < 0 ? text.length : end);
    if (!/^\s*(#.*)?$/.test(content)) return n;
    if (end < 0) return undefined;
    at = end + 1;
    n++;
  }
  return undefined;
}
