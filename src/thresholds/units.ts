/**
 * Units of measurement: how a number is written in alert text, how `$value` is rendered in templates, which
 * Grafana unit id shows it on a panel, and which values make sense.
 */

import type { Unit } from '../metrics/units';

/** A unit a ThresholdMetric's values and levels are expressed in (declared with the metric catalogue). */
export type { Unit };

/** What watchkeeper knows about a unit. */
export interface UnitInfo {
  /** Grafana's unit id for panels. */
  readonly grafana: string;
  /** Go template rendering `$value` in this unit, for annotations. */
  readonly valueTemplate: string;
  /** The inclusive range of sensible levels, if bounded. */
  readonly range?: readonly [number, number];
  /** Writes a level for people: `500 ms`, `99.9%`. */
  readonly format: (n: number) => string;
}

const plain = (n: number): string => String(n);

export const UNITS: Readonly<Record<Unit, UnitInfo>> = {
  percent: {
    grafana: 'percent',
    valueTemplate: '{{ $value | printf "%.2f" }}%',
    range: [0, 100],
    format: (n) => `${plain(n)}%`,
  },
  ratio: {
    grafana: 'percentunit',
    valueTemplate: '{{ $value | humanizePercentage }}',
    range: [0, 1],
    format: (n) => `${plain(Number((n * 100).toPrecision(12)))}%`,
  },
  ms: { grafana: 'ms', valueTemplate: '{{ $value | printf "%.0f" }} ms', format: (n) => `${plain(n)} ms` },
  s: { grafana: 's', valueTemplate: '{{ $value | humanizeDuration }}', format: (n) => `${plain(n)} s` },
  bytes: { grafana: 'bytes', valueTemplate: '{{ $value | humanize1024 }}B', format: (n) => `${plain(n)} bytes` },
  reqps: { grafana: 'reqps', valueTemplate: '{{ $value | humanize }} req/s', format: (n) => `${plain(n)} req/s` },
  count: { grafana: 'short', valueTemplate: '{{ $value | humanize }}', format: plain },
  usd: { grafana: 'currencyUSD', valueTemplate: '${{ $value | printf "%.2f" }}', format: (n) => `$${plain(n)}` },
};

/** Whether `u` names a known unit. */
export function isUnit(u: string): u is Unit {
  return Object.prototype.hasOwnProperty.call(UNITS, u);
}
