/**
 * Burn-rate math: the SRE Workbook's multi-window multi-burn-rate policy, its scaling to other SLO windows,
 * the budget share a tier consumes and the time it takes to open. Pure functions, no rules.
 */
import { parseDuration } from '../promql';
import { Rational, formatExact } from './decimal';

/** The four tiers of the policy. */
export type TierId = 'pageFast' | 'pageSlow' | 'ticketFast' | 'ticketSlow';

/** Whether a tier pages someone or opens a ticket. */
export type TierKind = 'page' | 'ticket';

/** A tier as the policy states it for the reference 30-day window. */
export interface PolicyTier {
  readonly id: TierId;
  readonly kind: TierKind;
  /** Share of the window's error budget burnt when the tier opens, e.g. `"0.02"` (2%). */
  readonly budgetShare: string;
  /** Long window for a 30-day SLO. */
  readonly longWindow: string;
  /** Short window for a 30-day SLO (the long window / 12). */
  readonly shortWindow: string;
}

/** The SRE Workbook policy (chapter 5, table 5-8) for a 30-day window: 14.4 (1h/5m), 6 (6h/30m), 3 (1d/2h), 1 (3d/6h). */
export const SRE_WORKBOOK_POLICY: readonly PolicyTier[] = [
  { id: 'pageFast', kind: 'page', budgetShare: '0.02', longWindow: '1h', shortWindow: '5m' },
  { id: 'pageSlow', kind: 'page', budgetShare: '0.05', longWindow: '6h', shortWindow: '30m' },
  { id: 'ticketFast', kind: 'ticket', budgetShare: '0.1', longWindow: '1d', shortWindow: '2h' },
  { id: 'ticketSlow', kind: 'ticket', budgetShare: '0.1', longWindow: '3d', shortWindow: '6h' },
];

/** The reference window the policy is written for, in days. */
export const POLICY_WINDOW_DAYS = 30;

/** A tier for a given SLO window: the numbers its alert renders. */
export interface BurnRateTier {
  readonly id: TierId;
  readonly kind: TierKind;
  /** Burn-rate factor as an exact decimal string (`"14.4"`); the alert compares with it. */
  readonly factor: string;
  readonly longWindow: string;
  readonly shortWindow: string;
  /** Share of the SLO window's error budget burnt when the tier opens (`"0.02"`). */
  readonly budgetShare: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Round durations windows are chosen from. */
export const ROUND_WINDOWS: readonly string[] = [
  '5m',
  '10m',
  '15m',
  '30m',
  '1h',
  '2h',
  '3h',
  '6h',
  '12h',
  '1d',
  '2d',
  '3d',
  '4d',
  '7d',
  '14d',
  '28d',
];
/** Shortest long window: shorter windows hold too few scrapes for a steady rate. */
export const MIN_LONG_WINDOW = '15m';
/** Shortest short window. */
export const MIN_SHORT_WINDOW = '5m';

const ms = (d: string): number => {
  const r = parseDuration(d);
  if (!r.ok) throw new Error(r.error);
  return r.ms;
};

/** The round duration (from ROUND_WINDOWS) nearest to `durationMs` on a log scale; ties go to the shorter one. */
export function nearestRoundWindow(durationMs: number, min = MIN_SHORT_WINDOW): string {
  const candidates = ROUND_WINDOWS.filter((w) => ms(w) >= ms(min));
  let best = candidates[0];
  let bestDistance = Infinity;
  for (const w of candidates) {
    const distance = Math.abs(Math.log(ms(w) / durationMs));
    if (distance < bestDistance - 1e-12) {
      best = w;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * The policy's tiers for an SLO window of `windowDays` days. Each tier keeps its budget share:
 *
 *   long window  L' = the round duration nearest to L × W / 30d   (at least 15m)
 *   short window S' = the round duration nearest to L' / 12        (at least 5m)
 *   factor       F' = share × W / L'
 *
 * For 30 days this is the policy itself (14.4, 6, 3, 1). Factors render exactly when their decimal
 * expansion terminates, else to 4 significant digits (28 days: 13.44, 5.6, 2.8, 0.9333). Tiers of the same
 * kind that land on the same windows collapse into the one with the lower factor (it always opens first).
 */
export function burnRateTiers(windowDays: number, policy: readonly PolicyTier[] = SRE_WORKBOOK_POLICY): BurnRateTier[] {
  if (!Number.isInteger(windowDays) || windowDays < 1)
    throw new Error(`burnRateTiers: the window must be a whole number of days >= 1, got ${windowDays}`);
  const out: BurnRateTier[] = [];
  for (const t of policy) {
    const longWindow =
      windowDays === POLICY_WINDOW_DAYS
        ? t.longWindow
        : nearestRoundWindow((ms(t.longWindow) * windowDays) / POLICY_WINDOW_DAYS, MIN_LONG_WINDOW);
    const shortWindow =
      windowDays === POLICY_WINDOW_DAYS ? t.shortWindow : nearestRoundWindow(ms(longWindow) / 12, MIN_SHORT_WINDOW);
    const factor = burnFactor(t.budgetShare, longWindow, windowDays);
    const tier: BurnRateTier = { id: t.id, kind: t.kind, factor, longWindow, shortWindow, budgetShare: t.budgetShare };
    const same = out.findIndex(
      (o) => o.kind === t.kind && o.longWindow === longWindow && o.shortWindow === shortWindow,
    );
    if (same === -1) out.push(tier);
    else if (Number(factor) < Number(out[same].factor)) out[same] = tier;
  }
  return out;
}

/** F = share × W / L, as an exact decimal string (or 4 significant digits when it does not terminate). */
export function burnFactor(budgetShare: string, longWindow: string, windowDays: number): string {
  const share = Rational.parse(budgetShare);
  if (!share) throw new Error(`burnFactor: "${budgetShare}" is not a decimal`);
  return formatExact(share.mul(windowDays * DAY).div(ms(longWindow)));
}

/** Share of the window's budget a burn at `factor` consumes during `longWindow`: F × L / W, exact. */
export function budgetShare(factor: string, longWindow: string, windowDays: number): string {
  const f = Rational.parse(factor);
  if (!f) throw new Error(`budgetShare: "${factor}" is not a decimal`);
  return formatExact(f.mul(ms(longWindow)).div(windowDays * DAY));
}

/**
 * Minutes after a step from a clean error ratio to a constant burn rate `burn` until a tier with this
 * factor and long window opens: F × L / B (the long window is the slower of the two), or undefined when
 * the burn never exceeds the factor. Assumes the long window saw no errors before the step.
 */
export function detectionMinutes(factor: number | string, longWindow: string, burn: number): number | undefined {
  const f = Number(factor);
  if (!(burn > f)) return undefined;
  return (f * ms(longWindow)) / MINUTE / burn;
}

/** Formats minutes for people, in hours at most: `43.2` -> `43m12s`, `2160` -> `36h`, `0.864` -> `52s`. */
export function formatMinutes(minutes: number): string {
  let s = Math.round(minutes * 60);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const out = `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return out || '0s';
}

/** Milliseconds of a window such as `"30d"`. @throws Error when it is not a duration. */
export const windowMs = ms;
