/**
 * What Prometheus's rule-file loader (rulefmt) refuses in a group's and a rule's fields, besides the
 * expression and names: empty or repeated group names, durations, limits, and fields a recording rule cannot
 * have. Messages are rulefmt's. `watchkeeper lint` reports these against the file's nodes; synth against the
 * RuleGroup or rule that holds the value.
 */
import { parseDuration } from '../promql/durations';

/** A field problem: the field (as written in a rule file), its message and how to fix it. */
export interface FieldProblem {
  /** `name`, `interval`, `query_offset`, `limit`, `for`, `keep_firing_for`, `annotations`. */
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/** A group's fields, as written in a rule file (durations and limit as text). */
export interface GroupFields {
  readonly name: string;
  readonly interval?: string;
  readonly query_offset?: string;
  readonly limit?: string;
}

/**
 * Problems with one group's fields. `seen` holds the names of the groups before it in the same file or
 * PrometheusRule (this group's name is added); `container` names that for the repeated-name message.
 */
export function checkGroupFields(
  group: GroupFields,
  seen: Set<string>,
  container: 'file' | 'PrometheusRule',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (group.name === '')
    problems.push({ field: 'name', message: 'Groupname must not be empty', fix: 'give the group a name' });
  else if (seen.has(group.name))
    problems.push({
      field: 'name',
      message: `groupname: "${group.name}" is repeated in the same ${container}`,
      fix: 'rename one of the groups',
    });
  seen.add(group.name);
  for (const field of ['interval', 'query_offset'] as const) {
    const value = group[field];
    if (value === undefined || value === '') continue;
    const parsed = parseDuration(value);
    if (!parsed.ok)
      problems.push({ field, message: `${field}: ${parsed.error}`, fix: 'write a duration such as "30s" or "1m"' });
  }
  if (group.limit !== undefined && group.limit !== '' && !/^[-+]?\d+$/.test(group.limit)) {
    problems.push({
      field: 'limit',
      message: `limit: cannot unmarshal ${JSON.stringify(group.limit)} into int`,
      fix: 'write a whole number; 0 is no limit',
    });
  }
  return problems;
}

/** A rule's fields besides name, expression, labels and annotations' content. */
export interface RuleFields {
  readonly kind: 'alert' | 'record';
  readonly for?: string;
  readonly keep_firing_for?: string;
  /** Whether the rule has annotations (a recording rule may not). */
  readonly hasAnnotations: boolean;
}

/** Problems with one rule's fields. */
export function checkRuleFields(rule: RuleFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of ['for', 'keep_firing_for'] as const) {
    const value = rule[field];
    if (value === undefined || value === '') continue;
    const d = parseDuration(value);
    if (!d.ok) problems.push({ field, message: `${field}: ${d.error}`, fix: 'write a duration such as "5m"' });
    else if (rule.kind === 'record' && d.ms !== 0)
      problems.push({
        field,
        message: `invalid field '${field}' in recording rule`,
        fix: `remove ${field}; only alerting rules wait`,
      });
  }
  if (rule.kind === 'record' && rule.hasAnnotations) {
    problems.push({
      field: 'annotations',
      message: "invalid field 'annotations' in recording rule",
      fix: 'remove the annotations, or make it an alerting rule',
    });
  }
  return problems;
}
