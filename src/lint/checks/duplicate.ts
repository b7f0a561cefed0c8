/**
 * `rule/duplicate`: two rules with the same alert or record name and the same labels that can produce the
 * same series, across all files linted: double pages, or recording rules fighting over one series.
 *
 * Rules in plain rule files and in PrometheusRule manifests are compared among themselves only: `npm run
 * synth` writes both renderings of the same rules (for the operator and for file-based rulers), and they
 * are never loaded into one Prometheus together. Two rules cannot produce the same series when their
 * expressions pin one label to different values (`job="a"` vs `job="b"`) that the rule's labels do not
 * override.
 */
import { locate } from '../locate';
import type { LintRule, Report } from '../rule-model';
import type { RuleFacts } from './facts';

/** Compared against at most this many earlier rules with the same key, to stay linear on huge inputs. */
const MAX_COMPARISONS = 200;

const byKey = ([a]: readonly [string, string], [b]: readonly [string, string]): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rules that may duplicate each other share this key: scope, kind, name and labels. */
export function duplicateKey(r: LintRule): string {
  const labels = Object.entries({ ...r.groupLabels, ...r.labels }).sort(byKey);
  return `${r.group.scope}\u0000${r.kind}\u0000${r.name}\u0000${JSON.stringify(labels)}`;
}

/** For each rule, whether another shares its key (only those need their expression's fixed labels). */
export function duplicateCandidates(rules: readonly LintRule[]): boolean[] {
  const counts = new Map<string, number>();
  const keys = rules.map(duplicateKey);
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return keys.map((k) => (counts.get(k) ?? 0) > 1);
}

/** Reports each rule that duplicates an earlier one. */
export function checkDuplicates(report: Report, rules: ReadonlyArray<{ readonly rule: LintRule; readonly facts: RuleFacts }>): void {
  const buckets = new Map<string, number[]>();
  rules.forEach(({ rule: r }, i) => {
    const key = duplicateKey(r);
    const bucket = buckets.get(key);
    if (bucket) bucket.push(i);
    else buckets.set(key, [i]);
  });
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    const fixed = bucket.map((i) => {
      const { rule, facts } = rules[i];
      return new Map(facts.fixed.filter(([k]) => !(k in rule.labels) && !(k in rule.groupLabels)));
    });
    for (let i = 1; i < bucket.length; i++) {
      const r = rules[bucket[i]].rule;
      for (let j = Math.max(0, i - MAX_COMPARISONS); j < i; j++) {
        const other = rules[bucket[j]].rule;
        if (disjoint(fixed[i], fixed[j]) && r.expr !== other.expr) continue;
        const where = locate(other, { at: 'name' });
        const verb = r.kind === 'alert' ? 'fire for' : 'write';
        report({
          check: 'rule/duplicate',
          message: `same ${r.kind} name and labels as ${other.group.file.path}:${where.line}:${where.column} (group "${other.group.name}"): both can ${verb} the same series`,
          fix: 'remove one, or tell them apart with a label or disjoint selectors',
          file: r.group.file,
          position: locate(r, { at: 'name' }),
          group: r.group.name,
          rule: r,
        });
        break;
      }
    }
  }
}

function disjoint(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w !== undefined && w !== v) return true;
  }
  return false;
}
