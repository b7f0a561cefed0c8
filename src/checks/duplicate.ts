/**
 * `rule/duplicate`: rules with the same alert or record name and labels within what one Prometheus loads
 * (a load set, see load-sets.ts).
 *
 * - The same output — same name, labels and expression up to formatting — is an error: Prometheus evaluates
 *   both, recording rules write each sample twice, alerts are evaluated twice.
 * - Different expressions that can produce the same series are a warning: possible double writes (recording
 *   rules) or one alert from two conditions, which Alertmanager merges (often deliberate).
 * - Outputs that provably never share a series are not reported: a kept label the two expressions pin to
 *   values no series can have on both sides (`code=~"2.."` / `code=~"5.."`, `handler="/q"` / `handler!="/q"`,
 *   `ns!~"a|b"` / `ns="a"`, a constant `label_replace`, a label copied in by `group_left(...)`).
 */
import { compileMatcherRegex } from '../promql/regex';
import type { LabelConstraint } from '../promql/facts';
import type { CrossRuleOptions, CrossRuleReport } from './cross-rule';
import type { RuleFacts } from './facts';
import { describeLoadSet } from './load-sets';
import type { RuleData } from './rule-data';

/** Compared against at most this many earlier rules with the same key, to stay linear on huge inputs. */
const MAX_COMPARISONS = 200;

const byKey = ([a]: readonly [string, string], [b]: readonly [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rules that may duplicate each other share this key within a load set: kind, name and labels. */
export function duplicateKey(r: RuleData): string {
  const labels = Object.entries({ ...r.groupLabels, ...r.labels }).sort(byKey);
  return `${r.kind}\u0000${r.name}\u0000${JSON.stringify(labels)}`;
}

/** For each rule, whether another shares its key (only those need their expression's facts for duplicates). */
export function duplicateCandidates(rules: readonly RuleData[]): boolean[] {
  const counts = new Map<string, number>();
  const keys = rules.map(duplicateKey);
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return keys.map((k) => (counts.get(k) ?? 0) > 1);
}

/** Reports each rule that duplicates an earlier one of its load set. */
export function checkDuplicates<R extends RuleData>(
  report: CrossRuleReport<R>,
  rules: ReadonlyArray<{ readonly rule: R; readonly facts: RuleFacts }>,
  options: CrossRuleOptions<R>,
): void {
  const setsOf = options.setsOf;
  const buckets = new Map<string, number[]>();
  rules.forEach(({ rule: r }, i) => {
    const key = duplicateKey(r);
    for (const set of setsOf(r)) {
      const k = `${set}\u0001${key}`;
      const bucket = buckets.get(k);
      if (bucket) bucket.push(i);
      else buckets.set(k, [i]);
    }
  });
  const reported = new Set<number>();
  for (const [key, bucket] of buckets) {
    if (bucket.length < 2) continue;
    const set = describeLoadSet(key.slice(0, key.indexOf('\u0001')));
    const constraints = bucket.map((i) => {
      const { rule, facts } = rules[i];
      return new Map(facts.constraints.filter(([k]) => !(k in rule.labels) && !(k in rule.groupLabels)));
    });
    for (let i = 1; i < bucket.length; i++) {
      if (reported.has(bucket[i])) continue;
      const { rule: r, facts } = rules[bucket[i]];
      let overlap: R | undefined;
      let same: R | undefined;
      for (let j = Math.max(0, i - MAX_COMPARISONS); j < i; j++) {
        const other = rules[bucket[j]];
        if (facts.canonical !== '' && facts.canonical === other.facts.canonical) {
          same = other.rule;
          break;
        }
        if (!overlap && !disjoint(constraints[i], constraints[j])) overlap = other.rule;
      }
      const other = same ?? overlap;
      if (!other) continue;
      reported.add(bucket[i]);
      const at = options.describe(other);
      const what = r.kind === 'alert' ? 'alert' : 'record';
      report(
        r,
        same
          ? {
              check: 'rule/duplicate',
              message: `the same ${what} as ${at}: same name, labels and expression, both loaded by the ${set}`,
              fix: 'remove one of the two',
              severity: 'error',
              location: { at: 'name' },
            }
          : {
              check: 'rule/duplicate',
              message: `same ${what} name and labels as ${at}, in the ${set}: both can ${r.kind === 'alert' ? 'fire for' : 'write'} the same series`,
              fix:
                r.kind === 'alert'
                  ? 'if one alert over several conditions is meant, nothing to do (Alertmanager merges them); otherwise tell them apart with a label or disjoint selectors'
                  : 'tell them apart with a label or disjoint selectors, or keep one',
              severity: 'warning',
              location: { at: 'name' },
            },
      );
    }
  }
}

/** Whether no series can satisfy both constraint sets: some label's constraints contradict each other. */
export function disjoint(
  a: ReadonlyMap<string, readonly LabelConstraint[]>,
  b: ReadonlyMap<string, readonly LabelConstraint[]>,
): boolean {
  for (const [label, xs] of a) {
    const ys = b.get(label);
    if (!ys) continue;
    for (const x of xs) for (const y of ys) if (!compatible(x, y)) return true;
  }
  return false;
}

/** Whether some value of a label satisfies both constraints (true when unsure). */
export function compatible(x: LabelConstraint, y: LabelConstraint): boolean {
  if (x.op === '=') return accepts(y, x.value);
  if (y.op === '=') return accepts(x, y.value);
  if (x.op === '=~' && y.op === '=~') {
    const ax = alternatives(x.value);
    const ay = alternatives(y.value);
    if (!ax || !ay) return true;
    return ax.some((a) =>
      a.exact
        ? accepts(y, a.text)
        : ay.some((b) => (b.exact ? accepts(x, b.text) : a.text.startsWith(b.text) || b.text.startsWith(a.text))),
    );
  }
  const [re, neg] = x.op === '=~' ? [x, y] : y.op === '=~' ? [y, x] : [undefined, undefined];
  if (re && neg) {
    const alts = alternatives(re.value);
    if (!alts || alts.some((a) => !a.exact)) return true;
    return alts.some((a) => accepts(neg, a.text));
  }
  return true;
}

/** Whether a label value satisfies a constraint (as Prometheus's matchers: an absent label is ""). */
function accepts(c: LabelConstraint, value: string): boolean {
  switch (c.op) {
    case '=':
      return value === c.value;
    case '!=':
      return value !== c.value;
    default: {
      const re = compileMatcherRegex(c.value);
      if (!re.ok) return true;
      return c.op === '=~' ? re.matches(value) : !re.matches(value);
    }
  }
}

/** One alternative of a regex: an exact string, or a literal prefix followed by anything. */
interface Alternative {
  readonly text: string;
  readonly exact: boolean;
}

const SPECIAL = new Set(['.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$', '\\']);

/** The top-level alternatives of a regex with their literal prefixes, or undefined when it is not that simple. */
export function alternatives(pattern: string): Alternative[] | undefined {
  let p = pattern;
  if (p.startsWith('(') && !p.startsWith('(?') && p.endsWith(')') && closingParen(p, 0) === p.length - 1)
    p = p.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(p.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(p.slice(start));
  return parts.map((part) => {
    let text = '';
    let i = 0;
    while (i < part.length) {
      const c = part[i];
      if (c === '\\' && i + 1 < part.length && /[^\w]/.test(part[i + 1])) {
        text += part[i + 1];
        i += 2;
      } else if (!SPECIAL.has(c)) {
        text += c;
        i++;
      } else break;
    }
    const rest = part.slice(i);
    // A quantifier makes the character before it optional: it is not part of the prefix.
    if (/^[?*{]/.test(rest)) return { text: text.slice(0, -1), exact: false };
    return { text, exact: rest === '' };
  });
}

function closingParen(p: string, open: number): number {
  let depth = 0;
  for (let i = open; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '(') depth++;
    else if (p[i] === ')' && --depth === 0) return i;
  }
  return -1;
}
