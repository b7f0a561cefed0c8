/**
 * `rule/name`: label and annotation keys, record names and alert names. Names Prometheus refuses (legacy
 * names before 3.0; `__name__`, empty names and braces in record names in every release) are fatal; the
 * rest are conventions: record names as `level:metric:operations`, alert names in UpperCamelCase, no
 * reserved `__` label prefix.
 */
import { isAtLeast } from '../promql/version';
import { isValidLabelName, isValidMetricName } from '../core/names';
import type { RuleData } from './rule-data';
import { AT_NAME, atEntry, emit, type CheckContext } from './context';

/** Checks the names of one rule. */
export function checkNames(ctx: CheckContext, rule: RuleData): void {
  const utf8 = isAtLeast(ctx.config.version, '3.0');
  checkKeys(ctx, rule.labels, 'label', utf8);
  if (rule.kind === 'alert') checkKeys(ctx, rule.annotations, 'annotation', utf8);
  const at = AT_NAME;
  if (rule.kind === 'record') {
    if (rule.name.includes('{') || rule.name.includes('}')) {
      emit(ctx, 'rule/name', at, `braces present in the recording rule name; should it be in expr?: ${rule.name}`, {
        fatal: true,
        fix: 'move the selector into expr',
      });
    } else if (!isValidMetricName(rule.name)) {
      if (!utf8)
        emit(ctx, 'rule/name', at, `invalid recording rule name: ${rule.name}`, {
          fatal: true,
          fix: 'use letters, digits, "_" and ":", not starting with a digit',
        });
      else
        emit(
          ctx,
          'rule/name',
          at,
          `record name "${rule.name}" is not a classic metric name: PromQL must quote it and Prometheus 2.x refuses it`,
          { fix: 'use letters, digits, "_" and ":"', tier: 'recommended' },
        );
    } else if (!ctx.config.recordNamePattern.test(rule.name)) {
      emit(
        ctx,
        'rule/name',
        at,
        `record name "${rule.name}" does not follow the naming convention (${ctx.config.recordNamePattern.source})`,
        {
          fix: 'e.g. "job:http_requests:rate5m": aggregation level, metric, operations',
          tier: 'recommended',
        },
      );
    }
  } else if (!ctx.config.alertNamePattern.test(rule.name)) {
    emit(ctx, 'rule/name', at, `alert name "${rule.name}" does not match ${ctx.config.alertNamePattern.source}`, {
      fix: 'name alerts in UpperCamelCase, e.g. "HighErrorRate"',
      tier: 'recommended',
    });
  }
}

/** A group label name's problem (Prometheus >= 3.0 has group labels): what rule/name reports on the group. */
export interface GroupLabelProblem {
  readonly label: string;
  readonly message: string;
  readonly fatal: boolean;
  readonly fix: string;
  readonly tier?: 'recommended';
}

/** Checks a group's label names. */
export function checkGroupLabels(
  config: CheckContext['config'],
  labels: Readonly<Record<string, string>>,
): GroupLabelProblem[] {
  const utf8 = isAtLeast(config.version, '3.0');
  const problems: GroupLabelProblem[] = [];
  for (const key of Object.keys(labels)) {
    const problem = keyProblem(key, 'label', utf8);
    if (problem) problems.push({ label: key, ...problem, tier: problem.fatal ? undefined : 'recommended' });
  }
  return problems;
}

function checkKeys(
  ctx: CheckContext,
  map: Readonly<Record<string, string>>,
  what: 'label' | 'annotation',
  utf8: boolean,
): void {
  for (const key of Object.keys(map)) {
    const problem = keyProblem(key, what, utf8);
    if (problem)
      emit(ctx, 'rule/name', atEntry(what, key), problem.message, {
        ...problem,
        tier: problem.fatal ? undefined : 'recommended',
      });
  }
}

function keyProblem(
  key: string,
  what: 'label' | 'annotation',
  utf8: boolean,
): { message: string; fatal: boolean; fix: string } | undefined {
  if (key === '' || (what === 'label' && key === '__name__')) {
    return {
      message: `invalid ${what} name: ${key}`,
      fatal: true,
      fix: what === 'label' ? 'the metric name cannot be set as a label; rename it' : 'name it',
    };
  }
  if (!isValidLabelName(key)) {
    if (!utf8)
      return {
        message: `invalid ${what} name: ${key}`,
        fatal: true,
        fix: 'use letters, digits and "_", not starting with a digit',
      };
    return {
      message: `${what} name "${key}" is not a classic label name: PromQL must quote it and Prometheus 2.x refuses it`,
      fatal: false,
      fix: 'use letters, digits and "_"',
    };
  }
  if (what === 'label' && key.startsWith('__')) {
    return {
      message: `label name "${key}" starts with "__", which Prometheus reserves for internal labels`,
      fatal: false,
      fix: 'drop the leading underscores',
    };
  }
  return undefined;
}
