/**
 * `promql/fragile`: alerts whose series set churns — topk()/bottomk()/limitk() pick different series from
 * one evaluation to the next — and absent() alerts without `for`, which fire on any restart or late scrape.
 */
import { walk } from '../promql/ast';
import { parseDuration } from '../promql/durations';
import { atExpr, emit, type AnalyzedRule, type CheckContext } from './context';

const RANKING = new Set(['topk', 'bottomk', 'limitk', 'limit_ratio']);

/** Checks an alerting rule's expression for fragile constructs. */
export function checkFragile(ctx: CheckContext, { rule, ast }: AnalyzedRule): void {
  if (rule.kind !== 'alert' || !ast) return;
  const forMs = rule.for ? parseDuration(rule.for) : undefined;
  const waits = forMs !== undefined && forMs.ok && forMs.ms > 0;
  let absentReported = false;
  walk(ast, (e) => {
    // `topk by (pod) (1, info_metric)` keeps one series per group: a deduplication, not a ranking.
    const dedup =
      e.kind === 'aggregate' &&
      !e.without &&
      e.grouping.length > 0 &&
      e.param?.kind === 'number' &&
      e.param.value === 1;
    if (e.kind === 'aggregate' && RANKING.has(e.op) && !dedup) {
      emit(
        ctx,
        'promql/fragile',
        atExpr(e.from),
        `${e.op}() in an alert: which series rank first changes between evaluations, so alerts start and resolve as the ranking shifts`,
        {
          fix: 'alert on a threshold per series, or on max()/min() of the group',
          tier: 'recommended',
        },
      );
    }
    if (!waits && !absentReported && e.kind === 'call' && (e.func === 'absent' || e.func === 'absent_over_time')) {
      absentReported = true;
      emit(
        ctx,
        'promql/fragile',
        atExpr(e.from),
        `${e.func}() alert without for: it fires at the first evaluation a series is missing (a restart, a slow scrape)`,
        {
          fix: 'add for: 5m (or longer) to the rule',
        },
      );
    }
  });
}
