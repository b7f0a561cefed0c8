/**
 * Input series of an alert test, declared by shape (a steady rate, a step, a burst, a gap, a counter
 * reset) or in promtool's own notation (`0+1x10`), and rendered to promtool's expanding notation for the
 * test's sampling interval.
 */
import { throwProblem } from '../core';
import { Duration, parseDuration } from '../promql';

/** One piece of a series' timeline. */
type Segment =
  | { readonly kind: 'hold'; readonly value: number; readonly ms: number }
  | { readonly kind: 'rate'; readonly perSecond: number; readonly ms: number }
  | { readonly kind: 'missing'; readonly ms: number }
  | { readonly kind: 'stale' }
  | { readonly kind: 'reset'; readonly to: number };

const toMs = (d: Duration, what: string): number => {
  const r = parseDuration(d);
  if (!r.ok)
    throwProblem({ where: 'Series', field: what, value: d, message: r.error, fix: 'write a duration such as "10m"' });
  return r.ms;
};

/**
 * A series: a selector-like name with labels (`http_requests_total{code="500"}`) and values over time.
 * Build one with the static helpers, or chain `hold`, `rate`, `missing`, `reset` and `stale` on `Series.of`.
 * Samples are taken at 0, one interval, two intervals, ... up to the end of the last piece.
 */
export class Series {
  private constructor(
    /** The series in promtool's notation: `name{label="value", ...}`. */
    readonly series: string,
    private readonly segments: readonly Segment[],
    private readonly raw?: string,
  ) {}

  /** An empty timeline to chain pieces onto. */
  static of(series: string): Series {
    return new Series(series, []);
  }

  /** Values in promtool's notation, as written: `'0+1x10'`, `'1 1 _ 3 stale'`. */
  static raw(series: string, values: string): Series {
    return new Series(series, [], values);
  }

  /** A gauge holding one value for `for`. */
  static constant(series: string, value: number, opts: { readonly for: Duration }): Series {
    return Series.of(series).hold(value, opts.for);
  }

  /** A counter growing by `perSecond` every second for `for`, from `start` (default 0). */
  static steadyRate(
    series: string,
    opts: { readonly perSecond: number; readonly for: Duration; readonly start?: number },
  ): Series {
    return Series.of(series)
      .reset(opts.start ?? 0)
      .rate(opts.perSecond, opts.for);
  }

  /** A gauge at `from` until `at`, then at `to` until `for`. */
  static step(
    series: string,
    opts: { readonly from: number; readonly to: number; readonly at: Duration; readonly for: Duration },
  ): Series {
    const at = toMs(opts.at, 'at');
    return Series.of(series)
      .holdMs(opts.from, at)
      .holdMs(opts.to, toMs(opts.for, 'for') - at);
  }

  /** A gauge at `base`, at `peak` from `at` for `lasting`, then back at `base` until `for`. */
  static burst(
    series: string,
    opts: {
      readonly base: number;
      readonly peak: number;
      readonly at: Duration;
      readonly lasting: Duration;
      readonly for: Duration;
    },
  ): Series {
    const at = toMs(opts.at, 'at');
    const lasting = toMs(opts.lasting, 'lasting');
    return Series.of(series)
      .holdMs(opts.base, at)
      .holdMs(opts.peak, lasting)
      .holdMs(opts.base, toMs(opts.for, 'for') - at - lasting);
  }

  /**
   * A gauge at `value` with no samples from `at` for `lasting` (a scrape gap). Prometheus still returns the
   * last sample for 5 minutes of lookback; a longer gap makes the series absent.
   */
  static gap(
    series: string,
    opts: { readonly value: number; readonly at: Duration; readonly lasting: Duration; readonly for: Duration },
  ): Series {
    const at = toMs(opts.at, 'at');
    const lasting = toMs(opts.lasting, 'lasting');
    return Series.of(series)
      .holdMs(opts.value, at)
      .missingMs(lasting)
      .holdMs(opts.value, toMs(opts.for, 'for') - at - lasting);
  }

  /** A counter growing by `perSecond`, restarting from 0 at `at` (a process restart), until `for`. */
  static counterReset(
    series: string,
    opts: { readonly perSecond: number; readonly at: Duration; readonly for: Duration; readonly start?: number },
  ): Series {
    const at = toMs(opts.at, 'at');
    return Series.of(series)
      .reset(opts.start ?? 0)
      .rateMs(opts.perSecond, at)
      .reset(0)
      .rateMs(opts.perSecond, toMs(opts.for, 'for') - at);
  }

  /** Holds a gauge value for `d`. */
  hold(value: number, d: Duration): Series {
    return this.holdMs(value, toMs(d, 'hold'));
  }

  /** Grows a counter by `perSecond` for `d`, from where the series is. */
  rate(perSecond: number, d: Duration): Series {
    return this.rateMs(perSecond, toMs(d, 'rate'));
  }

  /** No samples for `d`. */
  missing(d: Duration): Series {
    return this.missingMs(toMs(d, 'missing'));
  }

  /** Sets the counter to `to` (default 0) at the start of the next piece: a restart. */
  reset(to = 0): Series {
    return this.with({ kind: 'reset', to });
  }

  /** A staleness marker: the series ends here (Prometheus stops returning it at once). */
  stale(): Series {
    return this.with({ kind: 'stale' });
  }

  /** Length of the timeline for a sampling interval (ms). */
  durationMs(intervalMs: number): number {
    if (this.raw !== undefined) return Math.max(0, expandRaw(this.raw).length - 1) * intervalMs;
    return this.segments.reduce((sum, s) => sum + ('ms' in s ? s.ms : s.kind === 'stale' ? intervalMs : 0), 0);
  }

  /** The values in promtool's notation for a sampling interval (ms). */
  values(intervalMs: number): string {
    if (this.raw !== undefined) return this.raw;
    return compress(this.samples(intervalMs));
  }

  /** Every sample: a number, `'_'` (none) or `'stale'`. */
  samples(intervalMs: number): Array<number | '_' | 'stale'> {
    const out: Array<number | '_' | 'stale'> = [];
    let value = 0;
    const stepsOf = (ms: number): number => {
      if (ms % intervalMs !== 0) {
        throwProblem({
          where: `Series ${this.series}`,
          field: 'duration',
          value: `${ms / 1000}s`,
          message: `is not a multiple of the test's interval (${intervalMs / 1000}s)`,
          fix: 'use durations that are whole numbers of intervals',
        });
      }
      return ms / intervalMs;
    };
    const lastTimed = this.segments.reduce((last, s, i) => ('ms' in s ? i : last), -1);
    // A piece owns the samples from its start up to, not including, its end; the last one also its end.
    for (const [index, s] of this.segments.entries()) {
      if (s.kind === 'reset') {
        value = s.to;
        continue;
      }
      if (s.kind === 'stale') {
        out.push('stale');
        continue;
      }
      const n = stepsOf(s.ms);
      for (let i = 0; i < n || (i === n && index === lastTimed); i++) {
        if (s.kind === 'hold') out.push(s.value);
        else if (s.kind === 'missing') out.push('_');
        else out.push(round(value + (s.perSecond * i * intervalMs) / 1000));
      }
      if (s.kind === 'rate') value = round(value + (s.perSecond * s.ms) / 1000);
      if (s.kind === 'hold') value = s.value;
    }
    return out;
  }

  private holdMs(value: number, ms: number): Series {
    return this.with({ kind: 'hold', value, ms: this.positive(ms) });
  }

  private rateMs(perSecond: number, ms: number): Series {
    return this.with({ kind: 'rate', perSecond, ms: this.positive(ms) });
  }

  private missingMs(ms: number): Series {
    return this.with({ kind: 'missing', ms: this.positive(ms) });
  }

  private positive(ms: number): number {
    if (!(ms > 0))
      throwProblem({
        where: `Series ${this.series}`,
        field: 'duration',
        value: `${ms / 1000}s`,
        message: 'a piece of the timeline must last longer than 0',
        fix: 'check that `at` and `lasting` fit within `for`',
      });
    return ms;
  }

  private with(s: Segment): Series {
    if (this.raw !== undefined) throw new Error('Series.raw cannot be extended');
    return new Series(this.series, [...this.segments, s]);
  }
}

const round = (x: number): number => Number(x.toPrecision(12));

const fmt = (x: number): string => String(round(x));

/** Runs of equal steps as `a+bxn`, runs of no samples as `_xn`. */
export function compress(samples: ReadonlyArray<number | '_' | 'stale'>): string {
  const out: string[] = [];
  let i = 0;
  while (i < samples.length) {
    const v = samples[i];
    if (v === 'stale') {
      out.push('stale');
      i++;
      continue;
    }
    if (v === '_') {
      let j = i;
      while (j + 1 < samples.length && samples[j + 1] === '_') j++;
      out.push(j > i ? `_x${j - i + 1}` : '_');
      i = j + 1;
      continue;
    }
    const next = samples[i + 1];
    if (typeof next !== 'number') {
      out.push(fmt(v));
      i++;
      continue;
    }
    const d = round(next - v);
    let j = i + 1;
    while (
      j + 1 < samples.length &&
      typeof samples[j + 1] === 'number' &&
      round((samples[j + 1] as number) - (samples[j] as number)) === d
    )
      j++;
    out.push(d === 0 ? `${fmt(v)}x${j - i}` : `${fmt(v)}${d < 0 ? '-' : '+'}${fmt(Math.abs(d))}x${j - i}`);
    i = j + 1;
  }
  return out.join(' ');
}

/** promtool's expanding notation, expanded (for lengths). */
export function expandRaw(values: string): string[] {
  const out: string[] = [];
  for (const tok of values.trim().split(/\s+/).filter(Boolean)) {
    const m = /^(.*?)(?:([+-])([^x]+))?x(\d+)$/.exec(tok);
    if (!m) {
      out.push(tok);
      continue;
    }
    const n = Number(m[4]);
    if (m[1] === '_') for (let i = 0; i < n; i++) out.push(m[1]);
    else {
      const a = Number(m[1]);
      const b = m[3] === undefined ? 0 : Number(m[3]) * (m[2] === '-' ? -1 : 1);
      for (let i = 0; i <= n; i++) out.push(String(a + b * i));
    }
  }
  return out;
}
