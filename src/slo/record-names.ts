/**
 * The recording-rule names every SLO shares (`level:metric:operations`). SLOs differ by the `slo` and
 * `service` labels (and their grouping labels), so one dashboard query or alert template serves them all.
 */

/** Names of the series an SLO records. */
export const SLO_RECORDS = {
  /** Errors per second over a window, summed by the grouping labels. */
  errors: (window: string): string => `slo:sli_errors:rate${window}`,
  /** Events per second over a window (errors included), summed by the grouping labels. */
  total: (window: string): string => `slo:sli_total:rate${window}`,
  /** Error ratio over a window divided by the error budget: 1 burns the budget exactly over the SLO window. */
  burnRate: (window: string): string => `slo:burn_rate:rate${window}`,
  /** Raw error-ratio SLIs: the ratio at each evaluation, NaN, infinite and negative values dropped. */
  errorRatio: 'slo:sli_error:ratio',
  /** The objective as a ratio (0.999). */
  objective: 'slo:objective:ratio',
  /** The error budget as a ratio (0.001). */
  errorBudget: 'slo:error_budget:ratio',
  /** The SLO window in days. */
  windowDays: 'slo:window:days',
  /** Share of the error budget left over the SLO window: 1 - burn rate over the window (negative when overspent). */
  budgetRemaining: 'slo:error_budget_remaining:ratio',
} as const;
