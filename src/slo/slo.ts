/**
 * The Slo value: an objective over a rolling window for one SLI, rendered into recording rules, multi-window
 * multi-burn-rate alerts and error-budget series, all from the same numbers.
 */
import {
  PAGE_SEVERITY,
  Problem,
  ProblemList,
  mergeLabels,
  Severity,
  TICKET_SEVERITY,
  reportProblems,
  throwProblem,
} from '../core';
import { Duration, parseDuration } from '../promql';
import { isValidLabelName } from '../core';
import { AlertRule, IRuleSource, RecordingRule, Rule, RuleGroup, RuleGroupProps } from '../rules';
import { BurnRateTier, TierId, burnRateTiers, windowMs } from './burn-rate';
import { Rational, formatExact } from './decimal';
import type { PanelSpec } from '../dashboards';
import { sloPanels } from './panels';
import { SLO_RECORDS } from './record-names';
import { SliDefinition, checkSli, windowRates } from './sli';

/** Changes to one burn-rate tier's alert. */
export interface TierOverride {
  /** The `severity` label. @default the SLO's pageSeverity or ticketSeverity, by the tier's kind */
  readonly severity?: Severity;
  /** More labels, or replacements (e.g. `{ channel: 'slack' }`). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** How long the condition must hold before the alert fires. @default none: fires at the first true evaluation */
  readonly for?: Duration;
}

/** The optional "SLI metrics absent" alert. */
export interface AbsentAlertProps {
  /** How long the SLI must be missing. @default '10m' */
  readonly for?: Duration;
  /** The `severity` label. @default the ticket severity */
  readonly severity?: Severity;
}

/** How an SLO alerts. */
export interface SloAlertingProps {
  /** The alert name every tier shares (tiers differ by labels). @default `<Service><Name>ErrorBudgetBurn` in PascalCase */
  readonly alert?: string;
  /** `severity` of the page tiers. @default PAGE_SEVERITY ('critical') */
  readonly pageSeverity?: Severity;
  /** `severity` of the ticket tiers. @default TICKET_SEVERITY ('warning') */
  readonly ticketSeverity?: Severity;
  /** Per-tier changes; `false` disables a tier. @default every tier enabled as the policy states it */
  readonly tiers?: { readonly [K in TierId]?: TierOverride | false };
  /** `runbook_url` annotation. @default none */
  readonly runbookUrl?: string;
  /** Also alert when the SLI's series are absent; `true` takes the defaults. @default false */
  readonly absent?: boolean | AbsentAlertProps;
}

/** The alert name an SLO's tiers share: `alerting.alert`, else `<Service><Name>ErrorBudgetBurn`. */
export function sloAlertName(props: Pick<SloProps, 'service' | 'name' | 'alerting'>): string {
  return props.alerting?.alert ?? `${pascal(props.service)}${pascal(props.name)}ErrorBudgetBurn`;
}

/** Settings of an SLO. */
export interface SloProps {
  /** The service the SLO belongs to: the `service` label of every series and alert. */
  readonly service: string;
  /** The SLO's name, unique within the service: the `slo` label (`availability`, `latency`). */
  readonly name: string;
  /** What the SLO promises, in words (alert descriptions, panel descriptions). @default none */
  readonly description?: string;
  /**
   * The objective as a percentage strictly between 0 and 100: `99.9` for 99.9%. A ratio such as 0.999 is
   * refused with a message.
   */
  readonly objective: number;
  /** The rolling window: a whole number of days (`'30d'`, `'28d'`, `'7d'`, `'4w'`). @default '30d' */
  readonly window?: Duration;
  /** What is measured. */
  readonly sli: SliDefinition;
  /** Labels that split the SLO: one set of series (and alerts) per value set, e.g. `['endpoint']`. @default [] */
  readonly groupBy?: readonly string[];
  /** More labels for every alert of this SLO (`team`, ...). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Alerting: tiers, severities, runbook, absent alert. @default the SRE Workbook policy, page critical, ticket warning */
  readonly alerting?: SloAlertingProps;
}

/** A tier as this SLO alerts on it. */
export interface SloTier extends BurnRateTier {
  readonly severity: Severity;
  readonly labels: Readonly<Record<string, string>>;
  readonly for?: Duration;
}

/** How an SLO's rules are packed into groups. */
export interface SloRuleGroupOptions {
  /** Most rules in one group (Mimir's ruler refuses more than 20 by default). @default 20 */
  readonly maxRulesPerGroup?: number;
  /** Base name of the groups (`-1`, `-2`, ... appended when split). @default `slo-<service>-<name>` */
  readonly name?: string;
  /** Evaluation interval of the groups. @default the Prometheus global evaluation_interval */
  readonly interval?: RuleGroupProps['interval'];
}

/** The default most rules per group. */
export const DEFAULT_MAX_RULES_PER_GROUP = 20;

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const RESERVED_LABELS = ['slo', 'service', 'le', '__name__'];
const DAY_MS = 86_400_000;

/**
 * A service level objective. An immutable value and an IRuleSource: add it to any RuleGroup, or let
 * `ruleGroups()` (or the SloRules construct) pack its rules into groups of at most 20.
 */
export class Slo implements IRuleSource {
  /** The window in whole days. */
  readonly windowDays: number;
  /** The window as written in record names and labels, e.g. `30d`. */
  readonly window: string;
  /** The objective as a percentage, exact (`"99.9"`). */
  readonly objectivePercent: string;
  /** The objective as a ratio, exact (`"0.999"`). */
  readonly objectiveRatio: string;
  /** The error budget as a ratio, exact (`"0.001"`). */
  readonly errorBudget: string;
  /** The enabled burn-rate tiers with their severities and labels. */
  readonly tiers: readonly SloTier[];
  /** The alert name all tiers share. */
  readonly alertName: string;
  /** The grouping labels. */
  readonly groupBy: readonly string[];

  /**
   * Whether the props were refused. The problems were reported (to the app being declared, or thrown without
   * one); a refused SLO renders no rules or panels, so its mistakes are not reported again through them.
   */
  readonly refused: boolean;

  constructor(readonly props: SloProps) {
    const where = `Slo "${props.service}/${props.name}"`;
    this.refused = reportProblems(checkSlo(props, where), where);
    // A refused SLO keeps safe stand-ins, so nothing below throws on the values that were refused.
    const windowText = this.refused ? '30d' : (props.window ?? '30d');
    this.windowDays = windowMs(windowText) / DAY_MS;
    this.window = `${this.windowDays}d`;
    const objective = Rational.of(this.refused ? 99 : props.objective);
    this.objectivePercent = formatExact(objective);
    this.objectiveRatio = formatExact(objective.div(100));
    this.errorBudget = formatExact(new Rational(1n).sub(objective.div(100)));
    this.groupBy = [...(props.groupBy ?? [])];
    this.alertName = sloAlertName(props);
    const a = props.alerting ?? {};
    this.tiers = burnRateTiers(this.windowDays).flatMap((t): SloTier[] => {
      const o = a.tiers?.[t.id];
      if (o === false) return [];
      const severity =
        o?.severity ?? (t.kind === 'page' ? (a.pageSeverity ?? PAGE_SEVERITY) : (a.ticketSeverity ?? TICKET_SEVERITY));
      return [{ ...t, severity, labels: { ...(o?.labels ?? {}) }, ...(o?.for ? { for: o.for } : {}) }];
    });
  }

  /** A copy with some props replaced; `labels` are merged, as in every `with()`. */
  with(changes: Partial<SloProps>): Slo {
    return new Slo({ ...this.props, ...changes, labels: mergeLabels(this.props.labels, changes.labels) });
  }

  /** `{slo="…", service="…"}`: selects this SLO's recorded series. */
  get selector(): string {
    return `{slo=${JSON.stringify(this.props.name)}, service=${JSON.stringify(this.props.service)}}`;
  }

  /** The labels every recorded series carries. */
  get recordLabels(): Record<string, string> {
    return { service: this.props.service, slo: this.props.name };
  }

  /** The windows burn rates are recorded for: every window an enabled tier uses, shortest first, then the SLO window. */
  get windows(): string[] {
    const alertWindows = [...new Set(this.tiers.flatMap((t) => [t.longWindow, t.shortWindow]))]
      .filter((w) => w !== this.window)
      .sort((x, y) => windowMs(x) - windowMs(y));
    return [...alertWindows, this.window];
  }

  /**
   * The error-budget panels as plain data (see sloPanels). The shape is the dashboards module's panel spec,
   * so an Slo can be added to a dashboard as a panel source.
   */
  panels(): PanelSpec[] {
    return sloPanels(this);
  }

  /** Every rule, in evaluation order (IRuleSource). */
  rules(): Rule[] {
    return this.ruleUnits().flat();
  }

  /**
   * The rules packed into groups of at most `maxRulesPerGroup`, in order, never separating a window's
   * errors, total and burn-rate records. Deterministic: same SLO, same groups.
   */
  ruleGroups(options: SloRuleGroupOptions = {}): RuleGroup[] {
    const max = options.maxRulesPerGroup ?? DEFAULT_MAX_RULES_PER_GROUP;
    const units = this.ruleUnits();
    const largest = Math.max(0, ...units.map((u) => u.length));
    if (!Number.isInteger(max) || max < largest) {
      throwProblem({
        where: `Slo "${this.props.service}/${this.props.name}"`,
        field: 'maxRulesPerGroup',
        value: max,
        message: `must be a whole number of at least ${largest}, the largest set of rules that must stay together`,
        fix: `use ${DEFAULT_MAX_RULES_PER_GROUP} (Mimir's default) or any whole number >= ${largest}`,
      });
    }
    const chunks = packUnits(units, max);
    const base = options.name ?? `slo-${this.props.service}-${this.props.name}`;
    const props: RuleGroupProps = options.interval ? { interval: options.interval } : {};
    return chunks.map((rules, i) =>
      new RuleGroup(chunks.length === 1 ? base : `${base}-${i + 1}`, props).add(...rules),
    );
  }

  /** Rules in sets that must stay in one group (in order): metadata, each window, the SLO window, each alert. */
  ruleUnits(): Rule[][] {
    if (this.refused) return [];
    const units: Rule[][] = [this.metadataRules()];
    const ratioSli = this.props.sli.kind === 'error-ratio';
    if (ratioSli) units.push([this.record(SLO_RECORDS.errorRatio, `${this.aggregateRatio()} >= 0 < +Inf`)]);
    for (const w of this.windows) {
      const unit = ratioSli ? [this.ratioBurnRule(w)] : this.counterWindowRules(w);
      if (w === this.window)
        unit.push(this.record(SLO_RECORDS.budgetRemaining, `1 - ${SLO_RECORDS.burnRate(w)}${this.selector}`));
      units.push(unit);
    }
    for (const tier of this.tiers) units.push([this.tierAlert(tier)]);
    const absent = this.absentAlert();
    if (absent) units.push([absent]);
    return units;
  }

  /** The alert of one tier. */
  tierAlert(tier: SloTier): AlertRule {
    const p = this.props;
    const sel = this.selector;
    const share = `${formatExact(Rational.parse(tier.budgetShare)!.mul(100))}%`;
    const objective = `${this.objectivePercent}%`;
    const description = [
      p.description ? `${p.description.replace(/\.\s*$/, '')}.` : '',
      `The error rate over the last ${tier.longWindow} and the last ${tier.shortWindow} is more than ${tier.factor} times what the ${objective} objective over ${this.window} allows;`,
      `at this rate ${share} of the ${this.window} error budget is spent every ${tier.longWindow}.`,
    ]
      .filter(Boolean)
      .join(' ');
    return new AlertRule({
      alert: this.alertName,
      expr: `${SLO_RECORDS.burnRate(tier.longWindow)}${sel} > ${tier.factor} and ${SLO_RECORDS.burnRate(tier.shortWindow)}${sel} > ${tier.factor}`,
      for: tier.for,
      labels: {
        ...p.labels,
        severity: tier.severity,
        long_window: tier.longWindow,
        short_window: tier.shortWindow,
        ...tier.labels,
        ...this.recordLabels,
      },
      annotations: {
        summary: `${p.service} ${p.name}: error budget burning over ${tier.factor}x too fast (${tier.longWindow}/${tier.shortWindow})`,
        description,
        objective,
        burn_rate_threshold: tier.factor,
        budget_consumed: share,
        ...(p.alerting?.runbookUrl ? { runbook_url: p.alerting.runbookUrl } : {}),
      },
    });
  }

  /** The "SLI metrics absent" alert, when enabled. */
  absentAlert(): AlertRule | undefined {
    const cfg = this.props.alerting?.absent;
    if (!cfg) return undefined;
    const o: AbsentAlertProps = cfg === true ? {} : cfg;
    const probe = this.props.sli.kind === 'error-ratio' ? SLO_RECORDS.errorRatio : SLO_RECORDS.total(this.windows[0]);
    return new AlertRule({
      alert: `${this.alertName.replace(/ErrorBudgetBurn$/, '')}SliAbsent`,
      expr: `absent(${probe}${this.selector})`,
      for: o.for ?? '10m',
      labels: {
        ...this.props.labels,
        severity: o.severity ?? this.props.alerting?.ticketSeverity ?? TICKET_SEVERITY,
        ...this.recordLabels,
      },
      annotations: {
        summary: `${this.props.service} ${this.props.name}: the SLI's metrics are absent`,
        description: `No series for the "${this.props.name}" SLO of ${this.props.service}: its burn-rate alerts cannot fire. Check that the metrics are still scraped and named as the SLO expects.`,
        ...(this.props.alerting?.runbookUrl ? { runbook_url: this.props.alerting.runbookUrl } : {}),
      },
    });
  }

  private metadataRules(): RecordingRule[] {
    return [
      this.record(SLO_RECORDS.objective, `vector(${this.objectiveRatio})`),
      this.record(SLO_RECORDS.errorBudget, `vector(${this.errorBudget})`),
      this.record(SLO_RECORDS.windowDays, `vector(${this.windowDays})`),
    ];
  }

  /** errors/s, events/s and burn rate over one window, for counter-based SLIs. */
  private counterWindowRules(w: string): RecordingRule[] {
    const sli = this.props.sli;
    if (sli.kind === 'error-ratio') throw new Error('unreachable');
    const rates = windowRates(sli, w, this.groupBy);
    const sel = this.selector;
    const errors = `${SLO_RECORDS.errors(w)}${sel}`;
    const total = `${SLO_RECORDS.total(w)}${sel}`;
    // No error series: zero errors for an events SLI, but every event an error for good/total and latency
    // SLIs (no good series means nothing was good). No traffic (total 0) records nothing: 0/0 never reaches
    // an alert or a long window. NaN and infinities from junk samples are dropped.
    const missingErrors = sli.kind === 'events' ? `0 * ${total}` : total;
    return [
      this.record(SLO_RECORDS.errors(w), rates.errors),
      this.record(SLO_RECORDS.total(w), rates.total),
      this.record(
        SLO_RECORDS.burnRate(w),
        `(${errors} or ${missingErrors}) / (${total} > 0) / ${this.errorBudget} < +Inf`,
      ),
    ];
  }

  /** Burn rate over one window for a raw error-ratio SLI: the time average of the cleaned ratio. */
  private ratioBurnRule(w: string): RecordingRule {
    return this.record(
      SLO_RECORDS.burnRate(w),
      `avg_over_time(${SLO_RECORDS.errorRatio}${this.selector}[${w}]) / ${this.errorBudget}`,
    );
  }

  private aggregateRatio(): string {
    const sli = this.props.sli;
    if (sli.kind !== 'error-ratio') throw new Error('unreachable');
    return this.groupBy.length === 0
      ? `avg(${sli.expr.trim()})`
      : `avg by (${this.groupBy.join(', ')}) (${sli.expr.trim()})`;
  }

  private record(record: string, expr: string): RecordingRule {
    return new RecordingRule({ record, expr, labels: this.recordLabels });
  }
}

/** Greedy packing of rule sets into chunks of at most `max` rules, in order. */
export function packUnits<T>(units: readonly T[][], max: number): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  for (const unit of units) {
    if (current.length > 0 && current.length + unit.length > max) {
      chunks.push(current);
      current = [];
    }
    current = current.concat(unit);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Every SLO's groups, in order. */
export function sloRuleGroups(slos: readonly Slo[], options: Omit<SloRuleGroupOptions, 'name'> = {}): RuleGroup[] {
  return slos.flatMap((s) => s.ruleGroups(options));
}

function checkSlo(p: SloProps, where: string): Problem[] {
  const found = new ProblemList(where);
  for (const field of ['service', 'name'] as const) {
    const v = p[field];
    if (typeof v !== 'string' || !NAME_RE.test(v)) {
      found.add(
        field,
        v,
        `the ${field} must be a non-empty name of letters, digits, "_", "." and "-"`,
        field === 'name' ? 'e.g. "availability" or "api-latency"' : 'e.g. "rlm-hypervisor"',
      );
    }
  }
  const o = p.objective;
  if (typeof o !== 'number' || !Number.isFinite(o)) {
    found.add(
      'objective',
      o,
      'the objective must be a number: a percentage such as 99.9',
      'write the objective as a percentage, e.g. 99.9 for 99.9%',
    );
  } else if (o > 0 && o < 1) {
    found.add(
      'objective',
      o,
      'the objective is a percentage, not a ratio',
      `write ${formatExact(Rational.of(o).mul(100))} for ${formatExact(Rational.of(o).mul(100))}% (the percentage form), not ${o}`,
    );
  } else if (o <= 0 || o >= 100) {
    found.add(
      'objective',
      o,
      'the objective must lie strictly between 0 and 100 (a percentage)',
      'e.g. 99.9 for 99.9%; 100 leaves no error budget',
    );
  }
  if (p.window !== undefined) {
    const d = typeof p.window === 'string' ? parseDuration(p.window) : { ok: false as const, error: 'not a string' };
    if (!d.ok) found.add('window', p.window, d.error, 'write a whole number of days, e.g. "30d", "28d" or "7d"');
    else if (d.ms === 0 || d.ms % DAY_MS !== 0)
      found.add('window', p.window, 'the window must be a whole number of days', 'e.g. "30d", "28d", "7d" or "4w"');
  }
  const seen = new Set<string>();
  (p.groupBy ?? []).forEach((l, i) => {
    if (typeof l !== 'string' || !isValidLabelName(l))
      found.add(`groupBy[${i}]`, l, 'not a valid label name', 'use letters, digits and "_", not starting with a digit');
    else if (RESERVED_LABELS.includes(l))
      found.add(`groupBy[${i}]`, l, `"${l}" is set by the SLO itself and cannot split it`, 'group by another label');
    else if (seen.has(l)) found.add(`groupBy[${i}]`, l, 'listed twice', 'list each label once');
    seen.add(l);
  });
  for (const name of Object.keys(p.labels ?? {})) {
    if (!isValidLabelName(name))
      found.add(
        `labels.${name}`,
        name,
        'not a valid label name',
        'use letters, digits and "_", not starting with a digit',
      );
    else if (['slo', 'service'].includes(name))
      found.add(
        `labels.${name}`,
        name,
        `"${name}" is set from the SLO's ${name === 'slo' ? 'name' : 'service'}`,
        'remove it from labels',
      );
  }
  const a = p.alerting ?? {};
  for (const [field, v] of [
    ['alerting.pageSeverity', a.pageSeverity],
    ['alerting.ticketSeverity', a.ticketSeverity],
    ['alerting.alert', a.alert],
  ] as const) {
    if (v !== undefined && (typeof v !== 'string' || v.trim() === ''))
      found.add(field, v, 'must be a non-empty string', 'remove it to take the default');
  }
  const known: readonly string[] = ['pageFast', 'pageSlow', 'ticketFast', 'ticketSlow'];
  for (const [id, o] of Object.entries(a.tiers ?? {})) {
    if (!known.includes(id)) {
      found.add(`alerting.tiers.${id}`, id, 'unknown tier', `use one of ${known.join(', ')}`);
      continue;
    }
    if (o === false || o === undefined) continue;
    if (o.severity !== undefined && (typeof o.severity !== 'string' || o.severity.trim() === ''))
      found.add(`alerting.tiers.${id}.severity`, o.severity, 'must be a non-empty string', 'e.g. "critical"');
    if (o.for !== undefined) {
      const d = parseDuration(o.for);
      if (!d.ok) found.add(`alerting.tiers.${id}.for`, o.for, d.error, 'write a duration such as "2m"');
    }
    for (const name of Object.keys(o.labels ?? {})) {
      if (!isValidLabelName(name))
        found.add(`alerting.tiers.${id}.labels.${name}`, name, 'not a valid label name', 'use letters, digits and "_"');
      else if (['slo', 'service'].includes(name))
        found.add(
          `alerting.tiers.${id}.labels.${name}`,
          name,
          `"${name}" identifies the SLO and cannot be re-labelled`,
          'remove it',
        );
    }
  }
  if (typeof a.absent === 'object' && a.absent.for !== undefined) {
    const d = parseDuration(a.absent.for);
    if (!d.ok) found.add('alerting.absent.for', a.absent.for, d.error, 'write a duration such as "10m"');
  }
  found.addAll(checkSli(p.sli, where));
  return found.problems;
}

/** `rlm-hypervisor` -> `RlmHypervisor`. */
function pascal(s: string): string {
  return s
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}
