/** Tables docs/slo.md shows, rendered from the code so the docs cannot drift from it. */
import { burnRateTiers, formatExact, Rational } from '../../src/slo';

/** The tier table for the given SLO windows. */
export function tierTable(days: readonly number[]): string {
  const rows = days.flatMap((d) =>
    burnRateTiers(d).map(
      (t) =>
        `| ${d}d | ${t.id} | ${t.kind} | ${t.longWindow} | ${t.shortWindow} | ${t.factor} | ${formatExact((Rational.parse(t.budgetShare) as Rational).mul(100))}% |`,
    ),
  );
  return [
    '| SLO window | tier | kind | long window | short window | factor F | budget share |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
