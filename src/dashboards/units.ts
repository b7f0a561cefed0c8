/**
 * Grafana unit ids: which ids a panel may use, so a typo (`percentage`, `milliseconds`) fails synth instead of
 * showing raw numbers. Hand-kept from Grafana's value formats (packages/grafana-data valueFormats/categories.ts):
 * the ids monitoring dashboards use. Custom units (`suffix:`, `prefix:`, `si:`, `count:`, `currency:`, `time:`)
 * are accepted as Grafana accepts them.
 */

import { editDistance } from '../core';

/** Unit ids this module knows, grouped as Grafana's unit picker groups them. */
export const GRAFANA_UNITS = {
  misc: [
    'none',
    'string',
    'short',
    'sishort',
    'percent',
    'percentunit',
    'humidity',
    'dB',
    'hex0x',
    'hex',
    'sci',
    'locale',
    'pixel',
  ],
  time: [
    'hertz',
    'ns',
    'µs',
    'ms',
    's',
    'm',
    'h',
    'd',
    'dtdurationms',
    'dtdurations',
    'dthms',
    'dtdhms',
    'timeticks',
    'clockms',
    'clocks',
  ],
  throughput: [
    'cps',
    'ops',
    'reqps',
    'rps',
    'wps',
    'iops',
    'eps',
    'mps',
    'recps',
    'rowsps',
    'cpm',
    'opm',
    'reqpm',
    'rpm',
    'wpm',
    'epm',
    'mpm',
    'recpm',
    'rowspm',
  ],
  data: [
    'bytes',
    'decbytes',
    'bits',
    'decbits',
    'kbytes',
    'deckbytes',
    'mbytes',
    'decmbytes',
    'gbytes',
    'decgbytes',
    'tbytes',
    'dectbytes',
    'pbytes',
    'decpbytes',
  ],
  dataRate: [
    'pps',
    'binBps',
    'Bps',
    'binbps',
    'bps',
    'KiBs',
    'Kibits',
    'KBs',
    'Kbits',
    'MiBs',
    'Mibits',
    'MBs',
    'Mbits',
    'GiBs',
    'Gibits',
    'GBs',
    'Gbits',
    'TiBs',
    'Tibits',
    'TBs',
    'Tbits',
  ],
  currency: ['currencyUSD', 'currencyGBP', 'currencyEUR', 'currencyJPY'],
  date: ['dateTimeAsIso', 'dateTimeAsUS', 'dateTimeFromNow'],
  energy: ['watt', 'kwatt', 'watth', 'kwatth', 'joule', 'amp', 'volt'],
  temperature: ['celsius', 'fahrenheit', 'kelvin'],
  boolean: ['bool', 'bool_yes_no', 'bool_on_off'],
} as const;

/** A unit id this module knows. */
export type KnownGrafanaUnit = (typeof GRAFANA_UNITS)[keyof typeof GRAFANA_UNITS][number];

/** A Grafana unit: a known id, or a custom unit such as `suffix: tasks`. */
export type GrafanaUnit = KnownGrafanaUnit | `${CustomUnitPrefix}:${string}`;

/** Prefixes of Grafana's custom units. */
export type CustomUnitPrefix = 'suffix' | 'prefix' | 'si' | 'count' | 'currency' | 'time';

const KNOWN: ReadonlySet<string> = new Set(Object.values(GRAFANA_UNITS).flat());
const CUSTOM = /^(suffix|prefix|si|count|currency|time):.+$/s;

/** Whether Grafana knows `unit` (one of GRAFANA_UNITS, or a custom unit). */
export function isGrafanaUnit(unit: string): unit is GrafanaUnit {
  return KNOWN.has(unit) || CUSTOM.test(unit);
}

/** Words people write for a unit, and Grafana's id for it. */
const ALIASES: Readonly<Record<string, string>> = {
  millisecond: 'ms',
  milliseconds: 'ms',
  msec: 'ms',
  second: 's',
  seconds: 's',
  sec: 's',
  secs: 's',
  minute: 'm',
  minutes: 'm',
  hour: 'h',
  hours: 'h',
  day: 'd',
  days: 'd',
  microseconds: 'µs',
  us: 'µs',
  nanoseconds: 'ns',
  percentage: 'percent',
  pct: 'percent',
  '%': 'percent',
  ratio: 'percentunit',
  fraction: 'percentunit',
  byte: 'bytes',
  b: 'bytes',
  kb: 'kbytes',
  mb: 'mbytes',
  gb: 'gbytes',
  bit: 'bits',
  'req/s': 'reqps',
  'requests/s': 'reqps',
  requests_per_second: 'reqps',
  qps: 'reqps',
  'ops/s': 'ops',
  count: 'short',
  number: 'short',
  usd: 'currencyUSD',
  dollars: 'currencyUSD',
  eur: 'currencyEUR',
  euro: 'currencyEUR',
  boolean: 'bool',
  celsius_degrees: 'celsius',
};

/** The known unit ids closest to a mistyped one, best first (for error messages). */
export function suggestUnits(unit: string, max = 3): string[] {
  const u = unit.toLowerCase().trim();
  const alias = ALIASES[u] ?? ALIASES[u.replace(/s$/, '')];
  const rest = [...KNOWN]
    .filter((k) => k !== alias)
    .map((k) => ({ k, d: editDistance(u, k.toLowerCase()) - (k.toLowerCase().startsWith(u.slice(0, 3)) ? 1 : 0) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .map((x) => x.k);
  return [...(alias ? [alias] : []), ...rest].slice(0, max);
}
