/**
 * Prometheus durations (`5m`, `1h30m`, `2w`): the syntax of `model.ParseDuration`, which rule files (`for`,
 * `keep_firing_for`, `interval`) and PromQL ranges, subquery steps and offsets share.
 */

/** A Prometheus duration literal, e.g. `'5m'`, `'1h30m'`, `'30d'`. */
export type Duration = `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'}${string}`;

const UNIT_MS: ReadonlyArray<readonly [string, number]> = [
  ['y', 365 * 24 * 3600 * 1000],
  ['w', 7 * 24 * 3600 * 1000],
  ['d', 24 * 3600 * 1000],
  ['h', 3600 * 1000],
  ['m', 60 * 1000],
  ['s', 1000],
  ['ms', 1],
];

// Units in this order, each at most once: the grammar of model.ParseDuration.
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Largest duration Go's time.Duration holds, in milliseconds (int64 nanoseconds). */
const MAX_DURATION_MS = Number.MAX_SAFE_INTEGER;

/** The result of parsing a duration: milliseconds, or the reason it is not one. */
export type DurationParse = { ok: true; ms: number } | { ok: false; error: string };

/**
 * Parses a duration the way Prometheus's `model.ParseDuration` does: units y, w, d, h, m, s, ms in that order,
 * each at most once, whole numbers only; `"0"` alone is zero.
 */
export function parseDuration(text: string): DurationParse {
  if (text === '') return { ok: false, error: 'empty duration string' };
  if (text === '0') return { ok: true, ms: 0 };
  const m = DURATION_RE.exec(text);
  if (!m) return { ok: false, error: `not a valid duration string: "${text}"` };
  let ms = 0;
  for (let i = 0; i < UNIT_MS.length; i++) {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * UNIT_MS[i][1];
  }
  if (ms > MAX_DURATION_MS) return { ok: false, error: 'duration out of range' };
  return { ok: true, ms };
}

/** Milliseconds of a duration. @throws Error with the reason when `text` is not a valid duration. */
export function durationMs(text: string): number {
  const r = parseDuration(text);
  if (!r.ok) throw new Error(r.error);
  return r.ms;
}

/** Formats milliseconds as the shortest Prometheus duration (`90m` -> `1h30m`, `0` -> `0s`). */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0)
    throw new Error(`formatDuration: ${ms} is not a whole, non-negative number of milliseconds`);
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, size] of UNIT_MS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
