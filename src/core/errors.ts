/**
 * One error shape for every user mistake: where (construct path or file), which field, the value received,
 * what is wrong and what would be right. Messages read as one line each.
 */

/** A problem with a declaration or an input file. */
export interface Problem {
  /** Construct path (`rlm/alerts`) or file (`rules/x.yaml:12:5`). */
  readonly where: string;
  /** The field, as a path: `groups[0].rules[2].expr`, `thresholds.warning`. */
  readonly field: string;
  /** The value received, shown as JSON. */
  readonly value?: unknown;
  /** What is wrong. */
  readonly message: string;
  /** What would be right. */
  readonly fix?: string;
}

/** Formats a problem as `[where] field: message (got value). Fix: ...` (empty parts left out). */
export function formatProblem(p: Problem): string {
  const got = p.value === undefined ? '' : ` (got ${showValue(p.value)})`;
  const fix = p.fix ? ` Fix: ${p.fix}` : '';
  const where = p.where ? `[${p.where}] ` : '';
  const field = p.field ? `${p.field}: ` : '';
  return `${where}${field}${p.message}${got}.${fix}`.replace(/\.\.(?=\s|$)/g, '.');
}

/** A value as it appears in messages: JSON, shortened past 120 characters. */
export function showValue(v: unknown): string {
  let s: string;
  try {
    s = typeof v === 'number' && !Number.isFinite(v) ? String(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    s = String(v);
  }
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

/** Thrown for user mistakes: carries every problem found, so one run reports them all. */
export class WatchkeeperError extends Error {
  constructor(
    readonly problems: readonly Problem[],
    heading = 'watchkeeper',
  ) {
    super(
      problems.length === 1
        ? formatProblem(problems[0])
        : `${heading}: ${problems.length} problems\n  ${problems.map(formatProblem).join('\n  ')}`,
    );
    this.name = 'WatchkeeperError';
  }
}

/** Throws one problem as a WatchkeeperError: a mistake that stops the work at hand. */
export function throwProblem(problem: Problem): never {
  throw new WatchkeeperError([problem]);
}

/** Throws a WatchkeeperError when `problems` is not empty. */
export function throwIfAny(problems: readonly Problem[], heading?: string): void {
  if (problems.length > 0) throw new WatchkeeperError(problems, heading);
}

/**
 * The problems found while checking one declaration or input, in the order found: the one collector every
 * check writes to. Most problems share a `where` (the construct path, `Slo "api/availability"`), and may share
 * words before every field (`panel "Errors"`); `addAt` records one somewhere else.
 */
export class ProblemList {
  private readonly found: Problem[] = [];

  /**
   * @param where where the problems added with `add` are
   * @param fieldPrefix put before every field added with `add`: words (`dashboard "Payments"`) or a path
   *   (`metrics[0]`). @default none
   * @param separator between the prefix and the field: `' '` after words, `'.'` after a path. @default ' '
   */
  constructor(
    readonly where: string,
    private readonly fieldPrefix = '',
    private readonly separator = ' ',
  ) {}

  /** Records a problem at this list's `where`: the field, the value received, what is wrong and the fix. */
  add(field: string, value: unknown, message: string, fix?: string): void {
    const prefixed =
      this.fieldPrefix === ''
        ? field
        : field === ''
          ? this.fieldPrefix
          : `${this.fieldPrefix}${this.separator}${field}`;
    this.found.push({ where: this.where, field: prefixed, value, message, fix });
  }

  /** Records a problem at another place (a file, another construct). */
  addAt(where: string, field: string, value: unknown, message: string, fix?: string): void {
    this.found.push({ where, field, value, message, fix });
  }

  /** Records problems another check found, as they are. */
  addAll(problems: readonly Problem[]): void {
    this.found.push(...problems);
  }

  /** How many problems were recorded. */
  get length(): number {
    return this.found.length;
  }

  /** The problems, in the order found. */
  get problems(): Problem[] {
    return this.found;
  }

  /** Throws every problem as one WatchkeeperError when there is any. */
  throwIfAny(heading?: string): void {
    throwIfAny(this.found, heading);
  }
}
