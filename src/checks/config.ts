/**
 * Lint configuration: severities per check, the alert policy (required labels and annotations, allowed
 * severities, `for` bounds), naming patterns, the scrape interval and the target Prometheus release.
 * Read from `.watchkeeper.yaml` (key `lint`) or package.json (key `watchkeeper.lint`).
 */
import { KNOWN_SEVERITIES } from '../core/severity';
import { parseDuration } from '../promql/durations';
import { DEFAULT_PROMETHEUS_VERSION, parsePrometheusVersion, type PrometheusVersion } from '../promql/version';
import { CHECKS, findCheck } from './registry';
import { globToRegExp, type LoadSetConfig, type ResolvedLoadSet } from './load-sets';
import type { CheckId, DiagnosticSeverity, SeveritySetting } from './types';

/** The alert policy `rule/required` enforces. */
export interface RequiredPolicy {
  /** Labels every alerting rule must set. @default ['severity'] */
  readonly labels?: readonly string[];
  /** Values the `severity` label may take; empty allows any. @default KNOWN_SEVERITIES: ['critical', 'warning', 'info'] */
  readonly severities?: readonly string[];
  /** Annotations every alerting rule must set. @default ['summary', 'description', 'runbook_url'] */
  readonly annotations?: readonly string[];
  /** Bounds of alerting rules' `for`, as durations. @default { max: '1d' } */
  readonly for?: { readonly min?: string; readonly max?: string };
}

/** Naming patterns `rule/name` enforces, as JavaScript regular expressions. */
export interface NamingPolicy {
  /** Alert names. @default '^[A-Z][A-Za-z0-9]*$' (UpperCamelCase) */
  readonly alert?: string;
  /** Record names. @default level:metric:operations, '^[a-zA-Z_][a-zA-Z0-9_]*(:[a-zA-Z_][a-zA-Z0-9_]*){2,}$' */
  readonly record?: string;
}

/** The presets: `default` reports only what is certainly wrong; `recommended` adds house policy and heuristics; `strict` more. */
export type LintPreset = 'default' | 'recommended' | 'strict';
export const PRESETS: readonly LintPreset[] = ['default', 'recommended', 'strict'];

/** Metric types as Prometheus's metadata (and OpenMetrics) name them. */
export type LintMetricType =
  'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'unknown';
const METRIC_TYPES: readonly LintMetricType[] = [
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'summary',
  'info',
  'stateset',
  'unknown',
];

/** Everything `watchkeeper lint` can be told. Every field is optional. */
export interface LintConfig {
  /**
   * Which findings are on: `default` (what is certainly wrong), `recommended` (plus house policy: required
   * labels and annotations, naming, heuristics), `strict` (plus runbook_url and stricter naming). @default 'default'
   */
  readonly preset?: LintPreset;
  /**
   * The rule-file sets each Prometheus or ruler loads; cross-file checks compare rules within a set only.
   * @default one set per directory (rule files) and per namespace (PrometheusRule manifests)
   */
  readonly loadSets?: readonly LoadSetConfig[];
  /**
   * Metric metadata, name -> type (from a metric catalogue or `/api/v1/metadata`): `promql/rate` then judges
   * counters by type instead of by name. Histogram and summary names cover their `_bucket`, `_count`, `_sum`.
   */
  readonly metrics?: Readonly<Record<string, LintMetricType>>;
  /** The Prometheus release rules must load in. @default the current 3.x release */
  readonly prometheusVersion?: string;
  /** DiagnosticSeverity per check id, or `off`. @default each check's own (docs/lint.md) */
  readonly checks?: Readonly<Partial<Record<CheckId, SeveritySetting>>>;
  /** The scrape interval of the series rules read, for `promql/rate`'s window check. @default '30s' */
  readonly scrapeInterval?: string;
  /** The alert policy. */
  readonly required?: RequiredPolicy;
  /** Naming patterns. */
  readonly names?: NamingPolicy;
  /**
   * Group and rule fields to accept besides Prometheus's own, for other rulers (Thanos's
   * `partial_response_strategy`, Mimir's `source_tenants`). @default []
   */
  readonly extraFields?: readonly string[];
}

/** A configuration with every default filled in and every value parsed. */
export interface ResolvedLintConfig {
  readonly preset: LintPreset;
  /** 0 default, 1 recommended, 2 strict. */
  readonly tier: number;
  /** Checks whose severity the configuration sets: their recommended findings are on whatever the preset. */
  readonly explicitChecks: ReadonlySet<CheckId>;
  readonly loadSets?: readonly ResolvedLoadSet[];
  readonly metricTypes: ReadonlyMap<string, LintMetricType>;
  readonly prometheusVersion: string;
  readonly version: PrometheusVersion;
  readonly severities: ReadonlyMap<CheckId, SeveritySetting>;
  readonly scrapeIntervalMs: number;
  readonly requiredLabels: readonly string[];
  readonly severityValues: readonly string[];
  readonly requiredAnnotations: readonly string[];
  readonly forMinMs?: number;
  readonly forMaxMs?: number;
  readonly alertNamePattern: RegExp;
  readonly recordNamePattern: RegExp;
  readonly extraFields: ReadonlySet<string>;
}

/** A configuration mistake; the CLI exits 2 with its message. */
export class LintConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LintConfigError';
  }
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const DEFAULT_ALERT_NAME = '^[A-Z][A-Za-z0-9]*$';
/** recommended: a recording rule's name has a ":" (Prometheus's convention reserves them for recording rules). */
const RECOMMENDED_RECORD_NAME = '^[a-zA-Z_:][a-zA-Z0-9_:]*:[a-zA-Z0-9_:]*$';
/** strict: level:metric:operations, segments may start with digits (`:99quantile`). */
const STRICT_RECORD_NAME = '^[a-zA-Z_][a-zA-Z0-9_]*(:[a-zA-Z0-9_]+){2,}$';

/**
 * Checks a configuration and fills in defaults. `where` names its source in error messages.
 * @throws LintConfigError naming the field, the value and what is allowed.
 */
export function resolveLintConfig(config: LintConfig = {}, where = 'lint configuration'): ResolvedLintConfig {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new LintConfigError(`${where}: ${field}: ${expected} (got ${JSON.stringify(value)})`);
  };
  const raw = config as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('lint', raw, 'expected a mapping');
  const known = [
    'preset',
    'loadSets',
    'metrics',
    'prometheusVersion',
    'checks',
    'scrapeInterval',
    'required',
    'names',
    'extraFields',
  ];
  for (const key of Object.keys(raw))
    if (!known.includes(key)) fail(key, raw[key], `unknown setting; known: ${known.join(', ')}`);

  const preset = (config.preset ?? 'default') as LintPreset;
  if (!PRESETS.includes(preset)) fail('preset', config.preset, `expected one of ${PRESETS.join(', ')}`);
  const tier = PRESETS.indexOf(preset);
  let loadSets: ResolvedLoadSet[] | undefined;
  if (config.loadSets !== undefined) {
    if (!Array.isArray(config.loadSets)) fail('loadSets', config.loadSets, 'expected a list of {name, files}');
    loadSets = (config.loadSets as unknown[]).map((entry, i) => {
      const e = entry as Record<string, unknown>;
      if (
        typeof e !== 'object' ||
        e === null ||
        typeof e.name !== 'string' ||
        !Array.isArray(e.files) ||
        e.files.some((f) => typeof f !== 'string')
      ) {
        return fail(`loadSets[${i}]`, entry, 'expected {name: <string>, files: [<glob>, ...]}');
      }
      return { name: e.name, patterns: (e.files as string[]).map(globToRegExp) };
    });
  }
  const metricTypes = new Map<string, LintMetricType>();
  if (config.metrics !== undefined) {
    if (typeof config.metrics !== 'object' || config.metrics === null || Array.isArray(config.metrics))
      fail('metrics', config.metrics, 'expected a mapping of metric names to types');
    for (const [name, type] of Object.entries(config.metrics)) {
      if (!METRIC_TYPES.includes(type as LintMetricType))
        fail(`metrics.${name}`, type, `expected one of ${METRIC_TYPES.join(', ')}`);
      metricTypes.set(name, type as LintMetricType);
    }
  }
  const prometheusVersion =
    config.prometheusVersion === undefined ? DEFAULT_PROMETHEUS_VERSION : String(config.prometheusVersion);
  let version: PrometheusVersion;
  try {
    version = parsePrometheusVersion(prometheusVersion);
  } catch (e) {
    return fail(
      'prometheusVersion',
      config.prometheusVersion,
      (e as Error).message.replace(/^prometheusVersion: /, ''),
    );
  }

  const severities = new Map<CheckId, SeveritySetting>();
  const checks = (config.checks ?? {}) as Record<string, unknown>;
  if (typeof checks !== 'object' || Array.isArray(checks))
    fail('checks', checks, 'expected a mapping of check ids to error, warning, info or off');
  for (const [id, value] of Object.entries(checks)) {
    if (!findCheck(id)) fail(`checks.${id}`, id, `unknown check; checks: ${CHECKS.map((c) => c.id).join(', ')}`);
    const v = value === false ? 'off' : value;
    if (!SEVERITY_SETTINGS.includes(v as SeveritySetting))
      fail(`checks.${id}`, value, 'expected error, warning, info or off');
    severities.set(id as CheckId, v as SeveritySetting);
  }

  const duration = (field: string, value: unknown): number => {
    if (typeof value !== 'string') return fail(field, value, 'expected a duration such as "30s"');
    const d = parseDuration(value);
    if (!d.ok) return fail(field, value, d.error);
    return d.ms;
  };
  const scrapeIntervalMs =
    config.scrapeInterval === undefined ? 30_000 : duration('scrapeInterval', config.scrapeInterval);
  if (scrapeIntervalMs <= 0) fail('scrapeInterval', config.scrapeInterval, 'expected a duration greater than 0');

  const strings = (field: string, value: unknown, fallback: readonly string[]): readonly string[] => {
    if (value === undefined) return fallback;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string'))
      return fail(field, value, 'expected a list of names');
    return value as string[];
  };
  const required = (config.required ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(required)) {
    if (!['labels', 'severities', 'annotations', 'for'].includes(key))
      fail(`required.${key}`, required[key], 'unknown setting; known: labels, severities, annotations, for');
  }
  const forBounds = (required.for ?? { max: '1d' }) as Record<string, unknown>;
  if (typeof forBounds !== 'object' || forBounds === null) fail('required.for', required.for, 'expected {min, max}');
  for (const key of Object.keys(forBounds))
    if (key !== 'min' && key !== 'max') fail(`required.for.${key}`, forBounds[key], 'expected min or max');
  const forMinMs = forBounds.min === undefined ? undefined : duration('required.for.min', forBounds.min);
  const forMaxMs = forBounds.max === undefined ? undefined : duration('required.for.max', forBounds.max);

  const names = (config.names ?? {}) as Record<string, unknown>;
  const regex = (field: string, value: unknown, fallback: string): RegExp => {
    if (value === undefined) return new RegExp(fallback, 'u');
    if (typeof value !== 'string') return fail(field, value, 'expected a regular expression');
    try {
      return new RegExp(value, 'u');
    } catch (e) {
      return fail(field, value, `not a regular expression: ${(e as Error).message}`);
    }
  };
  for (const key of Object.keys(names))
    if (key !== 'alert' && key !== 'record') fail(`names.${key}`, names[key], 'expected alert or record');

  return {
    preset,
    tier,
    explicitChecks: new Set(severities.keys()),
    loadSets,
    metricTypes,
    prometheusVersion,
    version,
    severities,
    scrapeIntervalMs,
    requiredLabels: strings('required.labels', required.labels, ['severity']),
    severityValues: strings(
      'required.severities',
      required.severities,
      tier >= 2 ? [...KNOWN_SEVERITIES] : [...KNOWN_SEVERITIES, 'none'],
    ),
    requiredAnnotations: strings(
      'required.annotations',
      required.annotations,
      tier >= 2 ? ['summary', 'description', 'runbook_url'] : ['summary', 'description'],
    ),
    forMinMs,
    forMaxMs,
    alertNamePattern: regex('names.alert', names.alert, DEFAULT_ALERT_NAME),
    recordNamePattern: regex('names.record', names.record, tier >= 2 ? STRICT_RECORD_NAME : RECOMMENDED_RECORD_NAME),
    extraFields: new Set(strings('extraFields', config.extraFields, [])),
  };
}

/** The severity a finding gets: the configured one for its check, else its own default. */
export function severityFor(config: ResolvedLintConfig, check: CheckId, fallback: DiagnosticSeverity): SeveritySetting {
  return config.severities.get(check) ?? fallback;
}
