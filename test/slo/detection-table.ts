/**
 * The detection-time table of docs/slo.md: for a 99.9% SLO over 30 days, how long after the error ratio
 * steps from healthy to a constant burn rate B each tier opens. Each cell is computed by the exact model
 * and proven by promtool (detection-times.test.ts); the docs must show exactly this table.
 */
import { Slo, SloTier, Sli, TierId, detectionMinutes, formatMinutes, windowMs } from '../../src/slo';
import { Counters, counters, firstFiring } from './promtool-harness';

/** The burn rates of the table's rows; 1000 is 100% errors for a 99.9% objective. */
export const BURN_RATES = [0.5, 2, 10, 20, 1000] as const;

/** The error ratio of healthy traffic, as a burn rate: small, so no evaluation sits exactly on a factor. */
export const HEALTHY_BURN = 0.001;

/** Input step and evaluation interval per tier (minutes): fine for pages, coarser for tickets to keep promtool quick. */
export const STEP: Readonly<Record<TierId, number>> = { pageFast: 1, pageSlow: 2, ticketFast: 15, ticketSlow: 15 };

export const TIER_IDS: readonly TierId[] = ['pageFast', 'pageSlow', 'ticketFast', 'ticketSlow'];

/** The SLO of the table, with only `only` enabled (each tier's cell is measured alone), or every tier. */
export function tableSlo(only?: TierId): Slo {
  const tiers = only ? Object.fromEntries(TIER_IDS.filter((id) => id !== only).map((id) => [id, false as const])) : {};
  return new Slo({
    service: 'checkout',
    name: 'availability',
    objective: 99.9,
    sli: Sli.events('rlm_errors', 'rlm_requests'),
    alerting: { tiers },
  });
}

/**
 * How long a tier that does not open is watched after the step: its long window plus an hour. Once the long
 * window holds only the new burn rate, both burn rates are constant, so a tier that has not opened by then
 * never will.
 */
export function neverRunMinutes(longWindow: string): number {
  return windowMs(longWindow) / 60_000 + 60;
}

/** One cell: the scenario, its step, and what the model says. */
export interface Cell {
  readonly tier: SloTier;
  readonly burn: number;
  readonly step: number;
  /** Healthy minutes before the step: the tier's long window, so its windows see only healthy traffic. */
  readonly healthy: number;
  readonly run: number;
  readonly counters: Counters;
  /** F × L / B in minutes, or undefined when B <= F. */
  readonly predicted?: number;
  /** Minutes from the step to the first evaluation with the alert firing, or undefined if never within the run. */
  readonly measured?: number;
}

export function cell(id: TierId, burn: number): Cell {
  const slo = tableSlo(id);
  const tier = slo.tiers[0];
  const step = STEP[id];
  const healthy = windowMs(tier.longWindow) / 60_000;
  const predicted = detectionMinutes(tier.factor, tier.longWindow, burn);
  // Watch until ten evaluations past the predicted opening, or the long window plus an hour when B <= F.
  const limit =
    predicted === undefined ? neverRunMinutes(tier.longWindow) : Math.ceil(predicted / step) * step + 10 * step;
  const c = counters(
    [
      { minutes: healthy, burn: HEALTHY_BURN },
      { minutes: limit, burn },
    ],
    slo.errorBudget,
    step,
  );
  const first = firstFiring(c, tier, slo.errorBudget, 0, healthy + limit);
  if (first === 'tie') throw new Error(`${id} at burn ${burn}: an evaluation sits exactly on the factor`);
  if (first !== undefined && first <= healthy) throw new Error(`${id} fires during the healthy traffic`);
  const measured = first === undefined ? undefined : first - healthy;
  const run = measured === undefined ? limit : measured + 10 * step;
  const kept = (healthy + run) / step + 1;
  const trimmed = { step, errors: c.errors.slice(0, kept), total: c.total.slice(0, kept) };
  return { tier, burn, step, healthy, run, counters: trimmed, predicted, measured };
}

const rowLabel = (b: number): string => (b === 1000 ? '1000 (100% errors)' : String(b));

/** The table as Markdown, exactly as docs/slo.md shows it. */
export function detectionTable(): string {
  const tiers = tableSlo().tiers;
  const head = `| burn rate B | ${tiers.map((t) => `${t.longWindow}/${t.shortWindow} ${t.kind} (F = ${t.factor})`).join(' | ')} |`;
  const sep = `| --- | ${tiers.map(() => '---').join(' | ')} |`;
  const rows = BURN_RATES.map((b) => {
    const cells = TIER_IDS.map((id) => {
      const c = cell(id, b);
      if (c.measured === undefined) return `never (${formatMinutes(c.run)} run)`;
      return `${formatMinutes(c.predicted as number)} / **${formatMinutes(c.measured)}**`;
    });
    return `| ${rowLabel(b)} | ${cells.join(' | ')} |`;
  });
  return [head, sep, ...rows].join('\n');
}
