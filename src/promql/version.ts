/**
 * Prometheus versions: which release a check targets decides which functions and syntax exist.
 */

/** A Prometheus release as `major.minor`, e.g. `{ major: 2, minor: 42 }`. */
export interface PrometheusVersion {
  readonly major: number;
  readonly minor: number;
}

/**
 * The newest Prometheus release this package's grammar knows. `@prometheus-io/lezer-promql` is published
 * with every Prometheus release as `0.<major><minor>.x` (0.315.0 ships with Prometheus 3.15), and
 * the function table in functions.ts follows the same release.
 */
export const LATEST_PROMETHEUS_VERSION = '3.15';

/** The version checks target when none is given: the current 3.x release. */
export const DEFAULT_PROMETHEUS_VERSION = LATEST_PROMETHEUS_VERSION;

/**
 * Parses `"2.42"`, `"2.42.0"`, `"v3.5.1"` or `"3"`.
 * @throws Error naming the value and the expected form when it is not a version.
 */
export function parsePrometheusVersion(text: string): PrometheusVersion {
  const hit = parsed.get(text);
  if (hit) return hit;
  const version = parseVersionText(text);
  parsed.set(text, version);
  return version;
}

/** Versions are parsed once each: every check of every rule asks. */
const parsed = new Map<string, PrometheusVersion>();

function parseVersionText(text: string): PrometheusVersion {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (!m) {
    throw new Error(
      `prometheusVersion: "${text}" is not a Prometheus version; expected "major.minor" such as "2.42" or "3.5"`,
    );
  }
  const version: PrometheusVersion = Object.freeze({
    major: Number(m[1]),
    minor: m[2] === undefined ? 0 : Number(m[2]),
  });
  if (version.major < 2) {
    throw new Error(
      `prometheusVersion: "${text}" is older than Prometheus 2.0, which this package does not model; use "2.x" or "3.x"`,
    );
  }
  return version;
}

/** True when `v` is the release `since` or a later one. */
export function isAtLeast(v: PrometheusVersion, since: string): boolean {
  const s = parsePrometheusVersion(since);
  return v.major !== s.major ? v.major > s.major : v.minor >= s.minor;
}

/** `"2.42"` for `{ major: 2, minor: 42 }`. */
export function formatVersion(v: PrometheusVersion): string {
  return `${v.major}.${v.minor}`;
}
