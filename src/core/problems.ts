/**
 * Collecting problems instead of stopping at the first: while an app is being declared, a mistake found in a
 * constructor is recorded and declaration goes on, so one synth lists every mistake at once.
 *
 * - A construct reports to the collector of the app its tree belongs to (registered by the app).
 * - A value (a ThresholdMetric, an Slo, a Receiver) has no scope: it reports to the app being declared — the
 *   most recently constructed app that has not synthesized yet.
 * - With no app to report to (a value built in a unit test, a library used without an app), the problems are
 *   thrown as one WatchkeeperError, as before.
 *
 * A value or construct that reported problems must stay safe to use (render nothing invalid, throw nothing
 * else): the app refuses to synthesize while problems are recorded, so nothing it would render is written.
 */
import type { IConstruct } from 'constructs';
import { Problem, WatchkeeperError, formatProblem } from './errors';

/** The problems of one app, each reported once. */
export class ProblemCollector {
  private readonly seen = new Set<string>();
  private readonly list: Problem[] = [];

  /** Records problems; a problem already recorded (same text) is not recorded again. */
  add(problems: readonly Problem[]): void {
    for (const p of problems) {
      const key = formatProblem(p);
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.list.push(p);
    }
  }

  /** Every problem recorded, in the order found. */
  get problems(): readonly Problem[] {
    return this.list;
  }
}

const byRoot = new WeakMap<IConstruct, ProblemCollector>();
const refused = new WeakSet<IConstruct>();
const declaring: ProblemCollector[] = [];

/** Registers the collector of an app (its root construct) and makes it the one values report to. */
export function openCollector(root: IConstruct, collector: ProblemCollector): void {
  byRoot.set(root, collector);
  declaring.push(collector);
}

/** Ends declaration for an app: values no longer report to it (its constructs still do). */
export function closeCollector(collector: ProblemCollector): void {
  const i = declaring.lastIndexOf(collector);
  if (i !== -1) declaring.splice(i, 1);
}

/** Ends declaration for every app (test isolation: each test starts with no app being declared). */
export function closeAllCollectors(): void {
  declaring.length = 0;
}

/**
 * Reports problems found in a constructor: recorded by the app `scope` belongs to (or, without a scope, the app
 * being declared), else thrown. Returns whether there were problems, so the caller can fall back to something
 * safe.
 * @throws WatchkeeperError when there are problems and no app collects them
 */
export function reportProblems(problems: readonly Problem[], heading: string, scope?: IConstruct): boolean {
  if (problems.length === 0) return false;
  const collector = scope ? byRoot.get(scope.node.root) : declaring[declaring.length - 1];
  if (!collector) throw new WatchkeeperError(problems, heading);
  collector.add(problems);
  if (scope) refused.add(scope);
  return true;
}

/**
 * Marks a construct as holding something refused (its own props, or a value given to it that reported
 * problems): its synth-time checks are skipped, since they would only report the same mistake again.
 */
export function markRefused(scope: IConstruct): void {
  refused.add(scope);
}

/** Whether a construct reported problems or holds a refused value (see markRefused). */
export function isRefused(scope: IConstruct): boolean {
  return refused.has(scope);
}
