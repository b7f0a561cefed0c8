/**
 * `rule/required`: the alert policy — labels every alert must set (`severity` by default, with allowed
 * values), annotations (`summary`, `description`, a well-formed `runbook_url`), and `for` within bounds.
 * All configurable in .watchkeeper.yaml (`lint.required`).
 */
import { TICKET_SEVERITY } from '../core/severity';
import { formatDuration, parseDuration } from '../promql/durations';
import type { RuleData } from './rule-data';
import { AT_FOR, AT_NAME, atEntry, emit as emitAny, type CheckContext, type EmitOptions } from './context';
import type { CheckId } from './types';
import type { RuleLocation } from './rule-data';

/** House policy: on from the `recommended` preset (or when the check is configured). */
const emit = (ctx: CheckContext, check: CheckId, at: RuleLocation, message: string, options: EmitOptions = {}): void =>
  emitAny(ctx, check, at, message, { tier: 'recommended', ...options });

/** Checks an alerting rule against the policy. */
export function checkRequired(ctx: CheckContext, rule: RuleData): void {
  if (rule.kind !== 'alert') return;
  const policy = ctx.config;
  const labels = { ...rule.groupLabels, ...rule.labels };
  const at = AT_NAME;
  for (const label of policy.requiredLabels) {
    if (!(label in labels)) {
      emit(ctx, 'rule/required', at, `alert has no "${label}" label`, {
        fix:
          label === 'severity'
            ? `add labels: { severity: ${policy.severityValues[0] ?? TICKET_SEVERITY} }`
            : `add the "${label}" label`,
      });
    }
  }
  const severity = labels.severity;
  if (
    severity !== undefined &&
    policy.severityValues.length > 0 &&
    !severity.includes('{{') &&
    !policy.severityValues.includes(severity)
  ) {
    const position = severity === rule.labels.severity ? atEntry('label', 'severity', 0) : at;
    emit(ctx, 'rule/required', position, `severity "${severity}" is not one of ${policy.severityValues.join(', ')}`, {
      fix: `use one of ${policy.severityValues.join(', ')} (or list it in lint.required.severities)`,
    });
  }
  const annotations = rule.annotations;
  for (const name of policy.requiredAnnotations) {
    const value = annotations[name];
    if (value === undefined)
      emit(ctx, 'rule/required', at, `alert has no "${name}" annotation`, { fix: `add annotations: { ${name}: ... }` });
    else if (value.trim() === '')
      emit(ctx, 'rule/required', atEntry('annotation', name), `annotation "${name}" is empty`, {
        fix: `write the ${name}`,
      });
  }
  const runbook = annotations.runbook_url;
  if (runbook !== undefined && runbook.trim() !== '' && !isRunbookUrl(runbook)) {
    emit(
      ctx,
      'rule/required',
      atEntry('annotation', 'runbook_url', 0),
      `runbook_url ${JSON.stringify(runbook)} is not an absolute http(s) URL`,
      {
        fix: 'link the runbook page, e.g. https://runbooks.example.com/alerts/HighErrorRate',
      },
    );
  }
  const forMs = rule.for === undefined || rule.for === '' ? 0 : parseDuration(rule.for);
  const ms = typeof forMs === 'number' ? forMs : forMs.ok ? forMs.ms : undefined;
  if (ms === undefined) return;
  const forAt = rule.for !== undefined ? AT_FOR : at;
  if (policy.forMinMs !== undefined && ms < policy.forMinMs) {
    emit(
      ctx,
      'rule/required',
      forAt,
      `for ${rule.for ? `is ${rule.for}` : 'is not set'}; the policy asks for at least ${formatDuration(policy.forMinMs)}`,
      {
        fix: `set for: ${formatDuration(policy.forMinMs)} or more`,
      },
    );
  }
  if (policy.forMaxMs !== undefined && ms > policy.forMaxMs) {
    emit(
      ctx,
      'rule/required',
      forAt,
      `for is ${rule.for}, longer than the policy's ${formatDuration(policy.forMaxMs)}: the alert waits too long to fire`,
      {
        fix: `set for: ${formatDuration(policy.forMaxMs)} or less`,
      },
    );
  }
}

/** The common case, accepted without parsing: http(s), a host name, then a path without spaces. */
const SIMPLE_URL = /^https?:\/\/[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?(?:[/?#][^\s{}]*)?$/;

/** Whether a runbook_url is an absolute http(s) URL (templates count as one path segment). */
function isRunbookUrl(value: string): boolean {
  if (SIMPLE_URL.test(value)) return true;
  const text = value.trim().replace(/\{\{.*?\}\}/g, 'x');
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && !/\s/.test(text);
  } catch {
    return false;
  }
}
